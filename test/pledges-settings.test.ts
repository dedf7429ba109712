// The status list (and what counts toward 완료율, 이행률, what needs the panel) and the budget sources are settings of
// the pledge component, edited in the generated admin form as one-per-line lists; seed 001's budget rule still gives
// 116 = 0 + 0 + 15 + 14 + 29 + 29 + 29 with the city's own sources.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import { pledgeSettingsOf, pledgeTracker, statusDefs } from '../src/modules/pledges/tracker.ts';
import { budgetTotals, defaultPledgeSettings } from '../src/modules/pledges/domain/index.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCommand } from '../src/modules/pledges/import.ts';
import { demoEvaluationFile } from '../src/modules/evaluations/demo/index.ts';
import { getRun } from '../src/modules/evaluations/store.ts';
import { distributionTable, gradeDistribution } from '../src/modules/evaluations/domain/index.ts';

let t: TestApp;
let compId = 0;
before(async () => {
  t = await testApp();
  compId = (await t.p.db.selectFrom('components').select('id').where('type', '=', 'pledges').executeTakeFirstOrThrow())
    .id;
});
after(async () => {
  await t.close();
});
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

const form = (over: Record<string, string> = {}) => ({
  programName: '민선7기 시민과의 약속',
  layout: 'suwon-2021',
  budgetUnit: '백만원',
  publication: 'half-yearly',
  panelMaxMembers: '20',
  photoMaxMegabytes: '5',
  statuses: '완료\n이행 후 계속추진\n정상추진\n일부추진\n보류\n폐기\n기타',
  completedStatuses: '완료\n이행 후 계속추진',
  implementedStatuses: '완료\n이행 후 계속추진\n정상추진',
  continuingStatuses: '이행 후 계속추진',
  approvalStatuses: '보류\n폐기',
  budgetSources: '국비\n도비\n시비\n민간자본',
  reason: '',
  ...over,
});

test('the default lists are exactly the domain defaults', () => {
  assert.deepEqual(statusDefs(pledgeTracker.settings.parse({})), defaultPledgeSettings().statuses);
  assert.deepEqual(pledgeTracker.settings.parse({}).budgetSources, ['국비', '도비', '시비', '민간자본']);
});

test('the admin form shows the lists one per line and refuses bad ones in Korean, keeping what was typed', async () => {
  const c = new Client(t);
  await c.loginAs('admin');
  const { html } = await c.get(`/admin/components/${compId}`);
  assert.match(html, /<label for="f-statuses">공약 상태 목록<span class="required"> \*<\/span><\/label>/);
  assert.match(
    html,
    /<textarea id="f-statuses" name="statuses"[^>]*>완료\n이행 후 계속추진\n정상추진\n일부추진\n보류\n폐기\n기타<\/textarea>/,
  );
  assert.match(
    html,
    /<textarea id="f-budgetSources" name="budgetSources"[^>]*aria-describedby="f-budgetSources-help"[^>]*>국비\n도비\n시비\n민간자본<\/textarea>/,
  );
  const bad = await c.post(
    `/admin/components/${compId}`,
    form({ completedStatuses: '완료\n없는상태', budgetSources: '\n  \n', approvalStatuses: '보류\n보류' }),
  );
  assert.equal(bad.status, 422);
  const b = decode(await bad.text());
  assert.match(b, /id="f-completedStatuses-error">상태 목록에 없는 상태입니다: 없는상태</);
  assert.match(b, /id="f-budgetSources-error">1줄 이상 적어 주세요\.</);
  assert.match(b, /id="f-approvalStatuses-error">'보류'이\(가\) 두 번 적혀 있습니다\.</);
  assert.match(b, />완료\n없는상태<\/textarea>/);
  assert.match(b, /<div class="alert alert-danger" role="alert"/);
  const en = decode(
    await (await c.post(`/admin/components/${compId}?lang=en`, form({ completedStatuses: '없는상태' }))).text(),
  );
  assert.match(en, /Not in the status list: 없는상태/);
  assert.deepEqual(
    (await pledgeSettingsOf(t.p.db)).settings.budgetSources,
    ['국비', '도비', '시비', '민간자본'],
    'nothing saved',
  );
});

test('saved lists drive the cards and the dashboard; seed 001 still totals 116 with the city’s own sources; on the record', async () => {
  const c = new Client(t);
  await c.loginAs('admin');
  const ok = await c.post(
    `/admin/components/${compId}`,
    form({
      statuses: '완료\n이행 후 계속추진\n정상추진\n일부추진\n추진 불가\n보류\n폐기\n기타',
      approvalStatuses: '추진 불가\n보류\n폐기',
      completedStatuses: '완료',
      budgetSources: '국비\n도비\n시비\n구비\n민간자본',
      reason: '자치구 재원 체계와 상태 목록 정비',
    }),
  );
  assert.equal(ok.status, 303);
  const { settings } = await pledgeSettingsOf(t.p.db);
  assert.deepEqual(settings.budgetSources, ['국비', '도비', '시비', '구비', '민간자본']);
  assert.equal(settings.statuses.find((x) => x.code === '추진 불가')?.requiresApproval, true);
  // Aliases of known statuses still import ('완료 지속추진' is 이행 후 계속추진).
  assert.deepEqual(
    settings.statuses.find((x) => x.code === '이행 후 계속추진')?.aliases.includes('완료 지속추진'),
    true,
  );

  const id001 = (await store.pledgeIdByCode(t.p.db, '001'))!;
  const p = (await store.getPledge(t.p.db, id001))!.pledge;
  const totals = budgetTotals(p.budget, '2021-03-31', settings.budgetSources);
  assert.equal(totals.total, 116);
  assert.deepEqual(
    totals.periods.map((x) => x.value),
    [0, 0, 15, 14, 29, 29, 29],
  );
  const card = text((await c.get(`/pledges/${id001}`)).html);
  assert.match(
    card,
    /계 116 0 0 0 31 15 32 14 29 0 29 29 국비 0 도비 0 시비 116 31 15 32 14 29 0 29 29 구비 0 민간자본 0/,
  );

  // 이행 후 계속추진 no longer counts toward 완료율: 1 of 3; the new status is listed.
  const dash = text((await c.get('/pledges')).html);
  assert.match(dash, /33\.3% 완료율 \(1\/3\)/);
  assert.match(dash, /일부추진 0 추진 불가 0 보류 0/);
  // The new status needs the panel: set directly, it is refused and nothing changes.
  const direct = await c.post(`/pledges/${id001}/report`, {
    progressPercent: '100',
    asOf: '2021-03-31',
    status: '추진 불가',
  });
  assert.equal(direct.status, 409);
  assert.match(decode(await direct.text()), /'추진 불가' 상태 변경은 평가단 승인이 필요합니다/);
  assert.equal((await store.getPledge(t.p.db, id001))!.pledge.status, '이행 후 계속추진');
  const rec = await t.p.db
    .selectFrom('audit_log')
    .select(['before', 'after', 'reason'])
    .where('action', '=', 'settings.update')
    .where('target_id', '=', String(compId))
    .executeTakeFirstOrThrow();
  assert.equal(rec.reason, '자치구 재원 체계와 상태 목록 정비');
  assert.deepEqual(
    [
      (rec.before as { budgetSources: string[] }).budgetSources.length,
      (rec.after as { budgetSources: string[] }).budgetSources.length,
    ],
    [4, 5],
  );
});

test('the evaluation grade scale is a setting: refused in Korean when it is not a scale; a saved scale decides which grades an import accepts and how they are counted', async () => {
  const c = new Client(t);
  await c.loginAs('admin');
  const { html } = await c.get(`/admin/components/${compId}`);
  assert.match(
    html,
    /<textarea id="f-gradeScale" name="gradeScale"[^>]*>A\+ 105\nA 95\nB\+ 90\nB 85\nC\+ 80\nC 70\nD\+ 60\nD 50\nE 0<\/textarea>/,
  );
  const bad = await c.post(`/admin/components/${compId}`, form({ gradeScale: 'S 100\nA 110\nB 5' }));
  assert.equal(bad.status, 422);
  const b = decode(await bad.text());
  assert.match(b, /등급 기준은 내림차순이어야 합니다/);
  assert.match(b, /마지막 등급은 0%부터입니다/);
  assert.match(b, />S 100\nA 110\nB 5<\/textarea>/, 'what was typed is kept');
  const malformed = decode(
    await (await c.post(`/admin/components/${compId}`, form({ gradeScale: 'S 백\nB 0' }))).text(),
  );
  assert.match(malformed, /1번째 줄 'S 백': 등급과 시작 달성률\(%\)을 'A\+ 105'처럼 적어 주세요/);

  assert.equal(
    (await c.post(`/admin/components/${compId}`, form({ gradeScale: 'S 100\nA 90\nB 0', reason: '3단계 평가로 바꿈' })))
      .status,
    303,
  );
  const template = await (await c.get('/admin/evaluations/template.csv')).html;
  assert.match(template, /,113%,S,/, 'the example row is graded on the city’s scale');
  const dir = mkdtempSync(join(tmpdir(), 'madang-grades-'));
  try {
    const seed = demoEvaluationFile().toString('utf8');
    const io = { out: [] as string[], err: [] as string[] };
    const run = (file: string) =>
      importCommand(
        t.p.db,
        ['evaluation', file],
        (s) => io.out.push(s),
        (s) => io.err.push(s),
      );
    writeFileSync(join(dir, 'as-printed.csv'), seed);
    assert.equal(await run(join(dir, 'as-printed.csv')), 1, 'A+ is not a grade of this city any more');
    assert.match(io.err.join('\n'), /'평가등급'\(grade\)/);
    // The same results graded on the city's scale: A+ → S, A and B+ → A, the rest → B.
    const regraded = seed.replace(
      /,(A\+|A|B\+|C\+|C|D|E),/g,
      (_, g: string) => `,${g === 'A+' ? 'S' : g === 'A' || g === 'B+' ? 'A' : 'B'},`,
    );
    writeFileSync(join(dir, 'regraded.csv'), regraded);
    assert.equal(await run(join(dir, 'regraded.csv')), 0, io.err.join('\n'));
    const runId = (
      await t.p.db.selectFrom('evaluation_runs').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
    ).id;
    const saved = (await getRun(t.p.db, runId))!;
    assert.deepEqual(
      saved.settings.grades.map((g) => g.grade),
      ['S', 'A', 'B'],
    );
    assert.deepEqual(distributionTable(gradeDistribution(saved.input.results, saved.settings)).body[0].cells, [
      '45 (100%)',
      '13 (29%)',
      '9 (20%)',
      '11 (24%)',
      '7 (16%)',
      '5 (11%)',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pledge comments: personal data is blocked by default, or masked before publication when the city chooses so', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const pledgeId = (await t.p.db.selectFrom('pledges').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const citizen = new Client(t);
  await citizen.loginAs('citizen-3');
  const text = '제 번호 010-2345-6789로 이 공약 설명회 일정을 알려 주세요.';
  assert.equal((await citizen.post(`/pledges/${pledgeId}/comments`, { body: text })).status, 422, 'blocked by default');
  assert.equal((await admin.post(`/admin/components/${compId}`, form({ commentPiiAction: 'mask' }))).status, 303);
  assert.equal((await citizen.post(`/pledges/${pledgeId}/comments`, { body: text })).status, 303, 'published, masked');
  const rows = await t.p.db
    .selectFrom('comments')
    .select('body')
    .where('target_type', '=', 'pledge')
    .where('target_id', '=', pledgeId)
    .execute();
  const saved = rows.map((r) => r.body).find((b) => b.includes('설명회 일정'));
  assert.ok(saved, 'the comment is stored');
  assert.doesNotMatch(saved!, /2345-6789/, 'the number is not stored as written');
  assert.match(saved!, /010-\*{4}-\*{4}|\*/, 'it is masked');
});

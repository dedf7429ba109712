// `madang import pledges|evaluation`: the seed fixtures go in through the CLI function, land in the database faithfully,
// are audited, and a file with any bad row imports nothing.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testApp, type TestApp } from './helpers.ts';
import { importCommand } from '../src/modules/pledges/import.ts';
import { DEMO_DIR } from '../src/modules/pledges/demo/index.ts';
import * as store from '../src/modules/pledges/store.ts';
import { getRun } from '../src/modules/evaluations/store.ts';
import { budgetTotals, PledgeSettings, importPledgesCsv } from '../src/modules/pledges/domain/index.ts';
import { gradeDistribution, distributionTable } from '../src/modules/evaluations/domain/index.ts';
import { verifyAudit } from '../src/platform/audit.ts';

const SEEDS = DEMO_DIR;
const EVAL_SEED = fileURLToPath(new URL('../src/modules/evaluations/demo/003_evaluation_2021.csv', import.meta.url));
let t: TestApp;
const tmp = mkdtempSync(join(tmpdir(), 'madang-pledges-'));
before(async () => {
  t = await testApp({ seed: false });
});
after(async () => {
  await t.close();
  rmSync(tmp, { recursive: true, force: true });
});

const capture = () => {
  const out: string[] = [],
    err: string[] = [];
  return { out, err, o: (s: string) => out.push(s), e: (s: string) => err.push(s) };
};

test('import pledges: seed 001 through the CLI, stored faithfully, budget total 116, audited', async () => {
  const c = capture();
  const code = await importCommand(t.p.db, ['pledges', join(SEEDS, '001'), '--layout', 'suwon-2021'], c.o, c.e);
  assert.equal(code, 0, c.err.join('\n'));
  assert.match(c.out.join('\n'), /공약 1건/);
  const id = await store.pledgeIdByCode(t.p.db, '001');
  assert.ok(id);
  const stored = (await store.getPledge(t.p.db, id!))!;
  // Round trip: what the domain import produced is exactly what the database gives back.
  const files = readdirSync(join(SEEDS, '001')).map((n) => ({
    name: n,
    text: readFileSync(join(SEEDS, '001', n), 'utf8'),
  }));
  const direct = importPledgesCsv(files, PledgeSettings.parse({}));
  assert.ok(direct.ok);
  const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
  assert.deepEqual(plain(stored.pledge), plain(direct.value.pledges[0]));
  assert.equal(stored.layout, 'suwon-2021');
  assert.equal(budgetTotals(stored.pledge.budget, '2021-03-31', ['국비', '도비', '시비', '민간자본']).total, 116);
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'pledge.import')
    .where('target_id', '=', String(id))
    .executeTakeFirstOrThrow();
  assert.equal(rec.actor_label, 'madang import (CLI)');
  assert.ok((await verifyAudit(t.p.db)).ok);
  // Importing again replaces the pledge under the same id.
  assert.equal(await importCommand(t.p.db, ['pledges', join(SEEDS, '001')], c.o, c.e), 0);
  assert.equal(await store.pledgeIdByCode(t.p.db, '001'), id);
  assert.equal((await store.allPledges(t.p.db)).length, 1);
});

test('import pledges: one bad row anywhere → row-numbered errors and nothing imported', async () => {
  const dir = join(tmp, 'bad');
  rmSync(dir, { recursive: true, force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir);
  for (const n of readdirSync(join(SEEDS, '000'))) writeFileSync(join(dir, n), readFileSync(join(SEEDS, '000', n)));
  // A second pledge that is fine, and a budget row whose amount is not a number.
  const pledges = readFileSync(join(dir, '공약.csv'), 'utf8');
  writeFileSync(
    join(dir, '공약.csv'),
    pledges.replace(/\r\n$/, '') + '\r\n900,좋은 공약,,2022.12,정책기획과,정상추진,10,,2020-12-31,,,,,,,,\r\n',
  );
  const budget = readFileSync(join(dir, '예산.csv'), 'utf8');
  writeFileSync(
    join(dir, '예산.csv'),
    budget.replace(/\r\n$/, '') + '\r\n000,2019년,2019-01-01,2019-12-31,,시비,열,,\r\n',
  );
  const before = (await store.allPledges(t.p.db)).length;
  const c = capture();
  assert.equal(await importCommand(t.p.db, ['pledges', dir], c.o, c.e), 1);
  const text = c.err.join('\n');
  assert.match(text, /\[예산\] \d+행 '확보'\(secured\): 숫자가 아닙니다/);
  assert.match(text, /nothing imported/);
  assert.equal((await store.allPledges(t.p.db)).length, before);
  assert.equal(await store.pledgeIdByCode(t.p.db, '900'), undefined);
});

test('import evaluation: seed 003 through the CLI; the grade table is exactly the printed one', async () => {
  const c = capture();
  const code = await importCommand(
    t.p.db,
    [
      'evaluation',
      EVAL_SEED,
      '--title',
      '2021년 주민참여사업 이행사항 점검결과 보고',
      '--date',
      '2022. 6.',
      '--organization',
      '시 민 협 력 국',
      '--basis',
      '「서울특별시 주민참여 기본조례」 제4조 2항',
      '--basis',
      '제2차 서울시 주민참여 기본계획(자치행정과-8777, 2019.4.30.)',
      '--plan',
      "'22. 6. : 이행사항 점검결과 알림(전 부서) 및 대시민 공개(홈페이지)",
    ],
    c.o,
    c.e,
  );
  assert.equal(code, 0, c.err.join('\n'));
  assert.match(c.out.join('\n'), /추진과제 45건/);
  assert.match(c.out.join('\n'), /경고 \d+행 \(5\)/); // printed 95% for 2,000 of 2,000
  const runId = (
    await t.p.db.selectFrom('evaluation_runs').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()
  ).id;
  const run = (await getRun(t.p.db, runId))!;
  assert.equal(run.input.results.length, 45);
  // Seed 003's 추진근거 and 향후계획 come in through the command line, in order, as the report prints them.
  assert.deepEqual(
    run.input.basis.map((b) => b.text),
    ['「서울특별시 주민참여 기본조례」 제4조 2항', '제2차 서울시 주민참여 기본계획(자치행정과-8777, 2019.4.30.)'],
  );
  assert.deepEqual(
    run.input.plans.map((b) => b.text),
    ["'22. 6. : 이행사항 점검결과 알림(전 부서) 및 대시민 공개(홈페이지)"],
  );
  assert.equal(run.input.organization, '시 민 협 력 국');
  const table = distributionTable(gradeDistribution(run.input.results, run.settings));
  assert.deepEqual(table.body[0].cells, [
    '45 (100%)',
    '13 (29%)',
    '8 (18%)',
    '1 (2%)',
    '-',
    '3 (7%)',
    '2 (4%)',
    '-',
    '2 (4%)',
    '4 (9%)',
    '7 (16%)',
    '5 (11%)',
  ]);
  assert.ok(
    await t.p.db.selectFrom('audit_log').select('seq').where('action', '=', 'evaluation.import').executeTakeFirst(),
  );
});

test('import evaluation: a bad grade → nothing imported; usage errors exit 2', async () => {
  const f = join(tmp, 'bad-eval.csv');
  const seed = readFileSync(EVAL_SEED, 'utf8');
  writeFileSync(f, seed.replace(',A+,', ',Z,'));
  const runs = (await t.p.db.selectFrom('evaluation_runs').select('id').execute()).length;
  const c = capture();
  assert.equal(await importCommand(t.p.db, ['evaluation', f], c.o, c.e), 1);
  assert.match(c.err.join('\n'), /\[이행사항점검\] 2행 '평가등급'\(grade\)/);
  assert.equal((await t.p.db.selectFrom('evaluation_runs').select('id').execute()).length, runs);
  assert.equal(await importCommand(t.p.db, ['nothing'], c.o, c.e), 2);
  assert.equal(await importCommand(t.p.db, ['pledges', join(tmp, 'no-such-file.csv')], c.o, c.e), 2);
});

test('re-import of a published pledge: a governed change or a cleared 공개일 is refused by row, nothing is imported, history stays', async () => {
  const { mkdirSync } = await import('node:fs');
  const copy = (name: string, edit: (csv: string) => string) => {
    const dir = join(tmp, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    for (const n of readdirSync(join(SEEDS, '001'))) writeFileSync(join(dir, n), readFileSync(join(SEEDS, '001', n)));
    writeFileSync(join(dir, '공약.csv'), edit(readFileSync(join(dir, '공약.csv'), 'utf8')));
    return dir;
  };
  const c = capture();
  assert.equal(
    await importCommand(t.p.db, ['pledges', join(SEEDS, '001'), '--layout', 'suwon-2021'], c.o, c.e),
    0,
    c.err.join('\n'),
  );
  const id = (await store.pledgeIdByCode(t.p.db, '001'))!;
  // An approved change request has been applied since: its record is the public 사업변경내역.
  const approved = {
    date: '2021-05-01',
    item: 'other' as const,
    before: '',
    after: '협치 아카데미 추가',
    reason: '시민평가단 승인',
    requestId: '7',
  };
  await t.p.db.transaction().execute(async (trx) => {
    const s = (await store.getPledge(trx, id))!;
    await store.savePledge(
      trx,
      { ...s.pledge, changes: [approved] },
      { layout: s.layout, actor: { id: null, label: 'test' }, action: 'pledge.change.apply' },
    );
  });
  const before = (await store.getPledge(t.p.db, id))!.pledge;
  // A second, new pledge in the same file must not slip in: the import is all or nothing.
  const addNew = (csv: string) =>
    csv.replace(/\r\n$/, '') + '\r\n901,새 공약,약속,2022.12,정책기획과,정상추진,10,,2021-03-31,,,,,,,,,\r\n';

  const status = copy('reimport-status', (csv) => addNew(csv.replace(',완료지속추진,100,', ',정상추진,100,')));
  const e1 = capture();
  assert.equal(await importCommand(t.p.db, ['pledges', status], e1.o, e1.e), 1);
  assert.match(
    e1.err.join('\n'),
    /\[공약\] 2행 '공약번호'\(pledge id\): 공약 001: 공개된 공약\(공개일 2021-03-31\)의 상태 항목은 가져오기로 바꿀 수 없습니다\. 변경 요청을 올려 시민평가단 승인을 받으세요/,
  );
  assert.match(e1.err.join('\n'), new RegExp(`/pledges/${id}/changes`));
  assert.match(e1.err.join('\n'), /아무것도 가져오지 않았습니다/);

  const unpublish = copy('reimport-unpublish', (csv) => csv.replace(/,2021-03-31\r\n$/, ',\r\n'));
  const e2 = capture();
  assert.equal(await importCommand(t.p.db, ['pledges', unpublish], e2.o, e2.e), 1);
  assert.match(e2.err.join('\n'), /\[공약\] 2행 .*공개일 2021-03-31\)의 공개일을 지울 수 없습니다/);

  const after1 = (await store.getPledge(t.p.db, id))!.pledge;
  assert.equal(after1.status, before.status);
  assert.equal(after1.publishedAt, '2021-03-31');
  assert.deepEqual(after1.changes, [approved]);
  assert.equal(await store.pledgeIdByCode(t.p.db, '901'), undefined);

  // What a department reports (진도율 here) may still come in by import; the approved change record stays.
  const progress = copy('reimport-progress', (csv) => csv.replace(',완료지속추진,100,', ',완료지속추진,95,'));
  const ok = capture();
  assert.equal(await importCommand(t.p.db, ['pledges', progress], ok.o, ok.e), 0, ok.err.join('\n'));
  const after2 = (await store.getPledge(t.p.db, id))!.pledge;
  assert.equal(after2.progressPercent, 95);
  assert.deepEqual(after2.changes, [approved]);
});

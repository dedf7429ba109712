// Public pledge pages on the demo city: dashboard with filters and figures, the card page of seed 000 with every
// section, comments, downloads from the same report model, the evaluation report with seed 003's grade table,
// and the admin import page (templates, all-or-nothing upload).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import { readXlsx } from '../src/modules/pledges/domain/index.ts';
import { demoEvaluationFile } from '../src/modules/evaluations/demo/index.ts';
import { importCommand } from '../src/modules/pledges/import.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

let t: TestApp;
let id000 = 0,
  id001 = 0;
before(async () => {
  t = await testApp();
  id000 = (await store.pledgeIdByCode(t.p.db, '000'))!;
  id001 = (await store.pledgeIdByCode(t.p.db, '001'))!;
});
after(async () => {
  await t.close();
});

/** Response.text() drops a BOM; downloads must keep it for Korean Excel. */
const withBom = async (r: Response) => {
  const b = Buffer.from(await r.arrayBuffer());
  assert.deepEqual([...b.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  return b.toString('utf8');
};
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

test('dashboard: counts by status, 완료율, 목표달성률, 이행률, filters by department', async () => {
  const c = new Client(t);
  const { res, html } = await c.get('/pledges');
  assert.equal(res.status, 200);
  assert.match(html, /<title>공약 이행 현황 \|/);
  const s = text(html);
  assert.match(s, /100\.0% 완료율 \(3\/3\)/);
  assert.match(s, /100\.0% 이행률\(임기내\) \(3\/3\)/);
  // The year shown is that of the latest 기준일 (2023-12-31, seed 002); no 2023 target has an actual yet.
  assert.match(s, /자료 없음 목표달성률 2023 \(0\/0\)/);
  assert.match(s, /완료 1 이행 후 계속추진 2 정상추진 0/);
  assert.match(html, /<th scope="col">상태<\/th>/);
  assert.match(html, new RegExp(`href="/pledges/${id000}"`));
  const filtered = await c.get('/pledges?department=' + encodeURIComponent('정보통신과'));
  assert.match(filtered.html, new RegExp(`href="/pledges/${id000}"`));
  assert.doesNotMatch(filtered.html, new RegExp(`href="/pledges/${id001}"`));
  assert.match(filtered.html, /<title>공약 이행 현황 \(공약 찾기\)/);
  const en = await c.get('/pledges?lang=en');
  assert.match(en.html, /Completion rate/);
});

test('seed 000 card page shows every section of the original, with accessible tables and print CSS', async () => {
  const c = new Client(t);
  const { res, html } = await c.get(`/pledges/${id000}`);
  assert.equal(res.status, 200);
  for (const h of [
    '1. 사업개요',
    '2. 예산투자현황 및 투자계획',
    '3. 연도별 성과지표',
    '4. 성과지표별 추진현황(2020. 12. 31. 기준)',
    '○ 2020 상반기 시민과의 약속 평가결과의 개선 및 제안사항에 대한 추진실적',
    '5. 추진성과',
    '6. 추진 중 사업 분석',
    '【문제점】',
    '7. 향후 추진계획',
    '민선7기 시민과의 약속 정책실명제',
  ]) {
    assert.ok(decode(html).includes(`>${h}</h`), `missing heading ${h}`);
  }
  assert.match(html, /<th scope="col"[^>]*>구분<\/th>/);
  assert.match(html, /<caption>예산투자현황 및 투자계획<\/caption>/);
  assert.match(html, /href="\/pledges\/report.css"/);
  assert.match(text(html), /박사승/);
  const css = await c.get('/pledges/report.css');
  assert.match(css.html, /@page \{ size: A4/);
  assert.equal((await c.get('/pledges/999999')).res.status, 404);
});

test('seed 001 card: budget total 116 on the page, XLSX one sheet per table, CSV with BOM, JSON', async () => {
  const c = new Client(t);
  const { html } = await c.get(`/pledges/${id001}`);
  assert.match(text(html), /계 116 0 0 0 31 15 32 14 29 0 29 29/);
  const x = await c.request(`/pledges/${id001}/card.xlsx`);
  assert.equal(x.status, 200);
  const sheets = await readXlsx(Buffer.from(await x.arrayBuffer()));
  assert.ok(sheets.some((s) => s.name === '예산투자현황 및 투자계획'));
  const csv = await withBom(await c.request(`/pledges/${id001}/tables/budget.csv`));
  assert.ok(csv.startsWith('\uFEFF구분,소요예산 (a~g합계)'));
  const json = (await (await c.request(`/pledges/${id001}/card.json`)).json()) as { pledge: { id: string } };
  assert.equal(json.pledge.id, '001');
  const open = (await (await c.request('/pledges/open-data.json')).json()) as { pledges: unknown[] };
  assert.equal(open.pledges.length, 3);
  assert.ok((await withBom(await c.request('/pledges/open-data.csv'))).startsWith('\uFEFF공약번호,비전'));
});

test('seed 002 card page (2023 layout): budget 300, 확인지표, 추진실적 with 운영실적 874 = 304 + 254 + 181 + 135, 홍보실적 from the communication card', async () => {
  const c = new Client(t);
  const id002 = (await store.pledgeIdByCode(t.p.db, '002'))!;
  const { html } = await c.get(`/pledges/${id002}`);
  const s = text(html);
  for (const h of [
    '□ 사업목표',
    '□ 사업개요',
    '□ 예산투자 현황 및 계획',
    '□ 연차별 이행확인지표',
    '□ 추진실적(2023.12.31.기준)',
    '○ 계획수립',
    '□ 사업 홍보실적',
    '□ 향후추진 계획',
  ]) {
    assert.ok(decode(html).includes(`>${h}</h`), `missing heading ${h}`);
  }
  assert.match(s, /계 300 300 283 - - - -/);
  assert.match(html, /<caption>2023년 새빛톡톡 운영실적<\/caption>/);
  assert.match(
    s,
    /\(단위:건\) 2023년 새빛톡톡 운영실적 계 제안토론 설문투표 신청접수 맞춤정보 비고 874 304 254 181 135/,
  );
  assert.match(s, /▶ 새빛톡톡 론칭쇼 언론보도 \(2023\.7\.24\.\)/);
  assert.match(s, /담당부서 시민소통과 과장 신성용\(3860\)/);
  // The press scraps are entries of the communication card, counted in its 총괄.
  assert.match(text((await c.get(`/pledges/${id002}/communication`)).html), /구민소통 총괄 .*0회 0회 0회 3회 0회/);
});

test('comment board per pledge: sign-in required, errors kept next to the field, PII blocked', async () => {
  const anon = new Client(t);
  assert.equal((await anon.post(`/pledges/${id000}/comments`, { body: '좋아요' })).status, 303);
  const c = new Client(t);
  await c.loginAs('citizen-1');
  const empty = await c.post(`/pledges/${id000}/comments`, { body: '  ' });
  assert.equal(empty.status, 422);
  assert.match(await empty.text(), /내용을 입력하세요/);
  const pii = await c.post(`/pledges/${id000}/comments`, { body: '제 번호는 010-1234-5678 입니다' });
  assert.equal(pii.status, 422);
  assert.match(await pii.text(), /010-1234-5678 입니다<\/textarea>/);
  const ok = await c.post(`/pledges/${id000}/comments`, { body: '만민광장을 잘 쓰고 있습니다.' });
  assert.equal(ok.status, 303);
  assert.match((await c.get(`/pledges/${id000}`)).html, /만민광장을 잘 쓰고 있습니다/);
});

test('evaluation report: seed 003 grade table as printed, downloads', async () => {
  const c = new Client(t);
  const list = await c.get('/evaluations');
  const m = list.html.match(/href="\/evaluations\/(\d+)"/);
  assert.ok(m);
  const { html } = await c.get(`/evaluations/${m![1]}`);
  assert.match(html, /<title>2021년 주민참여사업 이행사항 점검결과 보고 \|/);
  assert.match(
    text(html),
    /45 \(100%\) 13 \(29%\) 8 \(18%\) 1 \(2%\) - 3 \(7%\) 2 \(4%\) - 2 \(4%\) 4 \(9%\) 7 \(16%\) 5 \(11%\)/,
  );
  assert.match(text(html), /대 상 : 4개 분야, 13개 사업, 40개 과제, 45개 추진과제/);
  const x = await c.request(`/evaluations/${m![1]}/report.xlsx`);
  const sheets = await readXlsx(Buffer.from(await x.arrayBuffer()));
  assert.deepEqual(
    sheets.map((s) => s.name),
    ['개요', '점검결과', '추진과제별 점검결과'],
  );
  assert.ok(
    (await (await c.request(`/evaluations/${m![1]}/tables/grade-distribution.csv`)).text()).includes(
      '45 (100%),13 (29%)',
    ),
  );
  // The planning office sets a final grade; one that differs from the suggested one needs a reason; on the record.
  assert.equal((await c.post(`/evaluations/${m![1]}/grade`, { code: '4', grade: 'A', reason: '' })).status, 303); // anonymous → sign in
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.post(`/evaluations/${m![1]}/grade`, { code: '4', grade: 'A', reason: 'x' })).status, 403);
  const planning = new Client(t);
  await planning.loginAs('planning');
  const refused = await planning.post(`/evaluations/${m![1]}/grade`, { code: '4', grade: 'A', reason: '' });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /제안 등급\(B\)과 다른 등급에는 사유가 필요합니다/);
  assert.equal(
    (await planning.post(`/evaluations/${m![1]}/grade`, { code: '4', grade: 'A', reason: '여론조사 품질 개선' }))
      .status,
    303,
  );
  assert.match(
    text((await c.get(`/evaluations/${m![1]}`)).html),
    /45 \(100%\) 13 \(29%\) 9 \(20%\) 1 \(2%\) - 2 \(4%\)/,
  );
  assert.ok(
    await t.p.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'evaluation.grade')
      .where('reason', '=', '여론조사 품질 개선')
      .executeTakeFirst(),
  );
});

test('admin import page: templates for planning/admin only; a bad upload imports nothing and lists rows', async () => {
  const official = new Client(t);
  await official.loginAs('official-roads');
  assert.equal((await official.get('/admin/pledges')).res.status, 403);
  const c = new Client(t);
  await c.loginAs('planning');
  const { res } = await c.get('/admin/pledges');
  assert.equal(res.status, 200);
  const tpl = await c.request('/admin/pledges/template.xlsx');
  assert.equal(tpl.status, 200);
  const csvTpl = await c.request(`/admin/pledges/template/${encodeURIComponent('예산')}.csv`);
  assert.ok((await withBom(csvTpl)).startsWith('\uFEFF공약번호,기간'));
  const before = (await store.allPledges(t.p.db)).length;
  const form = new FormData();
  form.set('_csrf', c.csrf);
  form.set('title', '2021년 주민참여사업 이행사항 점검결과 보고');
  form.set('basis', '「서울특별시 주민참여 기본조례」 제4조 2항\n제2차 서울시 주민참여 기본계획');
  form.set(
    'file',
    new File([demoEvaluationFile().toString('utf8').replace(',A+,', ',Z,')], 'bad.csv', { type: 'text/csv' }),
  );
  const bad = await c.request('/admin/evaluations/import', { method: 'POST', body: form });
  assert.equal(bad.status, 422);
  const badHtml = await bad.text();
  assert.match(badHtml, /<td class="num">2<\/td><td>평가등급<\/td>/);
  assert.match(
    badHtml,
    />「서울특별시 주민참여 기본조례」 제4조 2항\n제2차 서울시 주민참여 기본계획<\/textarea>/,
    'what was typed is kept',
  );
  // The report's front matter goes in with the file: 추진근거 and 향후계획 one per line, as seed 003 prints them.
  const good = new FormData();
  good.set('_csrf', c.csrf);
  for (const [k, v] of Object.entries({
    title: '2021년 주민참여사업 이행사항 점검결과 보고',
    date: '2022. 6.',
    organization: '시 민 협 력 국',
    basis: '「서울특별시 주민참여 기본조례」 제4조 2항\n제2차 서울시 주민참여 기본계획',
    plans: "'22. 6. : 이행사항 점검결과 알림(전 부서) 및 대시민 공개(홈페이지)",
  }))
    good.set(k, v);
  good.set('file', new File([demoEvaluationFile()], '003.csv', { type: 'text/csv' }));
  const made = await c.request('/admin/evaluations/import', { method: 'POST', body: good });
  assert.equal(made.status, 303);
  const report = text((await c.get(made.headers.get('location')!)).html);
  assert.match(
    report,
    /□ 추진근거 ○ 「서울특별시 주민참여 기본조례」 제4조 2항 ○ 제2차 서울시 주민참여 기본계획 □ 점검개요/,
  );
  assert.match(report, /□ 향후계획 ○ '22\. 6\. : 이행사항 점검결과 알림\(전 부서\) 및 대시민 공개\(홈페이지\)/);
  const up = new FormData();
  up.set('_csrf', c.csrf);
  up.set('file', await tpl.blob().then((b) => new File([b], 'template.xlsx')));
  const ok = await c.request('/admin/pledges/import', { method: 'POST', body: up });
  assert.equal(ok.status, 303);
  assert.equal((await store.allPledges(t.p.db)).length, before + 1);
});

test('the pledge page shows every attribute the city keeps and the unit projects (단위사업), whatever the card layout', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'madang-units-'));
  try {
    writeFileSync(
      join(dir, '공약.csv'),
      '\ufeff공약번호,공약명,목표연월,담당부서,상태,전체진도율,기준일,사업기간,사업대상,소요예산\r\n' +
        '901,어린이 통학로 안전 개선,2026.06,도로교통과,정상추진,40,2025-12-31,2023. 1월 ~ 2026. 6월,관내 초등학교 통학로,1200\r\n',
    );
    writeFileSync(
      join(dir, '단위사업.csv'),
      '\ufeff공약번호,단위사업번호,단위사업명,유형,재원,임기구분,목표연월,사업주체,소요예산,상태,진도율\r\n' +
        '901,901-1,보행자 신호등 설치,신규,예산,임기내,2025.12,도로교통과,700,완료,100\r\n' +
        '901,901-2,통학로 안전 지도 제작,계속,비예산,임기후,2026.06,교육지원과,,정상추진,30\r\n',
    );
    const out: string[] = [],
      err: string[] = [];
    assert.equal(
      await importCommand(
        t.p.db,
        ['pledges', dir],
        (s) => out.push(s),
        (s) => err.push(s),
      ),
      0,
      err.join('\n'),
    );
    const id = (await store.pledgeIdByCode(t.p.db, '901'))!;
    const page = text((await new Client(t).get(`/pledges/${id}`)).html);
    assert.match(page, /공약 정보 목표연월 2026\.06\. 사업기간 2023\. 1월 ~ 2026\. 6월 소요예산 1,200 백만원/);
    assert.match(page, /단위사업 2개 단위사업 상태 진도율 유형 재원 임기구분 목표연월 사업주체 사업기간 소요예산/);
    assert.match(page, /보행자 신호등 설치 완료 100% 신규 예산 임기내 2025\.12\. 도로교통과 700 백만원/);
    assert.match(page, /통학로 안전 지도 제작 정상추진 30% 계속 비예산 임기후 2026\.06\. 교육지원과/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

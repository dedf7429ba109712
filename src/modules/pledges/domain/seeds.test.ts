// The seed documents, imported from the demo data shipped with the module (../demo) and checked against the originals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import {
  importPledgesCsv,
  PledgeSettings,
  budgetTotals,
  buildPledgeCard,
  reportHeadings,
  layoutRows,
  reportTables,
  LAYOUT_SUWON_2020,
  LAYOUT_SUWON_2021,
  LAYOUT_SUWON_2023,
  toXlsx,
  toCsv,
  readXlsx,
  listToLines,
  type Pledge,
  type Report,
} from './index.ts';
import { demoCommunications } from '../demo/index.ts';

const FIX = new URL('../demo/', import.meta.url);
const settings = PledgeSettings.parse({ programName: '민선7기 시민과의 약속' });

function seed(dir: string): Pledge {
  const files = readdirSync(new URL(`${dir}/`, FIX)).map((n) => ({
    name: n,
    text: readFileSync(new URL(`${dir}/${n}`, FIX), 'utf8'),
  }));
  const r = importPledgesCsv(files, settings);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.equal(r.value.pledges.length, 1);
  return r.value.pledges[0];
}

const headText = (t: { head: { cells: unknown[] }[] }) =>
  layoutRows(t.head as never).map((r) => r.filter((c) => !c.covered).map((c) => c.value));

test('seed 001: budget total 116 = 0 + 0 + 15 + 14 + 29 + 29 + 29 (executed, executed …, secured, planned, planned)', () => {
  const p = seed('001');
  const t = budgetTotals(p.budget, '2021-03-31', settings.budgetSources);
  assert.equal(t.total, 116);
  assert.deepEqual(
    t.periods.map((x) => x.value),
    [0, 0, 15, 14, 29, 29, 29],
  );
  assert.deepEqual(
    t.periods.map((x) => x.basis),
    ['executed', 'executed', 'executed', 'executed', 'secured', 'planned', 'planned'],
  );
  assert.deepEqual(
    t.periods.map((x) => x.letter),
    ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
  );
  assert.equal(t.bySource.find((s) => s.source === '시비')?.total, 116);
  // The same ledger one year later: 2021 is past (집행 0) and the first half of 2022 is current.
  assert.equal(budgetTotals(p.budget, '2022-03-31', settings.budgetSources).total, 0 + 0 + 15 + 14 + 0 + 0 + 29);
});

test('seed 001: printed budget table (계 row and 시비 row as in the seed)', () => {
  const p = seed('001');
  const card = buildPledgeCard(p, { settings, layout: LAYOUT_SUWON_2021 });
  const t = reportTables(card).find((x) => x.id === 'budget')!;
  assert.equal(t.unit, '(단위 : 백만원)');
  assert.deepEqual(headText(t), [
    [
      '구분',
      '소요예산 (a~g합계)',
      '기투자 (a)',
      '2018.7월~12월',
      '2019년',
      '2020년',
      '2021년',
      '2022.6월까지',
      '2022.7월이후',
    ],
    ['확보', '집행(b)', '확보', '집행(c)', '확보', '집행(d)', '확보(e)', '집행', '계획(f)', '계획(g)'],
  ]);
  const body = layoutRows(t.body).map((r) => r.map((c) => c.value));
  assert.deepEqual(body[0], ['계', 116, 0, 0, 0, 31, 15, 32, 14, 29, 0, 29, 29]);
  assert.deepEqual(
    body.map((r) => r[0]),
    ['계', '국비', '도비', '시비', '민간자본'],
  );
  assert.deepEqual(body[3], ['시비', 116, null, null, null, 31, 15, 32, 14, 29, 0, 29, 29]);
  assert.deepEqual(body[1], ['국비', 0, null, null, null, null, null, null, null, null, null, null, null]);
});

test('seed 000: budget 50 as of 2020-12-31, table as printed', () => {
  const p = seed('000');
  const t = reportTables(buildPledgeCard(p, { settings })).find((x) => x.id === 'budget')!;
  assert.deepEqual(headText(t)[1], [
    '확보',
    '집행(b)',
    '확보',
    '집행(c)',
    '확보(d)',
    '집행',
    '계획(e)',
    '계획(f)',
    '계획(g)',
  ]);
  assert.deepEqual(
    layoutRows(t.body)[0].map((c) => c.value),
    ['계', 50, 0, 50, 50, 0, 0, 0, 0, 0, 0, 0],
  );
  assert.deepEqual(
    layoutRows(t.body)[3].map((c) => c.value),
    ['시비', 50, null, 50, 50, null, null, null, null, null, null, null],
  );
});

// Every heading of seed 000, in the order of the original text.
const SEED_000_HEADINGS = [
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
];

function assertCard(card: Report, headings: string[], original: string) {
  const got = reportHeadings(card).filter((h) => h !== '');
  assert.deepEqual(got, headings);
  // And each heading really is in the seed text, in this order.
  let at = -1;
  for (const h of headings) {
    // The seed's markdown bold (**…**) is not part of the printed heading; the heading text itself must match as is.
    const i = original.replace(/\*\*/g, '').indexOf(h, at + 1);
    assert.ok(i > at, `heading not found in order in the seed: ${h}`);
    at = i;
  }
}

test('seed 000: the pledge card has every section of the original, in order, with its tables', () => {
  const p = seed('000');
  const card = buildPledgeCard(p, { settings, layout: LAYOUT_SUWON_2020 });
  const original = readFileSync(
    new URL('../../../../test/fixtures/seeds/000_40359d1510eca51c.txt', import.meta.url),
    'utf8',
  );
  assertCard(card, SEED_000_HEADINGS, original);
  const tables = Object.fromEntries(reportTables(card).map((t) => [t.id, t]));
  assert.deepEqual(headText(tables.status), [
    ['완료 (종료)', '완료 지속추진', '추진 중 (전체 사업진도 %)', '목표연도 및 월', '비고'],
  ]);
  assert.deepEqual(tables.status.body[0].cells, ['○', '', 100, '2018.12.', '약속']);
  assert.deepEqual(headText(tables['indicators-1']), [
    ['구분', '성과지표', '단위', '연도별 성과지표'],
    ['2018', '2019', '2020', '2021', '2022'],
  ]);
  assert.deepEqual(
    layoutRows(tables['indicators-1'].body).map((r) => r.map((c) => (c.covered ? '^' : c.value))),
    [
      ['기준', '온라인 플랫폼 구축', '건', '1', '-', '-', '-', '-'],
      ['^', '운영규정 제정', '건', '1', '-', '-', '-', '-'],
      ['^', '온라인 플랫폼 운영', '-', '', '운영', '운영', '운영', '운영'],
      ['누적이행(진도)율', '^', '100%', '100%', '%', '%', '%', '%'],
    ],
  );
  assert.deepEqual(headText(tables.progress), [['성과지표', '추진현황']]);
  assert.deepEqual(
    tables.progress.body.map((r) => r.cells[0]),
    ['온라인 플랫폼 구축', '운영 규정 제정', '온라인 플랫폼 운영'],
  );
  assert.equal(
    tables.progress.body[0].cells[1],
    '○ 온라인플랫폼 수원만민광장 구축 완료\n• 운영일 : 2018. 12.10. ~ 지속',
  );
  assert.deepEqual(headText(tables.suggestions), [['개선 및 제안사항', '추진실적(추진계획 포함)']]);
  assert.deepEqual(
    layoutRows([...tables.officials.head, ...tables.officials.body]).map((r) =>
      r.map((c) => (c.covered ? '^' : c.value)),
    ),
    [
      ['담당부서', '직(직급)', '성명', '전화번호'],
      ['정책기획과', '정책기획과장', '박사승', '2050'],
      ['^', '정책팀장', '원순호', '2045'],
      ['^', '주무관', '윤이', '3257'],
      ['협조부서', '직(직급)', '성명', '전화번호'],
      ['정보통신과', '정보통신과장', '장수석', '2080'],
      ['^', '정보융합팀장', '이향미', '2305'],
      ['^', '주무관', '이정희', '3305'],
    ],
  );
  const overview = card.sections.find((s) => s.id === 'overview')!.blocks[0];
  assert.ok(overview.kind === 'list');
  assert.deepEqual(
    overview.items.map((i) => i.text),
    [
      '사업기간 : 2018. 9월 ~ 12월',
      '사업대상 : 온라인 플랫폼 「수원만민광장」 구축',
      '사업내용',
      '소요예산 : 50백만원',
    ],
  );
  const problems = card.sections.find((s) => s.heading === '【문제점】')!.blocks[0];
  assert.ok(problems.kind === 'list' && problems.items[0].text === '해당없음');
  const plans = card.sections.find((s) => s.id === 'plans')!.blocks[0];
  assert.ok(plans.kind === 'list' && plans.items[0].children?.[0].when === '2021. 상반기');
});

test('seed 001: the pledge card has every section of the original, in order', () => {
  const p = seed('001');
  const card = buildPledgeCard(p, { settings, layout: LAYOUT_SUWON_2021 });
  const original = readFileSync(
    new URL('../../../../test/fixtures/seeds/001_6d8b9bc26b145d58.txt', import.meta.url),
    'utf8',
  );
  assertCard(
    card,
    [
      '1. 사업개요',
      '2. 예산투자현황 및 투자계획',
      '3. 연도별 성과지표',
      '【변경사유】',
      '4. 성과지표별 추진현황 (2018. 7. ~ 2021. 3. 31.)',
      '5. 사업변경내역 (2018. 7. ~ 2021. 3. 31.) : 해당없음',
      '6. 「2020년 하반기 좋은시정위원회 평가결과 개선 및 제안사항」 추진실적',
      '7. 문제점 및 대책',
      '【문제점】',
      '8. 향후추진계획',
      '민선7기 시민과의 약속 정책실명제',
    ],
    original,
  );
  const tables = Object.fromEntries(reportTables(card).map((t) => [t.id, t]));
  assert.deepEqual(tables.status.body[0].cells, ['약속', '-', '○', 100, '2019.12.', '정책기획과', '']);
  assert.deepEqual(headText(tables['indicators-2']), [
    ['성 과 지 표', '단위', '성과지표'],
    ['2021년', '2022년 6월까지', '2022년 7월이후'],
    ['1분기', '2분기', '3분기', '4분기'],
  ]);
  const cum = layoutRows(tables['indicators-2'].body)
    .slice(-2)
    .map((r) => r.map((c) => (c.covered ? '^' : c.value)));
  assert.deepEqual(cum, [
    ['누적 추진율', '목표', '%', '%', '%', '%', '%', '%', '%'],
    ['^', '현재', '%', '%', '-', '-', '-', '-', '-'],
  ]);
  const plans = card.sections.find((s) => s.id === 'plans')!.blocks[0];
  assert.ok(plans.kind === 'list' && plans.items.length === 7 && plans.items[6].when === '2021. 12.');
});

test('seed 002: the 2023 card as printed, with the 운영실적 table 874 = 304 + 254 + 181 + 135 (계 computed from the parts)', () => {
  const p = seed('002');
  const original = readFileSync(
    new URL('../../../../test/fixtures/seeds/002_147df1d820a33415.txt', import.meta.url),
    'utf8',
  );
  const card = buildPledgeCard(p, {
    settings,
    layout: LAYOUT_SUWON_2023,
    communications: demoCommunications('002_홍보실적.csv', '002'),
  });
  assertCard(
    card,
    [
      '□ 사업목표',
      '□ 사업개요',
      '□ 예산투자 현황 및 계획',
      '□ 연차별 이행확인지표',
      '□ 추진실적(2023.12.31.기준)',
      '○ 계획수립',
      '○ ‘누구나 시장’ 구축 및 운영',
      '□ 사업 홍보실적',
      '□ 향후추진 계획',
    ],
    original,
  );
  const tables = Object.fromEntries(reportTables(card).map((t) => [t.id, t]));
  assert.deepEqual(headText(tables.status), [
    ['유형별', '재원별', '임기구분', '목표연도', '사업주체', '임기 내 전체 추진율(누적값)'],
  ]);
  assert.deepEqual(tables.status.body[0].cells, ['신규', '예산', '임기내', '2023', '수원시', '100%']);
  // 예산: the current year counts its 계획 (300), not its 확보 (283); only 시비 is printed; '-' where the 계 row is empty.
  assert.equal(tables.budget.unit, '(단위: 백만원 / 2023.12.31. 기준)');
  assert.deepEqual(headText(tables.budget), [
    ['', '소요예산 (a~f 합계)', '기투자 (a)', '2023', '2024', '2025', '2026', '2027'],
    ['계획(b)', '확보', '계획(c)', '계획(d)', '계획(e)', '계획(f)'],
  ]);
  assert.deepEqual(
    layoutRows(tables.budget.body).map((r) => r.map((c) => c.value)),
    [
      ['계', 300, '', 300, 283, '-', '-', '-', '-'],
      ['시비', 300, null, 300, 283, null, null, null, null],
    ],
  );
  assert.equal(budgetTotals(p.budget, '2023-12-31', settings.budgetSources).total, 300);
  assert.deepEqual(headText(tables['indicators-1']), [
    ['확인지표', '단위', '계', '임기내 목표', '임기후 목표'],
    ['2022.', '2023.', '2024.', '2025.', '2026. 6.'],
  ]);
  assert.deepEqual(
    layoutRows(tables['indicators-1'].body).map((r) => r.map((c) => c.value)),
    [
      ['계획수립', '', '', '계획수립 행정절차', '', '', '', '', ''],
      ['‘누구나 시장’ 플랫폼 구축 및 운영', '', '', '', '플랫폼 구축 및 운영', '← 운영지속 →', '', '', ''],
      ['사업추진율(누적값)', '%', '', '30', '100', '', '', '', ''],
    ],
  );
  // 2023년 새빛톡톡 운영실적 (단위:건): exactly the printed row.
  const ops = tables['progress-2-1'];
  assert.equal(ops.title, '2023년 새빛톡톡 운영실적');
  assert.equal(ops.unit, '(단위:건)');
  assert.deepEqual(headText(ops), [['계', '제안토론', '설문투표', '신청접수', '맞춤정보', '비고']]);
  assert.deepEqual(
    ops.body.map((r) => r.cells),
    [[874, 304, 254, 181, 135, '']],
  );
  assert.deepEqual(
    layoutRows(tables.officials.body).map((r) => r.map((c) => c.value)),
    [
      ['담당부서', '시민소통과', '과장 신성용(3860)', '협치시정팀장 권성환(3862)', '주무관 권정란(2381)'],
      ['협조부서', '디지털정책과', '과장 최현주(2080)', '정보융합팀장 최환주(2305)', '주무관 김경은(3306)'],
    ],
  );
  // A pledge led by two departments names both, each with its own officials.
  const joint = seed('002');
  joint.officials.splice(1, 0, {
    role: 'lead',
    department: '디지털정책과',
    position: '팀장',
    name: '홍길동',
    phone: '2000',
  });
  const jointOfficials = reportTables(buildPledgeCard(joint, { settings, layout: LAYOUT_SUWON_2023 })).find(
    (x) => x.id === 'officials',
  )!;
  assert.deepEqual(
    layoutRows(jointOfficials.body).map((r) => r.map((c) => (c.covered ? '^' : c.value))),
    [
      ['담당부서', '시민소통과', '과장 신성용(3860)', '협치시정팀장 권성환(3862)', '주무관 권정란(2381)'],
      ['^', '디지털정책과', '팀장 홍길동(2000)', null, null],
      ['협조부서', '디지털정책과', '과장 최현주(2080)', '정보융합팀장 최환주(2305)', '주무관 김경은(3306)'],
    ],
  );
  // Every line of 사업목표, 사업개요, 추진실적 and 향후추진 계획 is in the original (leaders normalised to '-----').
  const flat = original.replace(/-{3,}/g, '-----');
  for (const sec of card.sections) {
    for (const b of sec.blocks) {
      if (b.kind !== 'list') continue;
      for (const line of listToLines(b.items))
        assert.ok(flat.includes(line.replace(/^\s*[○•-] /, '')), `not in seed 002: ${line}`);
    }
  }
});

test('pledge card renders to XLSX (one sheet per table, Korean headers) and CSV with BOM', async () => {
  const card = buildPledgeCard(seed('001'), { settings, layout: LAYOUT_SUWON_2021 });
  const sheets = await readXlsx(await toXlsx(card));
  assert.deepEqual(
    sheets.map((s) => s.name),
    [
      '개요',
      '공약 현황',
      '예산투자현황 및 투자계획',
      '성과지표 2018년 ~ 2020년',
      '성과지표 2021년 이후',
      '성과지표별 추진현황',
      '개선 및 제안사항 추진실적',
      '정책실명제',
    ],
  );
  const budget = sheets[2].rows;
  assert.equal(budget[0][0], '(단위 : 백만원)');
  assert.deepEqual(budget[3].slice(0, 3), ['계', '116', '0']);
  const csv = toCsv(reportTables(card).find((t) => t.id === 'budget')!);
  assert.ok(csv.startsWith('\uFEFF구분,소요예산 (a~g합계),기투자 (a),2018.7월~12월,,2019년'));
});

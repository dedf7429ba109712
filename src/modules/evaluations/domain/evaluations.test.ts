import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  achievementRate,
  decimal,
  roundPercent,
  sharePercent,
  atLeastPercent,
  defaultEvaluationSettings,
  EvaluationSettings,
  suggestGrade,
  finalizeGrade,
  computedRate,
  gradeDistribution,
  distributionTable,
  importEvaluationCsv,
  importEvaluationXlsx,
  evaluationTemplateCsv,
  evaluationTemplateXlsx,
  buildEvaluationReport,
  scopeLine,
  buildTree,
  treeCounts,
  aggregatePanelScores,
  checkScore,
  checkPanelSize,
  DEFAULT_CRITERIA,
  panelBesideOffice,
  type IndicatorResult,
} from './index.ts';
import { toCsv, toXlsx } from '../../../platform/reports/render.ts';
import { readXlsx } from '../../../platform/reports/xlsx.ts';
import { reportHeadings, layoutRows } from '../../../platform/reports/model.ts';

const SEED_003 = new URL('../demo/003_evaluation_2021.csv', import.meta.url);
const settings = defaultEvaluationSettings();

function seed003(): IndicatorResult[] {
  const r = importEvaluationCsv('003_evaluation_2021.csv', readFileSync(SEED_003, 'utf8'), settings);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  return r.results;
}

test('seed 003: 45 추진과제 in 4 strategies, 13 projects, 40 tasks', () => {
  const results = seed003();
  assert.deepEqual(treeCounts(buildTree(results)), { strategies: 4, projects: 13, tasks: 40, indicators: 45 });
  assert.equal(scopeLine(results), '4개 분야, 13개 사업, 40개 과제, 45개 추진과제');
});

test('seed 003: grade table 45 = 13 A+ (29%), 8 A (18%), 1 B+ (2%), 3 C+ (7%), 2 C (4%), 2 D (4%), 4 E (9%), 7 제외 (16%), 5 안함 (11%)', () => {
  const d = gradeDistribution(seed003(), settings);
  assert.equal(d.total, 45);
  const got = Object.fromEntries(d.columns.map((c) => [c.label, [c.count, c.percent]]));
  assert.deepEqual(got, {
    'A+': [13, 29],
    A: [8, 18],
    'B+': [1, 2],
    B: [0, 0],
    'C+': [3, 7],
    C: [2, 4],
    'D+': [0, 0],
    D: [2, 4],
    E: [4, 9],
    '평가 제외': [7, 16],
    '평가 안함': [5, 11],
  });
  // Exactly the printed row of the seed.
  const t = distributionTable(d);
  assert.deepEqual(t.body[0].cells, [
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
  const head = layoutRows(t.head).map((r) => r.map((c) => (c.covered ? null : c.value)));
  assert.deepEqual(head[0], [
    '등급 추진과제수',
    '등급',
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    null,
    '평가 제외',
    '평가 안함',
  ]);
  assert.deepEqual(head[1], [null, 'A+', 'A', 'B+', 'B', 'C+', 'C', 'D+', 'D', 'E', null, null]);
});

test('seed 003 import warns (does not refuse) on qualitative grades without reasons', () => {
  const r = importEvaluationCsv('x.csv', readFileSync(SEED_003, 'utf8'), settings);
  assert.ok(r.ok);
  // 서울백서: 2,000 of 2,000 is 100% but the seed prints 95%.
  assert.ok(r.warnings.some((w) => w.id === '5' && w.message.en.includes('reported rate 95%')));
});

test('achievement rate is exact; half-up rounding', () => {
  assert.equal(roundPercent(achievementRate(decimal('24,000')!, decimal('27,177')!)!), 113);
  assert.equal(roundPercent(achievementRate(decimal('20')!, decimal('17')!)!), 85);
  assert.ok(atLeastPercent(achievementRate(decimal('20')!, decimal('19')!)!, 95)); // 0.95 exactly, no float drift
  assert.ok(!atLeastPercent(achievementRate(decimal('3')!, decimal('2.85')!)!, 95.1));
  assert.equal(roundPercent({ n: 1n, d: 200n }), 1); // 0.5% → 1
  assert.equal(sharePercent(13, 45), 29);
  assert.equal(sharePercent(7, 45), 16);
  // lower is better: (2T − A)/T
  assert.equal(roundPercent(achievementRate(decimal('10')!, decimal('8')!, 'lower')!), 120);
  assert.equal(roundPercent(achievementRate(decimal('10')!, decimal('0')!, 'lower')!), 200);
  assert.equal(roundPercent(achievementRate(decimal('10')!, decimal('25')!, 'lower')!), 0);
  assert.equal(achievementRate(decimal('0')!, decimal('5')!), undefined);
  // printed values with units
  assert.equal(roundPercent(computedRate({ target: '50명, 1회', actual: '54명, 1회', direction: 'higher' })!), 108);
  assert.equal(roundPercent(computedRate({ target: '641건', actual: '-', direction: 'higher' })!), 0);
  assert.equal(computedRate({ target: '운용 및 정착', actual: '운용 및 정착', direction: 'higher' }), undefined);
});

test('grade suggestion from configurable cut-offs', () => {
  assert.equal(suggestGrade({ n: 105n, d: 100n }, settings), 'A+');
  assert.equal(suggestGrade({ n: 10499n, d: 10000n }, settings), 'A');
  assert.equal(suggestGrade({ n: 0n, d: 1n }, settings), 'E');
  const custom = EvaluationSettings.parse({
    grades: [
      { grade: '우수', minPercent: 90 },
      { grade: '보통', minPercent: 70 },
      { grade: '미흡', minPercent: 0 },
    ],
  });
  assert.equal(suggestGrade({ n: 7n, d: 10n }, custom), '보통');
  assert.throws(() =>
    EvaluationSettings.parse({
      grades: [
        { grade: 'A', minPercent: 50 },
        { grade: 'B', minPercent: 60 },
      ],
    }),
  );
});

test('final grade different from the suggestion needs a reason', () => {
  const r: IndicatorResult = {
    id: 'x',
    strategy: 's',
    project: 'p',
    task: 't',
    indicator: 'i',
    direction: 'higher',
    target: '900건',
    actual: '548건',
    status: 'evaluated',
  };
  const refused = finalizeGrade(r, 'C+', undefined, settings);
  assert.equal(refused.ok, false);
  assert.ok(!refused.ok && refused.reason.ko.includes('사유'));
  const ok = finalizeGrade(r, 'C+', '신규 모니터단 운영 여건을 고려한 정성평가', settings);
  assert.ok(ok.ok && ok.result.grade === 'C+');
  assert.ok(finalizeGrade(r, 'D+', undefined, settings).ok); // 61% → D+ suggested
  assert.equal(finalizeGrade({ ...r, status: 'excluded' }, 'A', 'x', settings).ok, false);
  assert.equal(finalizeGrade(r, 'Z', 'x', settings).ok, false);
});

test('bad rows: errors for every row with row number and Korean+English column, nothing imported', () => {
  const csv =
    '\uFEFF추진전략,사업명,과제명,추진과제,목표,실적,달성도,평가등급\r\n' +
    'S,P,T,I,10건,9건,90%,A\r\n' +
    ',P,T2,I2,10건,9건,구십,A\r\n' + // 달성도 not a percentage
    'S,P,T3,I3,10건,9건,,Q\r\n'; // grade not on the scale
  const r = importEvaluationCsv('bad.csv', csv, settings);
  assert.equal(r.ok, false);
  assert.ok(!r.ok);
  assert.deepEqual(
    r.errors.map((e) => [e.row, e.column, e.columnEn]),
    [
      [3, '달성도', 'reported rate'],
      [4, '평가등급', 'grade'],
    ],
  );
  assert.ok(r.errors[1].message.ko.includes('허용되지 않는 값') && r.errors[1].message.en.includes('not one of'));
  const missing = importEvaluationCsv('bad.csv', '사업명,과제명,평가등급\nP,T,A\n', settings);
  assert.ok(!missing.ok && missing.errors[0].row === 1 && missing.errors[0].column === '추진전략');
});

test('templates: CSV with BOM and XLSX that import back', async () => {
  const csv = evaluationTemplateCsv(settings);
  assert.ok(csv.text.startsWith('\uFEFF번호,추진전략,사업명,과제명,추진과제,방향,목표,실적,달성도,평가등급,사유'));
  assert.ok(importEvaluationCsv(csv.name, csv.text, settings).ok);
  const x = await evaluationTemplateXlsx(settings);
  const sheets = await readXlsx(x);
  assert.deepEqual(
    sheets.map((s) => s.name),
    ['안내', '이행사항점검'],
  );
  const r = await importEvaluationXlsx(x, settings);
  assert.ok(r.ok && r.results.length === 1 && r.results[0].grade === 'A+');
});

test('evaluation report model in the layout of seed 003, renders to CSV and XLSX', async () => {
  const results = seed003();
  const report = buildEvaluationReport(
    {
      title: '2021년 주민참여사업 이행사항 점검결과 보고',
      date: '2022. 6.',
      organization: '시 민 협 력 국',
      intro:
        "「서울시 주민참여 기본조례」 및 제2차 주민참여 기본계획('19~'22)에 따라 2021년 주민참여사업의 이행사항에 대해 점검·평가하고 그 결과를 보고 드림",
      basis: [{ text: '「서울특별시 주민참여 기본조례」 제4조 2항' }],
      overview: {
        content: '제2차 주민참여기본계획 내 세부사업의 2021년 이행 실적',
        period: '2021.1월 ~ 2021.12월',
        method: '정량평가(목표치 대비 실적 달성도) 및 정성평가',
      },
      plans: [{ text: "'22. 6. : 이행사항 점검결과 알림(전 부서) 및 대시민 공개(홈페이지)" }],
      results,
    },
    settings,
  );
  assert.deepEqual(reportHeadings(report).filter(Boolean), ['□ 추진근거', '□ 점검개요', '□ 점검결과', '□ 향후계획']);
  const overview = report.sections.find((s) => s.id === 'overview')!.blocks[0];
  assert.ok(
    overview.kind === 'list' && overview.items[1].text === '대 상 : 4개 분야, 13개 사업, 40개 과제, 45개 추진과제',
  );
  const details = report.sections.find((s) => s.id === 'details')!.blocks[0];
  assert.ok(details.kind === 'table');
  assert.equal(details.table.body.length, 45);
  const grid = layoutRows(details.table.body);
  assert.deepEqual(
    grid[0].map((c) => c.value),
    [
      '① 적극적 정보제공',
      '1. 행정정보 전면공개',
      '① 정보소통광장 운영',
      '정보소통광장 공개 누적 건수(천건)',
      '24,000천건',
      '27,177천건',
      '113%',
      'A+',
    ],
  );
  assert.equal(grid[12][6].value, '평가 제외');
  const csv = toCsv(details.table);
  assert.ok(csv.startsWith('\uFEFF추진전략,사업명,과제명,추진과제,목표,실적,달성도,평가 등급\r\n'));
  const x = await toXlsx(report);
  const sheets = await readXlsx(x);
  assert.deepEqual(
    sheets.map((s) => s.name),
    ['개요', '점검결과', '추진과제별 점검결과'],
  );
  assert.deepEqual(sheets[1].rows[2], [
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
});

test('citizen panel: checks and aggregates beside the office evaluation', () => {
  const members = [
    { id: 'm1', name: '가', active: true },
    { id: 'm2', name: '나', active: true },
    { id: 'm3', name: '다', active: false },
  ];
  const s1 = { memberId: 'm1', pledgeId: 'p1', scores: { progress: 40, target: 20, communication: 25 } };
  const s2 = { memberId: 'm2', pledgeId: 'p1', scores: { progress: 30, target: 25, communication: 20 } };
  assert.deepEqual(checkScore(s1, members, DEFAULT_CRITERIA), { ok: true });
  assert.equal(checkScore(s1, members, DEFAULT_CRITERIA, [s1]).ok, false);
  assert.equal(checkScore({ ...s1, memberId: 'm3' }, members, DEFAULT_CRITERIA).ok, false);
  assert.equal(checkScore({ ...s1, scores: { ...s1.scores, progress: 41 } }, members, DEFAULT_CRITERIA).ok, false);
  const [a] = aggregatePanelScores([s1, s2, { ...s2, memberId: 'm3' }], members, DEFAULT_CRITERIA);
  assert.equal(a.respondents, 2);
  assert.equal(a.meanTotal, 80);
  assert.equal(a.outOf, 100);
  assert.deepEqual(
    a.byCriterion.map((c) => c.mean),
    [35, 22.5, 22.5],
  );
  const rows = panelBesideOffice([a], [{ pledgeId: 'p1', grade: '정상추진', progressPercent: 60 }, { pledgeId: 'p2' }]);
  assert.equal(rows.length, 2);
  assert.equal(rows[0].panel?.meanTotal, 80);
  assert.ok(checkPanelSize(members, 20).ok);
  assert.equal(checkPanelSize(members, 1).ok, false);
});

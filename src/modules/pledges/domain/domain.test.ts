import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  parseCsv,
  stringifyCsv,
  CsvSyntaxError,
  importPledgesCsv,
  importPledgesXlsx,
  pledgeTemplateXlsx,
  pledgeTemplateCsv,
  defaultPledgeSettings,
  PledgeSettings,
  Pledge,
  transition,
  applyChangeRequest,
  checkDirectEdit,
  ChangeRequest,
  communicationTotals,
  buildCommunicationCard,
  reportTables,
  layoutRows,
  dashboard,
  takeSnapshot,
  diffSnapshots,
  pathLabel,
  buildPledgeCard,
  LAYOUT_SUWON_2021,
  snapshotPeriod,
  parseSnapshotPeriod,
  endedSnapshotPeriod,
  snapshotPeriodChoices,
  cumulativeProgress,
  parseItems,
  formatError,
  type PledgeInput,
  type Actor,
} from './index.ts';

const settings = defaultPledgeSettings();

test('CSV: BOM, CRLF, quotes, embedded newlines; round trip', () => {
  assert.deepEqual(parseCsv('\uFEFF가,"나,다","라""마"\r\n"여러\n줄",,\r\n'), [
    ['가', '나,다', '라"마'],
    ['여러\n줄', '', ''],
  ]);
  assert.deepEqual(parseCsv('a,b\nc,d'), [
    ['a', 'b'],
    ['c', 'd'],
  ]);
  assert.deepEqual(parseCsv('""\n'), [['']]);
  assert.throws(() => parseCsv('a,"b\n'), CsvSyntaxError);
  assert.throws(() => parseCsv('a,b"c\n'), CsvSyntaxError);
  assert.throws(() => parseCsv('"a"b\n'), CsvSyntaxError);
  fc.assert(
    fc.property(
      fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
      (rows) => {
        // A single empty cell serialises to an empty line, which CSV cannot tell from no row.
        fc.pre(rows.every((r) => !(r.length === 1 && r[0] === '')));
        assert.deepEqual(parseCsv(stringifyCsv(rows)), rows);
      },
    ),
  );
});

test('items: markers give depth, dashed leader gives the date', () => {
  assert.deepEqual(parseItems(['○ 가', '• 나', '- 다', '• 라 ----- 2021. 4.', '마']), [
    {
      text: '가',
      children: [
        { text: '나', children: [{ text: '다' }] },
        { text: '라', when: '2021. 4.' },
      ],
    },
    { text: '마' },
  ]);
});

test('pledge import: every bad row reported with row and Korean/English column; nothing imported', () => {
  const files = [
    {
      name: '공약.csv',
      text: '공약번호,공약명,상태,전체진도율,목표연월\r\n1,가,완료,100,2018.12\r\n2,나,없는상태,50,2019.13\r\n3,다,정상추진,120,\r\n',
    },
    {
      name: '예산.csv',
      text: '공약번호,기간,시작일,종료일,재원,집행\r\n1,2019년,2019-01-01,2019-12-31,구비,5\r\n9,2019년,2019-01-01,2019-12-31,시비,5\r\n',
    },
  ];
  const r = importPledgesCsv(files, settings);
  assert.ok(!r.ok);
  const got = r.errors.map((e) => `${e.sheet}:${e.row}:${e.column ?? ''}`);
  // Row checks of every table first (예산 rows are well-formed, so only 공약 errors here) …
  assert.deepEqual(got, ['공약:3:목표연월', '공약:4:전체진도율']);
  const fmt = formatError(r.errors.find((e) => e.column === '목표연월')!);
  assert.ok(fmt.includes('3행') && fmt.includes('row 3') && fmt.includes('target year-month'), fmt);
  // … then cross-table checks once every row is well-formed.
  files[0].text = '공약번호,공약명,상태,전체진도율\r\n1,가,완료,100\r\n';
  const rx = importPledgesCsv(files, settings);
  assert.ok(!rx.ok);
  assert.deepEqual(
    rx.errors.map((e) => `${e.sheet}:${e.row}:${e.column}`),
    ['예산:2:재원', '예산:3:공약번호'],
  );
  // Unknown status is caught once the rows are well-formed.
  const r2 = importPledgesCsv(
    [{ name: '공약.csv', text: '공약번호,공약명,상태,전체진도율\n2,나,없는상태,50\n' }],
    settings,
  );
  assert.ok(!r2.ok && r2.errors[0].column === '상태' && r2.errors[0].row === 2);
  const r3 = importPledgesCsv([{ name: '예산.csv', text: '공약번호,기간\n1,x\n' }], settings);
  assert.ok(!r3.ok && r3.errors.some((e) => e.message.en.includes("'pledges' is missing")));
});

test('pledge templates: XLSX with 안내 + one sheet per table; CSV files; both import back', async () => {
  const x = await pledgeTemplateXlsx();
  const r = await importPledgesXlsx(x, settings);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors.slice(0, 3)));
  assert.equal(r.value.pledges[0].title, '온라인 플랫폼 수원만민광장 구축');
  const csv = pledgeTemplateCsv();
  assert.ok(csv.every((f) => f.text.startsWith('\uFEFF')));
  assert.ok(csv.some((f) => f.name === '정책실명제.csv'));
});

function pledge(extra: Partial<PledgeInput> = {}): Pledge {
  return Pledge.parse({
    id: 'p1',
    title: '공약',
    status: '정상추진',
    progressPercent: 50,
    publishedAt: '2023-01-10',
    indicatorTables: [
      {
        id: '1',
        periods: [
          { key: '2023', label: '2023' },
          { key: '2024', label: '2024' },
        ],
        indicators: [
          {
            id: 'i1',
            name: '교육',
            unit: '회',
            values: [
              { periodKey: '2023', original: '2', actual: '2' },
              { periodKey: '2024', original: '2' },
            ],
          },
        ],
      },
    ],
    budget: {
      periods: [{ key: '2024', label: '2024년', start: '2024-01-01', end: '2024-12-31' }],
      entries: [{ source: '시비', periodKey: '2024', planned: 10 }],
    },
    ...extra,
  });
}

test('change requests: proposed → in-review → approved → published, then applied with public history', () => {
  const dept: Actor = { id: 'u1', role: 'department', department: '정책기획과' };
  const sec: Actor = { id: 'u2', role: 'secretariat' };
  const panel: Actor = { id: 'u3', role: 'panel' };
  let req = ChangeRequest.parse({
    id: 'cr1',
    pledgeId: 'p1',
    department: '정책기획과',
    proposedBy: 'u1',
    proposedAt: '2024-03-01',
    reason: '여건 변화',
    changes: [
      { kind: 'target', tableId: '1', indicatorId: 'i1', periodKey: '2024', changed: '3' },
      { kind: 'budget', periodKey: '2024', source: '시비', planned: 8 },
    ],
  });
  // Illegal moves are refused with reasons in both languages.
  const early = transition(req, { type: 'publish' }, sec, '2024-03-02', settings);
  assert.ok(
    !early.ok &&
      early.code === 'illegal-transition' &&
      /상태/.test(early.reason.ko) &&
      /cannot publish/.test(early.reason.en),
  );
  const byDept = transition(req, { type: 'start-review' }, dept, '2024-03-02', settings);
  assert.ok(!byDept.ok && byDept.code === 'forbidden');
  let r = transition(req, { type: 'start-review' }, sec, '2024-03-02', settings);
  assert.ok(r.ok);
  req = r.request;
  const members = ['m1', 'm2', 'm3', 'm4'];
  const noQuorum = transition(
    req,
    { type: 'decide', votes: [{ memberId: 'm1', vote: 'approve' }], activeMembers: members },
    panel,
    '2024-03-10',
    settings,
  );
  assert.ok(!noQuorum.ok && noQuorum.code === 'no-quorum');
  const outsider = transition(
    req,
    {
      type: 'decide',
      votes: [
        { memberId: 'x', vote: 'approve' },
        { memberId: 'm1', vote: 'approve' },
      ],
      activeMembers: members,
    },
    panel,
    '2024-03-10',
    settings,
  );
  assert.ok(!outsider.ok && outsider.code === 'not-member');
  const tie = transition(
    req,
    {
      type: 'decide',
      votes: [
        { memberId: 'm1', vote: 'approve' },
        { memberId: 'm2', vote: 'reject' },
      ],
      activeMembers: members,
    },
    panel,
    '2024-03-10',
    settings,
  );
  assert.ok(tie.ok && tie.request.state === 'rejected');
  r = transition(
    req,
    {
      type: 'decide',
      votes: [
        { memberId: 'm1', vote: 'approve' },
        { memberId: 'm2', vote: 'approve' },
        { memberId: 'm3', vote: 'reject' },
      ],
      activeMembers: members,
    },
    panel,
    '2024-03-10',
    settings,
  );
  assert.ok(r.ok && r.request.state === 'approved');
  req = r.request;
  const p = pledge();
  assert.equal(applyChangeRequest(p, req, settings).ok, false); // approved but not yet published
  r = transition(req, { type: 'publish' }, sec, '2024-03-15', settings);
  assert.ok(r.ok && r.request.state === 'published');
  req = r.request;
  assert.deepEqual(
    req.history.map((h) => h.state),
    ['in-review', 'approved', 'published'],
  );
  const applied = applyChangeRequest(p, req, settings);
  assert.ok(applied.ok);
  const ind = applied.pledge.indicatorTables[0].indicators[0].values.find((v) => v.periodKey === '2024')!;
  assert.deepEqual([ind.original, ind.changed], ['2', '3']);
  assert.equal(applied.pledge.budget.entries[0].planned, 8);
  assert.deepEqual(
    applied.pledge.changes.map((c) => [c.date, c.item, c.before, c.after, c.reason, c.requestId]),
    [
      ['2024-03-15', 'target', '2', '3', '여건 변화', 'cr1'],
      ['2024-03-15', 'budget', '10', '8', '여건 변화', 'cr1'],
    ],
  );
  assert.equal(applyChangeRequest(applied.pledge, req, settings).ok, false); // idempotent
  assert.equal(p.changes.length, 0); // input untouched
  const wd = transition(req, { type: 'withdraw' }, dept, '2024-03-16', settings);
  assert.ok(!wd.ok);
});

test('departments cannot change a published pledge alone; 보류/폐기 always need approval', () => {
  const dept: Actor = { id: 'u1', role: 'department', department: '정책기획과' };
  const p = pledge();
  const r = checkDirectEdit(p, dept, ['indicatorTables'], settings);
  assert.ok(!r.ok && r.reason.ko.includes('평가단 승인') && r.reason.en.includes('change request'));
  assert.ok(checkDirectEdit(p, dept, ['progress', 'achievements'], settings).ok);
  assert.ok(checkDirectEdit({ ...p, publishedAt: undefined }, dept, ['indicatorTables'], settings).ok);
  const drop = checkDirectEdit({ ...p, publishedAt: undefined }, dept, ['status'], settings, '폐기');
  assert.ok(!drop.ok && drop.code === 'needs-approval');
});

test('communication card: totals counted from entries plus linked Madang activity', () => {
  const entries = [
    {
      id: 'e1',
      pledgeId: 'p1',
      type: 'briefing',
      date: '2023-03-22',
      place: '구청 대강당',
      audience: '주민 80명',
      content: '착수보고회',
      photos: [{ src: '/p/1.jpg', alt: '보고회 사진' }],
    },
    {
      id: 'e2',
      pledgeId: 'p1',
      type: 'press',
      date: '2023-03-23',
      mediaName: '경인방송',
      title: '플랫폼 6월 선보인다',
      photos: [],
    },
    { id: 'e3', pledgeId: 'p1', type: 'site-visit', date: '2023-07-24', place: '시청 본관', photos: [] },
    { id: 'e4', pledgeId: 'p2', type: 'briefing', date: '2023-01-01', photos: [] },
  ];
  const linked = [
    { id: 's1', pledgeId: 'p1', kind: 'survey', title: '만족도 조사', date: '2023-08-01' },
    { id: 'd1', pledgeId: 'p1', kind: 'debate', title: '온라인 토론', date: '2023-09-01' },
    { id: 'z1', pledgeId: 'p1', kind: 'unknown-kind', title: '?', date: '2023-09-01' },
  ];
  const t = communicationTotals('p1', entries, linked, settings);
  assert.deepEqual(
    t.byType.map((x) => [x.label, x.recorded, x.linked, x.total]),
    [
      ['설명회·보고회', 1, 1, 2],
      ['만족도·설문조사', 0, 1, 1],
      ['민간전문가 자문·용역', 0, 0, 0],
      ['언론/방송 보도', 1, 0, 1],
      ['기타', 0, 0, 0],
    ],
  );
  assert.equal(t.siteVisits, 1);
  assert.equal(t.unmapped.length, 1);
  const card = buildCommunicationCard([{ id: 'p1', title: '새빛톡톡' }], entries, linked, settings);
  assert.deepEqual(
    card.sections.map((s) => s.heading),
    [
      '【구민소통 총괄】',
      '설명회 / 설문조사 / 전문가 자문',
      '마당 연계 활동 (자동 집계)',
      '언론/방송 보도',
      '【구청장 현장방문】',
    ],
  );
  const [summary, detail, linkedTable, press, visits] = reportTables(card);
  // Hand-made links (no live counts) count once each; the unmapped kind is listed, not dropped.
  assert.deepEqual(
    linkedTable.body.map((r) => r.cells.slice(1, 5)),
    [
      ['설문조사', '만족도 조사', '', 1],
      ['설명회', '온라인 토론', '', 1],
      ['unknown-kind', '?', '', 1],
    ],
  );
  assert.deepEqual(
    layoutRows(summary.head).map((r) => r.map((c) => (c.covered ? null : c.value))),
    [
      ['공약명', '구민소통 총괄', null, null, null, null],
      [null, '설명회, 보고회 등', '만족도, 설문조사', '민간전문가 자문.용역', '언론/방송 보도', '기타'],
    ],
  );
  assert.deepEqual(summary.body[0].cells, ['새빛톡톡', '2회', '1회', '0회', '1회', '0회']);
  assert.equal(detail.body.length, 3);
  assert.ok(String(layoutRows(detail.body)[0][1].value).startsWith('○ 일시 : 2023. 3. 22.\n○ 장소 : 구청 대강당'));
  assert.deepEqual(press.body[0].cells[1], '2023. 3. 23.(경인방송)');
  assert.deepEqual(visits.body[0].cells[1], '7월 24일 (시청 본관)');
});

test('communication card: a live link counts its activities, not once', () => {
  const live = [
    {
      id: 'b1',
      pledgeId: 'p1',
      kind: 'proposal',
      title: '소통공감365 · 제안합니다',
      date: '2023-01-05',
      lastDate: '2023-03-01',
      live: true,
      activities: 12,
      participants: 40,
      supports: 55,
      comments: 9,
    },
  ];
  const t = communicationTotals('p1', [], live, settings);
  assert.deepEqual(
    t.byType.map((x) => x.total),
    [0, 0, 0, 0, 12],
  );
  const card = buildCommunicationCard([{ id: 'p1', title: '새빛톡톡' }], [], live, settings);
  const [, detail, linkedTable] = reportTables(card);
  assert.equal(
    detail.body[0].cells[1],
    '○ 일시 : 2023. 1. 5. ~ 2023. 3. 1.\n○ 장소 : 마당(온라인)\n○ 대상 : 구민 40명 참여\n○ 내용 : 소통공감365 · 제안합니다 (활동 12건, 공감 55, 댓글 9)',
  );
  assert.deepEqual(linkedTable.body[0].cells.slice(4), [12, 40, 55, 9, '2023. 1. 5. ~ 2023. 3. 1.']);
});

test('dashboard: counts by status, 완료율, 이행률, 목표달성률', () => {
  const ps = [
    pledge({ id: 'a', status: '완료', progressPercent: 100 }),
    pledge({ id: 'b', status: '완료 지속추진', progressPercent: 100 }),
    pledge({ id: 'c', status: '정상추진', progressPercent: 60 }),
    pledge({ id: 'd', status: '폐기', progressPercent: 0, indicatorTables: [] }),
    pledge({
      id: 'e',
      status: '일부추진',
      progressPercent: 30,
      term: '임기후',
      indicatorTables: [
        {
          id: '1',
          periods: [{ key: '2023', label: '2023' }],
          indicators: [{ id: 'x', name: '운영', values: [{ periodKey: '2023', original: '운영', actual: '미운영' }] }],
        },
      ],
    }),
  ];
  const d = dashboard(ps, settings, 2023);
  assert.equal(d.total, 5);
  assert.deepEqual(
    d.byStatus.map((s) => s.count),
    [1, 1, 1, 1, 0, 1, 0],
  );
  assert.deepEqual(d.completionRate, { numerator: 2, denominator: 5, percent: 40 });
  assert.deepEqual(d.implementationRate, { numerator: 3, denominator: 4, percent: 75 });
  assert.deepEqual(
    [d.targetAchievementRate.numerator, d.targetAchievementRate.denominator, d.targetAchievementRate.percent],
    [3, 4, 75],
  );
  assert.equal(d.averageProgress, 58);
  assert.equal(dashboard([], settings, 2023).completionRate.percent, null);
  // one decimal, half up: 2/3 → 66.7
  assert.equal(dashboard(ps.slice(0, 3), settings, 2023).completionRate.percent, 66.7);
});

test('cumulative progress uses the changed target when there is one', () => {
  const p = pledge();
  const tb = p.indicatorTables[0];
  assert.equal(cumulativeProgress(tb, tb.indicators[0], '2023'), 50);
  tb.indicators[0].values[1].changed = '6';
  assert.equal(cumulativeProgress(tb, tb.indicators[0], '2023'), 25);
});

test('half-yearly snapshots are frozen and compare with the previous one', () => {
  const s1 = takeSnapshot([pledge(), pledge({ id: 'gone', title: '없어질 공약' })], '2023-07-03', settings);
  assert.equal(s1.label, '2023년 상반기');
  assert.ok(Object.isFrozen(s1.pledges[0]));
  const next = pledge({ status: '완료', progressPercent: 100 });
  next.indicatorTables[0].indicators[0].values[1].actual = '2';
  const s2 = takeSnapshot([next, pledge({ id: 'new', title: '새 공약' })], '2024-01-05', settings);
  assert.equal(s2.label, '2023년 하반기');
  const d = diffSnapshots(s1, s2);
  assert.deepEqual(
    d.map((c) => [c.pledgeId, c.kind, c.label, c.path, c.before, c.after]),
    [
      ['p1', 'changed', '상태', 'status', '정상추진', '완료'],
      ['p1', 'changed', '전체 진도율', 'progressPercent', 50, 100],
      ['p1', 'changed', '성과지표', 'indicatorTables[1].indicators[i1].values[2024].actual', undefined, '2'],
      ['new', 'added', '공약', '', undefined, undefined],
      ['gone', 'removed', '공약', '', undefined, undefined],
    ],
  );
  // The comparison says where, in Korean, not in the code's field names.
  assert.deepEqual(
    d.filter((c) => c.kind === 'changed').map((c) => pathLabel(c.path)),
    ['상태', '전체 진도율', '성과지표 › 1 › 지표 › i1 › 값 › 2024 › 실적'],
  );
  assert.equal(pathLabel('budget.entries[시비/2021].executed'), '예산 › 항목 › 시비/2021 › 집행');
  assert.equal(snapshotPeriod('2023-08-01', 'quarterly').label, '2023년 3분기');
});

test('a half-yearly snapshot describes the half-year just ended, with the 목표달성률 of its year, unless another is chosen', () => {
  // The 2023 target (2회) was met; 2024 has a target and no actual yet.
  const done = pledge();
  // Taken in July: the 상반기 that has just ended, measured against that year's targets.
  const july = takeSnapshot([done], '2023-07-10', settings);
  assert.deepEqual(
    [july.period, july.label, july.metrics.targetAchievementRate.year],
    ['2023-H1', '2023년 상반기', 2023],
  );
  assert.equal(july.metrics.targetAchievementRate.percent, 100);
  // Taken in January: the 하반기 of the year before, not the new year whose targets have no actuals yet.
  const january = takeSnapshot([done], '2024-01-15', settings);
  assert.deepEqual(
    [january.period, january.label, january.metrics.targetAchievementRate.year],
    ['2023-H2', '2023년 하반기', 2023],
  );
  assert.equal(january.metrics.targetAchievementRate.percent, 100);
  // The planning office may choose another half-year; its year gives the metrics.
  const chosen = takeSnapshot([done], '2024-01-15', settings, parseSnapshotPeriod('2024-H1'));
  assert.deepEqual(
    [
      chosen.period,
      chosen.label,
      chosen.metrics.targetAchievementRate.year,
      chosen.metrics.targetAchievementRate.percent,
    ],
    ['2024-H1', '2024년 상반기', 2024, 0],
  );
  assert.deepEqual(
    snapshotPeriodChoices('2024-01-15', 'half-yearly').map((p) => p.period),
    ['2024-H1', '2023-H2', '2023-H1', '2022-H2', '2022-H1'],
  );
  assert.equal(endedSnapshotPeriod('2024-02-01', 'quarterly').label, '2023년 4분기');
  assert.equal(parseSnapshotPeriod('2024-H3'), undefined);
});

test('settings: defaults and validation', () => {
  assert.deepEqual(settings.budgetSources, ['국비', '도비', '시비', '민간자본']);
  assert.equal(settings.panel.maxMembers, 20);
  assert.deepEqual(
    settings.statuses.map((s) => s.code),
    ['완료', '이행 후 계속추진', '정상추진', '일부추진', '보류', '폐기', '기타'],
  );
  assert.throws(() => PledgeSettings.parse({ linkedActivityTypes: { survey: 'nope' } }));
  assert.throws(() =>
    PledgeSettings.parse({
      statuses: [
        { code: 'a', label: 'a' },
        { code: 'a', label: 'b' },
      ],
    }),
  );
});

test('the 2021 card keeps its numbering when a pledge has no evaluators’ suggestions: 6 says 해당없음, 7 follows', () => {
  const card = buildPledgeCard(pledge({ suggestions: [] }), {
    settings,
    layout: LAYOUT_SUWON_2021,
    today: '2021-03-31',
  });
  const numbered = card.sections.map((s) => s.heading).filter((h) => /^\d+\./.test(h));
  assert.deepEqual(
    numbered.map((h) => h.match(/^(\d+)\./)![1]),
    ['1', '2', '3', '4', '5', '6', '7', '8'],
  );
  assert.ok(numbered.includes('6. 「개선 및 제안사항」 추진실적 : 해당없음'), numbered.join(' | '));
  // With suggestions, the section names the evaluation as before.
  const withOne = buildPledgeCard(
    pledge({
      suggestions: [
        {
          evaluation: '2020년 하반기 좋은시정위원회 평가결과',
          suggestion: [{ text: '홍보 강화' }],
          followUp: [{ text: '설명회 2회' }],
        },
      ],
    }),
    { settings, layout: LAYOUT_SUWON_2021, today: '2021-03-31' },
  );
  assert.ok(
    withOne.sections.some(
      (s) => s.heading === '6. 「2020년 하반기 좋은시정위원회 평가결과 개선 및 제안사항」 추진실적',
    ),
  );
});

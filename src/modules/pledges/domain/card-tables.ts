// The tables of a pledge card whose shape depends on the layout: the budget ledger (예산투자현황 및 투자계획), the
// indicator tables (연도별 성과지표 / 연차별 이행확인지표) and the figures tables of the progress log (seed 002's 운영실적).
import { span, type ReportTable, type TableRow } from '../../../platform/reports/model.ts';
import type { FigureTable, IndicatorTable, Pledge } from './model.ts';
import { budgetTotals, columnSum, type Basis } from './budget.ts';
import type { PledgeSettings } from './settings.ts';
import { fill } from './format.ts';
import type { CardLayout } from './card-layout.ts';

/** 예산투자현황 및 투자계획, columns lettered a, b, … on the counted figure of each period. */
export function budgetTable(
  p: Pledge,
  today: string,
  settings: PledgeSettings,
  unit: string,
  layout: CardLayout,
): ReportTable {
  const t = budgetTotals(p.budget, today, settings.budgetSources);
  const last = t.periods[t.periods.length - 1]?.letter ?? 'a';
  const top: TableRow['cells'] = [
    span(layout.budgetCorner ?? '구분', 1, 2),
    span(fill(layout.budgetSumLabel ?? '소요예산 (a~{last}합계)', { last }), 1, 2),
  ];
  const sub: TableRow['cells'] = [];
  const cols: { key: string; basis: Basis }[] = [];
  p.budget.periods.forEach((per, i) => {
    const pt = t.periods[i];
    if (per.prior) {
      top.push(span(`${per.label} (${pt.letter})`, 1, 2));
      cols.push({ key: per.key, basis: 'executed' });
    } else if (pt.phase === 'future') {
      top.push(per.label);
      sub.push(`계획(${pt.letter})`);
      cols.push({ key: per.key, basis: 'planned' });
    } else if (pt.basis === 'planned') {
      // Seed 002 counts the current year's plan: '계획(b) | 확보'.
      top.push(span(per.label, 2));
      sub.push(`계획(${pt.letter})`, '확보');
      cols.push({ key: per.key, basis: 'planned' }, { key: per.key, basis: 'secured' });
    } else {
      top.push(span(per.label, 2));
      sub.push(
        pt.basis === 'secured' ? `확보(${pt.letter})` : '확보',
        pt.basis === 'executed' ? `집행(${pt.letter})` : '집행',
      );
      cols.push({ key: per.key, basis: 'secured' }, { key: per.key, basis: 'executed' });
    }
  });
  const prior = new Set(p.budget.periods.filter((x) => x.prior).map((x) => x.key));
  const empty = (key: string) =>
    layout.budgetEmptyTotal ? layout.budgetEmptyTotal[prior.has(key) ? 'prior' : 'other'] : 0;
  const used = new Set(p.budget.entries.map((e) => e.source));
  const sources = layout.budgetUsedSourcesOnly ? t.bySource.filter((s) => used.has(s.source)) : t.bySource;
  const body: TableRow[] = [
    { total: true, cells: ['계', t.total, ...cols.map((c) => columnSum(p.budget, c.key, c.basis) ?? empty(c.key))] },
    ...sources.map((s) => ({
      cells: [s.source, s.total, ...cols.map((c) => columnSum(p.budget, c.key, c.basis, s.source) ?? null)],
    })),
  ];
  return { id: 'budget', title: '예산투자현황 및 투자계획', unit, head: [{ cells: top }, { cells: sub }], body };
}

/** One 연도별 성과지표 table: 당초 (or 기준) rows, then 변경 and 실적 rows when present, then 누적 추진율. */
export function indicatorTable(tb: IndicatorTable, layout: CardLayout, index: number): ReportTable {
  const grouped = tb.periods.some((p) => p.group);
  // Without a group head over all periods (seed 002), the period groups are the top header row.
  const top = layout.indicatorGroupHead !== '';
  const depth = (grouped ? 2 : 1) + (top ? 1 : 0);
  const single = layout.indicatorLabel !== undefined;
  const lead = single
    ? [span(layout.indicatorLabel!, 1, depth)]
    : layout.indicatorHeadMerged
      ? [span(layout.indicatorHeadMerged, 2, depth)]
      : [span('구분', 1, depth), span('성과지표', 1, depth)];
  const head: TableRow[] = top
    ? [{ cells: [...lead, span('단위', 1, depth), span(layout.indicatorGroupHead, tb.periods.length)] }]
    : [];
  if (grouped) {
    const r2: TableRow['cells'] = [];
    const r3: TableRow['cells'] = [];
    for (let i = 0; i < tb.periods.length; ) {
      const g = tb.periods[i].group;
      if (!g) {
        r2.push(span(tb.periods[i].label, 1, 2));
        i++;
        continue;
      }
      let n = 0;
      while (tb.periods[i + n]?.group === g) r3.push(tb.periods[i + n++].label);
      r2.push(span(g, n));
      i += n;
    }
    head.push({ cells: r2 }, { cells: r3 });
  } else head.push({ cells: tb.periods.map((p) => p.label) });
  if (!top) head[0] = { cells: [...lead, span('단위', 1, depth), ...head[0].cells] };

  const valueRows = (
    label: string,
    pick: (v: Pledge['indicatorTables'][number]['indicators'][number]['values'][number]) => string | undefined,
  ) => {
    // Every indicator has a baseline row, even one added by a change request with no targets yet.
    const inds = tb.indicators.filter((i) => label === tb.baselineLabel || i.values.some((v) => pick(v) !== undefined));
    return inds.map((ind, k) => ({
      cells: [
        ...(single ? [] : k === 0 ? [span(label, 1, inds.length)] : []),
        ind.name,
        ind.unit,
        ...tb.periods.map(
          (per) => pick(ind.values.find((v) => v.periodKey === per.key) ?? { periodKey: per.key }) ?? '',
        ),
      ],
    }));
  };
  const body: TableRow[] = [
    ...valueRows(tb.baselineLabel, (v) => v.original ?? ''),
    ...valueRows('변경', (v) => v.changed),
    ...valueRows('실적', (v) => v.actual),
  ];
  const labels = [...new Set(tb.cumulative.map((c) => c.label))];
  for (const label of labels) {
    const rows = tb.cumulative.filter((c) => c.label === label);
    rows.forEach((c, k) => {
      const lead: TableRow['cells'] = single
        ? [c.sub ? `${label} ${c.sub}` : label]
        : c.sub
          ? [...(k === 0 ? [span(label, 1, rows.length)] : []), c.sub]
          : [span(label, 2)];
      body.push({ cells: [...lead, c.unit, ...tb.periods.map((per) => c.values[per.key] ?? '')] });
    });
  }
  return {
    id: `indicators-${index + 1}`,
    title: tb.caption ? `성과지표 ${tb.caption}` : '연도별 성과지표',
    head,
    body,
  };
}

/** A figures table of the progress log; the total column is the sum of the numeric parts of its row. */
export function figureTable(ft: FigureTable, id: string): ReportTable {
  const labelled = ft.rows.some((r) => r.label);
  const num = (v: string | undefined) =>
    v !== undefined && /^-?\d[\d,]*(\.\d+)?$/.test(v.trim()) ? Number(v.replace(/,/g, '')) : undefined;
  const head = [
    ...(labelled ? ['구분'] : []),
    ...(ft.totalLabel ? [ft.totalLabel] : []),
    ...ft.columns,
    ...(ft.noteLabel ? [ft.noteLabel] : []),
  ];
  const body: TableRow[] = ft.rows.map((r) => {
    const values = ft.columns.map((c) => r.values[c]);
    const nums = values.map(num).filter((x): x is number => x !== undefined);
    return {
      cells: [
        ...(labelled ? [r.label] : []),
        ...(ft.totalLabel ? [nums.length ? Math.round(nums.reduce((a, b) => a + b, 0) * 1000) / 1000 : null] : []),
        ...values.map((v) => num(v) ?? v ?? ''),
        ...(ft.noteLabel ? [r.note] : []),
      ],
    };
  });
  return { id, title: ft.title, unit: ft.unit ? `(단위:${ft.unit})` : undefined, head: [{ cells: head }], body };
}

// Budget ledger (공약가계부) by source and period, with 확보 / 집행 / 계획 amounts.
//
// Total rule (seed 001): a past period counts what was executed (집행), the current period
// what was secured (확보), a future period what is planned (계획); 기투자 (before the term)
// counts as past. Seed 001 as of 2021-03-31: 0 + 0 + 15 + 14 + 29 + 29 + 29 = 116.
import type { BudgetLedger, BudgetPeriod } from './model.ts';

type Phase = 'past' | 'current' | 'future';
export type Basis = 'executed' | 'secured' | 'planned';

/** Where a period lies relative to `today` (YYYY-MM-DD). Open-ended periods stay current. */
function periodPhase(p: BudgetPeriod, today: string): Phase {
  if (p.prior) return 'past';
  if (p.end && p.end < today) return 'past';
  if (p.start && p.start > today) return 'future';
  if (!p.start && !p.end) throw new Error(`budget period '${p.key}' needs start/end dates or prior=true`);
  return 'current';
}

function basisFor(p: BudgetPeriod, today: string): Basis {
  if (p.basis) return p.basis;
  return { past: 'executed', current: 'secured', future: 'planned' }[periodPhase(p, today)] as Basis;
}

interface PeriodTotal {
  key: string;
  label: string;
  phase: Phase;
  basis: Basis;
  /** Letter of the counted column in the printed table: 기투자 (a), 집행(b) … */
  letter: string;
  value: number;
}

export interface BudgetTotals {
  total: number;
  periods: PeriodTotal[];
  bySource: { source: string; total: number; periods: Record<string, number> }[];
}

// Amounts are in 백만원 with at most a few decimals; summing in integer thousandths avoids
// float drift (0.1 + 0.2) in totals that are printed and compared.
const SCALE = 1000;
const toInt = (n: number) => Math.round(n * SCALE);
const fromInt = (n: number) => n / SCALE;

export function budgetTotals(ledger: BudgetLedger, today: string, sources: string[]): BudgetTotals {
  const known = new Set(ledger.periods.map((p) => p.key));
  for (const e of ledger.entries) {
    if (!known.has(e.periodKey)) throw new Error(`budget entry for unknown period '${e.periodKey}'`);
  }
  const allSources = [...sources, ...ledger.entries.map((e) => e.source).filter((s) => !sources.includes(s))];
  const uniqueSources = [...new Set(allSources)];
  const periods: PeriodTotal[] = ledger.periods.map((p, i) => {
    const basis = basisFor(p, today);
    const sum = ledger.entries.filter((e) => e.periodKey === p.key).reduce((n, e) => n + toInt(e[basis] ?? 0), 0);
    return {
      key: p.key,
      label: p.label,
      phase: periodPhase(p, today),
      basis,
      letter: String.fromCharCode(97 + i),
      value: fromInt(sum),
    };
  });
  const bySource = uniqueSources.map((source) => {
    const per: Record<string, number> = {};
    let t = 0;
    for (const p of ledger.periods) {
      const basis = basisFor(p, today);
      const v = ledger.entries
        .filter((e) => e.source === source && e.periodKey === p.key)
        .reduce((n, e) => n + toInt(e[basis] ?? 0), 0);
      per[p.key] = fromInt(v);
      t += v;
    }
    return { source, total: fromInt(t), periods: per };
  });
  return { total: fromInt(periods.reduce((n, p) => n + toInt(p.value), 0)), periods, bySource };
}

/** Sum of one column (확보/집행/계획) of a period over all sources. */
export function columnSum(ledger: BudgetLedger, periodKey: string, basis: Basis, source?: string): number | undefined {
  const list = ledger.entries.filter(
    (e) => e.periodKey === periodKey && (source === undefined || e.source === source) && e[basis] !== undefined,
  );
  return list.length ? fromInt(list.reduce((n, e) => n + toInt(e[basis] ?? 0), 0)) : undefined;
}

// Indicator helpers: effective targets (변경 over 당초) and cumulative progress (누적 추진율).
import type { Indicator, IndicatorTable, IndicatorValue } from './model.ts';

/** The target in force: the approved 변경 target if any, else the 당초 one. */
function effectiveTarget(v: IndicatorValue): string | undefined {
  return v.changed ?? v.original;
}

const num = (s: string | undefined) => {
  const t = s?.replace(/,/g, '').trim();
  return t !== undefined && /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
};

/**
 * 누적 추진율 of a numeric indicator up to and including `periodKey`:
 * Σ actuals so far ÷ Σ effective targets over the whole table, in %, capped at 100 (one decimal).
 * Undefined when the indicator has no numeric target (text targets such as '운영' are judged
 * by people and entered in the 누적 추진율 rows directly).
 */
export function cumulativeProgress(tb: IndicatorTable, ind: Indicator, periodKey: string): number | undefined {
  const idx = tb.periods.findIndex((p) => p.key === periodKey);
  if (idx < 0) throw new Error(`unknown period ${periodKey}`);
  const targets = ind.values.map((v) => num(effectiveTarget(v))).filter((x): x is number => x !== undefined);
  const total = targets.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  const upTo = new Set(tb.periods.slice(0, idx + 1).map((p) => p.key));
  const done = ind.values.filter((v) => upTo.has(v.periodKey)).reduce((s, v) => s + (num(v.actual) ?? 0), 0);
  return Math.min(100, Math.floor((done * 2000 + total) / (2 * total)) / 10);
}

// Achievement rate (달성도) computed exactly: targets and actuals are decimals, the rate is a
// fraction of BigInts, so a cut-off such as 95% is compared without floating-point error
// (19/20 is exactly 95%, not 94.99999…).

/** A non-negative rational number n/d with d > 0. */
export interface Ratio {
  n: bigint;
  d: bigint;
}

export type Direction = 'higher' | 'lower';

/** Parses '24,000', '1.5' or '-' into an exact ratio; undefined if not a plain number. */
export function decimal(text: string): Ratio | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.replace(/,/g, '').trim());
  if (!m) return undefined;
  const frac = m[2] ?? '';
  return { n: BigInt(m[1] + frac), d: 10n ** BigInt(frac.length) };
}

/**
 * The leading quantity of a printed value: '24,000천건' → 24000 천건, '102만명' → 102 만명,
 * '50명, 1회' → 50 명 (composite targets are compared on their first quantity, which is what the
 * seed does: 50명 → 54명 is printed as 108%). Text such as '운용 및 정착' or '미운영' has none.
 */
export function quantity(text: string): { value: Ratio; unit: string } | undefined {
  const m = /^\s*([\d,]+(?:\.\d+)?)\s*([^\d,\s][^,\s]*)?/.exec(text);
  if (!m) return undefined;
  const value = decimal(m[1]);
  return value ? { value, unit: (m[2] ?? '').trim() } : undefined;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function reduce(r: Ratio): Ratio {
  const g = gcd(r.n, r.d) || 1n;
  return { n: r.n / g, d: r.d / g };
}

/**
 * 달성도 as a ratio (1 = 100%).
 * - higher is better: actual ÷ target.
 * - lower is better: (2·target − actual) ÷ target, floored at 0. Chosen over target ÷ actual
 *   because it stays finite when the actual is 0 (e.g. zero accidents) and moves by the same
 *   amount per unit missed as the higher-is-better rate does.
 * Returns undefined when the target is 0 (no meaningful rate).
 */
export function achievementRate(target: Ratio, actual: Ratio, direction: Direction = 'higher'): Ratio | undefined {
  if (target.n === 0n) return undefined;
  if (direction === 'higher') return reduce({ n: actual.n * target.d, d: actual.d * target.n });
  // (2T − A)/T with T = tn/td, A = an/ad  →  (2·tn·ad − an·td) / (tn·ad)
  const num = 2n * target.n * actual.d - actual.n * target.d;
  return reduce({ n: num > 0n ? num : 0n, d: target.n * actual.d });
}

/** r ≥ p% exactly (p may have decimals, e.g. 92.5). */
export function atLeastPercent(r: Ratio, percent: number): boolean {
  const p = decimal(String(percent));
  if (!p) throw new Error(`bad percent ${percent}`);
  // r.n/r.d ≥ p.n/(p.d·100)
  return r.n * p.d * 100n >= p.n * r.d;
}

/** Integer percent rounded half up, the way the seed prints 달성도 and the grade table. */
export function roundPercent(r: Ratio): number {
  return Number((r.n * 200n + r.d) / (2n * r.d));
}

/** count/total as an integer percent, half up: 13/45 → 29. */
export function sharePercent(count: number, total: number): number {
  if (total === 0) return 0;
  return roundPercent({ n: BigInt(count), d: BigInt(total) });
}

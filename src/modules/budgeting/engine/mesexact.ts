// The exact side of MES. The fast path (mes.ts) runs the rounds in doubles and records,
// for every round, which project was bought and which supporters gave everything they
// had. That record determines every budget exactly:
//   budget_g before round k = b0 - sum over earlier rounds j where g's ballot holds p_j of rho_j * u_g(p_j)
// (or 0 once g has paid out), and rho_k = (cost - what the capped supporters had) / (utility
// of the others). So exact prices are computed only when asked: when two doubles are too
// close to decide, and for explanations.
import { gcd, rat, type Rational } from './rational.ts';
import type { Election } from './election.ts';

export type Utility = 'cost' | 'cardinality' | 'points';

/** Per-election structures shared by every MES run (Add1 reruns MES ~165 times on Wieliczka). */
export interface MesInstance {
  e: Election;
  utility: Utility;
  /** Group weights as doubles (exact: integers). */
  w: Float64Array;
  /** Supporters of project p are entries supStart[p] .. supStart[p+1]-1 (CSR layout). */
  supStart: Int32Array;
  supGroup: Int32Array;
  /** Utility of the entry's group for the project (an integer, exact in a double). */
  supU: Float64Array;
  cost: Float64Array;
  /** Projects that can be bought: positive cost, some utility, cost <= budget. */
  candidates: number[];
  /** Positive utility but cost 0: bought first, at price 0. */
  free: number[];
  /** Utility sum per project. */
  utilTotal: Float64Array;
}

interface MesRound {
  project: number;
  rhoF: number;
  /** Supporters who paid their whole (smaller than the price) budget this round. */
  capped: Int32Array;
  exact?: Rational;
}

/** One MES run: the state the exact side needs. All money in scaled units (see Election.scale). */
export interface MesRun {
  inst: MesInstance;
  b0: Rational;
  b0F: number;
  bf: Float64Array;
  /** Round at which the group's budget became exactly 0, or -1. */
  zeroAt: Int32Array;
  /** Group weight while its budget is positive, 0 once zeroAt is set (one load instead of two in the hot loop). */
  liveW: Float64Array;
  /** Round at which the project was bought, or -1. */
  selRound: Int32Array;
  /** Round at which the project was found unaffordable (dropped), or -1. */
  removedAt: Int32Array;
  rounds: MesRound[];
  selected: number[];
  cost: bigint;
}

/** Utility of group g for the k-th item of its ballot, as a bigint. */
export function itemUtility(inst: MesInstance, g: number, k: number): bigint {
  const grp = inst.e.groups[g];
  const p = grp.items[k];
  const pts = grp.points[k];
  if (pts <= 0) return 0n;
  if (inst.utility === 'cost') return inst.e.costs[p];
  if (inst.utility === 'cardinality') return 1n;
  return BigInt(pts);
}

/** Budgets of `groups` before round k, as integers over a common denominator E. */
export function exactBudgets(run: MesRun, groups: ArrayLike<number>, k: number): { E: bigint; B: bigint[] } {
  let E = run.b0.d;
  const rhos: Rational[] = [];
  for (let j = 0; j < k; j++) {
    const r = exactRho(run, j);
    rhos.push(r);
    E = (E / gcd(E, r.d)) * r.d;
  }
  const factor = rhos.map((r) => r.n * (E / r.d));
  const base = run.b0.n * (E / run.b0.d);
  const B: bigint[] = new Array(groups.length);
  for (let x = 0; x < groups.length; x++) {
    const g = groups[x];
    const z = run.zeroAt[g];
    if (z >= 0 && z < k) {
      B[x] = 0n;
      continue;
    }
    let val = base;
    const items = run.inst.e.groups[g].items;
    for (let t = 0; t < items.length; t++) {
      const j = run.selRound[items[t]];
      if (j >= 0 && j < k) val -= factor[j] * itemUtility(run.inst, g, t);
    }
    B[x] = val;
  }
  return { E, B };
}

function utilityOfEntry(inst: MesInstance, i: number): bigint {
  return BigInt(inst.supU[i]);
}

/** The exact price per unit of utility of round k (memoised). */
export function exactRho(run: MesRun, k: number): Rational {
  const round = run.rounds[k];
  if (round.exact) return round.exact;
  const inst = run.inst;
  const p = round.project;
  if (inst.e.costs[p] === 0n) return (round.exact = rat(0n));
  const capped = new Set<number>(round.capped);
  const { E, B } = exactBudgets(run, round.capped, k);
  let paid = 0n;
  for (let x = 0; x < round.capped.length; x++) paid += BigInt(inst.w[round.capped[x]]) * B[x];
  let U = 0n;
  for (let i = inst.supStart[p]; i < inst.supStart[p + 1]; i++) {
    const g = inst.supGroup[i];
    const z = run.zeroAt[g];
    if ((z >= 0 && z < k) || capped.has(g)) continue;
    U += BigInt(inst.w[g]) * utilityOfEntry(inst, i);
  }
  return (round.exact = rat(inst.e.costs[p] * E - paid, U * E));
}

export interface ExactFill {
  affordable: boolean;
  /** Money the supporters still have before this round. */
  money: Rational;
  rho: Rational;
  /** Groups paying less than rho*u (their whole budget). */
  capped: number[];
  /** Groups left with exactly 0 (capped, plus those whose budget equals rho*u). */
  zeroed: number[];
}

/** Exact water-filling for project p before round k: the smallest rho with sum min(b, rho*u) = cost. */
export function exactWaterFill(run: MesRun, p: number, k: number): ExactFill {
  const inst = run.inst;
  const groups: number[] = [];
  const us: bigint[] = [];
  for (let i = inst.supStart[p]; i < inst.supStart[p + 1]; i++) {
    const g = inst.supGroup[i];
    const z = run.zeroAt[g];
    if (z >= 0 && z < k) continue;
    groups.push(g);
    us.push(utilityOfEntry(inst, i));
  }
  const { E, B } = exactBudgets(run, groups, k);
  const ws = groups.map((g) => BigInt(inst.w[g]));
  let total = 0n;
  for (let x = 0; x < groups.length; x++) total += ws[x] * B[x];
  const C = inst.e.costs[p] * E;
  const money = rat(total, E);
  if (total < C) return { affordable: false, money, rho: rat(0n), capped: [], zeroed: [] };
  // rho = num / (den * E); a group is capped when B/u < num/den.
  let num = C;
  let den = 0n;
  for (let x = 0; x < groups.length; x++) den += ws[x] * us[x];
  const isCapped = new Uint8Array(groups.length);
  for (let changed = true; changed; ) {
    changed = false;
    for (let x = 0; x < groups.length; x++) {
      if (isCapped[x] || B[x] * den >= num * us[x]) continue;
      isCapped[x] = 1;
      num -= ws[x] * B[x];
      den -= ws[x] * us[x];
      changed = true;
    }
  }
  const capped: number[] = [];
  const zeroed: number[] = [];
  for (let x = 0; x < groups.length; x++) {
    if (isCapped[x]) {
      capped.push(groups[x]);
      zeroed.push(groups[x]);
    } else if (B[x] * den === num * us[x]) zeroed.push(groups[x]);
  }
  return { affordable: true, money, rho: rat(num, den * E), capped, zeroed };
}

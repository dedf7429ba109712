// Method of Equal Shares (spec: anchors-algorithms.md §1.4). Every voter gets the same
// budget; each round buys the project whose supporters can pay for it at the lowest price
// per unit of utility rho, each paying min(own budget, rho * utility).
//
// Speed with exactness: rounds run in doubles, but a double only decides when it is far
// from the boundary (relative band KAPPA, far above the ~1e-13 worst rounding error of
// these sums). Inside the band the decision is made again exactly with bigint rationals
// (mesexact.ts): affordability, the choice among near-equal prices (and then the
// documented tie-breaker on exact ties), and whether a supporter pays everything.
import { tieBreaker, type Election } from './election.ts';
import { cmp, rat, toNumber, type Rational } from './rational.ts';
import { exactWaterFill, type ExactFill, type MesInstance, type MesRun, type Utility } from './mesexact.ts';

export type { MesInstance, MesRun, Utility } from './mesexact.ts';

const KAPPA = 1e-9;

export function mesInstance(e: Election, utility: Utility = 'cost'): MesInstance {
  const m = e.ids.length;
  const counts = new Int32Array(m + 1);
  for (const grp of e.groups)
    for (let k = 0; k < grp.items.length; k++) if (grp.points[k] > 0) counts[grp.items[k] + 1]++;
  for (let p = 0; p < m; p++) counts[p + 1] += counts[p];
  const supStart = Int32Array.from(counts);
  const fill = Int32Array.from(counts);
  const supGroup = new Int32Array(supStart[m]);
  const supU = new Float64Array(supStart[m]);
  const w = new Float64Array(e.groups.length);
  const cost = Float64Array.from(e.costs, Number);
  e.groups.forEach((grp, g) => {
    w[g] = grp.weight;
    for (let k = 0; k < grp.items.length; k++) {
      if (grp.points[k] <= 0) continue;
      const p = grp.items[k];
      const at = fill[p]++;
      supGroup[at] = g;
      supU[at] = utility === 'cost' ? cost[p] : utility === 'cardinality' ? 1 : grp.points[k];
    }
  });
  const utilTotal = new Float64Array(m);
  for (let p = 0; p < m; p++)
    for (let i = supStart[p]; i < supStart[p + 1]; i++) utilTotal[p] += w[supGroup[i]] * supU[i];
  const candidates: number[] = [];
  const free: number[] = [];
  for (let p = 0; p < m; p++) {
    if (utilTotal[p] <= 0 || e.costs[p] > e.budget) continue;
    (e.costs[p] === 0n ? free : candidates).push(p);
  }
  return { e, utility, w, supStart, supGroup, supU, cost, candidates, free, utilTotal };
}

interface FloatFill {
  /** 0 unaffordable, 1 affordable with price rho, 2 too close to call in doubles, 3 affordable
   *  but surely dearer than `bound` (rho is then only a lower bound on the price). */
  status: 0 | 1 | 2 | 3;
  rho: number;
  err: number;
}

/** Scratch buffers for floatFill, sized to the largest supporter list (one set per run). */
interface FillScratch {
  w: Float64Array;
  b: Float64Array;
  u: Float64Array;
  capped: Uint8Array;
}

// Add1 reruns MES ~165 times on one instance, one run at a time (runs never interleave: a
// run is synchronous), so the scratch is allocated once per instance, not per run.
const scratchOf = new WeakMap<MesInstance, FillScratch>();

function fillScratch(inst: MesInstance): FillScratch {
  let sc = scratchOf.get(inst);
  if (!sc) {
    let n = 0;
    for (let p = 0; p < inst.e.ids.length; p++) n = Math.max(n, inst.supStart[p + 1] - inst.supStart[p]);
    sc = { w: new Float64Array(n), b: new Float64Array(n), u: new Float64Array(n), capped: new Uint8Array(n) };
    scratchOf.set(inst, sc);
  }
  return sc;
}

const NOBODY = new Int32Array(0);

function floatFill(run: MesRun, p: number, sc: FillScratch, bound: number): FloatFill {
  const { supStart, supGroup, supU, cost } = run.inst;
  const { bf, liveW, b0F } = run;
  const s = supStart[p];
  const t = supStart[p + 1];
  const c = cost[p];
  let money = 0;
  let weight = 0;
  let U = 0;
  // One pass over the supporter list gathers the live supporters into contiguous arrays, so
  // the water-filling passes below read neither the group index nor the global budgets again.
  // The sums are taken in the same order as before, so every double is the same.
  const cw = sc.w;
  const cb = sc.b;
  const cu = sc.u;
  let n = 0;
  for (let i = s; i < t; i++) {
    const g = supGroup[i];
    const wg = liveW[g];
    if (wg === 0) continue; // budget already 0 (weights are positive counts)
    const bg = bf[g];
    const u = supU[i];
    money += wg * bg;
    U += wg * u;
    weight += wg;
    cw[n] = wg;
    cb[n] = bg;
    cu[n] = u;
    n++;
  }
  const tol = KAPPA * (weight * b0F + c);
  if (money < c - tol) return { status: 0, rho: Infinity, err: 0 };
  if (money <= c + tol || U <= 0) return { status: 2, rho: c / Math.max(U, 1), err: Infinity };
  // Capping only raises the price, so c/U (everyone paying rho*u) is a lower bound: a project
  // already dearer than the best one found, beyond both error bands, needs no water-filling.
  const err0 = (KAPPA * (c + weight * b0F)) / U;
  if (c / U - err0 > bound) return { status: 3, rho: c / U, err: err0 };
  const capped = sc.capped;
  capped.fill(0, 0, n);
  let paid = 0;
  let rho = c / U;
  for (let changed = true; changed; ) {
    changed = false;
    for (let x = 0; x < n; x++) {
      if (capped[x] || cb[x] >= rho * cu[x]) continue;
      capped[x] = 1;
      paid += cw[x] * cb[x];
      U -= cw[x] * cu[x];
      changed = true;
    }
    if (U <= 0) return { status: 2, rho, err: Infinity };
    if (changed) rho = (c - paid) / U;
  }
  return { status: 1, rho, err: (KAPPA * (c + weight * b0F)) / U };
}

export interface MesOptions {
  /** Budget per voter in scaled units (default budget / voters). */
  perVoter?: Rational;
  tieOrder?: string[];
  /** Stop as soon as the outcome costs more than this (Add1 discards such a run anyway). */
  stopAbove?: bigint;
  /** A finished run of the same instance that nobody will read again: its arrays are reused
   *  (Add1 makes ~165 runs; allocating and collecting their group-sized arrays showed in profiles). */
  recycle?: MesRun;
}

/** Runs MES once. Deterministic; the voter order plays no part (ballots are grouped). */
export function runMes(inst: MesInstance, opts: MesOptions = {}): MesRun {
  const e = inst.e;
  const m = e.ids.length;
  const G = e.groups.length;
  const b0 = opts.perVoter ?? rat(e.budget, BigInt(Math.max(1, e.numVoters)));
  const old = opts.recycle?.inst === inst ? opts.recycle : undefined;
  const liveW = old ? old.liveW : new Float64Array(G);
  liveW.set(inst.w);
  const run: MesRun = {
    inst,
    b0,
    b0F: toNumber(b0),
    bf: (old ? old.bf : new Float64Array(G)).fill(toNumber(b0)),
    zeroAt: (old ? old.zeroAt : new Int32Array(G)).fill(-1),
    liveW,
    selRound: (old ? old.selRound : new Int32Array(m)).fill(-1),
    removedAt: (old ? old.removedAt : new Int32Array(m)).fill(-1),
    rounds: [],
    selected: [],
    cost: 0n,
  };
  const tie = tieBreaker(e, opts.tieOrder);
  for (const p of [...inst.free].sort(tie)) {
    run.selRound[p] = run.rounds.length;
    run.rounds.push({ project: p, rhoF: 0, capped: new Int32Array(0), exact: rat(0n) });
    run.selected.push(p);
  }
  const scratch = fillScratch(inst);
  // Lower bound on each project's current rho: rho never decreases as budgets shrink, so a
  // project whose bound is already worse than the best price found cannot win this round.
  const low = new Float64Array(m);
  for (const p of inst.candidates) low[p] = inst.cost[p] / inst.utilTotal[p];
  let active = [...inst.candidates];
  const fills = new Array<FloatFill | undefined>(m);

  for (;;) {
    const k = run.rounds.length;
    sortByLow(active, low);
    let best = -1;
    let bestHi = Infinity; // best rho + its error
    const seen: number[] = [];
    let removed = 0;
    for (const p of active) {
      if (best >= 0 && low[p] * (1 - 1e-7) > bestHi) break;
      let f = floatFill(run, p, scratch, bestHi);
      if (f.status === 3) {
        low[p] = Math.max(low[p], f.rho - f.err);
        continue;
      }
      if (f.status === 2) {
        const x = exactWaterFill(run, p, k);
        f = x.affordable ? { status: 1, rho: toNumber(x.rho), err: 0 } : { status: 0, rho: Infinity, err: 0 };
      }
      if (f.status === 0) {
        removed++;
        run.removedAt[p] = k;
        continue;
      }
      fills[p] = f;
      low[p] = Math.max(low[p], f.rho - f.err);
      seen.push(p);
      if (f.rho + f.err < bestHi) {
        best = p;
        bestHi = f.rho + f.err;
      }
    }
    if (removed > 0) active = active.filter((p) => run.removedAt[p] !== k);
    if (best < 0) break;
    // Every project whose interval overlaps the best one's could be the true minimum.
    const bestLo = fills[best]!.rho - fills[best]!.err;
    const near = seen.filter(
      (p) => fills[p]!.rho - fills[p]!.err <= bestHi && fills[p]!.rho + fills[p]!.err >= bestLo - 0,
    );
    let chosen = best;
    let exact: ExactFill | undefined;
    if (near.length > 1) {
      const xs = near.map((p) => ({ p, x: exactWaterFill(run, p, k) }));
      xs.sort((a, b) => cmp(a.x.rho, b.x.rho) || tie(a.p, b.p));
      chosen = xs[0].p;
      exact = xs[0].x;
    }
    pay(run, chosen, k, fills[chosen]!, exact);
    if (opts.stopAbove !== undefined && run.cost > opts.stopAbove) break;
    active = active.filter((p) => p !== chosen);
  }
  return run;
}

/** Orders projects by their lower bound, then index (a total order, as Array.sort with that
 *  comparator). Insertion sort: only the few projects priced last round moved, so the list is
 *  nearly sorted and this is linear in practice, without a comparator closure per call. */
function sortByLow(a: number[], low: Float64Array): void {
  for (let i = 1; i < a.length; i++) {
    const p = a[i];
    const lp = low[p];
    let j = i - 1;
    while (j >= 0 && (low[a[j]] > lp || (low[a[j]] === lp && a[j] > p))) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = p;
  }
}

function pay(run: MesRun, p: number, k: number, f: FloatFill, exact: ExactFill | undefined): void {
  const { supStart, supGroup, supU } = run.inst;
  const { bf, zeroAt, liveW, b0F } = run;
  let rho = exact ? toNumber(exact.rho) : f.rho;
  let err = exact ? 0 : f.err;
  if (!exact) {
    // Decide in doubles who pays everything, unless someone sits on the boundary.
    for (let i = supStart[p]; i < supStart[p + 1]; i++) {
      const g = supGroup[i];
      if (zeroAt[g] >= 0) continue;
      const due = rho * supU[i];
      if (Math.abs(bf[g] - due) <= KAPPA * (b0F + due) + err * supU[i]) {
        exact = exactWaterFill(run, p, k);
        rho = toNumber(exact.rho);
        err = 0;
        break;
      }
    }
  }
  const capped: number[] = [];
  if (exact) {
    for (const g of exact.zeroed) {
      zeroAt[g] = k;
      bf[g] = 0;
      liveW[g] = 0;
    }
    capped.push(...exact.capped);
    for (let i = supStart[p]; i < supStart[p + 1]; i++) {
      const g = supGroup[i];
      if (zeroAt[g] >= 0) continue;
      bf[g] = Math.max(0, bf[g] - rho * supU[i]);
    }
  } else {
    for (let i = supStart[p]; i < supStart[p + 1]; i++) {
      const g = supGroup[i];
      if (zeroAt[g] >= 0) continue;
      const due = rho * supU[i];
      if (bf[g] < due) {
        capped.push(g);
        zeroAt[g] = k;
        bf[g] = 0;
        liveW[g] = 0;
      } else {
        bf[g] -= due;
      }
    }
  }
  run.selRound[p] = k;
  run.rounds.push({
    project: p,
    rhoF: rho,
    capped: capped.length > 0 ? Int32Array.from(capped) : NOBODY,
    exact: exact?.rho,
  });
  run.selected.push(p);
  run.cost += run.inst.e.costs[p];
}

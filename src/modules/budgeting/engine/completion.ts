// Completion of MES, which alone often spends only 45-65% of the budget.
// Add1: rerun MES with a larger equal budget per voter, one currency unit more each time,
// and keep the last outcome that still costs at most the real budget.
//
// We continue while the outcome stays within budget and do NOT stop at the first
// exhaustive outcome: on Wieliczka 2023 the first exhaustive outcome (302 per voter, 31
// projects) is not the official one; continuing gives 310..315 and the official 30 projects
// (shared/data/pabulib/README.md). `stopWhenExhaustive` gives the other reading.
import { greedy, isExhaustive, type GreedyResult } from './greedy.ts';
import { runMes, type MesInstance, type MesRun } from './mes.ts';
import { add, floor, rat, type Rational } from './rational.ts';

export type Add1Grid =
  /** floor(B/n), +1, +2 ... (equalshares.net "integral endowments"; the official Wieliczka run). */
  | 'integral'
  /** B/n, B/n+1, ... */
  | 'exact';

export interface Add1Options {
  grid?: Add1Grid;
  /** Step per voter in currency units (default 1). */
  increment?: Rational;
  /** Stop at the first exhaustive outcome (ESN prose, pabutools); default false. */
  stopWhenExhaustive?: boolean;
  tieOrder?: string[];
}

export interface Add1Result {
  run: MesRun;
  /** MES runs performed, including the one that went over budget. */
  iterations: number;
  /** The first run's outcome at the starting per-voter budget (for explanations). */
  startPerVoter: Rational;
}

export function mesAdd1(inst: MesInstance, opts: Add1Options = {}): Add1Result {
  const e = inst.e;
  const n = BigInt(Math.max(1, e.numVoters));
  const exactStart = rat(e.budget, n);
  // Work in scaled units: one currency unit is `scale` units.
  const start =
    (opts.grid ?? 'integral') === 'integral' ? rat(floor(rat(e.budget, n * e.scale)) * e.scale) : exactStart;
  const step = opts.increment ? rat(opts.increment.n * e.scale, opts.increment.d) : rat(e.scale);
  if (step.n <= 0n) throw new RangeError('Add1 increment must be positive');
  const reachable = inst.candidates.length + inst.free.length;
  let perVoter = start;
  let current = runMes(inst, { perVoter, tieOrder: opts.tieOrder });
  let spare: MesRun | undefined; // a replaced run, whose arrays the next run reuses
  let iterations = 1;
  for (;;) {
    if (current.selected.length >= reachable) break; // nothing left to gain
    if (opts.stopWhenExhaustive && isExhaustive(e, current.selected, (p) => inst.candidates.includes(p))) break;
    // Guard: once one voter alone holds the whole budget, more money changes nothing.
    if (perVoter.n >= e.budget * perVoter.d) break;
    const next = add(perVoter, step);
    const run = runMes(inst, { perVoter: next, tieOrder: opts.tieOrder, stopAbove: e.budget, recycle: spare });
    iterations++;
    if (run.cost > e.budget) break;
    spare = current;
    current = run;
    perVoter = next;
  }
  return { run: current, iterations, startPerVoter: start };
}

/** Utilitarian completion: walk the projects by vote count and add every one that still fits. */
export function greedyCompletion(inst: MesInstance, selected: number[], tieOrder?: string[]): GreedyResult {
  return greedy(inst.e, { key: 'votes', initial: selected, tieOrder });
}

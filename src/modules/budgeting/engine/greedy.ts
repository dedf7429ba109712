// Greedy rules as cities run them: rank the projects, walk down the list, fund what fits.
// Keys are exact (integers or bigint rationals), so equal keys are really equal and the
// documented tie-breaker decides.
import { tieBreaker, type Election } from './election.ts';
import { cmp, rat, type Rational } from './rational.ts';

export type GreedyKey =
  /** Number of voters who support the project. */
  | 'votes'
  /** Sum of points (equals votes for approval ballots). */
  | 'score'
  /** Utilitarian welfare per unit of cost with cost utilities: (votes x cost) / cost. */
  | 'cost-welfare'
  /** Utilitarian welfare per unit of cost with approval utilities: votes / cost. */
  | 'cardinality-welfare';

export interface GreedyOptions {
  key?: GreedyKey;
  /** greedy-no-skip: stop at the first project that does not fit instead of skipping it. */
  noSkip?: boolean;
  /** greedy-threshold: only projects whose score is above this (see `thresholdInclusive`). */
  threshold?: number;
  /** Count a score equal to the threshold as passing (PFront "meets"); default false (CHK: strictly above). */
  thresholdInclusive?: boolean;
  /** Projects already funded (completion after MES); they keep their place and their cost. */
  initial?: number[];
  /** Budget to fill; default the election budget. */
  budget?: bigint;
  tieOrder?: string[];
}

export type GreedyVerdict =
  | 'funded'
  | 'already-funded'
  | 'does-not-fit'
  | 'stopped' // greedy-no-skip stopped before reaching it
  | 'below-threshold'
  | 'exceeds-budget' // costs more than the whole budget: never eligible (withdrawn sentinel 999999999)
  | 'no-support';

export interface GreedyStep {
  project: number;
  /** 1-based position in the ranking (eligible projects only), or 0 if not ranked. */
  rank: number;
  key: Rational;
  /** Money left when the walk reached the project (scaled units). */
  remaining: bigint;
  verdict: GreedyVerdict;
}

export interface GreedyResult {
  selected: number[];
  cost: bigint;
  steps: GreedyStep[];
}

export function greedyKey(e: Election, p: number, key: GreedyKey): Rational {
  switch (key) {
    case 'votes':
      return rat(e.votes[p]);
    case 'score':
      return rat(e.scores[p]);
    case 'cost-welfare':
      return e.costs[p] === 0n
        ? rat(e.votes[p] > 0 ? Number.MAX_SAFE_INTEGER : 0)
        : rat(BigInt(e.votes[p]) * e.costs[p], e.costs[p]);
    case 'cardinality-welfare':
      return e.costs[p] === 0n
        ? rat(e.votes[p] > 0 ? Number.MAX_SAFE_INTEGER : 0)
        : rat(BigInt(e.votes[p]), e.costs[p]);
  }
}

/** Default key: vote count for approval-like ballots, score for ballots with points. */
export function defaultGreedyKey(e: Election): GreedyKey {
  return e.voteType === 'approval' || e.voteType === 'choose-1' ? 'votes' : 'score';
}

export function greedy(e: Election, opts: GreedyOptions = {}): GreedyResult {
  const key = opts.key ?? defaultGreedyKey(e);
  const budget = opts.budget ?? e.budget;
  const tie = tieBreaker(e, opts.tieOrder);
  const initial = new Set(opts.initial ?? []);
  const keys = e.ids.map((_, p) => greedyKey(e, p, key));
  const order = e.ids.map((_, p) => p).sort((a, b) => cmp(keys[b], keys[a]) || tie(a, b));
  const selected = [...initial];
  let remaining = budget;
  for (const p of initial) remaining -= e.costs[p];
  const steps: GreedyStep[] = [];
  let rank = 0;
  let stopped = false;
  for (const p of order) {
    const step: GreedyStep = { project: p, rank: 0, key: keys[p], remaining, verdict: 'funded' };
    steps.push(step);
    // Eligibility first: these never take part, so they cannot stop greedy-no-skip either.
    if (e.scores[p] <= 0 && e.votes[p] === 0) {
      step.verdict = 'no-support';
      continue;
    }
    if (e.costs[p] > e.budget) {
      step.verdict = 'exceeds-budget';
      continue;
    }
    if (opts.threshold !== undefined) {
      const s = e.scores[p];
      const pass = opts.thresholdInclusive ? s >= opts.threshold : s > opts.threshold;
      if (!pass) {
        step.verdict = 'below-threshold';
        continue;
      }
    }
    step.rank = ++rank;
    if (initial.has(p)) {
      step.verdict = 'already-funded';
      continue;
    }
    if (stopped) {
      step.verdict = 'stopped';
      continue;
    }
    if (e.costs[p] <= remaining) {
      selected.push(p);
      remaining -= e.costs[p];
    } else if (opts.noSkip) {
      step.verdict = 'does-not-fit';
      stopped = true;
    } else {
      step.verdict = 'does-not-fit';
    }
  }
  return { selected, cost: budget - remaining, steps };
}

/** No unselected eligible project fits in what is left. */
export function isExhaustive(e: Election, selected: number[], candidates?: (p: number) => boolean): boolean {
  const chosen = new Set(selected);
  let left = e.budget;
  for (const p of selected) left -= e.costs[p];
  for (let p = 0; p < e.ids.length; p++) {
    if (chosen.has(p) || (candidates && !candidates(p))) continue;
    if (e.costs[p] <= left) return false;
  }
  return true;
}

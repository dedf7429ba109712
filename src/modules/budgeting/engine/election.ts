// The compact form every rule works on: integer costs, and identical ballots merged into
// one group with a weight. Grouping is what makes MES cheap (Wieliczka: 6 586 voters,
// 1 190 distinct ballots) and it also makes the outcome independent of voter order.
import { lcm, rat, type Rational } from './rational.ts';
import type { PbFile, VoteType } from './types.ts';

export interface ElectionOptions {
  /**
   * Points per rank for ordinal ballots, first rank first; ranks past the end get 0.
   * Default: L, L-1, ..., 1 with L = META max_length or the longest ballot
   * (Kraków: max_length 3, so 3/2/1, which is what its `score` column holds).
   */
  rankPoints?: number[];
}

export interface BallotGroup {
  /** Number of voters who cast exactly this ballot. */
  weight: number;
  /** Project indices, ascending. */
  items: number[];
  /** Points per item (1 for approval and choose-1). */
  points: number[];
}

export interface Election {
  ids: string[];
  names: (string | undefined)[];
  /** Costs multiplied by `scale`, so that they are integers. */
  costs: bigint[];
  budget: bigint;
  /** Power of ten that turns every cost and the budget into an integer (1 for real files). */
  scale: bigint;
  voteType: VoteType;
  numVoters: number;
  groups: BallotGroup[];
  /** For each voter in file order, the index of their group. */
  voterGroup: Int32Array;
  /** Voters who gave the project a positive number of points (approval count). */
  votes: number[];
  /** Sum of points (equals `votes` for approval). */
  scores: number[];
}

export function defaultRankPoints(file: PbFile): number[] {
  const declared = Number(file.meta.max_length);
  const longest = file.votes.reduce((m, v) => Math.max(m, v.projects.length), 0);
  const len = Number.isSafeInteger(declared) && declared > 0 ? declared : longest;
  return Array.from({ length: len }, (_, i) => len - i);
}

/** Cost and budget scale: the lcm of the decimal denominators (10^k). */
function scaleOf(values: Rational[]): bigint {
  let s = 1n;
  for (const v of values) s = lcm(s, v.d);
  return s;
}

export function toCurrency(e: Election, scaled: bigint): Rational {
  return rat(scaled, e.scale);
}

export function buildElection(file: PbFile, opts: ElectionOptions = {}): Election {
  const m = file.projects.length;
  const index = new Map<string, number>();
  file.projects.forEach((p, i) => index.set(p.id, i));
  const scale = scaleOf([file.budget, ...file.projects.map((p) => p.cost)]);
  const costs = file.projects.map((p) => (p.cost.n * scale) / p.cost.d);
  const budget = (file.budget.n * scale) / file.budget.d;
  for (const c of [...costs, budget]) {
    // The MES fast path keeps costs in doubles; they must be exact there.
    if (c > BigInt(Number.MAX_SAFE_INTEGER))
      throw new RangeError('a cost or the budget is too large (more than 15 significant digits)');
  }
  const rankPoints = file.voteType === 'ordinal' ? (opts.rankPoints ?? defaultRankPoints(file)) : null;
  const defaultScore = file.voteType === 'scoring' ? Number(file.meta.default_score ?? 0) || 0 : 0;

  const votes = new Array<number>(m).fill(0);
  const scores = new Array<number>(m).fill(0);
  const groups: BallotGroup[] = [];
  const byKey = new Map<string, number>();
  const voterGroup = new Int32Array(file.votes.length);
  const pts = new Array<number>(m);
  for (let v = 0; v < file.votes.length; v++) {
    const ballot = file.votes[v];
    pts.fill(defaultScore);
    const listed = ballot.projects;
    for (let k = 0; k < listed.length; k++) {
      const p = index.get(listed[k])!;
      if (rankPoints) pts[p] = rankPoints[k] ?? 0;
      else if (ballot.points) pts[p] = ballot.points[k];
      else pts[p] = 1;
    }
    const items: number[] = [];
    const points: number[] = [];
    if (defaultScore !== 0) {
      for (let p = 0; p < m; p++)
        if (pts[p] !== 0) {
          items.push(p);
          points.push(pts[p]);
        }
    } else {
      const idx = listed.map((id) => index.get(id)!).sort((a, b) => a - b);
      for (const p of idx)
        if (pts[p] !== 0) {
          items.push(p);
          points.push(pts[p]);
        }
    }
    for (let k = 0; k < items.length; k++) {
      if (points[k] > 0) votes[items[k]]++;
      scores[items[k]] += points[k];
    }
    const key =
      file.voteType === 'approval' || file.voteType === 'choose-1'
        ? items.join(',')
        : `${items.join(',')}|${points.join(',')}`;
    let g = byKey.get(key);
    if (g === undefined) {
      g = groups.length;
      byKey.set(key, g);
      groups.push({ weight: 0, items, points });
    }
    groups[g].weight++;
    voterGroup[v] = g;
  }
  return {
    ids: file.projects.map((p) => p.id),
    names: file.projects.map((p) => p.name),
    costs,
    budget,
    scale,
    voteType: file.voteType,
    numVoters: file.votes.length,
    groups,
    voterGroup,
    votes,
    scores,
  };
}

/**
 * Tie-breaking order used by every rule once the rule's own criterion is equal:
 * lower cost first, then more votes (the equalshares.net recommendation), then the
 * position in `tieOrder` if given (a lot drawn before counting), else the file order.
 * Returns a comparator on project indices.
 */
export function tieBreaker(e: Election, tieOrder?: string[]): (a: number, b: number) => number {
  const pos = new Map<number, number>();
  if (tieOrder) {
    const idx = new Map(e.ids.map((id, i) => [id, i]));
    tieOrder.forEach((id, k) => {
      const i = idx.get(id);
      if (i !== undefined && !pos.has(i)) pos.set(i, k);
    });
  }
  const last = (i: number): number => pos.get(i) ?? (tieOrder ? tieOrder.length + i : i);
  return (a, b) => {
    if (e.costs[a] !== e.costs[b]) return e.costs[a] < e.costs[b] ? -1 : 1;
    if (e.votes[a] !== e.votes[b]) return e.votes[b] - e.votes[a];
    return last(a) - last(b);
  };
}

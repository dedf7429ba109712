// Ballot rules cities set (how many projects, how much money, how many points, limits per
// category) and what happens to a ballot that breaks them: voided whole (Seoul 2014) or
// cut back to what was allowed ("drop the excess"). The reader only rejects what makes a
// file unreadable; these are the election's rules and are applied before counting.
import { add, cmp, parseDecimal, rat, toDecimalString, type Rational } from './rational.ts';
import type { PbFile, PbProject, PbVote } from './types.ts';

export interface CategoryLimits {
  minLength?: number;
  maxLength?: number;
  maxSumCost?: Rational;
}

export interface BallotConstraints {
  minLength?: number;
  maxLength?: number;
  minSumCost?: Rational;
  maxSumCost?: Rational;
  /** Points per project (cumulative / scoring). */
  minPoints?: number;
  maxPoints?: number;
  minSumPoints?: number;
  maxSumPoints?: number;
  perCategory?: Record<string, CategoryLimits>;
}

export type InvalidBallotPolicy =
  /** The whole ballot is void. */
  | 'void'
  /** Keep the longest prefix of the ballot (in the order it lists projects) that respects
   *  every maximum; void it if a minimum is still broken or a single entry is invalid. */
  | 'drop-excess';

export interface BallotProblem {
  code: string;
  message: string;
}

function num(v: string | undefined): number | undefined {
  if (v === undefined || v === '' || v.toLowerCase() === 'none') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

function money(v: string | undefined): Rational | undefined {
  if (v === undefined) return undefined;
  return parseDecimal(v) ?? undefined;
}

/** "cat:3,other:5" -> {cat: 3, other: 5}; a bare number applies to every category. */
function perCategory(v: string | undefined, categories: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  if (v === undefined || v === '') return out;
  if (!v.includes(':')) {
    for (const c of categories) out[c] = v.trim();
    return out;
  }
  for (const part of v.split(',')) {
    const at = part.lastIndexOf(':');
    if (at > 0) out[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return out;
}

/** Reads the constraint fields of META (pabulib names). Absent fields mean no limit. */
export function constraintsFromMeta(file: PbFile): BallotConstraints {
  const m = file.meta;
  const c: BallotConstraints = {};
  const set = <K extends keyof BallotConstraints>(k: K, v: BallotConstraints[K] | undefined): void => {
    if (v !== undefined) c[k] = v;
  };
  set('minLength', num(m.min_length));
  set('maxLength', num(m.max_length));
  set('minSumCost', money(m.min_sum_cost));
  set('maxSumCost', money(m.max_sum_cost));
  set('minPoints', num(m.min_points));
  set('maxPoints', num(m.max_points));
  set('minSumPoints', num(m.min_sum_points));
  set('maxSumPoints', num(m.max_sum_points));
  const cats = [...new Set(file.projects.flatMap((p) => p.categories))];
  const minL = perCategory(m.min_length_per_category, cats);
  const maxL = perCategory(m.max_length_per_category, cats);
  const maxC = perCategory(m.max_sum_cost_per_category, cats);
  const names = new Set([...Object.keys(minL), ...Object.keys(maxL), ...Object.keys(maxC)]);
  if (names.size > 0) {
    c.perCategory = {};
    for (const name of names) {
      const lim: CategoryLimits = {};
      if (num(minL[name]) !== undefined) lim.minLength = num(minL[name]);
      if (num(maxL[name]) !== undefined) lim.maxLength = num(maxL[name]);
      if (money(maxC[name]) !== undefined) lim.maxSumCost = money(maxC[name]);
      c.perCategory[name] = lim;
    }
  }
  return c;
}

interface Tally {
  length: number;
  cost: Rational;
  points: number;
  catLength: Map<string, number>;
  catCost: Map<string, Rational>;
}

function tally(vote: PbVote, upto: number, projects: Map<string, PbProject>): Tally {
  const t: Tally = { length: 0, cost: rat(0n), points: 0, catLength: new Map(), catCost: new Map() };
  for (let k = 0; k < upto; k++) {
    const p = projects.get(vote.projects[k])!;
    t.length++;
    t.cost = add(t.cost, p.cost);
    t.points += vote.points?.[k] ?? 1;
    for (const cat of p.categories) {
      t.catLength.set(cat, (t.catLength.get(cat) ?? 0) + 1);
      t.catCost.set(cat, add(t.catCost.get(cat) ?? rat(0n), p.cost));
    }
  }
  return t;
}

function maxProblems(t: Tally, c: BallotConstraints, hasPoints: boolean): BallotProblem[] {
  const out: BallotProblem[] = [];
  if (c.maxLength !== undefined && t.length > c.maxLength)
    out.push({ code: 'too-many', message: `${t.length} projects, at most ${c.maxLength} allowed` });
  if (c.maxSumCost && cmp(t.cost, c.maxSumCost) > 0)
    out.push({ code: 'cost-too-high', message: `projects cost more than ${toDecimalString(c.maxSumCost)}` });
  if (hasPoints && c.maxSumPoints !== undefined && t.points > c.maxSumPoints)
    out.push({ code: 'points-too-many', message: `${t.points} points, at most ${c.maxSumPoints}` });
  for (const [cat, lim] of Object.entries(c.perCategory ?? {})) {
    const len = t.catLength.get(cat) ?? 0;
    if (lim.maxLength !== undefined && len > lim.maxLength)
      out.push({ code: 'category-too-many', message: `${len} projects in "${cat}", at most ${lim.maxLength}` });
    const cost = t.catCost.get(cat);
    if (lim.maxSumCost && cost && cmp(cost, lim.maxSumCost) > 0)
      out.push({ code: 'category-cost-too-high', message: `projects in "${cat}" cost too much` });
  }
  return out;
}

function minProblems(t: Tally, c: BallotConstraints, hasPoints: boolean): BallotProblem[] {
  const out: BallotProblem[] = [];
  if (c.minLength !== undefined && t.length < c.minLength)
    out.push({ code: 'too-few', message: `${t.length} projects, at least ${c.minLength} required` });
  if (c.minSumCost && cmp(t.cost, c.minSumCost) < 0)
    out.push({ code: 'cost-too-low', message: `projects cost less than ${toDecimalString(c.minSumCost)}` });
  if (hasPoints && c.minSumPoints !== undefined && t.points < c.minSumPoints)
    out.push({ code: 'points-too-few', message: `${t.points} points, at least ${c.minSumPoints}` });
  for (const [cat, lim] of Object.entries(c.perCategory ?? {})) {
    const len = t.catLength.get(cat) ?? 0;
    if (lim.minLength !== undefined && len < lim.minLength)
      out.push({ code: 'category-too-few', message: `${len} projects in "${cat}", at least ${lim.minLength}` });
  }
  return out;
}

function entryProblems(vote: PbVote, c: BallotConstraints): BallotProblem[] {
  const out: BallotProblem[] = [];
  for (const pts of vote.points ?? []) {
    if ((c.minPoints !== undefined && pts < c.minPoints) || (c.maxPoints !== undefined && pts > c.maxPoints)) {
      out.push({
        code: 'points-out-of-range',
        message: `${pts} points on one project, allowed ${c.minPoints ?? '-inf'}..${c.maxPoints ?? 'inf'}`,
      });
    }
  }
  return out;
}

/** Every rule the ballot breaks (empty = valid). */
export function ballotProblems(vote: PbVote, projects: Map<string, PbProject>, c: BallotConstraints): BallotProblem[] {
  const t = tally(vote, vote.projects.length, projects);
  const hasPoints = vote.points !== undefined;
  return [...entryProblems(vote, c), ...minProblems(t, c, hasPoints), ...maxProblems(t, c, hasPoints)];
}

export interface BallotReport {
  valid: number;
  voided: { voterId: string; problems: BallotProblem[] }[];
  trimmed: { voterId: string; dropped: string[]; problems: BallotProblem[] }[];
}

/** Returns a copy of the file holding only the ballots that count, and what was done. */
export function applyBallotRules(
  file: PbFile,
  c: BallotConstraints,
  policy: InvalidBallotPolicy,
): { file: PbFile; report: BallotReport } {
  const projects = new Map(file.projects.map((p) => [p.id, p]));
  const report: BallotReport = { valid: 0, voided: [], trimmed: [] };
  const kept: PbVote[] = [];
  for (const vote of file.votes) {
    const problems = ballotProblems(vote, projects, c);
    if (problems.length === 0) {
      report.valid++;
      kept.push(vote);
      continue;
    }
    const hasPoints = vote.points !== undefined;
    if (policy === 'void' || entryProblems(vote, c).length > 0) {
      report.voided.push({ voterId: vote.voterId, problems });
      continue;
    }
    let keep = vote.projects.length;
    while (keep > 0 && maxProblems(tally(vote, keep, projects), c, hasPoints).length > 0) keep--;
    if (minProblems(tally(vote, keep, projects), c, hasPoints).length > 0) {
      report.voided.push({ voterId: vote.voterId, problems });
      continue;
    }
    const cut: PbVote = { ...vote, projects: vote.projects.slice(0, keep) };
    if (vote.points) cut.points = vote.points.slice(0, keep);
    report.trimmed.push({ voterId: vote.voterId, dropped: vote.projects.slice(keep), problems });
    kept.push(cut);
  }
  return { file: { ...file, votes: kept }, report };
}

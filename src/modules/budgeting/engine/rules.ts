// Rule names, the META `rule` vocabulary, and the pipelines behind each rule.
import {
  applyBallotRules,
  constraintsFromMeta,
  type BallotConstraints,
  type BallotReport,
  type InvalidBallotPolicy,
} from './ballots.ts';
import { compareOutcomes, type Comparison } from './comparison.ts';
import { greedyCompletion, mesAdd1, type Add1Options, type Add1Result } from './completion.ts';
import { buildElection, type Election, type ElectionOptions } from './election.ts';
import { greedy, type GreedyKey, type GreedyResult } from './greedy.ts';
import { mesInstance, runMes, type MesRun, type Utility } from './mes.ts';
import type { PbFile } from './types.ts';

export const RULES = [
  'greedy',
  'greedy-no-skip',
  'greedy-threshold',
  'mes',
  'mes-add1',
  'mes-add1-comparison',
  'mes-comparison',
] as const;
export type RuleName = (typeof RULES)[number];

/** Maps the Pabulib META `rule` value to our rule, or null if we do not implement it. */
export function ruleFromMeta(rule: string): RuleName | null {
  switch (rule.trim().toLowerCase()) {
    case 'greedy':
      return 'greedy';
    case 'greedy-no-skip':
      return 'greedy-no-skip';
    case 'greedy-threshold':
      return 'greedy-threshold';
    case 'equalshares':
      return 'mes';
    case 'equalshares/add1':
      return 'mes-add1';
    case 'equalshares/add1-comparison':
      return 'mes-add1-comparison';
    case 'equalshares-comparison':
      return 'mes-comparison';
    default:
      return null; // unknown, greedy-custom, greedy-exclusive
  }
}

export interface RunOptions extends ElectionOptions {
  /** A lot drawn before counting: the last tie-breaker (default: file order). */
  tieOrder?: string[];
  /** Greedy ranking key (default: votes for approval/choose-1, score for points ballots). */
  greedyKey?: GreedyKey;
  /** greedy-threshold: default META min_project_score_threshold. */
  threshold?: number;
  thresholdInclusive?: boolean;
  /** MES utilities: 'cost' (what cities use, default), 'cardinality' (approval), 'points'. */
  utility?: Utility;
  add1?: Add1Options;
  /** After MES / Add1, add by vote count whatever still fits. Default false: the official
   *  `equalshares/add1` outcome of Assen 2024 has no such completion. */
  greedyCompletion?: boolean;
  /** What to do with ballots that break the rules; 'count-all' skips validation. Default 'void'. */
  invalidBallots?: InvalidBallotPolicy | 'count-all';
  /** Default: the limits in META (min_length, max_length, max_sum_cost, max_sum_points, ...). */
  constraints?: BallotConstraints;
}

export interface Outcome {
  rule: RuleName;
  election: Election;
  /** Project indices in the order chosen. */
  selected: number[];
  cost: bigint;
  greedy?: GreedyResult;
  mes?: MesRun;
  add1?: Add1Result;
  completion?: GreedyResult;
  comparison?: Comparison;
  ballots?: BallotReport;
}

export function runRule(file: PbFile, rule: RuleName, opts: RunOptions = {}): Outcome {
  let counted = file;
  let ballots: BallotReport | undefined;
  if (opts.invalidBallots !== 'count-all') {
    const r = applyBallotRules(file, opts.constraints ?? constraintsFromMeta(file), opts.invalidBallots ?? 'void');
    counted = r.file;
    ballots = r.report;
  }
  const threshold =
    opts.threshold ??
    (file.meta.min_project_score_threshold !== undefined ? Number(file.meta.min_project_score_threshold) : undefined);
  const out = runOnElection(buildElection(counted, opts), rule, { ...opts, threshold });
  if (ballots) out.ballots = ballots;
  return out;
}

export function runOnElection(e: Election, rule: RuleName, opts: RunOptions = {}): Outcome {
  const tieOrder = opts.tieOrder;
  if (rule === 'greedy' || rule === 'greedy-no-skip' || rule === 'greedy-threshold') {
    if (rule === 'greedy-threshold' && (opts.threshold === undefined || !Number.isFinite(opts.threshold))) {
      throw new Error('greedy-threshold needs a threshold (META min_project_score_threshold)');
    }
    const g = greedy(e, {
      key: opts.greedyKey,
      noSkip: rule === 'greedy-no-skip',
      threshold: rule === 'greedy-threshold' ? opts.threshold : undefined,
      thresholdInclusive: opts.thresholdInclusive,
      tieOrder,
    });
    return { rule, election: e, selected: g.selected, cost: g.cost, greedy: g };
  }
  const inst = mesInstance(e, opts.utility ?? 'cost');
  const out: Outcome = { rule, election: e, selected: [], cost: 0n };
  if (rule === 'mes' || rule === 'mes-comparison') {
    out.mes = runMes(inst, { tieOrder });
  } else {
    out.add1 = mesAdd1(inst, { tieOrder, ...opts.add1 });
    out.mes = out.add1.run;
  }
  out.selected = [...out.mes.selected];
  out.cost = out.mes.cost;
  if (opts.greedyCompletion) {
    out.completion = greedyCompletion(inst, out.selected, tieOrder);
    out.selected = out.completion.selected;
    out.cost = out.completion.cost;
  }
  if (rule === 'mes-comparison' || rule === 'mes-add1-comparison') {
    // The reference is plain greedy by vote count from nothing (Pabulib checker, ESN tool).
    out.greedy = greedy(e, { key: 'votes', tieOrder });
    out.comparison = compareOutcomes(e, out.selected, out.greedy.selected);
    if (out.comparison.winner === 'greedy') {
      out.selected = out.greedy.selected;
      out.cost = out.greedy.cost;
    }
  }
  return out;
}

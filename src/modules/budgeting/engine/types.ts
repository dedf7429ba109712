// Data model of one Pabulib instance. `meta`, the column lists and each row's `fields`
// keep everything the file said, so that reading then writing loses nothing; the typed
// properties are parsed copies the rules work with.
import type { Rational } from './rational.ts';

export type VoteType = 'approval' | 'choose-1' | 'cumulative' | 'ordinal' | 'scoring';
export const VOTE_TYPES: readonly VoteType[] = ['approval', 'choose-1', 'cumulative', 'ordinal', 'scoring'];

export interface PbProject {
  id: string;
  cost: Rational;
  name?: string;
  /** `category` column, comma separated in the file. */
  categories: string[];
  /** Target groups: the `beneficiaries` column (formerly `target`). */
  beneficiaries: string[];
  /** Official outcome marker (0/1, sometimes 2/3) when the file has one. */
  selected?: number;
  votes?: number;
  score?: number;
  /** Every column except project_id and cost, verbatim (trimmed). */
  fields: Record<string, string>;
}

export interface PbVote {
  voterId: string;
  /** Project ids in file order: the ranking for ordinal ballots, decreasing points for cumulative. */
  projects: string[];
  /** Same length as `projects` when the file has a `points` column. */
  points?: number[];
  age?: string;
  sex?: string;
  votingMethod?: string;
  neighborhood?: string;
  /** Every column except voter_id, vote and points, verbatim (trimmed). */
  fields: Record<string, string>;
}

export interface PbFile {
  /** key -> value in file order. Authoritative for everything except num_projects/num_votes. */
  meta: Record<string, string>;
  budget: Rational;
  voteType: VoteType;
  /** META `rule`, or "unknown". */
  rule: string;
  projectColumns: string[];
  voteColumns: string[];
  projects: PbProject[];
  votes: PbVote[];
}

/** A malformed file: where, and what the reader expected there. */
export class PbFormatError extends Error {
  readonly line: number;
  readonly expected: string;
  constructor(line: number, expected: string, found?: string) {
    const shown =
      found === undefined ? '' : `, found ${JSON.stringify(found.length > 80 ? `${found.slice(0, 77)}...` : found)}`;
    super(`line ${line}: expected ${expected}${shown}`);
    this.name = 'PbFormatError';
    this.line = line;
    this.expected = expected;
  }
}

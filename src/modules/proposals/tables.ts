// The proposals module's tables (migrations/), merged into the platform's DB type for its store.
import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/schema.ts';

export interface ProposalsTables {
  proposals: {
    id: Generated<number>;
    component_id: number;
    author_id: number;
    department_id: number | null;
    title: string;
    body: string;
    created_at: Timestamp;
    updated_at: Timestamp;
    closes_at: Date | null;
    title_norm: Generated<string>;
    title_choseong: Generated<string>;
    result: string | null;
    kind: Generated<string>;
    stage: Generated<string>;
    entered_at: Generated<Record<string, string>>;
    screened_suitable: Generated<boolean>;
    pii_hold: Generated<boolean>;
    pre_agreement_closes_at: Date | null;
    support_opened_at: Date | null;
    closure: {
      code: string;
      reason: string | null;
      duplicateOf?: string;
      pointer?: { label: { ko: string; en: string }; url?: string };
    } | null;
    reached_tiers: Generated<string[]>;
    implementation_updates: Generated<number>;
    implementation_progress: number | null;
    implementation_last_at: Date | null;
    topic: string | null;
    area: string | null;
    supports_count: Generated<number>;
    last_answer_at: Date | null;
  };
  proposal_tiers: {
    proposal_id: number;
    tier_key: string;
    answerer: string;
    count: number;
    reached_at: Date;
    due_at: Date | null;
    due_date: string | null;
    interim_answers: Generated<Date[]>;
    answered_at: Date | null;
  };
  proposal_updates: {
    id: Generated<number>;
    proposal_id: number;
    author_id: number;
    body: string;
    progress: number | null;
    completed: Generated<boolean>;
    responsible: string;
    created_at: Generated<Date>;
  };
  proposal_answers: {
    id: Generated<number>;
    proposal_id: number;
    department_id: number | null;
    author_id: number;
    kind: 'interim' | 'final';
    body: string;
    responsible: string;
    created_at: Timestamp;
    result: string | null;
    tier_key: string | null;
  };
}

declare module '../../platform/schema.ts' {
  interface DB extends ProposalsTables {}
}

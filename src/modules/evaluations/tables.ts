// The evaluations module's tables (created by migration 004 in src/modules/pledges/migrations, from before the split), merged into the platform's DB type for its store.
import type { Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../../platform/schema.ts';

export interface EvaluationsTables {
  evaluation_runs: {
    id: Generated<number>;
    title: string;
    report_date: Generated<string>;
    organization: Generated<string>;
    intro: string | null;
    basis: JsonDefault;
    overview: JsonDefault;
    plans: JsonDefault;
    settings: JsonDefault;
    warnings: JsonDefault;
    created_at: Timestamp;
  };
  evaluation_results: {
    run_id: number;
    ord: number;
    code: string;
    strategy: string;
    project: string;
    task: string;
    indicator: Generated<string>;
    direction: 'higher' | 'lower';
    target: Generated<string>;
    actual: Generated<string>;
    reported_rate: number | null;
    status: 'evaluated' | 'excluded' | 'not-evaluated';
    grade: string | null;
    reason: string | null;
  };
}

declare module '../../platform/schema.ts' {
  interface DB extends EvaluationsTables {}
}

// Evaluation runs (이행사항 점검, seed 003): one run is one report with its 추진과제 rows. Writes are audited.
import { sql } from 'kysely';
import { inTransaction, type Database } from '../../platform/db.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import type { ListItem } from '../../platform/reports/model.ts';
import {
  EvaluationSettings,
  IndicatorResult,
  type EvaluationReportInput,
  type EvaluationWarning,
} from './domain/index.ts';

const TARGET = 'evaluation-run';

export interface RunMeta {
  title: string;
  date: string;
  organization: string;
  intro?: string;
  basis: ListItem[];
  overview: EvaluationReportInput['overview'];
  plans: ListItem[];
}

export interface StoredRun {
  id: number;
  createdAt: Date;
  input: EvaluationReportInput;
  settings: EvaluationSettings;
  warnings: EvaluationWarning[];
}

export async function saveRun(
  db: Database,
  meta: RunMeta,
  results: IndicatorResult[],
  settings: EvaluationSettings,
  warnings: EvaluationWarning[],
  o: { actor: AuditActor; source: string },
): Promise<number> {
  const run = async (trx: Database) => {
    const { id } = await trx
      .insertInto('evaluation_runs')
      .values({
        title: meta.title,
        report_date: meta.date,
        organization: meta.organization,
        intro: meta.intro ?? null,
        basis: JSON.stringify(meta.basis),
        overview: JSON.stringify(meta.overview),
        plans: JSON.stringify(meta.plans),
        settings: JSON.stringify(settings),
        warnings: JSON.stringify(warnings),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (results.length) {
      await trx
        .insertInto('evaluation_results')
        .values(
          results.map((r, i) => ({
            run_id: id,
            ord: i,
            code: r.id,
            strategy: r.strategy,
            project: r.project,
            task: r.task,
            indicator: r.indicator,
            direction: r.direction,
            target: r.target,
            actual: r.actual,
            reported_rate: r.reportedRate ?? null,
            status: r.status,
            grade: r.grade ?? null,
            reason: r.reason ?? null,
          })),
        )
        .execute();
    }
    await recordAudit(trx, {
      actor: o.actor,
      action: 'evaluation.import',
      targetType: TARGET,
      targetId: id,
      reason: o.source,
      before: null,
      after: { meta, count: results.length },
    });
    return id;
  };
  return inTransaction(db, run);
}

export async function getRun(db: Database, id: number): Promise<StoredRun | undefined> {
  const r = await db.selectFrom('evaluation_runs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  const rows = await db.selectFrom('evaluation_results').selectAll().where('run_id', '=', id).orderBy('ord').execute();
  const results = rows.map((x) =>
    IndicatorResult.parse({
      id: x.code,
      strategy: x.strategy,
      project: x.project,
      task: x.task,
      indicator: x.indicator,
      direction: x.direction,
      target: x.target,
      actual: x.actual,
      reportedRate: x.reported_rate === null ? undefined : Number(x.reported_rate),
      status: x.status,
      grade: x.grade ?? undefined,
      reason: x.reason ?? undefined,
    }),
  );
  return {
    id: r.id,
    createdAt: new Date(r.created_at),
    settings: EvaluationSettings.parse(r.settings ?? {}),
    warnings: (r.warnings ?? []) as EvaluationWarning[],
    input: {
      title: r.title,
      date: r.report_date,
      organization: r.organization,
      intro: r.intro ?? undefined,
      basis: r.basis as ListItem[],
      overview: r.overview as EvaluationReportInput['overview'],
      plans: r.plans as ListItem[],
      results,
    },
  };
}

export async function listRuns(db: Database) {
  return db
    .selectFrom('evaluation_runs')
    .leftJoin('evaluation_results', 'evaluation_results.run_id', 'evaluation_runs.id')
    .select((eb) => [
      'evaluation_runs.id',
      'evaluation_runs.title',
      'evaluation_runs.report_date',
      'evaluation_runs.organization',
      eb.fn.count<number>('evaluation_results.ord').as('n'),
    ])
    .groupBy('evaluation_runs.id')
    .orderBy('evaluation_runs.id', 'desc')
    .execute();
}

/** Sets one row's final grade (and its reason) with the record, in one transaction. */
export async function setGrade(
  db: Database,
  runId: number,
  code: string,
  next: { grade: string | null; reason: string | null },
  before: { grade: string | null; reason: string | null },
  actor: AuditActor,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('evaluation_results')
      .set(next)
      .where('run_id', '=', runId)
      .where('code', '=', code)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'evaluation.grade',
      targetType: 'evaluation-result',
      targetId: `${runId}/${code}`,
      reason: next.reason,
      before,
      after: next,
    });
  });
}

/** A setting this module owns, as stored on the first component that hosts it (undefined: none stores it). */
export async function hostedSetting(db: Database, key: string): Promise<unknown> {
  const r = await db
    .selectFrom('components')
    .select('settings')
    .where(sql<boolean>`settings -> ${key} is not null`)
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r ? (r.settings as Record<string, unknown>)[key] : undefined;
}

// Official acts on a proposal, each through the lifecycle (lifecycle.ts `fire`): answers per tier with the
// 정책실명제 line, department assignment and transfer, screening outcomes, implementation updates (이행); and the
// queues that show departments and the planning office what they owe.
import { sql } from 'kysely';
import type { Database } from '../../../platform/db.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { fire, deliver, type Who, type FireResult, TARGET } from './lifecycle.ts';
import { tellFollowers } from './proposals.ts';
import {
  KIND_NOUNS,
  type BoardKind,
  type OfficialSignature,
  type Result,
  type ScreenOutcome,
} from '../domain/index.ts';

export async function answersOf(db: Database, proposalId: number) {
  return db
    .selectFrom('proposal_answers')
    .leftJoin('departments', 'departments.id', 'proposal_answers.department_id')
    .select([
      'proposal_answers.id',
      'kind',
      'body',
      'responsible',
      'created_at',
      'result',
      'tier_key',
      'departments.name_ko',
      'departments.name_en',
    ])
    .where('proposal_id', '=', proposalId)
    .orderBy('proposal_answers.id')
    .execute();
}

export interface AnswerInput {
  proposalId: number;
  tierKey: string;
  departmentId: number | null;
  authorId: number;
  kind: 'interim' | 'final';
  body: string;
  responsible: string;
  signature: OfficialSignature;
  result?: Result;
}

/** An answer for one tier: the text, the stage change, the record and the notices commit together. */
export function answer(db: Database, v: AnswerInput, who: Who): Promise<FireResult> {
  const event =
    v.kind === 'final'
      ? { type: 'final-answer' as const, tier: v.tierKey, result: v.result!, signedBy: v.signature }
      : { type: 'interim-answer' as const, tier: v.tierKey, signedBy: v.signature };
  return fire(db, v.proposalId, event, who, {
    within: async (trx) => {
      await trx
        .insertInto('proposal_answers')
        .values({
          proposal_id: v.proposalId,
          department_id: v.departmentId,
          author_id: v.authorId,
          kind: v.kind,
          body: v.body,
          responsible: v.responsible,
          result: v.kind === 'final' ? (v.result ?? null) : null,
          tier_key: v.tierKey,
        })
        .execute();
    },
  });
}

/**
 * Department assignment. The first assignment is a plain act on the record; changing the department later is a
 * transfer (이송) through the lifecycle, which needs a reason and keeps the deadline running.
 */
export async function assignDepartment(
  db: Database,
  proposalId: number,
  departmentId: number,
  before: number | null,
  who: Who,
  reason: string | null,
): Promise<FireResult | { ok: true }> {
  if (before !== null) {
    return fire(
      db,
      proposalId,
      { type: 'screen', outcome: { kind: 'transfer', departmentId: String(departmentId), reason: reason ?? '' } },
      who,
      { reason: reason ?? undefined },
    );
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('proposals')
      .set({ department_id: departmentId, updated_at: new Date() })
      .where('id', '=', proposalId)
      .execute();
    const info = await trx
      .selectFrom('proposals')
      .innerJoin('departments', 'departments.id', 'proposals.department_id')
      .select([
        'proposals.title',
        'proposals.kind',
        'proposals.author_id',
        'departments.name_ko',
        'departments.name_en',
      ])
      .where('proposals.id', '=', proposalId)
      .executeTakeFirstOrThrow();
    await tellFollowers(
      trx,
      proposalId,
      'notice.assigned',
      { title: info.title, department: { ko: info.name_ko, en: info.name_en } },
      who.personId ?? undefined,
    );
    // The department's officials learn that it is theirs now.
    const params = { title: info.title, kind: KIND_NOUNS[info.kind as BoardKind] ?? KIND_NOUNS.proposal };
    await deliver(
      trx,
      [
        {
          proposalId: String(proposalId),
          recipients: ['department'],
          template: 'department.assigned',
          params,
          priority: 'normal',
        },
      ],
      { id: proposalId, authorId: info.author_id, departmentId },
      who.personId,
    );
    await recordAudit(trx, {
      actor: who.audit,
      action: 'proposal.assign',
      targetType: TARGET,
      targetId: proposalId,
      reason,
      before: { departmentId: before },
      after: { departmentId },
    });
  });
  return { ok: true };
}

export type ScreenAction =
  | { action: 'accept' }
  | { action: 'suitable' }
  | { action: 'open-support' }
  | { action: 'duplicate'; of: number }
  | { action: 'out-of-scope'; reason: string }
  | { action: 'minwon'; label: string; url: string | null; reason: string | null }
  | { action: 'reject'; reason: string };

/** A screening decision (검토) by the planning office or the department, with its reason on the record. */
export function screen(db: Database, proposalId: number, a: ScreenAction, who: Who): Promise<FireResult> {
  const outcome = (o: ScreenOutcome) => ({ type: 'screen' as const, outcome: o });
  switch (a.action) {
    case 'accept':
      return fire(db, proposalId, { type: 'accept' }, who);
    case 'suitable':
      return fire(db, proposalId, outcome({ kind: 'suitable' }), who);
    case 'open-support':
      return fire(db, proposalId, { type: 'open-support' }, who);
    case 'duplicate':
      return fire(db, proposalId, outcome({ kind: 'duplicate-of', proposalId: String(a.of) }), who, {
        reason: `#${a.of}`,
        duplicateUrl: `/proposals/${a.of}`,
      });
    case 'out-of-scope':
      return fire(db, proposalId, outcome({ kind: 'out-of-scope', reason: a.reason }), who);
    case 'minwon':
      return fire(
        db,
        proposalId,
        outcome({
          kind: 'is-minwon',
          pointer: { label: { ko: a.label, en: a.label }, ...(a.url ? { url: a.url } : {}) },
        }),
        who,
        { reason: a.reason ?? undefined },
      );
    case 'reject':
      return fire(db, proposalId, { type: 'reject', reason: a.reason }, who);
  }
}

/** An implementation update (이행): what was done, progress in %, and whether it is complete. */
export function addUpdate(
  db: Database,
  v: {
    proposalId: number;
    authorId: number;
    body: string;
    progress: number | null;
    completed: boolean;
    responsible: string;
  },
  who: Who,
): Promise<FireResult> {
  return fire(
    db,
    v.proposalId,
    { type: 'implementation-update', completed: v.completed, ...(v.progress === null ? {} : { progress: v.progress }) },
    who,
    {
      within: async (trx) => {
        await trx
          .insertInto('proposal_updates')
          .values({
            proposal_id: v.proposalId,
            author_id: v.authorId,
            body: v.body,
            progress: v.completed ? 100 : v.progress,
            completed: v.completed,
            responsible: v.responsible,
          })
          .execute();
      },
    },
  );
}

export async function updatesOf(db: Database, proposalId: number) {
  return db
    .selectFrom('proposal_updates')
    .select(['id', 'body', 'progress', 'completed', 'responsible', 'created_at'])
    .where('proposal_id', '=', proposalId)
    .orderBy('id')
    .execute();
}

/** A queue of answers owed: every unanswered tier, the earliest due first; tiers without a deadline come last. */
export async function answerQueue(db: Database, departmentIds: number[] | 'all') {
  let q = db
    .selectFrom('proposal_tiers')
    .innerJoin('proposals', 'proposals.id', 'proposal_tiers.proposal_id')
    .leftJoin('departments', 'departments.id', 'proposals.department_id')
    .select([
      'proposals.id',
      'proposals.title',
      'proposals.stage',
      'proposals.created_at',
      'proposal_tiers.tier_key',
      'proposal_tiers.answerer',
      'proposal_tiers.due_at',
      'proposal_tiers.due_date',
      'proposal_tiers.interim_answers',
      'proposal_tiers.answered_at',
      'proposal_tiers.reached_at',
      'departments.name_ko',
      'departments.name_en',
      'proposals.component_id',
    ])
    .where('proposal_tiers.answered_at', 'is', null)
    .where('proposals.stage', '=', 'answering');
  if (departmentIds !== 'all') {
    if (!departmentIds.length) return [];
    q = q.where('proposals.department_id', 'in', departmentIds).where('proposal_tiers.answerer', '=', 'department');
  }
  return q.orderBy(sql`proposal_tiers.due_at asc nulls last`).orderBy('proposals.created_at').limit(500).execute();
}

/** What waits for screening (검토): received and not yet published, or held by the PII guard. */
export async function screeningQueue(db: Database) {
  return db
    .selectFrom('proposals')
    .leftJoin('departments', 'departments.id', 'proposals.department_id')
    .select([
      'proposals.id',
      'proposals.title',
      'proposals.stage',
      'proposals.created_at',
      'proposals.pii_hold',
      'departments.name_ko',
      'departments.name_en',
    ])
    .where('proposals.stage', 'in', ['submitted', 'screening'])
    .orderBy('proposals.created_at')
    .limit(500)
    .execute();
}

/** Per department: answers owed, answered on time, late, and overdue now — what the planning office watches. */
export async function onTimeByDepartment(db: Database) {
  return (
    db
      .selectFrom('departments')
      .leftJoin('proposals', 'proposals.department_id', 'departments.id')
      // Only the tiers the department itself answers: a mayor's or 공론장 answer is the planning office's to give, and
      // its lateness is not the department's.
      .leftJoin('proposal_tiers', (j) =>
        j
          .onRef('proposal_tiers.proposal_id', '=', 'proposals.id')
          .on('proposal_tiers.due_at', 'is not', null)
          .on('proposal_tiers.answerer', '=', 'department'),
      )
      .select([
        'departments.id',
        'departments.name_ko',
        'departments.name_en',
        sql<number>`count(proposal_tiers.proposal_id)::int`.as('owed'),
        sql<number>`count(*) filter (where proposal_tiers.answered_at <= proposal_tiers.due_at)::int`.as('on_time'),
        sql<number>`count(*) filter (where proposal_tiers.answered_at > proposal_tiers.due_at)::int`.as('late'),
        sql<number>`count(*) filter (where proposal_tiers.answered_at is null and proposal_tiers.due_at < now())::int`.as(
          'overdue',
        ),
      ])
      .groupBy('departments.id')
      .orderBy('departments.id')
      .execute()
  );
}

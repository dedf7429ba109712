// Comments on proposals: threaded, with an optional stance, an edit window, reports (신고), automatic hiding,
// 임시조치 and the moderator's reasoned decisions — every decision on the record and told to the author.
import { sql } from 'kysely';
import { inTransaction, type Database } from '../../../platform/db.ts';
import { recordAudit, type AuditActor } from '../../../platform/audit.ts';
import { notify } from '../../../platform/notify.ts';
import { translate, type MessageKey } from '../../../platform/i18n/index.ts';
import { TARGET, tellFollowers } from './proposals.ts';
import { holdLastDay, holdStatus } from '../domain/index.ts';
import { endOfSeoulDay } from '../domain/dates.ts';

export async function commentsOf(db: Database, proposalId: number) {
  return db
    .selectFrom('comments')
    .innerJoin('persons', 'persons.id', 'comments.author_id')
    .select([
      'comments.id',
      'comments.body',
      'comments.stance',
      'comments.hidden',
      'comments.hidden_reason',
      'comments.parent_id',
      'comments.created_at',
      'comments.edited_at',
      'comments.author_id',
      'persons.display_name as author',
    ])
    .where('target_type', '=', TARGET)
    .where('target_id', '=', proposalId)
    .orderBy('comments.id')
    .execute();
}

export async function addComment(
  db: Database,
  v: { proposalId: number; authorId: number; body: string; stance: 'pro' | 'con' | null; parentId: number | null },
) {
  if (v.parentId) {
    const parent = await db
      .selectFrom('comments')
      .select('id')
      .where('id', '=', v.parentId)
      .where('target_type', '=', TARGET)
      .where('target_id', '=', v.proposalId)
      .executeTakeFirst();
    if (!parent) v = { ...v, parentId: null };
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('comments')
      .values({
        target_type: TARGET,
        target_id: v.proposalId,
        author_id: v.authorId,
        body: v.body,
        stance: v.stance,
        parent_id: v.parentId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const p = await trx
      .selectFrom('proposals')
      .select('title')
      .where('id', '=', v.proposalId)
      .executeTakeFirstOrThrow();
    await tellFollowers(trx, v.proposalId, 'notice.comment', { title: p.title }, v.authorId);
    return row;
  });
}

export type ReportOutcome = 'reported' | 'duplicate' | 'own' | 'missing';

/** The board's settings a report needs (BoardSettings.comments). */
export interface ReportRules {
  reportHideThreshold: number;
  temporaryMeasureDays: number;
}

/** A 임시조치 is stored as `temporary:<last day>` in hidden_reason: the day the notice shows as "…까지". */
const HOLD = 'temporary:';
export const holdUntil = (hiddenReason: string | null) =>
  hiddenReason?.startsWith(HOLD) ? hiddenReason.slice(HOLD.length) : null;

/** Where a comment is read: comments live on proposals and on pledges (the pledges module's board, which has no
 * anchor per comment), and a notice about one must lead to the page it is on. */
export function commentPage(c: { target_type: string; target_id: number }, commentId: number): string {
  return c.target_type === 'pledge'
    ? `/pledges/${c.target_id}#comments-h`
    : `/proposals/${c.target_id}#comment-${commentId}`;
}

/** Tells the author what happened to their comment, in both languages, pointing at the comment. */
async function tellAuthor(
  db: Database,
  c: { author_id: number; target_type: string; target_id: number },
  commentId: number,
  key: MessageKey,
  vars: (lang: 'ko' | 'en') => Record<string, string | number>,
) {
  await notify(db, [c.author_id], {
    kind: key,
    targetType: c.target_type,
    targetId: c.target_id,
    path: commentPage(c, commentId),
    text: { ko: translate('ko', key, vars('ko')), en: translate('en', key, vars('en')) },
  });
}

/** A report; the comment hides itself when reports since the last moderator review reach the threshold. Either way
 * the author is told at once why and what comes next: 정보통신망법 제44조의2 ③ requires telling the poster of a
 * 임시조치, and an author who finds a comment silently gone cannot answer the reports. */
export async function reportComment(
  db: Database,
  commentId: number,
  reporterId: number,
  reason: string,
  rules: ReportRules,
  now = new Date(),
): Promise<ReportOutcome> {
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('comments')
      .select(['author_id', 'target_type', 'target_id'])
      .where('id', '=', commentId)
      .where('target_type', '=', TARGET)
      .executeTakeFirst();
    if (!c) return 'missing';
    if (c.author_id === reporterId) return 'own';
    const ins = await trx
      .insertInto('comment_reports')
      .values({ comment_id: commentId, reporter_id: reporterId, reason })
      .onConflict((oc) => oc.doNothing())
      .returning('comment_id')
      .executeTakeFirst();
    if (!ins) return 'duplicate';
    const after = await trx
      .updateTable('comments')
      .set((eb) => ({ reports: eb('reports', '+', 1) }))
      .where('id', '=', commentId)
      .returning(['reports', 'reviewed_reports', 'hidden'])
      .executeTakeFirstOrThrow();
    if (!after.hidden && reason === 'rights') {
      // 임시조치 (정보통신망법 제44조의2): a claim of rights infringement hides the comment at once for the board's
      // period (at most 30 days) while a moderator looks at it. The last day is counted on the Seoul calendar.
      const until = holdLastDay(now, rules.temporaryMeasureDays);
      await trx
        .updateTable('comments')
        .set({ hidden: true, hidden_reason: `${HOLD}${until}` })
        .where('id', '=', commentId)
        .execute();
      await recordAudit(trx, {
        actor: { id: null, label: 'system' },
        action: 'comment.temporary-measure',
        targetType: 'comment',
        targetId: commentId,
        reason: 'rights infringement claim',
        before: { hidden: false },
        after: { hidden: true, until },
      });
      await tellAuthor(trx, c, commentId, 'notice.commentTemporaryMeasure', () => ({ until }));
    } else if (!after.hidden && after.reports - after.reviewed_reports >= rules.reportHideThreshold) {
      await trx
        .updateTable('comments')
        .set({ hidden: true, hidden_reason: 'auto' })
        .where('id', '=', commentId)
        .execute();
      await recordAudit(trx, {
        actor: { id: null, label: 'system' },
        action: 'comment.auto-hide',
        targetType: 'comment',
        targetId: commentId,
        reason: `${after.reports} reports`,
        before: { hidden: false },
        after: { hidden: true },
      });
      const reasons = (
        await trx
          .selectFrom('comment_reports')
          .select('reason')
          .distinct()
          .where('comment_id', '=', commentId)
          .orderBy('reason')
          .execute()
      ).map((r) => r.reason);
      const count = after.reports - after.reviewed_reports;
      await tellAuthor(trx, c, commentId, 'notice.commentAutoHidden', (lang) => ({
        count,
        reasons: reasons.map((r) => translate(lang, `comment.reason.${r}` as MessageKey)).join(', '),
      }));
    }
    return 'reported';
  });
}

/**
 * Shows again every comment whose 임시조치 ran out without a moderator's decision, on the record and told to its
 * author. Run by the daily job rather than computed at read time: `hidden` is read by many queries (comment lists,
 * the participant counts of proposals and pledge links), and one stored truth keeps them all agreeing; lifting it
 * here also gives the audit entry and the author's notice that a silent expiry at read time could not. The job runs
 * at 06:00, so a hold ending at 24:00 lifts within hours; a moderator may still decide the claim afterwards.
 */
export async function liftLapsedHolds(db: Database, at = new Date()): Promise<number> {
  const held = await db
    .selectFrom('comments')
    .select(['id', 'hidden_reason', 'author_id', 'target_type', 'target_id'])
    .where('hidden', '=', true)
    .where('hidden_reason', 'like', `${HOLD}%`)
    .orderBy('id')
    .execute();
  let lifted = 0;
  for (const c of held) {
    const until = holdUntil(c.hidden_reason)!;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until)) continue; // not written by reportComment: leave it to a moderator
    if (holdStatus({ visibility: 'temporary-measure', hold: { endsAt: endOfSeoulDay(until) } }, at) !== 'lapsed')
      continue;
    const lift = async (trx: Database) => {
      // Only if still this very hold: a moderator who decided in the meantime has the last word.
      const done = await trx
        .updateTable('comments')
        .set({ hidden: false, hidden_reason: null })
        .where('id', '=', c.id)
        .where('hidden', '=', true)
        .where('hidden_reason', '=', c.hidden_reason)
        .returning('id')
        .executeTakeFirst();
      if (!done) return 0;
      await recordAudit(trx, {
        actor: { id: null, label: 'system' },
        action: 'comment.temporary-measure-lapsed',
        targetType: 'comment',
        targetId: c.id,
        reason: `temporary measure ended ${until} without a decision`,
        before: { hidden: true, until },
        after: { hidden: false },
      });
      await tellAuthor(trx, c, c.id, 'notice.commentHoldLapsed', () => ({ until }));
      return 1;
    };
    lifted += await inTransaction(db, lift);
  }
  return lifted;
}

export async function moderationQueue(db: Database) {
  return db
    .selectFrom('comments')
    .innerJoin('persons', 'persons.id', 'comments.author_id')
    .innerJoin('proposals', 'proposals.id', 'comments.target_id')
    .select([
      'comments.id',
      'comments.body',
      'comments.hidden',
      'comments.hidden_reason',
      'comments.reports',
      'comments.reviewed_reports',
      'comments.created_at',
      'persons.display_name as author',
      'proposals.id as proposal_id',
      'proposals.title as proposal_title',
      sql<
        string[]
      >`(select coalesce(array_agg(distinct r.reason), '{}') from comment_reports r where r.comment_id = comments.id)`.as(
        'reasons',
      ),
    ])
    .where('comments.target_type', '=', TARGET)
    .where((eb) =>
      eb.or([
        eb('comments.reports', '>', eb.ref('comments.reviewed_reports')),
        eb('comments.hidden_reason', '=', 'auto'),
        eb('comments.hidden_reason', 'like', 'temporary:%'),
      ]),
    )
    .orderBy('comments.id')
    .limit(200)
    .execute();
}

/** A moderator's decision, on the record with its reason, and told to the author on the page the comment is on. */
export async function decideComment(
  db: Database,
  commentId: number,
  decision: 'keep' | 'hide',
  reason: string,
  actor: AuditActor,
) {
  await db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('comments')
      .select(['hidden', 'hidden_reason', 'reports', 'author_id', 'target_type', 'target_id'])
      .where('id', '=', commentId)
      .executeTakeFirst();
    if (!before) return;
    const hidden = decision === 'hide';
    await trx
      .updateTable('comments')
      .set({ hidden, hidden_reason: hidden ? reason : null, reviewed_reports: before.reports })
      .where('id', '=', commentId)
      .execute();
    await recordAudit(trx, {
      actor,
      action: `comment.${decision}`,
      targetType: 'comment',
      targetId: commentId,
      reason,
      before: { hidden: before.hidden, hiddenReason: before.hidden_reason },
      after: { hidden, on: before.target_type, onId: before.target_id },
    });
    await tellAuthor(trx, before, commentId, hidden ? 'notice.commentHidden' : 'notice.commentKept', () => ({
      reason,
    }));
  });
}

export type EditOutcome = 'edited' | 'window-closed' | 'not-yours' | 'missing' | 'hidden';

/** The author may fix a comment within the board's edit window; the earlier text stays on the record. */
export async function editComment(
  db: Database,
  commentId: number,
  author: AuditActor & { id: number },
  body: string,
  windowMinutes: number,
  now = new Date(),
): Promise<EditOutcome> {
  const authorId = author.id;
  return db.transaction().execute(async (trx) => {
    const c = await trx
      .selectFrom('comments')
      .select(['author_id', 'body', 'created_at', 'hidden'])
      .where('id', '=', commentId)
      .where('target_type', '=', TARGET)
      .forUpdate()
      .executeTakeFirst();
    if (!c) return 'missing';
    if (c.author_id !== authorId) return 'not-yours';
    if (c.hidden) return 'hidden';
    if (!withinEditWindow(c.created_at, windowMinutes, now)) return 'window-closed';
    await trx.updateTable('comments').set({ body, edited_at: now }).where('id', '=', commentId).execute();
    await recordAudit(trx, {
      actor: author,
      action: 'comment.edit',
      targetType: 'comment',
      targetId: commentId,
      before: { body: c.body },
      after: { body },
    });
    return 'edited';
  });
}

export const withinEditWindow = (createdAt: Date | string, windowMinutes: number, now = new Date()) =>
  now.getTime() - new Date(createdAt).getTime() <= windowMinutes * 60_000;

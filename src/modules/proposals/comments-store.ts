// Comments on proposals: threaded, with an optional stance, an edit window, reports (신고), automatic hiding,
// 임시조치 and the moderator's reasoned decisions — every decision on the record and told to the author.
import { sql } from 'kysely';
import type { Database } from '../../platform/db.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import { notify } from '../../platform/notify.ts';
import { translate } from '../../platform/i18n/index.ts';
import { TARGET, tellFollowers } from './store.ts';

export async function commentsOf(db: Database, proposalId: number) {
  return db.selectFrom('comments').innerJoin('persons', 'persons.id', 'comments.author_id')
    .select(['comments.id', 'comments.body', 'comments.stance', 'comments.hidden', 'comments.hidden_reason', 'comments.parent_id', 'comments.created_at', 'comments.edited_at', 'comments.author_id', 'persons.display_name as author'])
    .where('target_type', '=', TARGET).where('target_id', '=', proposalId).orderBy('comments.id').execute();
}

export async function addComment(db: Database, v: { proposalId: number; authorId: number; body: string; stance: 'pro' | 'con' | null; parentId: number | null }) {
  if (v.parentId) {
    const parent = await db.selectFrom('comments').select('id').where('id', '=', v.parentId).where('target_type', '=', TARGET).where('target_id', '=', v.proposalId).executeTakeFirst();
    if (!parent) v = { ...v, parentId: null };
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('comments').values({ target_type: TARGET, target_id: v.proposalId, author_id: v.authorId, body: v.body, stance: v.stance, parent_id: v.parentId })
      .returning('id').executeTakeFirstOrThrow();
    const p = await trx.selectFrom('proposals').select('title').where('id', '=', v.proposalId).executeTakeFirstOrThrow();
    await tellFollowers(trx, v.proposalId, 'notice.comment', { title: p.title }, v.authorId);
    return row;
  });
}

export const TEMPORARY_MEASURE_DAYS = 30;

export type ReportOutcome = 'reported' | 'duplicate' | 'own' | 'missing';

/** A report; the comment hides itself when reports since the last moderator review reach the threshold. */
export async function reportComment(db: Database, commentId: number, reporterId: number, reason: string, threshold: number): Promise<ReportOutcome> {
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('comments').select(['author_id', 'target_id']).where('id', '=', commentId).where('target_type', '=', TARGET).executeTakeFirst();
    if (!c) return 'missing';
    if (c.author_id === reporterId) return 'own';
    const ins = await trx.insertInto('comment_reports').values({ comment_id: commentId, reporter_id: reporterId, reason })
      .onConflict((oc) => oc.doNothing()).returning('comment_id').executeTakeFirst();
    if (!ins) return 'duplicate';
    const after = await trx.updateTable('comments').set((eb) => ({ reports: eb('reports', '+', 1) })).where('id', '=', commentId)
      .returning(['reports', 'reviewed_reports', 'hidden']).executeTakeFirstOrThrow();
    if (!after.hidden && reason === 'rights') {
      // 임시조치 (정보통신망법 제44조의2): a claim of rights infringement hides the comment at once for 30 days,
      // while a moderator looks at it; the end date is kept in hidden_reason.
      const until = new Date(Date.now() + TEMPORARY_MEASURE_DAYS * 86_400_000).toISOString().slice(0, 10);
      await trx.updateTable('comments').set({ hidden: true, hidden_reason: `temporary:${until}` }).where('id', '=', commentId).execute();
      await recordAudit(trx, { actor: { id: null, label: 'system' }, action: 'comment.temporary-measure', targetType: 'comment', targetId: commentId, reason: 'rights infringement claim', before: { hidden: false }, after: { hidden: true, until } });
    } else if (!after.hidden && after.reports - after.reviewed_reports >= threshold) {
      await trx.updateTable('comments').set({ hidden: true, hidden_reason: 'auto' }).where('id', '=', commentId).execute();
      await recordAudit(trx, { actor: { id: null, label: 'system' }, action: 'comment.auto-hide', targetType: 'comment', targetId: commentId, reason: `${after.reports} reports`, before: { hidden: false }, after: { hidden: true } });
    }
    return 'reported';
  });
}

export async function moderationQueue(db: Database) {
  return db.selectFrom('comments').innerJoin('persons', 'persons.id', 'comments.author_id').innerJoin('proposals', 'proposals.id', 'comments.target_id')
    .select(['comments.id', 'comments.body', 'comments.hidden', 'comments.hidden_reason', 'comments.reports', 'comments.reviewed_reports', 'comments.created_at',
      'persons.display_name as author', 'proposals.id as proposal_id', 'proposals.title as proposal_title',
      sql<string[]>`(select coalesce(array_agg(distinct r.reason), '{}') from comment_reports r where r.comment_id = comments.id)`.as('reasons')])
    .where('comments.target_type', '=', TARGET)
    .where((eb) => eb.or([eb('comments.reports', '>', eb.ref('comments.reviewed_reports')), eb('comments.hidden_reason', '=', 'auto'), eb('comments.hidden_reason', 'like', 'temporary:%')]))
    .orderBy('comments.id').limit(200).execute();
}

/** A moderator's decision, on the record with its reason, and told to the author. */
export async function decideComment(db: Database, commentId: number, decision: 'keep' | 'hide', reason: string, actor: AuditActor) {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('comments').select(['hidden', 'hidden_reason', 'reports', 'author_id', 'target_id']).where('id', '=', commentId).executeTakeFirst();
    if (!before) return;
    const hidden = decision === 'hide';
    await trx.updateTable('comments').set({ hidden, hidden_reason: hidden ? reason : null, reviewed_reports: before.reports }).where('id', '=', commentId).execute();
    await recordAudit(trx, { actor, action: `comment.${decision}`, targetType: 'comment', targetId: commentId, reason,
      before: { hidden: before.hidden, hiddenReason: before.hidden_reason }, after: { hidden, proposalId: before.target_id } });
    const key = hidden ? 'notice.commentHidden' : 'notice.commentKept';
    await notify(trx, [before.author_id], { kind: key, targetType: TARGET, targetId: before.target_id, text: { ko: translate('ko', key, { reason }), en: translate('en', key, { reason }) } });
  });
}


export type EditOutcome = 'edited' | 'window-closed' | 'not-yours' | 'missing' | 'hidden';

/** The author may fix a comment within the board's edit window; the earlier text stays on the record. */
export async function editComment(db: Database, commentId: number, author: AuditActor & { id: number }, body: string, windowMinutes: number, now = new Date()): Promise<EditOutcome> {
  const authorId = author.id;
  return db.transaction().execute(async (trx) => {
    const c = await trx.selectFrom('comments').select(['author_id', 'body', 'created_at', 'hidden']).where('id', '=', commentId).where('target_type', '=', TARGET).forUpdate().executeTakeFirst();
    if (!c) return 'missing';
    if (c.author_id !== authorId) return 'not-yours';
    if (c.hidden) return 'hidden';
    if (!withinEditWindow(c.created_at, windowMinutes, now)) return 'window-closed';
    await trx.updateTable('comments').set({ body, edited_at: now }).where('id', '=', commentId).execute();
    await recordAudit(trx, { actor: author, action: 'comment.edit', targetType: 'comment', targetId: commentId, before: { body: c.body }, after: { body } });
    return 'edited';
  });
}

export const withinEditWindow = (createdAt: Date | string, windowMinutes: number, now = new Date()) =>
  now.getTime() - new Date(createdAt).getTime() <= windowMinutes * 60_000;

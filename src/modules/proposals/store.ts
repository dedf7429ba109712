// The proposals board's SQL. Supports go through the platform acts service; the record through the audit log.
import { sql } from 'kysely';
import type { Database } from '../../platform/db.ts';
import { talliesOf } from '../../platform/acts.ts';
import { batchedLookup } from '../../platform/batch.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import { follow, followers, notify } from '../../platform/notify.ts';
import { translate, type MessageKey } from '../../platform/i18n/index.ts';
import { searchPlan, normalizeForSearch } from './workflow/search.ts';

/** A notice in both languages, to the proposal's followers (the author follows from the start). */
async function tellFollowers(db: Database, proposalId: number, key: MessageKey, vars: { title: string; department?: { ko: string; en: string } }, exceptId?: number) {
  const text = (lang: 'ko' | 'en') => translate(lang, key, { title: vars.title, department: vars.department?.[lang] ?? '' });
  await notify(db, await followers(db, TARGET, proposalId), { kind: key, targetType: TARGET, targetId: proposalId, text: { ko: text('ko'), en: text('en') } }, exceptId);
}
import type { Cursor } from './domain.ts';

export const TARGET = 'proposal';

export async function boardOf(db: Database, spaceSlug: string, componentSlug: string) {
  return db.selectFrom('components').innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select(['components.id', 'components.title_ko', 'components.title_en', 'components.settings', 'components.type', 'spaces.slug as space_slug', 'components.slug'])
    .where('spaces.slug', '=', spaceSlug).where('components.slug', '=', componentSlug).where('components.type', '=', 'proposals')
    .executeTakeFirst();
}

export async function listBoards(db: Database) {
  return db.selectFrom('components').innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select(['components.id', 'components.title_ko', 'components.title_en', 'spaces.slug as space_slug', 'components.slug', 'spaces.title_ko as space_ko', 'spaces.title_en as space_en'])
    .where('components.type', '=', 'proposals').orderBy('spaces.id').orderBy('components.position').execute();
}

export async function createProposal(db: Database, v: { componentId: number; authorId: number; title: string; body: string; status: string; closesAt: Date }) {
  return db.transaction().execute(async (trx) => {
    const row = await trx.insertInto('proposals').values({
      component_id: v.componentId, author_id: v.authorId, title: v.title, body: v.body, status: v.status, closes_at: v.closesAt,
    }).returning('id').executeTakeFirstOrThrow();
    await follow(trx, v.authorId, TARGET, row.id);
    return row;
  });
}

export type StatusFilter = 'open' | 'answered' | 'closed';

export async function listProposals(db: Database, o: { componentId?: number; q?: string; status?: StatusFilter; departmentId?: number; after?: Cursor | null; limit: number; viewerId?: number }) {
  let query = db.selectFrom('proposals').innerJoin('persons', 'persons.id', 'proposals.author_id')
    .select(['proposals.id', 'proposals.title', 'proposals.status', 'proposals.created_at', 'proposals.closes_at', 'proposals.component_id', 'persons.display_name as author'])
    .where((eb) => eb.or([eb('proposals.status', '<>', 'held'), ...(o.viewerId ? [eb('proposals.author_id', '=', o.viewerId)] : [])]));
  if (o.componentId) query = query.where('proposals.component_id', '=', o.componentId);
  if (o.departmentId) query = query.where('proposals.department_id', '=', o.departmentId);
  if (o.status === 'answered') query = query.where('proposals.status', '=', 'answered');
  else if (o.status === 'open') query = query.where('proposals.status', '=', 'open').where('proposals.closes_at', '>', new Date());
  else if (o.status === 'closed') query = query.where('proposals.status', '=', 'open').where('proposals.closes_at', '<=', new Date());
  if (o.q) {
    // 초성 only ("ㅌㅎㄹ") searches the initials of titles; otherwise partial words ignoring spaces and punctuation
    // in titles, and the plain text in bodies.
    const plan = searchPlan(o.q);
    const body = `%${escapeLike(o.q)}%`;
    if (plan?.column === 'title_choseong') query = query.where('proposals.title_choseong', 'like', `%${escapeLike(plan.needle)}%`);
    else if (plan) {
      const needle = `%${escapeLike(normalizeForSearch(o.q).replace(/[ㄱ-ㅎㅏ-ㅣ]+$/, ''))}%`;
      query = query.where((eb) => eb.or([eb('proposals.title_norm', 'like', needle), eb('proposals.body', 'ilike', body)]));
    } else query = query.where('proposals.body', 'ilike', body); // only punctuation: search it literally

  }
  if (o.after) query = query.where(sql<boolean>`(proposals.created_at, proposals.id) < (${o.after.createdAt}::timestamptz, ${o.after.id})`);
  const rows = await query.orderBy('proposals.created_at', 'desc').orderBy('proposals.id', 'desc').limit(o.limit + 1).execute();
  const page = rows.slice(0, o.limit);
  const supports = await talliesOf(db, 'support', TARGET, page.map((r) => r.id));
  return { rows: page.map((r) => ({ ...r, supports: supports.get(r.id) ?? 0 })), more: rows.length > o.limit };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function countProposals(db: Database, componentId: number): Promise<number> {
  const r = await db.selectFrom('proposals').select(sql<number>`count(*)::int`.as('n')).where('component_id', '=', componentId).where('status', '<>', 'held').executeTakeFirst();
  return r?.n ?? 0;
}

/** Similar titles by trigram similarity (pg_trgm works on Hangul syllables), for "support one instead". */
export async function similarProposals(db: Database, componentId: number, title: string, limit = 5) {
  return db.selectFrom('proposals').select(['id', 'title', sql<number>`similarity(title, ${title})`.as('score')])
    .where('component_id', '=', componentId).where('status', '<>', 'held')
    .where(sql<boolean>`similarity(title, ${title}) > 0.2`)
    .orderBy('score', 'desc').limit(limit).execute();
}

export async function getProposal(db: Database, id: number) {
  return db.selectFrom('proposals').innerJoin('persons', 'persons.id', 'proposals.author_id')
    .innerJoin('components', 'components.id', 'proposals.component_id').innerJoin('spaces', 'spaces.id', 'components.space_id')
    .leftJoin('departments', 'departments.id', 'proposals.department_id')
    .select(['proposals.id', 'proposals.title', 'proposals.body', 'proposals.status', 'proposals.created_at', 'proposals.closes_at',
      'proposals.author_id', 'proposals.department_id', 'proposals.component_id', 'persons.display_name as author',
      'components.settings', 'components.title_ko as board_ko', 'components.title_en as board_en', 'components.slug as board_slug', 'spaces.slug as space_slug',
      'departments.name_ko as dept_ko', 'departments.name_en as dept_en',
      'proposals.answer_due_at', 'proposals.answer_due_date', 'proposals.interim_at', 'proposals.answered_at', 'proposals.tier_reached_at', 'proposals.result'])
    .where('proposals.id', '=', id).executeTakeFirst();
}

/**
 * What a 공감 or a follow needs to decide, with the board's settings, without the page's joins: the hottest path,
 * so concurrent calls share one query (platform/batch.ts).
 */
export const proposalRef = batchedLookup((db: Database, ids: number[]) => db.selectFrom('proposals').innerJoin('components', 'components.id', 'proposals.component_id')
  .select(['proposals.id', 'proposals.author_id', 'proposals.department_id', 'proposals.status', 'proposals.closes_at', 'proposals.tier_reached_at', 'components.settings'])
  .where('proposals.id', 'in', ids).execute(), (r) => r.id);

/** The support threshold is reached: fix the answer's due date once, on the record, and tell the followers. */
export async function reachTier(db: Database, proposalId: number, count: number, due: { dueAt: Date; dueDate: string } | null) {
  await db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('proposals').set({ tier_reached_at: new Date(), answer_due_at: due?.dueAt ?? null, answer_due_date: due?.dueDate ?? null })
      .where('id', '=', proposalId).where('tier_reached_at', 'is', null).returning(['title']).executeTakeFirst();
    if (!row) return;
    await recordAudit(trx, { actor: { id: null, label: 'system' }, action: 'proposal.tier-reached', targetType: TARGET, targetId: proposalId, reason: `${count} supports`, after: { count, dueDate: due?.dueDate ?? null } });
    const vars = (lang: 'ko' | 'en') => translate(lang, 'notice.tierReached', { title: row.title, count, date: due?.dueDate ?? '-' });
    await notify(trx, await followers(trx, TARGET, proposalId), { kind: 'notice.tierReached', targetType: TARGET, targetId: proposalId, text: { ko: vars('ko'), en: vars('en') } });
  });
}

export async function answersOf(db: Database, proposalId: number) {
  return db.selectFrom('proposal_answers').innerJoin('departments', 'departments.id', 'proposal_answers.department_id')
    .select(['proposal_answers.id', 'kind', 'body', 'responsible', 'created_at', 'result', 'departments.name_ko', 'departments.name_en'])
    .where('proposal_id', '=', proposalId).orderBy('proposal_answers.id').execute();
}

export async function commentsOf(db: Database, proposalId: number) {
  return db.selectFrom('comments').innerJoin('persons', 'persons.id', 'comments.author_id')
    .select(['comments.id', 'comments.body', 'comments.stance', 'comments.hidden', 'comments.hidden_reason', 'comments.parent_id', 'comments.created_at', 'comments.author_id', 'persons.display_name as author'])
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

/** An official answer and its record commit together; a final answer closes the question. */
export async function addAnswer(db: Database, v: { proposalId: number; departmentId: number; authorId: number; kind: 'interim' | 'final'; body: string; responsible: string; result?: string }, actor: AuditActor) {
  await db.transaction().execute(async (trx) => {
    const a = await trx.insertInto('proposal_answers').values({
      proposal_id: v.proposalId, department_id: v.departmentId, author_id: v.authorId, kind: v.kind, body: v.body, responsible: v.responsible,
      result: v.kind === 'final' ? v.result ?? null : null,
    }).returning('id').executeTakeFirstOrThrow();
    const now = new Date();
    await trx.updateTable('proposals').set(v.kind === 'final' ? { status: 'answered', answered_at: now, updated_at: now, result: v.result ?? null } : { interim_at: now, updated_at: now })
      .where('id', '=', v.proposalId).execute();
    const info = await trx.selectFrom('proposals').innerJoin('departments', 'departments.id', 'proposals.department_id')
      .select(['proposals.title', 'departments.name_ko', 'departments.name_en']).where('proposals.id', '=', v.proposalId).executeTakeFirstOrThrow();
    await tellFollowers(trx, v.proposalId, `notice.answer.${v.kind}`, { title: info.title, department: { ko: info.name_ko, en: info.name_en } }, v.authorId);
    await recordAudit(trx, { actor, action: `proposal.answer.${v.kind}`, targetType: TARGET, targetId: v.proposalId, after: { answerId: a.id, departmentId: v.departmentId, responsible: v.responsible, body: v.body, result: v.result ?? null } });
  });
}

export async function assignDepartment(db: Database, proposalId: number, departmentId: number, before: number | null, actor: AuditActor, reason: string | null) {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('proposals').set({ department_id: departmentId, updated_at: new Date() }).where('id', '=', proposalId).execute();
    const info = await trx.selectFrom('proposals').innerJoin('departments', 'departments.id', 'proposals.department_id')
      .select(['proposals.title', 'departments.name_ko', 'departments.name_en']).where('proposals.id', '=', proposalId).executeTakeFirstOrThrow();
    await tellFollowers(trx, proposalId, 'notice.assigned', { title: info.title, department: { ko: info.name_ko, en: info.name_en } }, actor.id ?? undefined);
    await recordAudit(trx, { actor, action: 'proposal.assign', targetType: TARGET, targetId: proposalId, reason, before: { departmentId: before }, after: { departmentId } });
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

/** A department's queue: what it must answer, the earliest due first; items nobody asked an answer for come last. */
export async function departmentQueue(db: Database, departmentIds: number[]) {
  if (!departmentIds.length) return [];
  return db.selectFrom('proposals').innerJoin('departments', 'departments.id', 'proposals.department_id')
    .select(['proposals.id', 'proposals.title', 'proposals.status', 'proposals.created_at', 'proposals.answer_due_at', 'proposals.answer_due_date',
      'proposals.interim_at', 'proposals.answered_at', 'departments.name_ko', 'departments.name_en'])
    .where('proposals.department_id', 'in', departmentIds).where('proposals.status', '=', 'open')
    .orderBy(sql`proposals.answer_due_at asc nulls last`).orderBy('proposals.created_at').execute();
}

/** Per department: answers owed, answered on time, late, and overdue now — what the planning office watches. */
export async function onTimeByDepartment(db: Database) {
  return db.selectFrom('departments').leftJoin('proposals', (j) => j.onRef('proposals.department_id', '=', 'departments.id').on('proposals.answer_due_at', 'is not', null))
    .select(['departments.id', 'departments.name_ko', 'departments.name_en',
      sql<number>`count(proposals.id)::int`.as('owed'),
      sql<number>`count(*) filter (where proposals.answered_at <= proposals.answer_due_at)::int`.as('on_time'),
      sql<number>`count(*) filter (where proposals.answered_at > proposals.answer_due_at)::int`.as('late'),
      sql<number>`count(*) filter (where proposals.answered_at is null and proposals.answer_due_at < now())::int`.as('overdue')])
    .groupBy('departments.id').orderBy('departments.id').execute();
}

export const departments = (db: Database) => db.selectFrom('departments').selectAll().orderBy('id').execute();

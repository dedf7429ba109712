// The proposals board's SQL. Supports go through the platform acts service; the record through the audit log.
import { sql } from 'kysely';
import { inTransaction, type Database } from '../../../platform/db.ts';
import { talliesOf } from '../../../platform/acts.ts';
import { batchedLookup } from '../../../platform/batch.ts';
import { follow, followers, notify } from '../../../platform/notify.ts';
import { translate, type MessageKey } from '../../../platform/i18n/index.ts';
import { actorLabel, type Actor as PlatformActor } from '../../../platform/permissions.ts';
import { searchPlan, normalizeForSearch } from '../domain/search.ts';
import { fire, whoOf, toState, TARGET, type TierRow } from './lifecycle.ts';
import { PUBLIC_STAGES } from '../permissions.ts';
import type { Cursor } from '../domain/proposal.ts';

export { TARGET };

/** A notice in both languages, to the proposal's followers (the author follows from the start). */
export async function tellFollowers(
  db: Database,
  proposalId: number,
  key: MessageKey,
  vars: { title: string; department?: { ko: string; en: string } },
  exceptId?: number,
) {
  const text = (lang: 'ko' | 'en') =>
    translate(lang, key, { title: vars.title, department: vars.department?.[lang] ?? '' });
  await notify(
    db,
    await followers(db, TARGET, proposalId),
    { kind: key, targetType: TARGET, targetId: proposalId, text: { ko: text('ko'), en: text('en') } },
    exceptId,
  );
}

export async function boardOf(db: Database, spaceSlug: string, componentSlug: string) {
  return db
    .selectFrom('components')
    .innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select([
      'components.id',
      'components.title_ko',
      'components.title_en',
      'components.settings',
      'components.type',
      'spaces.slug as space_slug',
      'components.slug',
    ])
    .where('spaces.slug', '=', spaceSlug)
    .where('components.slug', '=', componentSlug)
    .where('components.type', '=', 'proposals')
    .executeTakeFirst();
}

export async function listBoards(db: Database) {
  return db
    .selectFrom('components')
    .innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select([
      'components.id',
      'components.title_ko',
      'components.title_en',
      'spaces.slug as space_slug',
      'components.slug',
      'spaces.title_ko as space_ko',
      'spaces.title_en as space_en',
    ])
    .where('components.type', '=', 'proposals')
    .orderBy('spaces.id')
    .orderBy('components.position')
    .execute();
}

/** A new proposal: stored as a draft, followed by its author, and submitted (접수) in one transaction; what the
 * system does next (publish at once, pre-agreements, tier 0) is `advance`, called by the route. */
export async function createProposal(
  db: Database,
  v: {
    componentId: number;
    author: PlatformActor;
    title: string;
    body: string;
    piiHold: boolean;
    topic: string | null;
    area: string | null;
    kind: string;
  },
) {
  return db.transaction().execute(async (trx) => {
    const now = new Date();
    const row = await trx
      .insertInto('proposals')
      .values({
        component_id: v.componentId,
        author_id: v.author.id,
        title: v.title,
        body: v.body,
        kind: v.kind,
        stage: 'draft',
        pii_hold: v.piiHold,
        entered_at: JSON.stringify({ draft: now.toISOString() }) as never,
        topic: v.topic,
        area: v.area,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await follow(trx, v.author.id, TARGET, row.id);
    const r = await fire(trx, row.id, { type: 'submit' }, whoOf(v.author, actorLabel(v.author), null), { at: now });
    if (!r.ok) throw new Error(`submit refused: ${r.code}`);
    return row;
  });
}

export type StatusFilter = 'collecting' | 'answering' | 'answered' | 'closed';
export type SortKey = 'newest' | 'supported' | 'closing' | 'answered';
export const SORTS: readonly SortKey[] = ['newest', 'supported', 'closing', 'answered'];

const OPEN_STAGES = ['pre-agreement', 'collecting'];

export interface ListQuery {
  componentId?: number;
  q?: string;
  status?: StatusFilter;
  departmentId?: number;
  topic?: string;
  area?: string;
  sort?: SortKey;
  after?: Cursor | null;
  limit: number;
  viewerId?: number;
}

/** Does the query narrow the board (a search, a filter, or an order that lists only some: closing soon lists open
 * windows, recently answered lists answered ones)? Then the page shows how many match, not the board's total. */
export const narrows = (o: Omit<ListQuery, 'limit'>) =>
  !!(o.q || o.status || o.departmentId || o.topic || o.area || o.sort === 'closing' || o.sort === 'answered');

/** The proposals a list query shows (any page of it), before ordering: one rule for the page and its count. */
function matching(db: Database, o: Omit<ListQuery, 'limit' | 'after'>, now: Date) {
  let query = db
    .selectFrom('proposals')
    .where((eb) =>
      eb.or([
        eb('proposals.stage', 'in', [...PUBLIC_STAGES]),
        ...(o.viewerId ? [eb('proposals.author_id', '=', o.viewerId)] : []),
      ]),
    );
  if (o.componentId) query = query.where('proposals.component_id', '=', o.componentId);
  if (o.departmentId) query = query.where('proposals.department_id', '=', o.departmentId);
  if (o.topic) query = query.where('proposals.topic', '=', o.topic);
  if (o.area) query = query.where('proposals.area', '=', o.area);
  if (o.status === 'collecting')
    query = query.where('proposals.stage', 'in', OPEN_STAGES).where('proposals.closes_at', '>', now);
  else if (o.status === 'answering') query = query.where('proposals.stage', '=', 'answering');
  else if (o.status === 'answered')
    query = query.where('proposals.stage', 'in', ['answered', 'implementing', 'implemented']);
  else if (o.status === 'closed') {
    query = query.where((eb) =>
      eb.or([
        eb('proposals.stage', 'in', ['expired', 'rejected', 'redirected', 'merged']),
        eb.and([eb('proposals.stage', 'in', OPEN_STAGES), eb('proposals.closes_at', '<=', now)]),
      ]),
    );
  }
  if (o.q) {
    // 초성 only ("ㅌㅎㄹ") searches the initials of titles; otherwise partial words ignoring spaces and punctuation
    // in titles, and the plain text in bodies.
    const plan = searchPlan(o.q);
    const body = `%${escapeLike(o.q)}%`;
    if (plan?.column === 'title_choseong')
      query = query.where('proposals.title_choseong', 'like', `%${escapeLike(plan.needle)}%`);
    else if (plan) {
      const needle = `%${escapeLike(normalizeForSearch(o.q).replace(/[ㄱ-ㅎㅏ-ㅣ]+$/, ''))}%`;
      query = query.where((eb) =>
        eb.or([eb('proposals.title_norm', 'like', needle), eb('proposals.body', 'ilike', body)]),
      );
    } else query = query.where('proposals.body', 'ilike', body); // only punctuation: search it literally
  }
  // Closing soon: only windows still open. Recently answered: only answered ones.
  if (o.sort === 'closing')
    query = query.where('proposals.stage', 'in', OPEN_STAGES).where('proposals.closes_at', '>', now);
  else if (o.sort === 'answered') query = query.where('proposals.last_answer_at', 'is not', null);
  return query;
}

/** How many proposals a narrowed list matches over all its pages (one count, run only when something narrows it). */
export async function countMatching(db: Database, o: Omit<ListQuery, 'limit' | 'after'>): Promise<number> {
  const r = await matching(db, o, new Date()).select(sql<number>`count(*)::int`.as('n')).executeTakeFirst();
  return r?.n ?? 0;
}

/** One page of a board, in the chosen order, by keyset: every page costs the same however deep it is. */
export async function listProposals(db: Database, o: ListQuery) {
  const sort = o.sort ?? 'newest';
  let query = matching(db, o, new Date())
    .innerJoin('persons', 'persons.id', 'proposals.author_id')
    .select([
      'proposals.id',
      'proposals.title',
      'proposals.stage',
      'proposals.created_at',
      'proposals.closes_at',
      'proposals.component_id',
      'proposals.reached_tiers',
      'proposals.supports_count',
      'proposals.last_answer_at',
      'proposals.topic',
      'proposals.area',
      'persons.display_name as author',
    ]);
  const a = o.after;
  if (sort === 'newest') {
    if (a) query = query.where(sql<boolean>`(proposals.created_at, proposals.id) < (${a.key}::timestamptz, ${a.id})`);
    query = query.orderBy('proposals.created_at', 'desc').orderBy('proposals.id', 'desc');
  } else if (sort === 'supported') {
    if (a) query = query.where(sql<boolean>`(proposals.supports_count, proposals.id) < (${Number(a.key)}, ${a.id})`);
    query = query.orderBy('proposals.supports_count', 'desc').orderBy('proposals.id', 'desc');
  } else if (sort === 'closing') {
    // The nearest end first.
    if (a) query = query.where(sql<boolean>`(proposals.closes_at, proposals.id) > (${a.key}::timestamptz, ${a.id})`);
    query = query.orderBy('proposals.closes_at', 'asc').orderBy('proposals.id', 'asc');
  } else {
    if (a)
      query = query.where(sql<boolean>`(proposals.last_answer_at, proposals.id) < (${a.key}::timestamptz, ${a.id})`);
    query = query.orderBy('proposals.last_answer_at', 'desc').orderBy('proposals.id', 'desc');
  }
  const rows = await query.limit(o.limit + 1).execute();
  const page = rows.slice(0, o.limit);
  const supports = await talliesOf(
    db,
    'support',
    TARGET,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  const keyOf = (r: (typeof page)[number]) =>
    sort === 'supported'
      ? String(r.supports_count)
      : new Date(
          (sort === 'closing' ? r.closes_at : sort === 'answered' ? r.last_answer_at : r.created_at)!,
        ).toISOString();
  return {
    rows: page.map((r) => ({ ...r, supports: supports.get(r.id) ?? 0 })),
    next: rows.length > o.limit && last ? { key: keyOf(last), id: last.id } : null,
  };
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function countProposals(db: Database, componentId: number): Promise<number> {
  const r = await db
    .selectFrom('proposals')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('component_id', '=', componentId)
    .where('stage', 'in', [...PUBLIC_STAGES])
    .executeTakeFirst();
  return r?.n ?? 0;
}

/** Trigram similarity from which a title counts as similar (pg_trgm's default, 0.3, misses short Korean titles). */
const SIMILAR_FROM = 0.2;

/**
 * Similar titles by trigram similarity (pg_trgm works on Hangul syllables), for "support one instead". The `%`
 * operator, unlike `similarity(…) > x`, can use the title's trigram index, so the check stays cheap on a board of
 * 100,000; its threshold is a setting, set for this transaction only.
 */
export async function similarProposals(db: Database, componentId: number, title: string, limit = 5) {
  const run = async (trx: Database) => {
    await sql`select set_config('pg_trgm.similarity_threshold', ${String(SIMILAR_FROM)}, true)`.execute(trx);
    return trx
      .selectFrom('proposals')
      .select(['id', 'title', sql<number>`similarity(title, ${title})`.as('score')])
      .where('component_id', '=', componentId)
      .where('stage', 'in', [...PUBLIC_STAGES])
      .where(sql<boolean>`title % ${title}`)
      .orderBy('score', 'desc')
      .limit(limit)
      .execute();
  };
  return inTransaction(db, run);
}

export async function getProposal(db: Database, id: number) {
  const row = await db
    .selectFrom('proposals')
    .innerJoin('persons', 'persons.id', 'proposals.author_id')
    .innerJoin('components', 'components.id', 'proposals.component_id')
    .innerJoin('spaces', 'spaces.id', 'components.space_id')
    .leftJoin('departments', 'departments.id', 'proposals.department_id')
    .select([
      'proposals.id',
      'proposals.title',
      'proposals.body',
      'proposals.stage',
      'proposals.kind',
      'proposals.created_at',
      'proposals.closes_at',
      'proposals.author_id',
      'proposals.department_id',
      'proposals.component_id',
      'persons.display_name as author',
      'proposals.entered_at',
      'proposals.screened_suitable',
      'proposals.pii_hold',
      'proposals.pre_agreement_closes_at',
      'proposals.support_opened_at',
      'proposals.closure',
      'proposals.result',
      'proposals.implementation_updates',
      'proposals.implementation_progress',
      'proposals.implementation_last_at',
      'proposals.topic',
      'proposals.area',
      'proposals.reached_tiers',
      'components.settings',
      'components.title_ko as board_ko',
      'components.title_en as board_en',
      'components.slug as board_slug',
      'spaces.slug as space_slug',
      'departments.name_ko as dept_ko',
      'departments.name_en as dept_en',
    ])
    .where('proposals.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const tiers = await db
    .selectFrom('proposal_tiers')
    .selectAll()
    .where('proposal_id', '=', id)
    .orderBy('reached_at')
    .execute();
  return { ...row, tiers, state: toState(row as never, tiers as TierRow[]) };
}

/**
 * What a 공감 or a follow needs to decide — the permission facts, the window, the tiers reached and the board's
 * settings — without the page's joins: the hottest path, so concurrent calls share one query (platform/batch.ts).
 */
export const proposalRef = batchedLookup(
  (db: Database, ids: number[]) =>
    db
      .selectFrom('proposals')
      .innerJoin('components', 'components.id', 'proposals.component_id')
      .select([
        'proposals.id',
        'proposals.author_id',
        'proposals.department_id',
        'proposals.stage',
        'proposals.closes_at',
        'proposals.reached_tiers',
        'components.settings',
      ])
      .where('proposals.id', 'in', ids)
      .execute(),
  (r) => r.id,
);

/** The supports count used for sorting. Refreshed on the first hundred supports and then on every 16th: the exact
 * count lives in the sharded tallies, and updating this row on every support would make it the hot row again. */
export async function refreshSupportsCount(db: Database, id: number, count: number) {
  if (count > 100 && count % 16 !== 0) return;
  await db
    .updateTable('proposals')
    .set({ supports_count: count })
    .where('id', '=', id)
    .where('supports_count', '<', count)
    .execute();
}

export const departments = (db: Database) => db.selectFrom('departments').selectAll().orderBy('id').execute();

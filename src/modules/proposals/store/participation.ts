// The proposals module's participation counts for another module (manifest `participation`): a board
// (/s/<space>/<component> of a proposals component) or one proposal (/proposals/<id>). Only public proposals count
// (PUBLIC_STAGES) and hidden comments do not; participants are distinct persons among authors, commenters and
// supporters; acts are the supports (tallies).
import { sql } from 'kysely';
import type { Database } from '../../../platform/db.ts';
import type { ParticipationCounts } from '../../../platform/modules.ts';
import { talliesOf } from '../../../platform/acts.ts';
import { PUBLIC_STAGES } from '../permissions.ts';
import { TARGET } from './proposals.ts';

async function proposalsAt(db: Database, ref: string): Promise<{ ids: number[]; title?: string } | null> {
  const one = /^\/proposals\/(\d{1,9})$/.exec(ref);
  if (one) {
    const p = await db
      .selectFrom('proposals')
      .select(['id', 'title'])
      .where('id', '=', Number(one[1]))
      .where('stage', 'in', [...PUBLIC_STAGES])
      .executeTakeFirst();
    return p ? { ids: [p.id], title: p.title } : null;
  }
  const board = /^\/s\/([\w-]{1,100})\/([\w-]{1,100})$/.exec(ref);
  if (!board) return null;
  const comp = await db
    .selectFrom('components')
    .innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select('components.id')
    .where('spaces.slug', '=', board[1])
    .where('components.slug', '=', board[2])
    .where('components.type', '=', 'proposals')
    .executeTakeFirst();
  if (!comp) return null;
  const rows = await db
    .selectFrom('proposals')
    .select('id')
    .where('component_id', '=', comp.id)
    .where('stage', 'in', [...PUBLIC_STAGES])
    .execute();
  return { ids: rows.map((r) => r.id) };
}

export async function proposalParticipation(db: Database, ref: string): Promise<ParticipationCounts | null> {
  const at = await proposalsAt(db, ref);
  if (!at) return null;
  if (!at.ids.length)
    return { participants: 0, acts: 0, comments: 0, items: 0, title: at.title, first: null, last: null };
  const ids = sql.join(at.ids);
  const r = await sql<{
    comments: number;
    participants: number;
    first_at: Date | string | null;
    last_at: Date | string | null;
  }>`
    with lp as (select id, author_id, created_at from proposals where id in (${ids})),
    cm as (select c.author_id, c.created_at from comments c where c.target_type = ${TARGET} and c.target_id in (${ids}) and not c.hidden),
    who as (
      select pe.person_key as k, lp.created_at as at from lp join persons pe on pe.id = lp.author_id
      union all select pe.person_key, cm.created_at from cm join persons pe on pe.id = cm.author_id
      union all select a.person_key, a.created_at from acts a where a.kind = 'support' and a.target_type = ${TARGET} and a.target_id in (${ids})
    )
    select (select count(*)::int from cm) as comments, (select count(distinct k)::int from who) as participants,
      (select min(at) from who) as first_at, (select max(at) from who) as last_at`.execute(db);
  const x = r.rows[0];
  const supports = await talliesOf(db, 'support', TARGET, at.ids);
  const date = (d: Date | string | null) => (d === null ? null : new Date(d));
  return {
    participants: x.participants,
    acts: [...supports.values()].reduce((n, v) => n + v, 0),
    comments: x.comments,
    items: at.ids.length,
    title: at.title,
    first: date(x.first_at),
    last: date(x.last_at),
  };
}

// Madang activity linked to a pledge (구민소통 관리카드, issue 7 item 7): an official links a component (a proposal
// board, a debate, a survey) or one proposal, and from then on the card counts what happens there by itself. The
// counts are computed here from the proposals, comments and acts tables each time they are shown; nothing is copied.
// Proposals that are not public (drafts, waiting for screening, withdrawn) and hidden comments are not counted.
import { sql } from 'kysely';
import type { Database } from '../../platform/db.ts';
import { talliesOf } from '../../platform/acts.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import { seoulDateOf } from '../../rules/index.ts';
import type { LinkedActivity } from './domain/index.ts';

const PROPOSAL = 'proposal';
/** Proposal stages that are not public (as the proposals module shows them); everything else counts. */
const NOT_PUBLIC = ['draft', 'submitted', 'screening', 'withdrawn'];

/** What a link points at, resolved from a Madang address or a component id. */
export type LinkTarget =
  | { kind: 'component'; componentId: number; type: string; boardKind: string | null; path: string; title: string }
  | { kind: 'proposal'; proposalId: number; path: string; title: string };

/** Components that hold participation (everything but the pledge tracker itself), for the link form. */
export async function linkableComponents(db: Database) {
  return db.selectFrom('components').innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select(['components.id', 'components.type', 'components.slug', 'components.title_ko', 'components.title_en', 'components.settings', 'spaces.slug as space_slug', 'spaces.title_ko as space_ko', 'spaces.title_en as space_en'])
    .where('components.type', '<>', 'pledges').orderBy('spaces.id').orderBy('components.position').execute();
}

type ComponentRow = Awaited<ReturnType<typeof linkableComponents>>[number];
const componentTarget = (c: ComponentRow): LinkTarget => ({
  kind: 'component', componentId: c.id, type: c.type, boardKind: typeof (c.settings as { kind?: unknown })?.kind === 'string' ? (c.settings as { kind: string }).kind : null,
  path: `/s/${c.space_slug}/${c.slug}`, title: `${c.space_ko} · ${c.title_ko}`,
});

/** `c:<id>` from the form's list, or an address `/s/<space>/<component>` or `/proposals/<id>`; undefined when unknown. */
export async function resolveLinkTarget(db: Database, v: { component?: string; path?: string }): Promise<LinkTarget | undefined> {
  const comps = await linkableComponents(db);
  const byId = /^c:(\d{1,9})$/.exec(v.component ?? '');
  if (byId) {
    const c = comps.find((x) => x.id === Number(byId[1]));
    return c ? componentTarget(c) : undefined;
  }
  const path = (v.path ?? '').trim().replace(/\/+$/, '');
  const board = /^\/s\/([\w-]{1,100})\/([\w-]{1,100})$/.exec(path);
  if (board) {
    const c = comps.find((x) => x.space_slug === board[1] && x.slug === board[2]);
    return c ? componentTarget(c) : undefined;
  }
  const one = /^\/proposals\/(\d{1,9})$/.exec(path);
  if (one) {
    const p = await db.selectFrom('proposals').select(['id', 'title']).where('id', '=', Number(one[1])).where('stage', 'not in', NOT_PUBLIC).executeTakeFirst();
    return p ? { kind: 'proposal', proposalId: p.id, path: `/proposals/${p.id}`, title: p.title } : undefined;
  }
  return undefined;
}

/** The activity kind a target counts as by default (settings.linkedActivityTypes maps kinds to card columns). */
export function defaultKind(t: LinkTarget): string {
  if (t.kind === 'proposal') return PROPOSAL;
  if (t.type === 'surveys') return 'survey';
  if (t.type === 'debates') return 'debate';
  return t.boardKind ?? PROPOSAL;
}

export async function addLink(db: Database, v: { pledgeId: number; pledgeCode: string; target: LinkTarget; kind: string; createdBy: number; actor: AuditActor }): Promise<number> {
  const t = v.target;
  const { id } = await db.insertInto('pledge_links').values({
    pledge_id: v.pledgeId, kind: v.kind, path: t.path, title: null, day: null, created_by: v.createdBy,
    component_id: t.kind === 'component' ? t.componentId : null, proposal_id: t.kind === 'proposal' ? t.proposalId : null,
  }).returning('id').executeTakeFirstOrThrow();
  await recordAudit(db, { actor: v.actor, action: 'pledge.link.add', targetType: 'pledge-link', targetId: id, after: { pledge: v.pledgeCode, kind: v.kind, path: t.path, title: t.title } });
  return id;
}

export async function removeLink(db: Database, v: { pledgeId: number; linkId: number; reason: string | null; actor: AuditActor }): Promise<boolean> {
  const row = await db.deleteFrom('pledge_links').where('id', '=', v.linkId).where('pledge_id', '=', v.pledgeId).returningAll().executeTakeFirst();
  if (row) await recordAudit(db, { actor: v.actor, action: 'pledge.link.remove', targetType: 'pledge-link', targetId: v.linkId, reason: v.reason, before: { kind: row.kind, path: row.path } });
  return !!row;
}

interface LiveRow { link_id: number; activities: number; comments: number; participants: number; first_at: Date | string | null; last_at: Date | string | null }

/**
 * Every link of these pledges with its live counts: activities (public proposals in the component, or the one
 * proposal), participants (distinct persons among authors, supporters and commenters), supports (the tallies),
 * comments, and the first and last day anything happened there.
 */
export async function linkedOf(db: Database, pledges: { id: number; code: string }[]): Promise<LinkedActivity[]> {
  if (!pledges.length) return [];
  const code = new Map(pledges.map((x) => [x.id, x.code]));
  const rows = await db.selectFrom('pledge_links')
    .leftJoin('components', 'components.id', 'pledge_links.component_id')
    .leftJoin('spaces', 'spaces.id', 'components.space_id')
    .leftJoin('proposals', 'proposals.id', 'pledge_links.proposal_id')
    .select(['pledge_links.id', 'pledge_links.pledge_id', 'pledge_links.kind', 'pledge_links.path', 'pledge_links.title', 'pledge_links.day', 'pledge_links.created_at',
      'pledge_links.component_id', 'pledge_links.proposal_id', 'components.title_ko as component_title', 'spaces.title_ko as space_title', 'proposals.title as proposal_title'])
    .where('pledge_links.pledge_id', 'in', pledges.map((x) => x.id)).orderBy('pledge_links.id').execute();
  const live = rows.filter((r) => r.component_id !== null || r.proposal_id !== null).map((r) => r.id);
  const stats = new Map<number, LiveRow>();
  const ids = new Map<number, number[]>();
  if (live.length) {
    // The linked proposals, then everyone who acted on them. Two joins (by proposal, by component) rather than one
    // join on an OR, so each uses its index.
    const linked = sql`
      select l.id as link_id, p.id, p.author_id, p.created_at from pledge_links l join proposals p on p.id = l.proposal_id
        where l.id in (${sql.join(live)}) and p.stage not in (${sql.join(NOT_PUBLIC)})
      union all
      select l.id, p.id, p.author_id, p.created_at from pledge_links l join proposals p on p.component_id = l.component_id
        where l.id in (${sql.join(live)}) and p.stage not in (${sql.join(NOT_PUBLIC)})`;
    const r = await sql<LiveRow & { proposal_ids: number[] | null }>`
      with lp as (${linked}),
      cm as (select lp.link_id, c.author_id, c.created_at from lp join comments c on c.target_type = ${PROPOSAL} and c.target_id = lp.id and not c.hidden),
      who as (
        select lp.link_id, pe.person_key as k, lp.created_at as at from lp join persons pe on pe.id = lp.author_id
        union all select cm.link_id, pe.person_key, cm.created_at from cm join persons pe on pe.id = cm.author_id
        union all select lp.link_id, a.person_key, a.created_at from lp join acts a on a.kind = 'support' and a.target_type = ${PROPOSAL} and a.target_id = lp.id
      )
      select lp.link_id, count(*)::int as activities, array_agg(lp.id) as proposal_ids,
        (select count(*)::int from cm where cm.link_id = lp.link_id) as comments,
        (select count(distinct k)::int from who where who.link_id = lp.link_id) as participants,
        (select min(at) from who where who.link_id = lp.link_id) as first_at,
        (select max(at) from who where who.link_id = lp.link_id) as last_at
      from lp group by lp.link_id`.execute(db);
    for (const x of r.rows) { stats.set(x.link_id, x); ids.set(x.link_id, x.proposal_ids ?? []); }
  }
  const supports = await talliesOf(db, 'support', PROPOSAL, [...new Set([...ids.values()].flat())]);
  const day = (d: Date | string | null) => (d === null ? undefined : seoulDateOf(new Date(d)));
  return rows.map((r): LinkedActivity => {
    const base = { id: String(r.id), pledgeId: code.get(r.pledge_id)!, kind: r.kind, url: r.path };
    if (r.component_id === null && r.proposal_id === null) return { ...base, title: r.title ?? r.path, date: r.day ?? day(r.created_at)! };
    const st = stats.get(r.id);
    return {
      ...base,
      title: r.proposal_title ?? `${r.space_title} · ${r.component_title}`,
      date: day(st?.first_at ?? null) ?? day(r.created_at)!,
      lastDate: day(st?.last_at ?? null),
      live: true,
      activities: st?.activities ?? 0,
      participants: st?.participants ?? 0,
      comments: st?.comments ?? 0,
      supports: (ids.get(r.id) ?? []).reduce((n, pid) => n + (supports.get(pid) ?? 0), 0),
    };
  });
}

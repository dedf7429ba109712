// Madang activity linked to a pledge (구민소통 관리카드, issue 7 item 7): an official links a component (a proposal
// board, a debate, a survey) or one proposal, and from then on the card counts what happens there by itself. The
// counts come from the module that owns the linked path, through its manifest's `participation` (what is public
// and what counts is that module's rule); nothing is copied and no other module's table is read here.
import type { Database } from '../../platform/db.ts';
import { participationOf } from '../../platform/participation.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import { seoulDateOf } from '../../rules/index.ts';
import type { LinkedActivity } from './domain/index.ts';

const PROPOSAL = 'proposal';

/** What a link points at, resolved from a Madang address or a component id. */
export type LinkTarget =
  | { kind: 'component'; componentId: number; type: string; boardKind: string | null; path: string; title: string }
  | { kind: 'proposal'; proposalId: number; path: string; title: string };

/** Components that hold participation (everything but the pledge tracker itself), for the link form. */
export async function linkableComponents(db: Database) {
  return db
    .selectFrom('components')
    .innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select([
      'components.id',
      'components.type',
      'components.slug',
      'components.title_ko',
      'components.title_en',
      'components.settings',
      'spaces.slug as space_slug',
      'spaces.title_ko as space_ko',
      'spaces.title_en as space_en',
    ])
    .where('components.type', '<>', 'pledges')
    .orderBy('spaces.id')
    .orderBy('components.position')
    .execute();
}

type ComponentRow = Awaited<ReturnType<typeof linkableComponents>>[number];
const componentTarget = (c: ComponentRow): LinkTarget => ({
  kind: 'component',
  componentId: c.id,
  type: c.type,
  boardKind:
    typeof (c.settings as { kind?: unknown })?.kind === 'string' ? (c.settings as { kind: string }).kind : null,
  path: `/s/${c.space_slug}/${c.slug}`,
  title: `${c.space_ko} · ${c.title_ko}`,
});

/** `c:<id>` from the form's list, or an address `/s/<space>/<component>` or `/proposals/<id>`; undefined when unknown. */
export async function resolveLinkTarget(
  db: Database,
  v: { component?: string; path?: string },
): Promise<LinkTarget | undefined> {
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
    // A public proposal answers with its title; one that is not public (or does not exist) does not.
    const p = await participationOf(db, `/proposals/${Number(one[1])}`);
    return p?.title !== undefined
      ? { kind: 'proposal', proposalId: Number(one[1]), path: `/proposals/${Number(one[1])}`, title: p.title }
      : undefined;
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

export async function addLink(
  db: Database,
  v: { pledgeId: number; pledgeCode: string; target: LinkTarget; kind: string; createdBy: number; actor: AuditActor },
): Promise<number> {
  const t = v.target;
  const { id } = await db
    .insertInto('pledge_links')
    .values({
      pledge_id: v.pledgeId,
      kind: v.kind,
      path: t.path,
      title: null,
      day: null,
      created_by: v.createdBy,
      component_id: t.kind === 'component' ? t.componentId : null,
      proposal_id: t.kind === 'proposal' ? t.proposalId : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor: v.actor,
    action: 'pledge.link.add',
    targetType: 'pledge-link',
    targetId: id,
    after: { pledge: v.pledgeCode, kind: v.kind, path: t.path, title: t.title },
  });
  return id;
}

export async function removeLink(
  db: Database,
  v: { pledgeId: number; linkId: number; reason: string | null; actor: AuditActor },
): Promise<boolean> {
  const row = await db
    .deleteFrom('pledge_links')
    .where('id', '=', v.linkId)
    .where('pledge_id', '=', v.pledgeId)
    .returningAll()
    .executeTakeFirst();
  if (row)
    await recordAudit(db, {
      actor: v.actor,
      action: 'pledge.link.remove',
      targetType: 'pledge-link',
      targetId: v.linkId,
      reason: v.reason,
      before: { kind: row.kind, path: row.path },
    });
  return !!row;
}

/**
 * Every link of these pledges with its live counts, from the owning module (participationOf): activities (its public
 * items: proposals on the board, or the one proposal), participants, supports, comments, and the first and last day
 * anything happened there.
 */
export async function linkedOf(db: Database, pledges: { id: number; code: string }[]): Promise<LinkedActivity[]> {
  if (!pledges.length) return [];
  const code = new Map(pledges.map((x) => [x.id, x.code]));
  const rows = await db
    .selectFrom('pledge_links')
    .leftJoin('components', 'components.id', 'pledge_links.component_id')
    .leftJoin('spaces', 'spaces.id', 'components.space_id')
    .select([
      'pledge_links.id',
      'pledge_links.pledge_id',
      'pledge_links.kind',
      'pledge_links.path',
      'pledge_links.title',
      'pledge_links.day',
      'pledge_links.created_at',
      'pledge_links.component_id',
      'pledge_links.proposal_id',
      'components.title_ko as component_title',
      'spaces.title_ko as space_title',
    ])
    .where(
      'pledge_links.pledge_id',
      'in',
      pledges.map((x) => x.id),
    )
    .orderBy('pledge_links.id')
    .execute();
  const day = (d: Date | string | null | undefined) =>
    d === null || d === undefined ? undefined : seoulDateOf(new Date(d));
  return Promise.all(
    rows.map(async (r): Promise<LinkedActivity> => {
      const base = { id: String(r.id), pledgeId: code.get(r.pledge_id)!, kind: r.kind, url: r.path };
      if (r.component_id === null && r.proposal_id === null)
        return { ...base, title: r.title ?? r.path, date: r.day ?? day(r.created_at)! };
      const st = await participationOf(db, r.path);
      return {
        ...base,
        title: st?.title ?? (r.component_id !== null ? `${r.space_title} · ${r.component_title}` : r.path),
        date: day(st?.first) ?? day(r.created_at)!,
        lastDate: day(st?.last),
        live: true,
        activities: st?.items ?? 0,
        participants: st?.participants ?? 0,
        comments: st?.comments ?? 0,
        supports: st?.acts ?? 0,
      };
    }),
  );
}

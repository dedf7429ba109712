// The pledges module's SQL: the vision → field → pledge tree with each pledge's card parts, read back into the
// domain model (domain/model.ts) and written from it. Every write runs in the caller's transaction and is audited.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { inTransaction, type Database } from '../../platform/db.ts';
import { recordAudit, type AuditActor } from '../../platform/audit.ts';
import {
  checkReimport,
  mergeChangeHistory,
  Pledge,
  type CommunicationEntry,
  type Field,
  type ImportError,
  type PledgeImport,
  type Vision,
} from './domain/index.ts';

const TARGET = 'pledge';

export interface StoredPledge {
  id: number;
  code: string;
  layout: string;
  updatedAt: Date;
  pledge: Pledge;
}

const j = (v: unknown) => JSON.stringify(v ?? []);
const u = <T>(v: T | null): T | undefined => (v === null ? undefined : v);

type PledgeRow = Awaited<ReturnType<typeof pledgeRows>>[number];
function pledgeRows(db: Database, ids?: number[]) {
  let q = db.selectFrom('pledges').selectAll();
  if (ids) q = q.where('id', 'in', ids.length ? ids : [0]);
  return q.orderBy('code').execute();
}

async function assemble(db: Database, rows: PledgeRow[]): Promise<StoredPledge[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [periods, entries, officials, changes] = await Promise.all([
    db
      .selectFrom('pledge_budget_periods')
      .selectAll()
      .where('pledge_id', 'in', ids)
      .orderBy('pledge_id')
      .orderBy('ord')
      .execute(),
    db.selectFrom('pledge_budget_entries').selectAll().where('pledge_id', 'in', ids).execute(),
    db
      .selectFrom('pledge_officials')
      .selectAll()
      .where('pledge_id', 'in', ids)
      .orderBy('pledge_id')
      .orderBy('ord')
      .execute(),
    db
      .selectFrom('pledge_changes')
      .selectAll()
      .where('pledge_id', 'in', ids)
      .orderBy('pledge_id')
      .orderBy('ord')
      .execute(),
  ]);
  return rows.map((r) => {
    const mine = <T extends { pledge_id: number }>(xs: T[]) => xs.filter((x) => x.pledge_id === r.id);
    const myPeriods = mine(periods);
    // Entries in period order, then source order as stored.
    const myEntries = myPeriods.flatMap((p) => mine(entries).filter((e) => e.period_key === p.key));
    const pledge = Pledge.parse({
      id: r.code,
      visionId: u(r.vision_id),
      fieldId: u(r.field_id),
      title: r.title,
      category: u(r.category),
      note: u(r.note),
      leadDepartment: u(r.lead_department),
      status: r.status,
      progressPercent: Number(r.progress_percent),
      type: u(r.type),
      funding: u(r.funding),
      term: u(r.term),
      targetDate: u(r.target_date),
      owner: u(r.owner),
      period: u(r.period),
      target: u(r.target),
      requiredBudget: r.required_budget === null ? undefined : Number(r.required_budget),
      requiredBudgetNote: u(r.required_budget_note),
      asOf: u(r.as_of),
      reportFrom: u(r.report_from),
      publishedAt: u(r.published_at),
      goals: r.goals,
      content: r.content,
      unitProjects: r.unit_projects,
      indicatorTables: r.indicator_tables,
      progress: r.progress,
      suggestions: r.suggestions,
      problems: r.problems,
      achievements: r.achievements,
      plans: r.plans,
      budget: {
        periods: myPeriods.map((p) => ({
          key: p.key,
          label: p.label,
          prior: p.prior,
          start: u(p.start_date),
          end: u(p.end_date),
          basis: u(p.basis),
        })),
        entries: myEntries.map((e) => ({
          source: e.source,
          periodKey: e.period_key,
          secured: e.secured === null ? undefined : Number(e.secured),
          executed: e.executed === null ? undefined : Number(e.executed),
          planned: e.planned === null ? undefined : Number(e.planned),
        })),
      },
      officials: mine(officials).map((o) => ({
        role: o.role,
        department: o.department,
        position: o.position,
        name: o.name,
        phone: o.phone,
      })),
      changes: mine(changes).map((c) => ({
        date: c.day,
        item: c.item,
        before: c.before,
        after: c.after,
        reason: c.reason,
        requestId: u(c.request_id),
      })),
    });
    return { id: r.id, code: r.code, layout: r.layout, updatedAt: new Date(r.updated_at), pledge };
  });
}

export async function allPledges(db: Database): Promise<StoredPledge[]> {
  return assemble(db, await pledgeRows(db));
}

export async function getPledge(db: Database, id: number): Promise<StoredPledge | undefined> {
  return (await assemble(db, await pledgeRows(db, [id])))[0];
}

export async function pledgeIdByCode(db: Database, code: string): Promise<number | undefined> {
  return (await db.selectFrom('pledges').select('id').where('code', '=', code).executeTakeFirst())?.id;
}

/** Vision and field names by id (the ids are the import's, unique across both). */
export const namesOf = (vf: { visions: Vision[]; fields: Field[] }) =>
  new Map<string, string>([...vf.visions, ...vf.fields].map((x) => [x.id, x.name]));

export async function visionsAndFields(db: Database): Promise<{ visions: Vision[]; fields: Field[] }> {
  const [v, f] = await Promise.all([
    db.selectFrom('pledge_visions').selectAll().orderBy('ord').orderBy('id').execute(),
    db.selectFrom('pledge_fields').selectAll().orderBy('ord').orderBy('id').execute(),
  ]);
  return {
    visions: v.map((x) => ({ id: x.id, name: x.name, order: x.ord })),
    fields: f.map((x) => ({ id: x.id, visionId: x.vision_id, name: x.name, order: x.ord })),
  };
}

function columns(p: Pledge, layout: string) {
  return {
    code: p.id,
    vision_id: p.visionId ?? null,
    field_id: p.fieldId ?? null,
    title: p.title,
    category: p.category ?? null,
    note: p.note ?? null,
    lead_department: p.leadDepartment ?? null,
    status: p.status,
    progress_percent: p.progressPercent,
    type: p.type ?? null,
    funding: p.funding ?? null,
    term: p.term ?? null,
    target_date: p.targetDate ?? null,
    owner: p.owner ?? null,
    period: p.period ?? null,
    target: p.target ?? null,
    required_budget: p.requiredBudget ?? null,
    required_budget_note: p.requiredBudgetNote ?? null,
    as_of: p.asOf ?? null,
    report_from: p.reportFrom ?? null,
    published_at: p.publishedAt ?? null,
    layout,
    goals: j(p.goals),
    content: j(p.content),
    unit_projects: j(p.unitProjects),
    indicator_tables: j(p.indicatorTables),
    progress: j(p.progress),
    suggestions: j(p.suggestions),
    problems: j(p.problems),
    achievements: j(p.achievements),
    plans: j(p.plans),
  };
}

async function writeParts(db: Database, id: number, p: Pledge): Promise<void> {
  await db.deleteFrom('pledge_budget_entries').where('pledge_id', '=', id).execute();
  await db.deleteFrom('pledge_budget_periods').where('pledge_id', '=', id).execute();
  await db.deleteFrom('pledge_officials').where('pledge_id', '=', id).execute();
  await db.deleteFrom('pledge_changes').where('pledge_id', '=', id).execute();
  if (p.budget.periods.length) {
    await db
      .insertInto('pledge_budget_periods')
      .values(
        p.budget.periods.map((x, i) => ({
          pledge_id: id,
          key: x.key,
          label: x.label,
          prior: x.prior,
          start_date: x.start ?? null,
          end_date: x.end ?? null,
          basis: x.basis ?? null,
          ord: i,
        })),
      )
      .execute();
  }
  if (p.budget.entries.length) {
    await db
      .insertInto('pledge_budget_entries')
      .values(
        p.budget.entries.map((e) => ({
          pledge_id: id,
          period_key: e.periodKey,
          source: e.source,
          secured: e.secured ?? null,
          executed: e.executed ?? null,
          planned: e.planned ?? null,
        })),
      )
      .execute();
  }
  if (p.officials.length) {
    await db
      .insertInto('pledge_officials')
      .values(
        p.officials.map((o, i) => ({
          pledge_id: id,
          ord: i,
          role: o.role,
          department: o.department,
          position: o.position,
          name: o.name,
          phone: o.phone,
        })),
      )
      .execute();
  }
  if (p.changes.length) {
    await db
      .insertInto('pledge_changes')
      .values(
        p.changes.map((c, i) => ({
          pledge_id: id,
          ord: i,
          day: c.date,
          item: c.item,
          before: c.before,
          after: c.after,
          reason: c.reason,
          request_id: c.requestId ?? null,
        })),
      )
      .execute();
  }
}

/**
 * Writes one pledge (insert, or replace the pledge with the same 공약번호 keeping its id, so comments and scores stay
 * attached) and records it with before and after. Runs in the caller's transaction.
 */
export async function savePledge(
  db: Database,
  p: Pledge,
  o: { layout: string; actor: AuditActor; action: string; reason?: string | null },
): Promise<number> {
  const existing = await db.selectFrom('pledges').select('id').where('code', '=', p.id).executeTakeFirst();
  const before = existing ? ((await getPledge(db, existing.id))?.pledge ?? null) : null;
  let id: number;
  if (existing) {
    id = existing.id;
    await db
      .updateTable('pledges')
      .set({ ...columns(p, o.layout), updated_at: sql`now()` as never })
      .where('id', '=', id)
      .execute();
  } else {
    id = (await db.insertInto('pledges').values(columns(p, o.layout)).returning('id').executeTakeFirstOrThrow()).id;
  }
  await writeParts(db, id, p);
  await recordAudit(db, {
    actor: o.actor,
    action: o.action,
    targetType: TARGET,
    targetId: id,
    reason: o.reason ?? null,
    before,
    after: p,
  });
  return id;
}

/** Locks a pledge's row until the caller's transaction ends and reads it, so a read-modify-write loses no update. */
export async function lockPledge(db: Database, id: number): Promise<StoredPledge | undefined> {
  const row = await db.selectFrom('pledges').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  return row ? getPledge(db, row.id) : undefined;
}

export type ImportSaveResult = { ok: true; ids: number[] } | { ok: false; errors: ImportError[] };

/**
 * An import: visions and fields (upserted by id), then every pledge; all or nothing, in one transaction. A pledge
 * already stored is locked and checked first (checkReimport: a published pledge's governed fields and 공개일 are
 * not the import's to change); any refusal → nothing is written. Its change history is never dropped.
 */
export async function saveImport(
  db: Database,
  imp: PledgeImport,
  o: { layout: string; actor: AuditActor; source: string },
): Promise<ImportSaveResult> {
  const run = async (trx: Database): Promise<ImportSaveResult> => {
    const errors: ImportError[] = [];
    const stored = new Map<string, Pledge>();
    for (const p of imp.pledges) {
      const id = await pledgeIdByCode(trx, p.id);
      const old = id ? (await lockPledge(trx, id))?.pledge : undefined;
      if (!old) continue;
      stored.set(p.id, old);
      const ok = checkReimport(old, p);
      if (!ok.ok) {
        errors.push({
          sheet: '공약',
          row: imp.rows?.[p.id] ?? 0,
          column: '공약번호',
          columnEn: 'pledge id',
          message: {
            ko: `공약 ${p.id}: ${ok.reason.ko} (/pledges/${id}/changes)`,
            en: `pledge ${p.id}: ${ok.reason.en} (/pledges/${id}/changes)`,
          },
        });
      }
    }
    if (errors.length) return { ok: false, errors };
    for (const v of imp.visions) {
      await trx
        .insertInto('pledge_visions')
        .values({ id: v.id, name: v.name, ord: v.order })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: v.name }))
        .execute();
    }
    for (const f of imp.fields) {
      await trx
        .insertInto('pledge_fields')
        .values({ id: f.id, vision_id: f.visionId, name: f.name, ord: f.order })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name: f.name, vision_id: f.visionId }))
        .execute();
    }
    const ids: number[] = [];
    for (const p of imp.pledges) {
      const old = stored.get(p.id);
      const next = old ? { ...p, changes: mergeChangeHistory(old.changes, p.changes) } : p;
      ids.push(
        await savePledge(trx, next, { layout: o.layout, actor: o.actor, action: 'pledge.import', reason: o.source }),
      );
    }
    return { ok: true, ids };
  };
  return inTransaction(db, run);
}

// ---- comments (the platform's comments table, target_type 'pledge') -------------------------------------------

export async function commentsOf(db: Database, pledgeId: number) {
  return db
    .selectFrom('comments')
    .innerJoin('persons', 'persons.id', 'comments.author_id')
    .select(['comments.id', 'comments.body', 'comments.created_at', 'persons.display_name as author'])
    .where('target_type', '=', TARGET)
    .where('target_id', '=', pledgeId)
    .where('hidden', '=', false)
    .orderBy('comments.id')
    .execute();
}

export async function addComment(db: Database, v: { pledgeId: number; authorId: number; body: string }) {
  return db
    .insertInto('comments')
    .values({
      target_type: TARGET,
      target_id: v.pledgeId,
      author_id: v.authorId,
      parent_id: null,
      stance: null,
      body: v.body,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

// ---- 구민소통 관리카드 entries -----------------------------------------------------------------------------------

const photoSrc = (id: number) => `/pledges/photos/${id}`;

/** The communication-card entries of these pledges (by row id and 공약번호), with their uploaded photos. */
export async function communicationsOf(
  db: Database,
  pledges: { id: number; code: string }[],
): Promise<CommunicationEntry[]> {
  if (!pledges.length) return [];
  const code = new Map(pledges.map((x) => [x.id, x.code]));
  const rows = await db
    .selectFrom('pledge_communications')
    .selectAll()
    .where(
      'pledge_id',
      'in',
      pledges.map((x) => x.id),
    )
    .orderBy('day')
    .orderBy('id')
    .execute();
  // The bytes stay in the database; the card needs only the address and the description.
  const photos = rows.length
    ? await db
        .selectFrom('pledge_photos')
        .select(['id', 'communication_id', 'alt'])
        .where(
          'communication_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('communication_id')
        .orderBy('ord')
        .orderBy('id')
        .execute()
    : [];
  return rows.map((r) => ({
    id: String(r.id),
    pledgeId: code.get(r.pledge_id)!,
    type: r.type,
    date: r.day,
    time: r.time ?? undefined,
    place: r.place ?? undefined,
    audience: r.audience ?? undefined,
    title: r.title ?? undefined,
    content: r.content ?? undefined,
    mediaName: r.media_name ?? undefined,
    photos: [
      ...((r.photos ?? []) as CommunicationEntry['photos']),
      ...photos.filter((ph) => ph.communication_id === r.id).map((ph) => ({ src: photoSrc(ph.id), alt: ph.alt })),
    ],
  }));
}

export interface NewPhoto {
  bytes: Uint8Array;
  type: 'image/jpeg' | 'image/png' | 'image/webp';
  alt: string;
}

/** Stores the photos of one entry (in the caller's transaction), with a SHA-256 for the cache validator. */
export async function addPhotos(
  db: Database,
  communicationId: number,
  photos: NewPhoto[],
  createdBy: number | null,
): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, ph] of photos.entries()) {
    const row = await db
      .insertInto('pledge_photos')
      .values({
        communication_id: communicationId,
        ord: i,
        content_type: ph.type,
        bytes: ph.bytes,
        size: ph.bytes.length,
        sha256: createHash('sha256').update(ph.bytes).digest('hex'),
        alt: ph.alt,
        created_by: createdBy,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(row.id);
  }
  return ids;
}

export function photoById(db: Database, id: number) {
  return db
    .selectFrom('pledge_photos')
    .select(['content_type', 'bytes', 'size', 'sha256'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Records one communication-card entry of a pledge (by its row id), on the record. Runs in the caller's transaction. */
export async function addCommunication(
  db: Database,
  v: {
    pledgeId: number;
    entry: CommunicationEntry;
    createdBy: number | null;
    actor: AuditActor;
    photos?: { alt: string; type: string; size: number }[];
  },
): Promise<number> {
  const e = v.entry;
  const { id } = await db
    .insertInto('pledge_communications')
    .values({
      pledge_id: v.pledgeId,
      type: e.type,
      day: e.date,
      time: e.time ?? null,
      place: e.place ?? null,
      audience: e.audience ?? null,
      title: e.title ?? null,
      content: e.content ?? null,
      media_name: e.mediaName ?? null,
      photos: JSON.stringify(e.photos),
      created_by: v.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    actor: v.actor,
    action: 'pledge.communication.add',
    targetType: 'pledge-communication',
    targetId: id,
    after: { ...e, photos: [...e.photos, ...(v.photos ?? [])] },
  });
  return id;
}

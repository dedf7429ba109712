// The record: an append-only, hash-chained audit log. Each entry's hash covers the previous hash, so removing or
// editing any entry breaks every link after it, and `madang audit-verify` finds the first broken one.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './db.ts';

export interface AuditActor {
  id: number | null;
  label: string;
}
export const SYSTEM: AuditActor = { id: null, label: 'system' };

export interface AuditEntry {
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string | number;
  reason?: string | null;
  before?: unknown;
  after?: unknown;
}

const GENESIS = '0'.repeat(64);
const LOCK = 72_420_002;

/** JSON with sorted keys, so the hash does not depend on how jsonb happens to order an object. */
function stableJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Plain JSON data: what jsonb will give back (dates become strings, undefined vanishes). */
const plain = (v: unknown) => (v === undefined ? null : JSON.parse(JSON.stringify(v)));

function entryHash(
  prevHash: string,
  row: {
    at: string;
    actor_id: number | null;
    actor_label: string;
    action: string;
    target_type: string;
    target_id: string;
    reason: string | null;
    before: unknown;
    after: unknown;
  },
): string {
  const body = stableJson([
    prevHash,
    row.at,
    row.actor_id,
    row.actor_label,
    row.action,
    row.target_type,
    row.target_id,
    row.reason,
    row.before,
    row.after,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

/** Appends one entry. Runs inside the caller's transaction when given one, so the act and its record commit together. */
export async function recordAudit(db: Database, e: AuditEntry): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => recordAudit(trx, e));
  await sql`select pg_advisory_xact_lock(${LOCK})`.execute(db);
  const last = await db.selectFrom('audit_log').select('hash').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS;
  const row = {
    at: new Date().toISOString(),
    actor_id: e.actor.id,
    actor_label: e.actor.label,
    action: e.action,
    target_type: e.targetType,
    target_id: String(e.targetId),
    reason: e.reason ?? null,
    before: plain(e.before),
    after: plain(e.after),
  };
  const hash = entryHash(prev, row);
  await db
    .insertInto('audit_log')
    .values({
      ...row,
      before: row.before === null ? null : JSON.stringify(row.before),
      after: row.after === null ? null : JSON.stringify(row.after),
      prev_hash: prev,
      hash,
    })
    .execute();
}

export type VerifyResult = { ok: true; count: number } | { ok: false; count: number; seq: number; problem: string };

/** Walks the chain in order, in pages, and reports the first entry whose link or content does not match. */
export async function verifyAudit(db: Database): Promise<VerifyResult> {
  let prev = GENESIS,
    after = 0,
    count = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    if (rows.length === 0) return { ok: true, count };
    for (const r of rows) {
      if (r.prev_hash !== prev)
        return {
          ok: false,
          count,
          seq: r.seq,
          problem: 'prev_hash does not match the previous entry (an entry was removed or reordered)',
        };
      const expect = entryHash(prev, {
        at: new Date(r.at).toISOString(),
        actor_id: r.actor_id,
        actor_label: r.actor_label,
        action: r.action,
        target_type: r.target_type,
        target_id: r.target_id,
        reason: r.reason,
        before: r.before,
        after: r.after,
      });
      if (expect !== r.hash)
        return { ok: false, count, seq: r.seq, problem: 'content does not match its hash (the entry was altered)' };
      prev = r.hash;
      after = r.seq;
      count++;
    }
  }
}

// Countable acts (공감, 동의/서명, 투표, 투표지): one stored row per (kind, target, person key), enforced by a unique
// constraint; the tally moves in the same transaction and can always be recomputed from the acts.
import { sql } from 'kysely';
import type { Database } from './db.ts';
import type { Bus } from './bus.ts';

export type ActKind = 'support' | 'signature' | 'vote' | 'ballot';
export interface ActTarget { kind: ActKind; targetType: string; targetId: number }

/**
 * A hot petition gets thousands of supports a second; one tally row would make every writer wait on its row
 * lock. Spreading the count over SHARDS rows (chosen by the person key) lets writers proceed in parallel, and the
 * count is their sum.
 */
export const SHARDS = 16;
const shardOf = (personKey: string) => parseInt(personKey.slice(0, 4), 16) % SHARDS;

export type CastResult = { status: 'counted' | 'duplicate'; count: number };

/**
 * One statement, one round trip: the act is inserted unless it exists, the tally shard moves only if it was, and
 * the count comes back. A single statement is atomic, so there is no window between act and tally; the count adds
 * this statement's own increment because a statement does not see its own writes.
 */
export async function castAct(db: Database, t: ActTarget & { personKey: string; payload?: unknown }, bus?: Bus): Promise<CastResult> {
  const payload = t.payload === undefined ? null : JSON.stringify(t.payload);
  const r = await sql<{ inserted: number; count: number }>`
    with ins as (
      insert into acts (kind, target_type, target_id, person_key, payload)
      values (${t.kind}, ${t.targetType}, ${t.targetId}, ${t.personKey}, ${payload}::jsonb)
      on conflict (kind, target_type, target_id, person_key) do nothing
      returning 1
    ), bump as (
      insert into tallies (kind, target_type, target_id, shard, n)
      select ${t.kind}, ${t.targetType}, ${t.targetId}, ${shardOf(t.personKey)}, 1 from ins
      on conflict (kind, target_type, target_id, shard) do update set n = tallies.n + 1
      returning 1
    )
    select (select count(*) from ins)::int as inserted,
           ((select coalesce(sum(n), 0) from tallies where kind = ${t.kind} and target_type = ${t.targetType} and target_id = ${t.targetId})
             + (select count(*) from bump))::int as count`.execute(db);
  const row = r.rows[0];
  const result: CastResult = { status: row.inserted ? 'counted' : 'duplicate', count: row.count };
  if (result.status === 'counted' && bus && !db.isTransaction) await bus.publish(channelOf(t), { count: result.count }).catch(() => {});
  return result;
}

export const channelOf = (t: ActTarget) => `tally:${t.kind}:${t.targetType}:${t.targetId}`;

export async function tallyOf(db: Database, t: ActTarget): Promise<number> {
  const r = await db.selectFrom('tallies').select(sql<number>`coalesce(sum(n), 0)::int`.as('n'))
    .where('kind', '=', t.kind).where('target_type', '=', t.targetType).where('target_id', '=', t.targetId)
    .executeTakeFirst();
  return r?.n ?? 0;
}

/** Tallies for many targets at once (a list page), 0 for targets nobody acted on. */
export async function talliesOf(db: Database, kind: ActKind, targetType: string, ids: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('tallies').select(['target_id', sql<number>`sum(n)::int`.as('n')])
    .where('kind', '=', kind).where('target_type', '=', targetType).where('target_id', 'in', ids)
    .groupBy('target_id').execute();
  for (const r of rows) out.set(r.target_id, r.n);
  return out;
}

export async function hasActed(db: Database, t: ActTarget, personKey: string): Promise<boolean> {
  const r = await db.selectFrom('acts').select('id').where('kind', '=', t.kind).where('target_type', '=', t.targetType)
    .where('target_id', '=', t.targetId).where('person_key', '=', personKey).executeTakeFirst();
  return !!r;
}

export interface TallyDifference { kind: string; targetType: string; targetId: number; stored: number; recounted: number }

/** Recomputes every tally from the stored acts; with fix, rewrites the tallies that differ. */
export async function recount(db: Database, opts: { fix?: boolean } = {}): Promise<TallyDifference[]> {
  const rows = await sql<{ kind: string; target_type: string; target_id: number; stored: number; recounted: number }>`
    with a as (select kind, target_type, target_id, count(*)::int as n from acts group by 1, 2, 3),
         t as (select kind, target_type, target_id, sum(n)::int as n from tallies group by 1, 2, 3)
    select coalesce(a.kind, t.kind) as kind, coalesce(a.target_type, t.target_type) as target_type,
           coalesce(a.target_id, t.target_id) as target_id, coalesce(t.n, 0) as stored, coalesce(a.n, 0) as recounted
    from a full outer join t on a.kind = t.kind and a.target_type = t.target_type and a.target_id = t.target_id
    where coalesce(t.n, 0) <> coalesce(a.n, 0)
    order by 1, 2, 3`.execute(db);
  const diffs = rows.rows.map((r) => ({ kind: r.kind, targetType: r.target_type, targetId: r.target_id, stored: r.stored, recounted: r.recounted }));
  if (opts.fix && diffs.length) {
    await db.transaction().execute(async (trx) => {
      for (const d of diffs) {
        await trx.deleteFrom('tallies').where('kind', '=', d.kind).where('target_type', '=', d.targetType).where('target_id', '=', d.targetId).execute();
        if (d.recounted > 0) await trx.insertInto('tallies').values({ kind: d.kind, target_type: d.targetType, target_id: d.targetId, shard: 0, n: d.recounted }).execute();
      }
    });
  }
  return diffs;
}

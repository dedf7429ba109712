// Countable acts (공감, 동의/서명, 투표, 투표지): one stored row per (kind, target, person key), enforced by a unique
// constraint; the tally moves in the same transaction and can always be recomputed from the acts.
import { sql } from 'kysely';
import type { Database } from './db.ts';
import type { Bus } from './bus.ts';
import { batcher, perHandle } from './batch.ts';

export type ActKind = 'support' | 'signature' | 'vote' | 'ballot';
export interface ActTarget {
  kind: ActKind;
  targetType: string;
  targetId: number;
}

/**
 * A hot petition gets thousands of supports a second; one tally row would make every writer wait on its row
 * lock. Spreading the count over SHARDS rows (chosen by the person key) lets writers proceed in parallel, and the
 * count is their sum.
 */
const SHARDS = 16;
const shardOf = (personKey: string) => parseInt(personKey.slice(0, 4), 16) % SHARDS;

export type CastResult = { status: 'counted' | 'duplicate'; count: number };
export type CastInput = ActTarget & { personKey: string; payload?: unknown };

/**
 * Casts an act: stored unless this person already acted on the target, the tally moved with it, and the count
 * after it returned. Concurrent casts on one database go together in one statement (see castMany); inside a
 * transaction the cast is its own statement, so it commits or rolls back with the caller's work.
 */
export async function castAct(db: Database, t: CastInput, bus?: Bus): Promise<CastResult> {
  const result = db.isTransaction ? (await castMany(db, [t]))[0] : await castBatched(db)(t);
  if (result.status === 'counted' && bus && !db.isTransaction) announce(db, bus, t, result.count);
  return result;
}

const castBatched = perHandle((db: Database) =>
  batcher((inputs: CastInput[]) => withDeadlockRetry(() => castMany(db, inputs))),
);

/**
 * Many casts in one statement, so there is no window between acts and tallies. The acts are inserted unless they
 * exist; each tally shard moves once by the number of acts inserted for it; each target's count is the tallies'
 * sum before the statement (a statement does not see its own writes) plus the acts it inserted. Rows are written
 * in key order, so two concurrent batches always take their locks in the same order and cannot deadlock each other.
 * A person twice in one batch is a duplicate the second time.
 */
export async function castMany(db: Database, inputs: CastInput[]): Promise<CastResult[]> {
  const keyOf = (t: CastInput) => `${t.kind}\u0000${t.targetType}\u0000${t.targetId}\u0000${t.personKey}`;
  const first = new Map<string, number>();
  const unique: number[] = [];
  inputs.forEach((t, i) => {
    const k = keyOf(t);
    if (!first.has(k)) {
      first.set(k, i);
      unique.push(i);
    }
  });
  const u = unique.map((i) => inputs[i]);
  const r = await sql<{ ord: number; counted: boolean; count: number }>`
    with input as (
      select * from unnest(${u.map((t) => t.kind)}::text[], ${u.map((t) => t.targetType)}::text[], ${u.map((t) => t.targetId)}::int[],
        ${u.map((t) => t.personKey)}::text[], ${u.map((t) => (t.payload === undefined ? null : JSON.stringify(t.payload)))}::text[],
        ${u.map((t) => shardOf(t.personKey))}::int[], ${u.map((_, i) => i)}::int[]) as u(kind, target_type, target_id, person_key, payload, shard, ord)
    ), ins as (
      insert into acts (kind, target_type, target_id, person_key, payload)
      select kind, target_type, target_id, person_key, payload::jsonb from input order by kind, target_type, target_id, person_key
      on conflict (kind, target_type, target_id, person_key) do nothing
      returning kind, target_type, target_id, person_key
    ), counted as (
      select input.* from input join ins using (kind, target_type, target_id, person_key)
    ), bump as (
      insert into tallies (kind, target_type, target_id, shard, n)
      select kind, target_type, target_id, shard, count(*) from counted group by 1, 2, 3, 4 order by 1, 2, 3, 4
      on conflict (kind, target_type, target_id, shard) do update set n = tallies.n + excluded.n
    ), targets as (
      select t.kind, t.target_type, t.target_id,
        (select coalesce(sum(n), 0) from tallies x where x.kind = t.kind and x.target_type = t.target_type and x.target_id = t.target_id)
          + (select count(*) from counted c where c.kind = t.kind and c.target_type = t.target_type and c.target_id = t.target_id) as count
      from (select distinct kind, target_type, target_id from input) t
    )
    select input.ord, exists (select 1 from counted c where c.ord = input.ord) as counted, targets.count::int as count
    from input join targets using (kind, target_type, target_id)`.execute(db);
  const byOrd = new Map(r.rows.map((row) => [row.ord, row]));
  const ordOf = new Map(unique.map((inputIndex, ord) => [inputIndex, ord]));
  const results = inputs.map((t, i): CastResult => {
    const k = first.get(keyOf(t))!;
    const row = byOrd.get(ordOf.get(k)!)!;
    return { status: row.counted && k === i ? 'counted' : 'duplicate', count: row.count };
  });
  // A duplicate whose first act was still being committed by another statement (a double click landing in two
  // batches) waited for it, but counted from before it: read its target's count again, now that it is committed.
  const stale = new Map<string, ActTarget>();
  inputs.forEach((t, i) => {
    if (results[i].status === 'duplicate') stale.set(`${t.kind}\u0000${t.targetType}\u0000${t.targetId}`, t);
  });
  for (const [k, t] of stale) {
    const fresh = await tallyOf(db, t);
    inputs.forEach((x, i) => {
      if (`${x.kind}\u0000${x.targetType}\u0000${x.targetId}` === k)
        results[i].count = Math.max(results[i].count, fresh);
    });
  }
  return results;
}

/** PostgreSQL may still pick a batch as a deadlock victim (against other writers of these rows): it is re-run. */
async function withDeadlockRetry<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries || (e as { code?: string }).code !== '40P01') throw e;
    }
  }
}

/**
 * Live counters need the latest count, not every step: a hot petition takes thousands of supports a second, and
 * each message is written to every open counter on every instance. The first count after a quiet spell is sent at
 * once; the supports that follow within LIVE_EVERY_MS are folded into one message, whose count is read afresh (two
 * batches running side by side each see the tally without the other's acts, so the highest count seen may be short).
 */
export const LIVE_EVERY_MS = 250;
const liveWindows = perHandle((_bus: Bus) => new Map<string, { more: boolean }>());
function announce(db: Database, bus: Bus, t: ActTarget, count: number): void {
  const windows = liveWindows(bus),
    channel = channelOf(t);
  const open = windows.get(channel);
  if (open) {
    open.more = true;
    return;
  }
  const w = { more: false };
  windows.set(channel, w);
  const send = (n: number) => {
    bus.publish(channel, { count: n }).catch(() => {});
    setTimeout(close, LIVE_EVERY_MS).unref();
  };
  const close = () => {
    if (!w.more) {
      windows.delete(channel);
      return;
    }
    w.more = false;
    tallyOf(db, t).then(send, () => windows.delete(channel));
  };
  send(count);
}

export const channelOf = (t: ActTarget) => `tally:${t.kind}:${t.targetType}:${t.targetId}`;

export async function tallyOf(db: Database, t: ActTarget): Promise<number> {
  const r = await db
    .selectFrom('tallies')
    .select(sql<number>`coalesce(sum(n), 0)::int`.as('n'))
    .where('kind', '=', t.kind)
    .where('target_type', '=', t.targetType)
    .where('target_id', '=', t.targetId)
    .executeTakeFirst();
  return r?.n ?? 0;
}

/** Tallies for many targets at once (a list page), 0 for targets nobody acted on. */
export async function talliesOf(
  db: Database,
  kind: ActKind,
  targetType: string,
  ids: number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>(ids.map((id) => [id, 0]));
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('tallies')
    .select(['target_id', sql<number>`sum(n)::int`.as('n')])
    .where('kind', '=', kind)
    .where('target_type', '=', targetType)
    .where('target_id', 'in', ids)
    .groupBy('target_id')
    .execute();
  for (const r of rows) out.set(r.target_id, r.n);
  return out;
}

export async function hasActed(db: Database, t: ActTarget, personKey: string): Promise<boolean> {
  const r = await db
    .selectFrom('acts')
    .select('id')
    .where('kind', '=', t.kind)
    .where('target_type', '=', t.targetType)
    .where('target_id', '=', t.targetId)
    .where('person_key', '=', personKey)
    .executeTakeFirst();
  return !!r;
}

export interface TallyDifference {
  kind: string;
  targetType: string;
  targetId: number;
  stored: number;
  recounted: number;
}

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
  const diffs = rows.rows.map((r) => ({
    kind: r.kind,
    targetType: r.target_type,
    targetId: r.target_id,
    stored: r.stored,
    recounted: r.recounted,
  }));
  if (opts.fix && diffs.length) {
    await db.transaction().execute(async (trx) => {
      for (const d of diffs) {
        await trx
          .deleteFrom('tallies')
          .where('kind', '=', d.kind)
          .where('target_type', '=', d.targetType)
          .where('target_id', '=', d.targetId)
          .execute();
        if (d.recounted > 0)
          await trx
            .insertInto('tallies')
            .values({ kind: d.kind, target_type: d.targetType, target_id: d.targetId, shard: 0, n: d.recounted })
            .execute();
      }
    });
  }
  return diffs;
}

// The store of one-time form tokens (migration 015): which create form has already created something, and where that
// is. A token is claimed in the transaction that creates the row, so the two commit together or not at all. The
// helper modules call is platform/http/once.ts.
import { sql } from 'kysely';
import type { Database } from './db.ts';
import { registerDaily } from './jobs.ts';

export interface Submission {
  personId: number | null;
  location: string;
}

/** A repeat is answered for this long; after that the token is forgotten (a form left open two days is stale anyway). */
const KEEP_DAYS = 2;

export async function submissionOf(db: Database, token: string): Promise<Submission | undefined> {
  const row = await db
    .selectFrom('form_submissions')
    .select(['person_id', 'location'])
    .where('token', '=', token)
    .executeTakeFirst();
  return row ? { personId: row.person_id, location: row.location } : undefined;
}

/**
 * Takes the token for this submission. False: another submission holds it. On a PostgreSQL server a concurrent
 * claim of the same token waits here until the first transaction ends (the unique key's lock): if it committed, this
 * one is a repeat; if it rolled back, this one goes ahead.
 */
export async function claimToken(trx: Database, token: string, personId: number | null): Promise<boolean> {
  const row = await trx
    .insertInto('form_submissions')
    .values({ token, person_id: personId })
    .onConflict((oc) => oc.column('token').doNothing())
    .returning('token')
    .executeTakeFirst();
  return !!row;
}

export async function recordLocation(trx: Database, token: string, location: string): Promise<void> {
  await trx.updateTable('form_submissions').set({ location }).where('token', '=', token).execute();
}

/** Drops tokens older than KEEP_DAYS before `now` (the clock is passed in: the daily job gives its day). */
export async function pruneSubmissions(db: Database, now: Date): Promise<number> {
  const before = new Date(now.getTime() - KEEP_DAYS * 86_400_000);
  const r = await db.deleteFrom('form_submissions').where('created_at', '<', before).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Runs in a savepoint of `trx`: store code that opens its own transaction joins the caller's instead. */
export async function inSavepoint<T>(trx: Database, name: string, fn: () => Promise<T>): Promise<T> {
  await sql.raw(`savepoint ${name}`).execute(trx);
  try {
    const out = await fn();
    await sql.raw(`release savepoint ${name}`).execute(trx);
    return out;
  } catch (e) {
    await sql.raw(`rollback to savepoint ${name}`).execute(trx);
    throw e;
  }
}

// The day's date at 00:00 in Seoul is the clock: rows from two days before that go.
registerDaily(
  'forms.prune',
  async ({ db, date }) => `${await pruneSubmissions(db, new Date(`${date}T00:00:00+09:00`))} form token(s) removed`,
  { at: '03:40' },
);

// Whole-database checks shared by the backup and upgrade tests.
import { sql } from 'kysely';
import type { Database } from '../src/platform/db.ts';

/** Rows per table, every table of the schema. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const tables = (
    await sql<{
      t: string;
    }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`.execute(
      db,
    )
  ).rows.map((r) => r.t);
  const out: Record<string, number> = {};
  for (const t of tables)
    out[t] = (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(db)).rows[0].n;
  return out;
}

/** A page's content without what differs per request (CSRF token, CSP nonce). */
/** A page without what changes on every render: CSRF and one-time form tokens, nonces. */
export const pageContent = (html: string) =>
  html.replace(/name="(_csrf|_ft)" value="[^"]*"/g, '').replace(/nonce="[^"]*"/g, '');

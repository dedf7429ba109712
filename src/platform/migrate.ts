// Plain, numbered, forward-only SQL migrations, run on start and by `madang migrate`.
// An advisory lock makes several app instances starting at once apply each migration exactly once. Each migration
// runs in a transaction of its own: a failing one leaves the database as it was before it (those before it stay
// applied) and the error names its file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './db.ts';

const DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK = 72_420_001;

/** The migrations of the given folders (default: the platform's), in version order. */
export function migrationFiles(dirs: string[] = [DIR]): { version: number; name: string; sql: string }[] {
  return dirs.flatMap((dir) => readdirSync(dir).filter((f) => /^\d{3}_.+\.sql$/.test(f))
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8') })))
    .sort((a, b) => a.version - b.version || a.name.localeCompare(b.name));
}

/** Splits a migration into statements (prepared statements take one each); `$$` bodies stay whole. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of text.split('\n')) {
    if (!inDollar && /^\s*--/.test(line)) continue;
    current += line + '\n';
    if ((line.match(/\$\$/g) ?? []).length % 2 === 1) inDollar = !inDollar;
    if (!inDollar && /;\s*$/.test(line)) { out.push(current.trim()); current = ''; }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export async function migrate(db: Database, o: { dirs?: string[] } = {}): Promise<string[]> {
  const applied: string[] = [];
  // One connection holds a session-level lock across the per-migration transactions (a transaction-level lock would
  // end with the first of them).
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(conn);
      const done = new Set((await sql<{ version: number }>`select version from schema_migrations`.execute(conn)).rows.map((r) => r.version));
      for (const m of migrationFiles(o.dirs)) {
        if (done.has(m.version)) continue;
        try {
          const ran = await conn.transaction().execute(async (trx) => {
            // Checked again inside: on PGlite a second migrate() of the same process shares the session, and with it
            // the advisory lock; its transactions are serialised, so this check is enough.
            if ((await sql`select 1 from schema_migrations where version = ${m.version}`.execute(trx)).rows.length) return false;
            for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(trx);
            await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(trx);
            return true;
          });
          if (!ran) continue;
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          throw new Error(`Migration ${m.name} failed and was rolled back (the database is as it was before it${applied.length ? `; applied before it: ${applied.join(', ')}` : ''}): ${why}`, { cause: e });
        }
        applied.push(m.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(${LOCK})`.execute(conn).catch(() => { /* a broken connection drops the lock anyway */ });
    }
  });
  return applied;
}

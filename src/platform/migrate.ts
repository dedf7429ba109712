// Plain, numbered, forward-only SQL migrations, run on start and by `madang migrate`: the platform's own
// (src/migrations) and each installed module's folder (its manifest's `migrations`), in one global order by number.
// A number is taken once across all folders (moving a file between folders keeps its number and name, so a database
// migrated before sees nothing new). An advisory lock makes several app instances starting at once apply each
// migration exactly once. Each migration runs in a transaction of its own: a failing one leaves the database as it
// was before it (those before it stay applied) and the error names its file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './db.ts';
import { moduleMigrationDirs } from './registry.ts';

const DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK = 72_420_001;

export function migrationFiles(
  dirs: (string | URL)[] = [DIR, ...moduleMigrationDirs()],
): { version: number; name: string; sql: string }[] {
  const files = dirs
    .flatMap((d) => {
      const dir = typeof d === 'string' ? d : fileURLToPath(d);
      return readdirSync(dir)
        .filter((f) => /^\d{3}_.+\.sql$/.test(f))
        .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(dir, f), 'utf8'), dir }));
    })
    .sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    if (files[i].version === files[i - 1].version) {
      throw new Error(
        `migration number ${files[i].version} is taken twice: ${files[i - 1].dir}/${files[i - 1].name} and ${files[i].dir}/${files[i].name}`,
      );
    }
  }
  return files.map(({ version, name, sql }) => ({ version, name, sql }));
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
    if (!inDollar && /;\s*$/.test(line)) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

export async function migrate(db: Database, o: { dirs?: (string | URL)[] } = {}): Promise<string[]> {
  const applied: string[] = [];
  // One connection holds a session-level lock across the per-migration transactions (a transaction-level lock would
  // end with the first of them).
  await db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${LOCK})`.execute(conn);
    try {
      await sql`create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(
        conn,
      );
      const done = new Set(
        (await sql<{ version: number }>`select version from schema_migrations`.execute(conn)).rows.map(
          (r) => r.version,
        ),
      );
      for (const m of migrationFiles(o.dirs)) {
        if (done.has(m.version)) continue;
        try {
          const ran = await conn.transaction().execute(async (trx) => {
            // Checked again inside: on PGlite a second migrate() of the same process shares the session, and with it
            // the advisory lock; its transactions are serialised, so this check is enough.
            if ((await sql`select 1 from schema_migrations where version = ${m.version}`.execute(trx)).rows.length)
              return false;
            for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(trx);
            await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(trx);
            return true;
          });
          if (!ran) continue;
        } catch (e) {
          const why = e instanceof Error ? e.message : String(e);
          throw new Error(
            `Migration ${m.name} failed and was rolled back (the database is as it was before it${applied.length ? `; applied before it: ${applied.join(', ')}` : ''}): ${why}`,
            { cause: e },
          );
        }
        applied.push(m.name);
      }
    } finally {
      await sql`select pg_advisory_unlock(${LOCK})`.execute(conn).catch(() => {
        /* a broken connection drops the lock anyway */
      });
    }
  });
  return applied;
}

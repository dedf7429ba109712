// Plain, numbered, forward-only SQL migrations, run on start and by `madang migrate`.
// An advisory lock makes several app instances starting at once apply each migration exactly once.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { Database } from './db.ts';

const DIR = fileURLToPath(new URL('../migrations/', import.meta.url));
const LOCK = 72_420_001;

export function migrationFiles(): { version: number; name: string; sql: string }[] {
  return readdirSync(DIR).filter((f) => /^\d{3}_.+\.sql$/.test(f)).sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f, sql: readFileSync(join(DIR, f), 'utf8') }));
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

export async function migrate(db: Database): Promise<string[]> {
  const applied: string[] = [];
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK})`.execute(trx);
    await sql`create table if not exists schema_migrations (version int primary key, name text not null, applied_at timestamptz not null default now())`.execute(trx);
    const done = new Set((await sql<{ version: number }>`select version from schema_migrations`.execute(trx)).rows.map((r) => r.version));
    for (const m of migrationFiles()) {
      if (done.has(m.version)) continue;
      for (const statement of splitStatements(m.sql)) await sql.raw(statement).execute(trx);
      await sql`insert into schema_migrations (version, name) values (${m.version}, ${m.name})`.execute(trx);
      applied.push(m.name);
    }
  });
  return applied;
}

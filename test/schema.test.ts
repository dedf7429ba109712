// The table types the code declares (every exported `*Tables` interface under src/, and schema.ts's DB while it
// exists) against a freshly migrated database: tables, columns, nullability, defaults (Generated<>) and a rough type
// mapping. A migration that adds a column the types lack, or a type naming a column no migration made, fails here
// with one line per difference.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabase } from './helpers.ts';
import { migrate } from '../src/platform/migrate.ts';
import type { DbHandle } from '../src/platform/db.ts';
import { actualTables, compareTables, declaredTables } from './schema-check.ts';

let h: DbHandle;
before(async () => {
  h = await testDatabase();
  await migrate(h.db);
});
after(async () => {
  await h.close();
});

test('every declared table type matches the migrated database', async () => {
  const declared = declaredTables();
  assert.ok(declared.size >= 30, `found only ${declared.size} declared tables`);
  const diff = compareTables(declared, await actualTables(h.db));
  assert.deepEqual(diff, [], `table types and migrations differ:\n${diff.join('\n')}`);
});

test('a column added by a migration but not to the types, or declared but never migrated, is reported', async () => {
  // A tiny table, and an interface that has drifted from it in every way the check looks at.
  await sql`create table schema_check_probe (
    id serial primary key, title text not null, note text, created_at timestamptz not null default now(), added int not null,
    tags text[] not null default '{}', data jsonb)`.execute(h.db);
  const declared = declaredTables({
    only: true,
    extra: {
      'test/schema-check-probe.ts': `import type { ColumnType, Generated } from 'kysely';
        type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
        export interface ProbeTables {
          schema_check_probe: { id: Generated<number>; title: string | null; note: number | null; created_at: Timestamp; tags: string[]; data: Record<string, unknown> | null; removed: string };
          schema_check_gone: { id: number };
        }`,
    },
  });
  const diff = compareTables(declared, await actualTables(h.db, ['schema_check_probe']));
  assert.deepEqual(diff, [
    '~ schema_check_probe.title (test/schema-check-probe.ts: ProbeTables): the database says not null, the type includes null',
    '~ schema_check_probe.note (test/schema-check-probe.ts: ProbeTables): the database type text does not fit the declared number (expected string)',
    '+ schema_check_probe.added: in the database (integer not null) but not in test/schema-check-probe.ts: ProbeTables',
    '~ schema_check_probe.tags (test/schema-check-probe.ts: ProbeTables): has a default in the database; declare it Generated<> (or a ColumnType whose insert type allows undefined)',
    '- schema_check_probe.removed: in test/schema-check-probe.ts: ProbeTables but not in the database',
    '- table schema_check_gone: in test/schema-check-probe.ts: ProbeTables but not in the database',
  ]);
  // And the matching declaration passes: the check is not just noisy.
  const fixed = declaredTables({
    only: true,
    extra: {
      'test/schema-check-probe.ts': `import type { ColumnType, Generated } from 'kysely';
        type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
        export interface ProbeTables {
          schema_check_probe: { id: Generated<number>; title: string; note: string | null; created_at: Timestamp; added: number; tags: Generated<string[]>; data: Record<string, unknown> | null };
        }`,
    },
  });
  assert.deepEqual(compareTables(fixed, await actualTables(h.db, ['schema_check_probe'])), []);
  // A table in the database that no interface declares is reported too.
  assert.deepEqual(compareTables(new Map(), await actualTables(h.db, ['schema_check_probe'])), [
    '+ table schema_check_probe is in the database (id, title, note, created_at, added, tags, data) but in no *Tables interface',
  ]);
});

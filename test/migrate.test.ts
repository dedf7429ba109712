// Migrations run one transaction each: a broken one leaves the database exactly as it was before it, keeps the ones
// before it applied, and the error names its file; once fixed, only it is applied. On PGlite and on the server.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPglite } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { testDatabase } from './helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'madang-migrations-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** An empty database: the helper's PGlite template is migrated already, a server database is created empty. */
const emptyDatabase = () => (process.env.TEST_DATABASE_URL ? testDatabase() : openPglite({}));
const tables = async (db: Parameters<typeof migrate>[0]) =>
  (
    await sql<{
      t: string;
    }>`select table_name as t from information_schema.tables where table_schema = current_schema() and table_name like 'mig_%' order by 1`.execute(
      db,
    )
  ).rows.map((r) => r.t);

test('a failing migration is rolled back alone, is named in the error, and is applied once fixed', async () => {
  const h = await emptyDatabase();
  try {
    writeFileSync(
      join(dir, '001_first.sql'),
      'create table mig_a (id int primary key);\ninsert into mig_a values (1);\n',
    );
    writeFileSync(
      join(dir, '002_broken.sql'),
      'create table mig_b (id int);\ninsert into mig_a values (2);\ninsert into mig_nowhere values (1);\n',
    );
    writeFileSync(join(dir, '003_later.sql'), 'create table mig_c (id int);\n');
    await assert.rejects(migrate(h.db, { dirs: [dir] }), (e: Error) => {
      assert.match(e.message, /Migration 002_broken\.sql failed/);
      assert.match(e.message, /mig_nowhere/, 'the database error is kept');
      return true;
    });
    assert.deepEqual(await tables(h.db), ['mig_a'], '002 created nothing, 003 did not run');
    assert.deepEqual(
      (await sql<{ id: number }>`select id from mig_a`.execute(h.db)).rows.map((r) => r.id),
      [1],
      "002's insert is undone",
    );
    assert.deepEqual(
      (await sql<{ name: string }>`select name from schema_migrations order by version`.execute(h.db)).rows.map(
        (r) => r.name,
      ),
      ['001_first.sql'],
    );

    writeFileSync(join(dir, '002_broken.sql'), 'create table mig_b (id int);\ninsert into mig_a values (2);\n');
    assert.deepEqual(await migrate(h.db, { dirs: [dir] }), ['002_broken.sql', '003_later.sql']);
    assert.deepEqual(await tables(h.db), ['mig_a', 'mig_b', 'mig_c']);
    assert.deepEqual(await migrate(h.db, { dirs: [dir] }), [], 'nothing twice');
  } finally {
    await h.close();
  }
});

test('two instances starting at once apply each migration once', async () => {
  const h = await emptyDatabase();
  const d2 = mkdtempSync(join(tmpdir(), 'madang-migrations-'));
  try {
    for (let i = 1; i <= 5; i++)
      writeFileSync(join(d2, `00${i}_m.sql`), `create table mig_${i} (id int);\ninsert into mig_${i} values (${i});\n`);
    const [a, b] = await Promise.all([migrate(h.db, { dirs: [d2] }), migrate(h.db, { dirs: [d2] })]);
    assert.equal(a.length + b.length, 5, `${a} / ${b}`);
    assert.equal(
      (await sql<{ n: number }>`select count(*)::int as n from schema_migrations`.execute(h.db)).rows[0].n,
      5,
    );
  } finally {
    await h.close();
    rmSync(d2, { recursive: true, force: true });
  }
});

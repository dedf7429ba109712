// Upgrade in place: the demo city as a release with migrations 001–014 left it (test/fixtures/upgrade, a pg_dump
// with a little activity) is loaded, the app starts on it and applies every later migration, whatever they are, and
// the city is all there: every table's rows, tallies that recount, an unbroken audit chain, pages that render, and a
// citizen who can still 공감. On PGlite and on the server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { openPglite, type DbHandle } from '../src/platform/db.ts';
import { migrationFiles } from '../src/platform/migrate.ts';
import { createPlatform } from '../src/platform/index.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { manifests as modules } from '../src/modules/index.ts';
import { recount } from '../src/platform/acts.ts';
import { verifyAudit } from '../src/platform/audit.ts';
import { Client, testConfig, testDatabase, type TestApp } from './helpers.ts';
import { tableCounts } from './tables.ts';

const FIXTURE = new URL('./fixtures/upgrade/demo-014.sql.gz', import.meta.url);
const FIXTURE_LAST = 14;
/**
 * Tables a later migration may drop or empty on purpose, with why. A migration that loses a table's rows otherwise
 * fails this test: say here that it is meant.
 */
const MAY_SHRINK: Record<string, string> = {};

/**
 * Loads a plain pg_dump. psql's backslash commands are not SQL, and the dump's empty search_path is left out: the
 * search functions call each other unqualified, and an index on them is built while loading.
 */
async function loadDump(h: DbHandle, text: string): Promise<void> {
  const body = text
    .split('\n')
    .filter((l) => !l.startsWith('\\') && !l.startsWith("SELECT pg_catalog.set_config('search_path'"))
    .join('\n');
  if (h.pglite) await h.pglite.exec(body);
  else await sql.raw(body).execute(h.db); // one simple-protocol query: many statements at once
}

test('the demo city of migration 014 upgrades in place to every later migration and keeps everything', {
  timeout: 300_000,
}, async () => {
  const h = process.env.TEST_DATABASE_URL ? await testDatabase() : await openPglite({});
  await loadDump(h, gunzipSync(readFileSync(FIXTURE)).toString('utf8'));
  const before = await tableCounts(h.db);
  assert.ok(before.proposals > 0 && before.acts > 0 && before.audit_log > 0, 'the fixture holds a city');
  assert.equal(
    (await sql<{ v: number }>`select max(version)::int as v from schema_migrations`.execute(h.db)).rows[0].v,
    FIXTURE_LAST,
  );

  // The app starts on it as `madang serve` does: migrations first.
  const p = await createPlatform(testConfig(), { modules, handle: h, logLevel: 'silent' });
  const t: TestApp = { p, app: createApp(p, modules), close: () => p.close() };
  try {
    const versions = (
      await sql<{ version: number }>`select version from schema_migrations order by version`.execute(p.db)
    ).rows.map((r) => r.version);
    assert.deepEqual(
      versions,
      migrationFiles().map((m) => m.version),
      'every migration is applied, each once',
    );

    const after = await tableCounts(p.db);
    for (const [table, n] of Object.entries(before)) {
      if (MAY_SHRINK[table]) continue;
      assert.ok(table in after, `table ${table} is gone after the upgrade`);
      assert.ok(after[table] >= n, `${table}: ${n} rows before the upgrade, ${after[table]} after`);
    }
    assert.deepEqual(await recount(p.db), [], 'tallies agree with the acts');
    const audit = await verifyAudit(p.db);
    assert.ok(audit.ok, `the audit chain is whole${audit.ok ? '' : `: broken at ${audit.seq}`}`);
    assert.ok(audit.count >= before.audit_log);

    const reader = new Client(t);
    for (const [path, text] of [
      ['/', '마당'],
      ['/s/sotong/propose', '마당초등학교 앞 통학로'],
      ['/proposals/2', '업그레이드 전에 남긴 댓글입니다'],
      ['/pledges', '공약'],
    ] as const) {
      const { res, html } = await reader.get(path);
      assert.equal(res.status, 200, path);
      assert.ok(html.includes(text), `${path} shows ${text}`);
    }
    // Writing works on the upgraded schema: a 공감 is counted and recounts.
    const citizen = new Client(t);
    await citizen.loginAs('citizen-3');
    const r = await citizen.post('/proposals/2/support', {}, { accept: 'application/json' });
    assert.equal(r.status, 200);
    assert.equal((await tableCounts(p.db)).acts, after.acts + 1);
    assert.deepEqual(await recount(p.db), []);
  } finally {
    await t.close();
  }
});

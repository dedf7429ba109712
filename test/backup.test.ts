// Backup and restore of the embedded database, end to end: the demo city with fresh activity is backed up by
// `madang backup` (a separate process) through the running server's control socket while the server answers page
// requests and takes 공감; `madang restore` puts it into a new data directory; the app started on it has every
// table's rows, a clean audit chain and recount, and renders the same page. Refusals and the daily retention too.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync,
  mkdirSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openPglite } from '../src/platform/db.ts';
import { createPlatform } from '../src/platform/index.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { manifests as modules } from '../src/modules/index.ts';
import { startServer } from '../src/server.ts';
import { seedDemo } from '../src/seed.ts';
import { castAct, recount } from '../src/platform/acts.ts';
import { verifyAudit } from '../src/platform/audit.ts';
import { serveBackups } from '../src/platform/backup-serve.ts';
import { dailyBackup, expiredBackups, dailyBackupName, readBackup } from '../src/platform/backup.ts';
import { Client, SECRET, testConfig, testDatabase, type TestApp } from './helpers.ts';
import { pageContent, tableCounts } from './tables.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'madang.mjs');
const root = mkdtempSync(join(tmpdir(), 'madang-backup-'));
after(() => rmSync(root, { recursive: true, force: true }));
const madang = (args: string[], dataDir: string) =>
  new Promise<{ code: number | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: 'warn' },
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });

async function appOn(dataDir: string) {
  const handle = await openPglite({ dataDir });
  const p = await createPlatform(testConfig({ dataDir }), { modules, handle, logLevel: 'silent' });
  const t: TestApp = { p, app: createApp(p, modules), close: () => p.close() };
  return t;
}

test('madang backup while the server serves and takes 공감; madang restore into a new directory gives everything back', {
  timeout: 300_000,
}, async (ctx) => {
  const a = join(root, 'city'),
    b = join(root, 'restored'),
    file = join(root, 'city.tar.gz');
  mkdirSync(a);
  writeFileSync(join(a, 'secret.key'), SECRET, { mode: 0o600 });
  const DATA_KEY = 'ab'.repeat(32); // the generated data key of an embedded install (contact details' key)
  writeFileSync(join(a, 'data.key'), DATA_KEY, { mode: 0o600 });
  const t = await appOn(a);
  await seedDemo(t.p.db, t.p.config.secret);
  // Activity on top of the seed: a 공감 and a comment through the app.
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.post('/proposals/2/support', {}, { accept: 'application/json' })).status, 200);
  assert.equal((await citizen.post('/proposals/2/comments', { body: '백업 전에 남긴 댓글입니다.' })).status, 303);

  const server = await startServer(t.p, 0, '127.0.0.1');
  const control = await serveBackups(t.p);
  const before = await tableCounts(t.p.db);
  let busy = true,
    pages = 0,
    acts = 0,
    slowest = 0;
  const statuses = new Set<number>();
  const load = Promise.all([
    (async () => {
      while (busy) {
        const s0 = performance.now();
        const r = await fetch(`${server.url}/proposals/2`);
        await r.text();
        slowest = Math.max(slowest, performance.now() - s0);
        statuses.add(r.status);
        pages++;
      }
    })(),
    (async () => {
      while (busy) {
        await castAct(t.p.db, {
          kind: 'support',
          targetType: 'petition',
          targetId: 7,
          personKey: `backup-load-${acts}`,
        });
        acts++;
      }
    })(),
  ]);
  const t0 = performance.now();
  const r = await madang(['backup', file], a);
  busy = false;
  ctx.diagnostic(
    `madang backup: ${Math.round(performance.now() - t0)} ms (process start included), ${(statSync(file).size / 1e6).toFixed(1)} MB; meanwhile ${pages} pages (slowest ${Math.round(slowest)} ms) and ${acts} 공감 served`,
  );
  await load;
  assert.equal(r.code, 0, r.out);
  assert.match(r.out, /from the running server/);
  assert.deepEqual([...statuses], [200], 'every page request during the backup answered');
  assert.ok(pages > 0 && acts > 0, `the server worked during the backup (${pages} pages, ${acts} 공감)`);
  assert.equal(statSync(file).mode & 0o777, 0o600, 'the backup holds personal data: owner only');
  const afterCounts = await tableCounts(t.p.db);
  const page = pageContent(await (await citizen.get('/proposals/2')).html);
  assert.match(page, /백업 전에 남긴 댓글입니다/);
  await control!.close();
  await server.close();
  await t.close();

  const restored = await madang(['restore', file], b);
  assert.equal(restored.code, 0, restored.out);
  assert.equal(readFileSync(join(b, 'secret.key'), 'utf8'), SECRET, 'the generated SECRET comes back with the data');
  assert.ok(
    !existsSync(join(b, 'data.key')),
    'the data key is never in a backup: a stolen backup reveals no contact detail',
  );
  writeFileSync(join(b, 'data.key'), DATA_KEY, { mode: 0o600 }); // kept apart, as the README asks
  const u = await appOn(b);
  try {
    const counts = await tableCounts(u.p.db);
    assert.deepEqual(Object.keys(counts), Object.keys(before));
    for (const [table, n] of Object.entries(counts)) {
      // Tables the load did not write to are exactly as they were; the ones it wrote to hold a point in between.
      if (before[table] === afterCounts[table]) assert.equal(n, before[table], table);
      else
        assert.ok(
          n >= before[table] && n <= afterCounts[table],
          `${table}: ${before[table]} ≤ ${n} ≤ ${afterCounts[table]}`,
        );
    }
    assert.deepEqual(await recount(u.p.db), [], 'tallies agree with the acts');
    const audit = await verifyAudit(u.p.db);
    assert.ok(audit.ok, 'the audit chain is whole');
    const reader = new Client(u);
    await reader.loginAs('citizen-1');
    assert.equal(pageContent(await (await reader.get('/proposals/2')).html), page, 'the page renders the same');
  } finally {
    await u.close();
  }

  // Never over existing data; never from a file that is not a backup.
  const again = await madang(['restore', file], b);
  assert.equal(again.code, 1);
  assert.match(again.out, /비어 있지 않습니다[\s\S]*not empty/);
  writeFileSync(join(root, 'junk.tar.gz'), 'not a backup');
  const junk = await madang(['restore', join(root, 'junk.tar.gz')], join(root, 'junk'));
  assert.equal(junk.code, 1);
  assert.match(junk.out, /백업 파일이 아닙니다[\s\S]*Not a Madang backup/);
  assert.deepEqual(
    readdirSync(root).includes('junk') ? readdirSync(join(root, 'junk')) : [],
    [],
    'a failed restore leaves nothing behind',
  );
});

test('the daily backup keeps BACKUP_KEEP_DAYS days of files and leaves other files alone', async () => {
  assert.deepEqual(
    expiredBackups(
      [
        'madang-2026-11-20.tar.gz',
        'madang-2026-11-21.tar.gz',
        'madang-2026-12-04.tar.gz',
        'notes.txt',
        'madang-2026-11-01.tar.gz.partial',
      ],
      '2026-12-04',
      14,
    ),
    ['madang-2026-11-20.tar.gz'],
    '14 days: 11-21 … 12-04',
  );
  const dir = join(root, 'daily');
  mkdirSync(dir);
  for (const d of ['2026-11-01', '2026-11-30', '2026-12-01']) writeFileSync(join(dir, dailyBackupName(d)), 'old');
  writeFileSync(join(dir, 'keep-me.txt'), 'mine');
  const h = await openPglite({});
  try {
    const { migrate } = await import('../src/platform/migrate.ts');
    await migrate(h.db);
    const outcome = await dailyBackup({
      pglite: h.pglite!,
      dir,
      keepDays: 2,
      date: '2026-12-02',
      now: new Date('2026-12-01T19:00:00Z'),
    });
    assert.match(outcome, /madang-2026-12-02\.tar\.gz .* 2 older backup\(s\) removed/);
    assert.deepEqual(
      readdirSync(dir).sort(),
      ['keep-me.txt', 'madang-2026-12-01.tar.gz', 'madang-2026-12-02.tar.gz'],
      '2 days kept: 12-01 and 12-02',
    );
    const { manifest } = await readBackup(readFileSync(join(dir, 'madang-2026-12-02.tar.gz')));
    assert.equal(manifest.createdAt, '2026-12-01T19:00:00.000Z');
    assert.equal(manifest.secret, false);
  } finally {
    await h.close();
  }
});

test('backup with DATABASE_URL runs pg_dump or says exactly what to do; restore refuses a server', () => {
  const env = { ...process.env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PATH: '/nonexistent' };
  const r = spawnSync(process.execPath, [BIN, 'backup', join(root, 'server.dump')], { env, encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /pg_dump가 없습니다[\s\S]*pg_dump --format=custom[\s\S]*pg_restore/);
  const s = spawnSync(process.execPath, [BIN, 'restore', join(root, 'server.dump')], { env, encoding: 'utf8' });
  assert.equal(s.status, 1);
  assert.match(s.stderr, /pg_restore/);
});

test('on the server, madang backup runs pg_dump (a custom-format archive pg_restore reads)', {
  timeout: 120_000,
}, async () => {
  // The server run of the suite has a server and its pg_dump; on PGlite alone the refusal above is what applies.
  if (!process.env.TEST_DATABASE_URL) return;
  const h = await testDatabase();
  try {
    const { rows } = await sql<{ db: string }>`select current_database() as db`.execute(h.db);
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = `/${rows[0].db}`;
    await sql`create table backup_probe (id int)`.execute(h.db);
    const file = join(root, 'server.dump');
    const r = spawnSync(process.execPath, [BIN, 'backup', file], {
      env: { ...process.env, DATABASE_URL: url.toString() },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /pg_dump custom format/);
    assert.equal(readFileSync(file).subarray(0, 5).toString(), 'PGDMP');
    const list = spawnSync('pg_restore', ['--list', file], { encoding: 'utf8' });
    assert.match(list.stdout, /TABLE public backup_probe/);
  } finally {
    await h.close();
  }
});

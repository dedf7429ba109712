// The command line and the embedded install: `madang --help`, migrate/seed/recount/audit-verify on a data
// directory, `npm start`'s server surviving a stop and a start, the lock on the data directory, and the
// public-sector tools (pii, workdays, pb) in the exact shapes other programs rely on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../src/platform/db.ts';

const BIN = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', 'bin', 'madang.mjs');
const dir = mkdtempSync(join(tmpdir(), 'madang-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' };
const madang = (args: string[], input?: string) =>
  spawnSync(process.execPath, [BIN, ...args], { env, input, encoding: 'utf8', timeout: 60_000 });

test('--help lists the tasks', () => {
  const r = madang(['--help']);
  assert.equal(r.status, 0);
  for (const task of ['serve', 'migrate', 'seed', 'recount', 'audit-verify', 'pii', 'workdays', 'pb'])
    assert.match(r.stdout, new RegExp(`^  ${task}\\b`, 'm'));
  assert.equal(madang(['no-such-task']).status, 2);
});

test('npm start serves the seeded city on the embedded database; after a stop and a start everything is still there', async () => {
  const start = () =>
    new Promise<{ url: string; stop: () => Promise<number | null> }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, 'serve'], {
        env: { ...env, PORT: '0', LOG_LEVEL: 'info', HOST: '127.0.0.1' },
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
        const m = out.match(/"url":"(http:\/\/[^"]+)"/);
        if (m)
          resolve({
            url: m[1],
            stop: () =>
              new Promise((r) => {
                child.on('exit', (code) => r(code));
                child.kill('SIGTERM');
              }),
          });
      });
      child.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  const first = await start();
  const health = await (await fetch(`${first.url}/healthz`)).json();
  assert.deepEqual(health, { status: 'ok', database: 'pglite' });
  const board = await (await fetch(`${first.url}/s/sotong/propose`)).text();
  assert.match(board, /마당초등학교 앞 통학로/);
  // The data directory is held: a second process cannot open it.
  await assert.rejects(openPglite({ dataDir: dir }), /in use by process/);
  assert.equal(await first.stop(), 0, 'graceful shutdown exits 0');

  const second = await start();
  const again = await (await fetch(`${second.url}/s/sotong/propose`)).text();
  assert.match(again, /전체 3건/, 'the seed ran once; the data survived the restart');
  assert.equal(await second.stop(), 0);
});

test('migrate, seed, recount and audit-verify report on the data directory', () => {
  assert.match(madang(['migrate']).stdout, /migrations applied/);
  assert.match(madang(['seed']).stdout, /already seeded/);
  const rc = madang(['recount']);
  assert.equal(rc.status, 0);
  assert.match(rc.stdout, /recount: OK, no differences/);
  const av = madang(['audit-verify']);
  assert.equal(av.status, 0);
  assert.match(av.stdout, /audit-verify: OK \(\d+ entries\)/);
});

test('pii, workdays and pb answer in their documented shapes', () => {
  const text = '연락처 010-1234-5678 입니다';
  const pii = JSON.parse(madang(['pii'], text).stdout);
  assert.equal(pii.length, 1);
  assert.deepEqual(Object.keys(pii[0]).sort(), ['confidence', 'end', 'kind', 'masked', 'start']);
  assert.equal(text.slice(pii[0].start, pii[0].end), '010-1234-5678');
  assert.equal(madang(['workdays', 'add', '2026-09-20', '10']).stdout.trim(), '2026-10-07');
  assert.equal(madang(['workdays', 'between', '2026-09-20', '2026-10-10']).stdout.trim(), '11');
  assert.equal(madang(['workdays', 'add', 'yesterday', 'x']).status, 2);
  // A small election of our own (the engine's testdata; outcome worked out in small-elections.test.ts).
  const pbFile = join(
    import.meta.dirname ?? '.',
    '..',
    'src',
    'modules',
    'budgeting',
    'engine',
    'testdata',
    'greedy-skip.pb',
  );
  const pb = madang(['pb', pbFile, '--rule', 'greedy']);
  assert.equal(pb.status, 0, pb.stderr);
  assert.deepEqual(JSON.parse(pb.stdout), { rule: 'greedy', selected: ['a', 'c'], cost: 90, budget: 100 });
  assert.equal(madang(['pb', BIN]).status, 2);
});

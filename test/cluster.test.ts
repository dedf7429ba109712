// `madang serve` with WEB_CONCURRENCY=2 on a PostgreSQL server and Redis (as CI machines have; TEST_DATABASE_URL and
// TEST_REDIS_URL, or the local defaults): two workers on one port, the demo city seeded once, a support through one
// connection moving the live counter read through another, a killed worker replaced, a clean stop. Without a
// PostgreSQL server or Redis, several workers are refused with a reason.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openPostgres } from '../src/platform/db.ts';

const BIN = join(import.meta.dirname, '..', 'bin', 'madang.mjs');
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const dir = mkdtempSync(join(tmpdir(), 'madang-cluster-'));
const name = `madang_cluster_${randomBytes(5).toString('hex')}`;
let admin: Awaited<ReturnType<typeof openPostgres>>;
let url: string;

before(async () => {
  admin = await openPostgres(SERVER, 1);
  await sql.raw(`create database ${name}`).execute(admin.db);
  const u = new URL(SERVER);
  u.pathname = `/${name}`;
  url = u.toString();
});
after(async () => {
  await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
  await admin.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = (over: Record<string, string>) => ({
  ...process.env,
  DATA_DIR: dir,
  LOG_LEVEL: 'info',
  HOST: '127.0.0.1',
  PORT: '0',
  SECRET: 'cluster-test-secret-0123456789abcdefghij',
  REDIS_PREFIX: `madang-test-${randomBytes(4).toString('hex')}`,
  ...over,
});

/** Worker processes of the primary (node children; tsx's esbuild service is not one). */
function workersOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] === String(pid) && /\(node\)/.test(stat);
      } catch {
        return false;
      }
    });
}

/** A browser over real HTTP: a cookie jar, a new connection per request (so the primary deals them to both workers). */
class Browser {
  cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  async fetch(path: string, init: RequestInit = {}) {
    const res = await fetch(this.base + path, {
      ...init,
      signal: AbortSignal.timeout(30_000),
      redirect: 'manual',
      headers: {
        connection: 'close',
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.headers as Record<string, string>),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  }
  async form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    const page = await (await this.fetch('/login')).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)![1];
    return this.fetch(path, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: csrf, ...fields }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }
}

test('two workers share the port, the database and Redis; a dead worker is replaced; SIGTERM stops them all', {
  timeout: 240_000,
}, async () => {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve'], {
    env: env({ DATABASE_URL: url, REDIS_URL: REDIS, WEB_CONCURRENCY: '2' }),
  });
  let out = '';
  let exited: number | null | undefined;
  const gone = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve(code);
    }),
  );
  // Every wait has its own limit and names what it waited for, with the server's log: a hang says where it hung.
  const within = <T>(ms: number, what: string, work: Promise<T>) => {
    let timer: NodeJS.Timeout | undefined;
    const limit = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${what} within ${ms / 1000} s; server log:\n${out}`)), ms);
    });
    const died = gone.then((code) => {
      throw new Error(`server exited (${code}) while waiting for ${what}; log:\n${out}`);
    });
    return Promise.race([work, limit, died]).finally(() => clearTimeout(timer));
  };
  const waitFor = (re: RegExp, count = 1) => {
    let timer: NodeJS.Timeout | undefined;
    const seen = new Promise<void>((resolve) => {
      timer = setInterval(() => {
        if ((out.match(new RegExp(re.source, 'g')) ?? []).length >= count) resolve();
      }, 100);
    });
    return within(90_000, `"${re.source}" ×${count}`, seen).finally(() => clearInterval(timer));
  };
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  try {
    await waitFor(/2 workers serving/);
    const base = out.match(/"url":"(http:[^"]+)"/)![1];
    assert.equal(workersOf(child.pid!).length, 2);
    assert.equal((out.match(/seeded the demo city/g) ?? []).length, 1, 'the demo city is seeded once');

    const live = await within(30_000, 'the live stream', fetch(`${base}/proposals/3/live`));
    const reader = live.body!.getReader();
    const dec = new TextDecoder();
    let buf = '';
    const nextCount = async () => {
      for (;;) {
        const m = buf.match(/event: tally\ndata: (\{[^\n]*\})\n\n/);
        if (m) {
          buf = buf.slice(m.index! + m[0].length);
          return JSON.parse(m[1]).count as number;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += dec.decode(value, { stream: true });
      }
    };
    const first = await within(30_000, 'the first live count', nextCount());
    const citizen = new Browser(base);
    const login = await citizen.fetch('/login');
    const person = (await login.text()).match(
      /id="person-(\d+)" value="\d+"[^>]*\/><label for="person-\d+">윤주민/,
    )![1];
    assert.equal((await citizen.form('/auth/dev', { person, back: '/' })).status, 303);
    for (let i = 0; i < 2; i++) {
      const r = await citizen.form('/proposals/3/support', {}, { accept: 'application/json' });
      assert.equal(
        (await r.json()).status,
        i === 0 ? 'counted' : 'duplicate',
        'one support per person, whichever worker answers',
      );
    }
    assert.equal(
      await within(30_000, 'the live count after the support', nextCount()),
      first + 1,
      'the live counter moved, whichever worker took the support',
    );
    await reader.cancel();

    const [victim] = workersOf(child.pid!);
    process.kill(victim, 'SIGKILL');
    await waitFor(/worker exited; starting another/);
    await waitFor(/Madang is serving/, 3);
    assert.equal(workersOf(child.pid!).filter((p) => p !== victim).length, 2);
    // Every connection after the kill is answered (with the round-robin scheduler, one the primary had dealt to the
    // dead worker stayed in the primary, unanswered, and the client's next request on it hung).
    for (let i = 0; i < 6; i++)
      assert.equal((await within(10_000, `health check ${i + 1}`, fetch(`${base}/healthz`))).status, 200);
  } finally {
    // An exited server (a failed replacement stops the cluster) is not waited for: its log is the failure.
    if (exited === undefined) child.kill('SIGTERM');
    const code = await Promise.race([
      gone,
      new Promise<string>((r) => setTimeout(() => r('still running 20 s after SIGTERM'), 20_000).unref()),
    ]);
    if (code !== 0) child.kill('SIGKILL');
    assert.equal(code, 0, out);
  }
});

test('several workers are refused, with the reason, on the embedded database or without Redis', () => {
  const run = (over: Record<string, string>) =>
    spawnSync(process.execPath, [BIN, 'serve'], { env: env(over), encoding: 'utf8', timeout: 60_000 });
  const embedded = run({ DATABASE_URL: '', REDIS_URL: REDIS, WEB_CONCURRENCY: '2' });
  assert.equal(embedded.status, 1);
  assert.match(embedded.stderr, /WEB_CONCURRENCY > 1 needs DATABASE_URL/);
  const noRedis = run({ DATABASE_URL: url, REDIS_URL: '', WEB_CONCURRENCY: '2' });
  assert.equal(noRedis.status, 1);
  assert.match(noRedis.stderr, /needs REDIS_URL/);
});

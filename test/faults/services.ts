// The fault test's own services: a PostgreSQL cluster and a Redis on free ports, owned by this run only, so they can
// be restarted and stopped without touching the machine's shared ones (others' tests use those). PostgreSQL refuses
// to run as root, so its commands run as the `postgres` user on a data directory that user owns.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address() as net.AddressInfo;
      s.close(() => resolve(a.port));
    });
    s.on('error', reject);
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resolves once host:port accepts a connection, false after timeoutMs. */
export async function waitForPort(port: number, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const ok = await new Promise<boolean>((r) => {
      const s = net
        .connect(port, '127.0.0.1')
        .on('connect', () => {
          s.destroy();
          r(true);
        })
        .on('error', () => r(false));
    });
    if (ok) return true;
    await sleep(100);
  }
  return false;
}

/** Runs a command, as `postgres` when we are root (initdb and postgres refuse root). */
function asPostgres(cmd: string, args: readonly string[]): { status: number | null; out: string } {
  const root = process.getuid?.() === 0;
  const r = root
    ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8', timeout: 60_000 })
    : spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

/** The same, without blocking the event loop (the clients keep running while PostgreSQL stops and starts). */
function asPostgresAsync(cmd: string, args: readonly string[]): Promise<{ status: number | null; out: string }> {
  const root = process.getuid?.() === 0;
  const c = root ? spawn('runuser', ['-u', 'postgres', '--', cmd, ...args]) : spawn(cmd, args);
  let out = '';
  c.stdout!.on('data', (d) => {
    out += d;
  });
  c.stderr!.on('data', (d) => {
    out += d;
  });
  return new Promise((resolve) => c.on('exit', (status) => resolve({ status, out })));
}

export interface PgCluster {
  port: number;
  url(db: string): string;
  stop(mode: 'fast' | 'immediate'): Promise<void>;
  start(): Promise<void>;
  destroy(): void;
}

export async function startPostgres(): Promise<PgCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'madang-faults-pg-'));
  if (process.getuid?.() === 0) {
    const pw = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const uid = Number(pw.stdout.trim());
    chownSync(dir, uid, uid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  const init = asPostgres(join(PG_BIN, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
  ]);
  if (init.status !== 0) throw new Error(`initdb failed: ${init.out}`);
  // max_connections: two instances × a pool of 10, their listeners, the checker; fsync stays on (a restart is the test).
  const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=60 -c shared_buffers=64MB`;
  const ctl = (...args: string[]) =>
    [join(PG_BIN, 'pg_ctl'), ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', ...args]] as const;
  const first = asPostgres(...ctl('-o', opts, 'start'));
  if (first.status !== 0) throw new Error(`pg_ctl start failed: ${first.out}`);
  let gone = false;
  return {
    port,
    url: (db) => `postgres://postgres@127.0.0.1:${port}/${db}`,
    // Fast mode, like a service manager's restart: sessions are cut, open transactions roll back.
    async stop(mode) {
      const r = await asPostgresAsync(...ctl('-m', mode, 'stop'));
      if (r.status !== 0) throw new Error(`pg_ctl stop failed: ${r.out}`);
    },
    async start() {
      const r = await asPostgresAsync(...ctl('-o', opts, 'start'));
      if (r.status !== 0) throw new Error(`pg_ctl start failed: ${r.out}`);
    },
    destroy() {
      if (gone) return;
      gone = true;
      asPostgres(...ctl('-m', 'immediate', 'stop'));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RedisServer {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
  kill(): void;
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    if (!(await waitForPort(port, 10_000))) throw new Error('redis-server did not start');
  };
  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null) return;
    await new Promise((r) => {
      c.once('exit', r);
      c.kill('SIGKILL');
    });
  };
  await start();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    start,
    stop,
    kill() {
      child?.kill('SIGKILL');
    },
  };
}

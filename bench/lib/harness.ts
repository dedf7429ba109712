// Shared by the HTTP benchmarks: a throw-away database on the PostgreSQL server, `madang serve` as a child process,
// percentiles, a keep-alive page timer, and CPU seconds per program read from /proc (Linux), so a report can say
// which process spent the machine's two cores.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'madang.mjs');
export const SECRET = 'bench-secret-0123456789abcdefghijklmnopq';

export const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
export const flag = (name: string) => process.argv.includes(`--${name}`);

export function pct(xs: number[], p: number): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export function serverDb(url: string, max = 2) {
  return new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max }) }) });
}

/** A fresh database on the server for one run; drop() removes it (with force: instances may still be connected). */
export async function createBenchDatabase(
  base: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Date.now()}`;
  const admin = serverDb(base, 1);
  await sql.raw(`create database ${name}`).execute(admin);
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin);
      await admin.destroy();
    },
  };
}

/** `madang serve` in a child process; resolves once it logs its address. */
export function startServe(
  env: Record<string, string | undefined>,
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve'], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
    });
    let out = '';
    const onData = (d: Buffer) => {
      out += d;
      const m = out.match(/"url":"(http:[^"]+)"/);
      if (m) resolve({ child, url: m[1] });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (d) => {
      out += d;
    });
    child.on('exit', (c) => reject(new Error(`madang serve exited ${c}: ${out.slice(-2000)}`)));
  });
}

export async function stopServe(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise((r) => {
    child.removeAllListeners('exit');
    child.on('exit', r);
    child.kill('SIGTERM');
  });
}

/** `madang recount` against the database: its printed verdict and exit code (1 when any tally differs). */
export function recountCli(databaseUrl: string): { code: number; output: string } {
  const r = spawnSync(process.execPath, [BIN, 'recount'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SECRET, LOG_LEVEL: 'warn' },
    encoding: 'utf8',
  });
  return { code: r.status ?? -1, output: (r.stdout + r.stderr).trim() };
}

/** One GET over a kept-alive connection, like a browser (gzip accepted, body read but not decoded); ms. */
export function timedGet(
  agent: http.Agent,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent, headers: { 'accept-encoding': 'gzip', ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () =>
          resolve({
            ms: performance.now() - t0,
            status: res.statusCode ?? 0,
            body: res.headers['content-encoding'] ? '' : Buffer.concat(chunks).toString('utf8'),
          }),
        );
      })
      .on('error', reject);
  });
}

/** CPU seconds (user + system) used so far by every live process, summed per program name. */
export function cpuByProgram(): Map<string, number> {
  const out = new Map<string, number>();
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(f[11]) + Number(f[12]); // utime, stime (fields 14, 15)
      const key = name.startsWith('postgres') ? 'postgres' : name;
      out.set(key, (out.get(key) ?? 0) + ticks / 100);
    } catch {
      /* the process ended meanwhile */
    }
  }
  return out;
}

/** "node 12.3 s, postgres 8.1 s, …" for the programs that used at least a tenth of a second between two snapshots. */
export function cpuReport(before: Map<string, number>, after: Map<string, number>, seconds: number): string {
  return [...after]
    .map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const)
    .filter(([, v]) => v >= 0.1)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${((v / seconds) * 100).toFixed(0)}%`)
    .join(', ');
}

/** CPU seconds (user + system) used so far by the given processes. */
export function cpuOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return ticks / 100;
}

export const rssMb = (pid: number) => {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024;
  } catch {
    return NaN;
  }
};

/** Pids of a process and its descendants (a cluster's workers), from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const d of readdirSync('/proc').filter((x) => /^\d+$/.test(x))) {
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      (children.get(ppid) ?? children.set(ppid, []).get(ppid)!).push(Number(d));
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

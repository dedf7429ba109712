// Cold start and idle memory of `madang serve` (a benchmark, not a test): first start (initdb + seed), start on an
// existing data directory, and an instance on the PostgreSQL server. Prints a table; numbers go in the README.
// Usage: npm run bench:startup [-- postgres://postgres@127.0.0.1:5432/test]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', 'bin', 'madang.mjs');
const rssMb = (pid: number) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)![1]) / 1024;

async function run(label: string, env: Record<string, string>) {
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/"url":"(http:[^"]+)"/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (c) => reject(new Error(`exited ${c}: ${out}`)));
  });
  await fetch(`${url}/healthz`);
  const ready = performance.now() - t0;
  for (let i = 0; i < 20; i++) await (await fetch(`${url}/s/sotong/propose`)).text();
  await new Promise((r) => setTimeout(r, 5000));
  const rss = rssMb(child.pid!);
  await new Promise((r) => {
    child.on('exit', r);
    child.kill('SIGTERM');
  });
  console.log(
    `${label.padEnd(44)} ready ${(ready / 1000).toFixed(2).padStart(5)} s   idle RSS ${rss.toFixed(0).padStart(4)} MB`,
  );
}

const dir = mkdtempSync(join(tmpdir(), 'madang-bench-'));
try {
  await run('embedded PGlite, first start (initdb + seed)', { DATA_DIR: dir, DATABASE_URL: '' });
  await run('embedded PGlite, existing data directory', { DATA_DIR: dir, DATABASE_URL: '' });
  await run('embedded PGlite, existing data directory', { DATA_DIR: dir, DATABASE_URL: '' });
  const pg = process.argv[2] ?? process.env.BENCH_DATABASE_URL;
  if (pg) {
    await run('PostgreSQL server', {
      DATA_DIR: dir,
      DATABASE_URL: pg,
      SECRET: 'bench-secret-0123456789abcdefghijklmnop',
    });
    await run('PostgreSQL server', {
      DATA_DIR: dir,
      DATABASE_URL: pg,
      SECRET: 'bench-secret-0123456789abcdefghijklmnop',
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

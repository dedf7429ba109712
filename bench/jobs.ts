// Benchmark of the job queue and e-mail delivery (not a test). Prints:
//  - enqueue rate, and no-op jobs/s drained by one worker and by two workers sharing the queue (on the server, two
//    connection pools: two app instances), with a check that every job ran exactly once;
//  - notify() to 100 followers with confirmed addresses (the outbox's cost inside the act's transaction);
//  - e-mails/s through SMTP to a local SMTP server (npm smtp-server), from notice to accepted message.
// Usage: npm run bench:jobs [-- --url postgres://postgres@127.0.0.1:5432/test --jobs 5000 --mails 1000]
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { openPglite, openPostgres, sql, type DbHandle } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/log.ts';
import { enqueue, JobRegistry, Worker } from '../src/platform/jobs.ts';
import { notify } from '../src/platform/notify.ts';
import { startJobs } from '../src/platform/delivery/index.ts';

const arg = (name: string, def?: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const base = arg('url');
const N = Number(arg('jobs', '5000')),
  MAILS = Number(arg('mails', '1000'));
const dbName = `madang_bench_jobs_${Date.now()}`;

let admin: DbHandle | undefined;
async function open(): Promise<{ a: DbHandle; b: DbHandle; url?: string }> {
  if (!base) {
    const a = await openPglite({});
    return { a, b: a };
  }
  admin = await openPostgres(base, 1);
  await sql.raw(`create database ${dbName}`).execute(admin.db);
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  return { a: await openPostgres(url.toString(), 10), b: await openPostgres(url.toString(), 10), url: url.toString() };
}

const { a, b } = await open();
await migrate(a.db);
const config = loadConfig({
  SECRET: 'bench-secret-0123456789abcdefghijklmnopq',
  DATA_DIR: '.tmp/bench-jobs',
  LOG_LEVEL: 'silent',
});
const log = createLogger('silent');
const rate = (n: number, ms: number) => `${Math.round(n / (ms / 1000)).toLocaleString('en-US')}/s`;
console.log(`database: ${base ? 'PostgreSQL server' : 'PGlite (in memory)'}; ${N} jobs, ${MAILS} e-mails`);

// 1. Queue throughput with no-op handlers.
const seen = new Map<number, number>();
const reg = new JobRegistry();
reg.register('bench.noop', async (payload) => {
  const n = Number(payload.n);
  seen.set(n, (seen.get(n) ?? 0) + 1);
});
async function round(label: string, workers: Worker[], offset: number) {
  let t0 = performance.now();
  for (let i = 0; i < N; i += 500)
    await enqueue(
      a.db,
      Array.from({ length: Math.min(500, N - i) }, (_, k) => ({
        kind: 'bench.noop',
        payload: { n: offset + i + k },
        uniqueKey: `bench:${offset + i + k}`,
      })),
    );
  const enq = performance.now() - t0;
  t0 = performance.now();
  await Promise.all(workers.map((w) => w.drain(1_000_000)));
  const ms = performance.now() - t0;
  console.log(`${label}: enqueue ${rate(N, enq)}; drained ${rate(N, ms)} (${Math.round(ms)} ms)`);
}
await round('1 worker (concurrency 8)', [new Worker({ db: a.db, log, config }, { registry: reg, concurrency: 8 })], 0);
await round(
  '2 workers (concurrency 8 each)',
  [
    new Worker({ db: a.db, log, config }, { registry: reg, concurrency: 8 }),
    new Worker({ db: b.db, log, config }, { registry: reg, concurrency: 8 }),
  ],
  N,
);
const twice = [...seen.values()].filter((v) => v !== 1).length;
console.log(`jobs run: ${seen.size} of ${2 * N}; run more than once: ${twice}`);

// 2. notify() with e-mail jobs for 100 followers, and delivery to a local SMTP server.
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _s, done) {
    stream.resume();
    stream.on('end', () => {
      received++;
      done();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
await sql`insert into persons (person_key, display_name, verification) select 'bench' || g, '시민' || g, 'identity' from generate_series(1, 100) g`.execute(
  a.db,
);
await sql`insert into person_contacts (person_id, email, email_confirmed_at, email_notices) select id, 'p' || id || '@example.kr', now(), true from persons where person_key like 'bench%'`.execute(
  a.db,
);
const ids = (await a.db.selectFrom('persons').select('id').where('person_key', 'like', 'bench%').execute()).map(
  (r) => r.id,
);
const notice = (i: number) => ({
  kind: 'bench.notice',
  targetType: 'proposal',
  targetId: 1,
  text: { ko: `벤치마크 알림 ${i}: 제안에 답변이 등록되었습니다.`, en: `Benchmark notice ${i}` },
});
const calls = MAILS / ids.length;
const lat: number[] = [];
for (let i = 0; i < calls; i++) {
  const t0 = performance.now();
  await notify(a.db, ids, notice(i));
  lat.push(performance.now() - t0);
}
lat.sort((x, y) => x - y);
console.log(
  `notify() to 100 people with confirmed e-mail: p50 ${lat[Math.floor(lat.length / 2)].toFixed(1)} ms, max ${lat.at(-1)!.toFixed(1)} ms`,
);
for (const concurrency of [4, 16]) {
  const before = received;
  if (concurrency === 16) for (let i = 0; i < calls; i++) await notify(a.db, ids, notice(1000 + i));
  const jobs = startJobs(
    { db: a.db, log, config: { ...config, mail: { ...config.mail, smtpUrl } } },
    { registry: new JobRegistry(), start: false, concurrency },
  );
  const t0 = performance.now();
  await jobs.worker.drain(1_000_000);
  const ms = performance.now() - t0;
  await jobs.stop();
  console.log(
    `e-mail through SMTP, worker concurrency ${concurrency}: ${received - before} messages, ${rate(received - before, ms)}`,
  );
}

smtp.close();
await a.close();
if (b !== a) await b.close();
if (admin) {
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await admin.close();
}

// Load benchmark of 공감 on the PostgreSQL server (not a test): 100 concurrent clients, each request a different
// verified person, support one hot petition (4 in 5) and 50 cold ones, while a reader loads the hot petition's page
// every 20 ms. Prints supports/s, latency percentiles, the page's latency during the storm, CPU per program, memory,
// and `madang recount` afterwards (must find no difference).
//
// The load comes from wrk (C, `apt-get install wrk`) with bench/lib/supports.lua, so the generator takes little of
// the machine's CPU; without wrk (or with --generator node) a Node client does the same, at a higher CPU cost.
// Usage: npm run bench:supports [-- --url postgres://postgres@127.0.0.1:5432/test --workers 2 --seconds 15
//          --clients 100 --redis redis://127.0.0.1:6379|none --generator wrk|node --profile <dir>]
import { spawnSync, spawn } from 'node:child_process';
import http from 'node:http';
import { join } from 'node:path';
import { sql } from 'kysely';
import {
  arg,
  cpuByProgram,
  cpuOf,
  cpuReport,
  createBenchDatabase,
  pct,
  processTree,
  recountCli,
  rssMb,
  SECRET,
  serverDb,
  startServe,
  stopServe,
  timedGet,
} from './lib/harness.ts';

const base = arg('url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const seconds = Number(arg('seconds', '15'));
const warmSeconds = Number(arg('warmup', '3'));
const clients = Number(arg('clients', '100'));
const workers = arg('workers', '1');
const redis = arg('redis', process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const hasWrk = spawnSync('wrk', ['--version']).error === undefined;
const generator = arg('generator', hasWrk ? 'wrk' : 'node');
/** Persons (with a live session each) made for the run: more than the fastest run can use, so none repeats. */
const persons = Number(arg('persons', String(Math.max(20_000, (seconds + warmSeconds) * 6_000))));
const profile = arg('profile', '');

const bench = await createBenchDatabase(base, 'madang_bench');
const env = {
  DATABASE_URL: bench.url,
  SECRET,
  HOST: '127.0.0.1',
  PORT: '0',
  WEB_CONCURRENCY: workers,
  REDIS_URL: redis === 'none' ? '' : redis,
  REDIS_PREFIX: `bench${Date.now()}`,
  WRITE_LIMIT_PER_MINUTE: '1000000',
  DEMO_SEED: 'auto',
};
const { child, url } = await startServe(env, profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []);

const db = serverDb(bench.url);
const hot = 1;
const component = (await sql<{ id: number }>`select id from components where slug = 'propose'`.execute(db)).rows[0].id;
const author = (await sql<{ id: number }>`select id from persons order by id limit 1`.execute(db)).rows[0].id;
const coldIds = (
  await sql<{ id: number }>`
  insert into proposals (component_id, author_id, title, body, stage, support_opened_at, closes_at)
  select ${component}, ${author}, '조용한 제안 ' || g, '벤치마크용 제안입니다.', 'collecting', now(), now() + interval '30 days' from generate_series(1, 50) g
  returning id`.execute(db)
).rows.map((r) => r.id);
// People and their sessions, made in bulk: cookie token b<i> (stored as its sha256), CSRF token c<i>.
await sql`insert into persons (person_key, display_name, verification)
  select encode(sha256(('bench' || g)::bytea), 'hex'), '시민' || g, 'identity' from generate_series(1, ${persons}) g`.execute(
  db,
);
await sql`insert into sessions (id_hash, person_id, csrf)
  select encode(sha256(('b' || g)::bytea), 'hex'), p.id, 'c' || g from generate_series(1, ${persons}) g
  join persons p on p.person_key = encode(sha256(('bench' || g)::bytea), 'hex')`.execute(db);
await sql`analyze`.execute(db);
// The setup wrote ~100k rows; flushing them now keeps a checkpoint out of the measured seconds (runs compare).
await sql`checkpoint`.execute(db).catch(() => {});

interface Run {
  requests: number;
  seconds: number;
  counted: number;
  duplicate: number;
  other: number;
  wrapped: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

function wrk(first: number, last: number, secs: number): Promise<Run> {
  const threads = 2;
  const args = [
    '-t',
    String(threads),
    '-c',
    String(clients),
    '-d',
    `${secs}s`,
    '--timeout',
    '10s',
    '-s',
    join(import.meta.dirname, 'lib', 'supports.lua'),
    url,
    '--',
    String(first),
    String(last),
    String(hot),
    coldIds.join(','),
    String(threads),
  ];
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', args);
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
    });
    p.stderr.on('data', (d) => {
      out += d;
    });
    p.on('exit', () => {
      const m = out.match(/RESULT (\{.*\})/);
      m ? resolve(JSON.parse(m[1])) : reject(new Error(out));
    });
  });
}

/** The same load from Node (keep-alive sockets, one per client): for machines without wrk. */
async function nodeLoad(first: number, last: number, secs: number): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: clients });
  const lat: number[] = [];
  const r: Run = {
    requests: 0,
    seconds: secs,
    counted: 0,
    duplicate: 0,
    other: 0,
    wrapped: 0,
    p50: 0,
    p95: 0,
    p99: 0,
    max: 0,
  };
  let next = first;
  const end = performance.now() + secs * 1000;
  const one = (i: number) =>
    new Promise<void>((resolve) => {
      const target = i % 5 === 0 ? coldIds[i % coldIds.length] : hot;
      const body = `_csrf=c${i}`;
      const t0 = performance.now();
      const req = http.request(
        `${url}/proposals/${target}/support`,
        {
          method: 'POST',
          agent,
          headers: {
            cookie: `madang_sid=b${i}`,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
            'content-length': body.length,
          },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => {
            text += d;
          });
          res.on('end', () => {
            lat.push(performance.now() - t0);
            r.requests++;
            if (text.includes('"counted"')) r.counted++;
            else if (text.includes('"duplicate"')) r.duplicate++;
            else r.other++;
            resolve();
          });
        },
      );
      req.on('error', () => {
        r.other++;
        resolve();
      });
      req.end(body);
    });
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        let i = next++;
        if (i > last) {
          r.wrapped++;
          i = first + ((i - first) % (last - first + 1));
        }
        await one(i);
      }
    }),
  );
  r.seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  Object.assign(r, { p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), max: pct(lat, 100) });
  return r;
}
const load = generator === 'wrk' ? wrk : nodeLoad;

// Warm-up (the JIT, the connection pools) on persons of their own, then the measured storm with the page reader.
const warmPersons = Math.floor((persons * warmSeconds) / (seconds + warmSeconds));
if (warmSeconds > 0) await load(1, warmPersons, warmSeconds);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const pageLat: number[] = [];
let reading = true;
const reader = (async () => {
  while (reading) {
    const r = await timedGet(agent, `${url}/proposals/${hot}`);
    if (r.status === 200) pageLat.push(r.ms);
    await new Promise((res) => setTimeout(res, 20));
  }
})();
// The app's processes and the PostgreSQL backends serving this database: their CPU per support does not depend
// on what else the shared machine is running.
const backends = async () =>
  (
    await sql<{
      pid: number;
    }>`select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`.execute(db)
  ).rows.map((r) => r.pid);
const appPids = processTree(child.pid!);
const cpu0 = cpuByProgram();
const app0 = cpuOf(appPids),
  pg0 = cpuOf(await backends());
const window0 = process.hrtime.bigint() / 1000n;
const run = await load(warmPersons + 1, persons, seconds);
const window1 = process.hrtime.bigint() / 1000n;
const cpu1 = cpuByProgram();
const app1 = cpuOf(appPids),
  pg1 = cpuOf(await backends()); // a backend that came and went is missed: pools keep theirs
reading = false;
await reader;
agent.destroy();
const rss = processTree(child.pid!).map(rssMb);

// wrk stops at the deadline with requests still being served: wait until the stored acts stop moving.
for (let last = -1; ; ) {
  const n = (await sql<{ n: number }>`select count(*)::int as n from acts`.execute(db)).rows[0].n;
  if (n === last) break;
  last = n;
  await new Promise((r) => setTimeout(r, 500));
}
const counted = (
  await sql<{ n: number }>`select count(*)::int as n from acts where kind = 'support' and target_id = ${hot}`.execute(
    db,
  )
).rows[0].n;
const tally = (
  await sql<{
    n: number;
  }>`select coalesce(sum(n), 0)::int as n from tallies where kind = 'support' and target_id = ${hot}`.execute(db)
).rows[0].n;
const recount = recountCli(bench.url);

console.log(
  `server: ${workers} worker(s), PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0].v}, Redis ${redis === 'none' ? 'off' : 'on'}; load: ${generator}, ${clients} clients, ${seconds} s after ${warmSeconds} s warm-up; 4 in 5 supports on one hot petition`,
);
console.log(
  `throughput: ${(run.counted / run.seconds).toFixed(0)} supports/s (${run.counted} counted in ${run.seconds.toFixed(1)} s; duplicates ${run.duplicate}, other answers ${run.other}, persons reused ${run.wrapped})`,
);
console.log(
  `support latency ms: p50 ${run.p50.toFixed(1)}  p95 ${run.p95.toFixed(1)}  p99 ${run.p99.toFixed(1)}  max ${run.max.toFixed(1)}`,
);
console.log(
  `hot petition page during the storm: ${pageLat.length} loads, p50 ${pct(pageLat, 50).toFixed(1)} ms, p95 ${pct(pageLat, 95).toFixed(1)} ms, p99 ${pct(pageLat, 99).toFixed(1)} ms`,
);
console.log(`CPU (share of one core) during the storm: ${cpuReport(cpu0, cpu1, run.seconds)}`);
if (profile)
  console.log(
    `profile of the storm: WINDOW=${window0}-${window1} node --import tsx bench/lib/profile-summary.ts ${profile}/<file>`,
  );
console.log(
  `CPU per counted support: app ${(((app1 - app0) * 1000) / run.counted).toFixed(2)} ms, PostgreSQL backends ${(((pg1 - pg0) * 1000) / run.counted).toFixed(2)} ms`,
);
console.log(`app RSS after the storm: ${rss.map((m) => m.toFixed(0)).join(' + ')} MB`);
console.log(`hot petition: ${counted} acts, tally ${tally}; madang recount: ${recount.output} (exit ${recount.code})`);

await stopServe(child);
await db.destroy();
await bench.drop();
if (recount.code !== 0 || counted !== tally) process.exitCode = 1;

// Load benchmark of 공감 on the PostgreSQL server (not a test): 100 concurrent clients support one hot petition
// and many cold ones through real app instances, while a reader keeps loading the hot petition's page.
// Prints supports/s, latency percentiles, the page's latency during the storm, and the recount afterwards.
// Usage: npm run bench:supports [-- --url postgres://postgres@127.0.0.1:5432/test --instances 2 --supports 20000]
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';

const arg = (name: string, def: string) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : def; };
const base = arg('url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const instances = Number(arg('instances', '2'));
const total = Number(arg('supports', '20000'));
const clients = Number(arg('clients', '100'));
const dbName = `madang_bench_${Date.now()}`;
const BIN = join(import.meta.dirname, '..', 'bin', 'madang.mjs');

const admin = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: base, max: 1 }) }) });
await sql.raw(`create database ${dbName}`).execute(admin);
const url = new URL(base); url.pathname = `/${dbName}`;
const env = { ...process.env, DATABASE_URL: url.toString(), SECRET: 'bench-secret-0123456789abcdefghijklmnopq', LOG_LEVEL: 'warn', HOST: '127.0.0.1', WRITE_LIMIT_PER_MINUTE: '1000000' };

function start(port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), BIN, 'serve'], { env: { ...env, PORT: String(port), LOG_LEVEL: 'info' } });
    let out = '';
    child.stdout!.on('data', (d) => { out += d; if (out.includes('"url"')) resolve(child); });
    child.on('exit', (c) => reject(new Error(`instance exited ${c}: ${out}`)));
  });
}
const children: ChildProcess[] = [];
children.push(await start(3900)); // the first one migrates and seeds
for (let i = 1; i < instances; i++) children.push(await start(3900 + i));
const ports = children.map((_, i) => 3900 + i);

const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url.toString(), max: 2 }) }) });
const hot = 1;
const cold = Array.from({ length: 50 }, (_, i) => i);
const component = (await sql<{ id: number }>`select id from components where slug = 'propose'`.execute(db)).rows[0].id;
const author = (await sql<{ id: number }>`select id from persons order by id limit 1`.execute(db)).rows[0].id;
for (const i of cold) await sql`insert into proposals (component_id, author_id, title, body, closes_at) values (${component}, ${author}, ${`조용한 제안 ${i}`}, '벤치마크용 제안입니다.', now() + interval '30 days')`.execute(db);
const coldIds = (await sql<{ id: number }>`select id from proposals where title like '조용한 제안%' order by id`.execute(db)).rows.map((r) => r.id);
// People and their sessions, made in bulk: token b<i> ↔ sha256, CSRF c<i>.
await sql`insert into persons (person_key, display_name, verification) select encode(sha256(('bench' || g)::bytea), 'hex'), '시민' || g, 'identity' from generate_series(1, ${total}) g`.execute(db);
await sql`insert into sessions (id_hash, person_id, csrf) select encode(sha256(('b' || g)::bytea), 'hex'), p.id, 'c' || g from generate_series(1, ${total}) g join persons p on p.person_key = encode(sha256(('bench' || g)::bytea), 'hex')`.execute(db);

const pct = (xs: number[], p: number) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]; };
let next = 1, done = false;
const lat: number[] = [], pageLat: number[] = [];
let errors = 0;
async function worker(w: number) {
  for (;;) {
    const i = next++;
    if (i > total) return;
    const target = i % 5 === 0 ? coldIds[i % coldIds.length] : hot;
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${ports[w % ports.length]}/proposals/${target}/support`, {
      method: 'POST', body: new URLSearchParams({ _csrf: `c${i}` }),
      headers: { cookie: `madang_sid=b${i}`, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    });
    const j = await res.json().catch(() => ({}));
    if (j.status !== 'counted') errors++;
    lat.push(performance.now() - t0);
  }
}
async function reader() {
  while (!done) {
    const t0 = performance.now();
    await (await fetch(`http://127.0.0.1:${ports[0]}/proposals/${hot}`)).text();
    pageLat.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 20));
  }
}
const t0 = performance.now();
const r = reader();
await Promise.all(Array.from({ length: clients }, (_, w) => worker(w)));
const secs = (performance.now() - t0) / 1000;
done = true; await r;

const counted = (await sql<{ n: number }>`select count(*)::int as n from acts where kind = 'support' and target_id = ${hot}`.execute(db)).rows[0].n;
const tally = (await sql<{ n: number }>`select coalesce(sum(n), 0)::int as n from tallies where kind = 'support' and target_id = ${hot}`.execute(db)).rows[0].n;
const diffs = (await sql<{ n: number }>`
  with a as (select target_id, count(*)::int n from acts group by 1), t as (select target_id, sum(n)::int n from tallies group by 1)
  select count(*)::int as n from a full join t using (target_id) where coalesce(a.n, 0) <> coalesce(t.n, 0)`.execute(db)).rows[0].n;

console.log(`instances ${instances}, clients ${clients}, supports ${total} (80% on one hot petition)`);
console.log(`throughput: ${(total / secs).toFixed(0)} supports/s over ${secs.toFixed(1)} s; not counted: ${errors}`);
console.log(`support latency ms: p50 ${pct(lat, 50).toFixed(1)}  p95 ${pct(lat, 95).toFixed(1)}  p99 ${pct(lat, 99).toFixed(1)}`);
console.log(`hot petition page during the storm: ${pageLat.length} loads, p50 ${pct(pageLat, 50).toFixed(1)} ms, p95 ${pct(pageLat, 95).toFixed(1)} ms`);
console.log(`hot petition: ${counted} acts, tally ${tally}; recount differences: ${diffs}`);

for (const c of children) c.kill('SIGTERM');
await new Promise((r) => setTimeout(r, 1500));
await db.destroy();
await sql.raw(`drop database ${dbName} with (force)`).execute(admin);
await admin.destroy();

// List benchmark (not a test): 100,000 proposals with Korean titles in one board, then the board page over HTTP for
// each query string of QUERIES — first page, a deep page through the keyset cursor, searches (partial word, other
// spacing, 초성, body text), filters, sorts — on the embedded PGlite and on the PostgreSQL server. Prints p50/p95.
// A query string the app does not know yet (sort=, topic=, area= while the lead adds them) is served as the plain
// list today; each one is a line below.
// Usage: npm run bench:list [-- --proposals 100000 --runs 30 --only pglite|server --url postgres://… --keep]
// --keep leaves the server's database in place (its address is printed) to EXPLAIN ANALYZE a slow query.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { arg, flag, createBenchDatabase, pct, SECRET, startServe, stopServe, timedGet } from './lib/harness.ts';
import { proposalText, random } from './lib/korean-proposals.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createPlatform } from '../src/platform/index.ts';
import { manifests } from '../src/modules/index.ts';
import { openPglite, openPostgres, type DbHandle } from '../src/platform/db.ts';
import { seedDemo } from '../src/seed.ts';
import { encodeCursor } from '../src/modules/proposals/domain/proposal.ts';

// The demo board's lists (seed.ts, the board settings' defaults).
const TOPICS = ['교통', '환경', '복지', '안전', '문화·체육', '교육', '경제·일자리', '행정'];
const AREAS = ['중앙동', '신평동', '하단동', '괴정동'];

interface Data {
  deepCursor: string;
  searchCursor: string;
  department: number;
}
const enc = encodeURIComponent;
/** One line per query string. */
const QUERIES: [name: string, qs: (d: Data) => string][] = [
  ['first page', () => ''],
  ['deep page (keyset after= at row 50,000)', (d) => `after=${d.deepCursor}`],
  ['search, partial word (정류)', () => `q=${enc('정류')}`],
  ['search, other spacing (버스정류장 그늘막)', () => `q=${enc('버스정류장 그늘막')}`],
  ['search, 초성 (ㅅㅎㄷ = 신호등)', () => `q=${enc('ㅅㅎㄷ')}`],
  ['search, rare (택배 보관함을 점검)', () => `q=${enc('택배 보관함을 점검')}`],
  ['search, body only (민원을 여러 번)', () => `q=${enc('민원을 여러 번')}`],
  ['search, no match (없는말)', () => `q=${enc('없는말')}`],
  ['search, second page (정류, after=)', (d) => `q=${enc('정류')}&after=${d.searchCursor}`],
  ['status=collecting', () => 'status=collecting'],
  ['status=answering', () => 'status=answering'],
  ['status=answered', () => 'status=answered'],
  ['status=closed', () => 'status=closed'],
  ['department', (d) => `department=${d.department}`],
  ['department + status=answered', (d) => `department=${d.department}&status=answered`],
  ['sort=newest', () => 'sort=newest'],
  ['sort=supported', () => 'sort=supported'],
  ['sort=closing', () => 'sort=closing'],
  ['sort=answered', () => 'sort=answered'],
  ['topic=교통', () => `topic=${enc('교통')}`],
  ['area=중앙동', () => `area=${enc('중앙동')}`],
  ['topic=교통 + sort=supported', () => `topic=${enc('교통')}&sort=supported`],
];

const total = Number(arg('proposals', '100000'));
const runs = Number(arg('runs', '30'));
const only = arg('only', '');
const base = arg('url', process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

/** The demo city plus `total` proposals in its 제안합니다 board, with departments, statuses, answers and supports. */
async function fill(handle: DbHandle): Promise<Data> {
  const config = loadConfig({ SECRET, DATA_DIR: join(tmpdir(), 'unused'), LOG_LEVEL: 'warn' });
  const p = await createPlatform(config, { modules: manifests, handle, logLevel: 'warn', sharedHandle: true });
  const db = p.db;
  await seedDemo(db, SECRET);
  const board = (await sql<{ id: number }>`select id from components where slug = 'propose'`.execute(db)).rows[0].id;
  const depts = (await sql<{ id: number }>`select id from departments order by id`.execute(db)).rows.map((r) => r.id);
  await sql`insert into persons (person_key, display_name, verification)
    select encode(sha256(('list' || g)::bytea), 'hex'), '주민' || g, 'identity' from generate_series(1, 2000) g`.execute(
    db,
  );
  const authors = (
    await sql<{ id: number }>`select id from persons where display_name like '주민%' order by id`.execute(db)
  ).rows.map((r) => r.id);
  const rnd = random(20260101);
  const now = Date.now(),
    day = 86_400_000;
  for (let start = 0; start < total; start += 5000) {
    const n = Math.min(5000, total - start);
    const rows = Array.from({ length: n }, () => {
      const { title, body } = proposalText(rnd);
      const created = new Date(now - Math.floor(rnd() * 3 * 365 * day));
      const r = rnd();
      // 15 % answered, 5 % awaiting an answer, 1 % waiting for screening, the rest collecting or (window closed) expired.
      const open = created.getTime() + 30 * day > now;
      // A window that closed without a tier was recorded as expired by the daily job of that day.
      const stage =
        r < 0.15 ? 'answered' : r < 0.2 ? 'answering' : r < 0.21 ? 'submitted' : open ? 'collecting' : 'expired';
      return {
        title,
        body,
        created: created.toISOString(),
        closes: new Date(created.getTime() + 30 * day).toISOString(),
        stage,
        answered:
          stage === 'answered' ? new Date(created.getTime() + Math.floor(rnd() * 40 + 5) * day).toISOString() : null,
        topic: TOPICS[Math.floor(rnd() * TOPICS.length)],
        area: rnd() < 0.5 ? AREAS[Math.floor(rnd() * AREAS.length)] : null,
        dept: rnd() < 0.7 ? depts[Math.floor(rnd() * depts.length)] : null,
        author: authors[Math.floor(rnd() * authors.length)],
      };
    });
    await sql`insert into proposals (component_id, author_id, department_id, title, body, stage, created_at, updated_at, support_opened_at, closes_at,
        last_answer_at, reached_tiers, topic, area, closure)
      select ${board}, a, d, t, b, s, c, c, c, cl, an, case when s in ('answered', 'answering') then array['department'] else '{}' end, tp, ar,
        case when s = 'expired' then '{"code": "expired", "reason": null}'::jsonb end
      from unnest(${rows.map((r) => r.author)}::int[], ${rows.map((r) => r.dept)}::int[],
        ${rows.map((r) => r.title)}::text[], ${rows.map((r) => r.body)}::text[], ${rows.map((r) => r.stage)}::text[],
        ${rows.map((r) => r.created)}::timestamptz[], ${rows.map((r) => r.closes)}::timestamptz[], ${rows.map((r) => r.answered)}::timestamptz[],
        ${rows.map((r) => r.topic)}::text[], ${rows.map((r) => r.area)}::text[])
        as u(a, d, t, b, s, c, cl, an, tp, ar)`.execute(db);
  }
  // One proposal in twenty has supporters (1–60 of the generated people): acts and tallies agree (recount finds nothing).
  await sql`insert into acts (kind, target_type, target_id, person_key)
    select 'support', 'proposal', p.id, per.person_key
    from (select id, 1 + (id * 7919) % 60 as n from proposals where component_id = ${board} and id % 20 = 0) p
    join lateral (select person_key from persons where display_name like '주민%' order by id limit p.n) per on true
    on conflict do nothing`.execute(db);
  await sql`insert into tallies (kind, target_type, target_id, shard, n)
    select kind, target_type, target_id, 0, count(*) from acts where target_type = 'proposal' group by 1, 2, 3
    on conflict (kind, target_type, target_id, shard) do update set n = excluded.n`.execute(db);
  await sql`update proposals p set supports_count = t.n from (select target_id, sum(n)::int as n from tallies where target_type = 'proposal' group by 1) t
    where p.id = t.target_id`.execute(db);
  await sql`vacuum analyze`.execute(db); // the steady state autovacuum keeps (visibility map for index-only scans)
  const cursorAt = async (where: ReturnType<typeof sql>, offset: number) => {
    const r = (
      await sql<{
        created_at: Date;
        id: number;
      }>`select created_at, id from proposals where component_id = ${board} and stage <> 'submitted' and ${where}
      order by created_at desc, id desc offset ${offset} limit 1`.execute(db)
    ).rows[0];
    return encodeCursor({ key: new Date(r.created_at).toISOString(), id: r.id });
  };
  const data = {
    deepCursor: await cursorAt(sql`true`, 50_000),
    searchCursor: await cursorAt(sql`title_norm like '%정류%'`, 20),
    department: depts[2],
  };
  await p.close();
  return data;
}

async function measure(url: string, data: Data): Promise<Map<string, { p50: number; p95: number }>> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const out = new Map<string, { p50: number; p95: number }>();
  const first = await timedGet(agent, `${url}/s/sotong/propose`, { 'accept-encoding': 'identity' });
  const shown = first.body.match(/전체 ([\d,]+)건/)?.[1];
  console.log(`  the board says 전체 ${shown}건`);
  for (const [name, qs] of QUERIES) {
    const path = `/s/sotong/propose${qs(data) ? `?${qs(data)}` : ''}`;
    const times: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const r = await timedGet(agent, url + path);
      if (r.status !== 200) throw new Error(`${path}: HTTP ${r.status}`);
      if (i >= 3) times.push(r.ms);
    }
    out.set(name, { p50: pct(times, 50), p95: pct(times, 95) });
    console.log(
      `  ${name.padEnd(44)} p50 ${pct(times, 50).toFixed(1).padStart(7)} ms   p95 ${pct(times, 95).toFixed(1).padStart(7)} ms`,
    );
  }
  agent.destroy();
  return out;
}

const results: [string, Map<string, { p50: number; p95: number }>][] = [];
if (only !== 'server') {
  const dir = mkdtempSync(join(tmpdir(), 'madang-list-'));
  try {
    const t0 = performance.now();
    const handle = await openPglite({ dataDir: dir });
    const data = await fill(handle);
    await handle.close();
    console.log(`PGlite (embedded): ${total} proposals made in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const { child, url } = await startServe({
      DATA_DIR: dir,
      DATABASE_URL: '',
      REDIS_URL: '',
      SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
    });
    try {
      results.push(['PGlite', await measure(url, data)]);
    } finally {
      await stopServe(child);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
if (only !== 'pglite') {
  const bench = await createBenchDatabase(base, 'madang_list');
  try {
    const t0 = performance.now();
    const handle = await openPostgres(bench.url, 4);
    const data = await fill(handle);
    await handle.close();
    const version = await (async () => {
      const h = await openPostgres(bench.url, 1);
      const v = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(h.db)).rows[0].v;
      await h.close();
      return v;
    })();
    console.log(
      `PostgreSQL ${version} server: ${total} proposals made in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    const { child, url } = await startServe({
      DATABASE_URL: bench.url,
      REDIS_URL: '',
      SECRET,
      HOST: '127.0.0.1',
      PORT: '0',
    });
    try {
      results.push(['server', await measure(url, data)]);
    } finally {
      await stopServe(child);
    }
  } finally {
    if (flag('keep')) console.log(`kept: ${bench.url}`);
    else await bench.drop();
  }
}

console.log(
  `\n| query (${total.toLocaleString('en')} proposals, ${runs} runs, one client) | ${results.map(([k]) => `${k} p50 / p95 ms`).join(' | ')} |`,
);
console.log(`|---|${results.map(() => '---').join('|')}|`);
for (const [name] of QUERIES)
  console.log(
    `| ${name} | ${results.map(([, m]) => `${m.get(name)!.p50.toFixed(1)} / ${m.get(name)!.p95.toFixed(1)}`).join(' | ')} |`,
  );

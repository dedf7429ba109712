// How long the live count of a linked board takes (not a test): the communication card counts a linked proposal
// board from the proposals, comments and acts tables each time it is shown. Builds a board of N proposals with
// supports and comments from P people on the demo city, links it to a pledge and times `linkedOf`.
// Usage: npm run bench:pledge-links [-- --proposals 5000 --people 20000 --supports 100000 --comments 20000 --url postgres://…]
import { sql } from 'kysely';
import { openPglite, openPostgres, type DbHandle } from '../src/platform/db.ts';
import { migrate } from '../src/platform/migrate.ts';
import { seedDemo } from '../src/seed.ts';
import { manifests } from '../src/modules/index.ts';
import { installModules } from '../src/platform/registry.ts';
import { addLink, linkedOf, resolveLinkTarget } from '../src/modules/pledges/links.ts';
import { pledgeIdByCode } from '../src/modules/pledges/store.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const n = {
  proposals: Number(arg('proposals', '5000')),
  people: Number(arg('people', '20000')),
  supports: Number(arg('supports', '100000')),
  comments: Number(arg('comments', '20000')),
};
const url = arg('url', '');
let dbName = '';
let admin: Awaited<ReturnType<typeof openPostgres>> | undefined;
let h: DbHandle;
if (url) {
  admin = await openPostgres(url, 1);
  dbName = `madang_bench_links_${Date.now()}`;
  await sql.raw(`create database ${dbName}`).execute(admin.db);
  const u = new URL(url);
  u.pathname = `/${dbName}`;
  h = await openPostgres(u.toString(), 4);
} else h = await openPglite({});
const db = h.db;
installModules(manifests);
await migrate(db);
await seedDemo(db, 'bench-secret-0123456789abcdefghijklmnopq');

const t0 = performance.now();
const board = (await sql<{ id: number }>`select id from components where slug = 'propose'`.execute(db)).rows[0].id;
await sql`insert into persons (person_key, display_name, verification) select 'bench-' || i, '시민' || i, 'dev' from generate_series(1, ${n.people}) i`.execute(
  db,
);
const first = (
  await sql<{ id: number }>`select min(id)::int as id from persons where person_key like 'bench-%'`.execute(db)
).rows[0].id;
await sql`insert into proposals (component_id, author_id, title, body, stage, created_at)
  select ${board}, ${first} + (i % ${n.people}), '벤치 제안 ' || i, '내용', 'collecting', now() - (i || ' minutes')::interval from generate_series(1, ${n.proposals}) i`.execute(
  db,
);
const p0 = (
  await sql<{ id: number }>`select min(id)::int as id from proposals where title like '벤치 제안 %'`.execute(db)
).rows[0].id;
await sql`insert into acts (kind, target_type, target_id, person_key)
  select distinct on (t, k) 'support', 'proposal', t, k from (
    select ${p0} + abs(hashtext('t' || i)) % ${n.proposals} as t, 'bench-' || (1 + abs(hashtext('k' || i)) % ${n.people}) as k from generate_series(1, ${n.supports}) i) x
  on conflict do nothing`.execute(db);
await sql`insert into tallies (kind, target_type, target_id, shard, n) select 'support', 'proposal', target_id, 0, count(*)::int from acts where person_key like 'bench-%' group by target_id
  on conflict (kind, target_type, target_id, shard) do update set n = tallies.n + excluded.n`.execute(db);
await sql`insert into comments (target_type, target_id, author_id, body)
  select 'proposal', ${p0} + ((i * 31) % ${n.proposals}), ${first} + ((i * 17) % ${n.people}), '댓글 ' || i from generate_series(1, ${n.comments}) i`.execute(
  db,
);
await sql`analyze`.execute(db);
const built = performance.now() - t0;

const pledge = (await pledgeIdByCode(db, '002'))!;
const target = (await resolveLinkTarget(db, { path: '/s/sotong/propose' }))!;
await addLink(db, {
  pledgeId: pledge,
  pledgeCode: '002',
  target,
  kind: 'proposal',
  createdBy: first,
  actor: { id: null, label: 'bench' },
});
const keys = [{ id: pledge, code: '002' }];
const times: number[] = [];
let last: Awaited<ReturnType<typeof linkedOf>> | undefined;
for (let i = 0; i < 3; i++) await linkedOf(db, keys); // warm up
for (let i = 0; i < 30; i++) {
  const s = performance.now();
  last = await linkedOf(db, keys);
  times.push(performance.now() - s);
}
times.sort((a, b) => a - b);
const [l] = last!;
console.log(`engine: ${url ? 'PostgreSQL server' : 'PGlite (embedded)'}`);
console.log(
  `data: ${n.proposals} proposals, ${n.people} people, ${n.supports} support draws, ${n.comments} comments (built in ${(built / 1000).toFixed(1)} s)`,
);
console.log(
  `linked board counted: activities ${l.activities}, participants ${l.participants}, supports ${l.supports}, comments ${l.comments}`,
);
console.log(
  `linkedOf (one card): p50 ${times[15].toFixed(1)} ms, p95 ${times[28].toFixed(1)} ms, max ${times[29].toFixed(1)} ms over 30 runs`,
);
await h.close();
if (admin) {
  await sql.raw(`drop database if exists ${dbName} with (force)`).execute(admin.db);
  await admin.close();
}

// `npm run test:faults`: the fault-injection test (issue 12, item 7). Not part of `npm test`: it takes minutes.
// Starts its own PostgreSQL cluster and Redis on free ports (never the machine's shared ones), runs the server
// scenario (two instances, kill -9, PostgreSQL restart, Redis outage) and the embedded one (kill -9 of PGlite),
// prints a summary, and exits 1 when an acknowledged act was lost or doubled, a request hung or got a 500, an
// instance crashed, or recount / audit-verify found anything. Everything it started is stopped, whatever happens.
// Usage: npm run test:faults [-- --only server|pglite --clients 300 --seconds 60]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, startRedis, type PgCluster, type RedisServer } from './services.ts';
import { serverScenario, type ScenarioResult } from './server-scenario.ts';
import { pgliteScenario } from './pglite-scenario.ts';
import { table } from './check.ts';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : def;
};
const only = arg('only', 'all');
const clients = Number(arg('clients', '300'));
const seconds = Number(arg('seconds', '60'));
const dir = mkdtempSync(join(tmpdir(), 'madang-faults-'));
const started = Date.now();
const log = (s: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${s}`);

let pgc: PgCluster | undefined, redis: RedisServer | undefined;
const cleanup = () => {
  try {
    redis?.kill();
  } catch {
    /* gone */
  }
  try {
    pgc?.destroy();
  } catch {
    /* gone */
  }
};
process.on('exit', cleanup);
for (const s of ['SIGINT', 'SIGTERM'] as const)
  process.on(s, () => {
    cleanup();
    process.exit(130);
  });
// Bounded: whatever hangs, the run ends (and cleans up) after 9 minutes.
setTimeout(() => {
  console.error('test:faults: gave up after 9 minutes');
  cleanup();
  process.exit(2);
}, 9 * 60_000).unref();

function print(r: ScenarioResult): string[] {
  const problems: string[] = [];
  console.log(`\n== ${r.title} ==`);
  console.log(table(r.kinds));
  for (const k of r.kinds) {
    if (k.lost) problems.push(`${r.title}: ${k.lost} acknowledged ${k.kind}(s) lost`);
    if (k.doubled) problems.push(`${r.title}: ${k.doubled} ${k.kind}(s) stored twice`);
    if (!k.acked) problems.push(`${r.title}: no ${k.kind} was acknowledged at all`);
  }
  for (const f of r.faults) {
    const by = Object.entries(f.answers.by)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(`fault at +${(f.at / 1000).toFixed(1)} s: ${f.name}${f.note ? ` (${f.note})` : ''}`);
    console.log(
      `  requests started during it: ${f.answers.total} — ${by || 'none'}; slowest answer ${f.answers.slowestMs} ms; last failed request ${(f.recoverMs / 1000).toFixed(1)} s after the fault began; first acknowledged request started after the fault was lifted answered ${f.firstAckMs} ms later`,
    );
    for (const [k, n] of Object.entries(f.answers.by)) {
      if (k === 'error TIMEOUT') problems.push(`${r.title}: ${n} request(s) hung during "${f.name}"`);
      if (k === 'http 500') problems.push(`${r.title}: ${n} answer(s) 500 during "${f.name}"`);
    }
  }
  const body503 = r.samples.get(503);
  if (body503 !== undefined) {
    const clear = body503.includes('잠시') && /temporarily|try again/i.test(body503);
    console.log(`503 page: ${clear ? 'Korean and English explanation' : 'NOT a clear page'}`);
    if (!clear) problems.push(`${r.title}: the 503 page does not explain itself in Korean and English`);
  }
  if (r.samples.has(500)) problems.push(`${r.title}: some answers were 500`);
  if (r.redis) {
    const { limiter, during, after } = r.redis;
    console.log(`Redis down: rate limiter answered 5 hits (limit 3) in ${limiter?.ms} ms: ${limiter?.pattern}`);
    console.log(
      `Redis down: 공감 via A (${during?.supported}) → live counter moved on A: ${during?.seenOnA}, on B: ${during?.seenOnB}`,
    );
    console.log(
      `Redis back: 공감 via A (${after?.supported}) → live counter moved on A: ${after?.seenOnA}, on B: ${after?.seenOnB}`,
    );
    if (limiter?.pattern !== 'allowed allowed allowed refused refused')
      problems.push('rate limits did not fall back to memory while Redis was down');
    if (!during?.seenOnA) problems.push('live counter did not move on the same instance while Redis was down');
    if (!after?.seenOnA || !after?.seenOnB) problems.push('live counters did not fan out again after Redis came back');
  }
  for (const e of r.extra) console.log(e);
  console.log(`recount: ${r.checks.recount}\naudit-verify: ${r.checks.audit}`);
  if (!r.checks.ok) problems.push(`${r.title}: recount or audit-verify not clean`);
  if (r.crashes) problems.push(`${r.title}: ${r.crashes} instance crash(es)`);
  if (r.hung) problems.push(`${r.title}: ${r.hung} request(s) without an answer within 60 s over the whole run`);
  return problems;
}

let problems: string[] = [];
try {
  console.log(
    `test:faults on ${process.platform} ${process.arch}, Node ${process.versions.node}, ${new Date().toISOString()}; work directory ${dir}`,
  );
  if (only === 'all' || only === 'server') {
    pgc = await startPostgres();
    redis = await startRedis();
    log(`own PostgreSQL on port ${pgc.port}, own Redis on port ${redis.port}`);
    problems = problems.concat(print(await serverScenario({ pg: pgc, redis, dir, clients, seconds, log })));
    cleanup();
  }
  if (only === 'all' || only === 'pglite') {
    problems = problems.concat(
      print(await pgliteScenario({ dir, clients: Math.min(clients, 100), seconds: Math.min(seconds, 24), log })),
    );
  }
} catch (e) {
  problems.push(`the run failed: ${e instanceof Error ? e.stack : e}`);
} finally {
  cleanup();
}
console.log(
  `\ntest:faults: ${problems.length ? `FAILED\n- ${problems.join('\n- ')}\nlogs kept in ${dir}` : 'OK'} (${((Date.now() - started) / 1000).toFixed(0)} s)`,
);
if (!problems.length) rmSync(dir, { recursive: true, force: true });
process.exit(problems.length ? 1 : 0);

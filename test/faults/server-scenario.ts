// Faults on the server setup: two `madang serve` instances on our own PostgreSQL and Redis, 300 clients for ~60 s.
// Timeline (seconds into the load): 10 kill -9 instance A (clients retry on B), 18 A restarted; 25 PostgreSQL
// stopped (fast shutdown), 29 started again (the instances must reconnect by themselves); 38 Redis killed, 48 started
// again (rate limits fall back to per-instance memory, live counters stop fanning out, nothing counted is lost).
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { writeFileSync } from 'node:fs';
import { answersIn, firstAckAfter, latencies, runLoad } from './clients.ts';
import { cliChecks, compare, prepare, type KindResult } from './check.ts';
import { Instance } from './instances.ts';
import { freePort, sleep, type PgCluster, type RedisServer } from './services.ts';
import { probeRedisOutage, type RedisProbe } from './redis-probe.ts';

export interface FaultReport {
  name: string;
  at: number;
  answers: ReturnType<typeof answersIn>;
  recoverMs: number;
  firstAckMs: number;
  note: string;
}
export interface ScenarioResult {
  title: string;
  kinds: KindResult[];
  faults: FaultReport[];
  checks: { recount: string; audit: string; ok: boolean };
  crashes: number;
  hung: number;
  samples: Map<number, string>;
  extra: string[];
  redis?: RedisProbe;
}

const PERSONS = 30_000;

export async function serverScenario(o: {
  pg: PgCluster;
  redis: RedisServer;
  dir: string;
  clients: number;
  seconds: number;
  log: (s: string) => void;
}): Promise<ScenarioResult> {
  const admin = new pg.Client({ connectionString: o.pg.url('postgres') });
  await admin.connect();
  await admin.query('create database faults');
  await admin.end();
  const url = o.pg.url('faults');
  const env = { DATABASE_URL: url, REDIS_URL: o.redis.url, REDIS_PREFIX: 'faults', DEMO_SEED: 'auto' };
  const a = new Instance('A', await freePort(), env, join(o.dir, 'instance-a.log'));
  const b = new Instance('B', await freePort(), env, join(o.dir, 'instance-b.log'));
  await a.start(); // migrates and seeds the demo city alone
  await b.start();
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
  }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const all = await prepare(db, PERSONS, 52);
  const proposals = all.slice(0, 50),
    probes = all.slice(50); // the probes watch proposals nobody else supports
  await db.destroy(); // PostgreSQL will restart under the load; the checks reconnect afterwards
  o.log(
    `server: instances A ${a.url}, B ${b.url}; ${PERSONS} persons with sessions, ${proposals.length} proposals; load ${o.clients} clients × ${o.seconds} s`,
  );

  // Each fault follows the previous one's recovery (an instance starting under load takes a while on two cores).
  const t0 = Date.now();
  const marks: { name: string; at: number; end: number; note: string }[] = [];
  const extra: string[] = [];
  let redisProbe: RedisProbe | undefined;
  const faults = (async () => {
    await sleep(8000);
    let m = Date.now();
    await a.kill9();
    o.log('fault: kill -9 instance A');
    await sleep(5000);
    const restartMs = await a.start();
    o.log(`fault: instance A started again (${restartMs} ms)`);
    marks.push({
      name: 'kill -9 instance A (started again 5 s later)',
      at: m,
      end: Date.now(),
      note: `A serving again ${restartMs} ms after its start`,
    });
    await sleep(6000);
    m = Date.now();
    o.log('fault: PostgreSQL stopped (fast shutdown)');
    await o.pg.stop('fast');
    await sleep(4000);
    await o.pg.start();
    o.log('fault: PostgreSQL started again');
    marks.push({ name: 'PostgreSQL stopped (-m fast) and started 4 s later', at: m, end: Date.now(), note: '' });
    await sleep(8000);
    m = Date.now();
    await o.redis.stop();
    o.log('fault: Redis killed');
    redisProbe = await probeRedisOutage({
      redisUrl: o.redis.url,
      a: a.url,
      b: b.url,
      proposal: probes[0],
      during: true,
    });
    await sleep(Math.max(0, m + 10_000 - Date.now()));
    await o.redis.start();
    o.log('fault: Redis started again');
    marks.push({ name: 'Redis down 10 s (killed, started again)', at: m, end: Date.now(), note: '' });
    await sleep(3000);
    redisProbe = {
      ...redisProbe,
      after: (await probeRedisOutage({ redisUrl: o.redis.url, a: a.url, b: b.url, proposal: probes[1], during: false }))
        .after,
    };
    await sleep(5000); // the load goes on a little after the last fault
  })();
  const load = runLoad({
    urls: () => [a.url, b.url],
    clients: o.clients,
    seconds: o.seconds,
    persons: { first: 1, last: PERSONS },
    proposals,
    board: '/s/sotong/propose',
    pauseMs: 2000,
    label: 'server',
    until: faults,
  });
  const [result] = await Promise.all([load, faults]);
  o.log(`server: load finished, ${result.reqs.length} requests in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  writeFileSync(
    join(o.dir, 'server-requests.json'),
    JSON.stringify(result.reqs.map((r) => ({ ...r, start: r.start - t0, end: r.end - t0 }))),
  );
  extra.push(`answer times of acknowledged requests: ${latencies(result.reqs)}`);

  const report = marks.map((k, i) => {
    const to = marks[i + 1]?.at ?? Date.now();
    const answers = answersIn(result.reqs, k.at, Math.min(to, Math.max(k.end, k.at + 1))); // requests started during the fault
    const all = answersIn(result.reqs, k.at, to);
    return {
      name: k.name,
      at: k.at - t0,
      answers,
      recoverMs: all.lastFailure ? all.lastFailure - k.at : 0,
      firstAckMs: firstAckAfter(result.reqs, k.end),
      note: k.note,
    };
  });

  const check = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }),
  }); // eslint-disable-line @typescript-eslint/no-explicit-any
  const health = await Promise.all(
    [a, b].map(
      async (x) =>
        `${x.name} ${await fetch(`${x.url}/healthz`)
          .then((r) => r.status)
          .catch(() => 0)}`,
    ),
  );
  extra.push(`health after the run: ${health.join(', ')}`);
  const kinds = await compare(check, result.acts, PERSONS);
  const jobs = await sql<{
    state: string;
    n: number;
  }>`select state, count(*)::int as n from jobs group by state`.execute(check);
  extra.push(`jobs by state: ${jobs.rows.map((r) => `${r.state} ${r.n}`).join(', ')}`);
  await check.destroy();
  await a.stop();
  await b.stop();
  const checks = cliChecks({ DATABASE_URL: url });
  return {
    title: 'PostgreSQL server, two instances, Redis',
    kinds,
    faults: report,
    checks,
    crashes: a.crashes + b.crashes,
    hung: result.reqs.filter((r) => r.result === 'error TIMEOUT').length,
    samples: result.samples,
    extra,
    redis: redisProbe,
  };
}

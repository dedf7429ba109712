// Faults on the embedded database: one `madang serve` on PGlite under DATA_DIR, killed with kill -9 in the middle of
// writes and started again on the same directory (its lock file names a dead process and must not block the
// restart). Then the same checks: nothing acknowledged lost or doubled, recount and audit-verify clean.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openPglite } from '../../src/platform/db.ts';
import { migrate } from '../../src/platform/migrate.ts';
import { seedDemo } from '../../src/seed.ts';
import { manifests } from '../../src/modules/index.ts';
import { installModules } from '../../src/platform/registry.ts';
import { answersIn, firstAckAfter, runLoad } from './clients.ts';
import { cliChecks, compare, prepare, SECRET } from './check.ts';
import { Instance } from './instances.ts';
import { freePort, sleep } from './services.ts';
import type { ScenarioResult } from './server-scenario.ts';

const PERSONS = 8_000;

export async function pgliteScenario(o: {
  dir: string;
  clients: number;
  seconds: number;
  log: (s: string) => void;
}): Promise<ScenarioResult> {
  const dataDir = join(o.dir, 'pglite-data');
  const setup = await openPglite({ dataDir });
  installModules(manifests); // the modules' migrations and seeds, as `madang serve` has them
  await migrate(setup.db);
  await seedDemo(setup.db, SECRET, manifests);
  const proposals = await prepare(setup.db, PERSONS, 30);
  await setup.close();
  const inst = new Instance(
    'embedded',
    await freePort(),
    { DATA_DIR: dataDir, DEMO_SEED: 'never' },
    join(o.dir, 'instance-pglite.log'),
  );
  await inst.start();
  o.log(`pglite: instance ${inst.url}, DATA_DIR ${dataDir}; load ${o.clients} clients × ${o.seconds} s`);

  const t0 = Date.now();
  let over!: () => void;
  const until = new Promise<void>((r) => {
    over = r;
  });
  const load = runLoad({
    until,
    urls: () => [inst.url],
    clients: o.clients,
    seconds: o.seconds,
    persons: { first: 1, last: PERSONS },
    proposals,
    board: '/s/sotong/propose',
    pauseMs: 200,
    label: 'pglite',
  });
  const extra: string[] = [];
  let mark = { at: 0, end: 0, note: '' };
  const fault = (async () => {
    await sleep(Math.max(0, t0 + o.seconds * 400 - Date.now()));
    const at = Date.now();
    await inst.kill9();
    const lockLeft = existsSync(join(dataDir, 'pglite.lock'));
    o.log(`fault: kill -9 of the embedded instance (lock file left behind: ${lockLeft})`);
    const ms = await inst.start();
    setTimeout(over, 5000); // the load goes on a little after the restart
    mark = {
      at,
      end: Date.now(),
      note: `started again on the same DATA_DIR in ${ms} ms; the dead process's lock file was ${lockLeft ? 'there and did not block' : 'not there'}`,
    };
  })();
  const [result] = await Promise.all([load, fault]);
  o.log(`pglite: load finished, ${result.reqs.length} requests`);
  const answers = answersIn(result.reqs, mark.at, mark.end);
  const all = answersIn(result.reqs, mark.at, Date.now());
  const faults = [
    {
      name: 'kill -9 of the embedded instance, started again',
      at: mark.at - t0,
      answers,
      recoverMs: all.lastFailure ? all.lastFailure - mark.at : 0,
      firstAckMs: firstAckAfter(result.reqs, mark.end),
      note: mark.note,
    },
  ];
  await inst.stop();

  const check = await openPglite({ dataDir });
  const kinds = await compare(check.db, result.acts, PERSONS);
  await check.close();
  const checks = cliChecks({ DATA_DIR: dataDir, DATABASE_URL: '' });
  return {
    title: 'embedded PGlite, one instance',
    kinds,
    faults,
    checks,
    crashes: inst.crashes,
    hung: result.reqs.filter((r) => r.result === 'error TIMEOUT').length,
    samples: result.samples,
    extra,
  };
}

// `madang serve` with WEB_CONCURRENCY=N (N > 1): N worker processes share the HTTP port through Node's cluster
// module, so one machine's cores all serve (one Node process uses one core; bench:supports measured the app, not
// PostgreSQL, as the limit). Workers are ordinary app instances: stateless, sharing PostgreSQL and, through Redis,
// rate limits and live counters, exactly as instances on several machines do. The first worker migrates and seeds
// alone; the others start once it serves. A worker that dies is replaced; SIGTERM/SIGINT stop them all gracefully.
import cluster, { type Worker } from 'node:cluster';
import type { Config } from './platform/config.ts';
import { createLogger } from './platform/log.ts';

/** Why a configuration cannot run several workers, or null when it can. */
export function clusterRefusal(config: Pick<Config, 'workers' | 'databaseUrl' | 'redisUrl'>): string | null {
  if (config.workers <= 1) return null;
  if (!config.databaseUrl)
    return 'WEB_CONCURRENCY > 1 needs DATABASE_URL: the embedded database belongs to one process';
  if (!config.redisUrl)
    return 'WEB_CONCURRENCY > 1 needs REDIS_URL: workers share rate limits and live counters through Redis';
  return null;
}

/** Runs in the primary process: forks and watches the workers, which run main() (cluster.isPrimary is false there). */
export async function runPrimary(config: Config): Promise<void> {
  const log = createLogger(config.logLevel);
  const refusal = clusterRefusal(config);
  if (refusal) throw new Error(refusal); // the command line says it more kindly before calling
  // Workers accept from the shared socket themselves. Under the round-robin default the primary accepts and deals
  // each connection to a worker; one dealt to a worker that dies before taking it stays in the primary, never
  // answered (test/cluster.test.ts hung on it). With SCHED_NONE a dead worker loses only what it had accepted, and
  // the kernel's queue goes to the living; connections are kept alive, so the balance between workers holds.
  cluster.schedulingPolicy = cluster.SCHED_NONE;
  let stopping = false;
  const live = new Set<Worker>();
  const fork = () =>
    new Promise<Worker>((resolve, reject) => {
      const w = cluster.fork();
      live.add(w);
      let listening = false;
      w.once('listening', () => {
        listening = true;
        resolve(w);
      });
      w.once('exit', (code, signal) => {
        live.delete(w);
        if (stopping) {
          if (live.size === 0) process.exit(0);
          return;
        }
        if (!listening) {
          reject(new Error(`worker ${w.process.pid} exited before serving (code ${code})`));
          return;
        }
        log.error({ pid: w.process.pid, code, signal }, 'worker exited; starting another');
        void fork().catch((e) => {
          log.error({ err: e.message }, 'could not replace a worker');
          stop('worker-failure', 1);
        });
      });
    });
  const stop = (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal, workers: live.size }, 'stopping workers');
    if (live.size === 0) process.exit(code);
    for (const w of live) w.process.kill('SIGTERM');
    setTimeout(() => process.exit(code), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  try {
    await fork(); // migrations and the demo seed run once, in the first worker
    await Promise.all(Array.from({ length: config.workers - 1 }, fork));
  } catch (e) {
    log.error({ err: (e as Error).message }, 'a worker failed to start');
    stop('startup-failure', 1);
    return;
  }
  log.info({ workers: config.workers }, `${config.workers} workers serving`);
}

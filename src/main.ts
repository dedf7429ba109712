// Start: config → database → migrations → demo seed (first run) → HTTP → job worker (delivery of notices, daily
// jobs). Stops gracefully on SIGINT/SIGTERM: no new requests or jobs, the ones in hand finish, then the database closes.
import { loadConfig } from './platform/config.ts';
import { createPlatform } from './platform/index.ts';
import { isSeeded, seedDemo } from './seed.ts';
import { startServer } from './server.ts';
import { startJobs } from './platform/delivery/index.ts';
import { serveBackups } from './platform/backup-serve.ts';
import { manifests } from './modules/index.ts';

const SHUTDOWN_GRACE_MS = 25_000;

export async function main(): Promise<void> {
  const t0 = performance.now();
  const config = loadConfig();
  const p = await createPlatform(config, { modules: manifests });
  if (config.demoSeed && !(await isSeeded(p.db))) {
    await seedDemo(p.db, config.secret);
    p.log.info('seeded the demo city 마당시');
  }
  const server = await startServer(p);
  const backups = await serveBackups(p);
  const jobs = startJobs(p);
  p.log.info(
    { url: server.url, database: p.dbKind, redis: !!config.redisUrl, startMs: Math.round(performance.now() - t0) },
    `Madang is serving at ${server.url}`,
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    p.log.info({ signal }, 'shutting down');
    // A job in hand may be long (a first daily run over years of proposals). Past the grace period the process
    // leaves anyway: its lease expires and another worker (or this one, restarted) runs the job again, and every
    // job is safe to repeat. 25 s stays inside the 30 s most service managers wait before SIGKILL.
    setTimeout(() => {
      p.log.warn(
        { graceMs: SHUTDOWN_GRACE_MS },
        'jobs still running at the end of the grace period; leaving them to their leases',
      );
      process.exit(0);
    }, SHUTDOWN_GRACE_MS).unref();
    await server.close();
    await backups?.close();
    await jobs.stop();
    await p.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

const isEntry = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
if (isEntry)
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });

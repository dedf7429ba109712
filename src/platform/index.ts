// Builds the platform from configuration: database (embedded or server), migrations, bus and limiter (memory or
// Redis), logger, identity verifiers. Closing it releases everything, so a process or a test can end cleanly.
import type { Config } from './config.ts';
import { openDatabase, type DbHandle } from './db.ts';
import { migrate } from './migrate.ts';
import { prepareKeys } from './keys.ts';
import { memoryBus, redisBus } from './bus.ts';
import { memoryLimiter, redisLimiter } from './ratelimit.ts';
import { createLogger } from './log.ts';
import type { Platform } from './context.ts';
import type { IdentityVerifier } from './identity/verifier.ts';
import type { ModuleManifest } from './modules.ts';
import { installModules } from './registry.ts';

export interface Running extends Platform {
  /** The embedded database itself, for backups (absent on a PostgreSQL server). */
  pglite?: DbHandle['pglite'];
  close(): Promise<void>;
}

/** `modules`: the manifests this build serves (src/modules/index.ts); installed before migrating, so their migrations,
 * jobs and texts are there. */
export async function createPlatform(
  config: Config,
  o: {
    modules?: readonly ModuleManifest[];
    handle?: DbHandle;
    verifiers?: IdentityVerifier[];
    logLevel?: string;
    sharedHandle?: boolean;
  } = {},
): Promise<Running> {
  installModules(o.modules ?? []);
  const handle = o.handle ?? (await openDatabase(config));
  const log = createLogger(o.logLevel ?? config.logLevel);
  try {
    await migrate(handle.db);
    await prepareKeys(handle.db, config);
    const bus = config.redisUrl ? await redisBus(config.redisUrl, config.redisPrefix) : memoryBus();
    const limiter = config.redisUrl ? await redisLimiter(config.redisUrl, config.redisPrefix) : memoryLimiter();
    return {
      config,
      db: handle.db,
      dbKind: handle.kind,
      pglite: handle.pglite,
      listen: handle.listen,
      bus,
      limiter,
      log,
      verifiers: o.verifiers ?? [],
      async close() {
        await bus.close();
        await limiter.close();
        if (!o.sharedHandle) await handle.close();
      },
    };
  } catch (e) {
    if (!o.sharedHandle) await handle.close(); // a handle the caller shares stays theirs to close
    throw e;
  }
}

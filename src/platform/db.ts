// One database engine, two ways to run it: embedded PGlite under DATA_DIR, or a PostgreSQL server via DATABASE_URL.
// Only the connection differs; every query above this file is the same SQL.
import { Kysely, PostgresDialect, PGliteDialect, sql } from 'kysely';
import { mkdirSync, openSync, closeSync, writeFileSync, readFileSync, unlinkSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { DB } from './schema.ts';

export type Database = Kysely<DB>;
export interface DbHandle {
  db: Database;
  kind: 'pglite' | 'postgres';
  /** The embedded instance, for dumping its data directory (tests' template, backups). */
  pglite?: PGlite;
  /** LISTEN on a channel: fn runs for every NOTIFY committed on it. Resolves to the unsubscribe. */
  listen(channel: string, fn: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

// int8 as number (counts stay far below 2^53) and date as its 'YYYY-MM-DD' text: a Date at local midnight
// would shift a birth date by the server's time zone.
const INT8 = 20,
  DATE = 1082,
  NUMERIC = 1700;
const asNumber = (v: string) => Number(v);
const asText = (v: string) => v;

/** Holds DATA_DIR/pglite.lock so a second process cannot open the same embedded database (PGlite would let it). */
function takeLock(dir: string): () => void {
  const file = join(dir, 'pglite.lock');
  if (existsSync(file)) {
    const pid = Number(readFileSync(file, 'utf8'));
    let alive = false;
    try {
      if (pid && pid !== process.pid) {
        process.kill(pid, 0);
        alive = true;
      }
    } catch {
      alive = false;
    }
    if (alive)
      throw new Error(`The data directory ${dir} is in use by process ${pid}. Stop it first, or set DATA_DIR.`);
    unlinkSync(file);
  }
  const fd = openSync(file, 'wx');
  writeFileSync(fd, String(process.pid));
  closeSync(fd);
  return () => {
    try {
      unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

/**
 * PGlite's defaults plus a smaller shared_buffers: the embedded database serves one city's pages from the OS file
 * cache, and 128 MB of buffers inside the WebAssembly heap cost ~130 MB of RSS for little gain (measured: README).
 */
const PGLITE_PARAMS = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
];

export async function openPglite(opts: {
  dataDir?: string;
  loadDataDir?: Blob;
  sharedBuffers?: string;
}): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  let release = () => {};
  let pgDir: string | undefined;
  if (opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    release = takeLock(opts.dataDir);
    pgDir = join(opts.dataDir, 'pgdata');
  }
  try {
    const pglite = await PGlite.create({
      dataDir: pgDir,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm },
      startParams: [...PGLITE_PARAMS, '-c', `shared_buffers=${opts.sharedBuffers ?? '32MB'}`],
      parsers: { [INT8]: asNumber, [DATE]: asText, [NUMERIC]: asNumber },
    });
    const db = new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
    return {
      db,
      kind: 'pglite',
      pglite,
      async listen(channel, fn) {
        const off = await pglite.listen(channel, () => fn());
        return async () => {
          if (!pglite.closed) await off();
        };
      },
      async close() {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}

export async function openPostgres(url: string, max = 10): Promise<DbHandle> {
  const pg = await import('pg');
  const types = pg.default.types;
  types.setTypeParser(INT8, asNumber);
  types.setTypeParser(DATE, asText);
  types.setTypeParser(NUMERIC, asNumber);
  // Bounded waits: a request waits at most 5 s for a connection (a server restarting, a pool exhausted) and then
  // gets a 503 (http/unavailable.tsx) instead of hanging; keep-alive notices a server that vanished without a word.
  const pool = new pg.default.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000, keepAlive: true });
  // An idle client's error (a server restart, a terminated backend) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor a checked-out client's: PostgreSQL's fast shutdown (57P01) reaches a client between two statements of a
  // transaction as an 'error' event with no listener, which killed both instances in the fault test. Its next
  // query fails instead (→ 503), and the pool discards it when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    kind: 'postgres',
    listen: (channel, fn) => listenPostgres(pg.default, url, channel, fn),
    async close() {
      await db.destroy();
    },
  };
}

/**
 * A connection of its own (a pooled one would be handed to queries) LISTENs on the channel. If it drops (a server
 * restart), it reconnects after a few seconds; in between, listeners still poll, so nothing is missed, only later.
 */
async function listenPostgres(
  pg: typeof import('pg').default,
  url: string,
  channel: string,
  fn: () => void,
): Promise<() => Promise<void>> {
  let client: InstanceType<typeof pg.Client> | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    const again = () => {
      if (client === c) client = null;
      c.end().catch(() => {});
      if (!closed) {
        clearTimeout(retry);
        retry = setTimeout(() => void connect().catch(() => {}), 5000);
        retry.unref();
      }
    };
    c.on('error', again);
    c.on('end', () => {
      if (client === c && !closed) again();
    });
    c.on('notification', (m) => {
      if (m.channel === channel) fn();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${JSON.stringify(channel)}`);
      client = c;
    } catch (e) {
      again();
      throw e;
    }
  };
  await connect();
  return async () => {
    closed = true;
    clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => {});
  };
}

/** Runs fn in the caller's transaction when there is one, else in its own: store functions compose either way. */
export function inTransaction<T>(db: Database, fn: (trx: Database) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

export async function openDatabase(cfg: { databaseUrl?: string; dataDir: string }): Promise<DbHandle> {
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : openPglite({ dataDir: cfg.dataDir });
}

export { sql };

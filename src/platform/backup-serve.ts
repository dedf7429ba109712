// The running server's side of backups on the embedded database. PGlite is one process and `madang serve` holds
// DATA_DIR, so `madang backup` cannot open the database beside it: it asks the server through a control socket in
// DATA_DIR (a Unix socket only its owner may connect to, like the data itself: no port, no token to leak). The server
// also writes a daily backup into BACKUP_DIR and keeps BACKUP_KEEP_DAYS days of them.
import { createServer, request, type Server } from 'node:http';
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { Running } from './index.ts';
import { registerDaily } from './jobs.ts';
import { backupEmbedded, dailyBackup } from './backup.ts';

const controlSocket = (dataDir: string) => join(dataDir, 'control.sock');
/** Unix socket paths are limited to 107 bytes on Linux (103 on macOS). */
const SOCKET_PATH_MAX = 100;

/**
 * On the embedded database: registers the daily backup and opens the control socket. Returns null on a PostgreSQL
 * server, whose backups are the DBA's (pg_dump, WAL archiving: README).
 */
export async function serveBackups(p: Running): Promise<{ close(): Promise<void> } | null> {
  const pglite = p.pglite;
  if (!pglite) return null;
  const { dataDir, backup } = p.config;
  registerDaily(
    'backup',
    ({ date }) => dailyBackup({ pglite, dataDir, dir: backup.dir, keepDays: backup.keepDays, date }),
    { at: '04:00', transactional: false },
  );

  const path = controlSocket(dataDir);
  if (Buffer.byteLength(path) > SOCKET_PATH_MAX) {
    p.log.warn(
      { path },
      'DATA_DIR path too long for a control socket: `madang backup` cannot reach this server (stop it to back up, or use a shorter DATA_DIR)',
    );
    return { async close() {} };
  }
  // We hold DATA_DIR's lock, so a socket file left there is from a process that died: ours to replace.
  if (existsSync(path)) unlinkSync(path);
  let queue: Promise<unknown> = Promise.resolve();
  const server: Server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/backup') {
      res.writeHead(404).end('unknown request\n');
      return;
    }
    // One backup at a time: two at once would hold two copies of the database in memory for nothing.
    const job = queue.then(() => backupEmbedded(pglite, dataDir));
    queue = job.catch(() => {});
    job.then(
      (data) => {
        p.log.info({ bytes: data.length }, 'backup taken through the control socket');
        res.writeHead(200, { 'content-type': 'application/gzip', 'content-length': data.length }).end(data);
      },
      (e) => {
        p.log.error({ error: e instanceof Error ? e.message : String(e) }, 'backup through the control socket failed');
        res
          .writeHead(500, { 'content-type': 'text/plain; charset=utf-8' })
          .end(`${e instanceof Error ? e.message : e}\n`);
      },
    );
  });
  // Created with no permission for group and others (umask), then made certain (chmod): the socket hands out the data.
  const umask = process.umask(0o177);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
  } finally {
    process.umask(umask);
  }
  chmodSync(path, 0o600);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The client: asks the server running on dataDir for a backup. Null when no server listens there. */
export function requestBackup(dataDir: string): Promise<Buffer | null> {
  const socketPath = controlSocket(dataDir);
  if (!existsSync(socketPath)) return Promise.resolve(null);
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: 'POST', path: '/backup' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        if (res.statusCode === 200) resolve(body);
        else reject(new Error(`the server could not take the backup: ${body.toString('utf8').trim()}`));
      });
      res.on('error', reject);
    });
    // A socket file with nobody behind it (a server killed with -9): no server runs.
    req.on('error', (e: NodeJS.ErrnoException) =>
      e.code === 'ECONNREFUSED' || e.code === 'ENOENT' ? resolve(null) : reject(e),
    );
    req.end();
  });
}

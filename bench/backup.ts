// Backup and restore of the embedded database (a benchmark, not a test): the demo city, optionally grown with extra
// 공감, backed up while pages are requested without pause. Prints the backup's time and size, the slowest page answered
// during it (the copy holds the database while files are read), and the restore's time. Numbers go in the README.
// Usage: npm run bench:backup [-- --acts N]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '../src/platform/db.ts';
import { createPlatform } from '../src/platform/index.ts';
import { loadConfig } from '../src/platform/config.ts';
import { startServer } from '../src/server.ts';
import { seedDemo } from '../src/seed.ts';
import { castMany } from '../src/platform/acts.ts';
import { backupEmbedded, restoreEmbedded } from '../src/platform/backup.ts';

const acts = Number(process.argv[process.argv.indexOf('--acts') + 1]) || 0;
const root = mkdtempSync(join(tmpdir(), 'madang-bench-backup-'));
try {
  const dataDir = join(root, 'city');
  const handle = await openPglite({ dataDir });
  const p = await createPlatform(
    loadConfig({ DATA_DIR: dataDir, SECRET: 'bench-secret-0123456789abcdefghijklmnop', LOG_LEVEL: 'silent' }),
    { handle, logLevel: 'silent' },
  );
  await seedDemo(p.db, p.config.secret);
  for (let i = 0; i < acts; i += 1000) {
    await castMany(
      p.db,
      Array.from({ length: Math.min(1000, acts - i) }, (_, j) => ({
        kind: 'support' as const,
        targetType: 'petition',
        targetId: 1 + ((i + j) % 50),
        personKey: `bench-${i + j}`,
      })),
    );
  }
  const server = await startServer(p, 0, '127.0.0.1');
  let busy = true,
    pages = 0,
    slowest = 0,
    idle = 0;
  const load = (async () => {
    while (busy) {
      const t = performance.now();
      await (await fetch(`${server.url}/proposals/2`)).text();
      slowest = Math.max(slowest, performance.now() - t);
      pages++;
    }
  })();
  // The page's own time without a backup, for comparison.
  await new Promise((r) => setTimeout(r, 2000));
  idle = slowest;
  slowest = 0;
  pages = 0;
  const t0 = performance.now();
  const data = await backupEmbedded(p.pglite!, dataDir);
  const took = performance.now() - t0;
  busy = false;
  await load;
  await server.close();
  await p.close();
  const t1 = performance.now();
  const r = await restoreEmbedded(data, join(root, 'restored'));
  const restored = performance.now() - t1;
  console.log(
    `demo city${acts ? ` + ${acts} 공감` : ''}: backup ${(took / 1000).toFixed(2)} s, ${(data.length / 1e6).toFixed(1)} MB (${r.tables} tables)`,
  );
  console.log(
    `  pages during the backup: ${pages}, slowest ${Math.round(slowest)} ms (slowest in 2 s before it: ${Math.round(idle)} ms)`,
  );
  console.log(`  restore into an empty directory: ${(restored / 1000).toFixed(2)} s`);
} finally {
  rmSync(root, { recursive: true, force: true });
}

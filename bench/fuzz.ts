// Fuzz run (not a test): at least 100,000 generated requests (test/fuzz-inputs.ts: every route, random path segments,
// query strings with paging cursors, NUL and control characters, broken %-sequences, headers and bodies; signed in as
// the administrator and anonymous) to the app on an embedded PGlite. Prints the number of 5xx answers (target 0),
// the statuses seen and requests/s; the first few 5xx are printed in full to reproduce.
// Usage: npm run fuzz [-- --requests 100000 --seed 42]
import fc from 'fast-check';
import { arg } from './lib/harness.ts';
import { testApp, Client } from '../test/helpers.ts';
import { concreteRoutes, request, send } from '../test/fuzz-inputs.ts';

const total = Number(arg('requests', '100000'));
const seed = Number(arg('seed', String(Date.now() % 1_000_000)));
const t = await testApp();
try {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const anonymous = new Client(t);
  await anonymous.get('/login');
  const gen = request(concreteRoutes(t.app.routes));
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let sent = 0;
  const t0 = performance.now();
  let batch = 0;
  while (sent < total) {
    const rs = fc.sample(gen, { numRuns: Math.min(1000, total - sent), seed: seed + batch++ });
    for (const r of rs) {
      if (!admin.cookies.size) await admin.loginAs('admin'); // a generated POST /logout signs the admin out
      let status: number;
      try {
        status = await send(r, admin, anonymous);
      } catch (e) {
        status = 599;
        r.headers['x-thrown'] = (e as Error).message;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 && failures.length < 10)
        failures.push(
          `${status} ${r.method} ${r.url} headers=${JSON.stringify(r.headers)} body=${JSON.stringify(r.body)?.slice(0, 300)}`,
        );
      sent++;
    }
    if (batch % 10 === 0)
      process.stderr.write(`${sent} sent, ${((sent * 1000) / (performance.now() - t0)).toFixed(0)} req/s\n`);
  }
  const secs = (performance.now() - t0) / 1000;
  const fivexx = [...statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
  console.log(`requests: ${sent} (seed ${seed}) in ${secs.toFixed(1)} s = ${(sent / secs).toFixed(0)} req/s`);
  console.log(`5xx: ${fivexx}`);
  console.log(
    `statuses: ${[...statuses]
      .sort((a, b) => a[0] - b[0])
      .map(([s, c]) => `${s}×${c}`)
      .join(' ')}`,
  );
  for (const f of failures) console.log(f);
  process.exitCode = fivexx ? 1 : 0;
} finally {
  await t.close();
}

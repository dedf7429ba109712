// Several app instances behind a load balancer: with REDIS_URL, live counters and rate limits span instances.
// Needs Redis (REDIS_URL or TEST_REDIS_URL, default redis://127.0.0.1:6379), as CI machines have.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { testDatabase, testConfig, Client, type TestApp } from './helpers.ts';
import { createPlatform } from '../src/platform/index.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { manifests } from '../src/modules/index.ts';
import { seedDemo } from '../src/seed.ts';
import type { DbHandle } from '../src/platform/db.ts';

const REDIS = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let handle: DbHandle;
let a: TestApp, b: TestApp;

before(async () => {
  handle = await testDatabase();
  const config = testConfig({
    redisUrl: REDIS,
    redisPrefix: `madang-test-${randomBytes(4).toString('hex')}`,
    writeLimitPerMinute: 5,
  });
  const instance = async (): Promise<TestApp> => {
    const p = await createPlatform(config, { modules: manifests, handle, logLevel: 'silent', sharedHandle: true });
    return { p, app: createApp(p, manifests), close: () => p.close() };
  };
  a = await instance();
  b = await instance();
  await seedDemo(a.p.db, config.secret);
});
after(async () => {
  await a.close();
  await b.close();
  await handle.close();
});

test('a support through instance A moves the live counter served by instance B', async () => {
  const res = await b.app.request('/proposals/2/live');
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buffer = '';
  const nextCount = async (): Promise<number> => {
    for (;;) {
      const m = buffer.match(/event: tally\ndata: (\{[^\n]*\})\n\n/);
      if (m) {
        buffer = buffer.slice(m.index! + m[0].length);
        return JSON.parse(m[1]).count;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('stream ended');
      buffer += dec.decode(value, { stream: true });
    }
  };
  const first = await nextCount();
  const citizen = new Client(a);
  await citizen.loginAs('citizen-3');
  const r = await citizen.post('/proposals/2/support', {}, { accept: 'application/json' });
  assert.equal((await r.json()).status, 'counted');
  assert.equal(await nextCount(), first + 1);
  await reader.cancel();
});

test('rate limits count writes across instances', async () => {
  const onA = new Client(a);
  await onA.loginAs('citizen-4');
  const onB = new Client(b, {});
  onB.cookies = onA.cookies; // the same browser, routed to another instance by the load balancer
  onB.csrf = onA.csrf;
  const statuses: number[] = [];
  for (let i = 0; i < 3; i++) statuses.push((await onA.post('/session/extend', { back: '/' })).status);
  for (let i = 0; i < 3; i++) statuses.push((await onB.post('/session/extend', { back: '/' })).status);
  // Five writes a minute for this person in total, wherever they land: the sixth is refused.
  assert.deepEqual(statuses, [303, 303, 303, 303, 303, 429]);
});

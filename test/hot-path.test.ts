// The 공감 hot path after the bench:supports work: concurrent supports share statements but each answer is its own
// and exact; the live counter sends fewer messages in a burst and ends on the exact count; pages are gzipped whole
// with a length while a 공감's JSON answer and event streams go as they are; forms read as before.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { testApp, Client, type TestApp } from './helpers.ts';
import { castAct, castMany, recount, tallyOf, channelOf, LIVE_EVERY_MS } from '../src/platform/acts.ts';
import { batcher } from '../src/platform/batch.ts';
import { memoryBus } from '../src/platform/bus.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

/** Person keys are hex HMACs; the shard comes from their first digits. */
const key = (s: string) => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('one statement for many casts: a person twice in it counts once, every target gets its own exact count', async () => {
  const a = { kind: 'vote' as const, targetType: 'poll', targetId: 101 },
    b = { kind: 'vote' as const, targetType: 'poll', targetId: 102 };
  await castAct(t.p.db, { ...a, personKey: key('0a') });
  const r = await castMany(t.p.db, [
    { ...a, personKey: key('1a') },
    { ...b, personKey: key('1a') },
    { ...a, personKey: key('2b') },
    { ...a, personKey: key('1a') },
    { ...a, personKey: key('0a') },
    { ...b, personKey: key('3c'), payload: { choice: 2 } },
  ]);
  assert.deepEqual(r, [
    { status: 'counted', count: 3 },
    { status: 'counted', count: 2 },
    { status: 'counted', count: 3 },
    { status: 'duplicate', count: 3 },
    { status: 'duplicate', count: 3 },
    { status: 'counted', count: 2 },
  ]);
  assert.equal(await tallyOf(t.p.db, a), 3);
  assert.equal(await tallyOf(t.p.db, b), 2);
  const stored = await t.p.db
    .selectFrom('acts')
    .select('payload')
    .where('target_type', '=', 'poll')
    .where('target_id', '=', 102)
    .where('person_key', '=', key('3c'))
    .executeTakeFirstOrThrow();
  assert.deepEqual(stored.payload, { choice: 2 });
  assert.deepEqual(await recount(t.p.db), []);
});

test('300 concurrent casts, a third of them repeats: exactly 200 counted and tallied', async () => {
  const target = { kind: 'support' as const, targetType: 'petition', targetId: 7 };
  const people = Array.from({ length: 200 }, (_, i) => key(`p${i}`));
  const results = await Promise.all(
    [...people, ...people.slice(0, 100)].map((personKey) => castAct(t.p.db, { ...target, personKey })),
  );
  assert.equal(results.filter((r) => r.status === 'counted').length, 200);
  assert.equal(results.filter((r) => r.status === 'duplicate').length, 100);
  // Each answer's count includes the person's act (a repeat's too) and never more than were cast.
  assert.deepEqual(
    results.filter((r) => r.count < 1 || r.count > 200),
    [],
  );
  assert.equal(await tallyOf(t.p.db, target), 200);
});

test('a burst of supports moves the live counter at once, then folds into few messages ending on the exact count', async () => {
  const bus = memoryBus();
  const target = { kind: 'support' as const, targetType: 'petition', targetId: 8 };
  const seen: number[] = [];
  await bus.subscribe(channelOf(target), (m) => seen.push((m as { count: number }).count));
  await castAct(t.p.db, { ...target, personKey: key('first') }, bus);
  assert.deepEqual(seen, [1], 'the first support after a quiet spell is sent at once');
  await Promise.all(
    Array.from({ length: 60 }, (_, i) => castAct(t.p.db, { ...target, personKey: key(`burst${i}`) }, bus)),
  );
  await sleep(LIVE_EVERY_MS * 3);
  assert.ok(seen.length < 10, `${seen.length} messages for 61 supports`);
  assert.equal(seen.at(-1), 61, 'the last message carries the final count');
  await bus.close();
});

test('a failing batch fails every caller in it; the next batch runs', async () => {
  let calls = 0;
  const double = batcher(
    async (xs: number[]) => {
      calls++;
      await sleep(20);
      if (xs.includes(13)) throw new Error('unlucky');
      return xs.map((x) => x * 2);
    },
    { maxInFlight: 1 },
  );
  const first = double(1);
  await new Promise((r) => setImmediate(r)); // the first call's statement is under way
  const rest = Promise.allSettled([double(2), double(13), double(4)]); // wait for the first, then go together
  assert.equal(await first, 2);
  const settled = await rest;
  assert.deepEqual(
    settled.map((s) => s.status),
    ['rejected', 'rejected', 'rejected'],
  );
  assert.deepEqual(await Promise.all([double(5), double(6)]), [10, 12]);
  assert.equal(calls, 3);
});

test('a 공감 answers JSON uncompressed; a page is gzipped whole; the stylesheet comes precompressed', async () => {
  const citizen = new Client(t);
  await citizen.loginAs('citizen-2');
  const gzip = { 'accept-encoding': 'gzip, deflate, br' };
  const r = await citizen.post('/proposals/2/support', {}, { accept: 'application/json', ...gzip });
  assert.equal(r.headers.get('content-encoding'), null);
  const answer = await r.json();
  assert.equal(answer.status, 'counted');
  assert.match(answer.message, /^공감했습니다/);
  const again = await (await citizen.post('/proposals/2/support', {}, { accept: 'application/json', ...gzip })).json();
  assert.equal(again.status, 'duplicate');
  assert.match(again.message, /^이미 공감하셨습니다/);

  const page = await citizen.request('/proposals/1', { headers: gzip });
  assert.equal(page.headers.get('content-encoding'), 'gzip');
  assert.match(page.headers.get('vary') ?? '', /Accept-Encoding/);
  assert.equal(page.headers.get('x-frame-options'), 'DENY', 'security headers survive compression');
  const body = Buffer.from(await page.arrayBuffer());
  assert.equal(Number(page.headers.get('content-length')), body.length);
  assert.match(gunzipSync(body).toString('utf8'), /^<!DOCTYPE html>[\s\S]*<h1>/);

  const plain = await new Client(t).request('/proposals/1');
  assert.equal(plain.headers.get('content-encoding'), null, 'no gzip for a client that does not take it');
  assert.match(await plain.text(), /<!DOCTYPE html>/);

  const css = await citizen.request('/static/madang.css', { headers: gzip });
  assert.equal(css.headers.get('content-encoding'), 'gzip');
  assert.match(gunzipSync(Buffer.from(await css.arrayBuffer())).toString('utf8'), /Pretendard GOV/);
});

test('the live counter stream is not compressed (it would be held back)', async () => {
  const res = await t.app.request('/proposals/1/live', { headers: { 'accept-encoding': 'gzip' } });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  assert.equal(res.headers.get('content-encoding'), null);
  const reader = res.body!.getReader();
  assert.match(new TextDecoder().decode((await reader.read()).value), /event: tally/);
  await reader.cancel();
});

test('forms read the last value of a repeated field, and a wrong CSRF token among them is still refused', async () => {
  const citizen = new Client(t);
  await citizen.loginAs('citizen-3');
  const body = `_csrf=wrong&_csrf=${encodeURIComponent(citizen.csrf)}&title=${encodeURIComponent('첫 제목')}`;
  const ok = await citizen.request('/proposals/3/support', {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  });
  assert.equal((await ok.json()).status, 'counted');
  const refused = await citizen.request('/proposals/3/support', {
    method: 'POST',
    body: `_csrf=${encodeURIComponent(citizen.csrf)}&_csrf=wrong`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
  });
  assert.equal(refused.status, 403);
});

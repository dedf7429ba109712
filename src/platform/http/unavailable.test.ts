// Which errors mean "the database is away" (503, retry) rather than a bug (500); the outage log's throttle. The
// behaviour under a real PostgreSQL restart is exercised by `npm run test:faults`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatabaseUnavailable, logEvery } from './unavailable.tsx';

test('socket errors, connection SQLSTATEs and pool timeouts count as the database being unavailable', () => {
  const err = (props: Record<string, unknown>) => Object.assign(new Error(String(props.message ?? 'x')), props);
  assert.ok(isDatabaseUnavailable(err({ code: 'ECONNREFUSED' })));
  assert.ok(
    isDatabaseUnavailable(err({ code: '57P01', message: 'terminating connection due to administrator command' })),
  );
  assert.ok(isDatabaseUnavailable(err({ code: '57P03', message: 'the database system is shutting down' })));
  assert.ok(isDatabaseUnavailable(err({ code: '08006' })));
  assert.ok(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect')));
  assert.ok(isDatabaseUnavailable(new Error('Connection terminated unexpectedly')));
  assert.ok(isDatabaseUnavailable(Object.assign(new AggregateError([err({ code: 'ECONNREFUSED' })], ''), {})));
  assert.ok(isDatabaseUnavailable(new Error('query failed', { cause: err({ code: 'ECONNRESET' }) })));
});

test('bugs and bad data are not mistaken for an outage', () => {
  assert.equal(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' })), false);
  assert.equal(isDatabaseUnavailable(Object.assign(new Error('syntax error'), { code: '42601' })), false);
  assert.equal(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')")), false);
  assert.equal(isDatabaseUnavailable(null), false);
  assert.equal(isDatabaseUnavailable('ECONNREFUSED'), false);
});

test('the outage warning is logged once per period, with how many requests it stands for', () => {
  let now = 0;
  const l = logEvery(5000, () => now);
  assert.equal(l.note(), 1);
  assert.equal(l.note(), 0);
  now = 1000;
  assert.equal(l.note(), 0);
  now = 5000;
  assert.equal(l.note(), 3);
  now = 5001;
  assert.equal(l.note(), 0);
});

// The job queue on the real database (PGlite, or the PostgreSQL server with TEST_DATABASE_URL): idempotent jobs,
// retries with backoff and a visible permanent failure, leases that outlive a dead worker, two workers sharing one
// queue, and the daily scheduler that runs a handler once per Seoul day however many instances there are.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { testApp, type TestApp } from './helpers.ts';
import {
  enqueue,
  JobRegistry,
  PermanentError,
  retryJob,
  Worker,
  dailyRunAt,
  type WorkerOptions,
} from '../src/platform/jobs.ts';
import { notify } from '../src/platform/notify.ts';
import { openPostgres, sql, type Database } from '../src/platform/db.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

const worker = (registry: JobRegistry, o: WorkerOptions = {}, db: Database = t.p.db) =>
  new Worker({ ...t.p, db }, { registry, backoff: () => 0, pollMs: 20, ...o });

/** On the server, a second connection pool to the same database: a second app instance. On PGlite, the same one. */
async function secondInstance(): Promise<{ db: Database; close(): Promise<void> }> {
  if (t.p.dbKind !== 'postgres') return { db: t.p.db, close: async () => {} };
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(t.p.db);
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${rows[0].name}`;
  return openPostgres(url.toString(), 5);
}
const job = (id: number) => t.p.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

test('a job with a unique key is queued once, runs once and keeps its outcome', async () => {
  const reg = new JobRegistry();
  const seen: unknown[] = [];
  reg.register('test.once', async (payload) => {
    seen.push(payload.n);
    return `handled ${payload.n}`;
  });
  const [id] = await enqueue(t.p.db, { kind: 'test.once', payload: { n: 1 }, uniqueKey: 'once:1' });
  assert.deepEqual(
    await enqueue(t.p.db, { kind: 'test.once', payload: { n: 2 }, uniqueKey: 'once:1' }),
    [],
    'the second enqueue is a no-op',
  );
  assert.equal(await worker(reg).drain(), 1);
  assert.equal(await worker(reg).drain(), 0, 'nothing left to do');
  assert.deepEqual(seen, [1]);
  const row = await job(id);
  assert.equal(row.state, 'done');
  assert.equal(row.outcome, 'handled 1');
  assert.equal(row.attempts, 1);
});

test('a failing job is retried with backoff, keeps its attempts and last error (masked), fails for good, and an administrator retry runs it again', async () => {
  const reg = new JobRegistry();
  let calls = 0,
    healthy = false;
  reg.register('test.flaky', async () => {
    calls++;
    if (!healthy) throw new Error('451 mailbox of hong@example.com busy, call 010-1234-5678');
    return 'finally';
  });
  const [id] = await enqueue(t.p.db, { kind: 'test.flaky', maxAttempts: 3 });
  const delays: number[] = [];
  const w = worker(reg, {
    backoff: (attempt) => {
      delays.push(attempt);
      return 60_000;
    },
  });
  assert.equal(await w.drain(), 1);
  let row = await job(id);
  assert.equal(row.state, 'queued');
  assert.equal(row.attempts, 1);
  assert.ok(new Date(row.run_at).getTime() > Date.now() + 50_000, 'the retry waits for its backoff');
  assert.doesNotMatch(row.last_error!, /hong@example\.com|1234-5678/, 'no address or number in the stored error');
  assert.match(row.last_error!, /451 mailbox of ho\**@example\.com busy, call 010-\*{4}-5678/);
  assert.equal(await w.drain(), 0, 'not due yet');

  // Two more attempts, due at once: the third is the last.
  const fast = worker(reg);
  await t.p.db.updateTable('jobs').set({ run_at: new Date() }).where('id', '=', id).execute();
  assert.equal(await fast.drain(), 2);
  row = await job(id);
  assert.equal(row.state, 'failed');
  assert.equal(row.attempts, 3);
  assert.ok(row.finished_at);
  assert.equal(calls, 3);
  assert.deepEqual(delays, [1]);

  healthy = true;
  assert.ok(await retryJob(t.p.db, id));
  assert.equal(await retryJob(t.p.db, id), null, 'only a failed job can be retried');
  assert.equal(await fast.drain(), 1);
  row = await job(id);
  assert.equal(row.state, 'done');
  assert.equal(row.outcome, 'finally');
});

test('a PermanentError fails the job at once; a job of a kind nobody handles is left alone', async () => {
  const reg = new JobRegistry();
  reg.register('test.hopeless', async () => {
    throw new PermanentError('550 no such user');
  });
  const [id] = await enqueue(t.p.db, { kind: 'test.hopeless' });
  const [other] = await enqueue(t.p.db, { kind: 'test.unknown-here' });
  await worker(reg).drain();
  const row = await job(id);
  assert.equal(row.state, 'failed');
  assert.equal(row.attempts, 1);
  assert.equal(row.last_error, '550 no such user');
  assert.equal((await job(other)).state, 'queued', 'claimed only by a worker that knows the kind');
});

test('a job whose worker died is taken again when its lease expires, and the dead worker cannot mark it', async () => {
  const reg = new JobRegistry();
  const ran: string[] = [];
  reg.register('test.lease', async (_p, ctx) => {
    ran.push(ctx.job.kind);
    return 'ok';
  });
  const [id] = await enqueue(t.p.db, { kind: 'test.lease' });
  let clock = Date.now();
  const dead = worker(reg, { leaseMs: 1000, now: () => new Date(clock) });
  const [claimed] = await dead.claim();
  assert.equal(claimed.id, id);
  const alive = worker(reg, { leaseMs: 1000, now: () => new Date(clock) });
  assert.deepEqual(await alive.claim(), [], 'leased: nobody else takes it');
  clock += 1500;
  assert.equal(await alive.drain(), 1, 'the lease expired; the live worker runs it');
  await dead.run(claimed); // the "dead" worker wakes up late and finishes its copy
  const row = await job(id);
  assert.equal(row.state, 'done');
  assert.equal(row.attempts, 2, 'two claims, one completion');
  assert.equal(ran.length, 2, 'at least once: the stale copy ran, but could not mark the job');
});

test('two workers on one queue: every job is done exactly once', async () => {
  const reg = new JobRegistry();
  const doneBy = new Map<number, string[]>();
  reg.register('test.share', async (payload, ctx) => {
    await sleep(2);
    const n = Number(payload.n);
    doneBy.set(n, [...(doneBy.get(n) ?? []), ctx.job.id + '']);
    return 'ok';
  });
  const N = 200;
  await enqueue(
    t.p.db,
    Array.from({ length: N }, (_, n) => ({ kind: 'test.share', payload: { n }, uniqueKey: `share:${n}` })),
  );
  const other = await secondInstance();
  const a = worker(reg, { id: 'instance-a', concurrency: 4 }),
    b = worker(reg, { id: 'instance-b', concurrency: 4 }, other.db);
  const byWorker = new Map<string, number>();
  const count = async (w: Worker) => {
    const n = await w.drain();
    byWorker.set(w.id, n);
  };
  await Promise.all([count(a), count(b)]);
  await other.close();
  assert.equal(doneBy.size, N);
  assert.ok(
    [...doneBy.values()].every((runs) => runs.length === 1),
    'no job ran twice',
  );
  assert.equal(byWorker.get('instance-a')! + byWorker.get('instance-b')!, N);
  const states = await t.p.db
    .selectFrom('jobs')
    .select(['state', 'attempts'])
    .where('kind', '=', 'test.share')
    .execute();
  assert.ok(states.every((s) => s.state === 'done' && s.attempts === 1));
  if (t.p.dbKind === 'postgres')
    assert.ok(
      byWorker.get('instance-a')! > 0 && byWorker.get('instance-b')! > 0,
      `both instances took jobs: ${[...byWorker]}`,
    );
});

test('registerDaily runs a handler once per Seoul day across instances, in one transaction with its job', async () => {
  const reg = new JobRegistry();
  const days: string[] = [];
  let failOnce = true;
  const citizen = (await t.p.db.selectFrom('persons').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  reg.registerDaily(
    'test.reminders',
    async ({ db, date }) => {
      await notify(db, [citizen], {
        kind: 'test.reminder',
        targetType: 'test',
        targetId: 1,
        text: { ko: `${date} 답변 기한 알림`, en: `${date} deadline reminder` },
      });
      if (failOnce) {
        failOnce = false;
        throw new Error('the first try breaks after notifying');
      }
      days.push(date);
    },
    { at: '09:00' },
  );
  // 2026-03-02 09:30 in Seoul is 00:30 UTC.
  let clock = new Date('2026-03-02T00:30:00Z');
  const other = await secondInstance();
  const a = worker(reg, { now: () => clock }),
    b = worker(reg, { now: () => clock }, other.db);
  await Promise.all([a.drain(), b.drain()]);
  await Promise.all([a.drain(), b.drain()]);
  assert.deepEqual(days, ['2026-03-02'], 'once, though two instances scheduled it and the first try failed');
  const notes = await t.p.db
    .selectFrom('notifications')
    .select('text_ko')
    .where('kind', '=', 'test.reminder')
    .execute();
  assert.deepEqual(
    notes.map((n) => n.text_ko),
    ['2026-03-02 답변 기한 알림'],
    'the failed try left no notice behind',
  );

  clock = new Date('2026-03-02T14:59:00Z'); // 23:59 in Seoul: still the same day
  await Promise.all([a.drain(), b.drain()]);
  assert.deepEqual(days, ['2026-03-02']);
  clock = new Date('2026-03-02T15:01:00Z'); // 00:01 on the 3rd in Seoul: queued for 09:00, not yet due
  await Promise.all([a.drain(), b.drain()]);
  assert.deepEqual(days, ['2026-03-02']);
  const next = await t.p.db
    .selectFrom('jobs')
    .select(['run_at', 'state'])
    .where('unique_key', '=', 'daily:test.reminders:2026-03-03')
    .executeTakeFirstOrThrow();
  assert.equal(new Date(next.run_at).toISOString(), dailyRunAt('2026-03-03', '09:00').toISOString());
  assert.equal(new Date(next.run_at).toISOString(), '2026-03-03T00:00:00.000Z');
  clock = new Date('2026-03-03T00:00:01Z');
  await Promise.all([a.drain(), b.drain()]);
  await other.close();
  assert.deepEqual(days, ['2026-03-02', '2026-03-03']);
});

test('a daily handler that commits step by step (transactional: false) gets the plain database', async () => {
  const reg = new JobRegistry();
  const seen: string[] = [];
  reg.registerDaily(
    'test.steps',
    async ({ db, date }) => {
      assert.equal(db.isTransaction, false);
      await db.transaction().execute(async (trx) => {
        seen.push(`${date}:${trx.isTransaction}`);
      });
      return 'two steps';
    },
    { at: '00:10', transactional: false },
  );
  const clock = new Date('2026-03-05T00:00:00Z');
  await worker(reg, { now: () => clock }).drain();
  assert.deepEqual(seen, ['2026-03-05:true']);
  const row = await t.p.db
    .selectFrom('jobs')
    .select(['state', 'outcome'])
    .where('unique_key', '=', 'daily:test.steps:2026-03-05')
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { state: 'done', outcome: 'two steps' });
});

test('a started worker picks up new jobs by itself, and stop() waits for the job in hand', async () => {
  const reg = new JobRegistry();
  let finished = 0;
  reg.register('test.slow', async () => {
    await sleep(150);
    finished++;
    return 'ok';
  });
  const w = worker(reg, { pollMs: 20 }).start();
  const [id] = await enqueue(t.p.db, { kind: 'test.slow' });
  for (let i = 0; i < 100 && (await job(id)).state !== 'running'; i++) await sleep(10);
  await w.stop();
  assert.equal(finished, 1, 'the job in hand finished before stop() returned');
  assert.equal((await job(id)).state, 'done');
});

test('a job queued in another instance wakes an idle worker at once (LISTEN/NOTIFY), only after the commit', async () => {
  const reg = new JobRegistry();
  const done: string[] = [];
  reg.register('test.wake', async (payload) => {
    done.push(String(payload.n));
  });
  // Polling once an hour: only the notification can make this worker look for work during the test.
  const w = worker(reg, { pollMs: 3_600_000 }).start();
  const other = await secondInstance();
  const until = async (n: number) => {
    for (let i = 0; i < 200 && done.length < n; i++) await sleep(50);
  };
  try {
    await sleep(300); // the worker has looked once, found nothing, and sleeps
    await other.db.transaction().execute(async (trx) => {
      await enqueue(trx, { kind: 'test.wake', payload: { n: 'in a transaction' } });
      await sleep(300);
      assert.deepEqual(done, [], 'nothing runs before the commit');
    });
    await until(1);
    assert.deepEqual(done, ['in a transaction']);
    await enqueue(other.db, { kind: 'test.wake', payload: { n: 'second' } });
    await until(2);
    assert.deepEqual(done, ['in a transaction', 'second']);
  } finally {
    await w.stop();
    await other.close();
  }
});

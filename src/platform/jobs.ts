// A durable job queue in PostgreSQL (the `jobs` table), the same on PGlite and on a server.
//
// - enqueue() inside a caller's transaction is the outbox: the job exists exactly when the act that wanted it
//   committed. A unique key makes a job idempotent (a second enqueue with the key is a no-op).
// - Workers claim due jobs with FOR UPDATE SKIP LOCKED, so several app instances share one queue and never take the
//   same job at once. A claim is a lease (locked_until): a worker that dies mid-job leaves the lease to expire, any
//   worker puts the job back in the queue (reap, once a minute) and it is taken again. Every state change checks the lease (locked_by, attempts), so a worker that
//   lost its lease cannot mark a job another one has taken.
// - A failed attempt is retried later with exponential backoff; after max_attempts, or on a PermanentError, the job
//   stays `failed` with its last error (personal data masked) until an administrator retries it.
// - Handlers declared `transactional` run in one transaction with the job's completion: their database effects and
//   the "done" mark commit together, so such a job takes effect exactly once. Handlers that talk to the outside world
//   (SMTP, an SMS gateway) cannot be inside a transaction: they are at least once — a crash after the send and before
//   the mark sends again when the lease expires (see README, "Delivery guarantees").
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './db.ts';
import type { Logger } from './log.ts';
import type { Config } from './config.ts';
import { detectPii, maskText } from '../rules/pii/index.ts';
import { seoulDateOf, type IsoDate } from '../rules/calendar/index.ts';

export interface Job {
  id: number;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  uniqueKey: string | null;
}
interface JobContext {
  db: Database;
  log: Logger;
  config: Config;
  job: Job;
}
/** Runs one job; the string it returns is kept as the job's outcome (shown on the admin delivery page). */
export type JobHandler = (payload: Record<string, unknown>, ctx: JobContext) => Promise<string | void>;
export interface HandlerOptions {
  transactional?: boolean;
}

/** Thrown by a handler when trying again cannot help (an address the mail server refuses): the job fails at once. */
export class PermanentError extends Error {}
class LeaseLost extends Error {}

export interface NewJob {
  kind: string;
  payload?: Record<string, unknown>;
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
}

/** The NOTIFY channel on which enqueue() tells every worker, in every instance, that a job is waiting. */
const JOB_CHANNEL = 'madang_jobs';

/** Adds jobs; those whose unique key exists already are skipped. Returns the ids of the jobs added. Workers are
 * woken through NOTIFY, which PostgreSQL delivers when the caller's transaction commits (never before). */
export async function enqueue(db: Database, jobs: NewJob | NewJob[]): Promise<number[]> {
  const list = Array.isArray(jobs) ? jobs : [jobs];
  if (!list.length) return [];
  const rows = await db
    .insertInto('jobs')
    .values(
      list.map((j) => ({
        kind: j.kind,
        payload: JSON.stringify(j.payload ?? {}),
        unique_key: j.uniqueKey ?? null,
        ...(j.runAt ? { run_at: j.runAt } : {}),
        ...(j.maxAttempts ? { max_attempts: j.maxAttempts } : {}),
      })),
    )
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .execute();
  if (rows.length) await sql`select pg_notify(${JOB_CHANNEL}, '')`.execute(db);
  return rows.map((r) => r.id);
}

/** Errors go to the table and the log with e-mail addresses and phone numbers masked (SMTP errors quote them). */
export function redactError(e: unknown): string {
  const text = (e instanceof Error ? e.message : String(e)).slice(0, 1000);
  return maskText(text, detectPii(text, { kinds: ['email', 'phone'] }));
}

/** 30 s, 1 min, 2 min, … capped at 2 hours, ±20% so that instances do not retry in step: 10 attempts span ≈ 5 hours. */
function defaultBackoff(attempt: number): number {
  const base = Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 2 * 3600_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

// ---- registry: which kinds of job this build knows, and the daily schedule ----------------------------------------

/** Gets the day (Asia/Seoul) it runs for and a transaction that commits together with the job's completion. */
export type DailyHandler = (ctx: {
  db: Database;
  date: IsoDate;
  log: Logger;
  config: Config;
}) => Promise<string | void>;
interface Daily {
  name: string;
  at: string;
  run: DailyHandler;
}

export class JobRegistry {
  private readonly handlers = new Map<string, { run: JobHandler; transactional: boolean }>();
  private readonly dailies = new Map<string, Daily>();

  register(kind: string, run: JobHandler, o: HandlerOptions = {}): void {
    this.handlers.set(kind, { run, transactional: !!o.transactional });
  }

  /**
   * Runs `run` once per calendar day in Asia/Seoul, at `at` (HH:MM, Seoul time; default 09:00) or as soon after as a
   * worker runs, however many instances there are: the job's unique key is the name and the date. A day on which no
   * instance ran at all is not caught up later. By default the handler runs in a transaction that commits with the
   * job's completion, so what it writes (notices through notify(), more jobs through enqueue()) happens exactly once;
   * a throw rolls it all back and the day's run is retried with backoff. `transactional: false` hands it the plain
   * database instead, for handlers that commit step by step (each step must then be safe to repeat on a retry).
   */
  registerDaily(name: string, run: DailyHandler, o: { at?: string; transactional?: boolean } = {}): void {
    const at = o.at ?? '09:00';
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at)) throw new Error(`registerDaily(${name}): at must be HH:MM, got ${at}`);
    this.dailies.set(name, { name, at, run });
    this.register(
      `daily:${name}`,
      (payload, ctx) => run({ db: ctx.db, date: String(payload.date), log: ctx.log, config: ctx.config }),
      { transactional: o.transactional ?? true },
    );
  }

  handler(kind: string) {
    return this.handlers.get(kind);
  }
  kinds(): string[] {
    return [...this.handlers.keys()];
  }
  daily(): Daily[] {
    return [...this.dailies.values()];
  }
}

/** The process-wide registry: modules register at import time; `madang serve` runs its worker on it. */
export const jobRegistry = new JobRegistry();
export const registerDaily = (name: string, run: DailyHandler, o?: { at?: string; transactional?: boolean }) =>
  jobRegistry.registerDaily(name, run, o);

/** The instant a daily job is due: its Seoul date at HH:MM, Korea being UTC+9 all year. */
export const dailyRunAt = (date: IsoDate, at: string) => new Date(`${date}T${at}:00+09:00`);

/** Puts today's run of every daily job in the queue (a no-op where it is there already). */
async function scheduleDailies(db: Database, registry: JobRegistry, now: Date): Promise<void> {
  const date = seoulDateOf(now);
  await enqueue(
    db,
    registry.daily().map((d) => ({
      kind: `daily:${d.name}`,
      payload: { date },
      uniqueKey: `daily:${d.name}:${date}`,
      runAt: dailyRunAt(date, d.at),
    })),
  );
}

// ---- the worker ----------------------------------------------------------------------------------------------------

export interface WorkerOptions {
  registry?: JobRegistry;
  /** Jobs run at once by this worker. */
  concurrency?: number;
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job (longer than any send's time-out). */
  leaseMs?: number;
  backoff?: (attempt: number) => number;
  /** The clock (tests move it to another day). */
  now?: () => Date;
  id?: string;
}

interface Row {
  id: number;
  kind: string;
  payload: Record<string, unknown> | string;
  attempts: number;
  max_attempts: number;
  unique_key: string | null;
}

export class Worker {
  readonly id: string;
  private readonly registry: JobRegistry;
  private readonly o: Required<Omit<WorkerOptions, 'registry' | 'id'>>;
  private stopping = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  /** A wake that came while a round was running: the next round starts without sleeping. */
  private woken = false;
  private scheduledAt = 0;
  private scheduledDate = '';

  private unlisten: (() => Promise<void>) | null = null;

  constructor(
    private readonly p: {
      db: Database;
      log: Logger;
      config: Config;
      listen?: (channel: string, fn: () => void) => Promise<() => Promise<void>>;
    },
    o: WorkerOptions = {},
  ) {
    this.registry = o.registry ?? jobRegistry;
    this.id = o.id ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    this.o = {
      concurrency: o.concurrency ?? p.config.jobs.concurrency,
      pollMs: o.pollMs ?? p.config.jobs.pollMs,
      leaseMs: o.leaseMs ?? 5 * 60_000,
      backoff: o.backoff ?? defaultBackoff,
      now: o.now ?? (() => new Date()),
    };
  }

  /**
   * Claims up to `limit` due jobs and leases them to this worker. The inner select must walk the partial index of
   * queued jobs in due order and stop after `limit` rows. Without table statistics (PGlite runs no autovacuum) the
   * planner instead bitmap-scans the whole queue and sorts it on every claim — 25–50 ms with 5,000 queued instead
   * of well under 1 ms, measured — so the claim forbids those two plans for itself. Expired leases are put back
   * by reap(), not here: an OR in this query has the same effect.
   */
  async claim(limit = this.o.concurrency): Promise<Job[]> {
    const kinds = this.registry.kinds();
    if (!kinds.length) return [];
    const now = this.o.now(),
      until = new Date(now.getTime() + this.o.leaseMs);
    const rows = await this.p.db.transaction().execute(async (trx) => {
      await sql`set local enable_bitmapscan = off`.execute(trx);
      await sql`set local enable_sort = off`.execute(trx);
      return (
        await sql<Row>`
        update jobs set state = 'running', attempts = attempts + 1, locked_by = ${this.id}, locked_until = ${until}
        where id in (
          select id from jobs
          where state = 'queued' and run_at <= ${now} and kind in (${sql.join(kinds)})
          order by run_at, id
          limit ${limit}
          for update skip locked)
        returning id, kind, payload, attempts, max_attempts, unique_key`.execute(trx)
      ).rows;
    });
    return rows.map((r) => ({
      id: Number(r.id),
      kind: r.kind,
      payload: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
      attempts: r.attempts,
      maxAttempts: r.max_attempts,
      uniqueKey: r.unique_key,
    }));
  }

  /** Puts jobs whose lease expired (their worker died or hung) back in the queue; the next claim counts an attempt. */
  async reap(): Promise<number> {
    const r = await this.p.db
      .updateTable('jobs')
      .set({ state: 'queued', locked_by: null, locked_until: null })
      .where('state', '=', 'running')
      .where('locked_until', '<', this.o.now())
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  private async finish(db: Database, job: Job, outcome: string | null): Promise<void> {
    const r = await db
      .updateTable('jobs')
      .set({ state: 'done', outcome, finished_at: this.o.now(), locked_by: null, locked_until: null })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .where('attempts', '=', job.attempts)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new LeaseLost(`job ${job.id}: lease lost`);
  }

  private async fail(job: Job, e: unknown): Promise<void> {
    const error = redactError(e);
    const permanent = e instanceof PermanentError || job.attempts >= job.maxAttempts;
    const now = this.o.now();
    await this.p.db
      .updateTable('jobs')
      .set({
        state: permanent ? 'failed' : 'queued',
        last_error: error,
        locked_by: null,
        locked_until: null,
        run_at: permanent ? now : new Date(now.getTime() + this.o.backoff(job.attempts)),
        finished_at: permanent ? now : null,
      })
      .where('id', '=', job.id)
      .where('locked_by', '=', this.id)
      .where('attempts', '=', job.attempts)
      .execute();
    this.p.log[permanent ? 'error' : 'warn'](
      { job: job.id, kind: job.kind, attempt: job.attempts, error },
      permanent ? 'job failed for good' : 'job failed; will retry',
    );
  }

  /** Runs one claimed job to its end: done, queued again for a retry, or failed. */
  async run(job: Job): Promise<void> {
    const h = this.registry.handler(job.kind);
    try {
      if (!h) throw new PermanentError(`no handler for ${job.kind}`);
      // A job claimed again after expired leases only: its workers keep dying on it. Stop, visibly.
      if (job.attempts > job.maxAttempts)
        throw new PermanentError('lease expired on every attempt (the worker stopped mid-job)');
      const ctx = { db: this.p.db, log: this.p.log, config: this.p.config, job };
      if (h.transactional) {
        await this.p.db.transaction().execute(async (trx) => {
          const outcome = await h.run(job.payload, { ...ctx, db: trx });
          await this.finish(trx, job, outcome ?? null);
        });
      } else {
        const outcome = await h.run(job.payload, ctx);
        await this.finish(this.p.db, job, outcome ?? null);
      }
    } catch (e) {
      if (e instanceof LeaseLost) {
        this.p.log.warn({ job: job.id, kind: job.kind }, 'job lease lost; another worker has it');
        return;
      }
      await this.fail(job, e).catch((err) =>
        this.p.log.error({ job: job.id, error: redactError(err) }, 'could not record a job failure'),
      );
    }
  }

  /** One round: expired leases and today's daily jobs (at most once a minute), then one batch of due jobs. Returns how many ran. */
  async tick(o: { schedule?: boolean } = {}): Promise<number> {
    const now = this.o.now();
    const date = seoulDateOf(now);
    if (o.schedule || date !== this.scheduledDate || now.getTime() - this.scheduledAt > 60_000) {
      await this.reap();
      await scheduleDailies(this.p.db, this.registry, now);
      this.scheduledAt = now.getTime();
      this.scheduledDate = date;
    }
    const jobs = await this.claim();
    await Promise.all(jobs.map((j) => this.run(j)));
    return jobs.length;
  }

  /** Runs rounds until nothing is due (tests, and `madang jobs run`). Returns the number of jobs run. */
  async drain(maxRounds = 1000): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.tick({ schedule: i === 0 });
      if (!n) break;
      total += n;
    }
    return total;
  }

  /**
   * Runs until stop(). A job queued anywhere wakes the worker at once (LISTEN on JOB_CHANNEL); polling every pollMs
   * stays as the fallback (a lost listening connection, jobs that come due later, expired leases).
   */
  start(): this {
    if (this.loop) return this;
    this.stopping = false;
    this.p
      .listen?.(JOB_CHANNEL, () => this.wake())
      .then(
        (off) => {
          if (this.stopping) void off();
          else this.unlisten = off;
        },
        (e) => this.p.log.warn({ worker: this.id, error: redactError(e) }, 'job worker cannot LISTEN; polling only'),
      );
    this.loop = (async () => {
      while (!this.stopping) {
        let n = 0;
        try {
          n = await this.tick();
        } catch (e) {
          this.p.log.error({ worker: this.id, error: redactError(e) }, 'job worker round failed');
        }
        if (!n && !this.stopping && !this.woken)
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, this.o.pollMs);
            this.wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        this.wakeUp = null;
        this.woken = false;
      }
    })();
    return this;
  }

  /** Looks for work now instead of at the next poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.woken = true;
  }

  /** Stops taking jobs and waits for the ones in hand to end (SIGTERM). */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.unlisten?.();
    this.unlisten = null;
    await this.loop;
    this.loop = null;
  }
}

// ---- what the admin delivery page shows and does -----------------------------------------------------------------

export async function jobCounts(db: Database): Promise<{ kind: string; state: string; n: number }[]> {
  const rows = await db
    .selectFrom('jobs')
    .select(['kind', 'state', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => eb.or([eb('state', '!=', 'done'), eb('finished_at', '>', sql<Date>`now() - interval '1 day'`)]))
    .groupBy(['kind', 'state'])
    .orderBy('kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, state: r.state, n: Number(r.n) }));
}

/** Puts a failed job back in the queue, due now, with a fresh set of attempts. Returns the job as it was. */
export async function retryJob(db: Database, id: number) {
  const before = await db
    .selectFrom('jobs')
    .select(['id', 'kind', 'state', 'attempts', 'last_error'])
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .forUpdate()
    .executeTakeFirst();
  if (!before) return null;
  await db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: sql<Date>`now()`, finished_at: null })
    .where('id', '=', id)
    .execute();
  return before;
}

/** Finished jobs are history; keeping 30 days is enough to see what happened. Failed jobs stay until retried. */
async function pruneJobs(db: Database, days = 30): Promise<number> {
  const r = await db
    .deleteFrom('jobs')
    .where('state', '=', 'done')
    .where('finished_at', '<', sql<Date>`now() - make_interval(days => ${days})`)
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
jobRegistry.registerDaily('jobs.prune', async ({ db }) => `${await pruneJobs(db)} finished jobs removed`, {
  at: '03:30',
});

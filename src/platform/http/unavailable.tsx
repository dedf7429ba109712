// When the database cannot be reached (a PostgreSQL restart, a failover, a network cut), requests are answered at
// once with 503 and Retry-After, in Korean and English, instead of a 500 or a hang: the connection pool gives up
// after a bounded wait (db.ts) and reconnects by itself once the server is back. Almost always nothing was stored,
// but a connection cut during COMMIT leaves it unknown, so the page asks to check before sending again.
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { translator } from '../i18n/index.ts';
import { renderPage } from '../ui/layout.tsx';
import { wantsJson } from './middleware.tsx';

/** Seconds a client is asked to wait: a PostgreSQL restart takes a few seconds. */
export const RETRY_AFTER_SECONDS = 5;

// Socket errors of node-postgres, and SQLSTATEs for "the server is not there (yet)": class 08 (connection exception),
// 57P01-03 (admin/crash shutdown, cannot connect now), 53300 (too many connections).
const NET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|not queryable/i;

/** Whether an error means the database is unreachable (as opposed to a bug or bad data). */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (
    NET_CODES.has(code) ||
    code.startsWith('08') ||
    code === '57P01' ||
    code === '57P02' ||
    code === '57P03' ||
    code === '53300'
  )
    return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  // Node's happy-eyeballs connect fails with an AggregateError holding one error per address.
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/** The 503 answer: JSON for scripts, else a page saying it in the reader's language and, below, the other one. */
export function unavailableResponse(c: Context<AppEnv>): Response {
  c.header('Retry-After', String(RETRY_AFTER_SECONDS));
  const lang = c.get('lang') ?? 'ko';
  const t = c.get('t') ?? translator(lang);
  const other = lang === 'ko' ? 'en' : 'ko',
    t2 = translator(other);
  if (wantsJson(c))
    return c.json({ error: 'unavailable', message: t('error.unavailable.body'), retryAfter: RETRY_AFTER_SECONDS }, 503);
  if (!c.get('t')) {
    c.set('t', t);
    c.set('lang', lang);
  }
  const res = renderPage(
    c,
    { title: t('error.unavailable.title'), status: 503 },
    <div>
      <h1>{t('error.unavailable.title')}</h1>
      <p>{t('error.unavailable.body')}</p>
      <p lang={other}>
        {t2('error.unavailable.title')}. {t2('error.unavailable.body')}
      </p>
    </div>,
  );
  res.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
  return res;
}

/** An outage answers thousands of requests: one log line per period, with how many, instead of one each. */
export function logEvery(ms: number, now: () => number = Date.now): { note(): number } {
  let last = -Infinity,
    count = 0;
  return {
    note() {
      count++;
      if (now() - last < ms) return 0;
      last = now();
      const n = count;
      count = 0;
      return n;
    },
  };
}

/**
 * Runs a step that follows an act already committed (a lifecycle check, a sort count). If the database went away
 * in between, the act stands and is acknowledged: answering 503 would tell the citizen it failed, and a second
 * send would store a comment or proposal twice (the fault test found 88 proposals stored behind a 503). The step
 * is redone by the next act on the same target. Other errors (bugs) are not hidden.
 */
export async function afterCommit(
  log: { warn(o: object, msg: string): void },
  what: string,
  step: () => Promise<unknown>,
): Promise<void> {
  try {
    await step();
  } catch (e) {
    if (!isDatabaseUnavailable(e)) throw e;
    log.warn({ what, err: { message: (e as Error).message } }, 'a step after a committed act failed; the act stands');
  }
}

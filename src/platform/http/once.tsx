// Idempotent create forms (issue 12): a form sent twice creates one thing. Every form rendered with <Csrf> carries a
// one-time token (_ft, platform/ui/forms.tsx); a handler wraps what it creates in `once`:
//
//   return once(c, async (db) => { const r = await store.create(db, …); return `/things/${r.id}?msg=created`; });
//
// The token is claimed in the same transaction as the created rows and stored with the place to go afterwards. A
// repeat — sequential (a second click after the first answer) or concurrent (eight clicks at once; on a PostgreSQL
// server they wait on the token's unique key) — is sent to what the first created, with a notice, and never makes a
// second row or a server error. A request without a token (API clients may send an Idempotency-Key header instead)
// runs the same way without the guard.
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db.ts';
import { claimToken, inSavepoint, recordLocation, submissionOf, type Submission } from '../form-submissions.ts';

const FORM_TOKEN_FIELD = '_ft';
const TOKEN = /^[\w-]{16,64}$/;

/** The submission's token: the form field, else an Idempotency-Key header; malformed ones count as none. */
function formTokenOf(c: Context<AppEnv>): string | null {
  const v = c.get('form')[FORM_TOKEN_FIELD] ?? c.req.header('idempotency-key');
  return v && TOKEN.test(v) ? v : null;
}

/**
 * The handler decided not to create after all: its answer, made after the rollback (so it may read the database).
 * Nothing it wrote is kept, nor the token: the corrected form can be sent again.
 */
export type Refusal = () => Response | Promise<Response>;
class Declined extends Error {
  constructor(readonly answer: Refusal) {
    super('declined');
  }
}

/**
 * A transaction that store code can use as if it were the database: where that code opens its own transaction
 * (`db.transaction().execute(fn)`, which a Kysely transaction refuses), fn runs in a savepoint of this one instead,
 * so an error it catches rolls back only its own part, as its own transaction would have.
 */
export function joinable(trx: Database): Database {
  let n = 0;
  const proxy: Database = new Proxy(trx, {
    get(target, prop) {
      if (prop === 'transaction') {
        return () => ({
          execute: <T,>(fn: (t: Database) => Promise<T>) => inSavepoint(target, `once_${++n}`, () => fn(proxy)),
        });
      }
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
  return proxy;
}

/** The created thing's address with the "already saved" notice in place of the first answer's. */
export function withRepeatNotice(location: string): string {
  const hash = location.indexOf('#');
  const path = hash < 0 ? location : location.slice(0, hash),
    frag = hash < 0 ? '' : location.slice(hash);
  const q = path.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
  params.set('msg', 'already-saved');
  return `${q < 0 ? path : path.slice(0, q)}?${params}${frag}`;
}

async function repeat(c: Context<AppEnv>, first: Submission | undefined): Promise<Response> {
  const actor = c.get('actor');
  // A token is only ever rendered to one person; someone else presenting it learns nothing about what it made.
  if (!first || !first.location || first.personId !== (actor?.id ?? null)) {
    const t = c.get('t');
    const { renderPage } = await import('../ui/layout.tsx');
    return renderPage(
      c,
      { title: t('form.tokenUsed'), status: 409, error: t('form.tokenUsed') },
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>,
    );
  }
  return c.redirect(withRepeatNotice(first.location), 303);
}

/**
 * Runs `create` once per form token, in one transaction with the token. `create` gets that transaction (use it for
 * every query: on PGlite a query on the plain database would wait for this transaction forever) and returns the
 * local address to send the person to (303), or a Refusal (a function making the answer), in which case nothing is
 * kept.
 */
export async function once(c: Context<AppEnv>, create: (db: Database) => Promise<string | Refusal>): Promise<Response> {
  const p = c.get('p'),
    token = formTokenOf(c),
    personId = c.get('actor')?.id ?? null;
  if (token) {
    const first = await submissionOf(p.db, token); // a later repeat needs no transaction
    if (first) return repeat(c, first);
  }
  try {
    const location = await p.db.transaction().execute(async (trx) => {
      if (token && !(await claimToken(trx, token, personId))) return null;
      const out = await create(joinable(trx));
      if (typeof out === 'function') throw new Declined(out);
      if (token) await recordLocation(trx, token, out);
      return out;
    });
    return location === null ? repeat(c, await submissionOf(p.db, token!)) : c.redirect(location, 303);
  } catch (e) {
    if (e instanceof Declined) return e.answer();
    // Two first submissions can meet on the token's key in a way the claim did not see (a serialization failure):
    // the one that lost is a repeat of the one that won.
    if (token && (e as { code?: string }).code === '23505') {
      const first = await submissionOf(p.db, token);
      if (first) return repeat(c, first);
    }
    throw e;
  }
}

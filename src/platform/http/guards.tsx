// Guards as middleware, for every module's routes: who must be signed in, who may act, which resource a path names.
// Put them on the routes that need them (`app.get('/x', requireActor(), requirePermission(canX), handler)`), never
// with `.use('*')` in a module's sub-app: mounted at '/', that would guard every module's pages.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';
import type { Actor } from '../permissions.ts';
import { renderPage, hereWith } from '../ui/layout.tsx';
import { wantsJson } from './middleware.tsx';

const MAX_ID = 2_147_483_647;
/** A positive 32-bit id from a path or form value, or null (never a database error on "abc" or 1e99). */
export const idOf = (s: string | undefined) => {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null;
};

/** To the sign-in page, which comes back to `back` afterwards. */
export const loginRedirect = (c: Context<AppEnv>, back: string) =>
  c.redirect(`/login?required=1&back=${encodeURIComponent(back)}`, 303);

/** A page for refused actions (403), in the reader's language; JSON for API clients. */
export function forbidden(c: Context<AppEnv>) {
  const t = c.get('t');
  if (wantsJson(c)) return c.json({ error: 'forbidden', message: t('error.forbidden.body') }, 403);
  return renderPage(
    c,
    { title: t('error.forbidden.title'), status: 403 },
    <div>
      <h1>{t('error.forbidden.title')}</h1>
      <p>{t('error.forbidden.body')}</p>
    </div>,
  );
}

/** Signed in, or the sign-in page that comes back to `back(c)` (default: this page). */
export const requireActor =
  (back: (c: Context<AppEnv>) => string = hereWith): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!c.get('actor')) return loginRedirect(c, back(c));
    await next();
  };

/** Allowed by the module's permission table, or 403. */
export const requirePermission =
  (allowed: (actor: Actor | null, c: Context<AppEnv>) => boolean): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (!allowed(c.get('actor'), c)) return forbidden(c);
    await next();
  };

/**
 * The resource a path names: `load` it (null → 404) before the handler, which reads it with `get(c)`.
 * `const proposal = loadOr404((c) => store.find(c.get('p').db, idOf(c.req.param('id'))))`, then
 * `app.get('/proposals/:id', proposal.guard, (c) => … proposal.get(c) …)`.
 */
export function loadOr404<V>(load: (c: Context<AppEnv>) => Promise<V | null | undefined>) {
  const key = Symbol('resource') as unknown as 'form';
  const guard: MiddlewareHandler<AppEnv> = async (c, next) => {
    const v = await load(c);
    if (v == null) return c.notFound();
    c.set(key, v as never);
    await next();
  };
  return { guard, get: (c: Context<AppEnv>) => c.get(key) as unknown as V };
}

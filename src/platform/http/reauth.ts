// Hardening of the session (issue 12, item 6): Strict-Transport-Security on an https site, and a new sign-in before
// sensitive acts (role grants and revocations, views of personal data in bulk) once the last one is older than
// REAUTH_MINUTES. Someone who finds an unlocked screen in a 동 주민센터 can then read a page, but cannot make
// themselves an administrator or take a list of people away.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { AppEnv } from '../context.ts';
import type { Config } from '../config.ts';
import { cookieOpts } from './middleware.tsx';

/**
 * HSTS only when the city's address is https: on http (the demo on localhost) a browser would ignore it anyway, and
 * a mistaken one on a name later served over http would lock people out for a year.
 */
export function hsts(config: Config): MiddlewareHandler<AppEnv> {
  const on = config.baseUrl.startsWith('https://');
  return async (c, next) => {
    await next();
    if (on) c.res.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}

const RESUME_COOKIE = 'madang_resume';
/** What a person typed is kept through the sign-in for a quarter of an hour, and only if it fits a cookie. */
const RESUME_SECONDS = 15 * 60,
  RESUME_MAX_BYTES = 3000;
const SKIP = new Set(['_csrf', '_ft']);

/** Is the last sign-in recent enough for a sensitive act? */
function signedInRecently(c: Context<AppEnv>, now = Date.now()): boolean {
  const at = c.get('signedInAt');
  return !!at && now - at.getTime() <= c.get('p').config.reauthMinutes * 60_000;
}

const loginFor = (back: string) => `/login?reauth=1&back=${encodeURIComponent(back)}`;

/**
 * Null when the person signed in recently; otherwise the answer sending them to sign in again. A form's fields (but
 * its tokens) are kept in a short-lived httpOnly cookie for `formPage`, which hands them back through `resumed`.
 */
export function reauthenticate(c: Context<AppEnv>, formPage?: string): Response | null {
  if (signedInRecently(c)) return null;
  const u = new URL(c.req.url);
  if (c.req.method !== 'POST' || !formPage) return c.redirect(loginFor(u.pathname + u.search), 303);
  const fields = Object.fromEntries(Object.entries(c.get('form')).filter(([k]) => !SKIP.has(k)));
  const value = Buffer.from(JSON.stringify({ path: formPage, fields })).toString('base64url');
  if (value.length <= RESUME_MAX_BYTES)
    setCookie(c, RESUME_COOKIE, value, { ...cookieOpts(c.get('p')), maxAge: RESUME_SECONDS });
  return c.redirect(loginFor(formPage), 303);
}

/** The fields kept for the form on `path` by `reauthenticate`, once (the cookie is dropped), or null. */
export function resumed(c: Context<AppEnv>, path: string): Record<string, string> | null {
  const raw = getCookie(c, RESUME_COOKIE);
  if (!raw) return null;
  deleteCookie(c, RESUME_COOKIE, { path: '/' });
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { path?: unknown; fields?: unknown };
    if (v.path !== path || typeof v.fields !== 'object' || v.fields === null) return null;
    return Object.fromEntries(Object.entries(v.fields).filter(([, x]) => typeof x === 'string')) as Record<
      string,
      string
    >;
  } catch {
    return null;
  }
}

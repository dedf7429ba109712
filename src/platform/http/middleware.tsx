// Request pipeline: security headers, language and text size, session and actor, CSRF on every state change,
// rate limits on writes. Order matters: CSRF needs the session; the views need all of them.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv, Platform } from '../context.ts';
import { translator, type Lang } from '../i18n/index.ts';
import { loadSession, SESSION_COOKIE, ANON_COOKIE, anonCsrf, newAnonId, sameToken } from '../sessions.ts';

export const LANG_COOKIE = 'madang_lang';
export const TEXT_COOKIE = 'madang_text';

const SECURITY_HEADERS: [string, string][] = [
  [
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  ],
  ['X-Content-Type-Options', 'nosniff'],
  ['Referrer-Policy', 'same-origin'],
  ['X-Frame-Options', 'DENY'],
];

/**
 * Set on the finished response's headers directly: Hono's c.header() after a handler returned rebuilds the response
 * around its body stream, which cost @hono/node-server its one-write path for every answer (bench:supports).
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const h = c.res.headers;
  for (const [k, v] of SECURITY_HEADERS) h.set(k, v);
};

export function cookieOpts(p: Platform) {
  return { httpOnly: true, sameSite: 'Lax' as const, path: '/', secure: p.config.baseUrl.startsWith('https://') };
}

export function context(p: Platform): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('p', p);
    const cookies = getCookie(c); // the header parsed once, not once per cookie
    const q = c.req.query('lang');
    const lang: Lang = q === 'en' || q === 'ko' ? q : cookies[LANG_COOKIE] === 'en' ? 'en' : 'ko';
    c.set('lang', lang);
    c.set('t', translator(lang));
    c.set('large', cookies[TEXT_COOKIE] === 'large');
    c.set('form', {});

    const token = cookies[SESSION_COOKIE];
    const s = await loadSession(p.db, token, p.config.sessionIdleMinutes, new Date(), p.config.sessionMaxHours);
    c.set('sessionExpired', s.state === 'expired');
    c.set('sessionLifetimeOver', s.state === 'expired' && s.reason === 'lifetime');
    c.set('signedInAt', s.state === 'active' ? s.session.signedInAt : null);
    c.set('actor', null);
    c.set('sessionHash', null);
    c.set('unread', 0);
    c.set('idleLeftMinutes', p.config.sessionIdleMinutes);
    if (s.state === 'expired') deleteCookie(c, SESSION_COOKIE, { path: '/' });
    if (s.state === 'active') {
      c.set('actor', s.actor);
      c.set('unread', s.unread);
      c.set('sessionHash', s.session.idHash);
      c.set('csrf', s.session.csrf);
      const idleMs = p.config.sessionIdleMinutes * 60_000 - (Date.now() - s.session.lastSeenAt.getTime());
      c.set('idleLeftMinutes', Math.max(0, Math.ceil(idleMs / 60_000)));
    } else {
      let anon = cookies[ANON_COOKIE];
      if (!anon || !/^[\w-]{16,64}$/.test(anon)) {
        anon = newAnonId();
        setCookie(c, ANON_COOKIE, anon, cookieOpts(p));
      }
      c.set('csrf', anonCsrf(p.config.secret, anon));
    }
    await next();
  };
}

/**
 * Reads the submitted form once; a body that is not a form becomes an empty one rather than an error. As with
 * Hono's parseBody, a repeated field keeps its last value and `name[]` fields are not single values. A URL-encoded
 * body (every form of the app) is decoded directly: parseBody builds a web Response to get FormData, a cost every
 * 공감 paid (bench:supports).
 */
export async function readForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  try {
    if (/^application\/x-www-form-urlencoded/i.test(type)) {
      const out: Record<string, string> = {};
      for (const [k, v] of new URLSearchParams(await c.req.text())) if (!k.endsWith('[]')) out[k] = v;
      return out;
    }
    if (!/^multipart\/form-data/i.test(type)) return {};
    const body = await c.req.parseBody({ all: false });
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
    return out;
  } catch {
    return {};
  }
}

/**
 * Bodies are capped before anything reads them: the CSRF check reads the whole form, so without a cap one request
 * could make the process hold any amount. Forms stop at 1 MB; requests with files at UPLOAD_MAX_MB (a photo's own
 * limit, a setting, is checked by its route with a kinder message). Over the cap: 413 with the reason.
 */
export function bodyCap(uploadBytes: number, formBytes = 1024 * 1024): MiddlewareHandler<AppEnv> {
  const tooLarge = async (c: Context<AppEnv>) => {
    const t = c.get('t'),
      mb = String(Math.round(uploadBytes / 1024 / 1024));
    if (wantsJson(c)) return c.json({ error: 'too_large', message: t('error.tooLarge.body', { mb }) }, 413);
    const { renderPage } = await import('../ui/layout.tsx');
    return renderPage(
      c,
      { title: t('error.tooLarge.title'), status: 413 },
      <div>
        <h1>{t('error.tooLarge.title')}</h1>
        <p>{t('error.tooLarge.body', { mb })}</p>
        <p>
          <a href="/">{t('nav.home')}</a>
        </p>
      </div>,
    );
  };
  const forms = bodyLimit({ maxSize: formBytes, onError: tooLarge });
  const uploads = bodyLimit({ maxSize: uploadBytes, onError: tooLarge });
  return (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const multipart = /^multipart\//i.test(c.req.header('content-type') ?? '');
    // A declared length is checked from the header alone: touching the request's body stream here would turn off
    // the server's fast path for reading it (bench:supports: 0.22 → 0.50 ms of app CPU per 공감). Node stops a body at
    // its declared length; only a chunked body, of unknown length, is counted as it streams in.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number(declared) > (multipart ? uploadBytes : formBytes) ? tooLarge(c) : next();
    }
    return (multipart ? uploads : forms)(c, next);
  };
}

export const wantsJson = (c: Context<AppEnv>) => (c.req.header('accept') ?? '').includes('application/json');

/** Every state-changing request carries the session's CSRF token (form field or X-CSRF-Token header). */
export const csrfGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
  const form = await readForm(c);
  c.set('form', form);
  const sent = form._csrf ?? c.req.header('x-csrf-token');
  if (!sameToken(sent, c.get('csrf')) && !previousAnonCsrf(c, sent)) {
    const t = c.get('t');
    if (wantsJson(c)) return c.json({ error: 'csrf', message: t('error.csrf') }, 403);
    const { renderPage } = await import('../ui/layout.tsx');
    return renderPage(
      c,
      { title: t('error.forbidden.title'), status: 403 },
      <div>
        <h1>{t('error.forbidden.title')}</h1>
        <p>{t('error.csrf')}</p>
      </div>,
    );
  }
  return next();
};

/** During a SECRET rotation a visitor's form from before the switch still posts: its token was made with the old secret. */
function previousAnonCsrf(c: Context<AppEnv>, sent: string | undefined): boolean {
  const old = c.get('p').config.secretPrevious,
    anon = getCookie(c, ANON_COOKIE);
  return !!old && !c.get('actor') && !!anon && sameToken(sent, anonCsrf(old, anon));
}

/**
 * The visitor's address: the first X-Forwarded-For hop when the app sits behind the city's proxy (set TRUST_PROXY
 * there), else the socket's peer. Requests made in-process (tests) have neither and share one bucket.
 */
function clientAddress(c: Context<AppEnv>): string {
  if (c.get('p').config.trustProxy) {
    const hop = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (hop) return hop;
  }
  try {
    return getConnInfo(c).remote.address ?? 'local';
  } catch {
    return 'local';
  }
}

/** Writes are limited per person (or per address for visitors): 60 a minute is far above any honest use. */
export function writeLimit(limit = 60, windowSeconds = 60): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const actor = c.get('actor');
    const who = actor ? `p${actor.id}` : `ip${clientAddress(c)}`;
    const r = await c.get('p').limiter.hit(`w:${who}`, limit, windowSeconds);
    if (!r.allowed) {
      c.header('Retry-After', String(r.retryAfter));
      const t = c.get('t');
      const msg = t('error.rateLimited', { seconds: r.retryAfter });
      if (wantsJson(c)) return c.json({ error: 'rate_limited', message: msg }, 429);
      const { renderPage } = await import('../ui/layout.tsx');
      return renderPage(
        c,
        { title: msg, status: 429 },
        <div>
          <h1>{msg}</h1>
        </div>,
      );
    }
    return next();
  };
}

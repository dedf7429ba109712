// Sign-in routes: the development provider (demo people, refused in production), OpenID Connect providers, and
// 본인확인 adapters; sign-out, "연장", and the language / text-size preferences.
import type { Hono, Context } from 'hono';
import { setCookie, getCookie, deleteCookie } from 'hono/cookie';
import { randomBytes } from 'node:crypto';
import type { AppEnv } from '../context.ts';
import { renderPage } from '../ui/layout.tsx';
import { Csrf } from '../ui/forms.tsx';
import { createSession, destroySession, touchSession, SESSION_COOKIE } from '../sessions.ts';
import { upsertPerson, type VerifiedIdentity } from '../identity/person.ts';
import { beginOidc, completeOidc } from '../identity/oidc.ts';
import { cookieOpts, LANG_COOKIE, TEXT_COOKIE } from './middleware.tsx';

/** Only local paths are followed after sign-in or a preference switch: never an open redirect. */
import { safeBack } from './params.ts';
export { safeBack };

async function startSession(c: Context<AppEnv>, personId: number, provider: string, back: string | undefined) {
  const p = c.get('p');
  const to = safeBack(back); // validated before the session exists: nothing may fail after it is created
  await destroySession(p.db, getCookie(c, SESSION_COOKIE)); // a new session id on every sign-in: no session fixation
  setCookie(c, SESSION_COOKIE, await createSession(p.db, personId), cookieOpts(p));
  p.log.info({ event: 'sign-in', provider, personId }, 'sign-in');
  return c.redirect(to, 303);
}

async function signIn(c: Context<AppEnv>, identity: VerifiedIdentity, back: string) {
  const p = c.get('p');
  const person = await upsertPerson(p.db, p.config.secret, identity, p.config.secretPrevious);
  return startSession(c, person.id, identity.provider, back);
}

export function registerAuth(app: Hono<AppEnv>) {
  app.get('/login', async (c) => {
    const t = c.get('t'),
      p = c.get('p'),
      lang = c.get('lang');
    const back = safeBack(c.req.query('back'));
    const demo = p.config.production
      ? []
      : await p.db
          .selectFrom('persons')
          .select(['id', 'display_name', 'person_key'])
          .where('verification', '=', 'dev')
          .orderBy('id')
          .execute();
    const roles = await p.db
      .selectFrom('person_roles')
      .innerJoin('departments', 'departments.id', 'person_roles.department_id')
      .select(['person_id', 'departments.name_ko', 'departments.name_en'])
      .execute();
    const deptOf = new Map(roles.map((r) => [r.person_id, lang === 'ko' ? r.name_ko : r.name_en]));
    const failed = c.req.query('failed') === '1';
    const reauth = c.req.query('reauth') === '1';
    return renderPage(
      c,
      {
        title: t('login.title'),
        error: failed
          ? t('login.failed')
          : c.req.query('reauth')
            ? t('login.reauth')
            : c.req.query('required')
              ? t('login.required')
              : null,
      },
      <div>
        <h1>{t('login.title')}</h1>
        <p>{t('login.intro')}</p>
        {p.config.oidcProviders.length || p.verifiers.length ? (
          <section aria-labelledby="oidc-h">
            <h2 id="oidc-h">{t('login.oidc.title')}</h2>
            <ul class="button-list">
              {p.config.oidcProviders.map((o) => (
                <li>
                  <a
                    class="btn btn-secondary"
                    href={`/auth/oidc/${o.id}?back=${encodeURIComponent(back)}${reauth ? '&reauth=1' : ''}`}
                  >
                    {t('login.oidc.with', { name: o.name[lang] })}
                  </a>
                </li>
              ))}
              {p.verifiers.map((v) => (
                <li>
                  <a class="btn btn-secondary" href={`/auth/identity/${v.id}?back=${encodeURIComponent(back)}`}>
                    {v.name[lang]}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {demo.length ? (
          <section aria-labelledby="dev-h" class="dev-login">
            <h2 id="dev-h">{t('login.dev.title')}</h2>
            <p class="alert alert-warning">{t('login.dev.warning')}</p>
            <form method="post" action="/auth/dev">
              <Csrf token={c.get('csrf')} />
              <input type="hidden" name="back" value={back} />
              <fieldset>
                <legend>{t('login.dev.pick')}</legend>
                {demo.map((d, i) => (
                  <div class="radio">
                    <input type="radio" name="person" id={`person-${d.id}`} value={String(d.id)} checked={i === 0} />
                    <label for={`person-${d.id}`}>
                      {d.display_name}
                      {deptOf.has(d.id) ? ` (${deptOf.get(d.id)})` : ''}
                    </label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" class="btn btn-primary">
                {t('login.dev.submit')}
              </button>
            </form>
          </section>
        ) : null}
      </div>,
    );
  });

  app.post('/auth/dev', async (c) => {
    const p = c.get('p');
    if (p.config.production) return c.text('The development sign-in is refused in production.', 403);
    const form = c.get('form');
    const id = Number(form.person);
    const person =
      Number.isInteger(id) && id > 0 && id <= 2_147_483_647
        ? await p.db
            .selectFrom('persons')
            .selectAll()
            .where('id', '=', id)
            .where('verification', '=', 'dev')
            .executeTakeFirst()
        : undefined;
    if (!person) return c.redirect('/login?failed=1', 303);
    return startSession(c, person.id, 'dev', form.back);
  });

  app.get('/auth/oidc/:provider', async (c) => {
    const p = c.get('p');
    const prov = p.config.oidcProviders.find((o) => o.id === c.req.param('provider'));
    if (!prov) return c.notFound();
    try {
      const url = await beginOidc(
        p.db,
        prov,
        `${p.config.baseUrl}/auth/oidc/${prov.id}/callback`,
        safeBack(c.req.query('back')),
        { fresh: c.req.query('reauth') === '1' },
      );
      return c.redirect(url, 302);
    } catch (e) {
      p.log.warn({ event: 'oidc-begin-failed', provider: prov.id, err: (e as Error).message }, 'oidc');
      return c.redirect('/login?failed=1', 303);
    }
  });

  app.get('/auth/oidc/:provider/callback', async (c) => {
    const p = c.get('p');
    const prov = p.config.oidcProviders.find((o) => o.id === c.req.param('provider'));
    if (!prov) return c.notFound();
    try {
      const u = new URL(c.req.url);
      const cb = new URL(`${p.config.baseUrl}${u.pathname}${u.search}`);
      const { identity, returnTo } = await completeOidc(p.db, prov, cb);
      return signIn(c, identity, returnTo);
    } catch (e) {
      p.log.warn({ event: 'oidc-callback-failed', provider: prov.id, err: (e as Error).message }, 'oidc');
      return c.redirect('/login?failed=1', 303);
    }
  });

  // 본인확인: the state travels in a short-lived httpOnly cookie, checked against the gateway's signed result.
  app.get('/auth/identity/:id', async (c) => {
    const p = c.get('p');
    const v = p.verifiers.find((x) => x.id === c.req.param('id'));
    if (!v) return c.notFound();
    const state = randomBytes(18).toString('base64url');
    setCookie(c, 'madang_idv', `${state}|${safeBack(c.req.query('back'))}`, { ...cookieOpts(p), maxAge: 600 });
    const { redirectTo } = await v.start(`${p.config.baseUrl}/auth/identity/${v.id}/callback`, state);
    return c.redirect(redirectTo, 302);
  });

  const identityCallback = async (c: Context<AppEnv>) => {
    const p = c.get('p');
    const v = p.verifiers.find((x) => x.id === c.req.param('id'));
    if (!v) return c.notFound();
    const [state, back] = (getCookie(c, 'madang_idv') ?? '').split('|');
    deleteCookie(c, 'madang_idv', { path: '/' });
    try {
      const params = c.req.method === 'POST' ? c.get('form') : c.req.query();
      return await signIn(c, await v.complete(params, state ?? ''), back ?? '/');
    } catch (e) {
      p.log.warn({ event: 'identity-failed', provider: v.id, err: (e as Error).message }, 'identity');
      return c.redirect('/login?failed=1', 303);
    }
  };
  app.get('/auth/identity/:id/callback', identityCallback);

  app.post('/logout', async (c) => {
    await destroySession(c.get('p').db, getCookie(c, SESSION_COOKIE));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.redirect('/?msg=logged-out', 303);
  });

  app.post('/session/extend', async (c) => {
    const h = c.get('sessionHash');
    if (h) await touchSession(c.get('p').db, h);
    if ((c.req.header('accept') ?? '').includes('application/json'))
      return c.json({ ok: !!h, minutes: c.get('p').config.sessionIdleMinutes });
    const back = safeBack(c.get('form').back);
    return c.redirect(back + (back.includes('?') ? '&' : '?') + 'msg=extended', 303);
  });

  app.get('/prefs', (c) => {
    const p = c.get('p');
    const lang = c.req.query('lang'),
      text = c.req.query('text');
    const year = 365 * 24 * 3600;
    if (lang === 'ko' || lang === 'en') setCookie(c, LANG_COOKIE, lang, { ...cookieOpts(p), maxAge: year });
    if (text === 'large' || text === 'normal') setCookie(c, TEXT_COOKIE, text, { ...cookieOpts(p), maxAge: year });
    return c.redirect(
      safeBack(c.req.query('back'))
        .replace(/([?&])lang=(ko|en)&?/, '$1')
        .replace(/[?&]$/, ''),
      303,
    );
  });
}

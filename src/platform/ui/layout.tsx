// The page frame: skip link, header with language and text-size switches, the session bar with "연장", main, footer.
// Server-rendered; /static/app.js only enhances (countdown, live counters).
import type { Child } from 'hono/jsx';
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { flashKeyOf, navigation } from '../registry.ts';

export interface PageOptions {
  title: string;
  status?: number;
  notice?: string | null;
  error?: string | null;
}

/** Notices after a redirect travel as ?msg=<slug>; only declared slugs are shown (the platform's below, the modules'
 * in their manifests), so the parameter cannot inject text. */
const NOTICES: Record<string, MessageKey> = {
  'logged-out': 'login.loggedOut',
  extended: 'session.extended',
  'already-saved': 'form.alreadySaved',
};
const noticeKey = (msg: string | undefined): MessageKey | undefined =>
  msg ? (NOTICES[msg] ?? (flashKeyOf(msg) as MessageKey | undefined)) : undefined;

export const hereWith = (c: Context<AppEnv>) => {
  const u = new URL(c.req.url);
  return u.pathname + u.search;
};

function Header({ c }: { c: Context<AppEnv> }) {
  const t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor'),
    large = c.get('large');
  const back = encodeURIComponent(hereWith(c));
  return (
    <header class="site-header">
      <div class="container header-row">
        <a class="brand" href="/">
          {t('site.name')} <span class="brand-city">{t('site.city')}</span>
        </a>
        <nav aria-label={t('nav.main')} class="header-nav">
          <ul>
            <li>
              <a href={`/prefs?lang=${lang === 'ko' ? 'en' : 'ko'}&back=${back}`} lang={lang === 'ko' ? 'en' : 'ko'}>
                {t('nav.language')}
              </a>
            </li>
            <li>
              <a href={`/prefs?text=${large ? 'normal' : 'large'}&back=${back}`}>
                {large ? t('nav.normalText') : t('nav.largeText')}
              </a>
            </li>
            {navigation().map((n) =>
              !n.visible || n.visible(actor) ? (
                <li>
                  <a href={n.href}>{typeof n.label === 'string' ? t(n.label as MessageKey) : n.label[lang]}</a>
                </li>
              ) : null,
            )}
            {actor ? (
              <li>
                <a href="/notifications">
                  {t('nav.notifications')}
                  {c.get('unread') ? (
                    <>
                      {' '}
                      <span class="badge" aria-hidden="true">
                        {c.get('unread')}
                      </span>
                      <span class="visually-hidden">{t('nav.unread', { count: c.get('unread') })}</span>
                    </>
                  ) : null}
                </a>
              </li>
            ) : null}
            {actor ? (
              <li>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="_csrf" value={c.get('csrf')} />
                  <button type="submit" class="btn-link">
                    {t('nav.logout')}
                  </button>
                </form>
              </li>
            ) : (
              <li>
                <a href={`/login?back=${back}`}>{t('nav.login')}</a>
              </li>
            )}
          </ul>
        </nav>
      </div>
    </header>
  );
}

function SessionBar({ c }: { c: Context<AppEnv> }) {
  const t = c.get('t'),
    actor = c.get('actor');
  if (!actor) return null;
  return (
    <div class="session-bar">
      <div class="container session-row">
        <span>{t('session.signedInAs', { name: actor.displayName })}</span>
        <span id="session-remaining" data-minutes={String(c.get('idleLeftMinutes'))}>
          {t('session.remaining', { minutes: c.get('idleLeftMinutes') })}
        </span>
        <form method="post" action="/session/extend" class="inline">
          <input type="hidden" name="_csrf" value={c.get('csrf')} />
          <input type="hidden" name="back" value={hereWith(c)} />
          <button type="submit" class="btn btn-small btn-secondary">
            {t('session.extend')}
          </button>
        </form>
      </div>
    </div>
  );
}

export function renderPage(c: Context<AppEnv>, o: PageOptions, body: Child): Response {
  const t = c.get('t'),
    lang = c.get('lang');
  const expired = c.get('sessionExpired');
  const key = o.notice === undefined ? noticeKey(c.req.query('msg')) : undefined;
  const notice = o.notice ?? (key ? t(key) : null);
  const html = (
    <html lang={lang} class={c.get('large') ? 'large-text' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${o.title} | ${t('site.name')} ${t('site.city')}`}</title>
        <link rel="stylesheet" href="/static/madang.css" />
        <link rel="icon" href="/static/icon.svg" type="image/svg+xml" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('nav.skip')}
        </a>
        <Header c={c} />
        <SessionBar c={c} />
        <main id="main" class="container" tabindex={-1}>
          {expired ? (
            <p class="alert alert-warning" role="alert">
              {c.get('sessionLifetimeOver')
                ? t('session.lifetimeOver', { hours: c.get('p').config.sessionMaxHours })
                : t('session.expired')}
            </p>
          ) : null}
          {notice ? (
            <p class="alert alert-success" role="status">
              {notice}
            </p>
          ) : null}
          {o.error ? (
            <p class="alert alert-danger" role="alert">
              {o.error}
            </p>
          ) : null}
          {body}
        </main>
        <footer class="site-footer">
          <div class="container">
            <p>
              {t('footer.text')} · <a href="/privacy">{t('nav.privacy')}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
  return c.html('<!DOCTYPE html>' + String(html), (o.status ?? 200) as 200);
}

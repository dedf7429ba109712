// The HTTP application: middleware, platform routes (sign-in, health, static, home, errors) and each installed
// module's routes (its manifest's sub-app, mounted at '/'). A module's sub-app must not use `.use('*', …)`: mounted at
// '/', that middleware would run for every module's pages; guards go on the routes that need them.
import { Hono } from 'hono';
import type { AppEnv, Platform } from '../context.ts';
import { bodyCap, context, csrfGuard, securityHeaders, writeLimit, wantsJson } from './middleware.tsx';
import { registerAuth } from './auth.tsx';
import { hsts } from './reauth.ts';
import { addressGuard } from './params.ts';
import { registerStatic } from './static.ts';
import { compress } from './compress.ts';
import { registerInbox } from './inbox.tsx';
import { registerNotificationSettings, registerUnsubscribe } from '../delivery/pages.tsx';
import { renderPage } from '../ui/layout.tsx';
import { renderWithoutAsyncHooks } from '../ui/render-context.ts';
import { isDatabaseUnavailable, logEvery, RETRY_AFTER_SECONDS, unavailableResponse } from './unavailable.tsx';
import type { ModuleManifest } from '../modules.ts';
import { homeSections, installModules } from '../registry.ts';

export function createApp(p: Platform, modules: readonly ModuleManifest[]): Hono<AppEnv> {
  const unavailableLog = logEvery(5000);
  renderWithoutAsyncHooks();
  installModules(modules);
  const app = new Hono<AppEnv>();
  app.use('*', hsts(p.config));
  app.use('*', securityHeaders);
  app.use('*', compress);
  registerStatic(app);
  app.get('/healthz', async (c) => {
    try {
      await p.db
        .selectFrom('schema_migrations' as never)
        .select((eb) => eb.lit(1).as('ok'))
        .limit(1)
        .execute();
      return c.json({ status: 'ok', database: p.dbKind });
    } catch {
      return c.json({ status: 'unavailable', database: p.dbKind }, 503, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
    }
  });
  app.use('*', context(p));
  app.use(
    '*',
    addressGuard((c, x) =>
      renderPage(
        c,
        { title: x.title, status: 400 },
        <div>
          <h1>{x.title}</h1>
          <p>{x.body}</p>
          <p>
            <a href="/">{c.get('t')('nav.home')}</a>
          </p>
        </div>,
      ),
    ),
  );
  app.use('*', bodyCap(p.config.uploadMaxBytes));
  registerUnsubscribe(app); // one-click unsubscribe (RFC 8058) comes without a CSRF token: the signed link is the authority
  app.use('*', csrfGuard);
  app.use('*', writeLimit(p.config.writeLimitPerMinute));
  registerAuth(app);
  registerInbox(app);
  registerNotificationSettings(app);
  // The home page: the site's title, then each module's sections in their order.
  app.get('/', async (c) => {
    const t = c.get('t');
    const sections = await Promise.all(homeSections().map((s) => s.render(c)));
    return renderPage(
      c,
      { title: t('home.title') },
      <div>
        <h1>{t('home.title')}</h1>
        <p>{t('site.tagline')}</p>
        {sections}
      </div>,
    );
  });
  for (const m of modules) {
    const routes = m.routes?.();
    if (routes) app.route('/', routes);
  }

  app.get('/privacy', (c) => {
    const t = c.get('t');
    return renderPage(
      c,
      { title: t('privacy.title') },
      <div>
        <h1>{t('privacy.title')}</h1>
        <p>{t('privacy.body')}</p>
      </div>,
    );
  });

  app.notFound((c) => {
    const t = c.get('t');
    if (!t) return c.text('Not found', 404);
    if (wantsJson(c)) return c.json({ error: 'not_found' }, 404);
    return renderPage(
      c,
      { title: t('error.notFound.title'), status: 404 },
      <div>
        <h1>{t('error.notFound.title')}</h1>
        <p>{t('error.notFound.body')}</p>
        <p>
          <a href="/">{t('nav.home')}</a>
        </p>
      </div>,
    );
  });

  app.onError((err, c) => {
    // The database is away (a restart): 503 with Retry-After, not a 500; the pool reconnects by itself.
    if (isDatabaseUnavailable(err)) {
      const n = unavailableLog.note();
      if (n) p.log.warn({ err: { message: err.message }, requests: n }, 'database unavailable');
      return unavailableResponse(c);
    }
    p.log.error(
      { err: { message: err.message, stack: err.stack }, path: new URL(c.req.url).pathname },
      'request failed',
    );
    const t = c.get('t');
    if (!t) return c.text('Internal error', 500);
    if (wantsJson(c)) return c.json({ error: 'server', message: t('error.server.body') }, 500);
    return renderPage(
      c,
      { title: t('error.server.title'), status: 500 },
      <div>
        <h1>{t('error.server.title')}</h1>
        <p>{t('error.server.body')}</p>
      </div>,
    );
  });
  return app;
}

/** Kept here for the modules that import it from the app; the guards live in guards.tsx. */
export { forbidden } from './guards.tsx';

// The signed-in person's 알림 (notifications) page.
import type { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { renderPage } from '../ui/layout.tsx';
import { Csrf } from '../ui/forms.tsx';
import { inbox, markAllRead, noticePath } from '../notify.ts';

export function registerInbox(app: Hono<AppEnv>) {
  app.get('/notifications', async (c) => {
    const actor = c.get('actor'),
      t = c.get('t'),
      lang = c.get('lang');
    if (!actor) return c.redirect('/login?required=1&back=/notifications', 303);
    const rows = await inbox(c.get('p').db, actor.id);
    return renderPage(
      c,
      { title: t('notice.title') },
      <div>
        <h1>{t('notice.title')}</h1>
        <p>
          <a href="/me/notifications">{t('contacts.link')}</a>
        </p>
        {rows.some((r) => !r.read_at) ? (
          <form method="post" action="/notifications/read">
            <Csrf token={c.get('csrf')} />
            <button type="submit" class="btn btn-secondary">
              {t('notice.markRead')}
            </button>
          </form>
        ) : null}
        {rows.length ? (
          <ul class="card-list">
            {rows.map((r) => (
              <li class="card">
                <p>
                  {r.read_at ? null : <span class="badge">{t('notice.new')}</span>}{' '}
                  <a href={r.path ?? noticePath(r.target_type, r.target_id)}>{lang === 'ko' ? r.text_ko : r.text_en}</a>
                </p>
                <p class="meta">
                  <time datetime={new Date(r.created_at).toISOString()}>
                    {new Date(r.created_at).toLocaleString(lang === 'ko' ? 'ko-KR' : 'en-GB', {
                      timeZone: 'Asia/Seoul',
                    })}
                  </time>
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('notice.empty')}</p>
        )}
      </div>,
    );
  });

  app.post('/notifications/read', async (c) => {
    const actor = c.get('actor');
    if (!actor) return c.redirect('/login?required=1&back=/notifications', 303);
    await markAllRead(c.get('p').db, actor.id);
    return c.redirect('/notifications', 303);
  });
}

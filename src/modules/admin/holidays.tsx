// Administrators keep the city's working-day calendar: statutory holidays are shown, 임시공휴일 are added here.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { actorLabel } from '../../platform/permissions.ts';
import { addAdhocHoliday, adhocHolidays, cityCalendar, removeAdhocHoliday } from '../../platform/holidays.ts';
import { isIsoDate, seoulDateOf } from '../../rules/index.ts';
import * as perm from './permissions.ts';
import { once } from '../../platform/http/once.tsx';

async function page(
  c: Context<AppEnv>,
  o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
) {
  const p = c.get('p'),
    t = c.get('t');
  const year = Number(seoulDateOf(new Date()).slice(0, 4));
  const [added, calendar] = await Promise.all([adhocHolidays(p.db), cityCalendar(p.db)]);
  const statutory = calendar.holidaysInYear(year).filter((h) => h.kind !== 'temporary');
  return renderPage(
    c,
    { title: t('admin.holidays'), status: o.status },
    <div>
      <h1>{t('admin.holidays')}</h1>
      <p>{t('holiday.intro')}</p>
      <h2>{t('holiday.adhoc')}</h2>
      {added.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('holiday.date')}</th>
                <th scope="col">{t('holiday.name')}</th>
                <th scope="col">{t('holiday.remove')}</th>
              </tr>
            </thead>
            <tbody>
              {added.map((h) => (
                <tr>
                  <td>{h.day}</td>
                  <td>{h.name}</td>
                  <td>
                    <form method="post" action="/admin/holidays/remove" class="inline">
                      <Csrf token={c.get('csrf')} />
                      <input type="hidden" name="day" value={h.day} />
                      <button
                        type="submit"
                        class="btn btn-small btn-secondary"
                        aria-label={`${h.day} ${h.name} ${t('holiday.remove')}`}
                      >
                        {t('holiday.remove')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('holiday.none')}</p>
      )}
      <h2>{t('holiday.add')}</h2>
      <form method="post" action="/admin/holidays" novalidate>
        <Csrf token={c.get('csrf')} />
        <Field name="day" type="date" label={t('holiday.date')} value={o.values?.day} errors={o.errors} required />
        <Field
          name="name"
          label={t('holiday.name')}
          value={o.values?.name ?? '임시공휴일'}
          errors={o.errors}
          required
          maxLength={50}
        />
        <Field name="reason" label={t('form.reason')} value={o.values?.reason} maxLength={500} />
        <button type="submit" class="btn btn-primary">
          {t('holiday.add')}
        </button>
      </form>
      <h2>{t('holiday.statutory', { year })}</h2>
      <ul>
        {statutory.map((h) => (
          <li>
            {h.date} {h.name}
          </li>
        ))}
      </ul>
    </div>,
  );
}

export function registerHolidays(app: Hono<AppEnv>) {
  app.get('/admin/holidays', async (c) => {
    const actor = c.get('actor');
    if (!actor) return c.redirect('/login?required=1&back=/admin/holidays', 303);
    return perm.canEditSettings(actor) ? page(c) : forbidden(c);
  });

  app.post('/admin/holidays', async (c) => {
    const actor = c.get('actor'),
      t = c.get('t');
    if (!actor || !perm.canEditSettings(actor)) return forbidden(c);
    const f = c.get('form');
    const values = { day: (f.day ?? '').trim(), name: (f.name ?? '').trim(), reason: (f.reason ?? '').trim() };
    const errors: FieldErrors = {};
    if (!isIsoDate(values.day)) errors.day = [t('v.invalid')];
    if (!values.name || values.name.length > 50)
      errors.name = [values.name ? t('v.too_big', { max: 50 }) : t('v.required')];
    if (Object.keys(errors).length) return page(c, { values, errors, status: 422 });
    return once(c, async (db) => {
      await addAdhocHoliday(
        db,
        values.day,
        values.name,
        { id: actor.id, label: actorLabel(actor) },
        values.reason.slice(0, 500) || null,
      );
      return '/admin/holidays?msg=holiday-added';
    });
  });

  app.post('/admin/holidays/remove', async (c) => {
    const actor = c.get('actor');
    if (!actor || !perm.canEditSettings(actor)) return forbidden(c);
    const removed = await removeAdhocHoliday(
      c.get('p').db,
      (c.get('form').day ?? '').trim(),
      { id: actor.id, label: actorLabel(actor) },
      null,
    );
    return removed ? c.redirect('/admin/holidays?msg=holiday-removed', 303) : page(c, { status: 422 });
  });
}

// Administration pages: spaces and components with settings forms generated from each type's zod schema,
// the audit record with its integrity check, people and roles, and the personal-data access log.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field, ErrorSummary, type FieldErrors } from '../../platform/ui/forms.tsx';
import { forbidden, requireActor, requirePermission } from '../../platform/http/guards.tsx';
import {
  componentType,
  readSettings,
  saveComponentSettings,
  settingFields,
  settingIssueMessage,
  type SettingField,
} from '../../platform/settings.ts';
import { verifyAudit } from '../../platform/audit.ts';
import { actorLabel } from '../../platform/permissions.ts';
import { logPersonalDataAccess } from '../../platform/actors.ts';
import { messageFor } from '../../platform/http/validate.ts';
import * as perm from './permissions.ts';
import { reauthenticate } from '../../platform/http/reauth.ts';
import { registerHolidays } from './holidays.tsx';
import { registerPeople } from './people.tsx';
import { registerDelivery } from './delivery.tsx';

function SettingInput({
  c,
  f,
  value,
  errors,
}: {
  c: Context<AppEnv>;
  f: SettingField;
  value: unknown;
  errors: FieldErrors;
}) {
  const lang = c.get('lang');
  const label = f.label[lang],
    help = f.help?.[lang];
  if (f.kind === 'boolean')
    return (
      <div class="form-group checkbox">
        <input type="checkbox" id={`f-${f.name}`} name={f.name} checked={value === true} />
        <label for={`f-${f.name}`}>{label}</label>
      </div>
    );
  // A list: one value per line (after an error, exactly as typed).
  if (f.kind === 'list')
    return (
      <Field
        name={f.name}
        label={label}
        errors={errors}
        multiline
        rows={6}
        required
        help={[help, lang === 'ko' ? '한 줄에 하나씩 적습니다.' : 'One per line.'].filter(Boolean).join(' ')}
        value={Array.isArray(value) ? value.join('\n') : value === undefined ? '' : String(value)}
      />
    );
  if (f.kind === 'select')
    return (
      <div class="form-group">
        <label for={`f-${f.name}`}>{label}</label>
        <select id={`f-${f.name}`} name={f.name}>
          {f.options!.map((o) => (
            <option value={o.value} selected={o.value === value}>
              {o.label[lang]}
            </option>
          ))}
        </select>
      </div>
    );
  return (
    <Field
      name={f.name}
      label={label}
      help={help}
      errors={errors}
      value={value === undefined ? '' : String(value)}
      type={f.kind === 'number' ? 'number' : 'text'}
      min={f.min}
      max={f.max}
      maxLength={f.maxLength}
      required
    />
  );
}

export function registerAdmin(app: Hono<AppEnv>) {
  registerHolidays(app);
  registerPeople(app);
  registerDelivery(app);
  app.get('/admin', requireActor(), requirePermission(perm.canOpenAdmin), async (c) => {
    const actor = c.get('actor')!,
      p = c.get('p'),
      t = c.get('t'),
      lang = c.get('lang');
    const comps = await p.db
      .selectFrom('components')
      .innerJoin('spaces', 'spaces.id', 'components.space_id')
      .select([
        'components.id',
        'components.type',
        'components.title_ko',
        'components.title_en',
        'spaces.title_ko as space_ko',
        'spaces.title_en as space_en',
      ])
      .orderBy('spaces.id')
      .orderBy('components.position')
      .execute();
    return renderPage(
      c,
      { title: t('admin.title') },
      <div>
        <h1>{t('admin.title')}</h1>
        <ul>
          <li>
            <a href="/admin/audit">{t('admin.audit')}</a>
          </li>
          {perm.canEditSettings(actor) ? (
            <li>
              <a href="/admin/holidays">{t('admin.holidays')}</a>
            </li>
          ) : null}
          {perm.canSeePeople(actor) ? (
            <li>
              <a href="/admin/people">{t('admin.people')}</a>
            </li>
          ) : null}
          {perm.canSeePeople(actor) ? (
            <li>
              <a href="/admin/access">{t('admin.access')}</a>
            </li>
          ) : null}
          {perm.canManageDelivery(actor) ? (
            <li>
              <a href="/admin/delivery">{t('delivery.title')}</a>
            </li>
          ) : null}
        </ul>
        <h2>{t('admin.spaces')}</h2>
        <ul>
          {comps.map((x) => (
            <li>
              {lang === 'ko' ? x.space_ko : x.space_en} ·{' '}
              {perm.canEditSettings(actor) ? (
                <a href={`/admin/components/${x.id}`}>{lang === 'ko' ? x.title_ko : x.title_en}</a>
              ) : lang === 'ko' ? (
                x.title_ko
              ) : (
                x.title_en
              )}{' '}
              ({componentType(x.type)?.name[lang] ?? x.type})
            </li>
          ))}
        </ul>
      </div>,
    );
  });

  const settingsPage = async (
    c: Context<AppEnv>,
    id: number,
    o: { values?: Record<string, unknown>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const p = c.get('p'),
      t = c.get('t'),
      lang = c.get('lang');
    const comp = await p.db.selectFrom('components').selectAll().where('id', '=', id).executeTakeFirst();
    const type = comp ? componentType(comp.type) : undefined;
    if (!comp || !type) return c.notFound();
    const fields = settingFields(type.settings);
    const values = o.values ?? readSettings(type, comp.settings);
    const name = lang === 'ko' ? comp.title_ko : comp.title_en;
    const labels = Object.fromEntries(fields.map((f) => [f.name, f.label[lang]]));
    return renderPage(
      c,
      { title: t('admin.settingsFor', { name }), status: o.status },
      <div>
        <h1>{t('admin.settingsFor', { name })}</h1>
        <form method="post" action={`/admin/components/${id}`} novalidate>
          <Csrf token={c.get('csrf')} />
          <ErrorSummary
            title={t('form.errors', { count: Object.keys(o.errors ?? {}).length })}
            errors={o.errors ?? {}}
            labels={labels}
          />
          {fields.map((f) => (
            <SettingInput c={c} f={f} value={values[f.name]} errors={o.errors ?? {}} />
          ))}
          <Field name="reason" label={t('form.reason')} maxLength={500} />
          <button type="submit" class="btn btn-primary">
            {t('form.save')}
          </button>
        </form>
      </div>,
    );
  };

  app.get('/admin/components/:id{[0-9]{1,9}}', requireActor(), requirePermission(perm.canEditSettings), async (c) => {
    return settingsPage(c, Number(c.req.param('id')));
  });

  app.post('/admin/components/:id{[0-9]{1,9}}', async (c) => {
    const actor = c.get('actor'),
      p = c.get('p'),
      t = c.get('t');
    if (!actor || !perm.canEditSettings(actor)) return forbidden(c);
    const id = Number(c.req.param('id'));
    const exists = await p.db.selectFrom('components').select('id').where('id', '=', id).executeTakeFirst();
    if (!exists) return c.notFound();
    const form = c.get('form');
    const r = await saveComponentSettings(
      p.db,
      id,
      form,
      { id: actor.id, label: actorLabel(actor) },
      form.reason?.trim().slice(0, 500) || null,
    );
    if (!r.ok) {
      const errors: FieldErrors = Object.fromEntries(
        Object.entries(r.errors).map(([k, issues]) => [
          k,
          issues.map((i) => settingIssueMessage(i, c.get('lang')) ?? messageFor(t, i)),
        ]),
      );
      return settingsPage(c, id, { values: { ...r.values, ...typedAsIs(form, r.values) }, errors, status: 422 });
    }
    return c.redirect(`/admin/components/${id}?msg=settings-saved`, 303);
  });

  app.get('/admin/audit', requireActor(), requirePermission(perm.canReadAudit), async (c) => {
    const p = c.get('p'),
      t = c.get('t');
    const [rows, check] = await Promise.all([
      p.db
        .selectFrom('audit_log')
        .select(['seq', 'at', 'actor_label', 'action', 'target_type', 'target_id', 'reason'])
        .orderBy('seq', 'desc')
        .limit(100)
        .execute(),
      verifyAudit(p.db),
    ]);
    return renderPage(
      c,
      { title: t('admin.audit') },
      <div>
        <h1>{t('admin.audit')}</h1>
        <h2>{t('admin.audit.verify')}</h2>
        <p role="status" class={check.ok ? 'alert alert-success' : 'alert alert-danger'}>
          {check.ok
            ? t('admin.audit.ok', { count: check.count })
            : t('admin.audit.broken', { seq: check.seq, problem: check.problem })}
        </p>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{r.seq}</td>
                  <td>{new Date(r.at).toISOString()}</td>
                  <td>{r.actor_label}</td>
                  <td>{r.action}</td>
                  <td>
                    {r.target_type} {r.target_id}
                  </td>
                  <td>{r.reason ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>,
    );
  });

  app.get('/admin/access', requireActor(), requirePermission(perm.canSeePeople), async (c) => {
    const actor = c.get('actor')!,
      p = c.get('p'),
      t = c.get('t');
    const again = reauthenticate(c);
    if (again) return again;
    const rows = await p.db
      .selectFrom('personal_data_access')
      .innerJoin('persons', 'persons.id', 'personal_data_access.accessor_id')
      .select(['personal_data_access.id', 'at', 'persons.display_name', 'subject_id', 'purpose', 'detail'])
      .orderBy('personal_data_access.id', 'desc')
      .limit(200)
      .execute();
    return renderPage(
      c,
      { title: t('admin.access') },
      <div>
        <h1>{t('admin.access')}</h1>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <td>{new Date(r.at).toISOString()}</td>
                  <td>{r.display_name}</td>
                  <td>{r.subject_id ?? '*'}</td>
                  <td>
                    {r.purpose} {r.detail ?? ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>,
    );
  });
}

/** After an error the form shows numbers and text exactly as typed (not NaN); checkboxes keep their parsed state. */
const typedAsIs = (form: Record<string, string>, parsed: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(form).filter(([k]) => k in parsed && typeof parsed[k] !== 'boolean'));

// People and roles: administrators grant and revoke roles (official of a department, planning office, moderator,
// administrator). Each change is on the record; viewing the list is a 개인정보 접속기록 entry.
import type { Hono, Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { parseWith } from '../../platform/http/validate.ts';
import { actorLabel } from '../../platform/permissions.ts';
import { logPersonalDataAccess } from '../../platform/actors.ts';
import { recordAudit } from '../../platform/audit.ts';
import * as perm from './permissions.ts';
import { once } from '../../platform/http/once.tsx';
import { reauthenticate, resumed } from '../../platform/http/reauth.ts';

const ROLES = ['official', 'planning', 'moderator', 'admin'] as const;
const opt = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const Grant = z
  .object({
    person: z.coerce.number().int().positive().max(2_147_483_647),
    role: z.enum(ROLES),
    department: z.preprocess(opt, z.coerce.number().int().positive().max(2_147_483_647).optional()),
    position: z.preprocess(opt, z.string().trim().max(30).optional()),
    ext: z.preprocess(
      opt,
      z
        .string()
        .trim()
        .regex(/^\d{3,4}$/)
        .optional(),
    ),
  })
  .refine((g) => (g.role === 'official') === (g.department !== undefined), { path: ['department'] });

async function page(
  c: Context<AppEnv>,
  o: { values?: Record<string, string>; errors?: FieldErrors; status?: number; error?: string; notice?: string } = {},
) {
  const p = c.get('p'),
    t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor')!;
  const [people, grants, depts] = await Promise.all([
    p.db
      .selectFrom('persons')
      .select(['id', 'display_name', 'verification', 'birth_date', 'area_code'])
      .orderBy('id')
      .limit(500)
      .execute(),
    p.db
      .selectFrom('person_roles')
      .leftJoin('departments', 'departments.id', 'person_roles.department_id')
      .select([
        'person_roles.id',
        'person_id',
        'role',
        'position',
        'phone_ext',
        'departments.name_ko',
        'departments.name_en',
      ])
      .execute(),
    p.db.selectFrom('departments').select(['id', 'name_ko', 'name_en']).orderBy('id').execute(),
  ]);
  await logPersonalDataAccess(p.db, actor.id, null, 'admin.people', `${people.length} rows`);
  const v = o.values ?? {};
  return renderPage(
    c,
    { title: t('admin.people'), status: o.status, error: o.error, notice: o.notice },
    <div>
      <h1>{t('admin.people')}</h1>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('people.person')}</th>
              <th scope="col">{t('people.verification')}</th>
              <th scope="col">{t('people.birth')}</th>
              <th scope="col">{t('people.area')}</th>
              <th scope="col">{t('people.roles')}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((x) => (
              <tr>
                <td>{x.id}</td>
                <td>{x.display_name}</td>
                <td>{x.verification}</td>
                <td>{x.birth_date ?? ''}</td>
                <td>{x.area_code ?? ''}</td>
                <td>
                  {grants
                    .filter((g) => g.person_id === x.id)
                    .map((g) => (
                      <form method="post" action="/admin/people/revoke" class="inline">
                        <Csrf token={c.get('csrf')} />
                        <input type="hidden" name="grant" value={String(g.id)} />
                        <span>
                          {t(`role.${g.role}`)}
                          {g.name_ko ? ` · ${lang === 'ko' ? g.name_ko : g.name_en}` : ''}
                          {g.position ? ` ${g.position}` : ''}
                          {g.phone_ext ? ` ☎ ${g.phone_ext}` : ''}{' '}
                        </span>
                        <button
                          type="submit"
                          class="btn-link"
                          aria-label={`${x.display_name} ${t(`role.${g.role}`)} ${t('people.revoke')}`}
                        >
                          {t('people.revoke')}
                        </button>
                      </form>
                    ))}
                  {grants.some((g) => g.person_id === x.id) ? null : t('role.citizen')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>{t('people.grant')}</h2>
      <form method="post" action="/admin/people/grant" novalidate>
        <Csrf token={c.get('csrf')} />
        <div class="form-group">
          <label for="f-person">{t('people.person')}</label>
          <select id="f-person" name="person">
            {people.map((x) => (
              <option value={String(x.id)} selected={v.person === String(x.id)}>{`${x.id} ${x.display_name}`}</option>
            ))}
          </select>
        </div>
        <div class="form-group">
          <label for="f-role">{t('people.roles')}</label>
          <select id="f-role" name="role">
            {ROLES.map((r) => (
              <option value={r} selected={v.role === r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div class={o.errors?.department ? 'form-group has-error' : 'form-group'}>
          <label for="f-department">{t('people.department')}</label>
          <select
            id="f-department"
            name="department"
            aria-describedby={o.errors?.department ? 'f-department-error' : undefined}
          >
            <option value="">—</option>
            {depts.map((d) => (
              <option value={String(d.id)} selected={v.department === String(d.id)}>
                {lang === 'ko' ? d.name_ko : d.name_en}
              </option>
            ))}
          </select>
          {o.errors?.department ? (
            <p class="error-text" id="f-department-error">
              {o.errors.department.join(' ')}
            </p>
          ) : null}
        </div>
        <Field name="position" label={t('people.position')} value={v.position} errors={o.errors} maxLength={30} />
        <Field name="ext" label={t('people.ext')} value={v.ext} errors={o.errors} maxLength={4} />
        <Field name="reason" label={t('form.reason')} value={v.reason} maxLength={500} />
        <button type="submit" class="btn btn-primary">
          {t('people.grant')}
        </button>
      </form>
    </div>,
  );
}

export function registerPeople(app: Hono<AppEnv>) {
  app.get('/admin/people', async (c) => {
    const actor = c.get('actor');
    if (!actor) return c.redirect('/login?required=1&back=/admin/people', 303);
    if (!perm.canSeePeople(actor)) return forbidden(c);
    const again = reauthenticate(c); // the list is personal data in bulk
    if (again) return again;
    const kept = resumed(c, '/admin/people'); // what was typed before a new sign-in was asked for
    return page(c, kept ? { values: kept, notice: c.get('t')('reauth.resumed') } : {});
  });

  app.post('/admin/people/grant', async (c) => {
    const actor = c.get('actor'),
      p = c.get('p'),
      t = c.get('t');
    if (!actor || !perm.canSeePeople(actor)) return forbidden(c);
    const again = reauthenticate(c, '/admin/people');
    if (again) return again;
    const form = c.get('form');
    const values = {
      person: form.person ?? '',
      role: form.role ?? '',
      department: form.department ?? '',
      position: form.position ?? '',
      ext: form.ext ?? '',
      reason: form.reason ?? '',
    };
    const parsed = parseWith(Grant, values, t);
    if (!parsed.ok) return page(c, { values, errors: parsed.errors, status: 422 });
    const g = parsed.data;
    const [person, dept] = await Promise.all([
      p.db.selectFrom('persons').select('id').where('id', '=', g.person).executeTakeFirst(),
      g.department
        ? p.db.selectFrom('departments').select('id').where('id', '=', g.department).executeTakeFirst()
        : Promise.resolve({ id: 0 }),
    ]);
    if (!person || !dept)
      return page(c, { values, errors: { [person ? 'department' : 'person']: [t('v.invalid')] }, status: 422 });
    return once(c, async (trx) => {
      const row = await trx
        .insertInto('person_roles')
        .values({
          person_id: g.person,
          role: g.role,
          department_id: g.department ?? null,
          position: g.position ?? null,
          phone_ext: g.ext ?? null,
        })
        .onConflict((oc) => oc.doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row)
        await recordAudit(trx, {
          actor: { id: actor.id, label: actorLabel(actor) },
          action: 'role.grant',
          targetType: 'person',
          targetId: g.person,
          reason: values.reason.trim().slice(0, 500) || null,
          after: {
            role: g.role,
            departmentId: g.department ?? null,
            position: g.position ?? null,
            phoneExt: g.ext ?? null,
          },
        });
      return '/admin/people?msg=role-granted';
    });
  });

  app.post('/admin/people/revoke', async (c) => {
    const actor = c.get('actor'),
      p = c.get('p'),
      t = c.get('t');
    if (!actor || !perm.canSeePeople(actor)) return forbidden(c);
    const again = reauthenticate(c, '/admin/people');
    if (again) return again;
    const id = Number(c.get('form').grant);
    const grant =
      Number.isInteger(id) && id > 0 && id <= 2_147_483_647
        ? await p.db.selectFrom('person_roles').selectAll().where('id', '=', id).executeTakeFirst()
        : undefined;
    if (!grant) return page(c, { status: 422, error: t('v.invalid') });
    if (grant.person_id === actor.id && grant.role === 'admin')
      return page(c, { status: 422, error: t('people.selfAdmin') });
    await p.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('person_roles').where('id', '=', id).execute();
      await recordAudit(trx, {
        actor: { id: actor.id, label: actorLabel(actor) },
        action: 'role.revoke',
        targetType: 'person',
        targetId: grant.person_id,
        before: {
          role: grant.role,
          departmentId: grant.department_id,
          position: grant.position,
          phoneExt: grant.phone_ext,
        },
      });
    });
    return c.redirect('/admin/people?msg=role-revoked', 303);
  });
}

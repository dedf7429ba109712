// Helpers shared by the pledge route files (not a route file itself, so the route files import it and never each other).
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db.ts';
import { actorLabel, hasRole, type Actor } from '../../../platform/permissions.ts';
import { forbidden } from '../../../platform/http/app.tsx';
import { seoulDateOf } from '../../../rules/index.ts';
import type { Actor as ChangeActor, Pledge } from '../domain/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as perm from '../permissions.ts';
import type { FieldErrors } from '../../../platform/ui/forms.tsx';
import * as store from '../store.ts';
import { idOf } from '../../../platform/http/guards.tsx';

// One idOf for every module (the platform's guards).
export { idOf } from '../../../platform/http/guards.tsx';

export const L = (c: Context<AppEnv>, ko: string, en: string) => (c.get('lang') === 'ko' ? ko : en);
export const today = () => seoulDateOf(new Date());
export const who = (a: Actor) => ({ id: a.id, label: actorLabel(a) });
export const loginFirst = (c: Context<AppEnv>) =>
  c.redirect(`/login?required=1&back=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);

export async function departmentNames(db: Database, a: Actor | null): Promise<string[]> {
  const ids = (a?.grants ?? [])
    .filter((g) => g.role === 'official' && g.departmentId !== null)
    .map((g) => g.departmentId!);
  if (!ids.length) return [];
  return (await db.selectFrom('departments').select('name_ko').where('id', 'in', ids).execute()).map((d) => d.name_ko);
}
export const pledgeDepartments = (p: Pledge) =>
  [p.leadDepartment, ...p.officials.map((o) => o.department)].filter((d): d is string => !!d);

export async function panelMemberOf(db: Database, a: Actor | null) {
  if (!a) return undefined;
  return db
    .selectFrom('panel_members')
    .selectAll()
    .where('person_id', '=', a.id)
    .where('active', '=', true)
    .executeTakeFirst();
}

// ---- snapshots ------------------------------------------------------------------------------------------------
/** The pledge named by the route's :id, or undefined (the caller answers 404). */
export async function pledgeFromParam(c: Context<AppEnv>) {
  const id = idOf(c.req.param('id') ?? '');
  return id ? store.getPledge(c.get('p').db, id) : undefined;
}

/** A labelled select that shows its error next to it (linked with aria-describedby) and keeps the chosen value. */
export function SelectField({
  name,
  label,
  value,
  options,
  errors,
  help,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  errors?: FieldErrors;
  help?: string;
}) {
  const errs = errors?.[name] ?? [];
  const id = `f-${name}`;
  return (
    <div class={errs.length ? 'form-group has-error' : 'form-group'}>
      <label for={id}>{label}</label>
      {help ? (
        <p class="help" id={`${id}-help`}>
          {help}
        </p>
      ) : null}
      <select
        id={id}
        name={name}
        aria-invalid={errs.length ? 'true' : undefined}
        aria-describedby={
          [help ? `${id}-help` : null, errs.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
        }
      >
        {options.map((o) => (
          <option value={o.value} selected={value === o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {errs.length ? (
        <p class="error-text" id={`${id}-error`}>
          {errs.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

/** Who the signed-in person is in a change request (admin, secretariat, or a department named on the pledge). */
export async function changeActor(db: Database, a: Actor, p: Pledge): Promise<ChangeActor | null> {
  if (hasRole(a, 'admin')) return { id: String(a.id), role: 'admin' };
  if (hasRole(a, 'planning')) return { id: String(a.id), role: 'secretariat' };
  const mine = (await departmentNames(db, a)).filter((d) => pledgeDepartments(p).includes(d));
  if (mine.length) return { id: String(a.id), role: 'department', department: mine[0] };
  return null;
}

/** The pledge and settings when the signed-in person may record its communication; otherwise the response to send. */
export async function recordable(c: Context<AppEnv>) {
  const db = c.get('p').db,
    actor = c.get('actor');
  if (!actor) return loginFirst(c);
  const s = await pledgeFromParam(c);
  if (!s) return c.notFound();
  if (!perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor)))
    return forbidden(c);
  const { settings, tracker } = await pledgeSettingsOf(db);
  return { db, actor, s, settings, tracker };
}

export type PageOptions = {
  values?: Record<string, string>;
  errors?: FieldErrors;
  status?: number;
  form?: 'entry' | 'link';
};

// Settings as data. A space holds components; each component type declares its settings as one zod object with
// defaults and bilingual labels (.meta({ ko, en, help })). The admin form is generated from that schema, and every
// change goes to the record with before and after.
import type { z } from 'zod';
import type { Database } from './db.ts';
import { recordAudit, type AuditActor } from './audit.ts';

export type Bilingual = { ko: string; en: string };
interface SettingMeta extends Bilingual {
  help?: Bilingual;
  options?: Record<string, Bilingual>;
}

export interface ComponentType<S extends z.ZodObject = z.ZodObject> {
  type: string;
  name: Bilingual;
  settings: S;
}

const registry = new Map<string, ComponentType>();
export function defineComponentType<S extends z.ZodObject>(t: ComponentType<S>): ComponentType<S> {
  registry.set(t.type, t as unknown as ComponentType);
  return t;
}
export const componentType = (type: string) => registry.get(type);

/** Stored settings merged over the defaults; a stored value the schema no longer accepts falls back to its default. */
export function readSettings<S extends z.ZodObject>(t: ComponentType<S>, stored: unknown): z.infer<S> {
  const parsed = t.settings.safeParse(stored ?? {});
  if (parsed.success) return parsed.data;
  const clean: Record<string, unknown> = { ...(stored as object) };
  for (const issue of parsed.error.issues) delete clean[String(issue.path[0])];
  return t.settings.parse(clean);
}

/** `list`: an array of short texts, edited as a textarea with one value per line. */
type FieldKind = 'number' | 'text' | 'boolean' | 'select' | 'list';
export interface SettingField {
  name: string;
  kind: FieldKind;
  label: Bilingual;
  help?: Bilingual;
  min?: number;
  max?: number;
  integer?: boolean;
  maxLength?: number;
  options?: { value: string; label: Bilingual }[];
}

type AnyZod = { _zod: { def: Record<string, any> }; meta?: () => unknown } & Record<string, any>;

/** Reads the zod schema into form fields. Wrappers (default, optional) are looked through. */
export function settingFields(schema: z.ZodObject): SettingField[] {
  return Object.entries(schema.shape).map(([name, raw]) => {
    let s = raw as unknown as AnyZod;
    const meta = (s.meta?.() as SettingMeta | undefined) ?? undefined;
    while (['default', 'optional', 'nullable', 'prefault'].includes(s._zod.def.type))
      s = s._zod.def.innerType as AnyZod;
    const label = meta ? { ko: meta.ko, en: meta.en } : { ko: name, en: name };
    const base = { name, label, help: meta?.help };
    switch (s._zod.def.type) {
      case 'number':
        return {
          ...base,
          kind: 'number' as const,
          min: finite(s.minValue),
          max: finite(s.maxValue),
          integer: !!s.isInt,
        };
      case 'boolean':
        return { ...base, kind: 'boolean' as const };
      case 'enum':
        return {
          ...base,
          kind: 'select' as const,
          options: (s.options as string[]).map((v) => ({ value: v, label: meta?.options?.[v] ?? { ko: v, en: v } })),
        };
      case 'array': {
        const el = s._zod.def.element as AnyZod;
        if (el._zod.def.type !== 'string')
          throw new Error(`setting '${name}': only lists of text can be edited in the form`);
        return { ...base, kind: 'list' as const, maxLength: el.maxLength ?? undefined };
      }
      default:
        return { ...base, kind: 'text' as const, maxLength: s.maxLength ?? undefined };
    }
  });
}
const finite = (n: unknown) => (typeof n === 'number' && Number.isFinite(n) ? n : undefined);

/** Turns submitted form fields into values of the right type; an unchecked checkbox sends nothing, meaning false. */
export function formToSettings(fields: SettingField[], form: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const v = form[f.name];
    const s = typeof v === 'string' ? v.trim() : undefined;
    if (f.kind === 'boolean') out[f.name] = s === 'on' || s === 'true' || s === '1';
    else if (f.kind === 'number') out[f.name] = s === undefined || s === '' ? undefined : Number(s);
    // One value per line; blank lines and surrounding spaces do not count.
    else if (f.kind === 'list')
      out[f.name] =
        s === undefined
          ? undefined
          : s
              .split(/\r?\n/)
              .map((x) => x.trim())
              .filter(Boolean);
    else out[f.name] = s;
  }
  return out;
}

export type SaveResult =
  | { ok: true; settings: Record<string, unknown> }
  | { ok: false; errors: Record<string, z.core.$ZodIssue[]>; values: Record<string, unknown> };

/**
 * Words for the issues the generic validators word badly: a list's length, and a type's own rules, whose message is
 * written 'Korean / English'. Undefined means: use the generic message.
 */
export function settingIssueMessage(i: z.core.$ZodIssue, lang: 'ko' | 'en'): string | undefined {
  if (i.code === 'custom' && i.message.includes(' / ')) return i.message.split(' / ')[lang === 'ko' ? 0 : 1];
  const x = i as { origin?: string; minimum?: unknown; maximum?: unknown };
  if (x.origin === 'array' && i.code === 'too_small')
    return lang === 'ko' ? `${x.minimum}줄 이상 적어 주세요.` : `Give at least ${x.minimum} line(s).`;
  if (x.origin === 'array' && i.code === 'too_big')
    return lang === 'ko' ? `${x.maximum}줄까지 적을 수 있습니다.` : `Give at most ${x.maximum} lines.`;
  return undefined;
}

export async function saveComponentSettings(
  db: Database,
  componentId: number,
  form: Record<string, unknown>,
  actor: AuditActor,
  reason: string | null,
): Promise<SaveResult> {
  const comp = await db.selectFrom('components').selectAll().where('id', '=', componentId).executeTakeFirstOrThrow();
  const t = componentType(comp.type);
  if (!t) throw new Error(`unknown component type ${comp.type}`);
  const fields = settingFields(t.settings);
  const values = formToSettings(fields, form);
  const parsed = t.settings.safeParse(values);
  if (!parsed.success) {
    const errors: Record<string, z.core.$ZodIssue[]> = {};
    for (const i of parsed.error.issues) (errors[String(i.path[0])] ??= []).push(i);
    return { ok: false, errors, values };
  }
  const before = readSettings(t, comp.settings);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('components')
      .set({ settings: JSON.stringify(parsed.data) })
      .where('id', '=', componentId)
      .execute();
    await recordAudit(trx, {
      actor,
      action: 'settings.update',
      targetType: 'component',
      targetId: componentId,
      reason,
      before,
      after: parsed.data,
    });
  });
  return { ok: true, settings: parsed.data };
}

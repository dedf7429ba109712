// Server-side validation of form input with zod, turned into messages next to each field in the reader's language.
import type { z } from 'zod';
import type { T } from '../i18n/index.ts';
import type { FieldErrors } from '../ui/forms.tsx';

export type Parsed<S extends z.ZodType> = { ok: true; data: z.infer<S> } | { ok: false; errors: FieldErrors };

export function messageFor(t: T, issue: z.core.$ZodIssue): string {
  const i = issue as z.core.$ZodIssue & {
    minimum?: number | bigint;
    maximum?: number | bigint;
    origin?: string;
    input?: unknown;
  };
  if (i.code === 'too_small')
    return i.origin === 'number'
      ? t('v.range', { min: String(i.minimum), max: '…' })
      : t('v.too_small', { min: String(i.minimum) });
  if (i.code === 'too_big')
    return i.origin === 'number'
      ? t('v.range', { min: '…', max: String(i.maximum) })
      : t('v.too_big', { max: String(i.maximum) });
  if (i.code === 'invalid_type' && i.input === undefined) return t('v.required');
  return t('v.invalid');
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, t: T): Parsed<S> {
  const r = schema.safeParse(input);
  if (r.success) return { ok: true, data: r.data };
  const errors: FieldErrors = {};
  for (const issue of r.error.issues) {
    const k = String(issue.path[0] ?? '_');
    (errors[k] ??= []).push(messageFor(t, issue));
  }
  return { ok: false, errors };
}

/** A string field as typed: trimmed, with Windows line ends made plain and NUL characters (which PostgreSQL refuses) removed. */
export const cleanText = (v: unknown) =>
  typeof v === 'string' ? v.replace(/\r\n?/g, '\n').replaceAll('\u0000', '').trim() : v;

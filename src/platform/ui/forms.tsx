// Form pieces that keep what the user typed and show errors next to the field, linked with aria-describedby.
import type { Child } from 'hono/jsx';
import { randomBytes } from 'node:crypto';

export type FieldErrors = Record<string, string[] | undefined>;

interface FieldProps {
  name: string;
  label: string;
  value?: string;
  errors?: FieldErrors;
  help?: string;
  required?: boolean;
  type?: string;
  multiline?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  rows?: number;
  autocomplete?: string;
  /** The on-screen keyboard to offer ('numeric' for codes: digits without the number input's spinner). */
  inputmode?: 'numeric' | 'tel' | 'email' | 'text';
}

export function Field(p: FieldProps) {
  const id = `f-${p.name}`;
  const errs = p.errors?.[p.name] ?? [];
  const describedBy =
    [p.help ? `${id}-help` : null, errs.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    required: p.required,
    'aria-invalid': errs.length ? 'true' : undefined,
    'aria-describedby': describedBy,
    maxlength: p.maxLength,
  };
  return (
    <div class={errs.length ? 'form-group has-error' : 'form-group'}>
      <label for={id}>
        {p.label}
        {p.required ? <span class="required"> *</span> : null}
      </label>
      {p.help ? (
        <p class="help" id={`${id}-help`}>
          {p.help}
        </p>
      ) : null}
      {p.multiline ? (
        <textarea {...common} rows={p.rows ?? 8}>
          {p.value ?? ''}
        </textarea>
      ) : (
        <input
          {...common}
          type={p.type ?? 'text'}
          value={p.value ?? ''}
          min={p.min}
          max={p.max}
          autocomplete={p.autocomplete}
          inputmode={p.inputmode}
        />
      )}
      {errs.length ? (
        <p class="error-text" id={`${id}-error`}>
          {errs.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

export function ErrorSummary({
  title,
  errors,
  labels,
}: {
  title: string;
  errors: FieldErrors;
  labels: Record<string, string>;
}) {
  const entries = Object.entries(errors).filter(([, v]) => v && v.length);
  if (!entries.length) return null;
  return (
    <div class="alert alert-danger" role="alert" tabindex={-1} id="error-summary">
      <p>{title}</p>
      <ul>
        {entries.map(([k, v]) => (
          <li>
            <a href={`#f-${k}`}>
              {labels[k] ?? k}: {v!.join(' ')}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * Every form's hidden fields: the CSRF token, and a one-time form token (_ft) that makes a create form idempotent
 * when its handler wraps the creation in `once` (platform/http/once.tsx). Fresh on every render, so a form shown again
 * after an error is a new submission; random, so nobody can guess another person's.
 */
export const Csrf = ({ token }: { token: string }) => (
  <>
    <input type="hidden" name="_csrf" value={token} />
    <input type="hidden" name="_ft" value={randomBytes(16).toString('base64url')} />
  </>
);

export function PostButton(p: {
  action: string;
  csrf: string;
  label: string;
  class?: string;
  hidden?: Record<string, string>;
  children?: Child;
}) {
  return (
    <form method="post" action={p.action} class="inline">
      <Csrf token={p.csrf} />
      {Object.entries(p.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      <button type="submit" class={p.class ?? 'btn btn-primary'}>
        {p.label}
      </button>
    </form>
  );
}

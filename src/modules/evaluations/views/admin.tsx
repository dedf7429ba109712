// /admin/evaluations: the import templates and the upload form with the report's front matter as seed 003 prints it
// (title block, 목적, □ 추진근거, □ 점검개요, □ 향후계획); a refused upload lists every bad row and keeps what was typed.
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field } from '../../../platform/ui/forms.tsx';
import { ImportErrors, type ImportError } from '../../../platform/reports/index.ts';
import { tx } from '../texts.ts';

export const FRONT_MATTER = [
  'title',
  'date',
  'organization',
  'intro',
  'basis',
  'content',
  'period',
  'method',
  'plans',
] as const;

export interface AdminPageOptions {
  status?: number;
  errors?: ImportError[];
  fileError?: string;
  values?: Record<string, string>;
}

export function adminPage(c: Context<AppEnv>, o: AdminPageOptions = {}) {
  const w = tx(c),
    lang = c.get('lang'),
    v = o.values ?? {};
  return renderPage(
    c,
    { title: w('admin'), status: o.status, error: o.errors ? w('importFailed') : undefined },
    <div>
      <h1>{w('admin')}</h1>
      {o.errors ? <ImportErrors errors={o.errors} lang={lang} /> : null}
      <h2>{w('templates')}</h2>
      <ul class="downloads">
        <li>
          <a href="/admin/evaluations/template.xlsx">{w('importEvaluation')}: XLSX</a>
        </li>
        <li>
          <a href="/admin/evaluations/template.csv">{w('importEvaluation')}: CSV</a>
        </li>
      </ul>
      <p class="help">{w('importHelp')}</p>
      <form method="post" action="/admin/evaluations/import" enctype="multipart/form-data" novalidate>
        <Csrf token={c.get('csrf')} />
        <Field name="title" label={w('title')} value={v.title} maxLength={200} />
        <Field name="date" label={w('date')} value={v.date} maxLength={40} />
        <Field name="organization" label={w('organization')} value={v.organization} maxLength={100} />
        <Field name="intro" label={w('intro')} value={v.intro} multiline rows={2} maxLength={1000} />
        <Field name="basis" label={w('basis')} value={v.basis} multiline rows={3} maxLength={2000} />
        <Field name="content" label={w('content')} value={v.content} maxLength={300} />
        <Field name="period" label={w('period')} value={v.period} maxLength={100} />
        <Field name="method" label={w('method')} value={v.method} maxLength={300} />
        <Field name="plans" label={w('plans')} value={v.plans} multiline rows={3} maxLength={2000} />
        <Field name="file" type="file" label={w('file')} errors={o.fileError ? { file: [o.fileError] } : {}} required />
        <button type="submit" class="btn btn-primary">
          {w('importEvaluation')}
        </button>
      </form>
      <p>
        <a href="/evaluations">{w('evaluations')}</a>
      </p>
    </div>,
  );
}

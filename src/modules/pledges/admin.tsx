// /admin/pledges: import templates and all-or-nothing imports of pledges and evaluations, for planning and admins.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { cleanText } from '../../platform/http/validate.ts';
import { actorLabel } from '../../platform/permissions.ts';
import { pledgeTemplateCsv, pledgeTemplateXlsx, type ImportError } from './domain/index.ts';
import { evaluationTemplateCsv, evaluationTemplateXlsx } from '../evaluations/domain/index.ts';
import * as perm from './permissions.ts';
import { importEvaluation, importPledges } from './import.ts';
import { tx } from './text.ts';
import { download, XLSX, CSV } from '../../platform/reports/index.ts';
import { evaluationSettingsOf } from './manifest.ts';

function ImportErrors({ errors, lang }: { errors: ImportError[]; lang: 'ko' | 'en' }) {
  return (
    <div class="table-wrap" id="import-errors"><table>
      <caption>{lang === 'ko' ? '잘못된 행' : 'Rows with errors'}</caption>
      <thead><tr><th scope="col">{lang === 'ko' ? '표' : 'Table'}</th><th scope="col">{lang === 'ko' ? '행' : 'Row'}</th><th scope="col">{lang === 'ko' ? '열' : 'Column'}</th><th scope="col">{lang === 'ko' ? '내용' : 'Problem'}</th></tr></thead>
      <tbody>{errors.map((e) => <tr><td>{e.sheet}</td><td class="num">{e.row}</td><td>{lang === 'ko' ? e.column ?? '' : e.columnEn ?? ''}</td><td>{e.message[lang]}</td></tr>)}</tbody>
    </table></div>
  );
}

export function registerPledgeAdmin(app: Hono<AppEnv>) {
  const page = async (c: Context<AppEnv>, o: { status?: number; errors?: ImportError[]; which?: 'pledges' | 'evaluation'; notice?: string; fileError?: string; values?: Record<string, string> } = {}) => {
    const w = tx(c), lang = c.get('lang'), v = o.values ?? {};
    const L = (ko: string, en: string) => (lang === 'ko' ? ko : en);
    const sheets = pledgeTemplateCsv();
    const fileErr = (which: string) => (o.fileError && o.which === which ? { file: [o.fileError] } : {});
    return renderPage(c, { title: w('admin'), status: o.status, notice: o.notice, error: o.errors ? w('importFailed') : undefined }, (
      <div>
        <h1>{w('admin')}</h1>
        {o.errors ? <ImportErrors errors={o.errors} lang={lang} /> : null}
        <h2>{w('templates')}</h2>
        <ul class="downloads">
          <li><a href="/admin/pledges/template.xlsx">{w('importPledges')}: XLSX</a></li>
          {sheets.map((s) => <li><a href={`/admin/pledges/template/${encodeURIComponent(s.name.replace(/\.csv$/, ''))}.csv`}>CSV: {s.name}</a></li>)}
          <li><a href="/admin/evaluations/template.xlsx">{w('importEvaluation')}: XLSX</a></li>
          <li><a href="/admin/evaluations/template.csv">{w('importEvaluation')}: CSV</a></li>
        </ul>
        <p class="help">{w('importHelp')}</p>
        <h2>{w('importPledges')}</h2>
        <form method="post" action="/admin/pledges/import" enctype="multipart/form-data" novalidate>
          <Csrf token={c.get('csrf')} />
          <Field name="file" type="file" label={w('file')} errors={fileErr('pledges')} required />
          <button type="submit" class="btn btn-primary">{w('importPledges')}</button>
        </form>
        <h2>{w('importEvaluation')}</h2>
        <form method="post" action="/admin/evaluations/import" enctype="multipart/form-data" novalidate>
          <Csrf token={c.get('csrf')} />
          {/* The report's front matter as seed 003 prints it (title block, 목적, □ 추진근거, □ 점검개요, □ 향후계획). */}
          <Field name="title" label={w('title')} value={v.title} maxLength={200} />
          <Field name="date" label={L('작성일 (예: 2022. 6.)', 'Date (e.g. 2022. 6.)')} value={v.date} maxLength={40} />
          <Field name="organization" label={L('작성 부서', 'Prepared by')} value={v.organization} maxLength={100} />
          <Field name="intro" label={L('목적', 'Purpose')} value={v.intro} multiline rows={2} maxLength={1000} />
          <Field name="basis" label={L('추진근거 (한 줄에 하나)', 'Basis (one per line)')} value={v.basis} multiline rows={3} maxLength={2000} />
          <Field name="content" label={L('점검 내용', 'What was checked')} value={v.content} maxLength={300} />
          <Field name="period" label={L('점검 기간', 'Period checked')} value={v.period} maxLength={100} />
          <Field name="method" label={L('점검 방법', 'Method')} value={v.method} maxLength={300} />
          <Field name="plans" label={L('향후계획 (한 줄에 하나)', 'Next steps (one per line)')} value={v.plans} multiline rows={3} maxLength={2000} />
          <Field name="file" type="file" label={w('file')} errors={fileErr('evaluation')} required />
          <button type="submit" class="btn btn-primary">{w('importEvaluation')}</button>
        </form>
        <p><a href="/pledges/snapshots">{w('snapshots')}</a></p>
      </div>
    ));
  };
  const guard = (c: Context<AppEnv>) => {
    const a = c.get('actor');
    if (!a) return c.redirect(`/login?required=1&back=${encodeURIComponent('/admin/pledges')}`, 303);
    return perm.canImport(a) ? null : forbidden(c);
  };
  app.get('/admin/pledges', (c) => guard(c) ?? page(c, c.req.query('msg') === 'imported' ? { notice: tx(c)('imported') } : {}));
  app.get('/admin/pledges/template.xlsx', async (c) => guard(c) ?? download(c, await pledgeTemplateXlsx(), XLSX, '공약_가져오기_양식.xlsx'));
  app.get('/admin/pledges/template/:name{[^/]+\\.csv}', (c) => {
    const g = guard(c);
    if (g) return g;
    const f = pledgeTemplateCsv().find((s) => s.name === decodeURIComponent(c.req.param('name')));
    return f ? download(c, f.text, CSV, f.name) : c.notFound();
  });
  // The templates list the city's own grades (the 등급 column accepts exactly those).
  app.get('/admin/evaluations/template.xlsx', async (c) => guard(c) ?? download(c, await evaluationTemplateXlsx(await evaluationSettingsOf(c.get('p').db)), XLSX, '이행사항점검_양식.xlsx'));
  app.get('/admin/evaluations/template.csv', async (c) => {
    const g = guard(c);
    if (g) return g;
    const f = evaluationTemplateCsv(await evaluationSettingsOf(c.get('p').db));
    return download(c, f.text, CSV, f.name);
  });

  const uploaded = async (c: Context<AppEnv>) => {
    const body = await c.req.parseBody({ all: true }).catch(() => ({} as Record<string, unknown>));
    const raw = body.file;
    const files = (Array.isArray(raw) ? raw : [raw]).filter((f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0);
    return Promise.all(files.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })));
  };
  app.post('/admin/pledges/import', async (c) => {
    const g = guard(c);
    if (g) return g;
    const actor = c.get('actor')!;
    const files = await uploaded(c);
    if (!files.length) return page(c, { status: 422, which: 'pledges', fileError: tx(c)('chooseFile') });
    const r = await importPledges(c.get('p').db, files, { actor: { id: actor.id, label: actorLabel(actor) } });
    if (!r.ok) return page(c, { status: 422, errors: r.errors, which: 'pledges' });
    return c.redirect('/admin/pledges?msg=imported', 303);
  });
  app.post('/admin/evaluations/import', async (c) => {
    const g = guard(c);
    if (g) return g;
    const actor = c.get('actor')!;
    const files = await uploaded(c);
    const f = c.get('form');
    const field = (k: string, max: number) => String(cleanText(f[k] ?? '')).trim().slice(0, max);
    const values = Object.fromEntries(['title', 'date', 'organization', 'intro', 'basis', 'content', 'period', 'method', 'plans'].map((k) => [k, field(k, 2000)]));
    if (files.length !== 1) return page(c, { status: 422, which: 'evaluation', fileError: tx(c)('chooseFile'), values });
    const items = (text: string) => text.split(/\r?\n/).map((x) => x.trim()).filter(Boolean).map((x) => ({ text: x.slice(0, 500) }));
    const r = await importEvaluation(c.get('p').db, files[0], {
      title: values.title.slice(0, 200) || undefined, date: values.date.slice(0, 40), organization: values.organization.slice(0, 100), intro: values.intro || undefined,
      basis: items(values.basis), plans: items(values.plans), overview: { content: values.content.slice(0, 300), period: values.period.slice(0, 100), method: values.method.slice(0, 300) },
    }, { actor: { id: actor.id, label: actorLabel(actor) } });
    if (!r.ok) return page(c, { status: 422, errors: r.errors, which: 'evaluation', values });
    return c.redirect(`/evaluations/${r.ids[0]}`, 303);
  });
}

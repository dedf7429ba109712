// /admin/pledges: import templates and all-or-nothing imports of pledges, for planning and admins (evaluation reports
// are imported at /admin/evaluations, the evaluations module's page).
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field } from '../../../platform/ui/forms.tsx';
import { forbidden } from '../../../platform/http/app.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { actorLabel } from '../../../platform/permissions.ts';
import { pledgeTemplateCsv, pledgeTemplateXlsx, type ImportError } from '../domain/index.ts';
import * as perm from '../permissions.ts';
import { importPledges } from '../import.ts';
import { tx } from '../text.ts';
import { once } from '../../../platform/http/once.tsx';
import { download, ImportErrors, uploadedFiles, XLSX, CSV } from '../../../platform/reports/index.ts';

export function registerPledgeAdmin(app: Hono<AppEnv>) {
  const page = async (
    c: Context<AppEnv>,
    o: { status?: number; errors?: ImportError[]; notice?: string; fileError?: string } = {},
  ) => {
    const w = tx(c),
      lang = c.get('lang');
    const sheets = pledgeTemplateCsv();
    return renderPage(
      c,
      { title: w('admin'), status: o.status, notice: o.notice, error: o.errors ? w('importFailed') : undefined },
      <div>
        <h1>{w('admin')}</h1>
        {o.errors ? <ImportErrors errors={o.errors} lang={lang} /> : null}
        <h2>{w('templates')}</h2>
        <ul class="downloads">
          <li>
            <a href="/admin/pledges/template.xlsx">{w('importPledges')}: XLSX</a>
          </li>
          {sheets.map((s) => (
            <li>
              <a href={`/admin/pledges/template/${encodeURIComponent(s.name.replace(/\.csv$/, ''))}.csv`}>
                CSV: {s.name}
              </a>
            </li>
          ))}
        </ul>
        <p class="help">{w('importHelp')}</p>
        <h2>{w('importPledges')}</h2>
        <form method="post" action="/admin/pledges/import" enctype="multipart/form-data" novalidate>
          <Csrf token={c.get('csrf')} />
          <Field
            name="file"
            type="file"
            label={w('file')}
            errors={o.fileError ? { file: [o.fileError] } : {}}
            required
          />
          <button type="submit" class="btn btn-primary">
            {w('importPledges')}
          </button>
        </form>
        <p>
          <a href="/admin/evaluations">{w('importEvaluation')}</a>
        </p>
        <p>
          <a href="/pledges/snapshots">{w('snapshots')}</a>
        </p>
      </div>,
    );
  };
  const guard = (c: Context<AppEnv>) => {
    const a = c.get('actor');
    if (!a) return c.redirect(`/login?required=1&back=${encodeURIComponent('/admin/pledges')}`, 303);
    return perm.canImport(a) ? null : forbidden(c);
  };
  app.get(
    '/admin/pledges',
    (c) => guard(c) ?? page(c, c.req.query('msg') === 'imported' ? { notice: tx(c)('imported') } : {}),
  );
  app.get(
    '/admin/pledges/template.xlsx',
    async (c) => guard(c) ?? download(c, await pledgeTemplateXlsx(), XLSX, '공약_가져오기_양식.xlsx'),
  );
  app.get('/admin/pledges/template/:name{[^/]+\\.csv}', (c) => {
    const g = guard(c);
    if (g) return g;
    const f = pledgeTemplateCsv().find((s) => s.name === decodeURIComponent(c.req.param('name')));
    return f ? download(c, f.text, CSV, f.name) : c.notFound();
  });

  app.post('/admin/pledges/import', async (c) => {
    const g = guard(c);
    if (g) return g;
    const actor = c.get('actor')!;
    const files = await uploadedFiles(c);
    if (!files.length) return page(c, { status: 422, fileError: tx(c)('chooseFile') });
    return once(c, async (db) => {
      const r = await importPledges(db, files, { actor: { id: actor.id, label: actorLabel(actor) } });
      return r.ok ? '/admin/pledges?msg=imported' : () => page(c, { status: 422, errors: r.errors });
    });
  });
}

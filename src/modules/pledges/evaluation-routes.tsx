// Evaluation reports (seed 003): list, report page with the grade table, final grades with reasons, downloads.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { cleanText } from '../../platform/http/validate.ts';
import { actorLabel } from '../../platform/permissions.ts';
import { recordAudit } from '../../platform/audit.ts';
import { reportTables, toCsv, toJson, toXlsx } from './domain/index.ts';
import { buildEvaluationReport, finalizeGrade } from '../evaluations/domain/index.ts';
import * as perm from './permissions.ts';
import * as evalStore from '../evaluations/store.ts';
import { tx } from './text.ts';
import { PrintCss, ReportView } from '../../platform/reports/index.ts';
import { idOf } from './routes.tsx';
import { download, XLSX, CSV, JSON_TYPE } from '../../platform/reports/index.ts';

export function registerEvaluations(app: Hono<AppEnv>) {
  app.get('/evaluations', async (c) => {
    const w = tx(c);
    const runs = await evalStore.listRuns(c.get('p').db);
    return renderPage(c, { title: w('evaluations') }, (
      <div>
        <h1>{w('evaluations')}</h1>
        {runs.length ? (
          <div class="table-wrap"><table>
            <caption>{w('evaluations')}</caption>
            <thead><tr><th scope="col">{w('title')}</th><th scope="col">{w('takenAt')}</th><th scope="col">{w('rows')}</th></tr></thead>
            <tbody>{runs.map((r) => <tr><th scope="row"><a href={`/evaluations/${r.id}`}>{r.title}</a></th><td>{r.report_date}</td><td class="num">{Number(r.n)}</td></tr>)}</tbody>
          </table></div>
        ) : <p>{w('evaluationNone')}</p>}
      </div>
    ));
  });

  const reportOf = async (c: Context<AppEnv>) => {
    const id = idOf(c.req.param('id'));
    const run = id ? await evalStore.getRun(c.get('p').db, id) : undefined;
    return run ? { id: id!, run, report: buildEvaluationReport(run.input, run.settings) } : null;
  };

  const evalPage = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const w = tx(c), actor = c.get('actor');
    const x = await reportOf(c);
    if (!x) return c.notFound();
    const v = o.values ?? {};
    const graded = x.run.input.results.filter((r) => r.status === 'evaluated');
    return renderPage(c, { title: x.report.title, status: o.status, notice: c.req.query('msg') === 'graded' ? (c.get('lang') === 'ko' ? '등급을 저장했습니다.' : 'Grade saved.') : undefined }, (
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print"><a href="/evaluations">{w('evaluations')}</a></p>
        <h1>{x.report.title}</h1>
        <ReportView report={x.report} />
        <section class="no-print" aria-labelledby="dl-h">
          <h2 id="dl-h">{w('downloads')}</h2>
          <p class="help">{w('print')}</p>
          <ul class="downloads">
            <li><a href={`/evaluations/${x.id}/report.xlsx`}>XLSX</a></li>
            <li><a href={`/evaluations/${x.id}/report.json`}>JSON</a></li>
            {reportTables(x.report).map((t) => <li><a href={`/evaluations/${x.id}/tables/${t.id}.csv`}>CSV: {t.title}</a></li>)}
          </ul>
        </section>
        {perm.canImport(actor) ? (
          <form method="post" action={`/evaluations/${x.id}/grade`} class="no-print" novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{c.get('lang') === 'ko' ? '최종 등급 정하기' : 'Set a final grade'}</h2>
            <p class="help">{c.get('lang') === 'ko' ? '달성도로 제안된 등급과 다르게 정하려면 정성평가 사유를 적어야 합니다.' : 'A grade other than the one the rate suggests needs a written reason.'}</p>
            <div class={o.errors?.code ? 'form-group has-error' : 'form-group'}>
              <label for="f-code">{w('rows')}</label>
              <select id="f-code" name="code" aria-describedby={o.errors?.code ? 'f-code-error' : undefined}>{graded.map((r) => <option value={r.id} selected={v.code === r.id}>{r.id}. {r.task} {r.indicator ? `· ${r.indicator}` : ''} ({r.grade})</option>)}</select>
              {o.errors?.code ? <p class="error-text" id="f-code-error">{o.errors.code.join(' ')}</p> : null}
            </div>
            <div class="form-group">
              <label for="f-grade">{c.get('lang') === 'ko' ? '등급' : 'Grade'}</label>
              <select id="f-grade" name="grade">{x.run.settings.grades.map((g) => <option value={g.grade} selected={v.grade === g.grade}>{g.grade}</option>)}</select>
            </div>
            <Field name="reason" label={c.get('lang') === 'ko' ? '정성평가 사유' : 'Reason'} value={v.reason} errors={o.errors} multiline rows={3} maxLength={1000} />
            <button type="submit" class="btn btn-primary">{c.get('lang') === 'ko' ? '저장' : 'Save'}</button>
          </form>
        ) : null}
      </article>
    ));
  };
  app.get('/evaluations/:id{[0-9]+}', (c) => evalPage(c));
  app.post('/evaluations/:id{[0-9]+}/grade', async (c) => {
    const actor = c.get('actor');
    if (!actor) return c.redirect(`/login?required=1&back=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);
    if (!perm.canImport(actor)) return forbidden(c);
    const x = await reportOf(c);
    if (!x) return c.notFound();
    const f = c.get('form');
    const values = { code: String(f.code ?? ''), grade: String(f.grade ?? ''), reason: String(cleanText(f.reason ?? '')).slice(0, 1000) };
    const r = x.run.input.results.find((y) => y.id === values.code);
    if (!r) return evalPage(c, { values, errors: { code: [c.get('lang') === 'ko' ? '추진과제를 고르세요.' : 'Choose an item.'] }, status: 422 });
    const fin = finalizeGrade(r, values.grade, values.reason || undefined, x.run.settings);
    if (!fin.ok) return evalPage(c, { values, errors: { reason: [fin.reason[c.get('lang')]] }, status: 422 });
    const db = c.get('p').db;
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('evaluation_results').set({ grade: fin.result.grade ?? null, reason: fin.result.reason ?? null }).where('run_id', '=', x.id).where('code', '=', r.id).execute();
      await recordAudit(trx, { actor: { id: actor.id, label: actorLabel(actor) }, action: 'evaluation.grade', targetType: 'evaluation-result', targetId: `${x.id}/${r.id}`, reason: fin.result.reason ?? null, before: { grade: r.grade, reason: r.reason ?? null }, after: { grade: fin.result.grade, reason: fin.result.reason ?? null } });
    });
    return c.redirect(`/evaluations/${x.id}?msg=graded`, 303);
  });

  app.get('/evaluations/:id{[0-9]+}/:file{report\\.(?:xlsx|json)}', async (c) => {
    const x = await reportOf(c);
    if (!x) return c.notFound();
    return c.req.param('file') === 'report.xlsx'
      ? download(c, await toXlsx(x.report), XLSX, `${x.report.title}.xlsx`)
      : download(c, toJson({ report: x.report, results: x.run.input.results }), JSON_TYPE, `${x.report.title}.json`);
  });

  app.get('/evaluations/:id{[0-9]+}/tables/:table{[\\w-]+\\.csv}', async (c) => {
    const x = await reportOf(c);
    const t = x && reportTables(x.report).find((tb) => `${tb.id}.csv` === c.req.param('table'));
    if (!x || !t) return c.notFound();
    return download(c, toCsv(t), CSV, `${x.report.title}_${t.title}.csv`);
  });
}

// ---- admin: templates and web import --------------------------------------------------------------------------

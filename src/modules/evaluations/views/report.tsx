// One evaluation report as printed (seed 003), its downloads, and for the planning office the final-grade form.
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { PrintCss, ReportView, reportTables, type Report } from '../../../platform/reports/index.ts';
import type { StoredRun } from '../store.ts';
import { can } from '../permissions.ts';
import { tx } from '../texts.ts';

export const REPORT_CSS_PATH = '/evaluations/report.css';

export interface ReportPageProps {
  id: number;
  run: StoredRun;
  report: Report;
  values?: Record<string, string>;
  errors?: FieldErrors;
  status?: number;
  notice?: string;
}

export function reportPage(c: Context<AppEnv>, x: ReportPageProps) {
  const w = tx(c),
    v = x.values ?? {},
    errors = x.errors;
  const graded = x.run.input.results.filter((r) => r.status === 'evaluated');
  return renderPage(
    c,
    { title: x.report.title, status: x.status, notice: x.notice },
    <article>
      <PrintCss href={REPORT_CSS_PATH} />
      <p class="no-print">
        <a href="/evaluations">{w('evaluations')}</a>
      </p>
      <h1>{x.report.title}</h1>
      <ReportView report={x.report} />
      <section class="no-print" aria-labelledby="dl-h">
        <h2 id="dl-h">{w('downloads')}</h2>
        <p class="help">{w('print')}</p>
        <ul class="downloads">
          <li>
            <a href={`/evaluations/${x.id}/report.xlsx`}>XLSX</a>
          </li>
          <li>
            <a href={`/evaluations/${x.id}/report.json`}>JSON</a>
          </li>
          {reportTables(x.report).map((t) => (
            <li>
              <a href={`/evaluations/${x.id}/tables/${t.id}.csv`}>CSV: {t.title}</a>
            </li>
          ))}
        </ul>
      </section>
      {can(c.get('actor'), 'grade') ? (
        <form method="post" action={`/evaluations/${x.id}/grade`} class="no-print" novalidate>
          <Csrf token={c.get('csrf')} />
          <h2>{w('gradeHeading')}</h2>
          <p class="help">{w('gradeHelp')}</p>
          <div class={errors?.code ? 'form-group has-error' : 'form-group'}>
            <label for="f-code">{w('rows')}</label>
            <select id="f-code" name="code" aria-describedby={errors?.code ? 'f-code-error' : undefined}>
              {graded.map((r) => (
                <option value={r.id} selected={v.code === r.id}>
                  {r.id}. {r.task} {r.indicator ? `· ${r.indicator}` : ''} ({r.grade})
                </option>
              ))}
            </select>
            {errors?.code ? (
              <p class="error-text" id="f-code-error">
                {errors.code.join(' ')}
              </p>
            ) : null}
          </div>
          <div class="form-group">
            <label for="f-grade">{w('grade')}</label>
            <select id="f-grade" name="grade">
              {x.run.settings.grades.map((g) => (
                <option value={g.grade} selected={v.grade === g.grade}>
                  {g.grade}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="reason"
            label={w('reason')}
            value={v.reason}
            errors={errors}
            multiline
            rows={3}
            maxLength={1000}
          />
          <button type="submit" class="btn btn-primary">
            {w('save')}
          </button>
        </form>
      ) : null}
    </article>,
  );
}

// Public evaluation reports: the list, one report, its downloads; the planning office's final grade.
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { cleanText } from '../../../platform/http/validate.ts';
import { actorLabel } from '../../../platform/permissions.ts';
import { download, serveReport, JSON_TYPE } from '../../../platform/reports/index.ts';
import { toJson } from '../../../platform/reports/index.ts';
import { finalizeGrade } from '../domain/index.ts';
import { listRuns, setGrade } from '../store.ts';
import { ListPage } from '../views/list.tsx';
import { reportPage } from '../views/report.tsx';
import { tx } from '../texts.ts';
import { once } from '../../../platform/http/once.tsx';
import { evaluation } from './guards.ts';

export async function list(c: Context<AppEnv>) {
  return ListPage({ c, runs: await listRuns(c.get('p').db) });
}

export function show(c: Context<AppEnv>) {
  return reportPage(c, { ...evaluation.get(c), notice: c.req.query('msg') === 'graded' ? tx(c)('graded') : undefined });
}

/** A final grade other than the suggested one needs a reason (finalizeGrade); saved with the record. */
export async function grade(c: Context<AppEnv>) {
  const x = evaluation.get(c),
    actor = c.get('actor')!;
  const f = c.get('form');
  const values = {
    code: String(f.code ?? ''),
    grade: String(f.grade ?? ''),
    reason: String(cleanText(f.reason ?? '')).slice(0, 1000),
  };
  const r = x.run.input.results.find((y) => y.id === values.code);
  if (!r) return reportPage(c, { ...x, values, errors: { code: [tx(c)('chooseItem')] }, status: 422 });
  const fin = finalizeGrade(r, values.grade, values.reason || undefined, x.run.settings);
  if (!fin.ok) return reportPage(c, { ...x, values, errors: { reason: [fin.reason[c.get('lang')]] }, status: 422 });
  return once(c, async (db) => {
    await setGrade(
      db,
      x.id,
      r.id,
      { grade: fin.result.grade ?? null, reason: fin.result.reason ?? null },
      { grade: r.grade ?? null, reason: r.reason ?? null },
      { id: actor.id, label: actorLabel(actor) },
    );
    return `/evaluations/${x.id}?msg=graded`;
  });
}

/** report.xlsx (a sheet per table) or report.json (the report with its rows). */
export async function reportFile(c: Context<AppEnv>) {
  const x = evaluation.get(c);
  return c.req.param('file') === 'report.xlsx'
    ? serveReport(c, x.report, 'xlsx', x.report.title)
    : download(c, toJson({ report: x.report, results: x.run.input.results }), JSON_TYPE, `${x.report.title}.json`);
}

export function tableCsv(c: Context<AppEnv>) {
  const x = evaluation.get(c);
  return serveReport(c, x.report, c.req.param('table') ?? '', x.report.title);
}

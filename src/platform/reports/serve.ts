// Reports and files as downloads: one report model served as XLSX (a sheet per table), JSON or one table's CSV,
// with a file name that survives every browser (ASCII fallback plus RFC 5987 UTF-8 name).
import type { Context } from 'hono';
import type { AppEnv } from '../context.ts';
import { reportTables, type Report } from './model.ts';
import { toCsv, toJson, toXlsx } from './render.ts';
import { REPORT_CSS } from './html.tsx';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV = 'text/csv; charset=utf-8';
export const JSON_TYPE = 'application/json; charset=utf-8';

export function download(c: Context<AppEnv>, body: string | Buffer, type: string, filename: string) {
  const data = typeof body === 'string' ? body : new Uint8Array(body);
  return c.body(data as never, 200, {
    'content-type': type,
    'content-disposition': `attachment; filename="${filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '')}"; filename*=UTF-8''${encodeURIComponent(filename)}`,
  });
}

/** A report as a download: 'xlsx' (a sheet per table), 'json' (the report, or `json` when given) or '<table id>.csv'. */
export async function serveReport(
  c: Context<AppEnv>,
  report: Report,
  file: string,
  name: string,
  json: unknown = report,
) {
  if (file === 'xlsx') return download(c, await toXlsx(report), XLSX, `${name}.xlsx`);
  if (file === 'json') return download(c, toJson(json), JSON_TYPE, `${name}.json`);
  const t = reportTables(report).find((tb) => `${tb.id}.csv` === file);
  return t ? download(c, toCsv(t), CSV, `${name}_${t.title}.csv`) : c.notFound();
}

/** The A4 print stylesheet (PrintCss links it); a module serves it at its own path. */
export const reportCss = (c: Context<AppEnv>) =>
  c.body(REPORT_CSS, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=3600' });

// A multi-table import: XLSX sheets or several CSV files, each matched to a SheetDef by name
// (sheet name or CSV file base name, Korean or English) or, failing that, by its header row.
import { parseCsv, CsvSyntaxError } from './csv.ts';
import { parseSheet, templateRows, type ImportError, type Rowed, type SheetDef } from './sheet.ts';
import { Worker } from 'node:worker_threads';
import { writeSheets, stringifyCsv } from './xlsx.ts';
import { BOM } from './csv.ts';

export interface SourceTable {
  /** Sheet name, or CSV file name (directory and extension are ignored). */
  name: string;
  rows: string[][];
}

/** The sheet with template guidance; ignored on import. */
export const GUIDE_SHEET = '안내';

export type WorkbookResult<T extends Record<string, unknown>> =
  | { ok: true; data: { [K in keyof T]: Rowed<T[K]>[] } }
  | { ok: false; errors: ImportError[] };

const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();

export function baseName(fileName: string): string {
  return fileName
    .replace(/^.*[\\/]/, '')
    .replace(/\.(csv|xlsx|txt)$/i, '')
    .replace(/^.*\./, '');
}

function matchDef(defs: SheetDef<unknown>[], t: SourceTable): SheetDef<unknown> | undefined {
  const n = norm(baseName(t.name));
  const byName = defs.find((d) => [d.name, d.key, d.en].some((x) => norm(x) === n));
  if (byName) return byName;
  // By header: every header cell is a known column and every required column is present.
  const head = (t.rows[0] ?? []).map(norm).filter((h) => h !== '');
  return defs.find((d) => {
    const known = (h: string) => d.columns.some((c) => [c.header, c.key, c.en].some((x) => norm(x) === h));
    return (
      head.length > 0 &&
      head.every(known) &&
      d.columns.filter((c) => c.required).every((c) => head.includes(norm(c.header)) || head.includes(norm(c.key)))
    );
  });
}

/**
 * Validates every table; returns all records or all errors. `required` lists the table keys
 * that must be present (the others may be left out of the file).
 */
export function importTables<T extends Record<string, unknown>>(
  defs: { [K in keyof T]: SheetDef<T[K]> },
  sources: SourceTable[],
  required: (keyof T)[],
): WorkbookResult<T> {
  const list = Object.values(defs) as SheetDef<unknown>[];
  const errors: ImportError[] = [];
  const data: Record<string, Rowed<unknown>[]> = {};
  for (const d of list) data[d.key] = [];
  const seen = new Set<string>();
  for (const t of sources) {
    if (norm(baseName(t.name)) === norm(GUIDE_SHEET)) continue;
    const def = matchDef(list, t);
    if (!def) {
      errors.push({
        sheet: t.name,
        row: 1,
        message: {
          ko: `알 수 없는 표입니다: '${t.name}' (시트 이름 또는 머리글을 확인하세요)`,
          en: `unknown table '${t.name}' (check the sheet name or header row)`,
        },
      });
      continue;
    }
    if (seen.has(def.key)) {
      errors.push({
        sheet: t.name,
        row: 1,
        message: { ko: `'${def.name}' 표가 두 번 있습니다`, en: `table '${def.en}' appears twice` },
      });
      continue;
    }
    seen.add(def.key);
    const r = parseSheet(def, t.rows);
    if (r.ok) data[def.key] = r.records;
    else errors.push(...r.errors);
  }
  for (const k of required) {
    const d = defs[k];
    if (!seen.has(d.key))
      errors.push({
        sheet: d.name,
        row: 0,
        message: { ko: `'${d.name}' 표가 없습니다`, en: `table '${d.en}' is missing` },
      });
  }
  return errors.length ? { ok: false, errors } : { ok: true, data: data as { [K in keyof T]: Rowed<T[K]>[] } };
}

/** CSV files → source tables; a CSV syntax error becomes an import error, not an exception. */
export function csvSources(
  files: { name: string; text: string }[],
): { ok: true; sources: SourceTable[] } | { ok: false; errors: ImportError[] } {
  const sources: SourceTable[] = [];
  const errors: ImportError[] = [];
  for (const f of files) {
    try {
      sources.push({ name: f.name, rows: parseCsv(f.text) });
    } catch (e) {
      if (!(e instanceof CsvSyntaxError)) throw e;
      errors.push({ sheet: f.name, row: e.line, message: { ko: 'CSV 형식 오류', en: 'CSV syntax error' } });
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, sources };
}

type Reply = { id: number; ok: true; sheets: SourceTable[] } | { id: number; ok: false; message: string };
interface Reader {
  worker: Worker;
  pending: Map<number, { resolve(s: SourceTable[]): void; reject(e: Error): void }>;
  idle?: NodeJS.Timeout;
}
let reader: Reader | null = null;
let nextId = 1;

/**
 * Sheets of an uploaded workbook, read in a worker thread (xlsx-worker.mjs) with a memory cap, so the server stays
 * responsive. The worker starts on the first workbook (starting costs about a second) and stops after a minute idle.
 */
export function xlsxSources(data: Buffer | Uint8Array | ArrayBuffer): Promise<SourceTable[]> {
  if (!reader) {
    const worker = new Worker(new URL('./xlsx-worker.mjs', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    const r: Reader = { worker, pending: new Map() };
    worker.on('message', (m: Reply) => {
      const p = r.pending.get(m.id);
      r.pending.delete(m.id);
      if (m.ok) p?.resolve(m.sheets);
      else p?.reject(new Error(m.message));
      // Idle: the worker no longer keeps the process alive (a CLI import exits), and stops after a minute.
      if (!r.pending.size) {
        worker.unref();
        r.idle = setTimeout(() => {
          if (reader === r) reader = null;
          void worker.terminate();
        }, 60_000).unref();
      }
    });
    const fail = (e: Error) => {
      if (reader === r) reader = null;
      for (const p of r.pending.values()) p.reject(e);
      r.pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`xlsx worker exited ${code}`)));
    reader = r;
  }
  const r: Reader = reader;
  clearTimeout(r.idle);
  r.worker.ref();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    r.pending.set(id, { resolve, reject });
    r.worker.postMessage({ id, data });
  });
}

/** Template as XLSX: an 안내 sheet with column help, then one sheet per table with an example row. */
export async function templateXlsx(defs: SheetDef<unknown>[]): Promise<Buffer> {
  const guide: (string | null)[][] = [['표(시트)', '열', 'column', '필수', '설명', '예시']];
  for (const d of defs)
    for (const c of d.columns)
      guide.push([d.name, c.header, c.en, c.required ? '필수' : '', c.help ?? '', c.example ?? '']);
  return writeSheets([
    { name: GUIDE_SHEET, rows: guide },
    ...defs.map((d) => ({ name: d.name, rows: templateRows(d) })),
  ]);
}

/** Template as CSV files (one per table, UTF-8 with BOM), named '<표 이름>.csv'. */
export function templateCsv(defs: SheetDef<unknown>[]): { name: string; text: string }[] {
  return defs.map((d) => ({ name: `${d.name}.csv`, text: BOM + stringifyCsv(templateRows(d)) }));
}

// `madang import pledges|evaluation <file.xlsx | file.csv … | directory>`: reads the file(s), validates every row of
// every table, and writes everything in one transaction with the record — or nothing, listing each bad row.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Database } from '../../platform/db.ts';
import type { AuditActor } from '../../platform/audit.ts';
import { formatError, importPledgesCsv, importPledgesXlsx, type ImportError, type PledgeImportResult } from './domain/index.ts';
import { importEvaluationCsv, importEvaluationXlsx, type EvaluationImport, type EvaluationSettings, type EvaluationWarning } from '../evaluations/domain/index.ts';
import { evaluationSettingsOf, pledgeSettingsOf, LAYOUT_IDS } from './tracker.ts';
import { saveImport } from './store.ts';
import { saveRun, type RunMeta } from '../evaluations/store.ts';
import { checkZip } from '../../platform/uploads/zip-guard.ts';

export const CLI_ACTOR: AuditActor = { id: null, label: 'madang import (CLI)' };

export type ImportOutcome =
  | { ok: true; ids: number[]; count: number; warnings: EvaluationWarning[] }
  | { ok: false; errors: ImportError[] };

/** A directory stands for the CSV files in it. */
function expand(paths: string[]): string[] {
  return paths.flatMap((p) => (statSync(p).isDirectory() ? readdirSync(p).filter((n) => /\.(csv|xlsx)$/i.test(n)).sort().map((n) => join(p, n)) : [p]));
}

/**
 * An uploaded workbook is checked before exceljs inflates it (a zip bomb, or no ZIP at all, is refused with the reason),
 * and what exceljs cannot read (malformed sheet XML makes it throw) is a row-0 error, never a server error.
 */
async function fromWorkbook<R>(file: { name: string; data: Buffer }, read: () => Promise<R>): Promise<R | { ok: false; errors: ImportError[] }> {
  const v = await checkZip(file.data);
  if (!v.ok) return { ok: false, errors: [{ sheet: file.name, row: 0, message: v.message }] };
  try {
    return await read();
  } catch {
    return { ok: false, errors: [{ sheet: file.name, row: 0, message: { ko: '파일을 읽을 수 없습니다. 엑셀에서 XLSX로 다시 저장해 주세요.', en: 'The file cannot be read. Save it again as XLSX from Excel.' } }] };
  }
}

export async function parsePledgeFiles(files: { name: string; data: Buffer }[], db: Database): Promise<PledgeImportResult> {
  const { settings } = await pledgeSettingsOf(db);
  const xlsx = files.filter((f) => /\.xlsx$/i.test(f.name));
  if (xlsx.length > 1 || (xlsx.length && xlsx.length !== files.length)) {
    return { ok: false, errors: [{ sheet: xlsx[0].name, row: 0, message: { ko: 'XLSX 파일은 하나만, CSV와 섞지 않고 넣습니다', en: 'give one XLSX file, not mixed with CSV files' } }] };
  }
  if (xlsx.length) return fromWorkbook(xlsx[0], () => importPledgesXlsx(xlsx[0].data, settings));
  return importPledgesCsv(files.map((f) => ({ name: f.name, text: f.data.toString('utf8') })), settings);
}

export async function importPledges(db: Database, files: { name: string; data: Buffer }[], o: { layout?: string; actor: AuditActor }): Promise<ImportOutcome> {
  const r = await parsePledgeFiles(files, db);
  if (!r.ok) return r;
  const { tracker } = await pledgeSettingsOf(db);
  const saved = await saveImport(db, r.value, { layout: o.layout ?? tracker.layout, actor: o.actor, source: files.map((f) => f.name).join(', ') });
  if (!saved.ok) return saved;
  return { ok: true, ids: saved.ids, count: saved.ids.length, warnings: [] };
}

export async function parseEvaluationFile(file: { name: string; data: Buffer }, settings: EvaluationSettings): Promise<EvaluationImport> {
  return /\.xlsx$/i.test(file.name) ? fromWorkbook(file, () => importEvaluationXlsx(file.data, settings)) : importEvaluationCsv(file.name, file.data.toString('utf8'), settings);
}

export async function importEvaluation(db: Database, file: { name: string; data: Buffer }, meta: Partial<RunMeta>, o: { actor: AuditActor }): Promise<ImportOutcome> {
  const settings = await evaluationSettingsOf(db);
  const r = await parseEvaluationFile(file, settings);
  if (!r.ok) return r;
  const full: RunMeta = {
    title: meta.title ?? basename(file.name, extname(file.name)), date: meta.date ?? '', organization: meta.organization ?? '', intro: meta.intro,
    basis: meta.basis ?? [], overview: meta.overview ?? { content: '', period: '', method: '' }, plans: meta.plans ?? [],
  };
  const id = await saveRun(db, full, r.results, settings, r.warnings, { actor: o.actor, source: file.name });
  return { ok: true, ids: [id], count: r.results.length, warnings: r.warnings };
}

const USAGE = `usage: madang import pledges <file.xlsx | file.csv … | directory> [--layout ${LAYOUT_IDS.join('|')}]
       madang import evaluation <file.xlsx | file.csv> [--title T] [--date D] [--organization O] [--period P] [--method M] [--content C]
                                [--intro T] [--basis T]… [--plan T]…   (추진근거 and 향후계획: one option per item, repeated)`;

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}
/** Every value of a repeated option, in order (`--basis A --basis B`). */
function options(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === `--${name}` && i + 1 < args.length ? [args[i + 1]] : []));
}
function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) { if (args[i].startsWith('--')) i++; else out.push(args[i]); }
  return out;
}

/** The CLI task; prints a summary (or every row error) and returns the exit code. */
export async function importCommand(db: Database, args: string[], out: (s: string) => void = console.log, err: (s: string) => void = console.error): Promise<number> {
  const [kind, ...rest] = args;
  const paths = positional(rest);
  if ((kind !== 'pledges' && kind !== 'evaluation') || !paths.length) { err(USAGE); return 2; }
  let files: { name: string; data: Buffer }[];
  try {
    files = expand(paths).map((p) => ({ name: p, data: readFileSync(p) }));
  } catch (e) { err(`import: ${(e as Error).message}`); return 2; }
  let r: ImportOutcome;
  if (kind === 'pledges') {
    const layout = option(rest, 'layout');
    if (layout && !(LAYOUT_IDS as readonly string[]).includes(layout)) { err(USAGE); return 2; }
    r = await importPledges(db, files, { layout, actor: CLI_ACTOR });
  } else {
    if (files.length !== 1) { err(USAGE); return 2; }
    r = await importEvaluation(db, files[0], {
      title: option(rest, 'title'), date: option(rest, 'date'), organization: option(rest, 'organization'), intro: option(rest, 'intro'),
      basis: options(rest, 'basis').map((text) => ({ text })), plans: options(rest, 'plan').map((text) => ({ text })),
      overview: { content: option(rest, 'content') ?? '', period: option(rest, 'period') ?? '', method: option(rest, 'method') ?? '' },
    }, { actor: CLI_ACTOR });
  }
  if (!r.ok) {
    for (const e of r.errors) err(formatError(e));
    err(`import: ${r.errors.length}개 오류, 아무것도 가져오지 않았습니다 / ${r.errors.length} error(s), nothing imported`);
    return 1;
  }
  for (const w of r.warnings) out(`경고 ${w.row}행 (${w.id}): ${w.message.ko} / warning row ${w.row}: ${w.message.en}`);
  out(kind === 'pledges'
    ? `import: 공약 ${r.count}건을 가져왔습니다 / imported ${r.count} pledge(s)`
    : `import: 평가 ${r.ids[0]}번, 추진과제 ${r.count}건을 가져왔습니다 / imported evaluation ${r.ids[0]} with ${r.count} row(s)`);
  return 0;
}

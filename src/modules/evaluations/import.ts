// Importing an evaluation report (이행사항 점검결과): one XLSX or CSV file with the report's front matter, every row
// validated against the city's grade scale, all written in one transaction with the record — or nothing.
// `madang import evaluation <file>` and the admin upload both come here.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Database } from '../../platform/db.ts';
import type { AuditActor } from '../../platform/audit.ts';
import { formatError, type ImportError } from '../../platform/reports/index.ts';
import { expandImportPaths, option, options, positional } from '../../platform/cli-args.ts';
import {
  importEvaluationCsv,
  importEvaluationXlsx,
  type EvaluationImport,
  type EvaluationSettings,
  type EvaluationWarning,
} from './domain/index.ts';
import { evaluationSettingsOf } from './settings.ts';
import { saveRun, type RunMeta } from './store.ts';
import { fromWorkbook } from '../../platform/uploads/workbook.ts';

export type EvaluationImportOutcome =
  | { ok: true; id: number; count: number; warnings: EvaluationWarning[] }
  | { ok: false; errors: ImportError[] };

async function parseEvaluationFile(
  file: { name: string; data: Buffer },
  settings: EvaluationSettings,
): Promise<EvaluationImport> {
  return /\.xlsx$/i.test(file.name)
    ? fromWorkbook(file, () => importEvaluationXlsx(file.data, settings))
    : importEvaluationCsv(file.name, file.data.toString('utf8'), settings);
}

export async function importEvaluation(
  db: Database,
  file: { name: string; data: Buffer },
  meta: Partial<RunMeta>,
  o: { actor: AuditActor },
): Promise<EvaluationImportOutcome> {
  const settings = await evaluationSettingsOf(db);
  const r = await parseEvaluationFile(file, settings);
  if (!r.ok) return r;
  const full: RunMeta = {
    title: meta.title ?? basename(file.name, extname(file.name)),
    date: meta.date ?? '',
    organization: meta.organization ?? '',
    intro: meta.intro,
    basis: meta.basis ?? [],
    overview: meta.overview ?? { content: '', period: '', method: '' },
    plans: meta.plans ?? [],
  };
  const id = await saveRun(db, full, r.results, settings, r.warnings, { actor: o.actor, source: file.name });
  return { ok: true, id, count: r.results.length, warnings: r.warnings };
}

export const EVALUATION_USAGE = `madang import evaluation <file.xlsx | file.csv> [--title T] [--date D] [--organization O] [--period P] [--method M] [--content C]
                                [--intro T] [--basis T]… [--plan T]…   (추진근거 and 향후계획: one option per item, repeated)`;

/** `madang import evaluation …` (args after the kind); prints a summary or every row error, returns the exit code. */
export async function importEvaluationCommand(
  db: Database,
  rest: string[],
  actor: AuditActor,
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
): Promise<number> {
  const paths = positional(rest);
  if (!paths.length) {
    err(`usage: ${EVALUATION_USAGE}`);
    return 2;
  }
  let files: { name: string; data: Buffer }[];
  try {
    files = expandImportPaths(paths).map((p) => ({ name: p, data: readFileSync(p) }));
  } catch (e) {
    err(`import: ${(e as Error).message}`);
    return 2;
  }
  if (files.length !== 1) {
    err(`usage: ${EVALUATION_USAGE}`);
    return 2;
  }
  const r = await importEvaluation(
    db,
    files[0],
    {
      title: option(rest, 'title'),
      date: option(rest, 'date'),
      organization: option(rest, 'organization'),
      intro: option(rest, 'intro'),
      basis: options(rest, 'basis').map((text) => ({ text })),
      plans: options(rest, 'plan').map((text) => ({ text })),
      overview: {
        content: option(rest, 'content') ?? '',
        period: option(rest, 'period') ?? '',
        method: option(rest, 'method') ?? '',
      },
    },
    { actor },
  );
  if (!r.ok) {
    for (const e of r.errors) err(formatError(e));
    err(
      `import: ${r.errors.length}개 오류, 아무것도 가져오지 않았습니다 / ${r.errors.length} error(s), nothing imported`,
    );
    return 1;
  }
  for (const w of r.warnings) out(`경고 ${w.row}행 (${w.id}): ${w.message.ko} / warning row ${w.row}: ${w.message.en}`);
  out(
    `import: 평가 ${r.id}번, 추진과제 ${r.count}건을 가져왔습니다 / imported evaluation ${r.id} with ${r.count} row(s)`,
  );
  return 0;
}

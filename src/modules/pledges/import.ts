// `madang import pledges|evaluation <file.xlsx | file.csv … | directory>`: reads the file(s), validates every row of
// every table, and writes everything in one transaction with the record — or nothing, listing each bad row.
import { readFileSync } from 'node:fs';
import type { Database } from '../../platform/db.ts';
import type { AuditActor } from '../../platform/audit.ts';
import {
  formatError,
  importPledgesCsv,
  importPledgesXlsx,
  type ImportError,
  type PledgeImportResult,
} from './domain/index.ts';
import { EVALUATION_USAGE, importEvaluationCommand } from '../evaluations/index.ts';
import { expandImportPaths, option, positional } from '../../platform/cli-args.ts';
import { pledgeSettingsOf, LAYOUT_IDS } from './tracker.ts';
import { saveImport } from './store.ts';
import { fromWorkbook } from '../../platform/uploads/workbook.ts';

const CLI_ACTOR: AuditActor = { id: null, label: 'madang import (CLI)' };

export type ImportOutcome = { ok: true; ids: number[]; count: number } | { ok: false; errors: ImportError[] };

async function parsePledgeFiles(files: { name: string; data: Buffer }[], db: Database): Promise<PledgeImportResult> {
  const { settings } = await pledgeSettingsOf(db);
  const xlsx = files.filter((f) => /\.xlsx$/i.test(f.name));
  if (xlsx.length > 1 || (xlsx.length && xlsx.length !== files.length)) {
    return {
      ok: false,
      errors: [
        {
          sheet: xlsx[0].name,
          row: 0,
          message: {
            ko: 'XLSX 파일은 하나만, CSV와 섞지 않고 넣습니다',
            en: 'give one XLSX file, not mixed with CSV files',
          },
        },
      ],
    };
  }
  if (xlsx.length) return fromWorkbook(xlsx[0], () => importPledgesXlsx(xlsx[0].data, settings));
  return importPledgesCsv(
    files.map((f) => ({ name: f.name, text: f.data.toString('utf8') })),
    settings,
  );
}

export async function importPledges(
  db: Database,
  files: { name: string; data: Buffer }[],
  o: { layout?: string; actor: AuditActor },
): Promise<ImportOutcome> {
  const r = await parsePledgeFiles(files, db);
  if (!r.ok) return r;
  const { tracker } = await pledgeSettingsOf(db);
  const saved = await saveImport(db, r.value, {
    layout: o.layout ?? tracker.layout,
    actor: o.actor,
    source: files.map((f) => f.name).join(', '),
  });
  if (!saved.ok) return saved;
  return { ok: true, ids: saved.ids, count: saved.ids.length };
}

const USAGE = `usage: madang import pledges <file.xlsx | file.csv … | directory> [--layout ${LAYOUT_IDS.join('|')}]
       ${EVALUATION_USAGE}`;

/** The CLI task; prints a summary (or every row error) and returns the exit code. `evaluation` is the evaluations module's. */
export async function importCommand(
  db: Database,
  args: string[],
  out: (s: string) => void = console.log,
  err: (s: string) => void = console.error,
): Promise<number> {
  const [kind, ...rest] = args;
  if (kind === 'evaluation') return importEvaluationCommand(db, rest, CLI_ACTOR, out, err);
  const paths = positional(rest);
  if (kind !== 'pledges' || !paths.length) {
    err(USAGE);
    return 2;
  }
  let files: { name: string; data: Buffer }[];
  try {
    files = expandImportPaths(paths).map((p) => ({ name: p, data: readFileSync(p) }));
  } catch (e) {
    err(`import: ${(e as Error).message}`);
    return 2;
  }
  const layout = option(rest, 'layout');
  if (layout && !(LAYOUT_IDS as readonly string[]).includes(layout)) {
    err(USAGE);
    return 2;
  }
  const r = await importPledges(db, files, { layout, actor: CLI_ACTOR });
  if (!r.ok) {
    for (const e of r.errors) err(formatError(e));
    err(
      `import: ${r.errors.length}개 오류, 아무것도 가져오지 않았습니다 / ${r.errors.length} error(s), nothing imported`,
    );
    return 1;
  }
  out(`import: 공약 ${r.count}건을 가져왔습니다 / imported ${r.count} pledge(s)`);
  return 0;
}

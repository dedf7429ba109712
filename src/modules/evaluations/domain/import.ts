// `madang import evaluation <file.xlsx|csv>`: one table, one row per 추진과제.
// Blank 추진전략/사업명/과제명 cells repeat the value above (what unmerging the seed's merged
// cells in Excel leaves behind). All rows are validated; any bad row → nothing imported.
import { z } from 'zod';
import { cells, parseSheet, type ImportError, type SheetDef } from '../../../platform/reports/sheet.ts';
import {
  csvSources,
  xlsxSources,
  templateCsv,
  templateXlsx,
  type SourceTable,
} from '../../../platform/reports/workbook.ts';
import { IndicatorResult, type EvaluationSettings } from './framework.ts';
import { checkGrade } from './grading.ts';

export interface EvaluationRow {
  id?: string;
  strategy: string;
  project: string;
  task: string;
  indicator?: string;
  direction?: 'higher' | 'lower';
  target?: string;
  actual?: string;
  reportedRate?: number;
  grade: string;
  reason?: string;
}

export function evaluationSheet(settings: EvaluationSettings): SheetDef<EvaluationRow> {
  const gradeValues = [...settings.grades.map((g) => g.grade), settings.excludedLabel, settings.notEvaluatedLabel];
  // The example row's 113% graded on the city's own scale (the seed's A+ on the default one).
  const exampleGrade = settings.grades.find((g) => 113 >= g.minPercent)?.grade ?? settings.grades[0].grade;
  return {
    key: 'evaluation',
    name: '이행사항점검',
    en: 'evaluation',
    columns: [
      { key: 'id', header: '번호', en: 'id', parse: cells.text(), help: '비우면 행 순서로 부여', example: '1' },
      {
        key: 'strategy',
        header: '추진전략',
        en: 'strategy',
        required: true,
        parse: cells.text(),
        help: '비우면 윗행과 같음',
        example: '① 적극적 정보제공',
      },
      {
        key: 'project',
        header: '사업명',
        en: 'project',
        required: true,
        parse: cells.text(),
        help: '비우면 윗행과 같음',
        example: '1. 행정정보 전면공개',
      },
      {
        key: 'task',
        header: '과제명',
        en: 'task',
        required: true,
        parse: cells.text(),
        help: '비우면 윗행과 같음',
        example: '① 정보소통광장 운영',
      },
      {
        key: 'indicator',
        header: '추진과제',
        en: 'indicator',
        parse: cells.text(),
        help: '성과지표',
        example: '정보소통광장 공개 누적 건수(천건)',
      },
      {
        key: 'direction',
        header: '방향',
        en: 'direction',
        parse: cells.oneOf(['higher', 'lower'] as const, {
          상향: 'higher',
          높을수록: 'higher',
          하향: 'lower',
          낮을수록: 'lower',
        }),
        help: '상향(높을수록 좋음) 또는 하향; 비우면 상향',
        example: '상향',
      },
      { key: 'target', header: '목표', en: 'target', parse: cells.text(), example: '24,000천건' },
      {
        key: 'actual',
        header: '실적',
        en: 'actual',
        parse: cells.text(),
        help: '미운영이면 평가 제외',
        example: '27,177천건',
      },
      {
        key: 'reportedRate',
        header: '달성도',
        en: 'reported rate',
        parse: cells.percent(),
        help: '원문에 적힌 달성도(%)',
        example: '113%',
      },
      {
        key: 'grade',
        header: '평가등급',
        en: 'grade',
        required: true,
        parse: cells.oneOf(gradeValues),
        help: `${gradeValues.join(', ')}`,
        example: exampleGrade,
      },
      {
        key: 'reason',
        header: '사유',
        en: 'reason',
        parse: cells.text(),
        help: '등급이 제안 등급과 다를 때 정성평가 사유',
        example: '',
      },
    ],
    schema: z.object({
      id: z.string().optional(),
      strategy: z.string(),
      project: z.string(),
      task: z.string(),
      indicator: z.string().optional(),
      direction: z.enum(['higher', 'lower']).optional(),
      target: z.string().optional(),
      actual: z.string().optional(),
      reportedRate: z.number().optional(),
      grade: z.string(),
      reason: z.string().optional(),
    }),
  };
}

const FILL_DOWN = ['추진전략', '사업명', '과제명', 'strategy', 'project', 'task'];

/** Repeats blank hierarchy cells from the row above. */
export function fillDown(rows: string[][]): string[][] {
  const head = rows[0] ?? [];
  const idx = head.map((h, i) => (FILL_DOWN.includes(h.replace(/\s+/g, '')) ? i : -1)).filter((i) => i >= 0);
  const out = rows.map((r) => [...r]);
  for (let r = 2; r < out.length; r++) {
    if (out[r].every((c) => c.trim() === '')) continue;
    for (const i of idx) if ((out[r][i] ?? '').trim() === '') out[r][i] = out[r - 1][i] ?? '';
  }
  return out;
}

export interface EvaluationWarning {
  row: number;
  id: string;
  message: { ko: string; en: string };
}

export type EvaluationImport =
  | { ok: true; results: IndicatorResult[]; warnings: EvaluationWarning[] }
  | { ok: false; errors: ImportError[] };

export function importEvaluationTable(table: SourceTable, settings: EvaluationSettings): EvaluationImport {
  const def = evaluationSheet(settings);
  const r = parseSheet(def, fillDown(table.rows));
  if (!r.ok) return r;
  const results: IndicatorResult[] = [];
  const warnings: EvaluationWarning[] = [];
  const ids = new Set<string>();
  const errors: ImportError[] = [];
  r.records.forEach((row, i) => {
    const id = row.id ?? String(i + 1);
    if (ids.has(id))
      errors.push({
        sheet: def.name,
        row: row._row,
        column: '번호',
        columnEn: 'id',
        message: { ko: `번호가 중복됩니다: ${id}`, en: `duplicate id: ${id}` },
      });
    ids.add(id);
    const status =
      row.grade === settings.excludedLabel
        ? 'excluded'
        : row.grade === settings.notEvaluatedLabel
          ? 'not-evaluated'
          : 'evaluated';
    const res = IndicatorResult.parse({
      id,
      strategy: row.strategy,
      project: row.project,
      task: row.task,
      indicator: row.indicator ?? '',
      direction: row.direction ?? 'higher',
      target: row.target ?? '',
      actual: row.actual ?? '',
      reportedRate: row.reportedRate,
      status,
      grade: status === 'evaluated' ? row.grade : undefined,
      reason: row.reason,
    });
    results.push(res);
    // Historical reports often omit the reason for a qualitative grade: warn, do not refuse.
    for (const w of checkGrade(res, settings).warnings) warnings.push({ row: row._row, id, message: w });
  });
  return errors.length ? { ok: false, errors } : { ok: true, results, warnings };
}

/** CSV text (one file) → results. */
export function importEvaluationCsv(name: string, text: string, settings: EvaluationSettings): EvaluationImport {
  const s = csvSources([{ name, text }]);
  return s.ok ? importEvaluationTable(s.sources[0], settings) : s;
}

/** XLSX: the sheet named 이행사항점검 (or the only data sheet). */
export async function importEvaluationXlsx(
  data: Buffer | Uint8Array | ArrayBuffer,
  settings: EvaluationSettings,
): Promise<EvaluationImport> {
  const sheets = (await xlsxSources(data)).filter((s) => s.name !== '안내');
  const def = evaluationSheet(settings);
  const sheet = sheets.find((s) => s.name === def.name) ?? (sheets.length === 1 ? sheets[0] : undefined);
  if (!sheet)
    return {
      ok: false,
      errors: [
        {
          sheet: def.name,
          row: 0,
          message: { ko: `'${def.name}' 시트가 없습니다`, en: `sheet '${def.name}' is missing` },
        },
      ],
    };
  return importEvaluationTable(sheet, settings);
}

export const evaluationTemplateCsv = (settings: EvaluationSettings) =>
  templateCsv([evaluationSheet(settings) as SheetDef<unknown>])[0];
export const evaluationTemplateXlsx = (settings: EvaluationSettings) =>
  templateXlsx([evaluationSheet(settings) as SheetDef<unknown>]);

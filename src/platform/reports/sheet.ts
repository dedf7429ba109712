// Row-by-row validation of a tabular import (one sheet or one CSV file).
// Every row is checked and every error collected with its spreadsheet row number and the
// column's Korean and English names; the caller gets either all records or only errors,
// never a partial import.
import type { z } from 'zod';

export interface Bilingual {
  ko: string;
  en: string;
}

export type CellParse<T> = { ok: true; value: T | undefined } | { ok: false; error: Bilingual };

export interface ColumnDef {
  /** Record key (English). */
  key: string;
  /** Header as it appears in the template (Korean). */
  header: string;
  /** English column name, for bilingual errors and for English headers. */
  en: string;
  required?: boolean;
  /** Converts a non-empty cell; empty cells become undefined (or an error if required). */
  parse: (raw: string) => CellParse<unknown>;
  /** Example value in the template. */
  example?: string;
  /** One-line Korean help for the template's 안내 sheet. */
  help?: string;
}

export interface SheetDef<R> {
  key: string;
  /** Korean sheet name (XLSX) and CSV file base name. */
  name: string;
  en: string;
  columns: ColumnDef[];
  /** Whole-row validation after the cells are parsed (cross-field rules). */
  schema: z.ZodType<R>;
}

export interface ImportError {
  sheet: string;
  /** 1-based spreadsheet row; the header is row 1. */
  row: number;
  column?: string;
  columnEn?: string;
  message: Bilingual;
}

export type Rowed<R> = R & { _row: number };

export type SheetResult<R> = { ok: true; records: Rowed<R>[] } | { ok: false; errors: ImportError[] };

const norm = (s: string) =>
  s
    .replace(/\s+/g, '')
    .replace(/\uFEFF/g, '')
    .toLowerCase();

/** Error text "12행 '목표연월'(targetYearMonth): …" for CLIs and logs. */
export function formatError(e: ImportError): string {
  const col = e.column ? ` '${e.column}'(${e.columnEn})` : '';
  return `[${e.sheet}] ${e.row}행${col}: ${e.message.ko} / row ${e.row}${e.columnEn ? ` column ${e.columnEn}` : ''}: ${e.message.en}`;
}

export function parseSheet<R>(def: SheetDef<R>, rows: string[][]): SheetResult<R> {
  const errors: ImportError[] = [];
  const header = rows[0] ?? [];
  const colIndex = new Map<string, number>();
  header.forEach((h, i) => {
    if (h.trim() === '') return;
    const col = def.columns.find(
      (c) => norm(c.header) === norm(h) || norm(c.key) === norm(h) || norm(c.en) === norm(h),
    );
    if (!col) {
      errors.push({
        sheet: def.name,
        row: 1,
        column: h,
        columnEn: h,
        message: { ko: `알 수 없는 열 '${h}'`, en: `unknown column '${h}'` },
      });
    } else if (colIndex.has(col.key)) {
      errors.push({
        sheet: def.name,
        row: 1,
        column: col.header,
        columnEn: col.en,
        message: { ko: '열이 중복되었습니다', en: 'duplicate column' },
      });
    } else colIndex.set(col.key, i);
  });
  for (const c of def.columns) {
    if (c.required && !colIndex.has(c.key)) {
      errors.push({
        sheet: def.name,
        row: 1,
        column: c.header,
        columnEn: c.en,
        message: { ko: '필수 열이 없습니다', en: 'required column is missing' },
      });
    }
  }
  if (errors.length) return { ok: false, errors };

  const records: Rowed<R>[] = [];
  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r];
    if (cells.every((v) => v.trim() === '')) continue; // blank lines are common at the end of sheets
    const rowNo = r + 1;
    const obj: Record<string, unknown> = {};
    let bad = false;
    for (const c of def.columns) {
      const i = colIndex.get(c.key);
      const raw = i === undefined ? '' : (cells[i] ?? '').trim();
      if (raw === '') {
        if (c.required) {
          errors.push({
            sheet: def.name,
            row: rowNo,
            column: c.header,
            columnEn: c.en,
            message: { ko: '필수 항목이 비어 있습니다', en: 'required value is empty' },
          });
          bad = true;
        }
        continue;
      }
      const p = c.parse(raw);
      if (p.ok) {
        if (p.value !== undefined) obj[c.key] = p.value;
      } else {
        errors.push({ sheet: def.name, row: rowNo, column: c.header, columnEn: c.en, message: p.error });
        bad = true;
      }
    }
    if (bad) continue;
    const v = def.schema.safeParse(obj);
    if (!v.success) {
      for (const iss of v.error.issues) {
        const col = def.columns.find((c) => c.key === iss.path[0]);
        const [ko, en] = splitMessage(iss.message);
        errors.push({ sheet: def.name, row: rowNo, column: col?.header, columnEn: col?.en, message: { ko, en } });
      }
      continue;
    }
    records.push({ ...(v.data as R), _row: rowNo });
  }
  return errors.length ? { ok: false, errors } : { ok: true, records };
}

/** Zod messages in this codebase are written 'Korean / English'. */
export function splitMessage(m: string): [string, string] {
  const i = m.indexOf(' / ');
  return i < 0 ? [m, m] : [m.slice(0, i), m.slice(i + 3)];
}

/** Template rows: header, then one example row. */
export function templateRows(def: SheetDef<unknown>): string[][] {
  return [def.columns.map((c) => c.header), def.columns.map((c) => c.example ?? '')];
}

// ---- cell parsers ---------------------------------------------------------------------------

const ok = <T>(value: T): CellParse<T> => ({ ok: true, value });
const fail = (ko: string, en: string): CellParse<never> => ({ ok: false, error: { ko, en } });

export const cells = {
  text:
    () =>
    (raw: string): CellParse<string> =>
      ok(raw),
  /** Several lines in one cell (Alt+Enter in Excel). */
  lines:
    () =>
    (raw: string): CellParse<string[]> =>
      ok(
        raw
          .split(/\r\n|\r|\n/)
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      ),
  int:
    (min = -Infinity, max = Infinity) =>
    (raw: string): CellParse<number> => {
      const s = raw.replace(/,/g, '');
      if (!/^-?\d+$/.test(s)) return fail(`정수가 아닙니다: '${raw}'`, `not an integer: '${raw}'`);
      const n = Number(s);
      if (n < min || n > max)
        return fail(`${min}~${max} 범위를 벗어났습니다: ${n}`, `out of range ${min}..${max}: ${n}`);
      return ok(n);
    },
  /** Decimal amount; thousands separators allowed ('1,385'). */
  decimal:
    (min = -Infinity) =>
    (raw: string): CellParse<number> => {
      const s = raw.replace(/,/g, '');
      if (!/^-?\d+(\.\d+)?$/.test(s)) return fail(`숫자가 아닙니다: '${raw}'`, `not a number: '${raw}'`);
      const n = Number(s);
      if (n < min) return fail(`${min} 이상이어야 합니다: ${n}`, `must be ≥ ${min}: ${n}`);
      return ok(n);
    },
  percent:
    () =>
    (raw: string): CellParse<number> => {
      const s = raw.replace(/%$/, '').trim();
      if (!/^\d+(\.\d+)?$/.test(s)) return fail(`백분율이 아닙니다: '${raw}'`, `not a percentage: '${raw}'`);
      return ok(Number(s));
    },
  oneOf:
    <T extends string>(values: readonly T[], aliases: Record<string, T> = {}) =>
    (raw: string): CellParse<T> => {
      const hit =
        values.find((v) => norm(v) === norm(raw)) ??
        aliases[raw] ??
        Object.entries(aliases).find(([k]) => norm(k) === norm(raw))?.[1];
      return hit
        ? ok(hit)
        : fail(
            `허용되지 않는 값 '${raw}' (허용: ${values.join(', ')})`,
            `'${raw}' is not one of: ${values.join(', ')}`,
          );
    },
  /** 2020-12-31, 2020.12.31, 2020. 12. 31. → 2020-12-31. */
  date:
    () =>
    (raw: string): CellParse<string> => {
      const m = /^(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})\.?$/.exec(raw);
      if (!m) return fail(`날짜 형식이 아닙니다(YYYY-MM-DD): '${raw}'`, `not a date (YYYY-MM-DD): '${raw}'`);
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const dt = new Date(Date.UTC(y, mo - 1, d));
      if (dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d)
        return fail(`없는 날짜입니다: '${raw}'`, `no such date: '${raw}'`);
      return ok(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    },
  /** 2018.12, 2018-12, 2018.12. → 2018-12. */
  yearMonth:
    () =>
    (raw: string): CellParse<string> => {
      const m = /^(\d{4})\s*[-./]\s*(\d{1,2})\.?$/.exec(raw);
      if (!m || Number(m[2]) < 1 || Number(m[2]) > 12)
        return fail(`연월 형식이 아닙니다(YYYY.MM): '${raw}'`, `not a year-month (YYYY.MM): '${raw}'`);
      return ok(`${m[1]}-${m[2].padStart(2, '0')}`);
    },
  /** Yes/no columns: O, ○, Y, 예 … */
  flag:
    () =>
    (raw: string): CellParse<boolean> => {
      if (/^(o|○|y|yes|예|true|1)$/i.test(raw)) return ok(true);
      if (/^(x|n|no|아니오|false|0|-)$/i.test(raw)) return ok(false);
      return fail(`예/아니오 값이 아닙니다: '${raw}'`, `not a yes/no value: '${raw}'`);
    },
};

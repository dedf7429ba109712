// Renderers that need no web stack: CSV (one table), XLSX (whole report) and JSON.
// HTML is rendered by the web layer from the same Report model.
import ExcelJS from 'exceljs';
import { BOM, stringifyCsv } from './csv.ts';
import { layoutRows, listToLines, reportTables, type Report, type ReportTable } from './model.ts';
import { formulaSafeRows } from './formula-safe.ts';

/**
 * One table as CSV: header rows then body rows, spans flattened (a spanned value is written in
 * its first cell only, like Excel does when unmerging). UTF-8 with BOM, or Korean Excel
 * decodes it as CP949 and shows mojibake.
 */
export function toCsv(table: ReportTable): string {
  const grid = layoutRows([...table.head, ...table.body]);
  return BOM + stringifyCsv(formulaSafeRows(grid.map((r) => r.map((c) => (c.covered ? '' : c.value)))));
}

/** Sheet names: ≤ 31 chars, none of []:*?/\, unique (Excel refuses the file otherwise). */
function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, '·')
      .trim()
      .slice(0, 31) || '표';
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 31 - String(n).length - 1)}_${n}`;
  used.add(name);
  return name;
}

const FONT = { name: '맑은 고딕', size: 10 };
const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };

function writeTable(ws: ExcelJS.Worksheet, table: ReportTable): void {
  let r = 1;
  if (table.unit) {
    ws.getCell(r, 1).value = table.unit;
    ws.getCell(r, 1).font = { ...FONT, italic: true };
    r++;
  }
  const rows = [...table.head, ...table.body];
  const grid = layoutRows(rows);
  const headCount = table.head.length;
  grid.forEach((gridRow, i) => {
    const excelRow = r + i;
    const isHead = i < headCount || rows[i].header === true;
    gridRow.forEach((c, j) => {
      const cell = ws.getCell(excelRow, j + 1);
      if (!c.covered) cell.value = c.value;
      cell.font = { ...FONT, bold: isHead || rows[i].total === true };
      cell.alignment = {
        vertical: 'middle',
        wrapText: true,
        horizontal: isHead ? 'center' : typeof c.value === 'number' ? 'right' : 'left',
      };
      cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
      if (isHead) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    gridRow.forEach((c, j) => {
      if (!c.covered && (c.colSpan > 1 || c.rowSpan > 1)) {
        ws.mergeCells(excelRow, j + 1, Math.min(excelRow + c.rowSpan - 1, r + grid.length - 1), j + c.colSpan);
      }
    });
  });
  // Frozen header so long tables stay readable; widths from content (Hangul ≈ 2 columns).
  ws.views = [{ state: 'frozen', ySplit: r - 1 + headCount }];
  const width = grid[0]?.length ?? 0;
  for (let j = 0; j < width; j++) {
    let w = 6;
    for (const gr of grid) {
      const v = gr[j]?.covered ? '' : String(gr[j]?.value ?? '');
      const len = Math.max(
        ...v.split('\n').map((l) => [...l].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)),
      );
      w = Math.max(w, Math.min(60, len + 2));
    }
    ws.getColumn(j + 1).width = w;
  }
  let n = r + grid.length + 1;
  for (const note of table.notes ?? []) ws.getCell(n++, 1).value = note;
}

/**
 * The report as an XLSX workbook: one sheet per table (Korean headers, merged header cells),
 * preceded by a '개요' sheet with the title, meta and the non-table text so nothing is lost.
 */
export async function toXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '마당 Madang';
  const used = new Set<string>();
  const cover = wb.addWorksheet(sheetName('개요', used));
  cover.getColumn(1).width = 24;
  cover.getColumn(2).width = 90;
  cover.addRow([report.title]).font = { ...FONT, size: 14, bold: true };
  for (const m of report.meta) cover.addRow([m.label, m.value]).font = FONT;
  for (const s of report.sections) {
    cover.addRow([]);
    cover.addRow([s.heading]).font = { ...FONT, bold: true };
    for (const b of s.blocks) {
      if (b.kind === 'paragraph') cover.addRow(['', b.text]).font = FONT;
      else if (b.kind === 'list') for (const l of listToLines(b.items)) cover.addRow(['', l]).font = FONT;
      else cover.addRow(['', `[표] ${b.table.title}`]).font = { ...FONT, italic: true };
    }
  }
  for (const t of reportTables(report)) writeTable(wb.addWorksheet(sheetName(t.title, used)), t);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Open-data JSON: the report model itself, stable key order, UTF-8. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

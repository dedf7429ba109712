// Reads an XLSX workbook into plain string rows, one array per sheet, so the same validation
// runs for XLSX and CSV. Values are converted the way a person reads them in Excel.
import ExcelJS from 'exceljs';
import { stringifyCsv } from './csv.ts';

export interface SheetRows {
  name: string;
  rows: string[][];
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** Excel cell value → the string the user sees (dates as YYYY-MM-DD, formulas by result). */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad2(v.getUTCMonth() + 1)}-${pad2(v.getUTCDate())}`;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((p) => p.text).join('');
    if ('formula' in v || 'sharedFormula' in v)
      return cellText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v) return String(v.text); // hyperlink
    if ('error' in v) return String(v.error);
    return '';
  }
  return String(v);
}

export async function readXlsx(data: Buffer | ArrayBuffer | Uint8Array): Promise<SheetRows[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ExcelJS.Buffer);
  const out: SheetRows[] = [];
  wb.eachSheet((ws) => {
    const rows: string[][] = [];
    // Once per sheet: exceljs walks every row to compute columnCount, so asking per cell was quadratic (minutes).
    const width = ws.columnCount,
      height = ws.rowCount;
    for (let r = 1; r <= height; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, width); c++) cells.push(cellText(row.getCell(c).value));
      while (cells.length && cells[cells.length - 1] === '') cells.pop();
      rows.push(cells);
    }
    out.push({ name: ws.name, rows });
  });
  return out;
}

/** Writes sheets of string rows (header first) as XLSX; used for import templates. */
export async function writeSheets(
  sheets: { name: string; rows: (string | number | null)[][]; notes?: string[] }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '마당 Madang';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    s.rows.forEach((r, i) => {
      const row = ws.addRow(r);
      row.font = { name: '맑은 고딕', size: 10, bold: i === 0 };
      // Text format so '2018.12' or '001' are not turned into numbers or dates by Excel.
      row.eachCell((c) => (c.numFmt = '@'));
    });
    s.rows[0]?.forEach((h, j) => (ws.getColumn(j + 1).width = Math.max(10, String(h ?? '').length * 2 + 4)));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export { stringifyCsv };

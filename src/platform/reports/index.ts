// Reports and spreadsheets, shared by every module: one report model (model.ts) rendered as accessible A4 HTML
// (html.tsx), XLSX, CSV and JSON (render.ts), served as downloads (serve.ts); and the tabular import side: strict CSV
// (csv.ts), XLSX reading (xlsx.ts), row-by-row validation with bilingual errors (sheet.ts) and multi-table workbooks
// with templates (workbook.ts). Nothing here knows a module's words.
export * from './model.ts';
export * from './render.ts';
export { parseCsv, stringifyCsv, CsvSyntaxError, BOM } from './csv.ts';
export { readXlsx, writeSheets, cellText, type SheetRows } from './xlsx.ts';
export {
  parseSheet,
  formatError,
  cells,
  templateRows,
  type ImportError,
  type SheetDef,
  type ColumnDef,
  type CellParse,
  type Rowed,
  type Bilingual,
} from './sheet.ts';
export {
  importTables,
  csvSources,
  xlsxSources,
  templateCsv,
  templateXlsx,
  baseName,
  GUIDE_SHEET,
  type SourceTable,
  type WorkbookResult,
} from './workbook.ts';
export { ReportView, TableView, Items, PrintCss, REPORT_CSS } from './html.tsx';
export { download, serveReport, reportCss, XLSX, CSV, JSON_TYPE } from './serve.ts';
export { ImportErrors, uploadedFiles } from './import-errors.tsx';

// Public API of the pledges domain (pure; no storage, no web).
export * from './model.ts';
export * from './settings.ts';
export * from './format.ts';
export * from './budget.ts';
export * from './indicators.ts';
export * from './change-requests.ts';
export * from './communication.ts';
export * from './communication-card.ts';
export * from './photos.ts';
export * from './dashboard.ts';
export * from './snapshot.ts';
export * from './card.ts';
export * from './card-tables.ts';
// The report model and spreadsheet code are the platform's (src/platform/reports); re-exported for the pledge code.
export * from '../../../platform/reports/model.ts';
export * from '../../../platform/reports/render.ts';
export { parseCsv, stringifyCsv, CsvSyntaxError, BOM } from '../../../platform/reports/csv.ts';
export { readXlsx, writeSheets } from '../../../platform/reports/xlsx.ts';
export {
  parseSheet,
  formatError,
  cells,
  type ImportError,
  type SheetDef,
  type ColumnDef,
} from '../../../platform/reports/sheet.ts';
export {
  importTables,
  csvSources,
  xlsxSources,
  templateCsv,
  templateXlsx,
  type SourceTable,
} from '../../../platform/reports/workbook.ts';
export { parseItems, itemsToLines } from './import/items.ts';
export {
  PLEDGE_SHEETS,
  assemblePledges,
  importPledgeTables,
  importPledgesCsv,
  importPledgesXlsx,
  pledgeTemplateCsv,
  pledgeTemplateXlsx,
  type PledgeImport,
  type PledgeImportResult,
} from './import/pledges.ts';

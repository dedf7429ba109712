// A report as data: ordered sections with Korean headings and tables with Korean headers.
// Every output (printable HTML, XLSX, CSV, JSON) is rendered from this one model so the
// formats cannot drift apart. Any module builds its reports on it (src/platform/reports).

export type CellValue = string | number | null;

/** A photo or scan attached to a cell (관련사진, 언론보도 스크랩). */
interface ReportImage {
  src: string;
  alt: string;
}

/** A cell with layout information; a bare value is a 1×1 cell. */
export interface SpanCell {
  value: CellValue;
  colSpan?: number;
  rowSpan?: number;
  /** Text alignment hint for HTML; numbers default to right. */
  align?: 'left' | 'center' | 'right';
  images?: ReportImage[];
}

export type Cell = CellValue | SpanCell;

export interface TableRow {
  cells: Cell[];
  /** A header row inside the body (e.g. the 협조부서 row of 정책실명제). */
  header?: boolean;
  /** A totals row (계), rendered bold. */
  total?: boolean;
}

export interface ReportTable {
  /** Stable id, also used for XLSX sheet and CSV file names. */
  id: string;
  /** Korean title, e.g. '예산투자현황 및 투자계획'; becomes the sheet name. */
  title: string;
  /** '(단위 : 백만 원)' as printed above the table. */
  unit?: string;
  /** Header rows (top to bottom); cells may span. */
  head: TableRow[];
  body: TableRow[];
  /** Notes printed under the table. */
  notes?: string[];
}

/** A bullet item; children are indented (○ → • → -). */
export interface ListItem {
  text: string;
  /** Right-aligned date or period, printed after a dashed leader ('----- 2021. 4.'). */
  when?: string;
  children?: ListItem[];
}

export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; marker?: string; items: ListItem[] }
  | { kind: 'table'; table: ReportTable };

export interface ReportSection {
  id: string;
  /** Korean heading exactly as in the seed document. */
  heading: string;
  /** 1 = numbered section ('1. 사업개요'), 2 = sub-heading ('【문제점】', '○ …'). */
  level: 1 | 2;
  blocks: Block[];
}

export interface Report {
  /** What the report is, in the owning module's words; the renderers do not read it. */
  kind: string;
  title: string;
  /** Key facts shown in the title block (기준일, 담당부서 …), in order. */
  meta: { label: string; value: string }[];
  sections: ReportSection[];
}

function cellValue(cell: Cell): CellValue {
  return cell !== null && typeof cell === 'object' ? cell.value : cell;
}

export function span(value: CellValue, colSpan = 1, rowSpan = 1, extra: Partial<SpanCell> = {}): SpanCell {
  const c: SpanCell = { value, ...extra };
  if (colSpan > 1) c.colSpan = colSpan;
  if (rowSpan > 1) c.rowSpan = rowSpan;
  return c;
}

/** All tables in document order, for XLSX (one sheet each) and CSV (one file each). */
export function reportTables(report: Report): ReportTable[] {
  const out: ReportTable[] = [];
  for (const s of report.sections) for (const b of s.blocks) if (b.kind === 'table') out.push(b.table);
  return out;
}

/** Headings in order; tests compare them with the seed documents. */
export function reportHeadings(report: Report): string[] {
  return report.sections.map((s) => s.heading);
}

/**
 * Lays a table out on a grid, resolving col/row spans. Covered positions are `null` with
 * `covered: true`, so CSV/XLSX writers can put the value in the top-left cell only.
 */
export interface GridCell {
  value: CellValue;
  covered: boolean;
  colSpan: number;
  rowSpan: number;
}

export function layoutRows(rows: TableRow[]): GridCell[][] {
  const grid: GridCell[][] = [];
  rows.forEach((row, r) => {
    grid[r] ??= [];
    let c = 0;
    for (const cell of row.cells) {
      while (grid[r][c]) c++;
      const cs = typeof cell === 'object' && cell !== null ? (cell.colSpan ?? 1) : 1;
      const rs = typeof cell === 'object' && cell !== null ? (cell.rowSpan ?? 1) : 1;
      for (let dr = 0; dr < rs; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          grid[r + dr][c + dc] =
            dr === 0 && dc === 0
              ? { value: cellValue(cell), covered: false, colSpan: cs, rowSpan: rs }
              : { value: null, covered: true, colSpan: 1, rowSpan: 1 };
        }
      }
      c += cs;
    }
  });
  // Rows spanned past the table end are trimmed; holes become empty cells.
  const width = Math.max(0, ...grid.map((r) => r.length));
  return grid
    .slice(0, rows.length)
    .map((r) =>
      Array.from({ length: width }, (_, i) => r[i] ?? { value: null, covered: false, colSpan: 1, rowSpan: 1 }),
    );
}

/** Plain text of a list, one line per item with its indentation marker. */
export function listToLines(items: ListItem[], markers = ['○', '•', '-'], depth = 0): string[] {
  const out: string[] = [];
  for (const it of items) {
    const m = markers[Math.min(depth, markers.length - 1)];
    out.push(`${'  '.repeat(depth)}${m} ${it.text}${it.when ? ` ----- ${it.when}` : ''}`);
    if (it.children?.length) out.push(...listToLines(it.children, markers, depth + 1));
  }
  return out;
}

// HTML from the report model (model.ts): the same sections and tables as the XLSX, CSV and JSON
// downloads, so the formats cannot drift apart. Accessible tables (caption, th scope) and an A4 print stylesheet.
import type { Child } from 'hono/jsx';
import {
  layoutRows,
  type Block,
  type Cell,
  type ListItem,
  type Report,
  type ReportTable,
  type TableRow,
} from './model.ts';

export const REPORT_CSS = `
.report h2 { font-size: 2rem; margin: 2.4rem 0 1rem; }
.report h3 { font-size: 1.8rem; margin: 1.6rem 0 .8rem; }
.report .unit { text-align: right; font-size: 1.4rem; margin: 0 0 .4rem; }
.report caption { text-align: left; font-weight: 700; padding: .4rem 0; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.report td.center, .report th.center { text-align: center; }
.report tr.total td, .report tr.total th { font-weight: 700; }
.report ul.items { list-style: none; padding-left: 0; margin: .4rem 0; }
.report ul.items ul.items { padding-left: 1.6rem; }
.report ul.items li { white-space: pre-wrap; }
.report .when { margin-left: .4rem; color: #464c53; }
.report .meta-list { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1.6rem; }
.report .meta-list dt { font-weight: 700; }
.report .meta-list dd { margin: 0; }
.figures { display: flex; flex-wrap: wrap; gap: 1.2rem; list-style: none; padding: 0; }
.figures li { border: 1px solid #cdd1d5; border-radius: .8rem; padding: 1.2rem 1.6rem; min-width: 16rem; }
.figures .figure { display: block; font-size: 2.8rem; font-weight: 700; }
.report td img { display: block; max-width: 100%; width: 24rem; height: auto; margin: .4rem 0; }
.photo-slot { border: 1px solid #cdd1d5; border-radius: .8rem; padding: .8rem 1.6rem; margin: 0 0 1.6rem; }
.downloads { display: flex; flex-wrap: wrap; gap: .8rem 1.6rem; list-style: none; padding: 0; }
.card-page + .card-page { border-top: 2px solid #cdd1d5; margin-top: 3.2rem; padding-top: 1.6rem; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  .no-print, .downloads, .comments, nav { display: none !important; }
  body { font-size: 10pt; }
  .report table { font-size: 9pt; page-break-inside: auto; }
  .report tr { page-break-inside: avoid; }
  .report h2, .report h3 { page-break-after: avoid; }
  .table-wrap { overflow: visible; }
  .report td img { width: 60mm; page-break-inside: avoid; }
  .card-page + .card-page { border-top: 0; margin-top: 0; padding-top: 0; page-break-before: always; }
}
`;

const MARKERS = ['○', '•', '-', '※'];

export function Items({ items, depth = 0, marker }: { items: ListItem[]; depth?: number; marker?: string }): Child {
  const m = marker ?? MARKERS[Math.min(depth, MARKERS.length - 1)];
  return (
    <ul class="items">
      {items.map((it) => (
        <li>
          <span aria-hidden="true">{m} </span>
          {it.text}
          {it.when ? <span class="when"> ----- {it.when}</span> : null}
          {it.children?.length ? <Items items={it.children} depth={depth + 1} /> : null}
        </li>
      ))}
    </ul>
  );
}

const cellText = (v: unknown) =>
  v === null || v === undefined
    ? ''
    : typeof v === 'number'
      ? v.toLocaleString('ko-KR', { maximumFractionDigits: 3 })
      : String(v);

function Row({ row, head, firstIsHeader }: { row: TableRow; head: boolean; firstIsHeader: boolean }) {
  // firstIsHeader: this row's first cell sits in the table's first column (not under a cell spanning from above).
  return (
    <tr class={row.total ? 'total' : undefined}>
      {row.cells.map((cell: Cell, i) => {
        const o = cell !== null && typeof cell === 'object' ? cell : { value: cell };
        const num = typeof o.value === 'number';
        const props = { colspan: o.colSpan, rowspan: o.rowSpan };
        // A photo cell's text is its photos' descriptions (for XLSX and CSV); in HTML they are the images' alt text,
        // so a screen reader does not hear them twice.
        const text =
          o.images?.length && cellText(o.value) === o.images.map((im) => im.alt).join('\n') ? '' : cellText(o.value);
        const content = (
          <>
            {text
              ? text.split('\n').map((line, k) =>
                  k ? (
                    <>
                      <br />
                      {line}
                    </>
                  ) : (
                    line
                  ),
                )
              : null}
            {o.images?.map((im) => (
              <img src={im.src} alt={im.alt} />
            ))}
          </>
        );
        if (head || row.header)
          return (
            <th scope={(o.colSpan ?? 1) > 1 ? 'colgroup' : 'col'} class="center" {...props}>
              {content}
            </th>
          );
        if (i === 0 && firstIsHeader && o.value !== null && o.value !== '')
          return (
            <th scope={(o.rowSpan ?? 1) > 1 ? 'rowgroup' : 'row'} {...props}>
              {content}
            </th>
          );
        return (
          <td class={num ? 'num' : o.align === 'center' ? 'center' : undefined} {...props}>
            {content}
          </td>
        );
      })}
    </tr>
  );
}

export function TableView({ table, idPrefix = '' }: { table: ReportTable; idPrefix?: string }) {
  // The first column holds row labels (구분, 추진전략 …): a row's first cell is a row header only when it starts in
  // that column, not when the column is covered by a label spanning down from an earlier row.
  const grid = layoutRows(table.body);
  const wide = grid.every((r) => r.length > 1);
  return (
    <div class="table-wrap" id={`${idPrefix}t-${table.id}`}>
      {table.unit ? <p class="unit">{table.unit}</p> : null}
      <table>
        <caption>{table.title}</caption>
        <thead>
          {table.head.map((r) => (
            <Row row={r} head firstIsHeader={false} />
          ))}
        </thead>
        <tbody>
          {table.body.map((r, i) => (
            <Row row={r} head={false} firstIsHeader={wide && !grid[i][0]?.covered} />
          ))}
        </tbody>
      </table>
      {table.notes?.map((n) => (
        <p class="help">{n}</p>
      ))}
    </div>
  );
}

function BlockView({ block }: { block: Block }) {
  if (block.kind === 'paragraph') return <p class="prose">{block.text}</p>;
  if (block.kind === 'list') return <Items items={block.items} marker={block.marker} />;
  return <TableView table={block.table} />;
}

/** A heading of level 2–5 (hono/jsx has no dynamic tag names). */
function H({ level, children }: { level: number; children: Child }) {
  if (level <= 2) return <h2>{children}</h2>;
  if (level === 3) return <h3>{children}</h3>;
  if (level === 4) return <h4>{children}</h4>;
  return <h5>{children}</h5>;
}

/**
 * The whole report. Numbered sections are headings of `level` (2 under the page's h1; 3 when several reports sit
 * under their own h2, as on the printed snapshot), sub-headings one level below.
 */
export function ReportView({
  report,
  showTitle = false,
  level = 2,
}: {
  report: Report;
  showTitle?: boolean;
  level?: number;
}) {
  return (
    <div class="report">
      {showTitle ? <H level={level}>{report.title}</H> : null}
      {report.meta.length ? (
        <dl class="meta-list">
          {report.meta.map((m) => (
            <>
              <dt>{m.label}</dt>
              <dd>{m.value}</dd>
            </>
          ))}
        </dl>
      ) : null}
      {report.sections.map((s) => (
        <section aria-label={s.heading || undefined}>
          {s.heading ? <H level={s.level === 2 ? level + 1 : level}>{s.heading}</H> : null}
          {s.blocks.map((b) => (
            <BlockView block={b} />
          ))}
        </section>
      ))}
    </div>
  );
}

/** The A4 print stylesheet, served by the module at `href` (its own path, e.g. /<module>/report.css) with `reportCss`. */
export const PrintCss = ({ href }: { href: string }) => <link rel="stylesheet" href={href} />;

// RFC 4180 CSV, small and strict. Korean Excel saves "CSV UTF-8" with a BOM and CRLF, and
// cells edited with Alt+Enter contain bare LF inside quotes; all of that must round-trip.

export const BOM = '\uFEFF';

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = 'CsvSyntaxError';
  }
}

/**
 * Parses CSV text into rows of strings. Accepts a leading BOM, CRLF/LF/CR line ends, quoted
 * fields with doubled quotes and embedded line breaks. A trailing line break does not make an
 * empty last row. Throws CsvSyntaxError (with the 1-based physical line) on a stray quote.
 */
export function parseCsv(text: string, delimiter = ','): string[][] {
  if (text.startsWith(BOM)) text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let line = 1;
  let quoted = false; // inside a quoted field
  let wasQuoted = false; // current field started with a quote (only delimiter/EOL may follow the close)
  const endField = () => {
    row.push(field);
    field = '';
    wasQuoted = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
          throw new CsvSyntaxError(
            line,
            `${line}행: 닫는 따옴표 뒤에 문자가 있습니다 / unexpected character after closing quote`,
          );
        }
        continue;
      }
      if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (field.length > 0 || wasQuoted) {
        throw new CsvSyntaxError(line, `${line}행: 필드 중간에 따옴표가 있습니다 / quote inside an unquoted field`);
      }
      quoted = true;
      wasQuoted = true;
      i++;
      continue;
    }
    if (ch === delimiter) {
      endField();
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      continue;
    }
    field += ch;
    i++;
  }
  if (quoted) throw new CsvSyntaxError(line, `${line}행: 따옴표가 닫히지 않았습니다 / unterminated quoted field`);
  if (field.length > 0 || wasQuoted || row.length > 0) endRow();
  return rows;
}

function quoteField(v: string, delimiter: string): string {
  return /["\r\n]/.test(v) || v.includes(delimiter) || /^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Serialises rows as CSV with CRLF (what Excel writes); no BOM — callers add it once per file. */
export function stringifyCsv(rows: (string | number | null | undefined)[][], delimiter = ','): string {
  return (
    rows
      .map((r) => r.map((v) => quoteField(v === null || v === undefined ? '' : String(v), delimiter)).join(delimiter))
      .join('\r\n') + '\r\n'
  );
}

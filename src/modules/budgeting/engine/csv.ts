// Semicolon CSV as Pabulib uses it: `;` between fields, `"` around a field that holds `;`,
// `"` or a line break, and `""` for a quote inside. Records are read with the line number
// they start on so that errors can point at the file.
import { PbFormatError } from './types.ts';

export interface CsvRecord {
  line: number;
  cells: string[];
}

/** Splits text into records, skipping blank lines. Cells are trimmed, as the reference parser does. */
export function readRecords(text: string): CsvRecord[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // BOM, tolerated like utf-8-sig
  const lines = text.split(/\r\n|\n|\r/);
  const out: CsvRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (raw.indexOf('"') < 0) {
      // Fast path: the overwhelming majority of lines (every VOTES line) have no quotes.
      if (raw.trim() === '') continue;
      const cells = raw.split(';');
      for (let k = 0; k < cells.length; k++) cells[k] = cells[k].trim();
      out.push({ line: i + 1, cells });
      continue;
    }
    const start = i;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    let wasQuoted = false;
    let line = raw;
    let pos = 0;
    for (;;) {
      if (pos >= line.length) {
        if (!quoted) break;
        // A quoted field runs on to the next line.
        i++;
        if (i >= lines.length)
          throw new PbFormatError(start + 1, 'a closing quote (") for the field opened on this line');
        cell += '\n';
        line = lines[i];
        pos = 0;
        continue;
      }
      const ch = line[pos];
      if (quoted) {
        if (ch === '"') {
          if (line[pos + 1] === '"') {
            cell += '"';
            pos += 2;
            continue;
          }
          quoted = false;
          pos++;
          continue;
        }
        cell += ch;
        pos++;
        continue;
      }
      if (ch === ';') {
        cells.push(wasQuoted ? cell : cell.trim());
        cell = '';
        wasQuoted = false;
        pos++;
        continue;
      }
      if (ch === '"') {
        if (cell.trim() !== '') throw new PbFormatError(i + 1, 'a quote only at the start of a field', line);
        cell = '';
        quoted = true;
        wasQuoted = true;
        pos++;
        continue;
      }
      if (wasQuoted) {
        if (ch.trim() === '') {
          pos++;
          continue;
        }
        throw new PbFormatError(i + 1, '";" or the end of the line after a closing quote', line);
      }
      cell += ch;
      pos++;
    }
    cells.push(wasQuoted ? cell : cell.trim());
    out.push({ line: start + 1, cells });
  }
  return out;
}

/** Quotes a cell only when it must be, so plain files are written back as they were. */
function quoteCell(value: string): string {
  if (/[;"\r\n]/.test(value) || value !== value.trim()) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export function writeRecord(cells: string[]): string {
  return cells.map(quoteCell).join(';');
}

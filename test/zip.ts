// A minimal ZIP writer for tests and benchmarks: builds XLSX files of any shape, including dishonest ones (an entry
// declaring a smaller size than it inflates to), which no spreadsheet library will write on purpose.
import { constants, crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  data: Buffer;
  declaredSize?: number;
  /** Stored without compression (method 0) instead of deflated. */
  stored?: boolean;
}

export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = e.stored ? e.data : deflateRawSync(e.data);
    addEntry(e, comp, name, offset, locals, centrals, e.stored ? 0 : 8);
    offset += 30 + name.length + comp.length;
  }
  return finish(locals, centrals, offset, entries.length);
}

function addEntry(
  e: { data?: Buffer; declaredSize?: number; crc?: number; size?: number },
  comp: Buffer,
  name: Buffer,
  offset: number,
  locals: Buffer[],
  centrals: Buffer[],
  method = 8,
) {
  const crc = e.crc ?? crc32(e.data!);
  const size = e.declaredSize ?? e.size ?? e.data!.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(0x0800, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(crc >>> 0, 14);
  local.writeUInt32LE(comp.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(name.length, 26);
  locals.push(local, name, comp);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0x0800, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(crc >>> 0, 16);
  central.writeUInt32LE(comp.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(offset, 42);
  centrals.push(central, name);
}

function finish(locals: Buffer[], centrals: Buffer[], cdOffset: number, count: number): Buffer {
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK = (sheet: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${sheet}" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

const frame = (sheet: string) => [
  { name: '[Content_Types].xml', data: Buffer.from(CONTENT_TYPES) },
  { name: '_rels/.rels', data: Buffer.from(RELS) },
  { name: 'xl/workbook.xml', data: Buffer.from(WORKBOOK(sheet)) },
  { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(WORKBOOK_RELS) },
];

/** One sheet of text rows: an honest workbook exceljs reads. */
export function sheetXlsx(sheet: string, rows: string[][]): Buffer {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const col = (j: number): string =>
    j < 26 ? String.fromCharCode(65 + j) : col(Math.floor(j / 26) - 1) + String.fromCharCode(65 + (j % 26));
  const body = rows
    .map(
      (r, i) =>
        `<row r="${i + 1}">${r.map((v, j) => `<c r="${col(j)}${i + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`,
    )
    .join('');
  return zipOf([
    ...frame(sheet),
    { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(SHEET_HEAD + body + SHEET_TAIL) },
  ]);
}

/**
 * A zip bomb: a sheet of `megabytes` MB of repeated cells. One MB is deflated once with a full flush (a block that
 * refers to nothing before it) and the same bytes repeated, as a hostile tool would: a 5 MB file in milliseconds.
 * `lie` declares a tiny uncompressed size, as a hostile file would to pass a check of declared sizes.
 */
export async function bombXlsx(megabytes: number, o: { lie?: boolean } = {}): Promise<Buffer> {
  const row = Buffer.from(`<row>${'<c t="inlineStr"><is><t>AAAAAAAA</t></is></c>'.repeat(100)}</row>`);
  const chunk = Buffer.concat(Array.from({ length: Math.ceil((1024 * 1024) / row.length) }, () => row));
  const flushed = (b: Buffer | string) => deflateRawSync(b, { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const one = flushed(chunk);
  const comp = Buffer.concat([
    flushed(SHEET_HEAD),
    ...Array.from({ length: megabytes }, () => one),
    deflateRawSync(SHEET_TAIL),
  ]);
  const size = SHEET_HEAD.length + chunk.length * megabytes + SHEET_TAIL.length;
  // The CRC of gigabytes is skipped: the guard refuses such a file before any reader checks it.
  let crc = 0;
  if (megabytes <= 64) {
    crc = crc32(SHEET_HEAD);
    for (let i = 0; i < megabytes; i++) crc = crc32(chunk, crc);
    crc = crc32(SHEET_TAIL, crc);
  }
  const locals: Buffer[] = [],
    centrals: Buffer[] = [];
  let offset = 0;
  for (const e of frame('공약')) {
    const name = Buffer.from(e.name);
    const c = deflateRawSync(e.data);
    addEntry(e, c, name, offset, locals, centrals);
    offset += 30 + name.length + c.length;
  }
  const name = Buffer.from('xl/worksheets/sheet1.xml');
  addEntry(
    { crc, size: Math.min(size, 0xfffffffe), declaredSize: o.lie ? 4096 : undefined },
    comp,
    name,
    offset,
    locals,
    centrals,
  );
  offset += 30 + name.length + comp.length;
  return finish(locals, centrals, offset, 5);
}

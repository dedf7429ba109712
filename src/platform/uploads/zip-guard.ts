// An uploaded XLSX is a ZIP; a small one can inflate to gigabytes ("zip bomb": 2.7 MB took 142 s and 4 GB in exceljs).
// Before a spreadsheet library touches it, read the ZIP's central directory ourselves and inflate every entry once
// with Node's zlib (off the event loop, on the thread pool), counting what really comes out: the declared sizes may
// lie, the count may not. Beyond the bounds the upload is refused with the reason; nothing is kept in memory but counts.
import { createInflateRaw } from 'node:zlib';

export interface ZipLimits {
  /** entries in the archive (an XLSX from Excel has ~10-30) */
  entries: number;
  /** uncompressed bytes of all entries together */
  totalBytes: number;
  /** rows (<row>) and cells (<c>) in all worksheets */
  rows: number;
  cells: number;
}

/** Generous for a city's pledge or evaluation workbook (hundreds of rows), small enough to parse in a few seconds. */
export const XLSX_LIMITS: ZipLimits = { entries: 2000, totalBytes: 30 * 1024 * 1024, rows: 20_000, cells: 200_000 };

export type ZipVerdict =
  | { ok: true; entries: number; bytes: number; rows: number; cells: number }
  | { ok: false; message: { ko: string; en: string } };

const MB = (n: number) => `${Math.round(n / 1024 / 1024)}MB`;
const refuse = (ko: string, en: string): ZipVerdict => ({ ok: false, message: { ko, en } });
const notZip = () =>
  refuse(
    'XLSX 파일이 아니거나 손상된 파일입니다. 엑셀에서 다시 저장해 주세요.',
    'This is not an XLSX file, or it is damaged. Save it again from Excel.',
  );

interface Entry {
  name: string;
  method: number;
  compSize: number;
  size: number;
  localOffset: number;
}

/** The central directory (APPNOTE 4.3.12/4.3.16). ZIP64 is refused: no workbook within the limits needs it. */
function centralDirectory(buf: Buffer): Entry[] | null {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--)
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) return null;
  const out: Entry[] = [];
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLen = buf.readUInt16LE(p + 28),
      extraLen = buf.readUInt16LE(p + 30),
      commentLen = buf.readUInt16LE(p + 32);
    out.push({
      method: buf.readUInt16LE(p + 10),
      compSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, Math.min(buf.length, p + 46 + nameLen)),
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Counts occurrences of the needles in a stream of chunks, across chunk boundaries. */
function counter(needles: string[]) {
  const keys = needles.map((s) => Buffer.from(s, 'latin1'));
  const keep = Math.max(...keys.map((k) => k.length)) - 1;
  let tail: Buffer = Buffer.alloc(0);
  const counts = needles.map(() => 0);
  return {
    counts,
    push(chunk: Buffer) {
      const b = tail.length ? Buffer.concat([tail, chunk]) : chunk;
      keys.forEach((k, i) => {
        for (let at = b.indexOf(k); at >= 0; at = b.indexOf(k, at + 1)) if (at + k.length > tail.length) counts[i]++;
      });
      tail = b.subarray(Math.max(0, b.length - keep));
    },
  };
}

/** A row, then a cell tag followed by anything XML allows there (space, tab, line break, '>' or '/'). */
const CELL_TAGS = ['<row', '<c ', '<c>', '<c/', '<c\t', '<c\n', '<c\r'];

/** Inflates one entry, counting bytes (and rows/cells in a worksheet), and stops as soon as a bound is passed. */
function inflateCounted(
  data: Buffer,
  budget: number,
  onChunk: ((b: Buffer) => boolean) | null,
): Promise<number | 'over' | 'bad'> {
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let bytes = 0,
      done = false;
    const finish = (v: number | 'over' | 'bad') => {
      if (!done) {
        done = true;
        resolve(v);
      }
    };
    z.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > budget || (onChunk && !onChunk(chunk))) {
        finish('over');
        z.destroy();
      }
    });
    z.on('error', () => finish('bad'));
    z.on('end', () => finish(bytes));
    z.end(data);
  });
}

/** Checks an uploaded XLSX (or any ZIP) against the limits without keeping what it inflates. */
export async function checkZip(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): Promise<ZipVerdict> {
  const tooBig = refuse(
    `파일을 풀면 너무 큽니다: 압축을 푼 크기 ${MB(limits.totalBytes)}, 행 ${limits.rows.toLocaleString('ko-KR')}개, 셀 ${limits.cells.toLocaleString('ko-KR')}개까지 받습니다. 파일을 나누어 올려 주세요.`,
    `The file is too large once unpacked: up to ${MB(limits.totalBytes)} uncompressed, ${limits.rows.toLocaleString('en')} rows and ${limits.cells.toLocaleString('en')} cells. Split it into smaller files.`,
  );
  const entries = centralDirectory(buf);
  if (!entries) return notZip();
  if (entries.length > limits.entries) {
    return refuse(
      `파일 안에 항목이 너무 많습니다(${limits.entries}개까지).`,
      `The file holds too many parts (up to ${limits.entries}).`,
    );
  }
  // Declared sizes first: an honest file that is too big is refused without inflating anything.
  if (entries.reduce((n, e) => n + e.size, 0) > limits.totalBytes) return tooBig;
  let total = 0,
    rows = 0,
    cells = 0;
  for (const e of entries) {
    if (e.localOffset + 30 > buf.length || buf.readUInt32LE(e.localOffset) !== 0x04034b50) return notZip();
    const start = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const data = buf.subarray(start, start + e.compSize);
    if (data.length < e.compSize) return notZip();
    // Every entry is counted, stored or deflated, whatever its name: exceljs finds worksheets by a looser match than
    // a name check here could mirror ('/xl/worksheets/…', 'a/xl/worksheets/…'), and a cell tag may be followed by any
    // XML white space.
    const tags = counter(CELL_TAGS);
    const cellsIn = () => tags.counts.slice(1).reduce((a, b) => a + b, 0);
    const within = () => rows + tags.counts[0] <= limits.rows && cells + cellsIn() <= limits.cells;
    if (e.method === 0) {
      total += e.compSize;
      if (total > limits.totalBytes) return tooBig;
      tags.push(data);
      if (!within()) return tooBig;
    } else {
      if (e.method !== 8) return notZip();
      // An entry may not inflate past what it declared, nor past what is left of the whole budget.
      const r = await inflateCounted(data, Math.min(e.size, limits.totalBytes - total), (chunk) => {
        tags.push(chunk);
        return within();
      });
      if (r === 'bad') return notZip();
      if (r === 'over') return tooBig;
      total += r;
    }
    rows += tags.counts[0];
    cells += cellsIn();
  }
  return { ok: true, entries: entries.length, bytes: total, rows, cells };
}

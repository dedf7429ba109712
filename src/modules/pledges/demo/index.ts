// The demo city's pledge data, shipped with the product (not a test fixture): seeds 000, 001 and 002 as pledge import
// files and seed 002's press coverage as communication-card entries. The
// demo seed imports them through the same code as `madang import`; the tests read the same files, so there is one
// source of truth. Transcription notes: README.md beside this file.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { CommunicationEntry, parseCsv } from '../domain/index.ts';

export const DEMO_DIR = fileURLToPath(new URL('./', import.meta.url));

/** The demo pledges: directory of CSV files and the card layout of the seed they transcribe. */
export const DEMO_PLEDGES = [
  { dir: '000', layout: 'suwon-2020' },
  { dir: '001', layout: 'suwon-2021' },
  { dir: '002', layout: 'suwon-2023' },
] as const;

/** The CSV files of one demo pledge (sorted by name), as bytes for the importer. */
export function demoPledgeFiles(dir: string): { name: string; data: Buffer }[] {
  const base = join(DEMO_DIR, dir);
  return readdirSync(base)
    .filter((n) => n.endsWith('.csv'))
    .sort()
    .map((n) => ({ name: n, data: readFileSync(join(base, n)) }));
}

export const demoFile = (name: string) => readFileSync(join(DEMO_DIR, name));

/** Seed 002's press coverage (□ 사업 홍보실적) as communication-card entries of its pledge. */
export const DEMO_COMMUNICATIONS = [{ pledge: '002', file: '002_홍보실적.csv' }] as const;

const COMMUNICATION_COLUMNS: Record<string, keyof CommunicationEntry> = {
  유형: 'type',
  일자: 'date',
  장소: 'place',
  대상: 'audience',
  제목: 'title',
  내용: 'content',
  언론사명: 'mediaName',
};

/** The entries of one demo communication file, validated (a bad row throws: the demo data ships with the code). */
export function demoCommunications(file: string, pledgeId: string): CommunicationEntry[] {
  const [head, ...rows] = parseCsv(demoFile(file).toString('utf8'));
  return rows
    .filter((r) => r.some((x) => x !== ''))
    .map((r, i) =>
      CommunicationEntry.parse({
        id: `demo-${i + 1}`,
        pledgeId,
        ...Object.fromEntries(head.map((h, k) => [COMMUNICATION_COLUMNS[h], r[k] || undefined]).filter(([key]) => key)),
      }),
    );
}

// Backups of the embedded database (PGlite under DATA_DIR), and their restore into an empty data directory.
//
// Why a copy of the data directory (in the layout of PGlite's dumpDataDir, loaded by its loadDataDir) and not the WASM pg_dump of @electric-sql/pglite-tools:
// - it is the database exactly (extensions, sequences, settings, every table) and restoring it is loading it, no
//   replay of row-by-row INSERTs (pglite-tools' pg_dump always writes --inserts);
// - pg_dump runs DEALLOCATE ALL on PGlite's single connection, under the feet of the serving app's statements, and
//   pglite-tools pins one exact PGlite version as its peer: one more package to keep in step on every upgrade;
// - the copy is consistent: it is taken between two transactions (PGlite's transaction lock), after a CHECKPOINT,
//   so it is a clean point in time and a restore needs no long recovery. It is a tar in the layout dumpDataDir
//   writes, so PGlite's loadDataDir restores it.
// Its limit: it restores into the same PostgreSQL major version PGlite runs (recorded in the manifest). Moving to a
// PostgreSQL server is a different path (README, "백업과 복원").
//
// A backup file is a gzipped tar a person can inspect with `tar tzf`: manifest.json, secret.key when DATA_DIR keeps
// the generated SECRET (without it every person would be split in two after a restore), and pgdata.tar.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { gzip, gunzip } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { openPglite } from './db.ts';
import { addDays, type IsoDate } from '../rules/calendar/date.ts';

const BACKUP_FORMAT = 'madang-backup';
export interface Manifest {
  format: string;
  version: 1;
  createdAt: string;
  database: 'pglite';
  postgres: string;
  migrations: string[];
  secret: boolean;
  sha256: string;
}

/** A refusal to show as it is: Korean and English, no stack trace. */
export class BackupError extends Error {}

// ---- a minimal ustar writer and reader (three regular files; no dependency for it) ---------------------------------

function tarEntry(name: string, data: Buffer, mtime: Date, type: '0' | '5' = '0'): Buffer {
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name too long: ${name}`);
  const h = Buffer.alloc(512);
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';
  h.write(name, 0, 100, 'utf8');
  h.write(octal(type === '5' ? 0o700 : 0o600, 8), 100);
  h.write(octal(0, 8), 108);
  h.write(octal(0, 8), 116);
  h.write(octal(data.length, 12), 124);
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write('ustar\0' + '00', 257);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return Buffer.concat([h, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function tarFiles(files: [string, Buffer][], mtime: Date): Buffer {
  return Buffer.concat([...files.map(([n, d]) => tarEntry(n, d, mtime)), Buffer.alloc(1024)]);
}

/**
 * The data directory as PGlite's own dump names it ("/base/1/112", directories first), read with asynchronous file
 * reads: the event loop keeps answering (health checks, static files) while the copy is taken.
 */
async function tarDirectory(dir: string, mtime: Date): Promise<Buffer> {
  const parts: Buffer[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = (await readdir(join(dir, rel), { withFileTypes: true })).sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    for (const e of entries) {
      const name = `${rel}/${e.name}`;
      if (e.isDirectory()) {
        parts.push(tarEntry(name, Buffer.alloc(0), mtime, '5'));
        await walk(name);
      } else if (e.isFile()) parts.push(tarEntry(name, await readFile(join(dir, name)), mtime));
    }
  };
  await walk('');
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

function untar(tar: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break;
    const field = (from: number, to: number) =>
      h
        .toString('utf8', from, to)
        .replace(/\0[\s\S]*$/, '')
        .trim();
    const octal = field(124, 136);
    const size = /^[0-7]{1,11}$/.test(octal) ? parseInt(octal, 8) : Number.NaN; // never negative: no endless loop
    if (!Number.isFinite(size) || at + 512 + size > tar.length)
      throw new BackupError('백업 파일이 손상되었습니다 (tar). / The backup file is damaged (tar).');
    out.set(field(0, 100), tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

// ---- backup ---------------------------------------------------------------------------------------------------------

/**
 * A backup of the running embedded database, as the bytes of a .tar.gz. Requests go on while it is taken: the copy
 * waits for the transaction in progress and holds the next ones only while the files are read (measured: README).
 */
export async function backupEmbedded(pglite: PGlite, dataDir: string | undefined, now = new Date()): Promise<Buffer> {
  const migrations = (
    await pglite.query<{ name: string }>('select name from schema_migrations order by version')
  ).rows.map((r) => r.name);
  const postgres = (await pglite.query<{ v: string }>('show server_version')).rows[0].v;
  // A new WAL segment and a checkpoint: the segments before it are removed, not kept for reuse (wal_recycle off), so
  // the copy carries one mostly empty segment instead of 16 MB of old WAL (the demo city's backup: 5.3 → 3.2 MB).
  await pglite.exec('set wal_recycle = off; select pg_switch_wal(); checkpoint;');
  // Between transactions: pglite.query/exec/transaction all queue behind this lock, so no transaction is half done,
  // and PostgreSQL (single-user, in this process) writes nothing meanwhile. On disk (NODEFS writes through) the files
  // are read asynchronously; in memory (tests) PGlite's dumpDataDir reads them in one synchronous step.
  const pgDir = dataDir && existsSync(join(dataDir, 'pgdata', 'PG_VERSION')) ? join(dataDir, 'pgdata') : null;
  const pgdata = await pglite._runExclusiveTransaction(async () =>
    pgDir ? tarDirectory(pgDir, now) : Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()),
  );
  // The generated secret.key travels with the backup (without it a restored city recognises no one). The data key
  // (data.key or DATA_KEY) never does: contact details are encrypted so that a copy of the database, a backup
  // included, does not reveal them; it is kept apart, and a restore without it refuses to start and says so.
  const keys = KEY_FILES.map((name) => [name, dataDir ? join(dataDir, name) : ''] as const)
    .filter(([, file]) => file && existsSync(file))
    .map(([name, file]) => [name, readFileSync(file)] as [string, Buffer]);
  const secret = keys.find(([name]) => name === 'secret.key')?.[1] ?? null;
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: 1,
    createdAt: now.toISOString(),
    database: 'pglite',
    postgres,
    migrations,
    secret: !!secret,
    sha256: createHash('sha256').update(pgdata).digest('hex'),
  };
  const files: [string, Buffer][] = [['manifest.json', Buffer.from(JSON.stringify(manifest, null, 2) + '\n')]];
  files.push(...keys);
  files.push(['pgdata.tar', pgdata]);
  return promisify(gzip)(tarFiles(files, now), { level: 6 });
}

/** Writes a file whole or not at all (a hidden name, then a rename), readable by its owner only: it holds personal data. */
export function writePrivateFile(file: string, data: Buffer): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${process.pid}.${Date.now()}.partial`);
  writeFileSync(tmp, data, { mode: 0o600 });
  renameSync(tmp, file);
}

/** Reads and checks a backup file: its manifest, and that the database copy is the one the manifest describes. */
export async function readBackup(
  data: Buffer,
): Promise<{ manifest: Manifest; secret: Buffer | null; dataKey: Buffer | null; pgdata: Buffer }> {
  let files: Map<string, Buffer>;
  try {
    files = untar(await promisify(gunzip)(data));
  } catch (e) {
    if (e instanceof BackupError) throw e;
    throw new BackupError('마당 백업 파일이 아닙니다 (gzip으로 읽을 수 없음). / Not a Madang backup file (not gzip).');
  }
  const raw = files.get('manifest.json'),
    pgdata = files.get('pgdata.tar');
  let manifest: Manifest | null = null;
  try {
    manifest = raw ? (JSON.parse(raw.toString('utf8')) as Manifest) : null;
  } catch {
    manifest = null;
  }
  if (!manifest || manifest.format !== BACKUP_FORMAT || !pgdata)
    throw new BackupError(
      '마당 백업 파일이 아닙니다 (manifest.json, pgdata.tar 없음). / Not a Madang backup file (no manifest.json or pgdata.tar).',
    );
  if (manifest.version !== 1)
    throw new BackupError(
      `이 버전의 마당이 모르는 백업 형식입니다 (${manifest.version}). / Backup format ${manifest.version} is unknown to this version of Madang.`,
    );
  if (createHash('sha256').update(pgdata).digest('hex') !== manifest.sha256)
    throw new BackupError(
      '백업 파일이 손상되었습니다 (체크섬 불일치). / The backup file is damaged (checksum mismatch).',
    );
  return { manifest, secret: files.get('secret.key') ?? null, dataKey: files.get('data.key') ?? null, pgdata };
}

const KEY_FILES = ['secret.key'];

// ---- restore --------------------------------------------------------------------------------------------------------

/** Whether a directory may receive a restore: missing, or empty. Never over a city's data. */
export function isEmptyDir(dir: string): boolean {
  return !existsSync(dir) || readdirSync(dir).length === 0;
}

/**
 * Restores a backup into an empty data directory: the database, and secret.key when the backup has it. Opening the
 * restored database once checks it; the next `madang serve` applies the migrations newer than the backup.
 */
export async function restoreEmbedded(data: Buffer, dataDir: string): Promise<{ manifest: Manifest; tables: number }> {
  if (!isEmptyDir(dataDir)) {
    throw new BackupError(
      `복원할 데이터 디렉터리 ${dataDir} 가 비어 있지 않습니다. 기존 데이터를 덮어쓰지 않도록 빈 디렉터리(새 DATA_DIR)에만 복원합니다.\n` +
        `The data directory ${dataDir} is not empty. Restore only goes into an empty directory (set DATA_DIR to a new one), so that no city's data is overwritten.`,
    );
  }
  const { manifest, secret, dataKey, pgdata } = await readBackup(data);
  const created = !existsSync(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    if (secret) writeFileSync(join(dataDir, 'secret.key'), secret, { mode: 0o600 });
    if (dataKey) writeFileSync(join(dataDir, 'data.key'), dataKey, { mode: 0o600 });
    const h = await openPglite({ dataDir, loadDataDir: new Blob([new Uint8Array(pgdata)]) });
    try {
      const { rows } = await h.pglite!.query<{ n: number }>(
        "select count(*)::int as n from information_schema.tables where table_schema = 'public'",
      );
      return { manifest, tables: rows[0].n };
    } finally {
      await h.close();
    }
  } catch (e) {
    // Leave the directory as it was found, so that the restore can simply be tried again.
    if (created) rmSync(dataDir, { recursive: true, force: true });
    else for (const f of readdirSync(dataDir)) rmSync(join(dataDir, f), { recursive: true, force: true });
    throw e;
  }
}

// ---- the scheduled daily backup -------------------------------------------------------------------------------------

const DAILY_NAME = /^madang-(\d{4}-\d{2}-\d{2})\.tar\.gz$/;
export const dailyBackupName = (date: IsoDate) => `madang-${date}.tar.gz`;

/** The daily backups to delete on `today` so that `keepDays` days of them stay (today's included). Other files stay. */
export function expiredBackups(names: string[], today: IsoDate, keepDays: number): string[] {
  const oldestKept = addDays(today, -(keepDays - 1));
  return names
    .filter((n) => {
      const m = DAILY_NAME.exec(n);
      return !!m && m[1] < oldestKept;
    })
    .sort();
}

/** Writes the day's backup into dir and deletes the ones past retention. Returns what it did, for the job's outcome. */
export async function dailyBackup(o: {
  pglite: PGlite;
  dataDir?: string;
  dir: string;
  keepDays: number;
  date: IsoDate;
  now?: Date;
}): Promise<string> {
  const data = await backupEmbedded(o.pglite, o.dataDir, o.now);
  writePrivateFile(join(o.dir, dailyBackupName(o.date)), data);
  const expired = expiredBackups(readdirSync(o.dir), o.date, o.keepDays);
  for (const f of expired) unlinkSync(join(o.dir, f));
  return `${dailyBackupName(o.date)} (${(data.length / 1e6).toFixed(1)} MB) written; ${expired.length} older backup(s) removed`;
}

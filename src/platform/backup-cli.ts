// `madang backup <file>` and `madang restore <file>`. They read DATA_DIR and DATABASE_URL from the environment
// themselves: loadConfig() would write a new secret.key into the directory a restore must find empty.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BackupError, backupEmbedded, isEmptyDir, restoreEmbedded, writePrivateFile } from './backup.ts';
import { requestBackup } from './backup-serve.ts';
import { openPglite } from './db.ts';

interface Out {
  out(line: string): void;
  err(line: string): void;
}
const std: Out = { out: (l) => console.log(l), err: (l) => console.error(l) };

const PG_DUMP_HELP = (
  file: string,
) => `pg_dump가 없습니다. PostgreSQL 서버(DATABASE_URL)의 백업은 서버와 같은 주 버전 이상의 pg_dump로 합니다:
  pg_dump --format=custom --file=${file} "$DATABASE_URL"
복원: 빈 데이터베이스를 만들고 pg_restore --no-owner --dbname="$DATABASE_URL" ${file}
시점 복구(PITR)는 WAL 아카이빙으로 합니다 (README, "백업과 복원").
pg_dump is not installed. Back up a PostgreSQL server (DATABASE_URL) with a pg_dump of the server's major version or newer:
  pg_dump --format=custom --file=${file} "$DATABASE_URL"
Restore: create an empty database, then pg_restore --no-owner --dbname="$DATABASE_URL" ${file}
Point-in-time recovery needs WAL archiving (README, "Backup and restore").`;

export async function backupCommand(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  io: Out = std,
): Promise<number> {
  const target = args[0];
  if (!target) {
    io.err('사용법 / usage: madang backup <file.tar.gz>');
    return 2;
  }
  const file = resolve(target);
  if (env.DATABASE_URL) {
    const version = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      io.err(PG_DUMP_HELP(file));
      return 1;
    }
    // The connection goes in the environment (PGHOST, PGPASSWORD …), not the command line, where any local user
    // could read the password with ps.
    const r = spawnSync('pg_dump', ['--format=custom', `--file=${file}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'inherit', 'pipe'],
      env: { ...process.env, ...pgEnv(env.DATABASE_URL) },
    });
    if (r.status !== 0) {
      io.err(`pg_dump 실패 / pg_dump failed: ${r.stderr.trim()}`);
      return 1;
    }
    io.out(`backup: ${file} (pg_dump custom format, ${version.stdout.trim()}; restore with pg_restore)`);
    return 0;
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  if (!existsSync(join(dataDir, 'pgdata'))) {
    io.err(`${dataDir} 에 데이터베이스가 없습니다 (DATA_DIR 확인). / No database in ${dataDir} (check DATA_DIR).`);
    return 1;
  }
  let data = await requestBackup(dataDir);
  let how = 'from the running server';
  if (!data) {
    // No server runs: open the directory ourselves (its lock keeps a server from starting meanwhile).
    const h = await openPglite({ dataDir }).catch((e: Error) => {
      io.err(
        `${e.message}\n실행 중인 서버에 백업을 요청할 수 없습니다. / The running server cannot be asked for a backup (no control socket).`,
      );
      return null;
    });
    if (!h) return 1;
    try {
      data = await backupEmbedded(h.pglite!, dataDir);
    } finally {
      await h.close();
    }
    how = 'directly (no server running)';
  }
  writePrivateFile(file, data);
  io.out(`backup: ${file} (${(data.length / 1e6).toFixed(1)} MB, ${how})`);
  return 0;
}

export async function restoreCommand(
  args: string[],
  env: Record<string, string | undefined> = process.env,
  io: Out = std,
): Promise<number> {
  const source = args[0];
  if (!source) {
    io.err('사용법 / usage: madang restore <file.tar.gz>   (into an empty DATA_DIR)');
    return 2;
  }
  if (env.DATABASE_URL) {
    io.err(
      `PostgreSQL 서버(DATABASE_URL)에는 pg_restore로 복원합니다: pg_restore --no-owner --dbname="$DATABASE_URL" ${source}\n` +
        `A PostgreSQL server (DATABASE_URL) is restored with pg_restore: pg_restore --no-owner --dbname="$DATABASE_URL" ${source}`,
    );
    return 1;
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  if (!existsSync(source)) {
    io.err(`파일이 없습니다 / no such file: ${source}`);
    return 1;
  }
  if (!isEmptyDir(dataDir)) {
    // Checked before reading a file that may be large.
    io.err(
      `복원할 데이터 디렉터리 ${dataDir} 가 비어 있지 않습니다. 빈 디렉터리(새 DATA_DIR)에만 복원합니다.\nThe data directory ${dataDir} is not empty: restore only goes into an empty directory (set DATA_DIR to a new one).`,
    );
    return 1;
  }
  try {
    const r = await restoreEmbedded(readFileSync(source), dataDir);
    io.out(
      `restore: ${dataDir} from the backup of ${r.manifest.createdAt} (${r.tables} tables, last migration ${r.manifest.migrations.at(-1) ?? 'none'}); \`madang serve\` applies any newer migrations`,
    );
    if (!r.manifest.secret)
      io.out(
        "이 백업에는 SECRET이 없습니다: 원래 서버의 SECRET을 그대로 설정하세요. / This backup has no SECRET: set the original server's SECRET.",
      );
    return 0;
  } catch (e) {
    if (e instanceof BackupError) {
      io.err(e.message);
      return 1;
    }
    throw e;
  }
}

/** libpq's environment variables for a postgres:// URL (the password never on a command line). */
function pgEnv(url: string): Record<string, string> {
  const u = new URL(url);
  const out: Record<string, string> = {};
  if (u.hostname) out.PGHOST = decodeURIComponent(u.hostname.replace(/^\[|\]$/g, ''));
  if (u.port) out.PGPORT = u.port;
  if (u.username) out.PGUSER = decodeURIComponent(u.username);
  if (u.password) out.PGPASSWORD = decodeURIComponent(u.password);
  const db = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (db) out.PGDATABASE = db;
  for (const [k, v] of u.searchParams) if (k === 'sslmode') out.PGSSLMODE = v;
  return out;
}

// The fault test's data: verified persons with a session each (made in bulk, as bench/supports.ts does: cookie
// fs<g>, CSRF token fc<g>), proposals open for 공감, and afterwards the comparison of what the clients were told with
// what the database holds: every acknowledged act stored, none stored twice.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { NONCE, type Act, type Kind } from './clients.ts';

export const BIN = join(import.meta.dirname, '..', '..', 'bin', 'madang.mjs');
export const SECRET = 'fault-test-secret-0123456789abcdefghijkl';
const personKey = (g: number) => createHash('sha256').update(`fault${g}`).digest('hex');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** Persons 1..n with sessions, and `proposals` proposals collecting 공감 on the demo board; returns their ids. */
export async function prepare(db: Db, n: number, proposals: number): Promise<number[]> {
  const component = (await sql<{ id: number }>`select id from components where slug = 'propose'`.execute(db)).rows[0]
    .id;
  const author = (await sql<{ id: number }>`select id from persons order by id limit 1`.execute(db)).rows[0].id;
  const ids = (
    await sql<{ id: number }>`
    insert into proposals (component_id, author_id, title, body, stage, support_opened_at, closes_at)
    select ${component}, ${author}, '장애 시험용 제안 ' || g, '장애 시험에서 공감과 댓글을 받는 제안입니다.', 'collecting', now(), now() + interval '30 days'
    from generate_series(1, ${proposals}) g returning id`.execute(db)
  ).rows.map((r) => r.id);
  await sql`insert into persons (person_key, display_name, verification)
    select encode(sha256(('fault' || g)::bytea), 'hex'), '시험시민' || g, 'identity' from generate_series(1, ${n}) g`.execute(
    db,
  );
  await sql`insert into sessions (id_hash, person_id, csrf)
    select encode(sha256(('fs' || g)::bytea), 'hex'), p.id, 'fc' || g from generate_series(1, ${n}) g
    join persons p on p.person_key = encode(sha256(('fault' || g)::bytea), 'hex')`.execute(db);
  await sql`analyze`.execute(db);
  return ids;
}

export interface KindResult {
  kind: Kind;
  sent: number;
  acked: number;
  refused: number;
  unknown: number;
  stored: number;
  storedUnacked: number;
  lost: number;
  doubled: number;
}

/** Compares the clients' log with the database. `persons` maps back from a person key to the client's person. */
export async function compare(db: Db, acts: Act[], persons: number): Promise<KindResult[]> {
  const keyToG = new Map<string, number>();
  for (let g = 1; g <= persons; g++) keyToG.set(personKey(g), g);
  const stored = new Map<Kind, Map<string, number>>([
    ['support', new Map()],
    ['comment', new Map()],
    ['proposal', new Map()],
  ]);
  const add = (k: Kind, key: string) => {
    const m = stored.get(k)!;
    m.set(key, (m.get(key) ?? 0) + 1);
  };
  const supports = await sql<{
    target_id: number;
    person_key: string;
  }>`select target_id, person_key from acts where kind = 'support'`.execute(db);
  for (const r of supports.rows) {
    const g = keyToG.get(r.person_key);
    if (g !== undefined) add('support', `${r.target_id}:${g}`);
  }
  const comments = await sql<{
    body: string;
  }>`select body from comments where body like '장애 시험 댓글입니다%'`.execute(db);
  for (const r of comments.rows) {
    const m = NONCE.exec(r.body);
    if (m) add('comment', m[0]);
  }
  const props = await sql<{ title: string }>`select title from proposals where title like '장애 시험 제안 %'`.execute(
    db,
  );
  for (const r of props.rows) {
    const m = NONCE.exec(r.title);
    if (m) add('proposal', m[0]);
  }

  return (['support', 'comment', 'proposal'] as Kind[]).map((kind) => {
    const mine = acts.filter((a) => a.kind === kind),
      m = stored.get(kind)!;
    const acked = new Set(mine.filter((a) => a.outcome === 'ack').map((a) => a.key));
    let lost = 0,
      doubled = 0,
      storedUnacked = 0,
      storedRows = 0;
    for (const k of acked) if (!m.has(k)) lost++;
    for (const [k, n] of m) {
      storedRows += n;
      if (n > 1) doubled++;
      if (!acked.has(k)) storedUnacked++;
    }
    return {
      kind,
      sent: mine.length,
      acked: acked.size,
      refused: mine.filter((a) => a.outcome === 'refused').length,
      unknown: mine.filter((a) => a.outcome === 'unknown').length,
      stored: storedRows,
      storedUnacked,
      lost,
      doubled,
    };
  });
}

/** `madang recount` and `madang audit-verify` against a database: their verdict lines and whether both are clean. */
export function cliChecks(env: Record<string, string>): { recount: string; audit: string; ok: boolean } {
  const run = (cmd: string) => {
    const r = spawnSync(process.execPath, [BIN, cmd], {
      env: { ...process.env, SECRET, LOG_LEVEL: 'warn', ...env },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = `${r.stdout}${r.stderr}`.trim().split('\n');
    return { code: r.status, line: lines.slice(-3).join(' | ') };
  };
  const recount = run('recount'),
    audit = run('audit-verify');
  return { recount: recount.line, audit: audit.line, ok: recount.code === 0 && audit.code === 0 };
}

export function table(rows: KindResult[]): string {
  const head = 'act        sent  acked  refused  unknown  stored  stored-unacked  lost  doubled';
  return [
    head,
    ...rows.map(
      (r) =>
        `${r.kind.padEnd(9)} ${String(r.sent).padStart(5)} ${String(r.acked).padStart(6)} ${String(r.refused).padStart(8)} ${String(r.unknown).padStart(8)} ${String(r.stored).padStart(7)} ${String(r.storedUnacked).padStart(15)} ${String(r.lost).padStart(5)} ${String(r.doubled).padStart(8)}`,
    ),
  ].join('\n');
}

// Server-side sessions in PostgreSQL. The cookie carries a random token; the table keeps only its SHA-256, so a
// leaked database does not hand out live sessions. A session idle longer than the configured minutes is over, and so
// is one signed in longer ago than its absolute lifetime (SESSION_MAX_HOURS), however active.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from './db.ts';
import type { Actor, RoleGrant } from './permissions.ts';
import { batchedLookup } from './batch.ts';

export const SESSION_COOKIE = 'madang_sid';
export const ANON_COOKIE = 'madang_anon';
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
/** last_seen_at is written at most this often, so reading pages does not turn into a write storm. */
const TOUCH_EVERY_MS = 60_000;

interface SessionRow {
  personId: number;
  csrf: string;
  lastSeenAt: Date;
  idHash: string;
  signedInAt: Date;
}

export async function createSession(db: Database, personId: number): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id_hash: hashOf(token), person_id: personId, csrf: randomBytes(24).toString('base64url') })
    .execute();
  return token;
}

export type SessionLookup =
  | { state: 'none' }
  | { state: 'expired'; reason: 'idle' | 'lifetime' }
  | { state: 'active'; session: SessionRow; actor: Actor; unread: number };

/**
 * Sessions with their person, roles and unread count, for many cookies in one query: every request needs one, and
 * concurrent requests share the statement (platform/batch.ts).
 */
function selectSessions(db: Database, idHashes: string[]) {
  return db
    .selectFrom('sessions')
    .innerJoin('persons', 'persons.id', 'sessions.person_id')
    .select([
      'sessions.id_hash',
      'sessions.person_id',
      'sessions.csrf',
      'sessions.last_seen_at',
      'sessions.created_at',
      'sessions.signed_in_at',
      'persons.person_key',
      'persons.display_name',
      'persons.verification',
      'persons.birth_date',
      'persons.area_code',
      sql<number>`(select count(*)::int from notifications n where n.person_id = persons.id and n.read_at is null)`.as(
        'unread',
      ),
      sql<
        RoleGrant[]
      >`coalesce((select json_agg(json_build_object('role', r.role, 'departmentId', r.department_id, 'position', r.position, 'phoneExt', r.phone_ext) order by r.id) from person_roles r where r.person_id = persons.id), '[]'::json)`.as(
        'grants',
      ),
    ])
    .where('sessions.id_hash', 'in', idHashes)
    .execute();
}
const sessionRow = batchedLookup(selectSessions, (r) => r.id_hash);

/** The session and who it belongs to (person and granted roles): every request needs both. */
export async function loadSession(
  db: Database,
  token: string | undefined,
  idleMinutes: number,
  now = new Date(),
  maxHours = 12,
): Promise<SessionLookup> {
  if (!token) return { state: 'none' };
  const idHash = hashOf(token);
  const row = await sessionRow(db, idHash);
  if (!row) return { state: 'none' };
  const last = new Date(row.last_seen_at);
  const over =
    now.getTime() - new Date(row.created_at).getTime() > maxHours * 3_600_000
      ? 'lifetime'
      : now.getTime() - last.getTime() > idleMinutes * 60_000
        ? 'idle'
        : null;
  if (over) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return { state: 'expired', reason: over };
  }
  if (now.getTime() - last.getTime() > TOUCH_EVERY_MS) await touchSession(db, idHash, now);
  const actor: Actor = {
    id: row.person_id,
    personKey: row.person_key,
    displayName: row.display_name,
    verification: row.verification,
    birthDate: row.birth_date,
    areaCode: row.area_code,
    grants: row.grants,
  };
  return {
    state: 'active',
    actor,
    unread: row.unread,
    session: {
      personId: row.person_id,
      csrf: row.csrf,
      signedInAt: new Date(row.signed_in_at),
      lastSeenAt: now.getTime() - last.getTime() > TOUCH_EVERY_MS ? now : last,
      idHash,
    },
  };
}

/** "연장": the citizen asks for more time; the idle clock starts again. */
export async function touchSession(db: Database, idHash: string, now = new Date()): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
}

export async function destroySession(db: Database, token: string | undefined): Promise<void> {
  if (token) await db.deleteFrom('sessions').where('id_hash', '=', hashOf(token)).execute();
}

/** A visitor without a session still gets a CSRF token: an HMAC of their anonymous cookie. */
export function anonCsrf(secret: string, anonId: string): string {
  return createHmac('sha256', secret).update(`csrf:${anonId}`).digest('base64url');
}
export const newAnonId = () => randomBytes(18).toString('base64url');

export function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a),
    y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

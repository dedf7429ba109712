// Notifications: the in-app inbox (알림) and follows (관심 등록). Modules call notify() inside the transaction of the
// act they report. Delivery by e-mail, SMS or 카카오 알림톡 is a channel reading from this table (next: issue 6).
import { sql } from 'kysely';
import type { Database } from './db.ts';

export interface Notice { kind: string; targetType: string; targetId: number; text: { ko: string; en: string } }

export interface Channel {
  id: 'email' | 'sms' | 'kakao-alimtalk';
  send(to: { personId: number }, notice: Notice): Promise<void>;
}

/** Writes one notice per person, each person once, never to the one who acted. */
export async function notify(db: Database, personIds: number[], notice: Notice, exceptId?: number): Promise<number> {
  const to = [...new Set(personIds)].filter((id) => id !== exceptId);
  if (!to.length) return 0;
  await db.insertInto('notifications').values(to.map((person_id) => ({
    person_id, kind: notice.kind, target_type: notice.targetType, target_id: notice.targetId, text_ko: notice.text.ko, text_en: notice.text.en,
  }))).execute();
  return to.length;
}

export async function followers(db: Database, targetType: string, targetId: number): Promise<number[]> {
  return (await db.selectFrom('follows').select('person_id').where('target_type', '=', targetType).where('target_id', '=', targetId).execute()).map((r) => r.person_id);
}

export async function follow(db: Database, personId: number, targetType: string, targetId: number): Promise<void> {
  await db.insertInto('follows').values({ person_id: personId, target_type: targetType, target_id: targetId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function unfollow(db: Database, personId: number, targetType: string, targetId: number): Promise<void> {
  await db.deleteFrom('follows').where('person_id', '=', personId).where('target_type', '=', targetType).where('target_id', '=', targetId).execute();
}

export async function isFollowing(db: Database, personId: number, targetType: string, targetId: number): Promise<boolean> {
  return !!(await db.selectFrom('follows').select('person_id').where('person_id', '=', personId).where('target_type', '=', targetType).where('target_id', '=', targetId).executeTakeFirst());
}

export async function inbox(db: Database, personId: number, limit = 50) {
  return db.selectFrom('notifications').selectAll().where('person_id', '=', personId).orderBy('id', 'desc').limit(limit).execute();
}

export async function markAllRead(db: Database, personId: number): Promise<void> {
  await db.updateTable('notifications').set({ read_at: sql`now()` }).where('person_id', '=', personId).where('read_at', 'is', null).execute();
}

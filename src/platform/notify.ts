// Notifications: the in-app inbox (알림), follows (관심 등록), and the outbox for delivery by e-mail, SMS and
// 카카오 알림톡. Modules call notify() inside the transaction of the act they report: the notice and its delivery
// jobs commit with the act or not at all, so an acknowledged act's notice is never lost. The job worker delivers
// (src/platform/delivery/); the job's unique key (notice, channel) means a notice goes to each channel once.
import { sql } from 'kysely';
import type { Database } from './db.ts';
import { enqueue, type NewJob } from './jobs.ts';
import { noticeLinkOf } from './registry.ts';

export type ChannelId = 'email' | 'sms' | 'kakao-alimtalk';

export interface Notice {
  kind: string;
  targetType: string;
  targetId: number;
  text: { ko: string; en: string };
  /** The page the notice points to; default: the link the target type's module declared (its manifest's noticeLinks). */
  path?: string;
  /**
   * 'high' also goes by SMS / 알림톡 to those who chose it (they cost the city money and interrupt people):
   * answers and stage changes. 'normal' (comments and the like) goes in the app and by e-mail. Default 'normal'.
   */
  priority?: 'normal' | 'high';
}

/** One message to one address, composed for its channel (src/platform/delivery/compose.tsx). */
export interface OutboundMessage {
  /** Stable per notice and channel: the Message-ID and the gateway's idempotency key are made from it. */
  ref: string;
  to: string;
  /** The notice kind: 알림톡 picks its pre-registered template by it. */
  kind: string;
  subject: string;
  text: string;
  html?: string;
  url: string;
  headers?: Record<string, string>;
}

/** E-mail, SMS and 알림톡 alike: throws on failure (a PermanentError when trying again cannot help). */
export interface Channel {
  id: ChannelId;
  send(message: OutboundMessage): Promise<void>;
  close?(): Promise<void>;
}

export const DELIVER_JOB = 'notice.deliver';
export const deliveryJob = (notificationId: number, channel: ChannelId): NewJob => ({
  kind: DELIVER_JOB,
  payload: { notification: notificationId, channel },
  uniqueKey: `notice:${notificationId}:${channel}`,
});

/** Where a notice without its own path points: the link its module declared for the target type, or the inbox. */
export const noticePath = (targetType: string, id: number) => noticeLinkOf(targetType)?.(id) ?? '/notifications';

/**
 * Writes one notice per person, each person once, never to the one who acted, and queues its delivery to those who
 * chose e-mail (confirmed addresses only) or, for 'high' notices, a text message. Opens a transaction when the caller
 * has none, so the notice and its delivery jobs are never apart.
 */
export async function notify(db: Database, personIds: number[], notice: Notice, exceptId?: number): Promise<number> {
  const to = [...new Set(personIds)].filter((id) => id !== exceptId);
  if (!to.length) return 0;
  if (!db.isTransaction) return db.transaction().execute((trx) => notify(trx, to, notice));
  const rows = await db
    .insertInto('notifications')
    .values(
      to.map((person_id) => ({
        person_id,
        kind: notice.kind,
        target_type: notice.targetType,
        target_id: notice.targetId,
        text_ko: notice.text.ko,
        text_en: notice.text.en,
        path: notice.path ?? null,
      })),
    )
    .returning(['id', 'person_id'])
    .execute();
  const contacts = await db
    .selectFrom('person_contacts')
    .select(['person_id', 'email_notices', 'email_confirmed_at', 'phone_ct', 'phone_channel', 'phone_confirmed_at'])
    .where('person_id', 'in', to)
    .where((eb) =>
      eb.or([
        eb.and([eb('email_notices', '=', true), eb('email_confirmed_at', 'is not', null)]),
        eb.and([eb('phone_channel', '!=', 'none'), eb('phone_confirmed_at', 'is not', null)]),
      ]),
    )
    .execute();
  if (!contacts.length) return to.length;
  const byPerson = new Map(contacts.map((c) => [c.person_id, c]));
  const jobs: NewJob[] = [];
  for (const r of rows) {
    const c = byPerson.get(r.person_id);
    if (!c) continue;
    if (c.email_notices && c.email_confirmed_at) jobs.push(deliveryJob(r.id, 'email'));
    if (notice.priority === 'high' && c.phone_ct && c.phone_confirmed_at && c.phone_channel !== 'none')
      jobs.push(deliveryJob(r.id, c.phone_channel));
  }
  await enqueue(db, jobs);
  return to.length;
}

export async function followers(db: Database, targetType: string, targetId: number): Promise<number[]> {
  return (
    await db
      .selectFrom('follows')
      .select('person_id')
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .execute()
  ).map((r) => r.person_id);
}

export async function follow(db: Database, personId: number, targetType: string, targetId: number): Promise<void> {
  await db
    .insertInto('follows')
    .values({ person_id: personId, target_type: targetType, target_id: targetId })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export async function unfollow(db: Database, personId: number, targetType: string, targetId: number): Promise<void> {
  await db
    .deleteFrom('follows')
    .where('person_id', '=', personId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .execute();
}

export async function isFollowing(
  db: Database,
  personId: number,
  targetType: string,
  targetId: number,
): Promise<boolean> {
  return !!(await db
    .selectFrom('follows')
    .select('person_id')
    .where('person_id', '=', personId)
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .executeTakeFirst());
}

export async function inbox(db: Database, personId: number, limit = 50) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function markAllRead(db: Database, personId: number): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: sql`now()` })
    .where('person_id', '=', personId)
    .where('read_at', 'is', null)
    .execute();
}

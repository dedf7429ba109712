// A person's contacts and notification choices (person_contacts): validation of Korean mobile numbers, the signed
// links for confirming an address and for unsubscribing in one click, and masked forms for administrators.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Database } from '../db.ts';
import { enqueue } from '../jobs.ts';
import { maskSpan } from '../../rules/pii/mask.ts';
import type { Config } from '../config.ts';
import { secretsOf } from '../keys.ts';
import { openContact, sameContact, sealContacts } from './sealed.ts';

/** What reading and writing contacts needs: the data key (encryption at rest) and the secret(s) signing links and codes. */
export type ContactKeys = Pick<Config, 'secret' | 'secretPrevious' | 'dataKeys'>;

export type PhoneChannel = 'none' | 'sms' | 'kakao-alimtalk';
export type UnsubscribeChannel = 'email' | 'phone';
export const CONFIRM_JOB = 'email.confirm';
export const PHONE_CODE_JOB = 'phone.confirm';
/** A code typed more than 10 minutes after it was sent, or after 5 wrong tries, is spent: the person asks again. */
const PHONE_CODE_VALID_MS = 10 * 60_000;
const PHONE_CODE_TRIES = 5;
/** A confirmation link works for three days; after that the person asks for a new one. */
const CONFIRM_VALID_MS = 3 * 86_400_000;
/** At most one confirmation mail a minute per person: the button cannot be used to flood someone's mailbox. */
const CONFIRM_RESEND_MS = 60_000;

/**
 * Korean mobile numbers as people type them — 010-1234-5678, 01012345678, 010 1234 5678, +82 10-1234-5678 — as
 * digits (01012345678), or null. 010 numbers have 8 digits after the prefix; the old 011/016/017/018/019 ones 7 or 8.
 * Landlines (02-…, 031-…) and 15xx numbers cannot receive 알림톡 or, usually, SMS.
 */
export function normalizeMobile(input: string): string | null {
  let s = input.trim().replace(/[\s.\-()]/g, '');
  if (s.startsWith('+82')) s = '0' + s.slice(3).replace(/^0/, '');
  else if (s.startsWith('0082')) s = '0' + s.slice(4).replace(/^0/, '');
  if (/^010\d{8}$/.test(s)) return s;
  if (/^01[16789][1-9]\d{6,7}$/.test(s)) return s;
  return null;
}

/** 01012345678 → 010-1234-5678 (01X-XXX-XXXX for the old 10-digit numbers). */
export const formatMobile = (digits: string) =>
  digits.length === 11
    ? `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`
    : `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`;

export const maskEmail = (email: string) => maskSpan('email', email);
export const maskPhone = (digits: string) => maskSpan('phone', formatMobile(digits));

const sign = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('base64url').slice(0, 32);
const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The confirmation link's token: an HMAC of person, address and the request's nonce (the table keeps only the nonce). */
export const confirmToken = (secret: string, personId: number, email: string, nonce: string) =>
  sign(secret, `confirm:${personId}:${email.toLowerCase()}:${nonce}`);
/** The unsubscribe link's token: it can only switch a channel off, so it does not expire. */
export const unsubscribeToken = (secret: string, personId: number, channel: UnsubscribeChannel) =>
  sign(secret, `unsubscribe:${personId}:${channel}`);
export const checkUnsubscribeToken = (secret: string, personId: number, channel: UnsubscribeChannel, token: string) =>
  same(unsubscribeToken(secret, personId, channel), token);

export const confirmUrl = (base: string, secret: string, personId: number, email: string, nonce: string) =>
  `${base}/me/notifications/confirm?p=${personId}&t=${confirmToken(secret, personId, email, nonce)}`;
export const unsubscribeUrl = (base: string, secret: string, personId: number, channel: UnsubscribeChannel) =>
  `${base}/unsubscribe?p=${personId}&c=${channel}&t=${unsubscribeToken(secret, personId, channel)}`;

/**
 * The six-digit code sent to a mobile number: derived from (person, number, nonce) with the instance secret, so the
 * table holds only the nonce and a leaked row reveals no code. The modulo's bias (2^32 is not a multiple of 10^6) is
 * under one in four thousand.
 */
export function phoneCode(secret: string, personId: number, phone: string, nonce: string): string {
  const mac = createHmac('sha256', secret).update(`phone:${personId}:${phone}:${nonce}`).digest();
  return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export interface Contacts {
  email: string | null;
  emailConfirmed: boolean;
  emailRequestedAt: Date | null;
  emailNotices: boolean;
  phone: string | null;
  phoneConfirmed: boolean;
  phoneRequestedAt: Date | null;
  phoneChannel: PhoneChannel;
  lang: 'ko' | 'en';
}

export async function loadContacts(db: Database, keys: ContactKeys, personId: number): Promise<Contacts | null> {
  const r = await db.selectFrom('person_contacts').selectAll().where('person_id', '=', personId).executeTakeFirst();
  if (!r) return null;
  return {
    email: openContact(keys.dataKeys, personId, 'email', r.email_ct),
    emailConfirmed: !!r.email_confirmed_at,
    emailRequestedAt: r.email_requested_at,
    emailNotices: r.email_notices,
    phone: openContact(keys.dataKeys, personId, 'phone', r.phone_ct),
    phoneConfirmed: !!r.phone_confirmed_at,
    phoneRequestedAt: r.phone_requested_at,
    phoneChannel: r.phone_channel,
    lang: r.lang,
  };
}

export interface ContactChoices {
  email: string | null;
  emailNotices: boolean;
  phone: string | null;
  phoneChannel: PhoneChannel;
  lang: 'ko' | 'en';
}

/**
 * Saves the choices. A new or changed address starts unconfirmed, and a confirmation mail is queued in the same
 * transaction; notices go to it only after its link is followed. A new or changed mobile number likewise starts
 * unconfirmed, and when the person wants texts a code is sent to it. Returns what was queued.
 */
export async function saveContacts(
  db: Database,
  keys: ContactKeys,
  personId: number,
  c: ContactChoices,
): Promise<{ confirmationSent: boolean; codeSent: boolean }> {
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('person_contacts')
      .selectAll()
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    // Compared by blind index, without decrypting: the same address in other letter case is not a change.
    const changed = !sameContact(keys.dataKeys, 'email', before?.email_bidx ?? null, c.email);
    const phoneChanged = !sameContact(keys.dataKeys, 'phone', before?.phone_bidx ?? null, c.phone);
    // Both fields are sealed again under the current key, so a row is always under one key (rotate-data-key counts rows).
    const email = changed ? c.email : openContact(keys.dataKeys, personId, 'email', before?.email_ct ?? null);
    const sealed = sealContacts(keys.dataKeys, personId, { email, phone: c.phone });
    const base = {
      ...sealed,
      email_notices: c.emailNotices,
      phone_channel: c.phoneChannel,
      lang: c.lang,
      updated_at: sql<Date>`now()`,
    };
    const emailPart = changed ? { email_confirmed_at: null, email_nonce: null, email_requested_at: null } : {};
    const phonePart = phoneChanged
      ? { phone_confirmed_at: null, phone_nonce: null, phone_requested_at: null, phone_tries: 0 }
      : {};
    if (before)
      await trx
        .updateTable('person_contacts')
        // A saved contact supersedes any plaintext left from before encryption (migration 016): sealing it later
        // must never bring an old address back.
        .set({ ...base, ...emailPart, ...phonePart, legacy_email: null, legacy_phone: null })
        .where('person_id', '=', personId)
        .execute();
    else
      await trx
        .insertInto('person_contacts')
        .values({ person_id: personId, ...base })
        .execute();
    const confirmationSent = changed && !!c.email && (await requestConfirmation(trx, personId));
    // A code goes out when texts are wanted on a number not yet confirmed (a changed number, or texts switched on).
    const codeSent =
      c.phoneChannel !== 'none' &&
      (phoneChanged || before?.phone_channel === 'none') &&
      (await requestPhoneCode(trx, personId));
    return { confirmationSent, codeSent };
  });
}

type ContactRow = {
  email_ct: string | null;
  email_confirmed_at: Date | null;
  email_requested_at: Date | null;
  phone_ct: string | null;
  phone_confirmed_at: Date | null;
  phone_requested_at: Date | null;
};

/** How each channel is confirmed: its columns, and the job that sends the link (e-mail) or the code (phone). */
const CONFIRMING = {
  email: {
    job: CONFIRM_JOB,
    key: 'confirm',
    attempts: 5,
    state: (r: ContactRow) => ({
      address: r.email_ct,
      confirmed: r.email_confirmed_at,
      requested: r.email_requested_at,
    }),
    mark: (nonce: string, now: Date) => ({ email_nonce: nonce, email_requested_at: now }),
  },
  phone: {
    job: PHONE_CODE_JOB,
    key: 'phone-code',
    attempts: 3,
    state: (r: ContactRow) => ({
      address: r.phone_ct,
      confirmed: r.phone_confirmed_at,
      requested: r.phone_requested_at,
    }),
    mark: (nonce: string, now: Date) => ({ phone_nonce: nonce, phone_requested_at: now, phone_tries: 0 }),
  },
};

/** A new confirmation request for the person's unconfirmed address or number: a fresh nonce and the job that sends
 * it, not more than once a minute (the button cannot be used to flood someone's mailbox or phone). */
async function requestConfirming(
  db: Database,
  personId: number,
  channel: keyof typeof CONFIRMING,
  now: Date,
): Promise<boolean> {
  const how = CONFIRMING[channel];
  const r = await db
    .selectFrom('person_contacts')
    .select([
      'email_ct',
      'email_confirmed_at',
      'email_requested_at',
      'phone_ct',
      'phone_confirmed_at',
      'phone_requested_at',
    ])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const st = r && how.state(r);
  if (!st?.address || st.confirmed) return false;
  if (st.requested && now.getTime() - new Date(st.requested).getTime() < CONFIRM_RESEND_MS) return false;
  const nonce = randomBytes(16).toString('base64url');
  await db.updateTable('person_contacts').set(how.mark(nonce, now)).where('person_id', '=', personId).execute();
  await enqueue(db, {
    kind: how.job,
    payload: { person: personId, nonce },
    uniqueKey: `${how.key}:${personId}:${nonce}`,
    maxAttempts: how.attempts,
  });
  return true;
}

/** Queues a confirmation mail for the person's current unconfirmed address. */
export const requestConfirmation = (db: Database, personId: number, now = new Date()) =>
  requestConfirming(db, personId, 'email', now);

/** Follows a confirmation link: true when it matches the current address and request and has not expired. */
export async function confirmEmail(
  db: Database,
  keys: ContactKeys,
  personId: number,
  token: string,
  now = new Date(),
): Promise<boolean> {
  const r = await db
    .selectFrom('person_contacts')
    .select(['email_ct', 'email_nonce', 'email_requested_at', 'email_confirmed_at'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!r?.email_ct || !r.email_nonce || !r.email_requested_at) return false;
  const email = openContact(keys.dataKeys, personId, 'email', r.email_ct)!,
    nonce = r.email_nonce;
  // A link mailed before a SECRET rotation still works during its dual-key period.
  if (!secretsOf(keys).some((secret) => same(confirmToken(secret, personId, email, nonce), token))) return false;
  if (now.getTime() - new Date(r.email_requested_at).getTime() > CONFIRM_VALID_MS) return false;
  await db
    .updateTable('person_contacts')
    .set({ email_confirmed_at: now, email_nonce: null })
    .where('person_id', '=', personId)
    .execute();
  return true;
}

/** Queues a text with a new code for the person's unconfirmed mobile number. */
export const requestPhoneCode = (db: Database, personId: number, now = new Date()) =>
  requestConfirming(db, personId, 'phone', now);

export type PhoneCodeResult =
  | { ok: true }
  | { ok: false; reason: 'none' | 'expired' | 'spent' | 'wrong'; triesLeft?: number };

/** Checks a typed code against the current request: right → the number is confirmed; wrong → one try fewer. */
export async function confirmPhone(
  db: Database,
  keys: ContactKeys,
  personId: number,
  typed: string,
  now = new Date(),
): Promise<PhoneCodeResult> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('person_contacts')
      .select(['phone_ct', 'phone_nonce', 'phone_requested_at', 'phone_confirmed_at', 'phone_tries'])
      .where('person_id', '=', personId)
      .forUpdate()
      .executeTakeFirst();
    const r = row && { ...row, phone: openContact(keys.dataKeys, personId, 'phone', row.phone_ct) };
    if (r?.phone && r.phone_confirmed_at) return { ok: true } as const;
    if (!r?.phone || !r.phone_nonce || !r.phone_requested_at) return { ok: false, reason: 'none' } as const;
    if (now.getTime() - new Date(r.phone_requested_at).getTime() > PHONE_CODE_VALID_MS)
      return { ok: false, reason: 'expired' } as const;
    if (r.phone_tries >= PHONE_CODE_TRIES) return { ok: false, reason: 'spent' } as const;
    const code = typed.replace(/\D/g, '');
    const phone = r.phone,
      nonce = r.phone_nonce;
    if (code.length === 6 && secretsOf(keys).some((secret) => same(phoneCode(secret, personId, phone, nonce), code))) {
      await trx
        .updateTable('person_contacts')
        .set({ phone_confirmed_at: now, phone_nonce: null, phone_tries: 0 })
        .where('person_id', '=', personId)
        .execute();
      return { ok: true } as const;
    }
    const tries = r.phone_tries + 1;
    await trx.updateTable('person_contacts').set({ phone_tries: tries }).where('person_id', '=', personId).execute();
    return tries >= PHONE_CODE_TRIES
      ? ({ ok: false, reason: 'spent' } as const)
      : ({ ok: false, reason: 'wrong', triesLeft: PHONE_CODE_TRIES - tries } as const);
  });
}

/** One-click unsubscribe: switches the channel off. Returns false when there was nothing to switch off. */
export async function unsubscribe(db: Database, personId: number, channel: UnsubscribeChannel): Promise<boolean> {
  const r = await db
    .updateTable('person_contacts')
    .set(
      channel === 'email'
        ? { email_notices: false, updated_at: sql<Date>`now()` }
        : { phone_channel: 'none', updated_at: sql<Date>`now()` },
    )
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

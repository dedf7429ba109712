// The delivery jobs: one notice to one channel (notice.deliver), and the address confirmation mail (email.confirm).
// Each reads the person's contacts when it runs, not when it was queued: an address removed or a channel switched off
// in between means nothing is sent.
import type { Config } from '../config.ts';
import type { Database } from '../db.ts';
import { enqueue, redactError, type JobRegistry } from '../jobs.ts';
import { DELIVER_JOB, deliveryJob, noticePath, type Channel, type ChannelId } from '../notify.ts';
import { translate } from '../i18n/index.ts';
import { confirmMail, noticeMail, textMessage, unsubscribeHeaders } from './compose.tsx';
import { CONFIRM_JOB, PHONE_CODE_JOB, confirmUrl, phoneCode, unsubscribeUrl } from './contacts.ts';
import { openContact } from './sealed.ts';

export interface Channels {
  email: Channel;
  sms: Channel;
  alimtalk: Channel;
}
type Settings = Pick<Config, 'baseUrl' | 'secret' | 'dataKeys'>;

const settingsUrl = (cfg: Settings) => `${cfg.baseUrl}/me/notifications`;

async function deliverNotice(
  db: Database,
  cfg: Settings,
  channels: Channels,
  id: number,
  channel: ChannelId,
): Promise<string> {
  const row = await db
    .selectFrom('notifications as n')
    .innerJoin('persons as p', 'p.id', 'n.person_id')
    .leftJoin('person_contacts as c', 'c.person_id', 'n.person_id')
    .select([
      'n.person_id',
      'n.kind',
      'n.target_type',
      'n.target_id',
      'n.text_ko',
      'n.text_en',
      'n.path',
      'p.display_name',
      'c.email_ct',
      'c.email_confirmed_at',
      'c.email_notices',
      'c.phone_ct',
      'c.phone_channel',
      'c.phone_confirmed_at',
      'c.lang',
    ])
    .where('n.id', '=', id)
    .executeTakeFirst();
  // Decrypted only here, for the message being sent: the address never leaves this function's memory.
  const n = row && {
    ...row,
    email: openContact(cfg.dataKeys, row.person_id, 'email', row.email_ct),
    phone: openContact(cfg.dataKeys, row.person_id, 'phone', row.phone_ct),
  };
  if (!n) return 'skipped: the notice is gone';
  const lang = n.lang ?? 'ko';
  const text = lang === 'en' ? n.text_en : n.text_ko;
  const url = cfg.baseUrl + (n.path ?? noticePath(n.target_type, n.target_id));

  if (channel === 'email') {
    if (!n.email || !n.email_confirmed_at || !n.email_notices)
      return 'skipped: no confirmed address, or e-mail notices off';
    const unsubscribe = unsubscribeUrl(cfg.baseUrl, cfg.secret, n.person_id, 'email');
    const mail = noticeMail({
      lang,
      name: n.display_name,
      text,
      url,
      settingsUrl: settingsUrl(cfg),
      unsubscribeUrl: unsubscribe,
    });
    await channels.email.send({
      ref: `notice-${id}-email`,
      to: n.email,
      kind: n.kind,
      url,
      ...mail,
      headers: unsubscribeHeaders(unsubscribe),
    });
    return 'sent';
  }

  if (!n.phone || (n.phone_channel !== 'sms' && n.phone_channel !== 'kakao-alimtalk'))
    return 'skipped: no mobile number, or text messages off';
  if (!n.phone_confirmed_at) return 'skipped: the mobile number is not confirmed';
  const message = {
    ref: `notice-${id}-${channel}`,
    to: n.phone,
    kind: n.kind,
    subject: translate(lang, 'site.city'),
    text: textMessage(lang, text, url),
    url,
  };
  if (channel === 'kakao-alimtalk') {
    try {
      await channels.alimtalk.send(message);
      return 'sent';
    } catch (e) {
      // The usual Korean setup: an 알림톡 that cannot be delivered (no KakaoTalk, no template, the provider
      // refused it) goes as a text message instead. The SMS job's key is the notice's: never two SMS for one notice.
      await enqueue(db, deliveryJob(id, 'sms'));
      return `알림톡 failed, SMS queued instead: ${redactError(e)}`;
    }
  }
  await channels.sms.send(message);
  return 'sent';
}

async function sendConfirmation(
  db: Database,
  cfg: Settings,
  email: Channel,
  personId: number,
  nonce: string,
): Promise<string> {
  const row = await db
    .selectFrom('person_contacts as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .select(['c.email_ct', 'c.email_nonce', 'c.email_confirmed_at', 'c.lang', 'p.display_name'])
    .where('c.person_id', '=', personId)
    .executeTakeFirst();
  const r = row && { ...row, email: openContact(cfg.dataKeys, personId, 'email', row.email_ct) };
  if (!r?.email || r.email_confirmed_at || r.email_nonce !== nonce)
    return 'skipped: the address changed or was confirmed';
  const link = confirmUrl(cfg.baseUrl, cfg.secret, personId, r.email, nonce);
  const mail = confirmMail({
    lang: r.lang,
    name: r.display_name,
    email: r.email,
    confirmUrl: link,
    settingsUrl: settingsUrl(cfg),
  });
  await email.send({ ref: `confirm-${personId}-${nonce}`, to: r.email, kind: CONFIRM_JOB, url: link, ...mail });
  return 'sent';
}

/** The code text for a mobile number (always SMS: 알림톡 needs a reviewed template, and a code must not wait). */
async function sendPhoneCode(
  db: Database,
  cfg: Settings,
  sms: Channel,
  personId: number,
  nonce: string,
): Promise<string> {
  const row = await db
    .selectFrom('person_contacts')
    .select(['phone_ct', 'phone_nonce', 'phone_confirmed_at', 'lang'])
    .where('person_id', '=', personId)
    .executeTakeFirst();
  const r = row && { ...row, phone: openContact(cfg.dataKeys, personId, 'phone', row.phone_ct) };
  if (!r?.phone || r.phone_confirmed_at || r.phone_nonce !== nonce)
    return 'skipped: the number changed or was confirmed';
  const code = phoneCode(cfg.secret, personId, r.phone, nonce);
  const text = `[${translate(r.lang, 'site.city')}] ${translate(r.lang, 'contacts.code.sms', { code })}`;
  await sms.send({
    ref: `phone-code-${personId}-${nonce}`,
    to: r.phone,
    kind: PHONE_CODE_JOB,
    subject: translate(r.lang, 'site.city'),
    text,
    url: settingsUrl(cfg),
  });
  return 'sent';
}

export function registerDeliveryJobs(registry: JobRegistry, cfg: Settings, channels: Channels): void {
  registry.register(DELIVER_JOB, (payload, ctx) =>
    deliverNotice(ctx.db, cfg, channels, Number(payload.notification), payload.channel as ChannelId),
  );
  registry.register(CONFIRM_JOB, (payload, ctx) =>
    sendConfirmation(ctx.db, cfg, channels.email, Number(payload.person), String(payload.nonce)),
  );
  registry.register(PHONE_CODE_JOB, (payload, ctx) =>
    sendPhoneCode(ctx.db, cfg, channels.sms, Number(payload.person), String(payload.nonce)),
  );
}

// What a notice looks like outside the app, in the person's language: an e-mail in plain text and simple accessible
// HTML (one column, real link text, no images), and a short text for SMS / 알림톡. Pure functions: no I/O.
import { translate, type Lang } from '../i18n/index.ts';

export interface Composed {
  subject: string;
  text: string;
  html: string;
}

const STYLE = 'font-family:sans-serif;font-size:16px;line-height:1.6;color:#1e2124;max-width:40em';

function page(lang: Lang, title: string, body: unknown): string {
  return (
    '<!DOCTYPE html>' +
    String(
      <html lang={lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{title}</title>
        </head>
        <body style={STYLE}>{body}</body>
      </html>,
    )
  );
}

export interface NoticeMailInput {
  lang: Lang;
  name: string;
  text: string;
  url: string;
  settingsUrl: string;
  unsubscribeUrl: string;
}

export function noticeMail(o: NoticeMailInput): Composed {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string>) => translate(o.lang, k, v);
  const city = t('site.city');
  const subject = t('mail.subject', { city, text: o.text });
  const text = [
    t('mail.greeting', { name: o.name }),
    '',
    o.text,
    '',
    `${t('mail.open')}: ${o.url}`,
    '',
    '—',
    t('mail.footer', { city }),
    `${t('mail.settings')}: ${o.settingsUrl}`,
    `${t('mail.unsubscribe')}: ${o.unsubscribeUrl}`,
    '',
  ].join('\n');
  const html = page(
    o.lang,
    subject,
    <>
      <p>{t('mail.greeting', { name: o.name })}</p>
      <p>{o.text}</p>
      <p>
        <a href={o.url}>{t('mail.open')}</a>
      </p>
      <hr />
      <p style="font-size:14px">
        {t('mail.footer', { city })}
        <br />
        <a href={o.settingsUrl}>{t('mail.settings')}</a> · <a href={o.unsubscribeUrl}>{t('mail.unsubscribe')}</a>
      </p>
    </>,
  );
  return { subject, text, html };
}

export interface ConfirmMailInput {
  lang: Lang;
  name: string;
  email: string;
  confirmUrl: string;
  settingsUrl: string;
}

export function confirmMail(o: ConfirmMailInput): Composed {
  const t = (k: Parameters<typeof translate>[1], v?: Record<string, string>) => translate(o.lang, k, v);
  const city = t('site.city');
  const subject = t('mail.confirm.subject', { city });
  const text = [
    t('mail.greeting', { name: o.name }),
    '',
    t('mail.confirm.body', { email: o.email }),
    '',
    `${t('mail.confirm.action')}: ${o.confirmUrl}`,
    '',
    t('mail.confirm.ignore'),
    '',
    '—',
    `${t('mail.settings')}: ${o.settingsUrl}`,
    '',
  ].join('\n');
  const html = page(
    o.lang,
    subject,
    <>
      <p>{t('mail.greeting', { name: o.name })}</p>
      <p>{t('mail.confirm.body', { email: o.email })}</p>
      <p>
        <a href={o.confirmUrl}>{t('mail.confirm.action')}</a>
      </p>
      <p>{t('mail.confirm.ignore')}</p>
    </>,
  );
  return { subject, text, html };
}

/** RFC 2369 and RFC 8058: mail programs show an "unsubscribe" button that POSTs to the link, no page visit needed. */
export const unsubscribeHeaders = (url: string) => ({
  'List-Unsubscribe': `<${url}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  'Auto-Submitted': 'auto-generated',
});

/** The SMS / 알림톡 text: the city in brackets, the notice, the link. */
export const textMessage = (lang: Lang, text: string, url: string) =>
  `[${translate(lang, 'site.city')}] ${text}\n${url}`;

/** Korean carriers bill by EUC-KR bytes: up to 90 is an SMS, longer is an LMS (a gateway may need to be told). */
export function textMessageType(text: string): 'SMS' | 'LMS' {
  let bytes = 0;
  for (const ch of text) bytes += ch.codePointAt(0)! < 0x80 ? 1 : 2;
  return bytes <= 90 ? 'SMS' : 'LMS';
}

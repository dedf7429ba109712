// E-mail: an SMTP relay (SMTP_URL) through nodemailer, or — with no relay configured, as in the demo — the same
// message written as an .eml file under MAIL_DIR, which any mail program opens. nodemailer is loaded with the first
// message, not at start (≈ 80 ms and 15 MB that an instance sending no mail does not need, measured).
import type { Config } from '../config.ts';
import type { Channel, OutboundMessage } from '../notify.ts';
import { PermanentError } from '../jobs.ts';
import { writeOutboxFile } from './files.ts';

/** The domain of MAIL_FROM, for Message-IDs. */
const domainOf = (from: string) => from.match(/@([^>\s]+)/)?.[1] ?? 'madang.invalid';

/** 5xx (the address does not exist, the message is refused) will not change by waiting; 4xx and network errors are what retries are for. */
const isPermanent = (e: Error & { responseCode?: number; code?: string }) =>
  e.responseCode ? e.responseCode >= 500 && e.responseCode !== 503 : e.code === 'EENVELOPE';

export function emailChannel(mail: Config['mail']): Channel & { kind: 'smtp' | 'file' } {
  const domain = domainOf(mail.from);
  const message = (m: OutboundMessage) => ({
    from: mail.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: m.headers,
    // The same notice always has the same Message-ID: if a crash makes the worker send it twice, mail programs
    // that deduplicate by Message-ID show it once.
    messageId: `<${m.ref}@${domain}>`,
  });
  // A few kept-open connections: a relay accepts messages much faster on an open session than one connection each.
  const transport = async () =>
    (await import('nodemailer')).createTransport(
      mail.smtpUrl
        ? {
            pool: true,
            maxConnections: 4,
            url: mail.smtpUrl,
            connectionTimeout: 15_000,
            greetingTimeout: 15_000,
            socketTimeout: 60_000,
          }
        : { streamTransport: true, buffer: true, newline: 'unix' },
    );
  let made: ReturnType<typeof transport> | null = null;

  return {
    id: 'email',
    kind: mail.smtpUrl ? 'smtp' : 'file',
    async send(m) {
      const t = await (made ??= transport());
      try {
        const info = await t.sendMail(message(m));
        if (!mail.smtpUrl) writeOutboxFile(mail.dir, m.ref, 'eml', (info as { message: Buffer }).message);
      } catch (e) {
        throw isPermanent(e as Error) ? new PermanentError((e as Error).message) : e;
      }
    },
    async close() {
      if (made) (await made).close();
    },
  };
}

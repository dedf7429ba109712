// E-mail: an SMTP relay (SMTP_URL) through nodemailer, or — with no relay configured, as in the demo — the same
// message written as an .eml file under MAIL_DIR, which any mail program opens.
import { createTransport } from 'nodemailer';
import { isPermanentResponseCode } from 'nodemailer/lib/errors';
import type { Config } from '../config.ts';
import type { Channel, OutboundMessage } from '../notify.ts';
import { PermanentError } from '../jobs.ts';
import { writeOutboxFile } from './files.ts';

/** The domain of MAIL_FROM, for Message-IDs. */
const domainOf = (from: string) => from.match(/@([^>\s]+)/)?.[1] ?? 'madang.invalid';

export function emailChannel(mail: Config['mail']): Channel & { kind: 'smtp' | 'file' } {
  const domain = domainOf(mail.from);
  const message = (m: OutboundMessage) => ({
    from: mail.from, to: m.to, subject: m.subject, text: m.text, html: m.html, headers: m.headers,
    // The same notice always has the same Message-ID: if a crash makes the worker send it twice, mail programs
    // that deduplicate by Message-ID show it once.
    messageId: `<${m.ref}@${domain}>`,
  });

  if (!mail.smtpUrl) {
    const stream = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      id: 'email', kind: 'file',
      async send(m) {
        const info = await stream.sendMail(message(m));
        writeOutboxFile(mail.dir, m.ref, 'eml', info.message as Buffer);
      },
    };
  }

  // A few kept-open connections: a relay accepts messages much faster on an open session than one connection each.
  const smtp = createTransport({ pool: true, maxConnections: 4, url: mail.smtpUrl, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 60_000 });
  return {
    id: 'email', kind: 'smtp',
    async send(m) {
      try {
        await smtp.sendMail(message(m));
      } catch (e) {
        const err = e as Error & { responseCode?: number; code?: string };
        // 5xx (the address does not exist, the message is refused) will not change by waiting; 4xx and network
        // errors are what retries are for.
        if (err.responseCode ? isPermanentResponseCode(err.responseCode) : err.code === 'EENVELOPE') throw new PermanentError(err.message);
        throw err;
      }
    },
    async close() { smtp.close(); },
  };
}

// Real receivers for delivery tests, in the test process: an SMTP server (npm smtp-server) that parses what it gets
// with mailparser, and an HTTP server standing in for an SMS / 알림톡 provider's gateway. Both can be told to fail.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface SmtpCatcher {
  url: string;
  messages: ParsedMail[];
  /** The next `count` messages are refused with `code` (451: try again later; 550: no such mailbox). */
  refuse(count: number, code?: number): void;
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export async function smtpCatcher(): Promise<SmtpCatcher> {
  const messages: ParsedMail[] = [];
  let refusing = { count: 0, code: 451 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, done) {
      if (refusing.count > 0) {
        refusing.count--;
        const code = refusing.code;
        stream.resume();
        stream.on('end', () =>
          done(
            Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }),
          ),
        );
        return;
      }
      simpleParser(stream).then((m) => {
        messages.push(m);
        done();
      }, done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    refuse(count, code = 451) {
      refusing = { count, code };
    },
    to: (address) =>
      messages.filter((m) =>
        (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.value.some((v) => v.address === address)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface GatewayRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}
export interface GatewayCatcher {
  url: string;
  requests: GatewayRequest[];
  /** Answers requests to `path` with this status and body from now on (null: answer 200 again). */
  answer(path: string, reply: { status: number; body: string } | null): void;
  close(): Promise<void>;
}

export async function gatewayCatcher(): Promise<GatewayCatcher> {
  const requests: GatewayRequest[] = [];
  const replies = new Map<string, { status: number; body: string }>();
  const server = createServer((req, res) => {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      raw += d;
    });
    req.on('end', () => {
      const path = req.url ?? '/';
      const body = (req.headers['content-type'] ?? '').includes('json')
        ? JSON.parse(raw)
        : Object.fromEntries(new URLSearchParams(raw));
      requests.push({ path, headers: req.headers, body });
      const reply = replies.get(path) ?? { status: 200, body: '{"ok":true}' };
      res.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    answer(path, reply) {
      if (reply) replies.set(path, reply);
      else replies.delete(path);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

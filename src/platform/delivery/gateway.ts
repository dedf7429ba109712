// SMS and 카카오 알림톡 through a provider's HTTP gateway (SMS_GATEWAY, ALIMTALK_GATEWAY), or — with none
// configured, as in the demo — JSON files under TEXT_DIR. Korean providers differ in field names and encodings, so
// the request body is a template the operator writes for theirs (README, "SMS와 알림톡 연결").
import type { GatewayConfig } from '../config.ts';
import type { Channel, OutboundMessage } from '../notify.ts';
import { PermanentError } from '../jobs.ts';
import { textMessageType } from './compose.tsx';
import { writeOutboxFile } from './files.ts';

const DEFAULT_BODY = {
  sms: '{"to":"{{to}}","from":"{{from}}","type":"{{type}}","subject":"{{subject}}","text":"{{text}}","ref":"{{ref}}"}',
  'kakao-alimtalk':
    '{"to":"{{to}}","senderKey":"{{senderKey}}","templateCode":"{{template}}","text":"{{text}}","buttonUrl":"{{url}}","ref":"{{ref}}"}',
} as const;

type Vars = Record<string, string>;
const fill = (s: string, vars: Vars) => s.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (k in vars ? vars[k] : m));
const fillDeep = (v: unknown, vars: Vars): unknown =>
  typeof v === 'string'
    ? fill(v, vars)
    : Array.isArray(v)
      ? v.map((x) => fillDeep(x, vars))
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fillDeep(x, vars)]))
        : v;

/**
 * Fills the template. A JSON template is parsed first and only its string values are filled, so a quote or a line
 * break in a notice cannot break the JSON; otherwise it is a form (`a={{to}}&b={{text}}`), filled and re-encoded.
 */
export function renderBody(template: string, vars: Vars): { body: string; contentType: string } {
  const trimmed = template.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return {
      body: JSON.stringify(fillDeep(JSON.parse(trimmed), vars)),
      contentType: 'application/json; charset=utf-8',
    };
  }
  const form = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(trimmed)) form.append(k, fill(v, vars));
  return { body: form.toString(), contentType: 'application/x-www-form-urlencoded; charset=utf-8' };
}

/** The values a template may use. 알림톡 needs the template code registered for this kind of notice. */
function varsFor(id: Channel['id'], g: GatewayConfig, m: OutboundMessage): Vars {
  return {
    to: m.to,
    from: g.from,
    type: textMessageType(m.text),
    subject: m.subject,
    text: m.text,
    url: m.url,
    ref: m.ref,
    senderKey: g.senderKey,
    template: id === 'kakao-alimtalk' ? (g.templates[m.kind] ?? '') : '',
  };
}

export function gatewayChannel(id: 'sms' | 'kakao-alimtalk', g: GatewayConfig): Channel {
  const template = g.body ?? DEFAULT_BODY[id];
  renderBody(template, {}); // a broken template stops the start, not the first notice
  const ok = g.ok ? new RegExp(g.ok) : null;
  return {
    id,
    async send(m) {
      const vars = varsFor(id, g, m);
      if (id === 'kakao-alimtalk' && !vars.template)
        throw new PermanentError(`no 알림톡 template registered for ${m.kind}`);
      const { body, contentType } = renderBody(template, vars);
      let res: Response;
      try {
        res = await fetch(g.url, {
          method: g.method,
          body,
          signal: AbortSignal.timeout(g.timeoutMs),
          // The same notice always carries the same key: a provider that honours it sends a retried request once.
          headers: { ...g.headers, 'content-type': contentType, 'idempotency-key': m.ref },
        });
      } catch (e) {
        throw new Error(`${id} gateway unreachable: ${(e as Error).message}`);
      }
      const answer = (await res.text()).slice(0, 300);
      if (!res.ok) {
        const msg = `${id} gateway answered ${res.status}: ${answer}`;
        // A 4xx says the request itself is wrong (a bad number, a bad key): repeating it cannot help.
        throw res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429
          ? new PermanentError(msg)
          : new Error(msg);
      }
      if (ok && !ok.test(answer)) throw new Error(`${id} gateway refused the message: ${answer}`);
    },
  };
}

/** The demo's stand-in for a provider: each message as a JSON file, so one can see what would have been sent. */
export function textFileChannel(
  id: 'sms' | 'kakao-alimtalk',
  dir: string,
  templates: Record<string, string> = {},
): Channel {
  return {
    id,
    async send(m) {
      const record = {
        channel: id,
        to: m.to,
        type: textMessageType(m.text),
        text: m.text,
        url: m.url,
        ref: m.ref,
        ...(id === 'kakao-alimtalk' ? { template: templates[m.kind] ?? null } : {}),
      };
      writeOutboxFile(dir, m.ref, 'json', JSON.stringify(record, null, 2));
    },
  };
}

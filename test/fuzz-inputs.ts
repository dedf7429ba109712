// Generated requests for the fuzz test and `npm run fuzz`: every route of the app with random path segments, query
// strings (known parameter names, paging cursors, broken %-sequences, NUL and control characters), headers and
// bodies. One generator, so the long run and the test suite's short run try the same kinds of input.
import fc from 'fast-check';

export interface Route {
  method: string;
  path: string;
}
export interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  csrf: boolean;
  anonymous: boolean;
}

/** The app's routes with their :params filled with a value that exists in the demo city. */
export function concreteRoutes(routes: { method: string; path: string }[]): Route[] {
  const seen = new Set<string>();
  const out: Route[] = [];
  for (const r of routes) {
    if (r.method === 'ALL' || r.path.includes('*') || r.path.endsWith('/live')) continue; // the live stream stays open by design
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ method: r.method, path: r.path });
    }
  }
  return out;
}
const demoValue = (name: string) =>
  name === 'space'
    ? 'sotong'
    : name === 'board'
      ? 'propose'
      : name === 'provider'
        ? 'kakao'
        : name === 'dir'
          ? 'img'
          : '1';

const NASTY = [
  '',
  '0',
  '-1',
  '1e309',
  'NaN',
  '99999999999999999999',
  '\u0000',
  '%00',
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%ff',
  '%c0%ae%c0%ae',
  '..%2f..%2f',
  '<script>alert(1)</script>',
  "'; drop table proposals; --",
  '\r\n',
  '\u0007',
  '\u202e',
  '\ud800',
  '버스 정류장',
  'ㅅㅎㄷ',
  'a'.repeat(3000),
  '[]',
  '{}',
  'null',
  'true',
  '/%2F%2Fevil.example',
  '//evil.example',
  'javascript:alert(1)',
];
const PARAMS = [
  'q',
  'after',
  'title',
  'back',
  'sort',
  'status',
  'topic',
  'area',
  'department',
  'lang',
  'text',
  'msg',
  'required',
  'failed',
  'year',
  'page',
  'kind',
  'period',
  'layout',
  'token',
  'code',
  'state',
  'id',
];

/** A value as it appears in a URL: %-encoded text, a raw fragment (possibly a broken %-sequence), or a nasty constant. */
const urlValue = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return '%ED%A0%80';
    }
  }),
  fc.constantFrom(...NASTY).map((s) =>
    s.startsWith('%') || /^[\w.-]*$/.test(s)
      ? s
      : (() => {
          try {
            return encodeURIComponent(s);
          } catch {
            return '%ED%A0%80';
          }
        })(),
  ),
  fc.constantFrom('%ZZ', '%', '%E0%A4%A', '%00', '%0d%0a', '%ff%fe', 'a%'),
);
/** A paging cursor: base64url of "key|id" with keys that look like instants or counts, or random bytes. */
const cursor = fc.oneof(
  fc
    .tuple(
      fc.oneof(
        fc.date({ noInvalidDate: false }).map((d) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : d.toISOString())),
        fc.integer().map(String),
        fc.constantFrom(...NASTY),
        fc.string({ maxLength: 30 }),
      ),
      fc.oneof(fc.integer().map(String), fc.constantFrom('0', '1', '2147483648', '1e3', '', 'x')),
    )
    .map(([k, id]) => Buffer.from(`${k}|${id}`).toString('base64url')),
  fc.uint8Array({ maxLength: 60 }).map((b) => Buffer.from(b).toString('base64url')),
  fc.string({ maxLength: 120 }).map(encodeURIComponent),
);
const query = fc
  .array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...PARAMS), urlValue),
      fc.tuple(fc.constant('after'), cursor),
      fc.tuple(urlValue, urlValue),
    ),
    { maxLength: 5 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));

/** Header values a client can send at all (a Request refuses CR, LF and NUL), including latin-1 bytes. */
const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
  fc.constantFrom(
    '',
    '*',
    'ko',
    'en',
    'en-US,en;q=0.9',
    'application/json',
    'text/html',
    '../../etc/passwd',
    'a'.repeat(2000),
    '\u00ff\u00e9',
  ),
  fc.string({ unit: 'binary', maxLength: 30 }).map((s) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '')),
);
const headers = fc.dictionary(
  fc.constantFrom(
    'accept',
    'accept-language',
    'cookie',
    'x-forwarded-for',
    'if-none-match',
    'referer',
    'origin',
    'user-agent',
    'accept-encoding',
    'range',
    'x-requested-with',
    'sec-fetch-site',
  ),
  headerValue,
  { maxKeys: 4 },
);
const contentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json',
  'text/plain',
  '',
  'application/x-www-form-urlencoded; charset=euc-kr',
);
const bodyFields = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      'title',
      'body',
      'kind',
      'stance',
      'parent',
      'department',
      'reason',
      'person',
      'back',
      'supportWindowDays',
      'piiAction',
      'path',
      'component',
      'type',
      'date',
    ),
  ),
  fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 50 }), fc.constantFrom(...NASTY)),
  { maxKeys: 6 },
);

/** One request to a route: path segments sometimes replaced, a query string, headers, a body for writes. */
export function request(routes: Route[]): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      route: fc.constantFrom(...routes),
      segments: fc.array(fc.option(urlValue, { freq: 3 }), { minLength: 4, maxLength: 4 }),
      qs: fc.option(query, { freq: 4 }),
      headers,
      type: contentType,
      fields: bodyFields,
      csrf: fc.boolean(),
      anonymous: fc.boolean(),
      raw: fc.option(fc.string({ maxLength: 200 }), { freq: 8 }),
    })
    .map(({ route, segments, qs, headers: h, type, fields, csrf, anonymous, raw }) => {
      let i = 0;
      const path = route.path.replace(
        /:(\w+)(\{[^}]*\})?/g,
        (_, name: string) => segments[i++ % segments.length] ?? demoValue(name),
      );
      const write = route.method !== 'GET';
      const body = write ? (raw ?? new URLSearchParams(Object.entries(fields)).toString()) : undefined;
      return {
        method: route.method,
        url: qs ? `${path}?${qs}` : path,
        headers: { ...h, ...(write && type ? { 'content-type': type } : {}) },
        body,
        csrf,
        anonymous,
      };
    });
}

export interface Sender {
  csrf: string;
  request(path: string, init?: RequestInit): Promise<Response>;
}

/** Sends one generated request as the signed-in or the anonymous client; the answer's status (the body is read). */
export async function send(r: FuzzRequest, signedIn: Sender, anonymous: Sender): Promise<number> {
  const who = r.anonymous ? anonymous : signedIn;
  const body =
    r.body !== undefined && r.csrf ? `${r.body}${r.body ? '&' : ''}_csrf=${encodeURIComponent(who.csrf)}` : r.body;
  const res = await who.request(r.url, { method: r.method, body, headers: r.headers });
  await res.arrayBuffer();
  return res.status;
}

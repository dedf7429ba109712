// Parameters from the address (path, query string) and a few headers, checked before any route uses them: what no
// browser sends for a real page (a NUL byte, control characters, a broken %-sequence) is a clear 400 in the reader's
// language, never a database error or a header Node refuses (a 500). Route-specific values (ids, cursors, sorts) are
// parsed by their own pure functions; these helpers are the common part.
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.ts';

/** C0 controls other than tab, LF and CR, and DEL: PostgreSQL refuses NUL in text, Node refuses controls in headers. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is what it is for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** decodeURIComponent that answers null instead of throwing on a broken %-sequence or a lone surrogate. */
function tryDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Why an address is refused, or null: each path segment and each query name and value must decode and hold no control. */
export function addressProblem(url: string): 'encoding' | 'control' | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  const parts = [...path.split('/'), ...(q < 0 ? [] : url.slice(q + 1).split(/[&=]/))];
  for (const part of parts) {
    if (!part) continue;
    const d = part.includes('%') || part.includes('+') ? tryDecode(part) : part;
    if (d === null) return 'encoding';
    if (CONTROL.test(d)) return 'control';
  }
  return null;
}

/**
 * Where to go back to after signing in, changing the language, extending a session: a path on this site only
 * (never //host or /\host, which browsers treat as another site), with no whitespace or control character, and
 * with anything outside printable ASCII %-encoded so that it is a valid Location header on any server.
 */
export function safeBack(v: string | undefined | null): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: a redirect target with control characters is refused
  if (!v || v.length > 2000 || !/^\/(?![/\\])/.test(v) || /[\s\u0000-\u001f\u007f]/.test(v)) return '/';
  try {
    return v.replace(/[^\x21-\x7e]+/gu, (s) => encodeURIComponent(s));
  } catch {
    return '/'; // a lone surrogate cannot be encoded
  }
}

const REFUSAL = {
  ko: {
    title: '잘못된 주소',
    body: '주소가 올바르지 않습니다. 링크를 다시 확인하거나 처음 화면에서 다시 찾아 주세요.',
  },
  en: {
    title: 'Invalid address',
    body: 'This address is not valid. Check the link, or find the page again from the home page.',
  },
};

/** Refuses malformed addresses with 400 before any route reads them (registered once, after the language is known). */
export function addressGuard(
  render: (c: Context<AppEnv>, text: { title: string; body: string }) => Response | Promise<Response>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const url = c.req.url;
    const start = url.indexOf('/', url.indexOf('//') + 2);
    if (addressProblem(start < 0 ? '/' : url.slice(start)) === null) return next();
    const text = REFUSAL[c.get('lang') === 'en' ? 'en' : 'ko'];
    if ((c.req.header('accept') ?? '').includes('application/json'))
      return c.json({ error: 'bad_address', message: text.body }, 400);
    return render(c, text);
  };
}

// Passport and driver's licence numbers, and e-mail addresses.
import type { Hit, PiiOptions } from './types.ts';

// 여권번호: one letter (M 일반, S 관용, R 거주, O/D 외교, G …) + 8 digits; since
// 2021-12 the 차세대 여권 uses letter + 3 digits + letter + 4 digits (M123A4567).
const PASSPORT_RE = /(?<![A-Za-z0-9])[MSRODG](?:\d{8}|\d{3}[A-Z]\d{4})(?![A-Za-z0-9])/g;
const PASSPORT_WORD_RE = /여권|passport|PP\s?No/i;

// 운전면허번호: region code (11 서울 … 26 울산, 28 경기북부) or region name, year (2),
// serial (6), check (2): 11-12-345678-90 or 서울 12-345678-90.
const LICENCE_RE =
  /(?<![\d-])(?:(?:1[1-9]|2[0-68])[ -]?\d{2}|(?:서울|부산|경기|강원|충북|충남|전북|전남|경북|경남|제주|대구|인천|광주|대전|울산)\s?\d{2})[ -]\d{6}[ -]\d{2}(?![\d-])/g;
const LICENCE_BARE_RE = /(?<![\d-])(?:1[1-9]|2[0-68])\d{10}(?!\d)/g;
const LICENCE_WORD_RE = /면허/;

export function detectIds(t: string, hits: Hit[]): void {
  for (const m of t.matchAll(PASSPORT_RE)) {
    const start = m.index!;
    const ctx = PASSPORT_WORD_RE.test(t.slice(Math.max(0, start - 20), start));
    const newFormat = /[A-Z]/.test(m[0].slice(1));
    hits.push({ kind: 'passport', start, end: start + m[0].length, confidence: ctx ? 0.95 : newFormat ? 0.8 : 0.7 });
  }
  for (const m of t.matchAll(LICENCE_RE)) {
    hits.push({ kind: 'driver-licence', start: m.index!, end: m.index! + m[0].length, confidence: 0.95 });
  }
  for (const m of t.matchAll(LICENCE_BARE_RE)) {
    const start = m.index!;
    if (LICENCE_WORD_RE.test(t.slice(Math.max(0, start - 20), start))) {
      hits.push({ kind: 'driver-licence', start, end: start + m[0].length, confidence: 0.85 });
    }
  }
}

const LOCAL_CHAR = /[A-Za-z0-9._%+-]/;
const DOMAIN_RE =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}/;

/** E-mail: scans for '@' and grows both ways, which is much faster on long text than a
 * regex whose first character class matches almost everywhere. */
export function detectEmails(t: string, hits: Hit[], opts: PiiOptions): void {
  const allow = (opts.allowEmailDomains ?? []).map((d) => d.toLowerCase());
  for (let at = t.indexOf('@'); at !== -1; at = t.indexOf('@', at + 1)) {
    let s = at;
    while (s > 0 && at - s < 64 && LOCAL_CHAR.test(t[s - 1])) s--;
    while (s < at && t[s] === '.') s++;
    if (s === at) continue;
    const dm = DOMAIN_RE.exec(t.slice(at + 1, at + 256));
    if (!dm) continue;
    const domain = dm[0].toLowerCase();
    if (allow.some((d) => domain === d || domain.endsWith(`.${d}`))) continue;
    hits.push({ kind: 'email', start: s, end: at + 1 + dm[0].length, confidence: 0.95 });
  }
}

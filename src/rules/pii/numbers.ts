// Detectors for number-shaped identifiers: 주민등록번호/외국인등록번호, phone numbers
// and payment cards. All run on normalised text (see normalize.ts).
import { alienChecksumOk, luhnOk, rrnBirthDateOk, rrnChecksumOk } from './checksums.ts';
import type { Hit, PiiOptions } from './types.ts';

const MASK = '*xX●○';

// YYMMDD, an optional separator (hyphen/dot with spaces, or one or two spaces), then
// the 7-digit back part which may be partly masked (900101-1******).
const RRN_RE = /(?<![\d.-])(\d{6})( {0,2}[-.] {0,2}| {1,2}|)([\d*xX●○])([\d*xX●○]{6})(?![\d*])/g;
// Front part masked, back part visible: ******-1234567.
const RRN_FRONT_MASKED_RE = /(?<![\d*])[*xX●○]{6} ?- ?[1-8]\d{6}(?!\d)/g;

export function detectRrn(t: string, hits: Hit[]): void {
  for (const m of t.matchAll(RRN_RE)) {
    const [, front, sep, g, rest] = m;
    const start = m.index!,
      end = start + m[0].length;
    const back = g + rest;
    const masked = [...back].filter((c) => MASK.includes(c)).length;
    if (masked === 0) {
      if (!rrnBirthDateOk(front, g)) continue;
      const all = front + back;
      const alien = '5678'.includes(g);
      const sumOk = alien ? alienChecksumOk(all) : rrnChecksumOk(all);
      // Numbers issued since 2020-10 have no check digit, so a failed checksum only
      // lowers confidence; a bare 13-digit run without a separator is the weakest form.
      const confidence = sumOk ? 0.99 : sep ? 0.85 : 0.65;
      hits.push({ kind: alien ? 'alien-registration' : 'rrn', start, end, confidence });
    } else {
      // Partly masked: the birth date and sex still leak. Needs a separator and the
      // masked digits at the end, as people write them (900101-1******).
      if (!sep || !/^[\d]*[*xX●○]+$/.test(back)) continue;
      const genderKnown = /\d/.test(g);
      if (genderKnown && !'12345678'.includes(g)) continue;
      if (!rrnBirthDateOk(front, genderKnown ? g : null)) continue;
      const alien = genderKnown && '5678'.includes(g);
      hits.push({ kind: alien ? 'alien-registration' : 'rrn', start, end, confidence: genderKnown ? 0.8 : 0.6 });
    }
  }
  for (const m of t.matchAll(RRN_FRONT_MASKED_RE)) {
    hits.push({ kind: 'rrn', start: m.index!, end: m.index! + m[0].length, confidence: 0.7 });
  }
}

// Area/service prefixes: mobile 010/011/016–019, Seoul 02, 031–064 regions, 070 VoIP,
// 0502–0508 안심번호, 080 free-phone.
const PREFIX = '(?:01[016789]|02|03[1-3]|04[1-4]|05[1-5]|06[1-4]|070|050[2-8]|080)';
const SEP = '[ .\\-]{0,3}';
const PHONE_RE = new RegExp(
  `(?<![\\d.\\-])(?:\\( ?${PREFIX} ?\\)|${PREFIX})(?:\\) ?)?${SEP}([\\d*xX]{3,4})${SEP}([\\d*xX]{4})(?![\\d*])`,
  'g',
);
const INTL_PHONE_RE =
  /(?:\+|(?<!\d)00) ?82[ .-]?(?:\(0\) ?|0)?(?:1[016789]|2|3[1-3]|4[1-4]|5[1-5]|6[1-4]|70)[ .\-)]{0,2}\d{3,4}[ .-]{0,2}\d{4}(?!\d)/g;
// 전국대표번호 (1588-1234, 1644-…): only businesses and institutions get them, so they
// are public by nature; reported below the default threshold (0.5) for callers who ask.
const REP_RE = /(?<![\d.-])1(?:5[4-9]\d|6[0-9]\d|8\d\d)[ .-]\d{4}(?![\d년])/g;
// A local number without area code is only a phone number when labelled as one.
const LOCAL_RE =
  /(?:☎|📞|전화(?:번호)?|연락처|휴대(?:전화|폰)|핸드폰|[Tt][Ee][Ll]|H\.?P|[Ff][Aa][Xx]|팩스)[ .:)\]]{0,3}(\d{3,4})[ .-](\d{4})(?!\d)/g;

function digitsOf(s: string): string {
  return s.replace(/\D/g, '');
}

export function detectPhones(t: string, hits: Hit[], opts: PiiOptions): void {
  const allow = opts.allowPhonePrefixes?.map(digitsOf) ?? [];
  const allowed = (s: string) => {
    const d = digitsOf(s);
    return allow.some((p) => p.length > 0 && d.startsWith(p));
  };
  for (const m of t.matchAll(PHONE_RE)) {
    const [text, mid, last] = m;
    if (allowed(text)) continue;
    const hidden = /[*xX]/.test(mid) || /[*xX]/.test(last);
    if (/[*xX]/.test(last) && /[*xX]/.test(mid)) continue; // nothing left to leak
    const mobile = /^\(? ?01/.test(text);
    // Landline 3-digit exchanges exist (02-123-4567); mobiles always have 4 now but
    // 011/016 numbers kept 3. Fully formatted numbers are certain; bare runs a bit less.
    const separated = /[ .\-)]/.test(text);
    const confidence = hidden ? 0.5 : separated ? 0.95 : mobile ? 0.9 : 0.8;
    hits.push({ kind: 'phone', start: m.index!, end: m.index! + text.length, confidence });
  }
  for (const m of t.matchAll(INTL_PHONE_RE)) {
    hits.push({ kind: 'phone', start: m.index!, end: m.index! + m[0].length, confidence: 0.95 });
  }
  for (const m of t.matchAll(REP_RE)) {
    if (allowed(m[0])) continue;
    hits.push({ kind: 'phone', start: m.index!, end: m.index! + m[0].length, confidence: 0.4 });
  }
  for (const m of t.matchAll(LOCAL_RE)) {
    const num = m[1] + m[2];
    if (allowed(num)) continue;
    const start = m.index! + m[0].length - (m[1].length + 1 + m[2].length); // the number, not the label
    hits.push({ kind: 'phone', start, end: m.index! + m[0].length, confidence: 0.6 });
  }
}

// 16-digit cards in 4-4-4-4 (Visa/Master/BC/국내 9xxx), Amex 4-6-5, Diners 4-6-4;
// one consistent separator or none. Masked middles (1234-56**-****-3456) also leak.
const CARD_RE = /(?<![\d-])(\d{4})([ -]?)([\d*]{4})\2([\d*]{4})\2(\d{4})(?![\d-])/g;
const CARD_AMEX_RE = /(?<![\d-])(3[0-9]\d{2})([ -]?)(\d{6})\2(\d{4,5})(?![\d-])/g;
const CARD_MIXED_RE =
  /\d(?<![\d\-.]\d)\d{3}(?: ?[-.] ?| {1,2})\d{4}(?: ?[-.] ?| {1,2})\d{4}(?: ?[-.] ?| {1,2})\d{4}(?![\d-]|\.\d)/g;
const CARD_WORD_RE = /카드|card|신용|체크|결제/i;

export function detectCards(t: string, hits: Hit[]): void {
  for (const m of t.matchAll(CARD_RE)) {
    const digits = m[1] + m[3] + m[4] + m[5];
    const start = m.index!,
      end = start + m[0].length;
    const ctx = CARD_WORD_RE.test(t.slice(Math.max(0, start - 20), start));
    if (digits.includes('*')) {
      if (m[2]) hits.push({ kind: 'card', start, end, confidence: ctx ? 0.8 : 0.6 });
      continue;
    }
    if (luhnOk(digits)) hits.push({ kind: 'card', start, end, confidence: 0.95 });
    else if (ctx) hits.push({ kind: 'card', start, end, confidence: 0.7 });
  }
  // Mixed separators (5420–0793.0583—6400, 5897 5519-2990.2457): Luhn must hold.
  for (const m of t.matchAll(CARD_MIXED_RE)) {
    if (luhnOk(m[0].replace(/\D/g, '')))
      hits.push({ kind: 'card', start: m.index!, end: m.index! + m[0].length, confidence: 0.95 });
  }
  for (const m of t.matchAll(CARD_AMEX_RE)) {
    const digits = m[1] + m[3] + m[4];
    if (luhnOk(digits)) hits.push({ kind: 'card', start: m.index!, end: m.index! + m[0].length, confidence: 0.95 });
  }
}

// Bank account numbers (계좌번호): the most common leak on public boards
// (홈페이지 개인정보 노출방지 안내서). Korean banks have no public check digit, so we
// rely on group shapes and on nearby banking words.
import { rrnBirthDateOk } from './checksums.ts';
import type { Hit } from './types.ts';

// Hyphenated group shapes of the major banks (as printed on passbooks/apps):
// KB국민 6-2-6 (also 3-2-4-3 old), 신한 3-3-6 / 3-2-6, 우리 4-3-6, 하나 3-6-5,
// NH농협 3-4-4-2 / 6-2-6 / 3-2-6, IBK기업 3-6-2-3, 카카오뱅크 4-2-7, 토스뱅크 4-4-4,
// 케이뱅크 3-3-6, 우체국 6-2-6, 새마을금고 4-2-7, SC제일 3-2-6, 씨티 3-6-3,
// 부산 3-4-4-2, 대구 3-2-6-1, 수협 3-2-6 / 4-4-4, 신협 3-3-6.
const SHAPES = new Set([
  '6-2-6',
  '3-3-6',
  '3-2-6',
  '4-3-6',
  '3-6-5',
  '3-4-4-2',
  '6-2-6',
  '3-6-2-3',
  '4-2-7',
  '4-4-4',
  '3-6-3',
  '3-2-6-1',
  '3-2-4-3',
  '4-2-6',
  '3-3-5',
]);

// Groups joined by hyphens, dots or spaces, mixed as people type them (110.123 456789);
// without banking words only the consistent hyphenated bank shapes count (below).
const GROUPED_RE = /\d(?<![\d\-.,]\d)\d{1,6}( ?[-.] ?| )\d{1,7}(?:(?: ?[-.] ?| )\d{1,7}){0,4}(?![\d-]|[.,]\d)/g;
// Plain digit runs of account length.
const RUN_RE = /\d(?<![\d\-.,]\d)\d{9,13}(?![\d,]|\.\d)/g;

// Banking words. Some are also ordinary words (국민 "citizens", 우리 "we", 하나 "one"),
// which is why a word alone is never enough: it must sit next to a long digit run.
const BANK_WORD_RE =
  /계좌|통장|은행|뱅크|입금|송금|이체|예금주|무통장|국민|신한|농협|우리|하나|기업|우체국|새마을|신협|수협|저축|KB|NH|IBK|SC제일|씨티|케이뱅크|토스|카카오|대구|부산|경남|광주|전북|제주|산업/;
const PHONE_WORD_RE = /전화|연락|폰|문자|휴대|번호/;
// What follows an amount or a count, not an account number.
const UNIT_AFTER_RE = /^\s?(?:원|명|건|개|회|%|년|월|일|억|만|천|부|호|번째|차|km|m²|㎡)/;

/** 6+7 digits with a valid birth date and sex digit: leave it to the RRN detector,
 * no major bank uses that shape. */
function rrnShaped(digits: string, shape: string): boolean {
  return (shape === '6-7' || shape === '13') && rrnBirthDateOk(digits.slice(0, 6), digits[6]);
}

function years(groups: string[]): boolean {
  return groups.every((g) => /^(19|20)\d\d$/.test(g));
}

export function detectAccounts(t: string, hits: Hit[]): void {
  const context = (start: number, end: number) =>
    BANK_WORD_RE.test(t.slice(Math.max(0, start - 24), start)) || BANK_WORD_RE.test(t.slice(end, end + 12));
  for (const m of t.matchAll(GROUPED_RE)) {
    const text = m[0];
    const groups = text.split(/[ .-]+/);
    const sep = /^[\d-]+$/.test(text) ? '-' : /^[\d ]+$/.test(text) ? ' ' : 'mixed';
    const total = groups.reduce((n, g) => n + g.length, 0);
    if (total < 10 || total > 16 || years(groups)) continue;
    const start = m.index!,
      end = start + text.length;
    if (UNIT_AFTER_RE.test(t.slice(end, end + 4))) continue;
    if (/ISBN/i.test(t.slice(Math.max(0, start - 8), start)) || (/^97[89]/.test(text) && total === 13)) continue;
    const shape = groups.map((g) => g.length).join('-');
    if (rrnShaped(groups.join(''), shape)) continue;
    const ctx = context(start, end);
    if (ctx) hits.push({ kind: 'bank-account', start, end, confidence: 0.95 });
    // Without context only hyphenated bank shapes count: space-separated numbers are
    // too common in tables.
    else if (sep === '-' && SHAPES.has(shape)) hits.push({ kind: 'bank-account', start, end, confidence: 0.75 });
  }
  for (const m of t.matchAll(RUN_RE)) {
    const start = m.index!,
      end = start + m[0].length;
    if (UNIT_AFTER_RE.test(t.slice(end, end + 4)) || rrnShaped(m[0], String(m[0].length))) continue;
    // '우리 집 전화 0313993710': a phone-shaped run after phone words is left to the phone detector.
    if (m[0][0] === '0' && m[0].length <= 11 && PHONE_WORD_RE.test(t.slice(Math.max(0, start - 12), start))) continue;
    if (context(start, end)) hits.push({ kind: 'bank-account', start, end, confidence: 0.9 });
  }
}

// Numbers written loosely to get past a filter or simply carelessly: digits spaced one
// by one (0 1 0 1 2 3 4 5 6 7 8), or groups split by words (주민번호 앞자리 850312
// 뒷자리 1526018; 010 다음에 1234 그 다음 5678). Runs on normalised text, where Hangul
// digit words and look-alike letters are already digits (normalize.ts).
import { alienChecksumOk, rrnBirthDateOk, rrnChecksumOk } from './checksums.ts';
import type { Hit } from './types.ts';

// Mobile numbers with any separators (up to three) between single digits.
const LOOSE_MOBILE_RE = /0(?<![\d.-]0)[ .-]{0,3}1[ .-]{0,3}[016789](?:[ .-]{0,3}\d){7,8}(?![ .-]{0,3}\d)/g;
// 13 single digits, each one spaced or dotted apart (8 5 0 3 1 2 1 5 2 6 0 1 8): only an RRN when the birth date, the sex digit
// and the check digit (or an RRN word nearby) agree.
const LOOSE_RRN_RE = /\d(?<![\d.-]\d)(?:[ .-]{1,3}\d){12}(?![ .-]{0,3}\d)/g;
// Groups split by a few words. The gap may not hold digits or a line break.
const SPLIT_RRN_RE = /(\d(?<![\d.-]\d)\d{5})([^\d\n]{1,14}?)([1-8]\d{6})(?!\d)/g;
const SPLIT_MOBILE_RE =
  /(0(?<![\d.-]0)1[016789])([^\d\n]{1,10}?)(\d{3,4})([^\d\n]{1,10}?)(\d{4})(?![\d]|\s?(?:원|명|건|개|년|번(?!호)|회|%))/g;
const RRN_WORD_RE = /주민|뒷자리|뒷번호|뒤\s?(?:번호|자리)?|생년|등록번호|외국인/;

function rrnHit(d: string, start: number, end: number, contextOk: boolean, hits: Hit[]): void {
  const g = d[6];
  if (!'12345678'.includes(g) || !rrnBirthDateOk(d.slice(0, 6), g)) return;
  const alien = '5678'.includes(g);
  const sumOk = alien ? alienChecksumOk(d) : rrnChecksumOk(d);
  if (!sumOk && !contextOk) return;
  hits.push({ kind: alien ? 'alien-registration' : 'rrn', start, end, confidence: sumOk ? 0.9 : 0.8 });
}

export function detectLoose(t: string, hits: Hit[]): void {
  for (const m of t.matchAll(LOOSE_MOBILE_RE)) {
    hits.push({ kind: 'phone', start: m.index!, end: m.index! + m[0].length, confidence: 0.9 });
  }
  for (const m of t.matchAll(LOOSE_RRN_RE)) {
    const start = m.index!,
      end = start + m[0].length;
    rrnHit(m[0].replace(/\D/g, ''), start, end, RRN_WORD_RE.test(t.slice(Math.max(0, start - 20), start)), hits);
  }
  for (const m of t.matchAll(SPLIT_RRN_RE)) {
    const [text, front, gap, back] = m;
    if (!/[가-힣]/.test(gap)) continue; // no words in between: the plain detectors' job
    const start = m.index!,
      end = start + text.length;
    rrnHit(front + back, start, end, RRN_WORD_RE.test(t.slice(Math.max(0, start - 20), start) + gap), hits);
  }
  for (const m of t.matchAll(SPLIT_MOBILE_RE)) {
    if (!/[가-힣]/.test(m[2] + m[4])) continue;
    hits.push({ kind: 'phone', start: m.index!, end: m.index! + m[0].length, confidence: 0.8 });
  }
}

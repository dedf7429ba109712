// Folds look-alike characters to ASCII *without changing the string length*, so
// offsets found in the normalised text are offsets in the original (UTF-16 units).
// Every replaced character is a single BMP code unit mapped to a single one.
//
// Two passes: (1) full-width ASCII, odd spaces and every dash-like separator people
// paste (‐ – — − ー · ・ ‧ ─); (2) digits people spell out to slip past a filter:
// Hangul digit words (공일공-이삼사오-육칠팔구, 영/공 for 0) and letters for digits
// (O1O, l0, I). Pass 2 only rewrites tokens that cannot be ordinary words, see below.

const NEEDS = /[\u00a0\u00b7\u2010-\u2015\u2027\u2212\u2500\u3000\u30fb\u30fc\ufe58\ufe63\uff01-\uff5e]/;
const ALL = /[\u00a0\u00b7\u2010-\u2015\u2027\u2212\u2500\u3000\u30fb\u30fc\ufe58\ufe63\uff01-\uff5e]/g;

function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0); // full-width ASCII: ０-９, －, ＠…
  if (c === 0x3000 || c === 0x00a0) return ' ';
  return '-'; // hyphens, dashes, minus signs, middle dots, the katakana long mark
}

const HANGUL_DIGIT: Record<string, string> = {
  공: '0',
  영: '0',
  일: '1',
  이: '2',
  삼: '3',
  사: '4',
  오: '5',
  육: '6',
  륙: '6',
  칠: '7',
  팔: '8',
  구: '9',
};
// A run of digit syllables (ASCII digits may be mixed in) starting a word. It is only
// rewritten with three or more digit syllables: two-syllable words made of them are
// everyday Korean (이사, 사이, 오일, 구이), three or more almost never are, and the
// rewritten digits still have to pass the number detectors' structure checks.
// Three or more digit syllables in a row (ASCII digits right before or after are
// digits already). The run must start a word: 주일이삼 is not a number.
const HANGUL_RUN = /[공영일이삼사오육륙칠팔구]{3,}/g;
// Letters for digits only inside a token of digits and look-alikes that has at least
// one real digit and stands alone (not inside an English word): O1O, l0, 0l0-I234.
const LETTER_QUICK = /\d[OolI]|[OolI]\d/;
const LETTER_RUN = /[0-9OolI]*(?:\d[OolI]|[OolI]\d)[0-9OolI]*/g;
const LETTER_DIGIT: Record<string, string> = { O: '0', o: '0', l: '1', I: '1' };
// Short groups (팔육, 공이, oI) only count right next to a group that is already digits.
const SHORT_AFTER = /\d\d[ .-]{1,3}([공영일이삼사오육륙칠팔구]{1,2}|[OolI]{2,4})(?![가-힣A-Za-z0-9])/g;
const SHORT_BEFORE = /([공영일이삼사오육륙칠팔구]{1,2}|[OolI]{2,4})[ .-]{1,3}\d\d/g;
const LETTERS_BEFORE_QUICK = /[OolI]{2}[ .-]{1,3}\d/;
const WORD_CHAR = /[가-힣A-Za-z0-9]/;

// A final 이 directly followed by an ending, after a syllable with a final consonant, is
// the copula (…칠팔공이에요 = "it is …780"), not the digit 2. (…오사삼이요 stays ambiguous.)
const COPULA_AFTER = /[에고며랑라었였니다]/;

const toDigits = (s: string) => s.replace(/./g, (c) => HANGUL_DIGIT[c] ?? LETTER_DIGIT[c] ?? c);

function foldHangulRun(run: string, at: number, t: string): string {
  if (at > 0 && /[가-힣]/.test(t[at - 1])) return run;
  const copula =
    run.endsWith('이') && COPULA_AFTER.test(t[at + run.length] ?? '') && !/[이사오구]$/.test(run.slice(0, -1));
  return copula ? toDigits(run.slice(0, -1)) + '이' : toDigits(run);
}

function foldLetterRun(run: string, at: number, t: string): string {
  if ((at > 0 && /[A-Za-z]/.test(t[at - 1])) || /[A-Za-z]/.test(t[at + run.length] ?? '')) return run;
  return toDigits(run);
}

export function normalizeForScan(text: string): string {
  const t0 = NEEDS.test(text) ? text.replace(ALL, fold) : text;
  let t = t0.replace(HANGUL_RUN, foldHangulRun);
  if (LETTER_QUICK.test(t)) t = t.replace(LETTER_RUN, foldLetterRun);
  // Short groups: 231886 오구 424371, 팔육이-오육공오사팔-팔육-이오구, 공이 구사육 오육육영,
  // olI 4565 3743. The 'before' pass is slow on ordinary Korean (its first character is a
  // common syllable), so it only runs where something was spelled or letters lead digits.
  const spelled = t !== t0;
  t = t.replace(SHORT_AFTER, (m: string, g: string) => m.slice(0, m.length - g.length) + toDigits(g));
  if (!spelled && !LETTERS_BEFORE_QUICK.test(t)) return t;
  return t.replace(SHORT_BEFORE, (m: string, g: string, at: number) =>
    at > 0 && WORD_CHAR.test(t[at - 1]) ? m : toDigits(g) + m.slice(g.length),
  );
}

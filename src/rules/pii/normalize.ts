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
  공: '0', 영: '0', 일: '1', 이: '2', 삼: '3', 사: '4', 오: '5', 육: '6', 륙: '6', 칠: '7', 팔: '8', 구: '9',
};
// A run of digit syllables (ASCII digits may be mixed in) starting a word. It is only
// rewritten with three or more digit syllables: two-syllable words made of them are
// everyday Korean (이사, 사이, 오일, 구이), three or more almost never are, and the
// rewritten digits still have to pass the number detectors' structure checks.
const HANGUL_QUICK = /[공영일이삼사오육륙칠팔구]{3}|[공영일이삼사오육륙칠팔구]\d|\d[공영일이삼사오육륙칠팔구]{2}/;
const HANGUL_RUN = /(?<![가-힣])\d*(?:[공영일이삼사오육륙칠팔구]\d*){3,}/g;
// Letters for digits only inside a token of digits and look-alikes that has at least
// one real digit and stands alone (not inside an English word): O1O, l0, 0l0-I234.
const LETTER_QUICK = /\d[OolI]|[OolI]\d/;
const LETTER_RUN = /(?<![A-Za-z0-9])[0-9OolI]*(?:\d[OolI]|[OolI]\d)[0-9OolI]*(?![A-Za-z0-9])/g;
const LETTER_DIGIT: Record<string, string> = { O: '0', o: '0', l: '1', I: '1' };

export function normalizeForScan(text: string): string {
  let t = NEEDS.test(text) ? text.replace(ALL, fold) : text;
  if (HANGUL_QUICK.test(t)) t = t.replace(HANGUL_RUN, (run) => run.replace(/[^\d]/g, (c) => HANGUL_DIGIT[c]));
  if (LETTER_QUICK.test(t)) t = t.replace(LETTER_RUN, (run) => run.replace(/[OolI]/g, (c) => LETTER_DIGIT[c]));
  return t;
}

// Folds look-alike characters to ASCII *without changing the string length*, so
// offsets found in the normalised text are offsets in the original (UTF-16 units).
// Every replaced character is a single BMP code unit mapped to a single one.

const NEEDS = /[\u00a0\u2010-\u2015\u2212\u3000\ufe58\ufe63\uff01-\uff5e]/;
const ALL = /[\u00a0\u2010-\u2015\u2212\u3000\ufe58\ufe63\uff01-\uff5e]/g;

function fold(ch: string): string {
  const c = ch.charCodeAt(0);
  if (c >= 0xff01 && c <= 0xff5e) return String.fromCharCode(c - 0xfee0); // full-width ASCII: ０-９, －, ＠…
  if (c === 0x3000 || c === 0x00a0) return ' ';
  return '-'; // hyphens, dashes and minus signs
}

export function normalizeForScan(text: string): string {
  return NEEDS.test(text) ? text.replace(ALL, fold) : text;
}

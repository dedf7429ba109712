// Masked previews. Every masker replaces characters one for one, so a masked span
// has the same length as the original and offsets of other findings stay valid.
import type { PiiKind } from './types.ts';

const isDigitChar = (c: string) => (c >= '0' && c <= '9') || (c >= '０' && c <= '９');
const isHangul = (c: string) => c >= '가' && c <= '힣';

/** Keeps the first `keepStart` and last `keepEnd` characters matching `hide`, masks the rest.
 * Works on UTF-16 code units: everything we hide is in the BMP, so lengths are kept. */
function maskWhere(s: string, hide: (c: string, i: number) => boolean, keepStart: number, keepEnd: number): string {
  let total = 0;
  for (let i = 0; i < s.length; i++) if (hide(s[i], i)) total++;
  let out = '',
    n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (hide(c, i)) {
      out += n >= keepStart && n < total - keepEnd ? '*' : c;
      n++;
    } else out += c;
  }
  return out;
}

/** `norm` is the same span normalised (normalize.ts): digits spelled in Hangul or as
 * look-alike letters are hidden like digits, so 공일공-이삼사오-육칠팔구 shows 공일공-****-육칠팔구. */
export function maskSpan(kind: PiiKind, s: string, norm: string = s): string {
  const isDigit = (_c: string, i: number) => isDigitChar(norm[i]);
  switch (kind) {
    case 'rrn':
    case 'alien-registration':
      return maskWhere(s, isDigit, 7, 0); // 900101-1****** : the usual published form
    case 'phone': {
      // Hide the middle group: 010-****-5678; without separators keep prefix and last 4.
      let digits = 0;
      for (let i = 0; i < s.length; i++) if (isDigit(s[i], i)) digits++;
      return maskWhere(s, isDigit, digits >= 10 ? 3 : 0, 4);
    }
    case 'card':
      return maskWhere(s, isDigit, 4, 4);
    case 'bank-account':
      return maskWhere(s, isDigit, 3, 2);
    case 'driver-licence':
      return maskWhere(s, isDigit, 4, 0);
    case 'passport':
      return maskWhere(s, (c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'), 4, 0);
    case 'email': {
      const at = s.indexOf('@');
      return maskWhere(s.slice(0, at), () => true, Math.min(2, Math.max(0, at - 1)), 0) + s.slice(at);
    }
    case 'address':
      return maskWhere(s, isDigit, 0, 0); // keep the district and street, hide numbers
    case 'name': {
      let out = '';
      for (let i = 0; i < s.length; i++)
        out += isHangul(s[i]) && i > 0 && (i < s.length - 1 || s.length === 2) ? '*' : s[i];
      return out;
    }
  }
}

// Masked previews. Every masker replaces characters one for one, so a masked span
// has the same length as the original and offsets of other findings stay valid.
import type { PiiKind } from './types.ts';

const isDigit = (c: string) => c >= '0' && c <= '9' || (c >= '０' && c <= '９');
const isHangul = (c: string) => c >= '가' && c <= '힣';

/** Keeps the first `keepStart` and last `keepEnd` characters matching `hide`, masks the rest. */
function maskWhere(s: string, hide: (c: string) => boolean, keepStart: number, keepEnd: number): string {
  const chars = [...s];
  const idx = chars.flatMap((c, i) => (hide(c) ? [i] : []));
  idx.forEach((i, n) => {
    if (n >= keepStart && n < idx.length - keepEnd) chars[i] = '*';
  });
  return chars.join('');
}

export function maskSpan(kind: PiiKind, s: string): string {
  switch (kind) {
    case 'rrn':
    case 'alien-registration':
      return maskWhere(s, isDigit, 7, 0); // 900101-1****** : the usual published form
    case 'phone': {
      // Hide the middle group: 010-****-5678; without separators keep prefix and last 4.
      const digits = [...s].filter(isDigit).length;
      return maskWhere(s, isDigit, digits >= 10 ? 3 : 0, 4);
    }
    case 'card':
      return maskWhere(s, isDigit, 4, 4);
    case 'bank-account':
      return maskWhere(s, isDigit, 3, 2);
    case 'driver-licence':
      return maskWhere(s, isDigit, 4, 0);
    case 'passport':
      return maskWhere(s, (c) => /[0-9A-Za-z]/.test(c), 4, 0);
    case 'email': {
      const at = s.indexOf('@');
      return maskWhere(s.slice(0, at), () => true, Math.min(2, Math.max(0, at - 1)), 0) + s.slice(at);
    }
    case 'address':
      return maskWhere(s, isDigit, 0, 0); // keep the district and street, hide numbers
    case 'name': {
      const chars = [...s];
      return chars.map((c, i) => (isHangul(c) && i > 0 && (i < chars.length - 1 || chars.length === 2) ? '*' : c)).join('');
    }
  }
}

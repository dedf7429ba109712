// Numbers and addresses that are public by nature: a city hall's or public body's
// published address and 대표번호, and what the installation lists in its settings
// (PiiOptions.allowPublic). Flagging them only teaches people to ignore the guard.
// Mobile numbers are never excused by context: a person's 010 number is personal even
// when written next to 시청.
import type { Hit, PiiOptions } from './types.ts';

const PUBLIC_BODY =
  '시청|구청|군청|도청|청사|시의회|구의회|군의회|도의회|주민센터|행정복지센터|동사무소|면사무소|읍사무소|보건소|민원실|' +
  '민원콜센터|다산콜센터|콜센터|대표번호|대표 ?전화|고객센터|상담센터|도서관|경찰서|지구대|파출소|소방서|세무서|교육청|' +
  '교육지원청|법원|검찰청|우체국|공단|도시공사|도로공사|관광공사|주택공사|복지관|체육관|문화센터|문화원|시민회관|예술회관|청소년수련관|국민연금|건강보험|' +
  '고용센터|출입국|[가-힣]{1,6}(?:부|청|처|원|위원회) ?(?:대표|민원)';
// Near the number or address, within the same sentence part.
const PUBLIC_ANY_RE = new RegExp(PUBLIC_BODY);
const PUBLIC_BEFORE_RE = new RegExp(`(?:${PUBLIC_BODY})[^\\n.!?]{0,24}$`);
const PUBLIC_AFTER_RE = new RegExp(`^[^\\n.!?]{0,16}(?:${PUBLIC_BODY})`);
// Words that make the number or address someone's own after all.
const PERSONAL_RE =
  /우리 ?집|저희 ?집|제 ?(?:집|주소|번호|휴대|폰|연락처)|내 ?(?:집|주소|번호|폰)|집 ?(?:주소|전화)|본인|개인|자택|거주|사는|이사|핸드폰|휴대폰|휴대전화|아들|딸|남편|아내|엄마|아빠|어머니|아버지/;
const UNIT_RE = /\d{1,5}\s?호(?![가-힣])/;

const digitsOf = (s: string) => s.replace(/\D/g, '');
const compact = (s: string) => s.replace(/[\s,()·.-]/g, '');

function publicContext(t: string, h: Hit): boolean {
  const before = t.slice(Math.max(0, h.start - 40), h.start);
  const after = t.slice(h.end, h.end + 24);
  const b = PUBLIC_BEFORE_RE.exec(before);
  const a = PUBLIC_AFTER_RE.exec(after);
  if (!b && !a) return false;
  return !PERSONAL_RE.test((b ? b[0] : '') + (a ? a[0] : ''));
}

/** Landline, 080 or 전국대표번호 (15xx/16xx/18xx): never a mobile or 050x 안심번호. */
function institutionalPhone(d: string): boolean {
  return !/^(?:01|050|070)/.test(d) && !/^8210/.test(d);
}

/** Drops hits that are published on purpose. `t` is the normalised text. */
export function dropPublic(t: string, hits: Hit[], opts: PiiOptions): Hit[] {
  const allow = (opts.allowPublic ?? []).map((s) => ({ digits: digitsOf(s), compact: compact(s) }));
  // Most text names no public body and the settings list is short: skip the per-hit work.
  if (allow.length === 0 && !PUBLIC_ANY_RE.test(t)) return hits;
  return hits.filter((h) => {
    const span = t.slice(h.start, h.end);
    if (h.kind === 'address') {
      const c = compact(span);
      if (allow.some((a) => a.compact.length >= 4 && (c.includes(a.compact) || a.compact.includes(c)))) {
        return UNIT_RE.test(span) && !allow.some((a) => a.compact.includes(c));
      }
      return UNIT_RE.test(span) || !publicContext(t, h);
    }
    if (h.kind === 'name' || h.kind === 'email') return true;
    const d = digitsOf(span);
    // Exact match, or a published number written without its area code (228-2114).
    if (allow.some((a) => a.digits.length >= 7 && (d === a.digits || (d.length >= 7 && a.digits.endsWith(d)))))
      return false;
    if (h.kind === 'phone' && institutionalPhone(d) && publicContext(t, h)) return false;
    return true;
  });
}

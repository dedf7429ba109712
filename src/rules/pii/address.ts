// Street addresses (도로명 and 지번, down to the building or unit number) and the
// personal names written next to them or after labels such as 성명/예금주.
//
// Korean text is full of words ending in 로 (particles: 으로, 서로) and 동 (행정동,
// 36개동), so an address needs a number in the right place and nothing after it that
// makes it a quantity (3년, 50명, 2층…). Confidence rises with an administrative
// prefix (수원시 팔달구) or a unit suffix (101동 1203호).
import type { Hit } from './types.ts';

// Road names: 효원로 241, 세종대로 110, 효원로241번길 12, 효원로 241번길 12-3, 을지로3가길 5.
const ROAD_RE =
  /(?<![가-힣A-Za-z0-9])([가-힣][가-힣0-9]{0,11}(?:대로|로|길))((?: ?\d{1,4}(?:번(?:안)?길|가길)))? ?(\d{1,5})(?:-\d{1,4})?(?!\d|[.,]\d)/g;
// 지번: 인계동 1111-2, 괴정리 산 12, 을지로3가 5 번지.
const JIBUN_RE =
  /(?<![가-힣A-Za-z0-9])([가-힣]{1,6}\d?(?:동|리|가))(?: ?\d{1,2}가)? ?(?:산 ?)?\d{1,5}(?:-\d{1,4})?( ?번지)?(?!\d|[.,]\d)/g;
// Apartment unit alone: 101동 1203호.
const UNIT_RE = /(?<![\d가-힣])\d{1,4}동 ?\d{1,5}호(?![가-힣\d])/g;

// After the number: a unit or quantity word means it was not a building number.
const QUANTITY_UNITS =
  '(?:년|월|일|시간|시|분|초|원|명|건|회|개|차|부|기|%|위|세|번(?!지)|가(?!길)|등|대|호선|km|m(?![a-z])|가지|권|점|배|인|곳|억|만|천|주|박|편|장|살|종|학점|층|여|~|:|/)';
// Attached (3년, 50명) it is always a quantity; after a space only when the unit stands
// alone, so '효원로 140 박지훈' (a name) is not read as '140박' (nights).
const QUANTITY_AFTER_RE = new RegExp(`^(?:${QUANTITY_UNITS}| ${QUANTITY_UNITS}(?![가-힣]))`);
// Words ending in 로/길 that are not road names (and 으로 particles, checked apart).
const NOT_ROADS = new Set([
  '경로',
  '진로',
  '통로',
  '도로',
  '회로',
  '항로',
  '수로',
  '선로',
  '미로',
  '활로',
  '공로',
  '과로',
  '주로',
  '서로',
  '새로',
  '바로',
  '따로',
  '대로',
  '별로',
  '실로',
  '정말로',
  '스스로',
  '저절로',
  '날로',
  '절로',
  '이로',
  '그로',
  '위로',
  '뒤로',
  '아래로',
  '앞으로',
  '오솔길',
  '골목길',
  '산책길',
  '지름길',
  '출근길',
  '퇴근길',
  '등굣길',
  '하굣길',
  '귀갓길',
  '뱃길',
  '하늘길',
  '물길',
  '꽃길',
  '갈길',
  '한길',
  '차로',
  '철로',
  '육로',
  '해로',
  '우회로',
  '가로',
  '세로',
  '의로',
  '사로',
  '고로',
  '최고로',
  '제로',
  '투로',
  '맨발로',
]);
// 시·도·시·군·구·읍·면 tokens just before the street name.
const ADMIN_BEFORE_RE = /(?:[가-힣]{1,10}(?:특별시|광역시|특별자치시|특별자치도|도|시|군|구|읍|면)[ ,]{1,2}){1,4}$/;
// Building/unit after the number: ", 101동 1203호", " 3층", " (인계동)", " 한빛아파트 101동 1203호".
const UNIT_AFTER_RE =
  /^(?:,? ?\([가-힣0-9 ,·]{1,20}\))?,? ?(?:[가-힣A-Za-z0-9]{1,15} )?(?:[A-Za-z가-힣]?\d{1,4}동 ?)?(?:\d{1,5}호|[Bb지]?\d{1,3}층(?: ?\d{1,5}호)?)(?:\(?[가-힣0-9 ,·]{0,20}\))?/;

const SURNAMES =
  '김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반라왕금옥육인맹제모탁국어은편용예봉경사부가복태목형계피두감음빈동온좌호범';
// Endings that make a 3-syllable word a place, an office or a particle phrase.
const NOT_NAME_END = /[실과팀청국소관회단처터층호로길시구군읍면점집은는을를에의도역교당요]$/;
const NOT_NAMES = new Set(['주소지', '우편번호', '연락처', '도로명', '지번주소', '거주지', '소재지', '주민센터']);

function nameLike(token: string): boolean {
  return (
    token.length >= 2 &&
    token.length <= 4 &&
    SURNAMES.includes(token[0]) &&
    !NOT_NAME_END.test(token) &&
    !NOT_NAMES.has(token)
  );
}

const NAME_BEFORE_RE = /(?<![가-힣])([가-힣]{3})(?:님|씨)?[ ,:/()·]{1,3}(?:주소 ?[:：]? ?)?$/;
const NAME_AFTER_RE = /^[ ,/()·]{1,3}(?:받는 ?분 ?[:：]? ?)?([가-힣]{3})(?:님|씨)?(?![가-힣])/;
const LABEL_NAME_RE =
  /(?:성명|이름|예금주|수령인|받는 ?(?:분|사람)|신청인|민원인|보호자|세대주)(?: ?[:：] ?| )([가-힣]{2,4})(?![가-힣])/g;

export function detectAddresses(t: string, hits: Hit[]): void {
  const found: Hit[] = [];
  const extend = (start: number, end: number, base: number, needsContext: boolean) => {
    const before = ADMIN_BEFORE_RE.exec(t.slice(Math.max(0, start - 40), start));
    const after = UNIT_AFTER_RE.exec(t.slice(end, end + 48));
    if (needsContext && !before && !after) return;
    const s = before ? start - before[0].length : start;
    const e = after ? end + after[0].length : end;
    found.push({ kind: 'address', start: s, end: e, confidence: before || after ? 0.9 : base });
  };
  for (const m of t.matchAll(ROAD_RE)) {
    const start = m.index!,
      end = start + m[0].length;
    if (QUANTITY_AFTER_RE.test(t.slice(end, end + 5))) continue;
    const road = m[1].replace(/\d.*$/, '');
    if (NOT_ROADS.has(road) || NOT_ROADS.has(m[1])) continue;
    // 으로/에로 are particles; one-syllable stems (종로) are real but too ambiguous alone.
    const particle = /(?:으로|에로|에게로)$/.test(m[1]);
    const short = road.length <= 2;
    extend(start, end, 0.65, particle || short);
  }
  for (const m of t.matchAll(JIBUN_RE)) {
    const start = m.index!,
      end = start + m[0].length;
    if (QUANTITY_AFTER_RE.test(t.slice(end, end + 5))) continue;
    if (m[2]) {
      extend(start, end, 0.85, false);
      continue;
    } // 번지
    extend(start, end, 0, true);
  }
  for (const m of t.matchAll(UNIT_RE)) {
    found.push({ kind: 'address', start: m.index!, end: m.index! + m[0].length, confidence: 0.8 });
  }
  for (const a of found) {
    hits.push(a);
    const nb = NAME_BEFORE_RE.exec(t.slice(Math.max(0, a.start - 16), a.start));
    if (nb && nameLike(nb[1])) {
      const s = a.start - nb[0].length + nb[0].indexOf(nb[1]);
      hits.push({ kind: 'name', start: s, end: s + nb[1].length, confidence: 0.7 });
    }
    const na = NAME_AFTER_RE.exec(t.slice(a.end, a.end + 20));
    if (na && nameLike(na[1])) {
      const s = a.end + na[0].lastIndexOf(na[1]);
      hits.push({ kind: 'name', start: s, end: s + na[1].length, confidence: 0.7 });
    }
  }
}

/** Names after labels such as 성명:, 예금주, 받는 분 (a name with a label is a name). */
export function detectLabelledNames(t: string, hits: Hit[]): void {
  for (const m of t.matchAll(LABEL_NAME_RE)) {
    if (!nameLike(m[1])) continue;
    const s = m.index! + m[0].length - m[1].length;
    hits.push({ kind: 'name', start: s, end: s + m[1].length, confidence: 0.75 });
  }
}

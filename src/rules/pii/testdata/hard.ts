// The hard corpus of issue 21: numbers written the way citizens really write them on
// boards (spelled in Hangul, letters for digits, spaced, split by words, full-width,
// mixed separators) and text that is public by nature or merely number-shaped. Our
// own: generated deterministically from hand-written sentence frames (존댓말, 반말,
// typos) plus hand-written hard examples. Not a sample of real posts.
import type { PiiKind, PiiOptions } from '../types.ts';
import { prng } from './corpus.ts';
import { HAND_NEGATIVES, HAND_POSITIVES, NEGATIVE_FRAMES, POSITIVE_FRAMES } from './hard-frames.ts';

export interface HardPositive {
  text: string;
  start: number;
  end: number;
  kind: PiiKind;
  form: string;
}
export interface HardNegative {
  text: string;
  kind: string;
  options?: PiiOptions;
}

const HANGUL = ['공', '일', '이', '삼', '사', '오', '육', '칠', '팔', '구'];
const MIXED_SEPS = ['·', '．', 'ー', ' ', '.', '-', ' - ', '–', '—', '・', ' . '];

export function hardCorpus(): { positives: HardPositive[]; negatives: HardNegative[] } {
  const rnd = prng(20261206);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
  const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
  const pad = (n: number) => String(n).padStart(2, '0');

  const hangul = (d: string) => [...d].map((c) => (c === '0' ? pick(['공', '영', '공']) : (HANGUL[+c] ?? c))).join('');
  const fullWidth = (s: string) =>
    s.replace(/[0-9-]/g, (c) => String.fromCharCode(c === '-' ? 0xff0d : c.charCodeAt(0) + 0xfee0));
  // Letters for digits: every 0 may become O/o, every 1 l/I; at least one real digit stays.
  const letters = (d: string) => {
    const out = [...d].map((c) =>
      c === '0' && rnd() < 0.7 ? pick(['O', 'o']) : c === '1' && rnd() < 0.7 ? pick(['l', 'I']) : c,
    );
    return out.join('');
  };
  const spaced = (d: string) => [...d].join(pick([' ', ' ', '  ']));

  function rrn(): string {
    const post2000 = rnd() < 0.25;
    const front = pad(post2000 ? int(0, 19) : int(45, 99)) + pad(int(1, 12)) + pad(int(1, 28));
    const body = front + (post2000 ? pick(['3', '4']) : pick(['1', '2'])) + digits(5);
    const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
    const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
    return body + ((11 - (sum % 11)) % 10);
  }
  const mobile = () =>
    pick(['010', '010', '010', '011', '016', '019']) + digits(int(0, 4) ? 8 : 7).replace(/^0/, String(int(2, 9)));
  const landline = () =>
    pick(['02', '031', '032', '051', '062', '064']) + String(int(2, 9)) + digits(int(0, 1) ? 6 : 7);
  function luhn(prefix: string): string {
    const s = prefix + digits(15 - prefix.length);
    for (let c = 0; c <= 9; c++) {
      const d = s + c;
      let sum = 0;
      for (let i = 0; i < 16; i++) {
        let v = +d[15 - i];
        if (i % 2) {
          v *= 2;
          if (v > 9) v -= 9;
        }
        sum += v;
      }
      if (sum % 10 === 0) return d;
    }
    return s + '0';
  }
  const groupsOf = (d: string, shape: number[]) => {
    const g: string[] = [];
    let at = 0;
    for (const n of shape) {
      g.push(d.slice(at, at + n));
      at += n;
    }
    return g;
  };
  const phoneGroups = (d: string) =>
    d.startsWith('02')
      ? [d.slice(0, 2), d.slice(2, d.length - 4), d.slice(-4)]
      : [d.slice(0, 3), d.slice(3, d.length - 4), d.slice(-4)];
  const joinMixed = (g: string[]) => g.reduce((s, x, i) => (i ? s + pick(MIXED_SEPS) + x : x), '');

  // Each form turns digit groups into written text.
  const FORMS: Record<string, (g: string[]) => string> = {
    plain: (g) => g.join(pick(['-', '-', ' ', '.'])),
    hangul: (g) => g.map(hangul).join(pick(['-', ' ', '-', '.'])),
    'hangul-mixed': (g) => g.map((x, i) => (i === 1 ? hangul(x) : x)).join(pick([' ', '-'])),
    letters: (g) => g.map(letters).join(pick(['-', ' ', '.'])),
    spaced: (g) => g.map(spaced).join(pick([' ', ' - ', '  '])),
    'full-width': (g) => fullWidth(g.join(pick(['-', '-', '']))),
    'mixed-separators': joinMixed,
  };
  type Gen = { kind: PiiKind; groups: () => string[]; frames: readonly string[]; forms: string[] };
  const BANKS: [string, number[]][] = [
    ['국민은행', [6, 2, 6]],
    ['신한', [3, 3, 6]],
    ['우리은행', [4, 3, 6]],
    ['하나은행', [3, 6, 5]],
    ['농협', [3, 4, 4, 2]],
    ['카카오뱅크', [4, 2, 7]],
    ['토스뱅크', [4, 4, 4]],
    ['우체국', [6, 2, 6]],
    ['새마을금고', [4, 2, 7]],
    ['기업은행', [3, 6, 2, 3]],
  ];
  let bank = BANKS[0];
  const gens: Gen[] = [
    {
      kind: 'rrn',
      groups: () => {
        const d = rrn();
        return [d.slice(0, 6), d.slice(6)];
      },
      frames: POSITIVE_FRAMES.rrn,
      forms: Object.keys(FORMS),
    },
    { kind: 'phone', groups: () => phoneGroups(mobile()), frames: POSITIVE_FRAMES.phone, forms: Object.keys(FORMS) },
    {
      kind: 'phone',
      groups: () => phoneGroups(landline()),
      frames: POSITIVE_FRAMES.home,
      forms: ['plain', 'hangul', 'full-width', 'mixed-separators', 'hangul-mixed'],
    },
    {
      kind: 'bank-account',
      groups: () => {
        bank = pick(BANKS);
        return groupsOf(digits(bank[1].reduce((a, b) => a + b)), bank[1]);
      },
      frames: POSITIVE_FRAMES.account,
      forms: ['plain', 'hangul', 'full-width', 'mixed-separators', 'hangul-mixed', 'letters'],
    },
    {
      kind: 'card',
      groups: () => groupsOf(luhn(pick(['4', '5', '9'])), [4, 4, 4, 4]),
      frames: POSITIVE_FRAMES.card,
      forms: ['plain', 'hangul', 'full-width', 'mixed-separators', 'letters'],
    },
  ];

  const positives: HardPositive[] = [];
  const frameOk = (f: string) => f.includes('{x}');
  for (let i = 0; positives.length < 1000; i++) {
    const gen = gens[i % gens.length];
    const form = gen.forms[Math.floor(i / gens.length) % gen.forms.length];
    let x = FORMS[form](gen.groups());
    if (gen.kind === 'bank-account' && form === 'mixed-separators')
      x = x.replace(/[·．ー・.—–]/g, '-').replace(/ - | \. /g, '-');
    const frame = pick(gen.frames.filter(frameOk)).replace('{bank}', bank[0]);
    const start = frame.indexOf('{x}');
    positives.push({ text: frame.replace('{x}', x), start, end: start + x.length, kind: gen.kind, form });
  }
  // Split by words: the groups are told apart with words in between.
  for (let i = 0; i < 60; i++) {
    const d = rrn();
    const t = pick([
      '주민번호 앞자리 {a} 뒷자리 {b} 입니다',
      '생년월일 {a} 뒤에 {b} 이에요',
      '주민 앞 {a} 뒷번호 {b}',
      '제 주민번호는 {a}, 뒤는 {b}요',
      '앞자리는 {a}이고 뒷자리는 {b}입니다',
    ]);
    const text = t.replace('{a}', d.slice(0, 6)).replace('{b}', d.slice(6));
    positives.push({
      text,
      start: t.indexOf('{a}'),
      end: text.indexOf(d.slice(6)) + 7,
      kind: 'rrn',
      form: 'split-by-words',
    });
  }
  for (let i = 0; i < 60; i++) {
    const g = phoneGroups(mobile());
    const w = i % 2 ? g.map(hangul) : g;
    const t = pick([
      '번호는 {a} 다음에 {b} 그리고 {c}요',
      '폰 {a}에 {b} 끝자리 {c}',
      '연락처 {a} 하고 {b} 하고 {c}',
      '{a} 국번 {b} 뒤에 {c}로 문자 줘',
    ]);
    const text = t.replace('{a}', w[0]).replace('{b}', w[1]).replace('{c}', w[2]);
    const start = t.indexOf('{a}');
    positives.push({ text, start, end: text.lastIndexOf(w[2]) + w[2].length, kind: 'phone', form: 'split-by-words' });
  }
  for (const h of HAND_POSITIVES) {
    const start = h.text.indexOf('[['),
      end = h.text.indexOf(']]') - 2;
    positives.push({
      text: h.text.replace('[[', '').replace(']]', ''),
      start,
      end,
      kind: h.kind,
      form: 'hand-written',
    });
  }

  const negatives: HardNegative[] = [];
  const fill = (f: string) =>
    f.replace(/\{(\w+)\}/g, (_, k: string) => {
      switch (k) {
        case 'y':
          return String(int(1995, 2026));
        case 'm':
          return String(int(1, 12));
        case 'd':
          return String(int(1, 28));
        case 'mm':
          return pad(int(1, 12));
        case 'dd':
          return pad(int(1, 28));
        case 'won':
          return (
            int(1, 900).toLocaleString('en-US') + ',' + String(int(0, 999)).padStart(3, '0') + (int(0, 1) ? ',000' : '')
          );
        case 'n':
          return String(int(1, 999));
        case 'nn':
          return String(int(10, 99));
        case 'bus':
          return pick([
            String(int(1, 999)),
            String(int(1000, 9900)),
            `M${int(4101, 7900)}`,
            `${int(1, 99)}-${int(1, 9)}`,
          ]);
        case 'art':
          return String(int(1, 120));
        case 'road':
          return pick(['효원로', '세종대로', '중부대로', '팔달로', '경수대로', '월드컵로', '권선로', '매산로']);
        case 'r4':
          return digits(4);
        case 'd1':
          return digits(1);
        case 'r6':
          return digits(6);
        case 'r7':
          return digits(7);
        case 'rep':
          return `${pick(['1588', '1577', '1544', '1566', '1600', '1644', '1661', '1670', '1688', '1899'])}-${digits(4)}`;
        case 'office':
          return pick([
            '수원시청',
            '팔달구청',
            '인계동 행정복지센터',
            '영통구 보건소',
            '수원시 민원콜센터',
            '경기도청',
            '시청 민원실',
            '장안구청',
            '수원중부경찰서',
            '선경도서관',
          ]);
        case 'tel':
          return pick(['031', '02', '031']) + '-' + String(int(2, 9)) + digits(2) + '-' + digits(4);
        default:
          return k;
      }
    });
  for (const [kind, frames] of Object.entries(NEGATIVE_FRAMES)) {
    for (let i = 0; i < 75; i++) negatives.push({ text: fill(pick(frames)), kind });
  }
  // Numbers the installation lists as published (allowPublic in the settings).
  const published = ['031-228-2114', '031-228-3000', '신한 100-012-345678', '경기도 수원시 팔달구 효원로 241'];
  for (let i = 0; i < 60; i++) {
    const text = pick([
      '시 대표 전화 {p}로 문의하세요',
      '세입 계좌 {p} 로 납부 가능',
      '문의는 {p} 주세요',
      '{p} (당직실)',
      '찾아오시는 길: {p}',
    ]).replace(
      '{p}',
      pick(published)
        .replace(/^031-/, int(0, 2) ? '031-' : '')
        .replace(/-/g, pick(['-', '-', '.', ' '])),
    );
    negatives.push({ text, kind: 'allow-list', options: { allowPublic: published } });
  }
  for (const text of HAND_NEGATIVES) negatives.push({ text, kind: 'hand-written' });
  return { positives, negatives };
}

// Test corpus for the PII guard: generated positives (each with the planted span and
// kind) and negatives (ordinary civic text plus every line of the seed documents).
// Deterministic: a seeded PRNG, so recall/false-alarm numbers are reproducible.
import { readFileSync, readdirSync } from 'node:fs';
import type { PiiKind } from '../types.ts';

export interface Positive {
  text: string;
  start: number;
  end: number;
  kind: PiiKind;
  label: string;
}

/** A small seeded generator (mulberry32): the corpora are the same on every run. */
export function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20260917);
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)];
const digits = (n: number) => Array.from({ length: n }, () => int(0, 9)).join('');
const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fullWidth = (s: string) =>
  s.replace(/[0-9-]/g, (c) => String.fromCharCode(c === '-' ? 0xff0d : c.charCodeAt(0) + 0xfee0));

function rrnDigits(alien: boolean, checksum: boolean, post2000 = rnd() < 0.3): string {
  const yy = post2000 ? int(0, 19) : int(40, 99);
  const front = pad(yy) + pad(int(1, 12)) + pad(int(1, 28));
  const g = alien ? (post2000 ? pick(['7', '8']) : pick(['5', '6'])) : post2000 ? pick(['3', '4']) : pick(['1', '2']);
  const body = front + g + digits(5);
  const w = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * w[i], 0);
  const check = ((alien ? 13 : 11) - (sum % 11)) % 10;
  return body + (checksum ? check : (check + int(1, 9)) % 10);
}

function luhnComplete(prefix: string, len: number): string {
  const s = prefix + digits(len - prefix.length - 1);
  for (let c = 0; c <= 9; c++) {
    const d = s + c;
    let sum = 0;
    for (let i = 0; i < d.length; i++) {
      let v = Number(d[d.length - 1 - i]);
      if (i % 2) {
        v *= 2;
        if (v > 9) v -= 9;
      }
      sum += v;
    }
    if (sum % 10 === 0) return d;
  }
  return s;
}

const TEMPLATES = [
  '{x}',
  '제 연락처는 {x}입니다. 처리 결과 알려 주세요.',
  '민원 접수했습니다. {x} 로 회신 부탁드려요',
  '신청인 정보 {x} (확인 바랍니다)',
  '어제 공사 소음 때문에 잠을 못 잤어요. 확인 후 {x} 로 연락 주세요!!',
  '환급금은 {x} 으로 입금해 주시면 됩니다.',
  '주민참여예산 제안서 첨부합니다 / {x} / 감사합니다',
  '{x} 이 번호로 문자 주세요',
  '첨부파일_{x}_신청서.hwp',
  '정책 제안: 버스 배차 간격을 줄여 주세요. 작성자 연락처 {x}',
];
const ACCOUNT_TEMPLATES = [
  '후원금은 {b} {x} 로 보내주세요',
  '{b} {x} 예금주 홍길동',
  '환불 계좌: {b} {x}',
  '{b}은행 계좌번호 {x} 입니다',
  '입금 계좌 {x} ({b})',
  '{x}',
];
const BANK_SHAPES: [string, number[]][] = [
  ['국민', [6, 2, 6]],
  ['신한', [3, 3, 6]],
  ['우리', [4, 3, 6]],
  ['하나', [3, 6, 5]],
  ['농협', [3, 4, 4, 2]],
  ['기업', [3, 6, 2, 3]],
  ['카카오뱅크', [4, 2, 7]],
  ['토스뱅크', [4, 4, 4]],
  ['케이뱅크', [3, 3, 6]],
  ['우체국', [6, 2, 6]],
  ['새마을금고', [4, 2, 7]],
  ['SC제일', [3, 2, 6]],
  ['씨티', [3, 6, 3]],
  ['대구', [3, 2, 6, 1]],
];

function place(
  template: string,
  x: string,
  kind: PiiKind,
  label: string,
  extra: Record<string, string> = {},
): Positive {
  let t = template;
  for (const [k, v] of Object.entries(extra)) t = t.replace(`{${k}}`, v);
  const start = t.indexOf('{x}');
  return { text: t.replace('{x}', x), start, end: start + x.length, kind, label };
}

export function positives(): Positive[] {
  const out: Positive[] = [];
  const seps = ['-', '-', ' - ', '', ' ', '.', '－'];
  for (let i = 0; i < 35; i++) {
    const d = rrnDigits(false, i % 5 !== 0);
    const sep = seps[i % seps.length];
    let x = d.slice(0, 6) + sep + d.slice(6);
    if (i % 6 === 5) x = fullWidth(x);
    out.push(place(pick(TEMPLATES), x, 'rrn', 'rrn'));
  }
  for (let i = 0; i < 15; i++) {
    const d = rrnDigits(false, false, true).replace(/^\d{2}/, pad(int(20, 24))); // issued after 2020-10: no check digit
    out.push(place(pick(TEMPLATES), `${d.slice(0, 6)}-${d.slice(6)}`, 'rrn', 'rrn-random-back'));
  }
  for (let i = 0; i < 15; i++) {
    const d = rrnDigits(false, true);
    const x = pick([
      `${d.slice(0, 6)}-${d[6]}******`,
      `${d.slice(0, 6)}-${d[6]}xxxxxx`,
      `${d.slice(0, 6)} - ${d[6]}******`,
      `******-${d.slice(6)}`,
    ]);
    out.push(place(pick(TEMPLATES), x, 'rrn', 'rrn-masked'));
  }
  for (let i = 0; i < 15; i++) {
    const d = rrnDigits(true, i % 4 !== 0);
    out.push(
      place(pick(TEMPLATES), `${d.slice(0, 6)}${pick(['-', '', ' '])}${d.slice(6)}`, 'alien-registration', 'alien'),
    );
  }
  const mobile = () => `010${digits(8)}`;
  const mobileForms = [
    (d: string) => `${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
    (d: string) => `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`,
    (d: string) => `${d.slice(0, 3)}.${d.slice(3, 7)}.${d.slice(7)}`,
    (d: string) => d,
    (d: string) => `(${d.slice(0, 3)})${d.slice(3, 7)}-${d.slice(7)}`,
    (d: string) => `+82 ${d.slice(1, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
    (d: string) => `+82-${d.slice(1, 3)}-${d.slice(3, 7)}-${d.slice(7)}`,
    (d: string) => `+8210${d.slice(3)}`,
    (d: string) => fullWidth(`${d.slice(0, 3)}-${d.slice(3, 7)}-${d.slice(7)}`),
    (d: string) => `${d.slice(0, 3)} - ${d.slice(3, 7)} - ${d.slice(7)}`,
    (d: string) =>
      `${d.slice(0, 3)}-${d.slice(3, 7)}-****`.replace(/-\d{4}-/, '-****-').replace('****-****', `****-${d.slice(7)}`),
  ];
  for (let i = 0; i < 33; i++)
    out.push(place(pick(TEMPLATES), mobileForms[i % mobileForms.length](mobile()), 'phone', 'mobile'));
  const areas = [
    '02',
    '031',
    '032',
    '033',
    '041',
    '042',
    '043',
    '044',
    '051',
    '052',
    '053',
    '054',
    '055',
    '061',
    '062',
    '063',
    '064',
    '070',
  ];
  for (let i = 0; i < 27; i++) {
    const a = areas[i % areas.length];
    const mid = a === '070' ? digits(4) : String(int(2, 9)) + digits(a === '02' ? int(2, 3) : 2);
    const last = digits(4);
    const x = pick([
      `${a}-${mid}-${last}`,
      `${a}) ${mid}-${last}`,
      `(${a}) ${mid}-${last}`,
      `${a}${mid}${last}`,
      `${a}.${mid}.${last}`,
      `${a} ${mid} ${last}`,
    ]);
    out.push(place(pick(TEMPLATES), x, 'phone', 'landline'));
  }
  // 전국대표번호 (1588-…) are public by nature (issue 21): now negatives in hard.ts. The
  // draws stay so the rest of this generated corpus is unchanged.
  for (let i = 0; i < 5; i++) void `${pick(['1588', '1577', '1644', '1599', '1800'])}-${digits(4)}`;
  for (let i = 0; i < 5; i++)
    out.push(place('담당자 ☎ {x}', `${int(200, 999)}-${digits(4)}`, 'phone', 'local-labelled'));
  for (let i = 0; i < 56; i++) {
    const [bank, shape] = BANK_SHAPES[i % BANK_SHAPES.length];
    const groups = shape.map((n) => String(int(1, 9)) + digits(n - 1));
    const sep = i % 7 === 6 ? ' ' : '-';
    const x = i % 5 === 4 ? groups.join('') : groups.join(sep);
    const tpl = x.includes('-') ? pick(ACCOUNT_TEMPLATES) : pick(ACCOUNT_TEMPLATES.slice(0, 5));
    out.push(place(tpl, x, 'bank-account', `account-${bank}`, { b: bank }));
  }
  for (let i = 0; i < 24; i++) {
    const d =
      i % 6 === 5 ? luhnComplete(pick(['34', '37']), 15) : luhnComplete(pick(['4', '51', '55', '94', '36', '62']), 16);
    const sep = pick(['-', ' ', '']);
    const x = d.length === 15 ? [d.slice(0, 4), d.slice(4, 10), d.slice(10)].join(sep) : d.match(/.{4}/g)!.join(sep);
    out.push(place(pick([...TEMPLATES, '카드번호 {x} 유효기간 12/27']), x, 'card', 'card'));
  }
  for (let i = 0; i < 4; i++) {
    const d = luhnComplete('4', 16);
    out.push(place('결제 카드 {x}', `${d.slice(0, 4)}-${d.slice(4, 6)}**-****-${d.slice(12)}`, 'card', 'card-masked'));
  }
  for (let i = 0; i < 12; i++) {
    const x = i % 2 ? `M${digits(8)}` : `${pick(['M', 'S'])}${digits(3)}${pick(['A', 'B', 'C'])}${digits(4)}`;
    out.push(place(pick(['여권번호 {x}', '{x}', '여권 {x} 사본 첨부']), x, 'passport', 'passport'));
  }
  for (let i = 0; i < 12; i++) {
    const x =
      i % 3 === 0
        ? `${pick(['서울', '경기', '부산'])} ${digits(2)}-${digits(6)}-${digits(2)}`
        : `${int(11, 26)}-${digits(2)}-${digits(6)}-${digits(2)}`;
    out.push(place(pick(['운전면허번호 {x}', '{x}', '면허증 번호는 {x} 입니다']), x, 'driver-licence', 'licence'));
  }
  const users = ['hong.gildong', 'kim_minji84', 'lee-sujin', 'parkjh', 'suwon.citizen+board', 'jeong2024'];
  const domains = ['naver.com', 'gmail.com', 'daum.net', 'hanmail.net', 'kakao.com', 'example.co.kr'];
  for (let i = 0; i < 20; i++)
    out.push(place(pick(TEMPLATES), `${pick(users)}${i}@${pick(domains)}`, 'email', 'email'));
  const cities = [
    '경기도 수원시 팔달구',
    '수원시 영통구',
    '서울특별시 중구',
    '서울 마포구',
    '부산광역시 사하구',
    '경기 수원시 장안구',
    '대전광역시 서구',
  ];
  const roads = ['효원로', '매탄로', '세종대로', '월드컵로', '낙동대로', '중부대로', '권광로', '인계로'];
  const dongs = ['인계동', '매탄동', '괴정동', '하단동', '망원동', '정자동'];
  const names = ['홍길동', '김민수', '이영희', '박지훈', '최수진', '정하늘', '강도윤'];
  for (let i = 0; i < 48; i++) {
    const num = `${int(1, 999)}${rnd() < 0.3 ? `-${int(1, 99)}` : ''}`;
    const unit = `${int(101, 120)}동 ${int(1, 25)}0${int(1, 4)}호`;
    const forms = [
      `${pick(cities)} ${pick(roads)} ${num}`,
      `${pick(cities)} ${pick(roads)} ${num}, ${unit}`,
      `${pick(roads)} ${num} ${pick(['한빛아파트', '푸른마을'])} ${unit}`,
      `${pick(roads)}${int(10, 99)}번길 ${num}`,
      `${pick(cities)} ${pick(dongs)} ${num}`,
      `${pick(dongs)} ${num}번지`,
      `${pick(roads)} ${num}`,
      unit,
    ];
    const x = forms[i % forms.length];
    const tpl = pick([
      '주소: {x}',
      '{x} 로 보내 주세요',
      '저희 집은 {x} 입니다',
      '{x}',
      `받는 분 ${pick(names)} / {x}`,
      '{x} (우편물 반송)',
    ]);
    out.push(place(tpl, x, 'address', 'address'));
  }
  for (let i = 0; i < 8; i++) {
    const n = pick(names);
    out.push(place(`${pick(cities)} ${pick(roads)} ${int(1, 300)} {x}`, n, 'name', 'name-after-address'));
  }
  for (let i = 0; i < 8; i++)
    out.push(
      place(pick(['성명: {x}', '예금주 {x}', '신청인: {x}', '받는 분: {x}']), pick(names), 'name', 'name-labelled'),
    );
  return out;
}

/** Ordinary civic text that must pass. */
export function generatedNegatives(): string[] {
  const out: string[] = [];
  for (let i = 0; i < 25; i++) {
    const y = int(2018, 2026),
      m = int(1, 12),
      d = int(1, 28);
    out.push(
      pick([
        `${y}. ${m}. ${d}.(${pick(['월', '화', '수', '목', '금'])}) ${int(9, 17)}:00~${int(10, 18)}:30 시청 대강당`,
        `${y}-${pad(m)}-${pad(d)} 접수, ${y}.${pad(m)}.${pad(d)}. 처리 완료`,
        `${y}년 ${m}월 ${d}일 오후 ${int(1, 6)}시 ${int(10, 50)}분 회의`,
        `운영일 : ${y}. ${m}.${d}. ~ 지속 (${y}${pad(m)}${pad(d)} 기준)`,
        `사업기간 : ${y}. ${m}월 ~ ${y + 1}. ${int(1, 12)}월 / ${y}-${y + 2}년 계획`,
      ]),
    );
  }
  for (let i = 0; i < 25; i++) {
    const amount = (int(1, 999) * 1000 + int(0, 999)).toLocaleString('en-US');
    out.push(
      pick([
        `총 사업비 ${amount}원 중 시비 ${int(10, 90)}% 부담`,
        `소요예산 : ${int(10, 900)}백만원(구축 ${int(10, 300)}, 홍보 ${int(1, 50)})`,
        `1인당 ${amount}원씩 ${int(2, 40)}명에게 지급, 총 ${(int(1, 99) * 1234567).toLocaleString('en-US')}원`,
        `달성도 ${int(50, 400)}%, 목표 ${amount}건 대비 실적 ${int(1, 9)},${digits(3)}건`,
        `예산 ${int(1, 9)},${digits(3)},${digits(3)},${digits(3)}원 (국비 ${int(1, 9)}억 ${int(1, 9)}천만원)`,
      ]),
    );
  }
  for (let i = 0; i < 20; i++) {
    out.push(
      pick([
        `${pick(['7016', '1002', '400', '13-4', '720-2', 'M5107', '3100', '82-1', '66-4'])}번 버스가 ${int(5, 30)}분마다 와요`,
        `정보통신망법 제${int(1, 70)}조의${int(2, 9)} 제${int(1, 3)}항 제${int(1, 5)}호에 따라`,
        `「민원 처리에 관한 법률 시행령」 제${int(10, 40)}조(처리기간) 참고`,
        `정책기획과-${int(1000, 29999)}(${int(2018, 2024)}.${int(1, 12)}.${int(1, 28)}.) 수원만민광장 운영 계획`,
        `기획실-${int(1000, 19999)} / 시민참여과-${int(100, 9999)}, ${int(2019, 2023)}.${int(1, 12)}.${int(1, 28)}.`,
        `담당 주무관 ${pick(['윤이', '이정희', '권정란'])} (${int(2000, 3999)}) / 팀장 (${int(2000, 3999)})`,
        `과장 ${pick(['신성용', '최현주'])}(${int(2000, 3999)})	협치시정팀장 ${pick(['권성환', '최환주'])}(${int(2000, 3999)})`,
        `${int(1, 30)}층 회의실, ${int(101, 120)}호 강의실에서 ${int(20, 300)}명 참석`,
        `제${int(1, 12)}차 운영위원회 회의 개최 : ${int(2019, 2024)}.${int(1, 12)}.${int(1, 28)}.`,
        `우편번호 ${int(10000, 63999)} / 사업자등록번호 ${int(100, 899)}-${int(10, 89)}-${digits(5)}`,
      ]),
    );
  }
  for (let i = 0; i < 40; i++) {
    out.push(
      pick([
        `앞으로 ${int(2, 10)}년 동안 기준으로 ${int(10, 90)}% 이상 달성하겠습니다.`,
        `세종대로 일대에서 ${int(2, 9)}월 ${int(1, 28)}일 행사가 열립니다`,
        `수원시 ${int(30, 44)}개동 주민자치회 ${int(100, 300)}명, 시·구·동 공직자 ${int(1, 2)},${digits(3)}여명`,
        `${int(2, 9)}차로 도로 ${int(1, 9)}km 구간 확장, 출근길 ${int(10, 40)}분 단축`,
        `A+ ${int(1, 20)} (${int(1, 40)}%) / B ${int(1, 9)} / 평가 제외 ${int(1, 9)} (${int(1, 30)}%)`,
        `ISBN 978-89-${digits(4)}-${digits(3)}-${int(0, 9)} 「협치 백서」 ${int(1, 3)},000부`,
        `팔로워 ${int(100, 150)}만명, 누적 ${int(1000, 30000)}천건 공개, 참여자 ${int(100, 400)}만명`,
        `청소년참여위원회 ${int(10, 30)}개 / 자치구 ${int(20, 25)}개구 / ${int(1, 30)}개 사업 / 제${int(1, 3)}기 위원`,
        `회의 시간은 ${int(9, 11)}:${pick(['00', '30'])}부터 ${int(12, 17)}:${pick(['00', '30'])}까지, 장소는 별관${int(1, 4)}층`,
        `${int(2019, 2024)}~${int(2025, 2030)} 중기계획, ${int(1, 4)}분기 ${int(10, 99)}.${int(1, 9)}% 진도`,
        `접수번호 ${int(2020, 2026)}-${pad(int(1, 12))}${pad(int(1, 28))}-${digits(6)} 민원이 처리되었습니다`,
        `국민 1인당 ${int(1000000, 9999999)}원, 우리 시 ${int(100000, 999999)}가구 대상`,
        `하나의 제안에 ${int(10, 999)}명이 공감, 국민 ${int(1, 9)},${digits(3)},${digits(3)}명 참여`,
        `총 ${int(1, 9)}${digits(9)}원 규모의 은행 대출 (이자율 ${int(1, 9)}.${int(1, 9)}%)`,
        `제${int(2019, 2024)}-${int(1, 300)}호 고시, 공고 제${int(2019, 2024)}-${digits(4)}호`,
        `제${int(1, 9)}기 협치위원회 ${int(1, 30)}명 위촉, 임기 ${int(2020, 2024)}.${int(1, 12)}.${int(1, 28)}.~${int(2025, 2027)}.${int(1, 12)}.${int(1, 28)}.`,
      ]),
    );
  }
  return out;
}

/** Every non-empty line of the seed documents, and each whole document. */
export function seedNegatives(): string[] {
  const dir = new URL('./seeds/', import.meta.url);
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(new URL(f, dir), 'utf8'));
  return [
    ...docs,
    ...docs.flatMap((d) =>
      d
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 0),
    ),
  ];
}

// Rules that produce the Korean public-holiday table (관공서의 공휴일에 관한 규정).
//
// The table itself is frozen in holidays-data.ts; this module regenerates it so a
// test can prove the data still follows the rules (and so 2036+ can be added by
// running scripts, not by hand). Only used at build/test time: it needs ICU's
// Korean lunar calendar (Intl 'dangi'), which Node 20 ships with full ICU.
//
// Sources:
// - 관공서의 공휴일에 관한 규정 (대통령령) 제2조 (holidays), 제3조 (대체공휴일), and
//   공휴일에 관한 법률 (2021-07-07, in force 2022-01-01).
// - 대체공휴일 history:
//   * 2013-11-05 amendment, in force 2014: 설날·추석 연휴 overlapping a Sunday or
//     another holiday; 어린이날 on a Saturday, Sunday or another holiday.
//   * 2021-08-04 amendment: extended to 삼일절, 광복절, 개천절, 한글날 (Sat/Sun/holiday);
//     first applied 2021-08-16.
//   * 2023-05-04 amendment: extended to 부처님오신날 and 기독탄신일; first 2023-05-29.
// - 제헌절 (7-17): 공휴일에 관한 법률 amended (국회 2026-01-29, 국무회의 2026-02-03,
//   in force 3 months after promulgation), public holiday again from 2026-07-17.
//   ASSUMPTION [unverified]: 대체공휴일 applies to it like the other 국경일, because the
//   amendment makes "all 국경일" holidays; first case would be 2027-07-19.
// - Election days: 규정 제2조 제10호 makes 공직선거법 제34조 "임기만료에 의한 선거" days
//   holidays. §34①: 대통령 = first Wednesday on/after 70 days before the term ends,
//   국회의원 = 50 days, 지방선거 = 30 days; §34②: if that day is a 민속절/공휴일, or the
//   day before or after is a 공휴일, the Wednesday of the following week.
//   Checked against past days: 2006-05-31, 2018-06-13, 2020-04-15, 2022-03-09,
//   2022-06-01, 2024-04-10. A snap (보궐) presidential election is not "임기만료", so it
//   is a 임시공휴일 by cabinet decision; 2025-06-03 is kept in the table as a known
//   date because it is past and certain.
import { addDays, fromDayNumber, toDayNumber, weekday, ymd, type IsoDate } from './date.ts';
import type { Holiday, HolidayKind } from './types.ts';

export type { Holiday, HolidayKind };

const lunarFmt = new Intl.DateTimeFormat('ko-KR-u-ca-dangi', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });

/** Gregorian date of lunar month/day (non-leap month) falling in Gregorian year y. */
export function lunarToGregorian(y: number, lunarMonth: number, lunarDay: number): IsoDate {
  const start = toDayNumber(ymd(y, 1, 1)),
    end = toDayNumber(ymd(y, 12, 31));
  for (let n = start; n <= end; n++) {
    const parts = lunarFmt.formatToParts(new Date(n * 86_400_000));
    const m = parts.find((p) => p.type === 'month')?.value; // leap months read '윤4'
    const d = parts.find((p) => p.type === 'day')?.value;
    if (m === String(lunarMonth) && d === String(lunarDay)) return fromDayNumber(n);
  }
  throw new Error(`lunar ${lunarMonth}.${lunarDay} not found in ${y}`);
}

/** Term-end dates of offices elected by 임기만료 (공직선거법 §14: terms end the day before the next starts). */
const SCHEDULED_ELECTIONS: { termEnd: IsoDate; daysBefore: number; name: string }[] = [
  { termEnd: '2020-05-29', daysBefore: 50, name: '제21대 국회의원선거' },
  { termEnd: '2022-05-09', daysBefore: 70, name: '제20대 대통령선거' },
  { termEnd: '2022-06-30', daysBefore: 30, name: '제8회 전국동시지방선거' },
  { termEnd: '2024-05-29', daysBefore: 50, name: '제22대 국회의원선거' },
  { termEnd: '2026-06-30', daysBefore: 30, name: '제9회 전국동시지방선거' },
  { termEnd: '2028-05-29', daysBefore: 50, name: '제23대 국회의원선거' },
  // The 21st president took office 2025-06-04 after the snap election, so the term ends 2030-06-03.
  { termEnd: '2030-06-03', daysBefore: 70, name: '제22대 대통령선거' },
  { termEnd: '2030-06-30', daysBefore: 30, name: '제10회 전국동시지방선거' },
  { termEnd: '2032-05-29', daysBefore: 50, name: '제24대 국회의원선거' },
  { termEnd: '2034-06-30', daysBefore: 30, name: '제11회 전국동시지방선거' },
  { termEnd: '2035-06-03', daysBefore: 70, name: '제23대 대통령선거' },
];

/** Known past dates that are not "임기만료" elections but were holidays for everyone. */
const KNOWN_ELECTIONS: Holiday[] = [{ date: '2025-06-03', name: '제21대 대통령선거', kind: 'election' }];

/** 공직선거법 §34 election day, given the other holidays of that year (for §34②). */
export function electionDay(termEnd: IsoDate, daysBefore: number, isHoliday: (d: IsoDate) => boolean): IsoDate {
  let d = addDays(termEnd, -daysBefore);
  while (weekday(d) !== 3) d = addDays(d, 1);
  const blocked = (x: IsoDate) => isHoliday(x) || isHoliday(addDays(x, -1)) || isHoliday(addDays(x, 1));
  while (blocked(d)) d = addDays(d, 7);
  return d;
}

/** All holidays of one year by the rules in force in that year, sorted by date. */
export function generateHolidays(y: number): Holiday[] {
  const list: Holiday[] = [];
  const add = (date: IsoDate, name: string, kind: HolidayKind) => list.push({ date, name, kind });
  add(ymd(y, 1, 1), '1월 1일', 'national');
  add(ymd(y, 3, 1), '삼일절', 'national');
  add(ymd(y, 5, 5), '어린이날', 'national');
  add(ymd(y, 6, 6), '현충일', 'national');
  if (y >= 2026) add(ymd(y, 7, 17), '제헌절', 'national');
  add(ymd(y, 8, 15), '광복절', 'national');
  add(ymd(y, 10, 3), '개천절', 'national');
  add(ymd(y, 10, 9), '한글날', 'national');
  add(ymd(y, 12, 25), '기독탄신일', 'national');
  const seol = lunarToGregorian(y, 1, 1);
  const seolDays = [addDays(seol, -1), seol, addDays(seol, 1)];
  seolDays.forEach((d, i) => add(d, ['설날 전날', '설날', '설날 다음날'][i], 'lunar'));
  add(lunarToGregorian(y, 4, 8), '부처님오신날', 'lunar');
  const chuseok = lunarToGregorian(y, 8, 15);
  const chuseokDays = [addDays(chuseok, -1), chuseok, addDays(chuseok, 1)];
  chuseokDays.forEach((d, i) => add(d, ['추석 전날', '추석', '추석 다음날'][i], 'lunar'));

  const base = new Set(list.map((h) => h.date));
  for (const e of SCHEDULED_ELECTIONS) {
    if (Number(e.termEnd.slice(0, 4)) !== y) continue;
    add(
      electionDay(e.termEnd, e.daysBefore, (d) => base.has(d) || weekday(d) === 0),
      e.name,
      'election',
    );
  }
  for (const h of KNOWN_ELECTIONS) if (h.date.startsWith(`${y}-`)) list.push(h);

  // 대체공휴일: what is replaced is a *lost day*. On a weekday where k holidays
  // coincide, k-1 days are lost (2025-05-05 어린이날+부처님오신날 gave one day,
  // 2025-05-06); on a Sunday (or a Saturday, for the rules that cover it) every
  // eligible holiday is lost. For 설날·추석 the substitute comes after the
  // three-day 연휴, for the others after the day itself.
  const rule = (h: Holiday): { saturday: boolean; after: IsoDate } | null => {
    if (seolDays.includes(h.date) && h.kind === 'lunar' && h.name.startsWith('설'))
      return { saturday: false, after: seolDays[2] };
    if (chuseokDays.includes(h.date) && h.kind === 'lunar' && h.name.startsWith('추석'))
      return { saturday: false, after: chuseokDays[2] };
    const covered =
      h.name === '어린이날' ||
      (h.name === '삼일절' && y >= 2022) || // in force 2021-08-04, after 2021-03-01 had passed
      ((h.name === '광복절' || h.name === '개천절' || h.name === '한글날') && y >= 2021) ||
      (h.name === '제헌절' && y >= 2026) ||
      ((h.name === '부처님오신날' || h.name === '기독탄신일') && y >= 2023); // in force 2023-05-04
    return covered ? { saturday: true, after: h.date } : null;
  };
  const byDate = new Map<IsoDate, Holiday[]>();
  for (const h of list) byDate.set(h.date, [...(byDate.get(h.date) ?? []), h]);
  const taken = new Set(list.map((h) => h.date));
  // "첫 번째 비공휴일": we take the next day that is not Saturday, Sunday or a holiday.
  // Every substitute in 2020-2035 follows a Sunday-Monday-… run, so whether a Saturday
  // could count never arises in this range (holidays.test.ts checks none is a Saturday).
  const nextFree = (after: IsoDate) => {
    let d = addDays(after, 1);
    while (taken.has(d) || weekday(d) === 0 || weekday(d) === 6) d = addDays(d, 1);
    return d;
  };
  const substitutes: Holiday[] = [];
  for (const date of [...byDate.keys()].sort()) {
    const hs = byDate.get(date)!;
    const wd = weekday(date);
    const eligible = hs.map((h) => ({ h, r: rule(h) })).filter((x) => x.r !== null && (wd !== 6 || x.r.saturday));
    if (eligible.length === 0) continue;
    const lost = wd === 0 || wd === 6 ? eligible.length : Math.min(hs.length - 1, eligible.length);
    const after = eligible
      .map((x) => x.r!.after)
      .sort()
      .at(-1)!;
    const name = `대체공휴일(${eligible.map((x) => x.h.name.replace(/ (전날|다음날)$/, '')).join('·')})`;
    for (let i = 0; i < lost; i++) {
      const d = nextFree(after);
      taken.add(d);
      substitutes.push({ date: d, name, kind: 'substitute' });
    }
  }
  const all = [...list, ...substitutes];
  all.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.name.localeCompare(b.name)));
  return all;
}

/** The whole range the library ships, 2020–2035. */
export function generateHolidayTable(from = 2020, to = 2035): Holiday[] {
  const out: Holiday[] = [];
  for (let y = from; y <= to; y++) out.push(...generateHolidays(y));
  return out;
}

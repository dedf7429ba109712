// Working-day arithmetic for 민원 deadlines, always in Asia/Seoul.
//
// 민원 처리에 관한 법률 제19조 (처리기간의 계산):
//  ① a period of 5 days or less runs in *hours* from the time of receipt, skipping
//    Saturdays and 공휴일, one day = 8 working hours;
//  ② a period of 6 days or more runs in *days*, counting the first day and skipping
//    Saturdays and 공휴일 (Sunday is a 공휴일 under 관공서의 공휴일에 관한 규정 제2조);
//  ③ periods in weeks, months or years do not count the first day and follow
//    민법 제159조–제161조 (calendar reckoning; a period ending on a Saturday or a
//    공휴일 ends on the next day).
// Working hours are 09:00–18:00 with the 12:00–13:00 lunch break (국가공무원 복무규정 제9조).
import { HolidayCalendar } from './holiday-calendar.ts';
import {
  addDays,
  daysInMonth,
  parseIsoDate,
  seoulDateOf,
  seoulInstant,
  seoulMinutesOf,
  toDayNumber,
  ymd,
  type IsoDate,
} from './date.ts';

/** Shared calendar with the shipped holidays and no ad-hoc ones. */
export const defaultCalendar = new HolidayCalendar();

/** The n-th working day, counting `start` itself as day 1 when it is a working day.
 * addWorkingDays('2026-09-20', 10) === '2026-10-07' (추석 and 개천절 대체공휴일 skipped). */
export function addWorkingDays(start: IsoDate, n: number, cal: HolidayCalendar = defaultCalendar): IsoDate {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`working days must be a positive integer, got ${n}`);
  let d = start,
    left = n;
  for (;;) {
    if (cal.isWorkingDay(d) && --left === 0) return d;
    d = addDays(d, 1);
  }
}

/** Working days from `from` to `to`, both ends included; 0 when `to` is before `from`. */
export function countWorkingDays(from: IsoDate, to: IsoDate, cal: HolidayCalendar = defaultCalendar): number {
  const a = toDayNumber(from),
    b = toDayNumber(to);
  let count = 0;
  for (let n = a, d = from; n <= b; n++, d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
  return count;
}

/** The next working day on or after `date`. */
export function nextWorkingDay(date: IsoDate, cal: HolidayCalendar = defaultCalendar): IsoDate {
  let d = date;
  while (!cal.isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

export type Period = { days: number } | { weeks: number } | { months: number } | { years: number };

export interface DeadlineOptions {
  calendar?: HolidayCalendar;
  /** 법 제19조①: periods of 5 days or less in working hours. Default true; false counts them in days. */
  shortPeriodsInHours?: boolean;
}

const WORK_WINDOWS: readonly (readonly [number, number])[] = [
  [9 * 60, 12 * 60],
  [13 * 60, 18 * 60],
];

/** Adds working minutes from an instant, skipping non-working days, lunch and nights. */
function addWorkingMinutes(from: Date, minutes: number, cal: HolidayCalendar): Date {
  let date = seoulDateOf(from);
  let clock = seoulMinutesOf(from);
  let left = minutes;
  for (;;) {
    if (cal.isWorkingDay(date)) {
      for (const [open, close] of WORK_WINDOWS) {
        const begin = Math.max(open, clock);
        if (begin >= close) continue;
        if (begin + left <= close) return seoulInstant(date, begin + left);
        left -= close - begin;
        clock = close;
      }
    }
    date = addDays(date, 1);
    clock = 0;
  }
}

/** 민법 제160조: the day before the day in the last month that corresponds to the start
 * day; if that month has no such day, its last day. */
function calendarPeriodEnd(start: IsoDate, months: number): IsoDate {
  const s = parseIsoDate(start)!;
  const total = s.y * 12 + (s.m - 1) + months;
  const y = Math.floor(total / 12),
    m = (total % 12) + 1;
  if (s.d > daysInMonth(y, m)) return ymd(y, m, daysInMonth(y, m));
  return addDays(ymd(y, m, s.d), -1);
}

/** The instant a 민원 processing period ends (the deadline), received at `receivedAt`. */
export function minwonDeadline(receivedAt: Date, period: Period, opts: DeadlineOptions = {}): Date {
  const cal = opts.calendar ?? defaultCalendar;
  const received = seoulDateOf(receivedAt);
  if ('days' in period) {
    const n = period.days;
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`days must be a positive integer, got ${n}`);
    if (n <= 5 && opts.shortPeriodsInHours !== false) return addWorkingMinutes(receivedAt, n * 8 * 60, cal);
    return seoulInstant(addWorkingDays(received, n, cal), 24 * 60);
  }
  // 초일불산입: the period starts the day after receipt.
  const start = addDays(received, 1);
  let end: IsoDate;
  if ('weeks' in period) end = addDays(start, 7 * period.weeks - 1);
  else if ('months' in period) end = calendarPeriodEnd(start, period.months);
  else end = calendarPeriodEnd(start, 12 * period.years);
  // 민법 제161조: ending on a Saturday or 공휴일 moves to the next day (repeatedly).
  return seoulInstant(nextWorkingDay(end, cal), 24 * 60);
}

/** Is a 민원 received at `receivedAt` with this period overdue at instant `at`? */
export function isOverdue(receivedAt: Date, period: Period, at: Date, opts: DeadlineOptions = {}): boolean {
  return at.getTime() > minwonDeadline(receivedAt, period, opts).getTime();
}

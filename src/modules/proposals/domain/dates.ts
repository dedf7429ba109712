// Small civil-date helpers for the workflow, on top of the rules library.
//
// Dates are 'YYYY-MM-DD' strings in Asia/Seoul (the rules library's IsoDate) and instants
// are Date objects. KST is a fixed UTC+9 (no daylight saving since 1988), so converting
// with a fixed offset is exact; this mirrors src/rules/calendar/date.ts, whose helpers
// are not part of the library's public index.
import { seoulDateOf, type HolidayCalendar, type IsoDate } from '../../../rules/index.ts';

const DAY_MS = 86_400_000;
const SEOUL_OFFSET_MS = 9 * 3_600_000;

export { seoulDateOf };

/** Days since 1970-01-01 of a civil date. */
export function dayNumber(date: IsoDate): number {
  const t = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(t) || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`invalid date: ${date}`);
  return t / DAY_MS;
}

export function addDays(date: IsoDate, n: number): IsoDate {
  return new Date((dayNumber(date) + n) * DAY_MS).toISOString().slice(0, 10);
}

/** Whole calendar days from a to b (negative when b is earlier). */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** The instant of 24:00 (Seoul) at the end of a civil date, i.e. the next midnight. */
export function endOfSeoulDay(date: IsoDate): Date {
  return new Date((dayNumber(date) + 1) * DAY_MS - SEOUL_OFFSET_MS);
}

/** The civil date a deadline instant belongs to: 24:00 of day D is shown as D, not D+1. */
export function lastDayOf(deadline: Date): IsoDate {
  return seoulDateOf(new Date(deadline.getTime() - 1));
}

/** The working day `n` working days before `date` (n ≥ 1), skipping weekends and 공휴일. */
export function workingDaysBefore(date: IsoDate, n: number, cal: HolidayCalendar): IsoDate {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, -1);
    if (cal.isWorkingDay(d)) left--;
  }
  return d;
}

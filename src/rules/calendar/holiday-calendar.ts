// HolidayCalendar: the shipped holiday table plus holidays an administrator adds at
// run time (임시공휴일, local closures). The app keeps ad-hoc holidays in its database
// and passes them in; this class never does I/O.
import { isIsoDate, weekday, type IsoDate } from './date.ts';
import { HOLIDAY_DATA, HOLIDAY_DATA_RANGE } from './holidays-data.ts';
import type { Holiday } from './types.ts';

/** Past 임시공휴일 designated by cabinet decision (국무회의). Not applied by default;
 * the app may seed its ad-hoc table with them. Sources: 인사혁신처 announcements. */
export const KNOWN_TEMPORARY_HOLIDAYS: readonly Holiday[] = [
  { date: '2020-08-17', name: '임시공휴일', kind: 'temporary' },
  { date: '2023-10-02', name: '임시공휴일', kind: 'temporary' },
  { date: '2024-10-01', name: '임시공휴일(국군의 날)', kind: 'temporary' },
  { date: '2025-01-27', name: '임시공휴일', kind: 'temporary' },
];

export interface AdHocHoliday {
  date: IsoDate;
  name?: string;
}

const BASE = new Map<IsoDate, Holiday[]>();
for (const [date, name, kind] of HOLIDAY_DATA) BASE.set(date, [...(BASE.get(date) ?? []), { date, name, kind }]);

export class HolidayCalendar {
  readonly #adHoc = new Map<IsoDate, Holiday>();

  constructor(adHoc: readonly AdHocHoliday[] = []) {
    for (const h of adHoc) this.addHoliday(h.date, h.name);
  }

  /** Years covered by the shipped data; outside them only weekends and ad-hoc days count. */
  static readonly range = HOLIDAY_DATA_RANGE;

  addHoliday(date: IsoDate, name = '임시공휴일'): this {
    if (!isIsoDate(date)) throw new RangeError(`invalid date: ${date}`);
    this.#adHoc.set(date, { date, name, kind: 'temporary' });
    return this;
  }

  removeHoliday(date: IsoDate): boolean {
    return this.#adHoc.delete(date);
  }

  /** Holidays on that date (several can coincide, e.g. 어린이날 and 부처님오신날 in 2025). */
  holidaysOn(date: IsoDate): Holiday[] {
    const base = BASE.get(date) ?? [];
    const extra = this.#adHoc.get(date);
    return extra ? [...base, extra] : base;
  }

  isHoliday(date: IsoDate): boolean {
    return BASE.has(date) || this.#adHoc.has(date);
  }

  /** A working day (근무일) is neither Saturday, Sunday nor a public holiday. */
  isWorkingDay(date: IsoDate): boolean {
    const wd = weekday(date);
    return wd !== 0 && wd !== 6 && !this.isHoliday(date);
  }

  /** All holidays in a year, sorted, including ad-hoc ones. */
  holidaysInYear(year: number): Holiday[] {
    const prefix = `${year}-`;
    const out: Holiday[] = [];
    for (const [date, hs] of BASE) if (date.startsWith(prefix)) out.push(...hs);
    for (const h of this.#adHoc.values()) if (h.date.startsWith(prefix)) out.push(h);
    return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  }
}

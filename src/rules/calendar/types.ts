import type { IsoDate } from './date.ts';

export type HolidayKind = 'national' | 'lunar' | 'substitute' | 'election' | 'temporary';

export interface Holiday {
  date: IsoDate;
  /** Korean product name, e.g. '추석', '대체공휴일(개천절)', '임시공휴일'. */
  name: string;
  kind: HolidayKind;
}

export { HolidayCalendar, KNOWN_TEMPORARY_HOLIDAYS } from './holiday-calendar.ts';
export type { AdHocHoliday } from './holiday-calendar.ts';
export type { Holiday, HolidayKind } from './types.ts';
export { HOLIDAY_DATA, HOLIDAY_DATA_RANGE } from './holidays-data.ts';
export {
  addWorkingDays,
  countWorkingDays,
  nextWorkingDay,
  minwonDeadline,
  isOverdue,
  defaultCalendar,
} from './workdays.ts';
export type { Period, DeadlineOptions } from './workdays.ts';
export { seoulDateOf, isIsoDate, type IsoDate } from './date.ts';

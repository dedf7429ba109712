// 만 나이 (international age): completed years since birth on a given day, in Seoul.
// Since 2023-06-28 (행정기본법 제7조의2, 민법 제158조) 만 나이 is the legal default.
// A person born on 29 February turns a year older on 1 March in common years
// (the 민법 counts the birthday as the day after the day before, i.e. 2-28 ends the year).
import { parseIsoDate, seoulDateOf, type IsoDate } from '../calendar/date.ts';

export function manAge(birthDate: IsoDate, on: IsoDate | Date): number {
  const b = parseIsoDate(birthDate);
  const d = parseIsoDate(on instanceof Date ? seoulDateOf(on) : on);
  if (!b) throw new RangeError(`invalid birth date: ${birthDate}`);
  if (!d) throw new RangeError(`invalid date: ${String(on)}`);
  let age = d.y - b.y;
  if (d.m < b.m || (d.m === b.m && d.d < b.d)) age--;
  if (age < 0) throw new RangeError('birth date is after the given day');
  return age;
}

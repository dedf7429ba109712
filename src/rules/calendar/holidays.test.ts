import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { renderHolidayData } from './holidays-data.gen.ts';
import { HOLIDAY_DATA } from './holidays-data.ts';
import { HolidayCalendar, KNOWN_TEMPORARY_HOLIDAYS } from './holiday-calendar.ts';
import { lunarToGregorian } from './holiday-rules.ts';
import { weekday } from './date.ts';

const cal = new HolidayCalendar();
const names = (d: string) => cal.holidaysOn(d).map((h) => h.name);

test('checked-in holiday table equals what the rules generate', () => {
  const file = readFileSync(new URL('./holidays-data.ts', import.meta.url), 'utf8');
  assert.equal(file, renderHolidayData());
});

test('lunar conversion: 2026-09-25 is lunar 8.15 (추석)', () => {
  assert.equal(lunarToGregorian(2026, 8, 15), '2026-09-25');
  assert.equal(lunarToGregorian(2025, 1, 1), '2025-01-29');
  assert.equal(lunarToGregorian(2023, 4, 8), '2023-05-27'); // 2023 had a leap 2nd month
});

test('설날 and 추석 weeks 2025–2026', () => {
  for (const d of ['2025-01-28', '2025-01-29', '2025-01-30']) assert.ok(cal.isHoliday(d), d);
  assert.ok(!cal.isHoliday('2025-01-27'), '2025-01-27 is ad hoc, not in the base table');
  for (const d of ['2025-10-03', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08', '2025-10-09'])
    assert.ok(cal.isHoliday(d), d);
  assert.deepEqual(names('2025-10-08'), ['대체공휴일(추석)']);
  for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-09-24', '2026-09-25', '2026-09-26'])
    assert.ok(cal.isHoliday(d), d);
  assert.ok(!cal.isHoliday('2026-09-28'), '추석 ending on Saturday gives no 대체공휴일');
});

test('대체공휴일 match the published calendars', () => {
  const expected = [
    '2020-01-27',
    '2021-08-16',
    '2021-10-04',
    '2021-10-11',
    '2022-09-12',
    '2022-10-10',
    '2023-01-24',
    '2023-05-29',
    '2024-02-12',
    '2024-05-06',
    '2025-03-03',
    '2025-05-06',
    '2025-10-08',
    '2026-03-02',
    '2026-05-25',
    '2026-08-17',
    '2026-10-05',
  ];
  const actual = HOLIDAY_DATA.filter(([d, , k]) => k === 'substitute' && d < '2027').map(([d]) => d);
  assert.deepEqual(actual, expected);
  // Before the 2023 rule, 성탄절/부처님오신날 on a Sunday gave nothing.
  assert.ok(cal.isWorkingDay('2022-12-26'));
  assert.ok(cal.isWorkingDay('2022-05-09'));
  // 2025-05-05 was both 어린이날 and 부처님오신날: one lost day, one substitute.
  assert.ok(cal.isWorkingDay('2025-05-07'));
  // 2028: 추석 (10-02..10-04) swallows 개천절 → one substitute on 10-05.
  assert.ok(cal.isHoliday('2028-10-05') && cal.isWorkingDay('2028-10-06'));
  for (const [d, , k] of HOLIDAY_DATA) if (k === 'substitute') assert.notEqual(weekday(d), 6, d);
});

test('election days by 공직선거법 §34 and known dates', () => {
  const elections = HOLIDAY_DATA.filter(([, , k]) => k === 'election').map(([d]) => d);
  assert.deepEqual(elections, [
    '2020-04-15',
    '2022-03-09',
    '2022-06-01',
    '2024-04-10',
    '2025-06-03',
    '2026-06-03',
    '2028-04-12',
    '2030-03-27',
    '2030-06-12',
    '2032-04-14',
    '2034-05-31',
    '2035-03-28',
  ]);
});

test('제헌절 is a holiday again from 2026', () => {
  assert.ok(!cal.isHoliday('2025-07-17'));
  assert.ok(cal.isHoliday('2026-07-17'));
});

test('ad-hoc holidays are added at run time', () => {
  const c = new HolidayCalendar([{ date: '2025-01-27' }]);
  assert.ok(c.isHoliday('2025-01-27'));
  assert.deepEqual(
    c.holidaysOn('2025-01-27').map((h) => h.kind),
    ['temporary'],
  );
  c.addHoliday('2025-10-10', '임시공휴일(가정)');
  assert.ok(!c.isWorkingDay('2025-10-10'));
  assert.ok(c.removeHoliday('2025-10-10'));
  assert.ok(c.isWorkingDay('2025-10-10'));
  assert.throws(() => c.addHoliday('2025-02-30'));
  assert.equal(KNOWN_TEMPORARY_HOLIDAYS.length, 4);
  assert.equal(c.holidaysInYear(2025).length, new HolidayCalendar().holidaysInYear(2025).length + 1);
});

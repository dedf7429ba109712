import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HolidayCalendar } from './holiday-calendar.ts';
import { addWorkingDays, countWorkingDays, isOverdue, minwonDeadline, nextWorkingDay } from './workdays.ts';
import { seoulDateOf } from './date.ts';

const kst = (s: string) => new Date(`${s}+09:00`);

test('addWorkingDays counts the first day and skips weekends and holidays', () => {
  assert.equal(addWorkingDays('2026-09-20', 10), '2026-10-07');
  assert.equal(addWorkingDays('2026-09-21', 1), '2026-09-21');
  assert.equal(addWorkingDays('2025-10-01', 3), '2025-10-10');
  assert.equal(addWorkingDays('2025-01-24', 2), '2025-01-27');
  assert.equal(addWorkingDays('2025-01-24', 2, new HolidayCalendar([{ date: '2025-01-27' }])), '2025-01-31');
  assert.throws(() => addWorkingDays('2026-01-01', 0));
});

test('countWorkingDays counts both ends', () => {
  assert.equal(countWorkingDays('2026-09-20', '2026-10-10'), 11);
  assert.equal(countWorkingDays('2025-01-27', '2025-01-31'), 2);
  assert.equal(countWorkingDays('2025-01-27', '2025-01-31', new HolidayCalendar([{ date: '2025-01-27' }])), 1);
  assert.equal(countWorkingDays('2025-10-01', '2025-10-12'), 3);
  assert.equal(countWorkingDays('2026-02-16', '2026-02-20'), 2);
  assert.equal(countWorkingDays('2026-10-10', '2026-09-20'), 0);
  assert.equal(nextWorkingDay('2026-09-24'), '2026-09-28');
});

test('Seoul dates regardless of the server zone', () => {
  assert.equal(seoulDateOf(new Date('2026-09-20T15:30:00Z')), '2026-09-21');
  assert.equal(seoulDateOf(new Date('2026-09-20T14:59:59Z')), '2026-09-20');
});

test('민원 deadline in days (≥ 6): end of the n-th working day, Seoul time', () => {
  const received = kst('2026-09-20T10:00:00');
  const deadline = minwonDeadline(received, { days: 10 });
  assert.equal(deadline.toISOString(), '2026-10-07T15:00:00.000Z');
  assert.equal(isOverdue(received, { days: 10 }, new Date('2026-10-07T14:59:59Z')), false);
  assert.equal(isOverdue(received, { days: 10 }, new Date('2026-10-07T15:00:01Z')), true);
});

test('민원 deadline of 5 days or less runs in working hours (8 h a day)', () => {
  // Friday 16:00 + 8 h: Fri 16–18 (2 h), Mon 9–12 (3 h), 13–16 (3 h).
  assert.equal(
    minwonDeadline(kst('2026-11-20T16:00:00'), { days: 1 }).toISOString(),
    kst('2026-11-23T16:00:00').toISOString(),
  );
  // Received after hours: counting starts next working morning.
  assert.equal(
    minwonDeadline(kst('2026-11-23T20:00:00'), { days: 1 }).toISOString(),
    kst('2026-11-24T18:00:00').toISOString(),
  );
  // The same period counted in days when the caller asks for it.
  assert.equal(
    minwonDeadline(kst('2026-11-20T16:00:00'), { days: 1 }, { shortPeriodsInHours: false }).toISOString(),
    kst('2026-11-21T00:00:00').toISOString(),
  );
});

test('weeks, months and years end by the calendar rule (민법 제157조·제160조·제161조)', () => {
  // 1 week from Thu 09-17: ends Thu 09-24 = 추석 전날 → moves to Mon 09-28.
  assert.equal(
    seoulDateOf(new Date(minwonDeadline(kst('2026-09-17T11:00:00'), { weeks: 1 }).getTime() - 1)),
    '2026-09-28',
  );
  // 1 month from 01-30: period starts 01-31, February has no 31st → 02-28 (Sat) → 03-03 (03-02 대체공휴일).
  assert.equal(
    seoulDateOf(new Date(minwonDeadline(kst('2026-01-30T11:00:00'), { months: 1 }).getTime() - 1)),
    '2026-03-03',
  );
  // 1 month from 03-10 ends 04-10 (a Friday).
  assert.equal(
    seoulDateOf(new Date(minwonDeadline(kst('2026-03-10T11:00:00'), { months: 1 }).getTime() - 1)),
    '2026-04-10',
  );
  // 1 year from 2027-03-09 ends 2028-03-09 (Thursday).
  assert.equal(
    seoulDateOf(new Date(minwonDeadline(kst('2027-03-09T11:00:00'), { years: 1 }).getTime() - 1)),
    '2028-03-09',
  );
});

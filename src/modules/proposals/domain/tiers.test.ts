import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { HolidayCalendar, defaultCalendar } from '../../../rules/index.ts';
import { BoardSettings, Tier } from './settings.ts';
import { PRESETS } from './presets.ts';
import {
  answerDue,
  interimRequirement,
  supportMayReach,
  NEAR_THRESHOLD,
  isProposalOverdue,
  reminderDates,
  supportWindow,
  tierStatus,
  tiersMet,
  tiersToFire,
  type TierProgress,
} from './tiers.ts';
import { lastDayOf, seoulDateOf } from './dates.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const seoul = PRESETS.seoul;
const counts = (supports: number, comments = 0, preAgreements = 0) => ({ supports, comments, preAgreements });

describe('tiers reached', () => {
  it('Seoul: 50 → department, 100 → 공론장, 1,000 → mayor', () => {
    assert.deepEqual(
      tiersMet(seoul, counts(49)).map((t) => t.key),
      [],
    );
    assert.deepEqual(
      tiersMet(seoul, counts(50)).map((t) => t.key),
      ['department'],
    );
    assert.deepEqual(
      tiersMet(seoul, counts(1000)).map((t) => t.key),
      ['department', 'deliberation', 'mayor'],
    );
  });

  it('Suwon counts comments, not supports', () => {
    const s = PRESETS['suwon-question'];
    assert.deepEqual(tiersMet(s, counts(500, 199)), []);
    assert.equal(tiersMet(s, counts(0, 200)).length, 1);
  });

  it('a support just short of the threshold still checks the tiers (its count may miss acts committed beside it)', () => {
    assert.equal(supportMayReach(49, 50), true, 'a snapshot of 49 may be a real 50');
    assert.equal(supportMayReach(50 - NEAR_THRESHOLD, 50), true);
    assert.equal(supportMayReach(49 - NEAR_THRESHOLD, 50), false, 'far below: no extra work on the hot path');
    assert.equal(supportMayReach(5000, null), false, 'no tier left to reach');
  });

  it('fires only new tiers, only while the window is open', () => {
    const w = supportWindow(seoul, kst('2026-09-20T10:00:00'));
    assert.equal(w.closesAt.toISOString(), kst('2026-10-21T00:00:00').toISOString());
    assert.deepEqual(
      tiersToFire(seoul, counts(120), ['department'], w, kst('2026-10-20T23:59:59')).map((t) => t.key),
      ['deliberation'],
    );
    assert.deepEqual(tiersToFire(seoul, counts(120), [], w, kst('2026-10-21T00:00:00')), []);
  });

  it('threshold 0 tiers are owed at once (every 바랍니다 request is answered)', () => {
    const s = PRESETS['saha-request'];
    const w = supportWindow(s, kst('2026-09-20T10:00:00'));
    assert.deepEqual(
      tiersToFire(s, counts(0), [], w, kst('2026-09-20T10:00:00')).map((t) => t.key),
      ['department'],
    );
  });
});

describe('answer due dates', () => {
  const at = kst('2026-09-20T10:00:00');
  it('1 month: 민법 제160조 (ends the day before the corresponding day)', () => {
    assert.equal(answerDue(seoul.tiers[0], at, null)?.dueDate, '2026-10-20');
  });
  it('90 calendar days ending on a Saturday move to Monday (민법 제161조)', () => {
    assert.equal(answerDue(PRESETS['assembly-petition'].tiers[0], at, null)?.dueDate, '2026-12-21');
  });
  it('14 working days skip 추석 and the 개천절 substitute holiday', () => {
    const due = answerDue(PRESETS['saha-request'].tiers[0], kst('2026-09-18T10:00:00'), null)!;
    assert.equal(due.dueDate, '2026-10-13');
    assert.equal(due.dueAt.toISOString(), kst('2026-10-14T00:00:00').toISOString());
  });
  it('uses ad-hoc holidays from the calendar', () => {
    const cal = new HolidayCalendar([{ date: '2026-10-13', name: '임시공휴일' }]);
    assert.equal(
      answerDue(PRESETS['saha-request'].tiers[0], kst('2026-09-18T10:00:00'), null, cal)?.dueDate,
      '2026-10-14',
    );
  });
  it('"after the window closes" counts from the close', () => {
    const t = Tier.parse({
      key: 'x',
      threshold: 1,
      answerer: 'mayor',
      answerDeadline: { days: 30, from: 'window-closed' },
      label: { ko: '가', en: 'a' },
    });
    const close = kst('2026-10-21T00:00:00'); // window's last day is 10-20
    assert.equal(answerDue(t, at, close)?.dueDate, '2026-11-19');
  });
  it('no deadline → null', () => assert.equal(answerDue(seoul.tiers[1], at, null), null));

  it('property: with working days, due dates are always working days', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 365 * 8 }),
        fc.integer({ min: 1, max: 120 }),
        fc.boolean(),
        fc.boolean(),
        (offset, n, working, months) => {
          const reachedAt = new Date(
            kst('2021-01-01T09:30:00').getTime() + offset * 86_400_000 + (offset % 13) * 3_600_000,
          );
          const t = Tier.parse({
            key: 'x',
            threshold: 1,
            answerer: 'department',
            label: { ko: '가', en: 'a' },
            answerDeadline: months ? { months: 1 + (n % 12) } : { days: n, workingDays: working },
          });
          const due = answerDue(t, reachedAt, null)!;
          assert.ok(defaultCalendar.isWorkingDay(due.dueDate), `${due.dueDate} is not a working day`);
          assert.ok(due.dueAt.getTime() > reachedAt.getTime());
          assert.equal(lastDayOf(due.dueAt), due.dueDate);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('overdue, interim answers and reminders', () => {
  const reachedAt = kst('2026-09-20T10:00:00');
  const dueAt = kst('2026-10-21T00:00:00');
  const p: TierProgress = {
    key: 'department',
    answerer: 'department',
    count: 50,
    reachedAt,
    dueAt,
    interimAnswers: [],
    answeredAt: null,
  };

  it('interim answer required once the deadline passes, and again every 30 days', () => {
    assert.equal(interimRequirement(seoul, p, kst('2026-10-20T23:00:00')).required, false);
    assert.deepEqual(interimRequirement(seoul, p, kst('2026-10-21T09:00:00')), { required: true, since: dueAt });
    // an interim answer before the deadline does not count
    assert.equal(
      interimRequirement(seoul, { ...p, interimAnswers: [kst('2026-10-10T09:00:00')] }, kst('2026-10-22T09:00:00'))
        .required,
      true,
    );
    const gave = { ...p, interimAnswers: [kst('2026-10-22T09:00:00')] };
    assert.equal(interimRequirement(seoul, gave, kst('2026-11-20T09:00:00')).required, false);
    assert.equal(interimRequirement(seoul, gave, kst('2026-11-21T09:00:00')).required, true);
    const once = BoardSettings.parse({ interimAnswer: { repeatEveryDays: null } });
    assert.equal(interimRequirement(once, gave, kst('2027-01-01T09:00:00')).required, false);
    assert.equal(
      interimRequirement(seoul, { ...p, answeredAt: kst('2026-11-01T09:00:00') }, kst('2026-12-01T00:00:00')).required,
      false,
    );
  });

  it('reminders fall on working days before the due date', () => {
    // due 2026-10-13 (Tue): 1 working day before is 10-12 (Mon); 5 before skips 한글날 (10-09)
    // and the 개천절 substitute holiday (10-05): 10-08, 10-07, 10-06, 10-02.
    assert.deepEqual(reminderDates(seoul, '2026-10-13'), ['2026-10-02', '2026-10-12']);
  });

  it('status: overdue flag, on-time flag, upcoming reminders', () => {
    const st = tierStatus(seoul, p, kst('2026-10-15T12:00:00'));
    assert.equal(st.overdue, false);
    assert.equal(st.due?.dueDate, '2026-10-20');
    assert.deepEqual(st.upcomingReminders, ['2026-10-19']);
    assert.equal(tierStatus(seoul, p, kst('2026-10-21T00:00:01')).overdue, true);
    assert.equal(isProposalOverdue([p], kst('2026-10-21T00:00:01')), true);
    const late = tierStatus(seoul, { ...p, answeredAt: kst('2026-10-22T10:00:00') }, kst('2026-11-01T00:00:00'));
    assert.equal(late.answeredOnTime, false);
    assert.equal(late.overdue, false);
    assert.equal(seoulDateOf(st.reachedAt), '2026-09-20');
  });
});

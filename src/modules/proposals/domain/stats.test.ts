import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PRESETS } from './presets.ts';
import { answerQueue, median, monthPeriod, monthlyStats, rate, workingDaysAfter, type StatsProposal } from './stats.ts';
import { defaultCalendar } from '../../../rules/index.ts';
import type { TierProgress } from './tiers.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const tier = (reached: string, due: string | null, answered: string | null): TierProgress => ({
  key: 'department',
  answerer: 'department',
  count: 50,
  reachedAt: kst(reached),
  dueAt: due ? kst(due) : null,
  interimAnswers: [],
  answeredAt: answered ? kst(answered) : null,
});
const prop = (id: string, o: Partial<StatsProposal>): StatsProposal => ({
  id,
  kind: 'proposal',
  stage: 'collecting',
  result: null,
  departmentId: 'roads',
  submittedAt: kst('2026-09-05T10:00:00'),
  supporters: 0,
  tiers: [],
  ...o,
});

describe('rate and median', () => {
  it('rounds half-up to one decimal, exactly', () => {
    assert.equal(rate(2, 3).percent, '66.7');
    assert.equal(rate(1, 3).percent, '33.3');
    assert.equal(rate(1, 16).percent, '6.3'); // 6.25 → 6.3 (a float round would give 6.2 or 6.3 by luck)
    assert.equal(rate(1, 8).percent, '12.5');
    assert.equal(rate(0, 5).percent, '0.0');
    assert.equal(rate(7, 7).percent, '100.0');
    assert.equal(rate(0, 0).percent, null);
  });
  it('property: equals exact rational half-up rounding', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (a, b) => {
        const n = Math.min(a, b);
        const exact = (2000n * BigInt(n) + BigInt(b)) / (2n * BigInt(b)); // floor(x + 1/2) with x = 1000n/b
        assert.equal(BigInt(rate(n, b).tenths!), exact);
        const t = rate(n, b).tenths!;
        // |t/10 - 100 n/b| ≤ 0.05
        assert.ok(Math.abs(t * b - 1000 * n) * 2 <= b);
      }),
    );
  });
  it('medians', () => {
    assert.equal(median([]), null);
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
  });
  it('month periods are Seoul months', () => {
    const p = monthPeriod('2026-12');
    assert.equal(p.from.toISOString(), '2026-11-30T15:00:00.000Z');
    assert.equal(p.to.toISOString(), '2026-12-31T15:00:00.000Z');
    assert.throws(() => monthPeriod('2026-13'));
  });
  it('working days after a day', () => {
    assert.equal(workingDaysAfter('2026-09-20', '2026-09-20', defaultCalendar), 0);
    assert.equal(workingDaysAfter('2026-09-19', '2026-10-07', defaultCalendar), 10);
  });
});

describe('monthly statistics', () => {
  const records: StatsProposal[] = [
    // answered on time: reached 09-01, due 10-02 (Fri), answered 09-10 → 9 calendar, 7 working days
    prop('a', {
      stage: 'answered',
      result: 'adopted',
      supporters: 60,
      tiers: [tier('2026-09-01T10:00:00', '2026-10-02T00:00:00', '2026-09-10T15:00:00')],
    }),
    // due in September, answered late in October
    prop('b', {
      stage: 'answered',
      result: 'not-adopted',
      supporters: 55,
      departmentId: 'parks',
      tiers: [tier('2026-08-20T10:00:00', '2026-09-21T00:00:00', '2026-10-05T10:00:00')],
    }),
    // due in September, never answered → counts against the rate and is overdue at month end
    prop('c', {
      stage: 'answering',
      supporters: 70,
      submittedAt: kst('2026-08-10T10:00:00'),
      tiers: [tier('2026-08-25T10:00:00', '2026-09-26T00:00:00', null)],
    }),
    // new in September, no tier
    prop('d', { kind: 'petition', supporters: 3 }),
    // new in October
    prop('e', { submittedAt: kst('2026-10-01T00:00:00'), stage: 'submitted' }),
  ];
  const s = monthlyStats(records, '2026-09');

  it('counts new proposals by kind and stage', () => {
    assert.equal(s.newProposals.total, 3);
    assert.deepEqual(s.newProposals.byKind, { proposal: 2, petition: 1 });
    assert.deepEqual(s.newProposals.byKindAndStage, { proposal: { answered: 2 }, petition: { collecting: 1 } });
    assert.deepEqual(s.allByStage, { answered: 2, answering: 1, collecting: 1, submitted: 1 });
    assert.deepEqual(s.results, { adopted: 1, 'not-adopted': 1 });
    assert.deepEqual(s.supporters, { onNewProposals: 118, total: 188 });
  });

  it('on-time rate is by deadline cohort; medians over answers given', () => {
    assert.deepEqual(s.answers.onTime, { numerator: 0, denominator: 2, tenths: 0, percent: '0.0' });
    assert.equal(s.answers.answered, 1);
    assert.equal(s.answers.medianCalendarDays, 9);
    // 09-02..09-10 working: 2,3,4,7,8,9,10 = 7
    assert.equal(s.answers.medianWorkingDays, 7);
    assert.equal(s.answers.overdueAtEnd, 2);
    const oct = monthlyStats(records, '2026-10');
    assert.equal(oct.answers.onTime.denominator, 1); // 'a' was due 10-02 00:00 = Oct
    assert.equal(oct.answers.onTime.percent, '100.0');
    assert.equal(oct.answers.answeredLate, 1);
    // a deadline at 24:00 on 09-30 belongs to September
    const edge = monthlyStats(
      [prop('g', { tiers: [tier('2026-08-29T10:00:00', '2026-10-01T00:00:00', '2026-09-30T18:00:00')] })],
      '2026-09',
    );
    assert.equal(edge.answers.onTime.percent, '100.0');
    assert.deepEqual(Object.keys(s.byDepartment), ['parks', 'roads']);
    assert.equal(s.byDepartment.parks.onTime.denominator, 1);
  });

  it('answer queue: overdue first, interim answers flagged', () => {
    const q = answerQueue(
      records.concat(prop('f', { tiers: [tier('2026-09-28T10:00:00', '2026-10-29T00:00:00', null)] })),
      PRESETS.seoul,
      kst('2026-10-01T09:00:00'),
    );
    assert.deepEqual(
      q.map((x) => [x.proposalId, x.overdue, x.interimRequired]),
      [
        ['c', true, true],
        ['f', false, false],
      ],
    );
    assert.deepEqual(answerQueue(records, PRESETS.seoul, kst('2026-10-01T09:00:00'), 'parks'), []);
  });
});

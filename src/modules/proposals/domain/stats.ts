// Statistics for the monthly public report, from plain records (the storage layer maps its
// rows to StatsProposal). Exact: counts are integers, percentages are computed in integer
// arithmetic and rounded half-up to one decimal, medians of whole days are whole or .5.
//
// Definitions (shown in the report's footnotes):
// - period: a calendar month in Asia/Seoul, [1st 00:00, next 1st 00:00).
// - new proposals: 접수 (submittedAt) in the period, counted by board kind and current stage.
// - on-time rate: among tier answers whose deadline day fell in the period, the share answered
//   by the deadline (answeredAt ≤ dueAt). The cohort is by *deadline*, so an answer that never
//   comes counts against the department; it is final once the month is over.
// - days to answer: for final answers given in the period, from the day the tier was reached
//   to the day of the answer. Calendar days = the difference of the two Seoul dates (same day
//   = 0). Working days = working days after the reaching day up to and including the answer
//   day (same day = 0; rules library calendar). The median of an even count is the mean of
//   the two middle values.
import { countWorkingDays, defaultCalendar, type HolidayCalendar, type IsoDate } from '../../../rules/index.ts';
import { addDays, daysBetween, seoulDateOf } from './dates.ts';
import type { BoardKind } from './settings.ts';
import type { Result, Stage } from './stages.ts';
import { interimRequirement, type TierProgress } from './tiers.ts';
import type { BoardSettings } from './settings.ts';

export interface StatsProposal {
  id: string;
  kind: BoardKind;
  stage: Stage;
  result: Result | null;
  departmentId: string | null;
  submittedAt: Date | null;
  supporters: number;
  tiers: readonly TierProgress[];
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** Tenths of a percent, rounded half-up (87.5 % → 875); null when the denominator is 0. */
  tenths: number | null;
  /** '87.5' or null. */
  percent: string | null;
}

/** n/d as a percentage with one decimal, rounded half-up, in integers only. */
export function rate(numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < 0) {
    throw new RangeError('rate needs non-negative integers');
  }
  if (denominator === 0) return { numerator, denominator, tenths: null, percent: null };
  // round(1000·n/d) half-up = floor((2000·n + d) / (2·d)), exact in integers.
  const tenths = Math.floor((2000 * numerator + denominator) / (2 * denominator));
  return { numerator, denominator, tenths, percent: `${Math.floor(tenths / 10)}.${tenths % 10}` };
}

/** Median of integers: exact (x or x.5, both representable in binary floating point). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

export interface Period {
  from: Date;
  to: Date; // exclusive
}

/** 'YYYY-MM' → the month in Seoul. */
export function monthPeriod(month: string): Period {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new RangeError(`invalid month: ${month}`);
  const y = Number(m[1]),
    mo = Number(m[2]);
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  return { from: new Date(`${month}-01T00:00:00+09:00`), to: new Date(`${next}-01T00:00:00+09:00`) };
}

const inPeriod = (d: Date | null, p: Period) => !!d && d.getTime() >= p.from.getTime() && d.getTime() < p.to.getTime();

/** Working days after `from` up to and including `to` (0 when on or before `from`). */
export function workingDaysAfter(from: IsoDate, to: IsoDate, cal: HolidayCalendar): number {
  return to <= from ? 0 : countWorkingDays(addDays(from, 1), to, cal);
}

export interface AnswerStats {
  /** Final answers given in the period. */
  answered: number;
  /** Tier deadlines that ended in the period, and how many were met. */
  onTime: Rate;
  medianCalendarDays: number | null;
  medianWorkingDays: number | null;
  /** Answers given in the period after their deadline. */
  answeredLate: number;
  /** Unanswered tiers past their deadline at the end of the period (flagged publicly). */
  overdueAtEnd: number;
}

export interface MonthlyStats {
  month: string;
  newProposals: {
    total: number;
    byKind: Record<string, number>;
    byStage: Record<string, number>;
    byKindAndStage: Record<string, Record<string, number>>;
  };
  /** Every proposal, by its stage now. */
  allByStage: Record<string, number>;
  results: Record<string, number>;
  supporters: { onNewProposals: number; total: number };
  answers: AnswerStats;
  byDepartment: Record<string, AnswerStats>;
}

const bump = (o: Record<string, number>, k: string, n = 1) => {
  o[k] = (o[k] ?? 0) + n;
};

function answerStats(
  items: readonly { p: StatsProposal; t: TierProgress }[],
  period: Period,
  cal: HolidayCalendar,
): AnswerStats {
  const answeredIn = items.filter(({ t }) => inPeriod(t.answeredAt, period));
  // By the due *day*: a deadline at 24:00 of 09-30 is the instant 10-01 00:00 but belongs to September.
  const dueIn = items.filter(({ t }) => t.dueAt && inPeriod(new Date(t.dueAt.getTime() - 1), period));
  const met = dueIn.filter(({ t }) => t.answeredAt && t.answeredAt.getTime() <= t.dueAt!.getTime()).length;
  const cal1 = answeredIn.map(({ t }) => daysBetween(seoulDateOf(t.reachedAt), seoulDateOf(t.answeredAt!)));
  const work = answeredIn.map(({ t }) => workingDaysAfter(seoulDateOf(t.reachedAt), seoulDateOf(t.answeredAt!), cal));
  const end = period.to.getTime();
  return {
    answered: answeredIn.length,
    onTime: rate(met, dueIn.length),
    medianCalendarDays: median(cal1),
    medianWorkingDays: median(work),
    answeredLate: answeredIn.filter(({ t }) => t.dueAt && t.answeredAt!.getTime() > t.dueAt.getTime()).length,
    overdueAtEnd: items.filter(
      ({ t }) =>
        t.dueAt &&
        t.dueAt.getTime() < end &&
        t.reachedAt.getTime() < end &&
        (!t.answeredAt || t.answeredAt.getTime() >= end),
    ).length,
  };
}

export function monthlyStats(
  records: readonly StatsProposal[],
  month: string,
  calendar: HolidayCalendar = defaultCalendar,
): MonthlyStats {
  const period = monthPeriod(month);
  const fresh = records.filter((r) => inPeriod(r.submittedAt, period));
  const newProposals = {
    total: fresh.length,
    byKind: {},
    byStage: {},
    byKindAndStage: {},
  } as MonthlyStats['newProposals'];
  for (const r of fresh) {
    bump(newProposals.byKind, r.kind);
    bump(newProposals.byStage, r.stage);
    bump((newProposals.byKindAndStage[r.kind] ??= {}), r.stage);
  }
  const allByStage: Record<string, number> = {};
  const results: Record<string, number> = {};
  for (const r of records) {
    bump(allByStage, r.stage);
    if (r.result) bump(results, r.result);
  }
  const items = records.flatMap((p) => p.tiers.map((t) => ({ p, t })));
  const depts = new Map<string, typeof items>();
  for (const it of items) {
    const d = it.p.departmentId ?? '(unassigned)';
    if (!depts.has(d)) depts.set(d, []);
    depts.get(d)!.push(it);
  }
  const byDepartment: Record<string, AnswerStats> = {};
  for (const [d, list] of [...depts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    byDepartment[d] = answerStats(list, period, calendar);
  return {
    month,
    newProposals,
    allByStage,
    results,
    supporters: {
      onNewProposals: fresh.reduce((s, r) => s + r.supporters, 0),
      total: records.reduce((s, r) => s + r.supporters, 0),
    },
    answers: answerStats(items, period, calendar),
    byDepartment,
  };
}

export interface QueueItem {
  proposalId: string;
  departmentId: string | null;
  tierKey: string;
  answerer: TierProgress['answerer'];
  reachedAt: Date;
  dueAt: Date | null;
  overdue: boolean;
  interimRequired: boolean;
}

/** A department's answer queue (or every department's, for the planning office): unanswered
 * tiers, overdue first, then by due date; tiers without a deadline last. */
export function answerQueue(
  records: readonly StatsProposal[],
  settings: BoardSettings,
  at: Date,
  departmentId?: string,
): QueueItem[] {
  const out: QueueItem[] = [];
  for (const p of records) {
    if (departmentId !== undefined && p.departmentId !== departmentId) continue;
    for (const t of p.tiers) {
      if (t.answeredAt) continue;
      out.push({
        proposalId: p.id,
        departmentId: p.departmentId,
        tierKey: t.key,
        answerer: t.answerer,
        reachedAt: t.reachedAt,
        dueAt: t.dueAt,
        overdue: !!t.dueAt && at.getTime() > t.dueAt.getTime(),
        interimRequired: interimRequirement(settings, t, at).required,
      });
    }
  }
  const due = (q: QueueItem) => q.dueAt?.getTime() ?? Infinity;
  return out.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || due(a) - due(b) || a.reachedAt.getTime() - b.reachedAt.getTime(),
  );
}

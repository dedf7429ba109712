// Threshold tiers: which are reached, who answers, when the answer is due, what is overdue,
// when an interim answer (중간답변) is owed and when to remind the department.
//
// Due dates are computed once, when the tier is reached, and stored with the tier
// (TierProgress.dueAt): a promise made to citizens must not move if an administrator later
// edits the settings.
import {
  defaultCalendar,
  minwonDeadline,
  nextWorkingDay,
  type HolidayCalendar,
  type IsoDate,
} from '../../../rules/index.ts';
import { addDays, endOfSeoulDay, lastDayOf, seoulDateOf, workingDaysBefore } from './dates.ts';
import {
  tierCountSource,
  type Answerer,
  type BoardSettings,
  type Bilingual,
  type CountSource,
  type Tier,
} from './settings.ts';

export interface Counts {
  supports: number;
  comments: number;
  preAgreements: number;
}

export function countFor(counts: Counts, source: CountSource): number {
  return source === 'supports' ? counts.supports : source === 'comments' ? counts.comments : counts.preAgreements;
}

/** A window in which supports (or pre-agreements) count: [openedAt, closesAt). */
export interface Window {
  openedAt: Date;
  closesAt: Date;
}

/** A window of `days` from `openedAt`. The opening day is not counted (민법 제157조) and the
 * window ends at 24:00 Seoul of the last day, so "30 days" opened on 6-20 closes at the end of
 * 7-20 — the way 국회 and 청와대 petitions show their periods. Weekends are not skipped:
 * citizens support on any day. */
export function windowFrom(openedAt: Date, days: number): Window {
  return { openedAt, closesAt: endOfSeoulDay(addDays(seoulDateOf(openedAt), days)) };
}

export function supportWindow(settings: BoardSettings, openedAt: Date): Window {
  return windowFrom(openedAt, settings.supportWindowDays);
}

export function isWindowOpen(w: Window, at: Date): boolean {
  return at.getTime() >= w.openedAt.getTime() && at.getTime() < w.closesAt.getTime();
}

/** Tiers whose threshold the counts meet, in settings order. Time is not considered. */
export function tiersMet(settings: BoardSettings, counts: Counts): Tier[] {
  return settings.tiers.filter((t) => countFor(counts, tierCountSource(settings, t)) >= t.threshold);
}

/** Tiers to fire `tier-reached` for now: met, not yet reached, and only while the support
 * window is open (a count that arrives after the window closes does not count). */
export function tiersToFire(
  settings: BoardSettings,
  counts: Counts,
  alreadyReached: readonly string[],
  window: Window,
  at: Date,
): Tier[] {
  if (!isWindowOpen(window, at)) return [];
  return tiersMet(settings, counts).filter((t) => !alreadyReached.includes(t.key));
}

/**
 * How far below a threshold a support still checks the tiers. The count a support gets back is its statement's
 * snapshot: batches committing side by side each miss the others' acts, so a crossing can be reported as a count
 * short of the threshold by as many acts as the other batches in flight held. Under load more supports follow and
 * the next one at or past the threshold fires the tier; the miss that matters is the quiet tail (a handful of people
 * supporting in the same instant, then nobody). Eight covers that tail at the cost of at most eight extra tier checks
 * per tier; the daily job checks the exact counts before a window is called expired, for anything wider.
 */
export const NEAR_THRESHOLD = 8;

/** Should a support that brought the count to `count` check the tiers, the next one being at `next`? */
export function supportMayReach(count: number, next: number | null): boolean {
  return next !== null && count >= next - NEAR_THRESHOLD;
}

export interface Due {
  /** The instant the deadline ends (24:00 Seoul of the last day). */
  dueAt: Date;
  /** The last day, as shown to people ("2026-10-07까지"). */
  dueDate: IsoDate;
}

/** When the answer for a tier is due, or null when the tier has no deadline. */
export function answerDue(
  tier: Tier,
  reachedAt: Date,
  windowClosesAt: Date | null,
  calendar: HolidayCalendar = defaultCalendar,
): Due | null {
  const d = tier.answerDeadline;
  if (!d) return null;
  // "after the window closes": the period is received at the window's last instant, so the
  // closing day itself is the uncounted first day.
  let start = reachedAt;
  if (d.from === 'window-closed' && windowClosesAt && windowClosesAt.getTime() - 1 > reachedAt.getTime()) {
    start = new Date(windowClosesAt.getTime() - 1);
  }
  let dueAt: Date;
  if (d.months !== undefined) {
    dueAt = minwonDeadline(start, { months: d.months }, { calendar });
  } else if (d.workingDays) {
    // Answers are due on a day, never at an hour: count short periods in days too.
    dueAt = minwonDeadline(start, { days: d.days! }, { calendar, shortPeriodsInHours: false });
  } else {
    // Calendar days (민법 제157조, 제161조): first day not counted, moved off weekends/공휴일.
    dueAt = endOfSeoulDay(nextWorkingDay(addDays(seoulDateOf(start), d.days!), calendar));
  }
  return { dueAt, dueDate: lastDayOf(dueAt) };
}

/** A reached tier as stored with the proposal. */
export interface TierProgress {
  key: string;
  answerer: Answerer;
  /** The count when the tier was reached, for the record. */
  count: number;
  reachedAt: Date;
  dueAt: Date | null;
  /** 중간답변 times, ascending. */
  interimAnswers: Date[];
  /** Final answer time; null while unanswered. */
  answeredAt: Date | null;
}

/** An interim answer is owed when the deadline has passed unanswered and no interim answer has
 * been given since (one given before the deadline does not count: it promised the deadline),
 * and again every `repeatEveryDays` days after the last one. */
export function interimRequirement(
  settings: BoardSettings,
  p: TierProgress,
  at: Date,
): { required: boolean; since: Date | null } {
  const no = { required: false, since: null };
  if (p.answeredAt || !p.dueAt || !settings.interimAnswer.whenOverdue) return no;
  if (at.getTime() <= p.dueAt.getTime()) return no;
  const after = p.interimAnswers.filter((t) => t.getTime() >= p.dueAt!.getTime());
  if (after.length === 0) return { required: true, since: p.dueAt };
  const every = settings.interimAnswer.repeatEveryDays;
  if (every === null) return no;
  const last = Math.max(...after.map((t) => t.getTime()));
  const next = new Date(last + every * 86_400_000);
  return at.getTime() >= next.getTime() ? { required: true, since: next } : no;
}

/** Working days on which to remind the department, ascending, each strictly before the due date. */
export function reminderDates(
  settings: BoardSettings,
  dueDate: IsoDate,
  calendar: HolidayCalendar = defaultCalendar,
): IsoDate[] {
  const days = new Set(settings.reminders.leadWorkingDays.map((n) => workingDaysBefore(dueDate, n, calendar)));
  return [...days].sort();
}

export interface TierStatus {
  key: string;
  answerer: Answerer;
  label: Bilingual;
  reachedAt: Date;
  due: Due | null;
  answeredAt: Date | null;
  /** true/false once answered with a deadline; null otherwise. */
  answeredOnTime: boolean | null;
  /** Unanswered past the deadline at `at`: flagged publicly. */
  overdue: boolean;
  interimRequired: boolean;
  interimRequiredSince: Date | null;
  /** Reminder days still ahead of (or on) `at`'s date while unanswered. */
  upcomingReminders: IsoDate[];
}

const UNKNOWN_LABEL: Bilingual = { ko: '답변', en: 'Answer' };

export function tierStatus(
  settings: BoardSettings,
  p: TierProgress,
  at: Date,
  calendar: HolidayCalendar = defaultCalendar,
): TierStatus {
  const tier = settings.tiers.find((t) => t.key === p.key);
  const due = p.dueAt ? { dueAt: p.dueAt, dueDate: lastDayOf(p.dueAt) } : null;
  const interim = interimRequirement(settings, p, at);
  const today = seoulDateOf(at);
  return {
    key: p.key,
    answerer: p.answerer,
    label: tier?.label ?? UNKNOWN_LABEL, // a tier removed from settings keeps its history
    reachedAt: p.reachedAt,
    due,
    answeredAt: p.answeredAt,
    answeredOnTime: p.answeredAt && p.dueAt ? p.answeredAt.getTime() <= p.dueAt.getTime() : null,
    overdue: !p.answeredAt && !!p.dueAt && at.getTime() > p.dueAt.getTime(),
    interimRequired: interim.required,
    interimRequiredSince: interim.since,
    upcomingReminders:
      due && !p.answeredAt ? reminderDates(settings, due.dueDate, calendar).filter((d) => d >= today) : [],
  };
}

/** Is any reached tier of a proposal overdue at `at`? */
export function isProposalOverdue(tiers: readonly TierProgress[], at: Date): boolean {
  return tiers.some((p) => !p.answeredAt && !!p.dueAt && at.getTime() > p.dueAt.getTime());
}

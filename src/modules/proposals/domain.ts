// The rules of the 제안합니다 board as pure functions: what a valid proposal, comment and answer are, what the
// PII guard decides, and the status a citizen sees.
import { z } from 'zod';
import { guardText, evaluateEligibility, type GuardResult, type EligibilityResult, type EligibilityRuleInput } from '../../rules/index.ts';
import { hasRole, type Actor } from '../../platform/permissions.ts';
import type { HolidayCalendar } from '../../rules/index.ts';
import { answerDue, Tier, RESULTS, ADOPTING_RESULTS, type Due, type Result, type Stage } from './workflow/index.ts';
import { cleanText } from '../../platform/http/validate.ts';
import type { ProposalBoardSettings } from './manifest.ts';

const text = (min: number, max: number) => z.preprocess(cleanText, z.string().min(min).max(max));

export const ProposalInput = z.object({ title: text(4, 120), body: text(10, 5000) });
export const CommentInput = z.object({
  body: text(1, 2000),
  stance: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(['pro', 'con']).nullable()),
  parent: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().positive().nullable()),
});
export const AnswerInput = z.object({
  kind: z.enum(['interim', 'final']),
  body: text(10, 10000),
  result: z.preprocess((v) => (v === '' ? undefined : v), z.enum(RESULTS).optional()),
}).refine((a) => a.kind === 'interim' || a.result !== undefined, { path: ['result'], message: 'required' });

export type ProposalStatus = 'open' | 'held' | 'answered' | 'closed';

/** Status as the public sees it: the support window closes by itself at closes_at. */
export function publicStatus(stored: string, closesAt: Date | null, now = new Date()): ProposalStatus {
  if (stored === 'held' || stored === 'answered') return stored;
  if (closesAt && closesAt.getTime() <= now.getTime()) return 'closed';
  return 'open';
}

export const closesAtFor = (s: ProposalBoardSettings, from = new Date()) => new Date(from.getTime() + s.supportWindowDays * 86_400_000);

export interface PiiVerdict { decision: GuardResult['decision']; fields: Record<string, string>; message: { ko: string; en: string } | null }

/** Runs the PII guard over every published field; the strictest decision wins (block > hold > mask). */
export function guardFields(fields: Record<string, string>, action: ProposalBoardSettings['piiAction']): PiiVerdict {
  const out: Record<string, string> = {};
  const messages: { ko: string[]; en: string[] } = { ko: [], en: [] };
  let decision: GuardResult['decision'] = 'publish';
  for (const [name, value] of Object.entries(fields)) {
    const r = guardText(value, { action });
    out[name] = r.text;
    if (r.decision !== 'publish') {
      decision = r.decision;
      messages.ko.push(r.message.ko);
      messages.en.push(r.message.en);
    }
  }
  return { decision, fields: out, message: decision === 'publish' ? null : { ko: messages.ko.join('\n'), en: messages.en.join('\n') } };
}

/** Keyset pagination: pages stay fast at any depth because the database seeks instead of counting rows to skip. */
export interface Cursor { createdAt: string; id: number }
export const encodeCursor = (c: Cursor) => Buffer.from(`${c.createdAt}|${c.id}`).toString('base64url');
export function decodeCursor(s: string | undefined): Cursor | null {
  if (!s || s.length > 100) return null;
  const [createdAt, id] = Buffer.from(s, 'base64url').toString('utf8').split('|');
  const n = Number(id);
  return createdAt && !Number.isNaN(Date.parse(createdAt)) && Number.isInteger(n) && n > 0 ? { createdAt, id: n } : null;
}

export type Action = 'write' | 'support' | 'comment';

/** The board's eligibility rule for one action, in the rules library's terms. */
export function ruleFor(s: ProposalBoardSettings, action: Action): EligibilityRuleInput {
  const minAge = { write: s.writeMinAge, support: s.supportMinAge, comment: s.commentMinAge }[action];
  return {
    ...(minAge > 0 ? { minAge } : {}),
    ...(s.areaCode && action !== 'comment' ? { areas: { codes: [s.areaCode] } } : {}),
  };
}

/** May this person do this now? The refusal carries its reason in Korean and English. */
export function eligibility(s: ProposalBoardSettings, action: Action, actor: Actor, on = new Date()): EligibilityResult {
  return evaluateEligibility(ruleFor(s, action), {
    id: String(actor.id), birthDate: actor.birthDate ?? undefined,
    areas: actor.areaCode ? { residence: [actor.areaCode] } : {}, isOfficial: hasRole(actor, 'official'),
  }, on);
}

/** The department-answer tier of this board, in the workflow core's terms. */
export function departmentTier(s: ProposalBoardSettings): Tier {
  const n = s.answerDeadlineLength;
  const answerDeadline = s.answerDeadlineUnit === 'months' ? { months: n } : { days: n, workingDays: s.answerDeadlineUnit === 'working-days' };
  return Tier.parse({ key: 'department', threshold: s.answerThreshold, answerer: 'department', answerDeadline, label: { ko: '부서 답변', en: 'Department answer' } });
}

/** When the department's answer is due if the threshold was reached at `reachedAt`. */
export const departmentDue = (s: ProposalBoardSettings, reachedAt: Date, calendar: HolidayCalendar): Due | null =>
  answerDue(departmentTier(s), reachedAt, null, calendar);

export type DeadlineState = 'none' | 'pending' | 'interim-required' | 'overdue-interim-given' | 'answered-on-time' | 'answered-late';

/** Where the answer stands at `now`: overdue items are flagged publicly, and a 중간답변 is owed once the due date passes. */
export function deadlineState(p: { answer_due_at: Date | null; interim_at: Date | null; answered_at: Date | null }, now = new Date()): DeadlineState {
  if (!p.answer_due_at) return 'none';
  const due = new Date(p.answer_due_at).getTime();
  if (p.answered_at) return new Date(p.answered_at).getTime() <= due ? 'answered-on-time' : 'answered-late';
  if (now.getTime() <= due) return 'pending';
  return p.interim_at && new Date(p.interim_at).getTime() > due ? 'overdue-interim-given' : 'interim-required';
}

export interface TrackerStep { stage: Stage; status: 'done' | 'current' | 'upcoming'; at: Date | null }

/**
 * The stage tracker everyone sees: 접수 → 공감 모집 → 답변 대기 → 답변 완료 → 이행, or 기간 만료 when the window
 * closed below the threshold. Derived from the stored dates, so it never disagrees with them.
 */
export function trackerOf(p: { created_at: Date; closes_at: Date | null; status: string; tier_reached_at: Date | null; answered_at: Date | null; result: string | null }, now = new Date()): TrackerStep[] {
  const closed = p.closes_at !== null && new Date(p.closes_at).getTime() <= now.getTime();
  const expired = closed && !p.tier_reached_at && !p.answered_at;
  const adopting = p.result !== null && ADOPTING_RESULTS.includes(p.result as Result);
  const steps: { stage: Stage; at: Date | null; reached: boolean }[] = [
    { stage: 'submitted', at: p.created_at, reached: true },
    { stage: 'collecting', at: p.created_at, reached: p.status !== 'held' },
    ...(expired ? [{ stage: 'expired' as Stage, at: p.closes_at, reached: true }] : [
      { stage: 'answering' as Stage, at: p.tier_reached_at, reached: !!p.tier_reached_at },
      { stage: 'answered' as Stage, at: p.answered_at, reached: !!p.answered_at },
      ...(p.result === null || adopting ? [{ stage: 'implementing' as Stage, at: null, reached: false }] : []),
    ]),
  ];
  const last = steps.map((s) => s.reached).lastIndexOf(true);
  return steps.map((s, i) => ({ stage: s.stage, at: s.reached ? s.at : null, status: i < last ? 'done' : i === last ? 'current' : 'upcoming' }));
}

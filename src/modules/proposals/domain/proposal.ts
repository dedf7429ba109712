// The rules of the 제안합니다 board as pure functions: what a valid proposal, comment and answer are, what the
// PII guard decides, and the status a citizen sees.
import { z } from 'zod';
import {
  evaluateEligibility,
  type GuardResult,
  type EligibilityResult,
  type EligibilityRuleInput,
} from '../../../rules/index.ts';
import { hasRole, type Actor } from '../../../platform/permissions.ts';
import { RESULTS, checkText, type BoardSettings, type Stage } from './index.ts';
import { cleanText } from '../../../platform/http/validate.ts';
import type { ProposalBoardSettings } from '../board.ts';

const text = (min: number, max: number) => z.preprocess(cleanText, z.string().min(min).max(max));

const optional = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() ? v.trim() : null),
  z.string().max(100).nullable(),
);
export const ProposalInput = z.object({ title: text(4, 120), body: text(10, 5000), topic: optional, area: optional });
export const ImplementationInput = z.object({
  body: text(10, 5000),
  progress: z.preprocess(
    (v) => (v === '' || v === undefined ? null : Number(v)),
    z.number().int().min(0).max(100).nullable(),
  ),
  completed: z.preprocess((v) => v === 'on' || v === '1' || v === 'true', z.boolean()),
});
export const CommentInput = z.object({
  body: text(1, 2000),
  stance: z.preprocess((v) => (v === '' || v === undefined ? null : v), z.enum(['pro', 'con']).nullable()),
  parent: z.preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().positive().nullable()),
});
export const AnswerInput = z
  .object({
    tier: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/),
    kind: z.enum(['interim', 'final']),
    body: text(10, 10000),
    result: z.preprocess((v) => (v === '' ? undefined : v), z.enum(RESULTS).optional()),
  })
  .refine((a) => a.kind === 'interim' || a.result !== undefined, { path: ['result'], message: 'required' });

/** The stage a reader sees: a window that closed with no tier reached reads as 기간 만료 even before the daily job
 * records the expiry (the job makes it so on the record). */
export function effectiveStage(
  p: { stage: string; closes_at: Date | null; reached_tiers: string[] | null },
  now = new Date(),
): Stage {
  const open = p.stage === 'collecting' || p.stage === 'pre-agreement';
  if (open && p.closes_at && new Date(p.closes_at).getTime() <= now.getTime() && !(p.reached_tiers ?? []).length)
    return 'expired';
  return p.stage as Stage;
}

export interface PiiVerdict {
  decision: GuardResult['decision'];
  fields: Record<string, string>;
  message: { ko: string; en: string } | null;
}

/**
 * Runs the PII guard (the core's checkText, with the board's policy: its action and the numbers and domains it
 * publishes on purpose) over every published field; the strictest decision wins (block > hold > mask). `action`
 * overrides the board's (comments cannot wait for a moderator: 'hold' blocks them).
 */
export function guardFields(
  fields: Record<string, string>,
  rules: BoardSettings,
  action?: BoardSettings['pii']['action'],
): PiiVerdict {
  const policy = action && action !== rules.pii.action ? { ...rules, pii: { ...rules.pii, action } } : rules;
  const out: Record<string, string> = {};
  const messages: { ko: string[]; en: string[] } = { ko: [], en: [] };
  let decision: GuardResult['decision'] = 'publish';
  for (const [name, value] of Object.entries(fields)) {
    const r = checkText(value, policy);
    out[name] = r.text;
    if (r.decision !== 'publish') {
      decision = r.decision;
      messages.ko.push(r.message.ko);
      messages.en.push(r.message.en);
    }
  }
  return {
    decision,
    fields: out,
    message: decision === 'publish' ? null : { ko: messages.ko.join('\n'), en: messages.en.join('\n') },
  };
}

/** Keyset pagination: pages stay fast at any depth because the database seeks instead of counting rows to skip.
 * The key is the sort column's value of the last row (a time or a count), the id breaks ties. */
export interface Cursor {
  key: string;
  id: number;
}
export const encodeCursor = (c: Cursor) => Buffer.from(`${c.key}|${c.id}`).toString('base64url');
/**
 * The `after=` of a list page, as encodeCursor wrote it for this sort: a count for 'supported', else an instant exactly as
 * toISOString prints it (Date.parse takes '2024', '1 1' or '+275760-09-13', which PostgreSQL refuses: a 500). Anything
 * else is no cursor (the first page).
 */
export function decodeCursor(s: string | undefined, numeric = false): Cursor | null {
  if (!s || s.length > 100 || !/^[\w-]+$/.test(s)) return null;
  const parts = Buffer.from(s, 'base64url').toString('utf8').split('|');
  if (parts.length !== 2) return null;
  const [key, id] = parts;
  const valid = numeric
    ? /^\d{1,9}$/.test(key)
    : /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(key) &&
      !Number.isNaN(Date.parse(key)) &&
      new Date(key).toISOString() === key;
  const n = /^\d{1,10}$/.test(id) ? Number(id) : NaN;
  return valid && n > 0 && n <= 2_147_483_647 ? { key, id: n } : null;
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
export function eligibility(
  s: ProposalBoardSettings,
  action: Action,
  actor: Actor,
  on = new Date(),
): EligibilityResult {
  return evaluateEligibility(
    ruleFor(s, action),
    {
      id: String(actor.id),
      birthDate: actor.birthDate ?? undefined,
      areas: actor.areaCode ? { residence: [actor.areaCode] } : {},
      isOfficial: hasRole(actor, 'official'),
    },
    on,
  );
}

export type DeadlineState =
  | 'none'
  | 'pending'
  | 'interim-required'
  | 'overdue-interim-given'
  | 'answered-on-time'
  | 'answered-late';

/** Where one tier's answer stands at `now`: overdue items are flagged publicly, and a 중간답변 is owed once the due
 * date passes (one given before the deadline does not count). */
export function deadlineState(
  t: { due_at: Date | null; interim_answers: (Date | string)[] | null; answered_at: Date | null },
  now = new Date(),
): DeadlineState {
  if (!t.due_at) return 'none';
  const due = new Date(t.due_at).getTime();
  if (t.answered_at) return new Date(t.answered_at).getTime() <= due ? 'answered-on-time' : 'answered-late';
  if (now.getTime() <= due) return 'pending';
  return (t.interim_answers ?? []).some((x) => new Date(x).getTime() > due)
    ? 'overdue-interim-given'
    : 'interim-required';
}

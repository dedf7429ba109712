// The proposal lifecycle: a pure transition function over the data in stages.ts.
//
//   transition(state, event, ctx) → { ok: true, state, audit } | { ok: false, code, message }
//
// It never reads a clock or a database: the time, the actor, the settings and the holiday
// calendar come in `ctx`. The audit draft says who did what and why, with the state before
// and after, so the caller only has to add ids and store it.
import { z } from 'zod';
import { defaultCalendar, type HolidayCalendar } from '../../../rules/index.ts';
import { findTier, type Bilingual, type BoardKind, type BoardSettings } from './settings.ts';
import {
  ADOPTING_RESULTS,
  MAIN_PATH,
  RESULTS,
  STAGE_LABELS,
  TERMINAL_STAGES,
  TRANSITIONS,
  ANSWER_ROLES,
  type EventKey,
  type Result,
  type Role,
  type Stage,
} from './stages.ts';
import { answerDue, isWindowOpen, supportWindow, windowFrom, type TierProgress, type Window } from './tiers.ts';

export * from './stages.ts';

/** 정책실명제: every official answer names its department, position, official and extension
 * (the seed documents write `박사승 2050`, `신성용(3860)`). */
export const OfficialSignature = z.object({
  department: z.string().min(1),
  position: z.string().min(1),
  name: z.string().min(1),
  extension: z.string().regex(/^\d{3,4}$/, '3–4 digit extension'),
});
export type OfficialSignature = z.infer<typeof OfficialSignature>;

/** Where a 민원 should go instead, e.g. 국민신문고 with a link. */
export interface MinwonPointer {
  label: Bilingual;
  url?: string;
}

export type ScreenOutcome =
  | { kind: 'suitable' }
  | { kind: 'duplicate-of'; proposalId: string }
  | { kind: 'out-of-scope'; reason: string }
  | { kind: 'transfer'; departmentId: string; reason: string }
  | { kind: 'is-minwon'; pointer: MinwonPointer };

export type ProposalEvent =
  | { type: 'submit' }
  | { type: 'pre-agreements-reached'; count: number }
  | { type: 'accept'; departmentId?: string }
  | { type: 'screen'; outcome: ScreenOutcome }
  | { type: 'open-support' }
  | { type: 'tier-reached'; tier: string; count: number }
  | { type: 'interim-answer'; tier?: string; signedBy: OfficialSignature }
  | { type: 'final-answer'; tier?: string; result: Result; signedBy: OfficialSignature }
  | { type: 'implementation-update'; completed?: boolean; progress?: number }
  | { type: 'expire' }
  | { type: 'reject'; reason: string }
  | { type: 'withdraw' };

export type ClosureCode = 'expired' | 'rejected' | 'out-of-scope' | 'duplicate' | 'minwon' | 'withdrawn';

export interface ProposalState {
  id: string;
  authorId: string;
  kind: BoardKind;
  stage: Stage;
  departmentId: string | null;
  /** When each stage was last entered, for the stage tracker. */
  enteredAt: Partial<Record<Stage, Date>>;
  preAgreement: Window | null;
  screenedSuitable: boolean;
  support: Window | null;
  tiers: TierProgress[];
  result: Result | null;
  closure: { code: ClosureCode; reason: string | null; duplicateOf?: string; pointer?: MinwonPointer } | null;
  implementation: { updates: number; lastAt: Date | null; progress: number | null };
}

/** A signed-in person or the scheduler. `citizen-author` and
 * `department-official-of-assigned-dept` are derived from the proposal. */
export interface Actor {
  id: string;
  roles: readonly ('citizen' | 'department-official' | 'planning-office' | 'moderator' | 'admin' | 'system')[];
  departmentId?: string;
}

export interface TransitionContext {
  at: Date;
  actor: Actor;
  settings: BoardSettings;
  calendar?: HolidayCalendar;
  /** Why, for the audit log, when the event has no reason of its own. */
  reason?: string;
}

export interface Snapshot {
  stage: Stage;
  departmentId: string | null;
  result: Result | null;
}

export interface AuditDraft {
  action: `proposal.${EventKey}`;
  proposalId: string;
  actorId: string;
  /** The role that allowed it. */
  role: Role;
  at: Date;
  reason: string | null;
  before: Snapshot;
  after: Snapshot;
  /** The event payload, for the record. */
  data: ProposalEvent;
}

export type RefusalCode =
  | 'wrong-stage'
  | 'forbidden'
  | 'reason-required'
  | 'unknown-tier'
  | 'tier-already-reached'
  | 'threshold-not-met'
  | 'window-closed'
  | 'window-open'
  | 'not-screened'
  | 'no-department'
  | 'no-pending-tier'
  | 'tiers-reached'
  | 'not-adoptable'
  | 'invalid-signature'
  | 'same-department'
  | 'not-long-term-review';

export type TransitionResult =
  | { ok: true; state: ProposalState; audit: AuditDraft }
  | { ok: false; code: RefusalCode; message: Bilingual };

export function newProposal(p: {
  id: string;
  authorId: string;
  kind: BoardKind;
  createdAt: Date;
  departmentId?: string;
}): ProposalState {
  return {
    id: p.id,
    authorId: p.authorId,
    kind: p.kind,
    stage: 'draft',
    departmentId: p.departmentId ?? null,
    enteredAt: { draft: p.createdAt },
    preAgreement: null,
    screenedSuitable: false,
    support: null,
    tiers: [],
    result: null,
    closure: null,
    implementation: { updates: 0, lastAt: null, progress: null },
  };
}

export function eventKey(e: ProposalEvent): EventKey {
  return e.type === 'screen' ? `screen:${e.outcome.kind}` : e.type;
}

export function actorHoldsRole(actor: Actor, role: Role, state: ProposalState): boolean {
  if (role === 'citizen-author') return actor.id === state.authorId;
  if (role === 'department-official-of-assigned-dept') {
    return (
      actor.roles.includes('department-official') &&
      state.departmentId !== null &&
      actor.departmentId === state.departmentId
    );
  }
  return actor.roles.includes(role);
}

/** Event keys the actor may fire from the current stage (for buttons; payload rules aside). */
export function allowedEvents(state: ProposalState, actor: Actor): EventKey[] {
  return (Object.keys(TRANSITIONS) as EventKey[]).filter((k) => {
    const r = TRANSITIONS[k];
    return r.from.includes(state.stage) && r.roles.some((role) => actorHoldsRole(actor, role, state));
  });
}

const refuse = (code: RefusalCode, ko: string, en: string): TransitionResult => ({
  ok: false,
  code,
  message: { ko, en },
});

function snapshot(s: ProposalState): Snapshot {
  return { stage: s.stage, departmentId: s.departmentId, result: s.result };
}

function enter(s: ProposalState, stage: Stage, at: Date): ProposalState {
  return stage === s.stage ? s : { ...s, stage, enteredAt: { ...s.enteredAt, [stage]: at } };
}

/** The tier an answer is for: the named one, else the unanswered one due first. */
function pendingTier(s: ProposalState, key: string | undefined): TierProgress | undefined {
  const open = s.tiers.filter((t) => !t.answeredAt && (key === undefined || t.key === key));
  return open.sort((a, b) => (a.dueAt?.getTime() ?? Infinity) - (b.dueAt?.getTime() ?? Infinity))[0];
}

function eventReason(e: ProposalEvent): string | null {
  if (e.type === 'reject') return e.reason;
  if (e.type === 'screen' && (e.outcome.kind === 'out-of-scope' || e.outcome.kind === 'transfer'))
    return e.outcome.reason;
  return null;
}

export function transition(state: ProposalState, event: ProposalEvent, ctx: TransitionContext): TransitionResult {
  const key = eventKey(event);
  const rule = TRANSITIONS[key];
  if (!rule) return refuse('wrong-stage', '알 수 없는 처리입니다.', 'Unknown event.');
  if (!rule.from.includes(state.stage)) {
    const st = STAGE_LABELS[state.stage];
    return refuse(
      'wrong-stage',
      `'${st.ko}' 단계에서는 할 수 없는 처리입니다.`,
      `Not possible at the '${st.en}' stage.`,
    );
  }
  let role = rule.roles.find((r) => actorHoldsRole(ctx.actor, r, state));
  if (role && (event.type === 'interim-answer' || event.type === 'final-answer')) {
    // An answer is the answer of one tier: its answerer decides who may post it (ANSWER_ROLES).
    const tier =
      pendingTier(state, event.tier) ??
      (event.tier ? state.tiers.find((t) => t.key === event.tier) : state.tiers.at(-1));
    if (tier) role = ANSWER_ROLES[tier.answerer].find((r) => actorHoldsRole(ctx.actor, r, state));
  }
  if (!role) return refuse('forbidden', '이 처리를 할 권한이 없습니다.', 'You are not allowed to do this.');
  const reason = (eventReason(event) ?? ctx.reason ?? '').trim() || null;
  if (rule.reasonRequired && !reason)
    return refuse('reason-required', '사유를 입력해 주세요.', 'Please give a reason.');

  const next = apply(state, event, ctx);
  if ('code' in next) return { ok: false, ...next };
  return {
    ok: true,
    state: next,
    audit: {
      action: `proposal.${key}`,
      proposalId: state.id,
      actorId: ctx.actor.id,
      role,
      at: ctx.at,
      reason,
      before: snapshot(state),
      after: snapshot(next),
      data: event,
    },
  };
}

type Refusal = { code: RefusalCode; message: Bilingual };
const no = (code: RefusalCode, ko: string, en: string): Refusal => ({ code, message: { ko, en } });

function apply(s: ProposalState, e: ProposalEvent, ctx: TransitionContext): ProposalState | Refusal {
  const { at, settings } = ctx;
  const cal = ctx.calendar ?? defaultCalendar;
  switch (e.type) {
    case 'submit': {
      const pre = settings.prePublication;
      if (pre) return { ...enter(s, 'pre-agreement', at), preAgreement: windowFrom(at, pre.windowDays) };
      return enter(s, 'submitted', at);
    }
    case 'pre-agreements-reached': {
      const need = settings.prePublication?.agreements ?? 0;
      if (e.count < need)
        return no('threshold-not-met', `사전동의 ${need}명이 필요합니다.`, `${need} pre-agreements are needed.`);
      if (s.preAgreement && !isWindowOpen(s.preAgreement, at))
        return no('window-closed', '사전동의 기간이 끝났습니다.', 'The pre-agreement period has ended.');
      return enter(s, 'submitted', at);
    }
    case 'accept':
      return { ...enter(s, 'screening', at), departmentId: e.departmentId ?? s.departmentId };
    case 'screen': {
      const o = e.outcome;
      switch (o.kind) {
        case 'suitable':
          return { ...s, screenedSuitable: true };
        case 'duplicate-of':
          return {
            ...enter(s, 'merged', at),
            closure: { code: 'duplicate', reason: ctx.reason ?? null, duplicateOf: o.proposalId },
          };
        case 'out-of-scope':
          return { ...enter(s, 'rejected', at), closure: { code: 'out-of-scope', reason: o.reason } };
        case 'is-minwon':
          return {
            ...enter(s, 'redirected', at),
            closure: { code: 'minwon', reason: ctx.reason ?? null, pointer: o.pointer },
          };
        case 'transfer':
          if (o.departmentId === s.departmentId)
            return no('same-department', '이미 담당 부서입니다.', 'Already the assigned department.');
          return { ...s, departmentId: o.departmentId };
      }
      break;
    }
    case 'open-support':
      if (!s.screenedSuitable)
        return no('not-screened', '적정성 검토가 끝나지 않았습니다.', 'Screening is not finished.');
      // A board that screens at the threshold publishes before anyone is assigned.
      if (!s.departmentId && settings.screening === 'before-support')
        return no('no-department', '담당 부서가 정해지지 않았습니다.', 'No department is assigned.');
      return { ...enter(s, 'collecting', at), support: supportWindow(settings, at) };
    case 'tier-reached': {
      const tier = findTier(settings, e.tier);
      if (!tier) return no('unknown-tier', '알 수 없는 단계 기준입니다.', 'Unknown tier.');
      if (s.tiers.some((t) => t.key === tier.key))
        return no('tier-already-reached', '이미 도달한 기준입니다.', 'Tier already reached.');
      if (e.count < tier.threshold)
        return no('threshold-not-met', `${tier.threshold} 이상이 필요합니다.`, `${tier.threshold} needed.`);
      if (!s.support || !isWindowOpen(s.support, at))
        return no('window-closed', '공감 기간이 아닙니다.', 'The support window is not open.');
      const due = answerDue(tier, at, s.support.closesAt, cal);
      const progress: TierProgress = {
        key: tier.key,
        answerer: tier.answerer,
        count: e.count,
        reachedAt: at,
        dueAt: due?.dueAt ?? null,
        interimAnswers: [],
        answeredAt: null,
      };
      return { ...enter(s, 'answering', at), tiers: [...s.tiers, progress] };
    }
    case 'interim-answer':
    case 'final-answer': {
      if (!OfficialSignature.safeParse(e.signedBy).success) {
        return no(
          'invalid-signature',
          '답변에는 부서, 직위, 성명, 내선번호가 필요합니다.',
          'An answer needs department, position, name and extension.',
        );
      }
      if (e.type === 'final-answer' && s.stage === 'answered') {
        // Settling a 장기검토 answer: the tier keeps its first answer time (on-time statistics).
        if (s.result !== 'long-term-review')
          return no('not-long-term-review', '이미 답변이 끝났습니다.', 'Already answered.');
        return { ...s, result: e.result };
      }
      const tier = pendingTier(s, e.tier);
      if (!tier) return no('no-pending-tier', '답변할 기준이 없습니다.', 'No tier is awaiting an answer.');
      const tiers = s.tiers.map((t) =>
        t !== tier
          ? t
          : e.type === 'interim-answer'
            ? { ...t, interimAnswers: [...t.interimAnswers, at] }
            : { ...t, answeredAt: at },
      );
      if (e.type === 'interim-answer') return { ...s, tiers };
      const all = tiers.every((t) => t.answeredAt);
      return { ...enter(s, all ? 'answered' : 'answering', at), tiers, result: e.result };
    }
    case 'implementation-update': {
      if (!s.result || !ADOPTING_RESULTS.includes(s.result))
        return no(
          'not-adoptable',
          '채택된 제안만 이행 상황을 올릴 수 있습니다.',
          'Only adopted proposals have implementation updates.',
        );
      const progress =
        e.progress === undefined ? s.implementation.progress : Math.max(0, Math.min(100, Math.round(e.progress)));
      const implementation = {
        updates: s.implementation.updates + 1,
        lastAt: at,
        progress: e.completed ? 100 : progress,
      };
      return { ...enter(s, e.completed ? 'implemented' : 'implementing', at), implementation };
    }
    case 'expire': {
      const w = s.stage === 'pre-agreement' ? s.preAgreement : s.support;
      if (s.tiers.length > 0)
        return no(
          'tiers-reached',
          '기준에 도달한 제안은 만료되지 않습니다.',
          'A proposal that reached a tier does not expire.',
        );
      if (w && at.getTime() < w.closesAt.getTime())
        return no('window-open', '아직 기간 중입니다.', 'The window is still open.');
      return { ...enter(s, 'expired', at), closure: { code: 'expired', reason: ctx.reason ?? null } };
    }
    case 'reject':
      return { ...enter(s, 'rejected', at), closure: { code: 'rejected', reason: e.reason } };
    case 'withdraw':
      return { ...enter(s, 'withdrawn', at), closure: { code: 'withdrawn', reason: ctx.reason ?? null } };
  }
  return no('wrong-stage', '알 수 없는 처리입니다.', 'Unknown event.');
}

export interface TrackerItem {
  stage: Stage;
  label: Bilingual;
  status: 'done' | 'current' | 'upcoming';
  /** When the stage was entered (done and current), null for upcoming. */
  at: Date | null;
  /** On the answering stage: the earliest due date still open. */
  dueAt?: Date | null;
  terminal: boolean;
}

/** The stages to show everyone, in order, with done/current/upcoming and dates. A proposal
 * that left the main path (expired, rejected …) shows the path it took, then where it ended. */
export function stageTracker(state: ProposalState, settings?: BoardSettings): TrackerItem[] {
  const gate = settings ? settings.prePublication !== null : false;
  const notAdopting = state.result !== null && !ADOPTING_RESULTS.includes(state.result);
  const path = MAIN_PATH.filter((st) => {
    if (st === 'pre-agreement') return gate || state.enteredAt['pre-agreement'] !== undefined;
    if (st === 'implementing' || st === 'implemented') return !notAdopting;
    return true;
  });
  const item = (stage: Stage, status: TrackerItem['status']): TrackerItem => {
    const it: TrackerItem = {
      stage,
      label: STAGE_LABELS[stage],
      status,
      at: status === 'upcoming' ? null : (state.enteredAt[stage] ?? null),
      terminal: TERMINAL_STAGES.includes(stage),
    };
    if (stage === 'answering') it.dueAt = pendingTier(state, undefined)?.dueAt ?? null;
    return it;
  };
  const idx = path.indexOf(state.stage as (typeof MAIN_PATH)[number]);
  if (idx >= 0) return path.map((st, i) => item(st, i < idx ? 'done' : i === idx ? 'current' : 'upcoming'));
  // Off the path: the main stages it went through, then the terminal stage.
  const reached = path.filter((st) => state.enteredAt[st] !== undefined);
  const last = reached.length ? path.indexOf(reached[reached.length - 1]) : -1;
  return [...path.slice(0, last + 1).map((st) => item(st, 'done')), item(state.stage, 'current')];
}

/** Whether supports (or, on comment-counting boards, counted comments) are taken at `at`. */
export function acceptsSupport(state: ProposalState, at: Date): boolean {
  if (state.stage === 'pre-agreement') return !!state.preAgreement && isWindowOpen(state.preAgreement, at);
  if (!['collecting', 'answering', 'answered', 'implementing'].includes(state.stage)) return false;
  return !!state.support && isWindowOpen(state.support, at);
}

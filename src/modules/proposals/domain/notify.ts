// Notifications as data: a pure mapping from a lifecycle transition (or a day's deadlines) to
// intents {recipients, template, params}, plus the Korean and English templates.
//
// The proposer and followers hear of every stage change and answer (Seoul 2020: SMS to the
// proposer at each step, anchors-korea §1.2; 청원법: 접수, 이송, 공개여부 결정, 처리, §3.3).
// Delivery is the platform's job: in-app and e-mail, with SMS and 카카오 알림톡 as adapters
// behind NotificationChannel. 알림톡 needs templates registered with Kakao in advance, which
// is why template keys are stable and params are plain values.
//
// Particles: Korean particles depend on the last syllable (이/가, 을/를), so templates never
// put one right after a parameter; they follow a fixed noun instead ('「{title}」 제안이').
import type { Bilingual, BoardKind, BoardSettings } from './settings.ts';
import type { AuditDraft, ProposalEvent, ProposalState } from './lifecycle.ts';
import { RESULT_LABELS } from './stages.ts';
import { findTier, tierCountSource, type Answerer, type CountSource } from './settings.ts';
import { interimRequirement, reminderDates, type TierProgress } from './tiers.ts';
import { daysBetween, lastDayOf, seoulDateOf } from './dates.ts';
import { defaultCalendar, type HolidayCalendar, type IsoDate } from '../../../rules/index.ts';

export type Recipient = 'author' | 'followers' | 'department' | 'planning-office';
export type ParamValue = string | number | Bilingual;

/**
 * Who is asked for (and reminded of) a tier's answer: the assigned department for its own tier; the planning office
 * for the mayor's, a head of office's or a deliberation body's answer (it posts those), and for a department tier
 * while no department is assigned yet (it assigns one). Sent to 'department' with none assigned, nobody would hear.
 */
export function answerOffice(answerer: Answerer, departmentId: string | null): Recipient {
  return answerer === 'department' && departmentId !== null ? 'department' : 'planning-office';
}

export const TEMPLATES = {
  'proposal.submitted': { ko: '「{title}」 {kind}이 접수되었습니다.', en: 'Your {kind} "{title}" was received.' },
  'proposal.pre-agreement-opened': {
    ko: '「{title}」 {kind}이 공개되려면 {closesOn}까지 사전동의 {needed}명이 필요합니다.',
    en: '"{title}" needs {needed} pre-agreements by {closesOn} to be published.',
  },
  'proposal.accepted': { ko: '「{title}」 {kind}을 검토하고 있습니다.', en: '"{title}" is being screened.' },
  'proposal.transferred': {
    ko: '「{title}」 {kind}의 담당 부서가 바뀌었습니다. 새 담당 부서: {department}',
    en: '"{title}" was transferred. New department: {department}',
  },
  'department.assigned': {
    ko: '담당 {kind}이 배정되었습니다: 「{title}」',
    en: 'A {kind} was assigned to your department: "{title}"',
  },
  'proposal.merged': {
    ko: '「{title}」 {kind}과 같은 내용의 앞선 {kind}이 있어 그쪽으로 안내합니다. 공감으로 힘을 보태 주세요: {duplicateOf}',
    en: 'An earlier {kind} says the same as "{title}"; please support it instead: {duplicateOf}',
  },
  'proposal.redirected': {
    ko: '「{title}」 {kind}은 민원으로 처리하는 것이 맞아 안내합니다: {pointer} {url}',
    en: '"{title}" is a 민원 (civil petition) and goes here instead: {pointer} {url}',
  },
  'proposal.rejected': {
    ko: '「{title}」 {kind}이 반려되었습니다. 사유: {reason}',
    en: '"{title}" was not accepted. Reason: {reason}',
  },
  'proposal.support-opened': {
    ko: '「{title}」 {kind}이 공개되었습니다. 공감 모집 기간: {closesOn}까지',
    en: '"{title}" is published and open for support until {closesOn}.',
  },
  'proposal.tier-reached': {
    ko: '「{title}」 {kind}이 {count} 기준({tier})에 도달했습니다. 답변: {answerer}, 답변 기한: {dueOn}',
    en: '"{title}" reached {count} ({tier}). Answer by: {answerer}, due {dueOn}.',
  },
  'proposal.answer-owed': {
    ko: '「{title}」 {kind}의 답변 기한은 {dueOn}입니다. (답변: {answerer})',
    en: 'The answer to "{title}" is due {dueOn} (by {answerer}).',
  },
  'department.answer-requested': {
    ko: '답변 요청: 「{title}」 ({tier}) — 답변 기한 {dueOn}',
    en: 'Answer requested: "{title}" ({tier}), due {dueOn}',
  },
  'proposal.interim-answer': {
    ko: '「{title}」 {kind}에 {answeredBy}의 중간답변이 등록되었습니다.',
    en: 'An interim answer from {answeredBy} was posted on "{title}".',
  },
  'proposal.answered': {
    ko: '「{title}」 {kind}에 {answeredBy}의 답변이 등록되었습니다. 결과: {result}',
    en: '"{title}" was answered by {answeredBy}. Result: {result}',
  },
  'proposal.implementation-update': {
    ko: '「{title}」 {kind}의 이행 상황이 갱신되었습니다. ({progress}%)',
    en: 'Implementation of "{title}" was updated ({progress}%).',
  },
  'proposal.implemented': { ko: '「{title}」 {kind}의 이행이 완료되었습니다.', en: '"{title}" has been implemented.' },
  'proposal.expired': {
    ko: '「{title}」 {kind}의 공감 모집 기간이 끝났습니다. 기준에 도달하지 못해 종료되었습니다.',
    en: 'The support period of "{title}" ended without reaching the threshold.',
  },
  'proposal.withdrawn': {
    ko: '「{title}」 {kind}이 작성자에 의해 철회되었습니다.',
    en: '"{title}" was withdrawn by its author.',
  },
  'department.answer-reminder': {
    ko: '답변 기한 알림: 「{title}」 ({tier}) — 기한 {dueOn}',
    en: 'Reminder: "{title}" ({tier}) is due {dueOn}',
  },
  'department.interim-required': {
    ko: '답변 기한이 지났습니다: 「{title}」 ({tier}, 기한 {dueOn}). 중간답변을 등록해 주세요.',
    en: '"{title}" ({tier}) is past its deadline ({dueOn}). Please post an interim answer.',
  },
} as const satisfies Record<string, Bilingual>;
export type TemplateKey = keyof typeof TEMPLATES;

export interface NotificationIntent {
  proposalId: string;
  recipients: Recipient[];
  template: TemplateKey;
  params: Record<string, ParamValue>;
  /** 'high' may go by SMS / 알림톡 as well (they cost money); 'normal' in-app and e-mail. */
  priority: 'normal' | 'high';
}

export const KIND_NOUNS: Record<BoardKind, Bilingual> = {
  proposal: { ko: '제안', en: 'proposal' },
  request: { ko: '요청', en: 'request' },
  petition: { ko: '청원', en: 'petition' },
  question: { ko: '질문', en: 'question' },
};

export const ANSWERER_LABELS: Record<Answerer, Bilingual> = {
  department: { ko: '담당 부서', en: 'the responsible department' },
  'head-of-office': { ko: '실·국·소·구청장', en: 'the head of office' },
  mayor: { ko: '시장', en: 'the mayor' },
  deliberation: { ko: '공론장·위원회', en: 'a deliberation body' },
};

/** "공감 50명", "동의 50,000명" (petitions say 동의), "댓글 200개", "사전동의 100명". */
export function countPhrase(kind: BoardKind, source: CountSource, n: number): Bilingual {
  const num = n.toLocaleString('en-US');
  if (source === 'comments') return { ko: `댓글 ${num}개`, en: `${num} comments` };
  if (source === 'pre-agreements') return { ko: `사전동의 ${num}명`, en: `${num} pre-agreements` };
  return kind === 'petition'
    ? { ko: `동의 ${num}명`, en: `${num} signatures` }
    : { ko: `공감 ${num}명`, en: `${num} supports` };
}

const NO_DEADLINE: Bilingual = { ko: '정해지지 않음', en: 'not set' };

/** Fills a template; Bilingual params take the requested language; unknown keys are left as is. */
export function renderTemplate(key: TemplateKey, params: Record<string, ParamValue>, lang: 'ko' | 'en'): string {
  return TEMPLATES[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'object' ? v[lang] : String(v);
  });
}

const dateOf = (d: Date | null): ParamValue => (d ? lastDayOf(d) : NO_DEADLINE);

export interface NotifyContext {
  title: string;
  settings: BoardSettings;
  /** Display name of the department now assigned (for transfers and answers). */
  departmentName?: string | Bilingual;
  /** Public URL of the proposal a duplicate points to. */
  duplicateUrl?: string;
}

/** Intents for one successful transition (the audit draft and the state after it). */
export function notificationsFor(audit: AuditDraft, after: ProposalState, ctx: NotifyContext): NotificationIntent[] {
  const e: ProposalEvent = audit.data;
  const base = { title: ctx.title, kind: KIND_NOUNS[after.kind] };
  const out: NotificationIntent[] = [];
  const push = (
    recipients: Recipient[],
    template: TemplateKey,
    params: Record<string, ParamValue> = {},
    priority: 'normal' | 'high' = 'normal',
  ) => out.push({ proposalId: after.id, recipients, template, params: { ...base, ...params }, priority });
  const everyone: Recipient[] = ['author', 'followers'];

  switch (e.type) {
    case 'submit':
      if (after.stage === 'pre-agreement') {
        push(['author'], 'proposal.pre-agreement-opened', {
          needed: ctx.settings.prePublication?.agreements ?? 0,
          closesOn: dateOf(after.preAgreement?.closesAt ?? null),
        });
      } else push(['author'], 'proposal.submitted');
      break;
    case 'pre-agreements-reached':
      push(everyone, 'proposal.submitted');
      break;
    case 'accept':
      push(['author'], 'proposal.accepted');
      if (after.departmentId) push(['department'], 'department.assigned');
      break;
    case 'screen':
      switch (e.outcome.kind) {
        case 'suitable':
          break; // no visible change; 'open-support' follows
        case 'transfer':
          push(everyone, 'proposal.transferred', { department: ctx.departmentName ?? e.outcome.departmentId });
          push(['department'], 'department.assigned');
          break;
        case 'duplicate-of':
          push(everyone, 'proposal.merged', { duplicateOf: ctx.duplicateUrl ?? e.outcome.proposalId }, 'high');
          break;
        case 'is-minwon':
          push(
            ['author'],
            'proposal.redirected',
            { pointer: e.outcome.pointer.label, url: e.outcome.pointer.url ?? '' },
            'high',
          );
          break;
        case 'out-of-scope':
          push(['author'], 'proposal.rejected', { reason: e.outcome.reason }, 'high');
          break;
      }
      break;
    case 'open-support':
      push(everyone, 'proposal.support-opened', { closesOn: dateOf(after.support?.closesAt ?? null) });
      break;
    case 'tier-reached': {
      const tier = findTier(ctx.settings, e.tier);
      const progress = after.tiers.find((t) => t.key === e.tier);
      const params = {
        tier: tier?.label ?? e.tier,
        count: countPhrase(
          after.kind,
          tier ? tierCountSource(ctx.settings, tier) : ctx.settings.countToward,
          tier?.threshold ?? e.count,
        ),
        answerer: ANSWERER_LABELS[progress?.answerer ?? 'department'],
        dueOn: dateOf(progress?.dueAt ?? null),
      };
      // A tier at 0 is owed from the start (every 바랍니다 request): no count to celebrate, only the promise.
      push(everyone, tier?.threshold === 0 ? 'proposal.answer-owed' : 'proposal.tier-reached', params, 'high');
      push(
        [answerOffice(progress?.answerer ?? 'department', after.departmentId)],
        'department.answer-requested',
        params,
        'high',
      );
      break;
    }
    case 'interim-answer':
      push(everyone, 'proposal.interim-answer', { answeredBy: answeredBy(after, e.tier, ctx) });
      break;
    case 'final-answer':
      push(
        everyone,
        'proposal.answered',
        { result: RESULT_LABELS[e.result], answeredBy: answeredBy(after, e.tier, ctx) },
        'high',
      );
      break;
    case 'implementation-update':
      if (after.stage === 'implemented') push(everyone, 'proposal.implemented', {}, 'high');
      else push(everyone, 'proposal.implementation-update', { progress: after.implementation.progress ?? '-' });
      break;
    case 'expire':
      push(everyone, 'proposal.expired');
      break;
    case 'reject':
      push(everyone, 'proposal.rejected', { reason: e.reason }, 'high');
      break;
    case 'withdraw':
      push(['followers'], 'proposal.withdrawn');
      break;
  }
  return out;
}

/** Who answered: the department by name, or the mayor, a head of office, a deliberation body. */
function answeredBy(s: ProposalState, tierKey: string | undefined, ctx: NotifyContext): ParamValue {
  const answerer = s.tiers.find((t) => t.key === tierKey)?.answerer ?? 'department';
  return answerer === 'department' && ctx.departmentName ? ctx.departmentName : ANSWERER_LABELS[answerer];
}

/** Intents a daily job sends on `date` for one proposal: reminders before each due date, and
 * a request for an interim answer (중간답변) once a deadline has passed. */
/** Days between repeated interim-answer requests to the department and the planning office. */
export const INTERIM_REPEAT_DAYS = 7;

export function dailyIntents(
  state: ProposalState,
  ctx: { title: string; settings: BoardSettings; calendar?: HolidayCalendar },
  date: IsoDate,
): NotificationIntent[] {
  const cal = ctx.calendar ?? defaultCalendar;
  const out: NotificationIntent[] = [];
  // Judge the interim requirement at the end of the day, so a deadline that passed at 24:00
  // of yesterday is caught by the morning run.
  const endOfDay = new Date(`${date}T23:59:59+09:00`);
  for (const t of state.tiers) {
    if (t.answeredAt || !t.dueAt) continue;
    const params = {
      title: ctx.title,
      kind: KIND_NOUNS[state.kind],
      tier: tierLabel(ctx.settings, t),
      dueOn: lastDayOf(t.dueAt),
    };
    const office = answerOffice(t.answerer, state.departmentId);
    if (reminderDates(ctx.settings, lastDayOf(t.dueAt), cal).includes(date)) {
      out.push({
        proposalId: state.id,
        recipients: [office],
        template: 'department.answer-reminder',
        params,
        priority: 'normal',
      });
    }
    const need = interimRequirement(ctx.settings, t, endOfDay);
    // The request goes out the day the interim answer becomes owed, then once a week (same weekday) until one is
    // posted: a daily repeat of the same high-priority SMS teaches people to ignore it; the public flag stays daily.
    const overdueDays = need.required && need.since ? daysBetween(seoulDateOf(need.since), date) : -1;
    if (overdueDays >= 0 && overdueDays % INTERIM_REPEAT_DAYS === 0) {
      // The planning office watches every deadline; the department hears only of its own tier.
      const to: Recipient[] = office === 'department' ? ['department', 'planning-office'] : ['planning-office'];
      out.push({
        proposalId: state.id,
        recipients: to,
        template: 'department.interim-required',
        params,
        priority: 'high',
      });
    }
  }
  return out;
}

function tierLabel(settings: BoardSettings, t: TierProgress): ParamValue {
  return findTier(settings, t.key)?.label ?? t.key;
}

/** Delivery channels, implemented by the platform (e-mail, SMS, 카카오 알림톡, in-app). */
export type Channel = 'in-app' | 'email' | 'sms' | 'kakao-alimtalk';

export interface OutgoingMessage {
  userId: string;
  template: TemplateKey;
  lang: 'ko' | 'en';
  /** Rendered text; 알림톡 adapters send `template` and `params` to the registered template instead. */
  text: string;
  params: Record<string, ParamValue>;
}

export interface NotificationChannel {
  readonly channel: Channel;
  send(
    message: OutgoingMessage,
  ): Promise<{ ok: true; providerId?: string } | { ok: false; error: string; retryable: boolean }>;
}

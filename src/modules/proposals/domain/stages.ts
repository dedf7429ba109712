// The proposal stage machine as data: stages, results, roles and the transition table.
// lifecycle.ts interprets it; the permission layer and the UI can read it directly (who
// may fire what, from which stage, whether a reason is required).
import type { Answerer, Bilingual } from './settings.ts';

/** Main path first, in display order, then the terminal stages off the path. */
export const MAIN_PATH = [
  'draft', // 작성
  'pre-agreement', // 사전동의 (only with a pre-publication gate, 국회 §3.2)
  'submitted', // 접수
  'screening', // 검토
  'collecting', // 공감 모집
  'answering', // 답변 대기: a tier is reached and an answer is owed
  'answered', // 답변 완료 (with a result)
  'implementing', // 이행 중
  'implemented', // 이행 완료
] as const;
export const OFF_PATH = ['expired', 'rejected', 'redirected', 'merged', 'withdrawn'] as const;
export const STAGES = [...MAIN_PATH, ...OFF_PATH] as const;
export type Stage = (typeof STAGES)[number];

export const TERMINAL_STAGES: readonly Stage[] = ['implemented', ...OFF_PATH];

export const STAGE_LABELS: Record<Stage, Bilingual> = {
  draft: { ko: '작성', en: 'Draft' },
  'pre-agreement': { ko: '사전동의', en: 'Pre-agreement' },
  submitted: { ko: '접수', en: 'Received' },
  screening: { ko: '검토', en: 'Screening' },
  collecting: { ko: '공감 모집', en: 'Collecting support' },
  answering: { ko: '답변 대기', en: 'Awaiting answer' },
  answered: { ko: '답변 완료', en: 'Answered' },
  implementing: { ko: '이행 중', en: 'Being implemented' },
  implemented: { ko: '이행 완료', en: 'Implemented' },
  expired: { ko: '기간 만료', en: 'Expired' },
  rejected: { ko: '반려', en: 'Rejected' },
  redirected: { ko: '민원 안내', en: 'Redirected as a 민원' },
  merged: { ko: '중복 제안', en: 'Duplicate' },
  withdrawn: { ko: '철회', en: 'Withdrawn' },
};

export const RESULTS = ['adopted', 'partially-adopted', 'not-adopted', 'long-term-review', 'policy-reflected'] as const;
export type Result = (typeof RESULTS)[number];
export const RESULT_LABELS: Record<Result, Bilingual> = {
  adopted: { ko: '채택', en: 'Adopted' },
  'partially-adopted': { ko: '부분채택', en: 'Partially adopted' },
  'not-adopted': { ko: '불채택', en: 'Not adopted' },
  'long-term-review': { ko: '장기검토', en: 'Long-term review' },
  'policy-reflected': { ko: '정책반영', en: 'Reflected in policy' },
};
/** Results that lead to implementation updates (이행). */
export const ADOPTING_RESULTS: readonly Result[] = ['adopted', 'partially-adopted', 'policy-reflected'];

/** Roles as the permission layer sees them. Two are relative to the proposal: its author,
 * and an official of the department currently assigned to it. */
export const ROLES = [
  'citizen-author',
  'department-official-of-assigned-dept',
  'planning-office',
  'moderator',
  'admin',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** Event keys: screening outcomes are separate keys because they have different rules. */
export const EVENT_KEYS = [
  'submit',
  'pre-agreements-reached',
  'accept',
  'screen:suitable',
  'screen:duplicate-of',
  'screen:out-of-scope',
  'screen:transfer',
  'screen:is-minwon',
  'open-support',
  'tier-reached',
  'interim-answer',
  'final-answer',
  'implementation-update',
  'expire',
  'reject',
  'withdraw',
] as const;
export type EventKey = (typeof EVENT_KEYS)[number];

export interface TransitionRule {
  from: readonly Stage[];
  /** Every stage the event can lead to (some targets depend on settings or the state). */
  to: readonly Stage[];
  roles: readonly Role[];
  reasonRequired: boolean;
}

const ANSWERERS: readonly Role[] = ['department-official-of-assigned-dept', 'planning-office', 'admin'];
const SCREENERS: readonly Role[] = ['planning-office', 'admin'];

/**
 * Who posts the answer of a tier, by its answerer: a department's answer only an official of the assigned
 * department (an administrator cannot answer for a department); the mayor's, a head of office's and a deliberation
 * body's are posted by the planning office or an administrator. Answer events check it (transition), and so do the
 * pages and routes (permissions.ts canAnswer): one table.
 */
export const ANSWER_ROLES: Record<Answerer, readonly Role[]> = {
  department: ['department-official-of-assigned-dept'],
  'head-of-office': ['planning-office', 'admin'],
  mayor: ['planning-office', 'admin'],
  deliberation: ['planning-office', 'admin'],
};

export const TRANSITIONS: Record<EventKey, TransitionRule> = {
  submit: { from: ['draft'], to: ['pre-agreement', 'submitted'], roles: ['citizen-author'], reasonRequired: false },
  'pre-agreements-reached': { from: ['pre-agreement'], to: ['submitted'], roles: ['system'], reasonRequired: false },
  accept: {
    from: ['submitted'],
    to: ['screening'],
    roles: ['planning-office', 'admin', 'system'],
    reasonRequired: false,
  },
  // 'system' marks suitable on boards that publish at once (screening 'at-threshold').
  'screen:suitable': { from: ['screening'], to: ['screening'], roles: [...SCREENERS, 'system'], reasonRequired: false },
  // 국민 제안 규정: the earlier proposal wins (§4.2); the pointer is the reason.
  // Boards that publish at once (screening 'at-threshold') screen while support runs, hence 'collecting'.
  'screen:duplicate-of': { from: ['screening', 'collecting'], to: ['merged'], roles: SCREENERS, reasonRequired: false },
  'screen:out-of-scope': {
    from: ['screening', 'collecting'],
    to: ['rejected'],
    roles: SCREENERS,
    reasonRequired: true,
  },
  // A department that receives someone else's proposal passes it on (이송, §4.2), also after a
  // tier is reached; the answer deadline keeps running so the citizen does not wait longer.
  'screen:transfer': {
    from: ['screening', 'collecting', 'answering'],
    to: ['screening', 'collecting', 'answering'],
    roles: [...SCREENERS, 'department-official-of-assigned-dept'],
    reasonRequired: true,
  },
  'screen:is-minwon': {
    from: ['screening', 'collecting', 'answering'],
    to: ['redirected'],
    roles: [...SCREENERS, 'department-official-of-assigned-dept'],
    reasonRequired: false,
  },
  'open-support': {
    from: ['screening'],
    to: ['collecting'],
    roles: ['planning-office', 'admin', 'system'],
    reasonRequired: false,
  },
  // More support can arrive after an answer while the window is still open (Seoul: 50 → the
  // department answers, 1,000 → the mayor too), so a later tier reopens the answering stage.
  'tier-reached': {
    from: ['collecting', 'answering', 'answered', 'implementing'],
    to: ['answering'],
    roles: ['system'],
    reasonRequired: false,
  },
  'interim-answer': { from: ['answering'], to: ['answering'], roles: ANSWERERS, reasonRequired: false },
  // From 'answered' only to settle a 장기검토 result.
  'final-answer': {
    from: ['answering', 'answered'],
    to: ['answering', 'answered'],
    roles: ANSWERERS,
    reasonRequired: false,
  },
  'implementation-update': {
    from: ['answered', 'implementing'],
    to: ['implementing', 'implemented'],
    roles: ['department-official-of-assigned-dept', 'admin'],
    reasonRequired: false,
  },
  expire: { from: ['pre-agreement', 'collecting'], to: ['expired'], roles: ['system', 'admin'], reasonRequired: false },
  reject: {
    from: ['pre-agreement', 'submitted', 'screening', 'collecting'],
    to: ['rejected'],
    roles: ['planning-office', 'moderator', 'admin'],
    reasonRequired: true,
  },
  withdraw: {
    from: ['draft', 'pre-agreement', 'submitted', 'screening', 'collecting'],
    to: ['withdrawn'],
    roles: ['citizen-author'],
    reasonRequired: false,
  },
};

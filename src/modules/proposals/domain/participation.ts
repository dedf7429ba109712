// Whether a person may write, support or comment now: the board's eligibility rule for the
// action (rules library `evaluateEligibility`) plus the proposal's stage and window.
// Supports themselves are recorded by the acts service (one person, one 공감); this only
// decides whether the button is live and what the refusal says.
import { evaluateEligibility, type Person, type PersonInput } from '../../../rules/index.ts';
import { acceptsSupport, type ProposalState } from './lifecycle.ts';
import type { Bilingual, BoardSettings } from './settings.ts';
import type { Stage } from './stages.ts';

export type ParticipationAction = 'write' | 'support' | 'comment';

export type ParticipationResult = { ok: true } | { ok: false; code: string; reason: Bilingual };

/** Stages in which a proposal is public and open to comments. */
export const COMMENTABLE_STAGES: readonly Stage[] = [
  'collecting',
  'answering',
  'answered',
  'implementing',
  'implemented',
];

export function checkParticipation(
  action: ParticipationAction,
  settings: BoardSettings,
  person: Person | PersonInput,
  at: Date,
  state?: ProposalState,
): ParticipationResult {
  const eligible = evaluateEligibility(settings.eligibility[action], person, at);
  if (!eligible.ok) return { ok: false, code: eligible.code, reason: eligible.reason };
  if (action === 'support') {
    if (!state || !acceptsSupport(state, at)) {
      return {
        ok: false,
        code: 'closed',
        reason: { ko: '지금은 공감(동의)할 수 없습니다. 모집 기간이 아닙니다.', en: 'Support is not open now.' },
      };
    }
  }
  if (action === 'comment') {
    if (!state || !COMMENTABLE_STAGES.includes(state.stage)) {
      return {
        ok: false,
        code: 'closed',
        reason: { ko: '공개된 제안에만 댓글을 쓸 수 있습니다.', en: 'Comments open once the proposal is published.' },
      };
    }
  }
  return { ok: true };
}

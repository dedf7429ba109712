// From the administrator's flat board settings (manifest.ts, edited in a generated form) to the workflow core's
// rules (settings.ts BoardSettings): either a named Korean system's preset, or the custom values.
import { BoardSettings, PRESET_INPUTS, type BoardSettingsInput, type TierInput } from './index.ts';
import type { ProposalBoardSettings } from '../board.ts';

/** The board's lifecycle rules. A preset brings its window, screening, tiers and pre-agreements; the board's own
 * kind, comment, PII and eligibility settings always apply (eligibility is checked by proposal.ts). */
export function rulesOf(s: ProposalBoardSettings): BoardSettings {
  const own: Partial<BoardSettingsInput> = {
    kind: s.kind,
    comments: {
      stanceEnabled: s.stanceEnabled,
      editWindowMinutes: s.commentEditMinutes,
      reportHideThreshold: s.reportHideThreshold,
      temporaryMeasureDays: s.temporaryMeasureDays,
    },
    pii: {
      action: s.piiAction,
      allowPhonePrefixes: listOf(s.piiAllowPhonePrefixes)
        .map((x) => x.replace(/\D/g, ''))
        .filter(Boolean),
      allowEmailDomains: listOf(s.piiAllowEmailDomains).map((x) => x.toLowerCase()),
      allowPublic: s.piiAllowPublic,
    },
  };
  if (s.preset !== 'custom') {
    const p = PRESET_INPUTS[s.preset];
    return BoardSettings.parse({ ...p, ...own, comments: { ...p.comments, ...own.comments } });
  }
  const n = s.answerDeadlineLength;
  const answerDeadline =
    s.answerDeadlineUnit === 'months'
      ? { months: n }
      : { days: n, workingDays: s.answerDeadlineUnit === 'working-days' };
  const tiers: TierInput[] = [
    {
      key: 'department',
      threshold: s.answerThreshold,
      answerer: 'department',
      answerDeadline,
      label: { ko: '부서 답변', en: 'Department answer' },
    },
  ];
  // Higher tiers only when they are above the department's: the core requires thresholds to grow.
  if (s.deliberationThreshold > s.answerThreshold) {
    tiers.push({
      key: 'deliberation',
      threshold: s.deliberationThreshold,
      answerer: 'deliberation',
      answerDeadline: null,
      label: { ko: '공론장 후보', en: 'Public deliberation candidate' },
    });
  }
  if (s.mayorThreshold > Math.max(s.answerThreshold, s.deliberationThreshold)) {
    tiers.push({
      key: 'mayor',
      threshold: s.mayorThreshold,
      answerer: 'mayor',
      answerDeadline,
      label: { ko: '시장 답변', en: "Mayor's answer" },
    });
  }
  return BoardSettings.parse({
    ...own,
    supportWindowDays: s.supportWindowDays,
    screening: s.screening,
    countToward: s.countToward,
    tiers,
    prePublication: s.preAgreements > 0 ? { agreements: s.preAgreements, windowDays: s.supportWindowDays } : null,
  });
}

/** "교통, 환경 ,, 복지" → ['교통', '환경', '복지']: the topic and area lists an administrator types. */
export const listOf = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,，\n]/)
      .map((x) => x.trim())
      .filter(Boolean),
  ),
];

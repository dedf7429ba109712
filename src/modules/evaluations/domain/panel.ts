// Citizen panel (구민평가단 / 공약이행평가단 / 시민공약평가단): a member list, one scoring form
// per member and pledge, and aggregates shown beside the office's own evaluation.
// Recruitment (공개모집, random draw) belongs to the committees module; here a list suffices.
import { z } from 'zod';

export const PanelMember = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  /** 분야 the member was recruited for (seed 004: 분야별 공개모집). */
  field: z.string().optional(),
  active: z.boolean().default(true),
});
export type PanelMember = z.infer<typeof PanelMember>;

export const ScoringCriterion = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  maxScore: z.number().int().positive(),
});
export type ScoringCriterion = z.infer<typeof ScoringCriterion>;

/**
 * Default form (100 points). The seeds give no rubric; these follow the 매니페스토 areas a
 * citizen can judge per pledge (anchors-korea §7.1: 이행완료, 목표달성, 주민소통).
 */
export const DEFAULT_CRITERIA: ScoringCriterion[] = [
  { id: 'progress', label: '추진실적', maxScore: 40 },
  { id: 'target', label: '목표달성 가능성', maxScore: 30 },
  { id: 'communication', label: '주민소통', maxScore: 30 },
];

export const PanelScore = z.object({
  memberId: z.string().min(1),
  pledgeId: z.string().min(1),
  scores: z.record(z.string(), z.number().min(0)),
  comment: z.string().optional(),
});
export type PanelScore = z.infer<typeof PanelScore>;

export type ScoreCheck = { ok: true } | { ok: false; code: string; reason: { ko: string; en: string } };

/** Validates one submitted form against the member list and the criteria. */
export function checkScore(
  s: PanelScore,
  members: PanelMember[],
  criteria: ScoringCriterion[],
  existing: PanelScore[] = [],
): ScoreCheck {
  const m = members.find((x) => x.id === s.memberId);
  if (!m || !m.active)
    return {
      ok: false,
      code: 'not-member',
      reason: { ko: '평가단 위원이 아닙니다', en: 'not an active panel member' },
    };
  if (existing.some((e) => e.memberId === s.memberId && e.pledgeId === s.pledgeId)) {
    return {
      ok: false,
      code: 'duplicate',
      reason: { ko: '이미 이 공약을 평가했습니다', en: 'this member already scored this pledge' },
    };
  }
  for (const c of criteria) {
    const v = s.scores[c.id];
    if (v === undefined)
      return {
        ok: false,
        code: 'missing',
        reason: { ko: `'${c.label}' 점수가 없습니다`, en: `score for '${c.id}' is missing` },
      };
    if (v > c.maxScore)
      return {
        ok: false,
        code: 'range',
        reason: {
          ko: `'${c.label}' 점수는 ${c.maxScore}점 이하입니다`,
          en: `score for '${c.id}' exceeds ${c.maxScore}`,
        },
      };
  }
  const extra = Object.keys(s.scores).filter((k) => !criteria.some((c) => c.id === k));
  if (extra.length)
    return {
      ok: false,
      code: 'unknown-criterion',
      reason: { ko: `없는 항목: ${extra.join(', ')}`, en: `unknown criteria: ${extra.join(', ')}` },
    };
  return { ok: true };
}

export interface PledgePanelAggregate {
  pledgeId: string;
  respondents: number;
  /** Mean total score, 1 decimal (rounded half up). */
  meanTotal: number;
  maxTotal: number;
  minTotal: number;
  /** Total possible points. */
  outOf: number;
  byCriterion: { id: string; label: string; mean: number; maxScore: number }[];
}

const round1 = (sum: number, n: number) => Math.round((sum * 10) / n + Number.EPSILON) / 10;

/** Aggregates per pledge (only forms of active members count; inactive members' forms are kept but ignored). */
export function aggregatePanelScores(
  scores: PanelScore[],
  members: PanelMember[],
  criteria: ScoringCriterion[],
): PledgePanelAggregate[] {
  const active = new Set(members.filter((m) => m.active).map((m) => m.id));
  const byPledge = new Map<string, PanelScore[]>();
  for (const s of scores)
    if (active.has(s.memberId)) byPledge.set(s.pledgeId, [...(byPledge.get(s.pledgeId) ?? []), s]);
  const outOf = criteria.reduce((n, c) => n + c.maxScore, 0);
  return [...byPledge.entries()].map(([pledgeId, list]) => {
    const totals = list.map((s) => criteria.reduce((n, c) => n + (s.scores[c.id] ?? 0), 0));
    return {
      pledgeId,
      respondents: list.length,
      meanTotal: round1(
        totals.reduce((a, b) => a + b, 0),
        list.length,
      ),
      maxTotal: Math.max(...totals),
      minTotal: Math.min(...totals),
      outOf,
      byCriterion: criteria.map((c) => ({
        id: c.id,
        label: c.label,
        maxScore: c.maxScore,
        mean: round1(
          list.reduce((n, s) => n + (s.scores[c.id] ?? 0), 0),
          list.length,
        ),
      })),
    };
  });
}

export interface OfficeEvaluation {
  pledgeId: string;
  /** 자체평가 grade or status label. */
  grade?: string;
  progressPercent?: number;
}

/** Rows for the side-by-side view: office's own evaluation next to the panel's mean. */
export function panelBesideOffice(
  aggregates: PledgePanelAggregate[],
  office: OfficeEvaluation[],
): { pledgeId: string; office?: OfficeEvaluation; panel?: PledgePanelAggregate }[] {
  const ids = [...new Set([...office.map((o) => o.pledgeId), ...aggregates.map((a) => a.pledgeId)])];
  return ids.map((id) => ({
    pledgeId: id,
    office: office.find((o) => o.pledgeId === id),
    panel: aggregates.find((a) => a.pledgeId === id),
  }));
}

/** Panel size cap from the pledge settings (seed 004: 20명 이내); counts active members only. */
export function checkPanelSize(members: PanelMember[], maxMembers: number): ScoreCheck {
  const n = members.filter((m) => m.active).length;
  return n <= maxMembers
    ? { ok: true }
    : {
        ok: false,
        code: 'panel-too-large',
        reason: {
          ko: `평가단은 ${maxMembers}명 이내입니다 (현재 ${n}명)`,
          en: `the panel may have at most ${maxMembers} active members (now ${n})`,
        },
      };
}

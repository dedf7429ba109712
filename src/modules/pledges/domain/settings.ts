// Per-city settings for pledge tracking, validated with zod and filled with defaults drawn
// from the seeds and anchors-korea §7 (status list, budget sources, panel size …).
import { z } from 'zod';

/**
 * A pledge status. `completed` counts toward 완료율, `implemented` toward 이행률;
 * `requiresApproval` statuses (보류, 폐기) can only be set through an approved change request.
 */
export const StatusDef = z.object({
  code: z.string().min(1),
  label: z.string().min(1),
  /** Other spellings accepted on import ('완료 지속추진' for '이행 후 계속추진'). */
  aliases: z.array(z.string()).default([]),
  completed: z.boolean().default(false),
  implemented: z.boolean().default(false),
  /** Done but continuing (이행 후 계속추진 / 완료 지속추진): its own column on the card. */
  continuing: z.boolean().default(false),
  requiresApproval: z.boolean().default(false),
});
export type StatusDef = z.infer<typeof StatusDef>;

export const DEFAULT_STATUSES: z.input<typeof StatusDef>[] = [
  {
    code: '완료',
    label: '완료',
    aliases: ['이행완료', '완료(종료)', '완료종료', '완료 (종료)'],
    completed: true,
    implemented: true,
  },
  {
    code: '이행 후 계속추진',
    label: '이행 후 계속추진',
    aliases: ['완료 지속추진', '완료지속추진', '이행후계속추진'],
    completed: true,
    implemented: true,
    continuing: true,
  },
  { code: '정상추진', label: '정상추진', aliases: ['추진 중', '추진중'], implemented: true },
  { code: '일부추진', label: '일부추진' },
  { code: '보류', label: '보류', requiresApproval: true },
  { code: '폐기', label: '폐기', requiresApproval: true },
  { code: '기타', label: '기타' },
];

/** Communication card types (seed 004); `cardLabel` is the column header of 구민소통 총괄. */
export const CommunicationTypeDef = z.object({
  id: z.string().min(1),
  label: z.string().min(1),
  cardLabel: z.string().min(1),
  /** 구분 label in the entry table ('설명회', '전문가 자문'). */
  shortLabel: z.string().min(1),
});
export type CommunicationTypeDef = z.infer<typeof CommunicationTypeDef>;

const DEFAULT_COMMUNICATION_TYPES: CommunicationTypeDef[] = [
  { id: 'briefing', label: '설명회·보고회', cardLabel: '설명회, 보고회 등', shortLabel: '설명회' },
  { id: 'survey', label: '만족도·설문조사', cardLabel: '만족도, 설문조사', shortLabel: '설문조사' },
  { id: 'advisory', label: '민간전문가 자문·용역', cardLabel: '민간전문가 자문.용역', shortLabel: '전문가 자문' },
  { id: 'press', label: '언론/방송 보도', cardLabel: '언론/방송 보도', shortLabel: '언론/방송 보도' },
  { id: 'other', label: '기타', cardLabel: '기타', shortLabel: '기타' },
];

/** Names of the Madang activity kinds a link can count as (the form's choices). */
export const LINKED_KIND_LABELS: Record<string, { ko: string; en: string }> = {
  survey: { ko: '설문조사', en: 'Survey' },
  poll: { ko: '여론조사', en: 'Poll' },
  vote: { ko: '투표', en: 'Vote' },
  debate: { ko: '토론', en: 'Debate' },
  briefing: { ko: '설명회·보고회', en: 'Briefing' },
  hearing: { ko: '공청회', en: 'Public hearing' },
  consultation: { ko: '전문가 자문', en: 'Expert consultation' },
  proposal: { ko: '시민 제안', en: 'Proposals' },
  request: { ko: '바랍니다', en: 'Requests' },
  petition: { ko: '청원', en: 'Petitions' },
  question: { ko: '시민이 묻습니다', en: 'Citizens ask' },
};

export const PledgeSettings = z
  .object({
    /** Printed in '… 정책실명제' titles, e.g. '민선7기 시민과의 약속'. */
    programName: z.string().min(1).default('민선8기 공약'),
    // zod 4 does not parse defaults, so the defaults are parsed here (aliases/flags filled in).
    statuses: z
      .array(StatusDef)
      .min(1)
      .default(() => DEFAULT_STATUSES.map((x) => StatusDef.parse(x))),
    /** Budget sources in table order (자치구 would use 국비, 시비, 구비 …). */
    budgetSources: z.array(z.string().min(1)).min(1).default(['국비', '도비', '시비', '민간자본']),
    /** Amount unit of the ledger. */
    budgetUnit: z.string().default('백만원'),
    communicationTypes: z.array(CommunicationTypeDef).min(1).default(DEFAULT_COMMUNICATION_TYPES),
    /** Label of the head's site visits (kept out of the totals row, as in seed 004). */
    siteVisitLabel: z.string().default('구청장 현장방문'),
    /** Madang activity kind → communication type id; linked activity counts by itself. */
    linkedActivityTypes: z.record(z.string(), z.string()).default({
      survey: 'survey',
      poll: 'survey',
      vote: 'survey',
      debate: 'briefing',
      briefing: 'briefing',
      hearing: 'briefing',
      consultation: 'advisory',
      // Seed 004 counts 구민의 참여행정 (구민제안, 청원 등) with the card's other communication: 기타.
      proposal: 'other',
      request: 'other',
      petition: 'other',
      question: 'other',
    }),
    panel: z
      .object({
        /** Seed 004: 구민평가단 20명 이내. Other cities run 24–70; raise it there. */
        maxMembers: z.number().int().min(1).default(20),
        /** Share of active members who must vote for a decision on a change request. */
        quorum: z.number().gt(0).max(1).default(0.5),
      })
      .default({ maxMembers: 20, quorum: 0.5 }),
    /** 반기별 공개 (seed 004: 연2회); quarterly also seen in 관리규정 (anchors §7.3). */
    publication: z.enum(['half-yearly', 'quarterly']).default('half-yearly'),
  })
  .superRefine((s, ctx) => {
    const codes = s.statuses.map((x) => x.code);
    if (new Set(codes).size !== codes.length)
      ctx.addIssue({ code: 'custom', path: ['statuses'], message: '상태 코드가 중복됩니다 / duplicate status codes' });
    const ids = s.communicationTypes.map((t) => t.id);
    for (const [k, v] of Object.entries(s.linkedActivityTypes)) {
      if (!ids.includes(v))
        ctx.addIssue({
          code: 'custom',
          path: ['linkedActivityTypes', k],
          message: `없는 소통 유형 '${v}' / unknown communication type '${v}'`,
        });
    }
  });
export type PledgeSettings = z.infer<typeof PledgeSettings>;

export const defaultPledgeSettings = (): PledgeSettings => PledgeSettings.parse({});

/** Resolves a status code or alias ('완료 지속추진' → '이행 후 계속추진'). */
export function resolveStatus(settings: PledgeSettings, text: string): StatusDef | undefined {
  const n = (s: string) => s.replace(/\s+/g, '');
  return settings.statuses.find(
    (s) => n(s.code) === n(text) || n(s.label) === n(text) || s.aliases.some((a) => n(a) === n(text)),
  );
}

// 공약 이행 관리 as a component type: the city's pledge settings (flat, so the admin form is generated from them).
// The full domain settings (status list, budget sources, communication types) keep their defaults from
// domain/settings.ts; these fields override the parts a city changes most.
import { z } from 'zod';
import { defineComponentType, readSettings } from '../../platform/settings.ts';
import type { Database } from '../../platform/db.ts';
import { PledgeSettings } from './domain/index.ts';

export const LAYOUT_IDS = ['suwon-2020', 'suwon-2021', 'suwon-2023'] as const;

export const pledgeTracker = defineComponentType({
  type: 'pledges',
  name: { ko: '공약 이행 관리', en: 'Pledge tracking' },
  settings: z.object({
    programName: z.string().min(1).max(60).default('민선8기 공약')
      .meta({ ko: '공약 이름', en: 'Programme name', help: { ko: '정책실명제 제목에 쓰입니다 (예: 민선7기 시민과의 약속).', en: 'Printed in the 정책실명제 title.' } }),
    layout: z.enum(LAYOUT_IDS).default('suwon-2021')
      .meta({ ko: '공약 카드 양식', en: 'Pledge card layout', options: {
        'suwon-2020': { ko: '2020년 양식 (완료/지속추진 표)', en: '2020 layout' },
        'suwon-2021': { ko: '2021년 양식 (사업변경내역 포함)', en: '2021 layout (with change history)' },
        'suwon-2023': { ko: '2023년 양식 (사업목표, 홍보실적)', en: '2023 layout (goals, publicity)' },
      } }),
    budgetUnit: z.string().min(1).max(10).default('백만원').meta({ ko: '예산 단위', en: 'Budget unit' }),
    publication: z.enum(['half-yearly', 'quarterly']).default('half-yearly')
      .meta({ ko: '공개 주기', en: 'Publication cadence', options: { 'half-yearly': { ko: '반기별', en: 'Half-yearly' }, quarterly: { ko: '분기별', en: 'Quarterly' } } }),
    panelMaxMembers: z.number().int().min(1).max(500).default(20).meta({ ko: '평가단 최대 인원', en: 'Panel size limit' }),
    photoMaxMegabytes: z.number().int().min(1).max(20).default(5)
      .meta({ ko: '소통 기록 사진 한 장의 최대 크기(MB)', en: 'Largest photo of a communication record (MB)', help: { ko: '휴대전화 사진은 보통 2~5MB입니다.', en: 'Phone photos are usually 2–5 MB.' } }),
  }),
});
export type PledgeTrackerSettings = ReturnType<typeof pledgeTracker.settings.parse>;

/** The city's pledge settings: the first 공약 component's, or the defaults when there is none. */
export async function pledgeSettingsOf(db: Database): Promise<{ settings: PledgeSettings; tracker: PledgeTrackerSettings; componentId: number | null }> {
  const comp = await db.selectFrom('components').select(['id', 'settings']).where('type', '=', 'pledges').orderBy('id').limit(1).executeTakeFirst();
  const tracker = readSettings(pledgeTracker, comp?.settings);
  const settings = PledgeSettings.parse({
    programName: tracker.programName, budgetUnit: tracker.budgetUnit, publication: tracker.publication,
    panel: { maxMembers: tracker.panelMaxMembers, quorum: 0.5 },
  });
  return { settings, tracker, componentId: comp?.id ?? null };
}

// 공약 이행 관리 as a component type: the city's pledge settings (flat, so the admin form is generated from them).
// The status list and its meaning (what counts toward 완료율 and 이행률, what needs the panel), and the budget
// sources, are lists edited one per line; the rest of the domain settings (communication types) keep their defaults
// from domain/settings.ts.
import { z } from 'zod';
import { defineComponentType, readSettings } from '../../platform/settings.ts';
import type { Database } from '../../platform/db.ts';
import { DEFAULT_STATUSES, PledgeSettings, StatusDef } from './domain/index.ts';
import { checkGradeScale, gradeScaleSetting } from '../evaluations/index.ts';

const DEFAULT_CODES = DEFAULT_STATUSES.map((x) => x.code);
const codesWhere = (flag: 'completed' | 'implemented' | 'continuing' | 'requiresApproval') =>
  DEFAULT_STATUSES.filter((x) => x[flag]).map((x) => x.code);
const names = (max: number) => z.array(z.string().min(1).max(40)).max(max);
const STATUS_FLAGS = ['completedStatuses', 'implementedStatuses', 'continuingStatuses', 'approvalStatuses'] as const;

export const LAYOUT_IDS = ['suwon-2020', 'suwon-2021', 'suwon-2023'] as const;

export const pledgeTracker = defineComponentType({
  type: 'pledges',
  name: { ko: '공약 이행 관리', en: 'Pledge tracking' },
  settings: z
    .object({
      programName: z
        .string()
        .min(1)
        .max(60)
        .default('민선8기 공약')
        .meta({
          ko: '공약 이름',
          en: 'Programme name',
          help: {
            ko: '정책실명제 제목에 쓰입니다 (예: 민선7기 시민과의 약속).',
            en: 'Printed in the 정책실명제 title.',
          },
        }),
      layout: z
        .enum(LAYOUT_IDS)
        .default('suwon-2021')
        .meta({
          ko: '공약 카드 양식',
          en: 'Pledge card layout',
          options: {
            'suwon-2020': { ko: '2020년 양식 (완료/지속추진 표)', en: '2020 layout' },
            'suwon-2021': { ko: '2021년 양식 (사업변경내역 포함)', en: '2021 layout (with change history)' },
            'suwon-2023': { ko: '2023년 양식 (사업목표, 홍보실적)', en: '2023 layout (goals, publicity)' },
          },
        }),
      budgetUnit: z.string().min(1).max(10).default('백만원').meta({ ko: '예산 단위', en: 'Budget unit' }),
      publication: z
        .enum(['half-yearly', 'quarterly'])
        .default('half-yearly')
        .meta({
          ko: '공개 주기',
          en: 'Publication cadence',
          options: { 'half-yearly': { ko: '반기별', en: 'Half-yearly' }, quarterly: { ko: '분기별', en: 'Quarterly' } },
        }),
      panelMaxMembers: z
        .number()
        .int()
        .min(1)
        .max(500)
        .default(20)
        .meta({ ko: '평가단 최대 인원', en: 'Panel size limit' }),
      statuses: names(30)
        .min(1)
        .default(DEFAULT_CODES)
        .meta({
          ko: '공약 상태 목록',
          en: 'Pledge statuses',
          help: {
            ko: '공약 카드와 현황에 이 순서로 나옵니다 (예: 완료, 이행 후 계속추진, 정상추진, 일부추진, 보류, 폐기, 기타).',
            en: 'Shown in this order on cards and the dashboard.',
          },
        }),
      completedStatuses: names(30)
        .default(codesWhere('completed'))
        .meta({
          ko: '완료율에 넣는 상태',
          en: 'Statuses counted as completed (완료율)',
          help: {
            ko: '매니페스토 평가의 공약이행완료에 해당하는 상태입니다.',
            en: 'Completed in the 매니페스토 evaluation.',
          },
        }),
      implementedStatuses: names(30)
        .default(codesWhere('implemented'))
        .meta({ ko: '이행률(임기내)에 넣는 상태', en: 'Statuses counted as implemented (이행률)' }),
      continuingStatuses: names(30)
        .default(codesWhere('continuing'))
        .meta({
          ko: '완료 지속추진 칸에 표시하는 상태',
          en: "Statuses shown as 'done, continuing'",
          help: { ko: '완료율에도 넣으려면 위 목록에도 적습니다.', en: 'List them as completed too for 완료율.' },
        }),
      approvalStatuses: names(30)
        .default(codesWhere('requiresApproval'))
        .meta({
          ko: '평가단 승인이 있어야 바꿀 수 있는 상태',
          en: 'Statuses that need the panel’s approval',
          help: {
            ko: '부서가 혼자 이 상태로 바꿀 수 없습니다 (예: 보류, 폐기).',
            en: 'A department cannot set these alone.',
          },
        }),
      budgetSources: names(12)
        .min(1)
        .default(['국비', '도비', '시비', '민간자본'])
        .meta({
          ko: '예산 재원',
          en: 'Budget sources',
          help: {
            ko: '예산표에 이 순서로 나옵니다 (자치구는 국비, 시비, 구비 …).',
            en: 'Rows of the budget table, in this order.',
          },
        }),
      // The evaluations module's setting, hosted here so the city keeps editing it on its 공약 component.
      gradeScale: gradeScaleSetting,
      commentPiiAction: z
        .enum(['block', 'mask'])
        .default('block')
        .meta({
          ko: '공약 댓글에 개인정보가 보일 때',
          en: 'When a pledge comment shows personal data',
          options: {
            block: { ko: '등록을 막고 위치를 알려 줌', en: 'Block and show where' },
            mask: { ko: '가린 뒤 공개', en: 'Publish masked' },
          },
        }),
      photoMaxMegabytes: z
        .number()
        .int()
        .min(1)
        .max(20)
        .default(5)
        .meta({
          ko: '소통 기록 사진 한 장의 최대 크기(MB)',
          en: 'Largest photo of a communication record (MB)',
          help: { ko: '휴대전화 사진은 보통 2~5MB입니다.', en: 'Phone photos are usually 2–5 MB.' },
        }),
    })
    .superRefine((v, ctx) => {
      const dup = (xs: string[]) => xs.find((x, i) => xs.indexOf(x) !== i);
      for (const key of ['statuses', 'budgetSources', ...STATUS_FLAGS] as const) {
        const d = dup(v[key]);
        if (d)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `'${d}'이(가) 두 번 적혀 있습니다. / '${d}' is listed twice.`,
          });
      }
      checkGradeScale(v.gradeScale, ctx);
      for (const key of STATUS_FLAGS) {
        const unknown = v[key].filter((x) => !v.statuses.includes(x));
        if (unknown.length)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `상태 목록에 없는 상태입니다: ${unknown.join(', ')} / Not in the status list: ${unknown.join(', ')}`,
          });
      }
    }),
});
export type PledgeTrackerSettings = ReturnType<typeof pledgeTracker.settings.parse>;

/** The city's pledge settings: the first 공약 component's, or the defaults when there is none. */
export async function pledgeSettingsOf(
  db: Database,
): Promise<{ settings: PledgeSettings; tracker: PledgeTrackerSettings; componentId: number | null }> {
  const comp = await db
    .selectFrom('components')
    .select(['id', 'settings'])
    .where('type', '=', 'pledges')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  const tracker = readSettings(pledgeTracker, comp?.settings);
  const settings = PledgeSettings.parse({
    programName: tracker.programName,
    budgetUnit: tracker.budgetUnit,
    publication: tracker.publication,
    panel: { maxMembers: tracker.panelMaxMembers, quorum: 0.5 },
    statuses: statusDefs(tracker),
    budgetSources: tracker.budgetSources,
  });
  return { settings, tracker, componentId: comp?.id ?? null };
}

/** The status list as the domain reads it: each name with its flags, and the import aliases of a known status. */
export function statusDefs(t: Pick<PledgeTrackerSettings, 'statuses' | (typeof STATUS_FLAGS)[number]>): StatusDef[] {
  return t.statuses.map((code) =>
    StatusDef.parse({
      code,
      label: code,
      aliases: DEFAULT_STATUSES.find((d) => d.code === code)?.aliases ?? [],
      completed: t.completedStatuses.includes(code),
      implemented: t.implementedStatuses.includes(code),
      continuing: t.continuingStatuses.includes(code),
      requiresApproval: t.approvalStatuses.includes(code),
    }),
  );
}

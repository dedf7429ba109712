// The pledge (공약) record: vision → field → pledge → unit project, with everything a pledge
// card shows (seeds 000–002): indicators with 당초/변경 targets, the progress log, the budget
// ledger, 정책실명제, suggestion follow-up, problems, plans and the change history.
import { z } from 'zod';

export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD 형식이어야 합니다 / must be YYYY-MM-DD');
/** 목표연도 및 월: '2018-12', or a year only ('2023', seed 002). */
const TargetDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'YYYY 또는 YYYY-MM / YYYY or YYYY-MM');

export interface Item {
  text: string;
  /** Date or period printed after a dashed leader ('----- 2021. 4.'). */
  when?: string;
  /** ISO date of a dated entry (추진현황), for ordering and the public log. */
  date?: string;
  children?: Item[];
}
export const Item: z.ZodType<Item> = z.lazy(() =>
  z.object({
    text: z.string().min(1),
    when: z.string().optional(),
    date: IsoDate.optional(),
    children: z.array(Item).optional(),
  }),
);

export const Vision = z.object({ id: z.string().min(1), name: z.string().min(1), order: z.number().int().default(0) });
export type Vision = z.infer<typeof Vision>;
export const Field = z.object({
  id: z.string().min(1),
  visionId: z.string().min(1),
  name: z.string().min(1),
  order: z.number().int().default(0),
});
export type Field = z.infer<typeof Field>;

/** Attributes shared by a pledge and its unit projects (issue 7 §1). */
const ProjectAttributes = z.object({
  /** 유형별 */
  type: z.enum(['신규', '계속']).optional(),
  /** 재원별 */
  funding: z.enum(['예산', '비예산']).optional(),
  /** 임기구분 */
  term: z.enum(['임기내', '임기후']).optional(),
  /** 목표연도 및 월 */
  targetDate: TargetDate.optional(),
  /** 사업주체 */
  owner: z.string().optional(),
  /** 사업기간 as printed ('2018. 9월 ~ 12월'). */
  period: z.string().optional(),
  /** 사업대상 */
  target: z.string().optional(),
  /** 사업목표 (seed 002) */
  goals: z.array(Item).default([]),
  /** 사업내용 */
  content: z.array(Item).default([]),
  /** 소요예산, in the settings' budget unit. */
  requiredBudget: z.number().min(0).optional(),
  /** Printed in parentheses after the amount: '2021년', '구축 260, 홍보 및 운영 23'. */
  requiredBudgetNote: z.string().optional(),
});

const UnitProject = ProjectAttributes.extend({
  id: z.string().min(1),
  title: z.string().min(1),
  status: z.string().optional(),
  progressPercent: z.number().min(0).max(100).optional(),
});
export type UnitProject = z.infer<typeof UnitProject>;

/** A column of an indicator table; `group` is the upper header ('2021년' over '1분기'). */
const IndicatorPeriod = z.object({
  key: z.string().min(1),
  label: z.string().min(1),
  group: z.string().optional(),
});
export type IndicatorPeriod = z.infer<typeof IndicatorPeriod>;

export const IndicatorValue = z.object({
  periodKey: z.string().min(1),
  /** 당초 target as printed ('1', '운영', '-'). */
  original: z.string().optional(),
  /** 변경 target, set through an approved change request. */
  changed: z.string().optional(),
  actual: z.string().optional(),
  /** Explicit judgement for text targets ('운영'), where numbers cannot decide. */
  achieved: z.boolean().optional(),
});
export type IndicatorValue = z.infer<typeof IndicatorValue>;

export const Indicator = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  unit: z.string().default(''),
  direction: z.enum(['higher', 'lower']).default('higher'),
  values: z.array(IndicatorValue).default([]),
});
export type Indicator = z.infer<typeof Indicator>;

/** The 누적 추진율 rows printed under the indicators (targets and current, as text). */
const CumulativeRow = z.object({
  label: z.string().min(1),
  /** '목표' / '현재' in seed 001's second table; empty in seed 000. */
  sub: z.string().default(''),
  unit: z.string().default(''),
  values: z.record(z.string(), z.string()).default({}),
});
export type CumulativeRow = z.infer<typeof CumulativeRow>;

/** One indicator table (seed 001 has two: 2018–2020 yearly and 2021+ quarterly). */
export const IndicatorTable = z.object({
  id: z.string().min(1),
  /** Printed above the table ('2018년 ~ 2020년', '2021년 이후'); empty for a single table. */
  caption: z.string().default(''),
  /** 구분 label of the targets: '기준' (seed 000) or '당초' (seed 001). */
  baselineLabel: z.string().default('당초'),
  periods: z.array(IndicatorPeriod).min(1),
  indicators: z.array(Indicator).default([]),
  cumulative: z.array(CumulativeRow).default([]),
  /** 【변경사유】 */
  changeReasons: z.array(Item).default([]),
});
export type IndicatorTable = z.infer<typeof IndicatorTable>;

/**
 * A small figures table printed inside the progress log (seed 002: '2023년 새빛톡톡 운영실적', 단위:건, 계 874 =
 * 제안토론 304 + 설문투표 254 + 신청접수 181 + 맞춤정보 135). The 계 column is computed from the parts, never stored.
 */
export const FigureTable = z.object({
  id: z.string().min(1),
  title: z.string().min(1),
  unit: z.string().default(''),
  /** Label of the computed total column printed first ('계'); none when absent. */
  totalLabel: z.string().optional(),
  /** Label of a trailing free-text column ('비고'); none when absent. */
  noteLabel: z.string().optional(),
  /** Column labels in printed order. */
  columns: z.array(z.string().min(1)).min(1),
  rows: z
    .array(
      z.object({
        label: z.string().default(''),
        values: z.record(z.string(), z.string()).default({}),
        note: z.string().default(''),
      }),
    )
    .min(1),
});
export type FigureTable = z.infer<typeof FigureTable>;

/** 성과지표별 추진현황: dated entries per indicator. */
const ProgressLog = z.object({
  /** Indicator name as printed in the 추진현황 table (may differ slightly from the target table). */
  indicator: z.string().min(1),
  indicatorId: z.string().optional(),
  items: z.array(Item).default([]),
  tables: z.array(FigureTable).default([]),
});
export type ProgressLog = z.infer<typeof ProgressLog>;

export const BudgetPeriod = z.object({
  key: z.string().min(1),
  /** As printed: '2018.7.~12.', '2019년', '2022.6월까지'. */
  label: z.string().min(1),
  /** 기투자: spent before the term; always counts what was executed. */
  prior: z.boolean().default(false),
  start: IsoDate.optional(),
  end: IsoDate.optional(),
  /** Overrides the seed-001 rule for this period (e.g. seed 002 counts the current year's 계획). */
  basis: z.enum(['executed', 'secured', 'planned']).optional(),
});
export type BudgetPeriod = z.infer<typeof BudgetPeriod>;

const BudgetEntry = z.object({
  source: z.string().min(1),
  periodKey: z.string().min(1),
  /** 확보 */
  secured: z.number().min(0).optional(),
  /** 집행 */
  executed: z.number().min(0).optional(),
  /** 계획 */
  planned: z.number().min(0).optional(),
});
export type BudgetEntry = z.infer<typeof BudgetEntry>;

export const BudgetLedger = z.object({
  periods: z.array(BudgetPeriod).default([]),
  entries: z.array(BudgetEntry).default([]),
});
export type BudgetLedger = z.infer<typeof BudgetLedger>;

/** 정책실명제: responsible and cooperating officials, shown on every pledge. */
const Official = z.object({
  role: z.enum(['lead', 'cooperating']),
  department: z.string().min(1),
  position: z.string().min(1),
  name: z.string().min(1),
  /** 내선 (extension) or full number. */
  phone: z.string().default(''),
});
export type Official = z.infer<typeof Official>;

/** 개선 및 제안사항 → 추진실적 (추진계획 포함). */
const Suggestion = z.object({
  /** The evaluation that made it: '2020 상반기 시민과의 약속 평가결과'. */
  evaluation: z.string().min(1),
  suggestion: z.array(Item).min(1),
  followUp: z.array(Item).default([]),
});
export type Suggestion = z.infer<typeof Suggestion>;

/** 문제점 및 대책. */
const Problem = z.object({
  problem: z.array(Item).min(1),
  measures: z.array(Item).default([]),
});
export type Problem = z.infer<typeof Problem>;

const ChangeItem = z.enum(['target', 'indicator', 'budget', 'status', 'other']);
export type ChangeItem = z.infer<typeof ChangeItem>;

/** 사업변경내역: one published change. */
export const ChangeRecord = z.object({
  date: IsoDate,
  item: ChangeItem,
  before: z.string().default(''),
  after: z.string().default(''),
  reason: z.string().min(1),
  /** The approved change request, when the change went through the platform. */
  requestId: z.string().optional(),
});
export type ChangeRecord = z.infer<typeof ChangeRecord>;

export const Pledge = ProjectAttributes.extend({
  id: z.string().min(1),
  visionId: z.string().optional(),
  fieldId: z.string().optional(),
  title: z.string().min(1),
  /** 사업구분 ('약속', seed 001). */
  category: z.string().optional(),
  /** 비고 */
  note: z.string().optional(),
  leadDepartment: z.string().optional(),
  status: z.string().min(1),
  /** 전체 사업진도율 (%) */
  progressPercent: z.number().min(0).max(100),
  /** 기준일 of the reported figures. */
  asOf: IsoDate.optional(),
  /** Start of the reporting window ('2018. 7.' in '2018. 7. ~ 2021. 3. 31.'), YYYY-MM or YYYY-MM-DD. */
  reportFrom: z
    .string()
    .regex(/^\d{4}-\d{2}(-\d{2})?$/)
    .optional(),
  unitProjects: z.array(UnitProject).default([]),
  indicatorTables: z.array(IndicatorTable).default([]),
  progress: z.array(ProgressLog).default([]),
  budget: BudgetLedger.default({ periods: [], entries: [] }),
  officials: z.array(Official).default([]),
  suggestions: z.array(Suggestion).default([]),
  problems: z.array(Problem).default([]),
  /** 추진성과 */
  achievements: z.array(Item).default([]),
  /** 향후 추진계획 */
  plans: z.array(Item).default([]),
  changes: z.array(ChangeRecord).default([]),
  /** Set when the pledge was first published; from then on departments cannot change it alone. */
  publishedAt: IsoDate.optional(),
});
export type Pledge = z.infer<typeof Pledge>;
export type PledgeInput = z.input<typeof Pledge>;

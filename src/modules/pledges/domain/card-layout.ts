// The shape of a pledge card layout (data, not code): its own file so the card and its tables share it without a cycle.

export type SectionKind =
  | 'status'
  | 'goals'
  | 'overview'
  | 'budget'
  | 'indicators'
  | 'changeReasons'
  | 'progress'
  | 'suggestions'
  | 'achievements'
  | 'changes'
  | 'problems'
  | 'plans'
  | 'press'
  | 'officials';

export interface CardSection {
  kind: SectionKind;
  /** Heading template; placeholders {asOf} {reportPeriod} {evaluation} {program}. '' prints none. */
  heading: string;
  level?: 1 | 2;
}

export interface CardLayout {
  id: string;
  name: string;
  sections: CardSection[];
  status: 'suwon2020' | 'suwon2021' | 'suwon2023';
  overviewSep: string;
  budgetLabel: string;
  budgetUnit: string;
  /** Upper header over the period columns of indicator tables. */
  indicatorGroupHead: string;
  /** '성 과 지 표' spanning 구분+성과지표 (seed 001) instead of two headers (seed 000). */
  indicatorHeadMerged?: string;
  officials: 'table' | 'inline';
  /** Order and labels of 사업개요 lines; seed 002 prints 플랫폼명, 사업기간, 사업예산, then 사업내용 with its first line inline. */
  overview?: { order: ('period' | 'target' | 'content' | 'budget')[]; targetLabel?: string; inlineContent?: boolean };
  /** Budget table header: corner cell ('구분', or none in seed 002) and the sum column ('소요예산 (a~{last}합계)'). */
  budgetCorner?: string;
  budgetSumLabel?: string;
  /** Seed 002 prints only the sources that have entries, and '-' (or nothing for 기투자) where the 계 row has no amount. */
  budgetUsedSourcesOnly?: boolean;
  budgetEmptyTotal?: { prior: string; other: string };
  /** One lead column with this header and no 당초/기준 column (seed 002's '확인지표'). */
  indicatorLabel?: string;
  /** 추진현황 as '○ 성과지표' sub-headings with lists (seed 002) instead of the two-column table (seeds 000, 001). */
  progressAsLists?: boolean;
}

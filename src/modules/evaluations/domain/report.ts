// The evaluation report as data, in the layout of seed 003 (이행사항 점검결과 보고):
// title block, purpose paragraph, □ 추진근거, □ 점검개요, □ 점검결과 (grade table),
// □ 향후계획, then the detail table per 추진과제 (printed without a heading in the seed).
import { span, type ListItem, type Report, type ReportTable, type TableRow } from '../../../platform/reports/model.ts';
import { buildTree, treeCounts, type EvaluationSettings, type IndicatorResult } from './framework.ts';
import { distributionTable, gradeDistribution } from './distribution.ts';
import { computedRate } from './grading.ts';
import { roundPercent } from './achievement.ts';

export interface EvaluationReportInput {
  /** '2021년 주민참여사업 이행사항 점검결과 보고' */
  title: string;
  /** '2022. 6.' */
  date: string;
  /** '시 민 협 력 국' */
  organization: string;
  /** The purpose paragraph under the title. */
  intro?: string;
  /** □ 추진근거 items. */
  basis: ListItem[];
  overview: {
    /** 내 용 */
    content: string;
    /** 대상기간, e.g. '2021.1월 ~ 2021.12월' */
    period: string;
    /** 점검방법 */
    method: string;
  };
  /** □ 향후계획 items. */
  plans: ListItem[];
  results: IndicatorResult[];
  /** Words used in '4개 분야, 13개 사업, 40개 과제, 45개 추진과제'. */
  levelNames?: { strategy: string; project: string; task: string; indicator: string };
}

/** 대 상 line computed from the tree: '4개 분야, 13개 사업, 40개 과제, 45개 추진과제'. */
export function scopeLine(
  results: IndicatorResult[],
  names = { strategy: '분야', project: '사업', task: '과제', indicator: '추진과제' },
): string {
  const c = treeCounts(buildTree(results));
  return `${c.strategies}개 ${names.strategy}, ${c.projects}개 ${names.project}, ${c.tasks}개 ${names.task}, ${c.indicators}개 ${names.indicator}`;
}

/** 달성도 cell: the reported figure when the source gave one (faithful), else the computed one. */
function rateText(r: IndicatorResult): string {
  if (r.reportedRate !== undefined) return `${r.reportedRate}%`;
  const c = computedRate(r);
  return c ? `${roundPercent(c)}%` : '';
}

/** Detail table with strategy/project/task cells spanning their rows, as printed. */
function detailTable(results: IndicatorResult[], settings: EvaluationSettings): ReportTable {
  const body: TableRow[] = [];
  for (const s of buildTree(results)) {
    const sRows = s.projects.reduce((n, p) => n + p.tasks.reduce((m, t) => m + t.indicators.length, 0), 0);
    let firstS = true;
    for (const p of s.projects) {
      const pRows = p.tasks.reduce((m, t) => m + t.indicators.length, 0);
      let firstP = true;
      for (const t of p.tasks) {
        let firstT = true;
        for (const r of t.indicators) {
          const cells: TableRow['cells'] = [];
          if (firstS) cells.push(span(s.name, 1, sRows));
          if (firstP) cells.push(span(p.name, 1, pRows));
          if (firstT) cells.push(span(t.name, 1, t.indicators.length));
          cells.push(r.indicator, r.target, r.actual);
          if (r.status === 'evaluated') cells.push(rateText(r), r.grade ?? '');
          else
            cells.push(
              span(r.status === 'excluded' ? settings.excludedLabel : settings.notEvaluatedLabel, 2, 1, {
                align: 'center',
              }),
            );
          body.push({ cells });
          firstS = firstP = firstT = false;
        }
      }
    }
  }
  return {
    id: 'evaluation-details',
    title: '추진과제별 점검결과',
    head: [{ cells: ['추진전략', '사업명', '과제명', '추진과제', '목표', '실적', '달성도', '평가 등급'] }],
    body,
  };
}

export function buildEvaluationReport(input: EvaluationReportInput, settings: EvaluationSettings): Report {
  const names = input.levelNames;
  return {
    kind: 'evaluation-report',
    title: input.title,
    meta: [
      { label: '작성일', value: input.date },
      { label: '작성부서', value: input.organization },
    ],
    sections: [
      ...(input.intro
        ? [{ id: 'intro', heading: '', level: 1 as const, blocks: [{ kind: 'paragraph' as const, text: input.intro }] }]
        : []),
      { id: 'basis', heading: '□ 추진근거', level: 1, blocks: [{ kind: 'list', items: input.basis }] },
      {
        id: 'overview',
        heading: '□ 점검개요',
        level: 1,
        blocks: [
          {
            kind: 'list',
            items: [
              { text: `내 용 : ${input.overview.content}` },
              { text: `대 상 : ${scopeLine(input.results, names)}` },
              { text: `대상기간 : ${input.overview.period}` },
              { text: `점검방법 : ${input.overview.method}` },
            ],
          },
        ],
      },
      {
        id: 'results',
        heading: '□ 점검결과',
        level: 1,
        blocks: [{ kind: 'table', table: distributionTable(gradeDistribution(input.results, settings)) }],
      },
      { id: 'plans', heading: '□ 향후계획', level: 1, blocks: [{ kind: 'list', items: input.plans }] },
      // The seed prints the detail table after 향후계획 with no heading of its own.
      {
        id: 'details',
        heading: '',
        level: 1,
        blocks: [{ kind: 'table', table: detailTable(input.results, settings) }],
      },
    ],
  };
}

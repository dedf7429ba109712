// The grade distribution table (점검결과) exactly as seed 003 prints it:
// '45 (100%)', '13 (29%)', '-' for an empty grade; percentages are of all 추진과제
// (excluded and not-evaluated included), integer, rounded half up.
import { sharePercent } from './achievement.ts';
import type { EvaluationSettings, IndicatorResult } from './framework.ts';
import { span, type ReportTable } from '../../../platform/reports/model.ts';

interface DistributionColumn {
  /** Grade, or the 평가 제외 / 평가 안함 label. */
  label: string;
  kind: 'grade' | 'excluded' | 'not-evaluated';
  count: number;
  percent: number;
}

export interface GradeDistribution {
  total: number;
  columns: DistributionColumn[];
}

class UnknownGradeError extends Error {}

export function gradeDistribution(results: IndicatorResult[], settings: EvaluationSettings): GradeDistribution {
  const total = results.length;
  const count = (pred: (r: IndicatorResult) => boolean) => results.filter(pred).length;
  const unknown = results.filter((r) => r.status === 'evaluated' && !settings.grades.some((g) => g.grade === r.grade));
  // An evaluated item without a grade on the scale would silently vanish from the table.
  if (unknown.length)
    throw new UnknownGradeError(
      `grade missing or not on the scale: ${unknown.map((r) => `${r.id}=${r.grade ?? '∅'}`).join(', ')}`,
    );
  const col = (label: string, kind: DistributionColumn['kind'], n: number): DistributionColumn => ({
    label,
    kind,
    count: n,
    percent: sharePercent(n, total),
  });
  return {
    total,
    columns: [
      ...settings.grades.map((g) =>
        col(
          g.grade,
          'grade',
          count((r) => r.status === 'evaluated' && r.grade === g.grade),
        ),
      ),
      col(
        settings.excludedLabel,
        'excluded',
        count((r) => r.status === 'excluded'),
      ),
      col(
        settings.notEvaluatedLabel,
        'not-evaluated',
        count((r) => r.status === 'not-evaluated'),
      ),
    ],
  };
}

/** '13 (29%)', or '-' for zero, as printed. */
function formatCountShare(count: number, percent: number): string {
  return count === 0 ? '-' : `${count} (${percent}%)`;
}

/** The printed table: two header rows (등급 spans the grade columns) and one body row. */
export function distributionTable(d: GradeDistribution): ReportTable {
  const grades = d.columns.filter((c) => c.kind === 'grade');
  const others = d.columns.filter((c) => c.kind !== 'grade');
  return {
    id: 'grade-distribution',
    title: '점검결과',
    head: [
      {
        cells: [span('등급 추진과제수', 1, 2), span('등급', grades.length), ...others.map((c) => span(c.label, 1, 2))],
      },
      { cells: grades.map((c) => c.label) },
    ],
    body: [{ cells: [`${d.total} (100%)`, ...d.columns.map((c) => formatCountShare(c.count, c.percent))] }],
  };
}

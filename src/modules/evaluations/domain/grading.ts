// Grade suggestion from configurable cut-offs, and the final grade with its reason.
import { achievementRate, atLeastPercent, decimal, quantity, roundPercent, type Ratio } from './achievement.ts';
import type { EvaluationSettings, IndicatorResult } from './framework.ts';

/** Grade for a rate: the first step (best first) whose cut-off the rate reaches. */
export function suggestGrade(rate: Ratio, settings: EvaluationSettings): string {
  for (const step of settings.grades) if (atLeastPercent(rate, step.minPercent)) return step.grade;
  return settings.grades[settings.grades.length - 1].grade;
}

/**
 * The computed 달성도 of a result, or undefined when it cannot be computed from the text
 * (qualitative targets such as '운용 및 정착'). An actual of '-' against a numeric target
 * counts as 0, as the seed prints 0% for it.
 */
export function computedRate(r: Pick<IndicatorResult, 'target' | 'actual' | 'direction'>): Ratio | undefined {
  const t = quantity(r.target);
  if (!t) return undefined;
  const a = r.actual.trim() === '-' ? { value: decimal('0')!, unit: t.unit } : quantity(r.actual);
  if (!a) return undefined;
  return achievementRate(t.value, a.value, r.direction);
}

/** The rate used for grading: computed when possible, else the reported one. */
function effectiveRate(r: IndicatorResult): Ratio | undefined {
  const computed = computedRate(r);
  if (computed) return computed;
  const reported = r.reportedRate === undefined ? undefined : decimal(String(r.reportedRate));
  return reported && { n: reported.n, d: reported.d * 100n }; // percent → ratio
}

export interface GradeCheck {
  id: string;
  computedPercent?: number;
  suggested?: string;
  final?: string;
  /** Final differs from the suggestion. */
  overridden: boolean;
  warnings: { ko: string; en: string }[];
}

/** Checks one result: suggestion, override without reason, reported vs computed rate. */
export function checkGrade(r: IndicatorResult, settings: EvaluationSettings): GradeCheck {
  const warnings: GradeCheck['warnings'] = [];
  if (r.status !== 'evaluated') return { id: r.id, overridden: false, warnings };
  const computed = computedRate(r);
  const rate = effectiveRate(r);
  const suggested = rate ? suggestGrade(rate, settings) : undefined;
  const computedPercent = computed ? roundPercent(computed) : undefined;
  if (
    computedPercent !== undefined &&
    r.reportedRate !== undefined &&
    Math.abs(computedPercent - r.reportedRate) > settings.rateTolerancePoints
  ) {
    warnings.push({
      ko: `기재된 달성도 ${r.reportedRate}%와 계산값 ${computedPercent}%가 다릅니다`,
      en: `reported rate ${r.reportedRate}% differs from computed ${computedPercent}%`,
    });
  }
  const overridden = suggested !== undefined && r.grade !== undefined && r.grade !== suggested;
  if (overridden && !r.reason?.trim()) {
    warnings.push({
      ko: `최종 등급 ${r.grade}이(가) 제안 등급 ${suggested}과(와) 다르나 사유가 없습니다`,
      en: `final grade ${r.grade} differs from suggested ${suggested} without a reason`,
    });
  }
  return { id: r.id, computedPercent, suggested, final: r.grade, overridden, warnings };
}

export type FinalizeResult =
  | { ok: true; result: IndicatorResult }
  | { ok: false; code: string; reason: { ko: string; en: string } };

/**
 * Sets the final grade through the admin form: a grade different from the suggestion needs a
 * written qualitative reason (정성평가 사유), and the grade must be on the scale.
 */
export function finalizeGrade(
  r: IndicatorResult,
  grade: string,
  reason: string | undefined,
  settings: EvaluationSettings,
): FinalizeResult {
  if (r.status !== 'evaluated') {
    return {
      ok: false,
      code: 'not-graded',
      reason: {
        ko: `${r.status === 'excluded' ? settings.excludedLabel : settings.notEvaluatedLabel} 항목에는 등급을 줄 수 없습니다`,
        en: 'excluded or not-evaluated items take no grade',
      },
    };
  }
  if (!settings.grades.some((g) => g.grade === grade)) {
    return {
      ok: false,
      code: 'unknown-grade',
      reason: { ko: `없는 등급입니다: ${grade}`, en: `unknown grade: ${grade}` },
    };
  }
  const rate = effectiveRate(r);
  const suggested = rate ? suggestGrade(rate, settings) : undefined;
  if (grade !== suggested && !reason?.trim()) {
    return {
      ok: false,
      code: 'reason-required',
      reason: {
        ko: `제안 등급(${suggested ?? '없음'})과 다른 등급에는 사유가 필요합니다`,
        en: `a grade other than the suggested one (${suggested ?? 'none'}) needs a reason`,
      },
    };
  }
  return { ok: true, result: { ...r, grade, reason: reason?.trim() || undefined } };
}

// Dashboard metrics in the sense of the 매니페스토 evaluation (anchors-korea §7.1–7.2).
//
//   완료율     = pledges whose status is `completed` (완료, 이행 후 계속추진) ÷ all pledges.
//                The denominator keeps 폐기/보류: a dropped promise is an unkept one.
//   이행률     = 임기내 pledges whose status is `implemented` (완료, 이행 후 계속추진, 정상추진)
//                ÷ 임기내 pledges (no term given counts as 임기내). 임기후 pledges are outside it,
//                as in 순창군's "이행률(임기내)".
//   목표달성률 = (indicator, year) pairs with a target in that year whose actual meets it ÷ all
//                such pairs — the "당해연도 목표달성도". Numeric targets (changed ?? original)
//                are summed over the year's periods and compared with summed actuals (≤ for
//                lower-is-better); text targets ('운영') count as met only when marked achieved
//                or when the actual equals the target text.
//   평균진행률 = mean of 전체 진도율.
// Percentages have one decimal, rounded half up (순창군 prints 67.1%, 83.5%).
import type { Pledge } from './model.ts';
import { resolveStatus, type PledgeSettings } from './settings.ts';

export interface DashboardFilter {
  visionId?: string;
  fieldId?: string;
  department?: string;
}

export function filterPledges(pledges: Pledge[], f: DashboardFilter): Pledge[] {
  return pledges.filter(
    (p) =>
      (!f.visionId || p.visionId === f.visionId) &&
      (!f.fieldId || p.fieldId === f.fieldId) &&
      (!f.department || p.leadDepartment === f.department || p.officials.some((o) => o.department === f.department)),
  );
}

interface Ratio1 {
  numerator: number;
  denominator: number;
  /** Percent with one decimal; null when the denominator is 0. */
  percent: number | null;
}

const pct = (n: number, d: number): Ratio1 => ({
  numerator: n,
  denominator: d,
  percent: d === 0 ? null : Math.floor((n * 2000 + d) / (2 * d)) / 10,
});

export interface DashboardMetrics {
  total: number;
  byStatus: { code: string; label: string; count: number }[];
  completionRate: Ratio1;
  implementationRate: Ratio1;
  targetAchievementRate: Ratio1 & { year: number };
  averageProgress: number | null;
}

const num = (s: string | undefined) => {
  if (s === undefined) return undefined;
  const t = s.replace(/,/g, '').trim();
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
};

/** Year of an indicator period key ('2018', '2018년', '2021년/1분기', '2022년6월까지'). */
function periodYear(key: string): number | undefined {
  const m = /^(\d{4})/.exec(key);
  return m ? Number(m[1]) : undefined;
}

function targetAchievement(pledges: Pledge[], year: number): Ratio1 {
  let met = 0;
  let all = 0;
  for (const p of pledges) {
    for (const tb of p.indicatorTables) {
      const keys = tb.periods.filter((x) => periodYear(x.key) === year).map((x) => x.key);
      for (const ind of tb.indicators) {
        const vals = ind.values.filter((v) => keys.includes(v.periodKey));
        const targets = vals
          .map((v) => v.changed ?? v.original)
          .filter((t) => t !== undefined && t !== '' && t !== '-');
        if (!targets.length) continue;
        all++;
        if (vals.some((v) => v.achieved === false)) continue;
        if (vals.some((v) => v.achieved === true)) {
          met++;
          continue;
        }
        const tn = targets.map(num);
        if (tn.every((x) => x !== undefined)) {
          const t = (tn as number[]).reduce((a, b) => a + b, 0);
          const a = vals.reduce((s, v) => s + (num(v.actual) ?? 0), 0);
          if (ind.direction === 'lower' ? a <= t : a >= t) met++;
        } else if (
          vals.every(
            (v) =>
              (v.changed ?? v.original ?? '') === '' ||
              (v.changed ?? v.original) === '-' ||
              v.actual?.trim() === (v.changed ?? v.original)?.trim(),
          )
        )
          met++;
      }
    }
  }
  return pct(met, all);
}

export function dashboard(pledges: Pledge[], settings: PledgeSettings, year: number): DashboardMetrics {
  const st = (p: Pledge) => resolveStatus(settings, p.status);
  const inTerm = pledges.filter((p) => p.term !== '임기후');
  const progress = pledges.map((p) => p.progressPercent);
  return {
    total: pledges.length,
    byStatus: settings.statuses.map((s) => ({
      code: s.code,
      label: s.label,
      count: pledges.filter((p) => st(p)?.code === s.code).length,
    })),
    completionRate: pct(pledges.filter((p) => st(p)?.completed).length, pledges.length),
    implementationRate: pct(inTerm.filter((p) => st(p)?.implemented).length, inTerm.length),
    targetAchievementRate: { ...targetAchievement(pledges, year), year },
    averageProgress: progress.length
      ? Math.round((progress.reduce((a, b) => a + b, 0) * 10) / progress.length) / 10
      : null,
  };
}

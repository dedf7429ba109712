// The grade scale (이행사항 점검 등급 기준) is this module's setting: its field, its check and its reading live here.
// The city edits it on the component that hosts it: a component type includes `gradeScale: gradeScaleSetting` in its
// settings (today the 공약 이행 관리 component does, so nothing moved for the cities) and calls checkGradeScale in its
// refinement. This module reads the first component carrying the key, through its own store, and never names the host.
import { z } from 'zod';
import type { Database } from '../../platform/db.ts';
import { DEFAULT_GRADE_STEPS, EvaluationSettings, gradeLine, parseGradeScale } from './domain/index.ts';
import { hostedSetting } from './store.ts';

export const GRADE_SCALE_KEY = 'gradeScale';

export const gradeScaleSetting = z
  .array(z.string().min(1).max(40))
  .max(20)
  .min(2)
  .default(DEFAULT_GRADE_STEPS.map(gradeLine))
  .meta({
    ko: '이행사항 점검 등급 기준',
    en: 'Evaluation grade cut-offs',
    help: {
      ko: '한 줄에 등급 하나와 그 등급이 시작하는 달성률(%)을 적습니다. 높은 등급부터 적고, 마지막 등급은 0부터입니다 (예: A+ 105). 점검 결과를 올릴 때 등급을 제안하고 확인하는 데 쓰입니다.',
      en: 'One grade per line with the achievement rate (%) it starts at, best first, the last at 0 (e.g. A+ 105). Used to suggest and check grades when an evaluation is imported.',
    },
  });

/** For the host's superRefine: each problem of the scale as a Korean/English message on the gradeScale field. */
export function checkGradeScale(lines: string[], ctx: z.RefinementCtx): void {
  const scale = parseGradeScale(lines);
  if (!scale.ok) for (const message of scale.errors) ctx.addIssue({ code: 'custom', path: [GRADE_SCALE_KEY], message });
}

/** Evaluation settings from a stored scale; the default scale when none is stored or it does not parse. */
export function evaluationSettingsFromScale(stored: unknown): EvaluationSettings {
  const lines = gradeScaleSetting.safeParse(stored ?? undefined);
  const scale = lines.success ? parseGradeScale(lines.data) : { ok: false as const };
  return EvaluationSettings.parse(scale.ok ? { grades: scale.grades } : {});
}

/** The city's evaluation settings (이행사항 점검): its grade scale as the hosting component stores it. */
export async function evaluationSettingsOf(db: Database): Promise<EvaluationSettings> {
  return evaluationSettingsFromScale(await hostedSetting(db, GRADE_SCALE_KEY));
}

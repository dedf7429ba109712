// The evaluation framework (이행사항 점검, seed 003): 추진전략 → 사업 → 과제 → 추진과제(지표),
// each 추진과제 with a target, an actual, a rate and a grade — or 평가 제외 / 평가 안함.
import { z } from 'zod';

/** One grade step: rates at or above minPercent (and below the previous step) get this grade. */
export const GradeStep = z.object({
  grade: z.string().min(1),
  minPercent: z.number().min(0),
});
export type GradeStep = z.infer<typeof GradeStep>;

/**
 * Default 9-step scale as printed in seed 003 (A+ … E). The seed does not print its cut-offs
 * and its grades mix in qualitative judgement (108% is A+ once and A once), so these
 * cut-offs are only defaults for the suggestion; each city configures its own.
 */
export const DEFAULT_GRADE_STEPS: GradeStep[] = [
  { grade: 'A+', minPercent: 105 },
  { grade: 'A', minPercent: 95 },
  { grade: 'B+', minPercent: 90 },
  { grade: 'B', minPercent: 85 },
  { grade: 'C+', minPercent: 80 },
  { grade: 'C', minPercent: 70 },
  { grade: 'D+', minPercent: 60 },
  { grade: 'D', minPercent: 50 },
  { grade: 'E', minPercent: 0 },
];

export const EvaluationSettings = z
  .object({
    /** Best first; minPercent strictly decreasing; the last step starts at 0. */
    grades: z.array(GradeStep).min(2).default(DEFAULT_GRADE_STEPS),
    excludedLabel: z.string().default('평가 제외'),
    notEvaluatedLabel: z.string().default('평가 안함'),
    /** Reported 달성도 differing from the computed one by more than this (points) is flagged. */
    rateTolerancePoints: z.number().min(0).default(1),
  })
  .superRefine((s, ctx) => {
    for (let i = 1; i < s.grades.length; i++) {
      if (s.grades[i].minPercent >= s.grades[i - 1].minPercent) {
        ctx.addIssue({
          code: 'custom',
          path: ['grades', i],
          message: '등급 기준은 내림차순이어야 합니다 / cut-offs must be strictly decreasing',
        });
      }
    }
    if (s.grades[s.grades.length - 1].minPercent !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['grades'],
        message: '마지막 등급은 0%부터입니다 / the last grade must start at 0%',
      });
    }
    if (new Set(s.grades.map((g) => g.grade)).size !== s.grades.length) {
      ctx.addIssue({ code: 'custom', path: ['grades'], message: '등급 이름이 중복됩니다 / duplicate grade names' });
    }
  });
export type EvaluationSettings = z.infer<typeof EvaluationSettings>;

export const defaultEvaluationSettings = (): EvaluationSettings => EvaluationSettings.parse({});

/** A grade scale as an administrator writes it, one step a line: 'A+ 105' (the grade, then the % it starts at). */
export const gradeLine = (g: GradeStep) => `${g.grade} ${g.minPercent}`;

/**
 * Reads such lines into grade steps and checks them as a scale (best first, strictly decreasing, the last at 0).
 * Errors are bilingual messages, one per problem, for the settings form.
 */
export function parseGradeScale(lines: string[]): { ok: true; grades: GradeStep[] } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const grades: GradeStep[] = [];
  lines.forEach((line, i) => {
    const m = /^(\S{1,8})\s+(\d{1,3}(?:\.\d{1,2})?)\s*%?$/.exec(line.trim());
    if (!m)
      errors.push(
        `${i + 1}번째 줄 '${line}': 등급과 시작 달성률(%)을 'A+ 105'처럼 적어 주세요. / Line ${i + 1}: write a grade and the rate it starts at, like 'A+ 105'.`,
      );
    else grades.push({ grade: m[1], minPercent: Number(m[2]) });
  });
  if (errors.length) return { ok: false, errors };
  const checked = EvaluationSettings.safeParse({ grades });
  if (!checked.success) return { ok: false, errors: [...new Set(checked.error.issues.map((x) => x.message))] };
  return { ok: true, grades };
}

/**
 * evaluated: graded; excluded (평가 제외): the task was not run that year (미운영);
 * not-evaluated (평가 안함): run, but outside grading (no target, e.g. statutory systems).
 */
const EvaluationStatus = z.enum(['evaluated', 'excluded', 'not-evaluated']);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;

const DirectionSchema = z.enum(['higher', 'lower']);

/** One 추진과제 (the graded unit) with its place in the tree. */
export const IndicatorResult = z.object({
  id: z.string(),
  strategy: z.string().min(1),
  project: z.string().min(1),
  task: z.string().min(1),
  /** The indicator text; may be empty when the task itself is the unit (seed 003 ⑧–⑫). */
  indicator: z.string().default(''),
  direction: DirectionSchema.default('higher'),
  /** As printed ('24,000천건', '50명, 1회', '운용 및 정착', '-'). */
  target: z.string().default(''),
  actual: z.string().default(''),
  /** 달성도 as printed in the source, in %, when it was given. */
  reportedRate: z.number().min(0).optional(),
  status: EvaluationStatus,
  /** Final grade (evaluated only). */
  grade: z.string().optional(),
  /** Qualitative reason, required when the final grade differs from the suggested one. */
  reason: z.string().optional(),
});
export type IndicatorResult = z.infer<typeof IndicatorResult>;

interface TaskNode {
  name: string;
  indicators: IndicatorResult[];
}
interface ProjectNode {
  name: string;
  tasks: TaskNode[];
}
export interface StrategyNode {
  name: string;
  projects: ProjectNode[];
}

/** Groups flat results into the tree, keeping first-appearance order. */
export function buildTree(results: IndicatorResult[]): StrategyNode[] {
  const strategies: StrategyNode[] = [];
  for (const r of results) {
    let s = strategies.find((x) => x.name === r.strategy);
    if (!s) strategies.push((s = { name: r.strategy, projects: [] }));
    let p = s.projects.find((x) => x.name === r.project);
    if (!p) s.projects.push((p = { name: r.project, tasks: [] }));
    let t = p.tasks.find((x) => x.name === r.task);
    if (!t) p.tasks.push((t = { name: r.task, indicators: [] }));
    t.indicators.push(r);
  }
  return strategies;
}

export function treeCounts(tree: StrategyNode[]): {
  strategies: number;
  projects: number;
  tasks: number;
  indicators: number;
} {
  let projects = 0;
  let tasks = 0;
  let indicators = 0;
  for (const s of tree) {
    projects += s.projects.length;
    for (const p of s.projects) {
      tasks += p.tasks.length;
      for (const t of p.tasks) indicators += t.indicators.length;
    }
  }
  return { strategies: tree.length, projects, tasks, indicators };
}

// Public API of the evaluations domain (pure; no storage, no web).
export * from './achievement.ts';
export * from './framework.ts';
export * from './grading.ts';
export * from './distribution.ts';
export * from './panel.ts';
export * from './report.ts';
export {
  evaluationSheet,
  fillDown,
  importEvaluationTable,
  importEvaluationCsv,
  importEvaluationXlsx,
  evaluationTemplateCsv,
  evaluationTemplateXlsx,
  type EvaluationRow,
  type EvaluationImport,
  type EvaluationWarning,
} from './import.ts';

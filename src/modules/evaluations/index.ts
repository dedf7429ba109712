// The evaluations module's public face: what another module may use (the pure domain, the grade-scale setting it
// can host, the import for `madang import evaluation`). Its store and tables stay private.
export * from './domain/index.ts';
export {
  GRADE_SCALE_KEY,
  gradeScaleSetting,
  checkGradeScale,
  evaluationSettingsFromScale,
  evaluationSettingsOf,
} from './settings.ts';
export { importEvaluation, importEvaluationCommand, EVALUATION_USAGE, type EvaluationImportOutcome } from './import.ts';

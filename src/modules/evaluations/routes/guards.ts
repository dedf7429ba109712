// The evaluation run a path names (loaded once with its report, or 404), on the platform's guards.
import { idOf, loadOr404 } from '../../../platform/http/guards.tsx';
import type { Report } from '../../../platform/reports/index.ts';
import { buildEvaluationReport } from '../domain/index.ts';
import { getRun, type StoredRun } from '../store.ts';

export interface LoadedRun {
  id: number;
  run: StoredRun;
  report: Report;
}

export const evaluation = loadOr404<LoadedRun>(async (c) => {
  const id = idOf(c.req.param('id'));
  const run = id ? await getRun(c.get('p').db, id) : undefined;
  return id && run ? { id, run, report: buildEvaluationReport(run.input, run.settings) } : null;
});

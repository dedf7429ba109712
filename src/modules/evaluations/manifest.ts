// 이행사항 점검 (evaluation reports): its own module, depending on nothing in pledges. It owns the evaluation_runs
// and evaluation_results tables, the grade-scale setting (hosted by a component type that includes it), its pages
// and its import.
import { defineModule } from '../../platform/modules.ts';
import { evaluationRoutes } from './routes/index.ts';
import { texts } from './texts.ts';
import { seedEvaluationDemo } from './seed.ts';

export default defineModule({
  name: 'evaluations',
  title: { ko: '이행사항 점검', en: 'Evaluation reports' },
  routes: evaluationRoutes,
  texts,
  seed: async (db) => seedEvaluationDemo(db),
});

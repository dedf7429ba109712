// The evaluations module's routes, a Hono sub-app the platform mounts at '/': one handler per concern, guards as
// middleware (permission table, the run loaded or 404).
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { reportCss } from '../../../platform/reports/index.ts';
import { REPORT_CSS_PATH } from '../views/report.tsx';
import { requireActor, requirePermission } from '../../../platform/http/guards.tsx';
import { can } from '../permissions.ts';
import { evaluation } from './guards.ts';
import * as reports from './reports.tsx';
import * as admin from './admin.tsx';

export function evaluationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(REPORT_CSS_PATH, reportCss);
  app.get('/evaluations', reports.list);
  app.get('/evaluations/:id{[0-9]+}', evaluation.guard, reports.show);
  app.post(
    '/evaluations/:id{[0-9]+}/grade',
    requireActor(),
    requirePermission((a) => can(a, 'grade')),
    evaluation.guard,
    reports.grade,
  );
  app.get('/evaluations/:id{[0-9]+}/:file{report\\.(?:xlsx|json)}', evaluation.guard, reports.reportFile);
  app.get('/evaluations/:id{[0-9]+}/tables/:table{[\\w-]+\\.csv}', evaluation.guard, reports.tableCsv);

  const importer = [requireActor(() => '/admin/evaluations'), requirePermission((a) => can(a, 'import'))] as const;
  app.get('/admin/evaluations', ...importer, admin.page);
  app.get('/admin/evaluations/template.xlsx', ...importer, admin.templateXlsx);
  app.get('/admin/evaluations/template.csv', ...importer, admin.templateCsv);
  app.post('/admin/evaluations/import', ...importer, admin.upload);
  return app;
}

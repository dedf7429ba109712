// The evaluations module's routes, a Hono sub-app the platform mounts at '/': one handler per concern, guards as
// middleware (permission table, the run loaded or 404).
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { reportCss } from '../../../platform/reports/index.ts';
import { REPORT_CSS_PATH } from '../views/report.tsx';
import { loadRun, requirePermission } from './guards.ts';
import * as reports from './reports.tsx';
import * as admin from './admin.tsx';

export function evaluationRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get(REPORT_CSS_PATH, reportCss);
  app.get('/evaluations', reports.list);
  app.get('/evaluations/:id{[0-9]+}', loadRun, reports.show);
  app.post('/evaluations/:id{[0-9]+}/grade', requirePermission('grade'), loadRun, reports.grade);
  app.get('/evaluations/:id{[0-9]+}/:file{report\\.(?:xlsx|json)}', loadRun, reports.reportFile);
  app.get('/evaluations/:id{[0-9]+}/tables/:table{[\\w-]+\\.csv}', loadRun, reports.tableCsv);

  const importer = requirePermission('import', '/admin/evaluations');
  app.get('/admin/evaluations', importer, admin.page);
  app.get('/admin/evaluations/template.xlsx', importer, admin.templateXlsx);
  app.get('/admin/evaluations/template.csv', importer, admin.templateCsv);
  app.post('/admin/evaluations/import', importer, admin.upload);
  return app;
}

// Guards as middleware for this module's routes: sign in first (back to the page asked for), then the permission
// table; the run named by :id is loaded once or the answer is 404.
// (To be replaced by src/platform/http/guards.ts once the platform has it.)
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../../../platform/context.ts';
import { forbidden } from '../../../platform/http/app.tsx';
import { buildEvaluationReport } from '../domain/index.ts';
import type { Report } from '../../../platform/reports/index.ts';
import { getRun, type StoredRun } from '../store.ts';
import { can, type EvaluationAction } from '../permissions.ts';

export const requirePermission = (action: EvaluationAction, back?: string): MiddlewareHandler<AppEnv> => async (c, next) => {
  const actor = c.get('actor');
  if (!actor && !can(null, action)) return c.redirect(`/login?required=1&back=${encodeURIComponent(back ?? new URL(c.req.url).pathname)}`, 303);
  if (!can(actor, action)) return forbidden(c);
  await next();
};

const MAX_ID = 2_147_483_647;
const idOf = (s: string | undefined) => { const n = Number(s); return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null; };

export interface LoadedRun { id: number; run: StoredRun; report: Report }
declare module 'hono' {
  interface ContextVariableMap { evaluation: LoadedRun }
}

/** Loads the run of `:id` with its report into c.get('evaluation'), or answers 404. */
export const loadRun = createMiddleware<AppEnv>(async (c, next) => {
  const id = idOf(c.req.param('id'));
  const run = id ? await getRun(c.get('p').db, id) : undefined;
  if (!id || !run) return c.notFound();
  c.set('evaluation', { id, run, report: buildEvaluationReport(run.input, run.settings) });
  await next();
});

// The pledges module's routes, a Hono sub-app the platform mounts at '/'. Each file registers one concern; helpers
// they share live in shared.tsx (not a route file), so no route file imports another.
import { Hono } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { registerPublic } from './public.tsx';
import { registerPledgeAdmin } from './admin.tsx';
import { registerReporting } from './reporting.tsx';
import { registerSnapshots } from './snapshots.tsx';
import { registerChanges } from './changes.tsx';
import { registerCommunication } from './communication.tsx';
import { registerPanel } from './panel.tsx';

export function pledgeRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  registerPublic(app);
  registerPledgeAdmin(app);
  // Work on pledges after publication, all on the record: department reporting, half-yearly snapshots, change
  // requests, the communication card (seed 004), the citizen panel's scoring.
  registerReporting(app);
  registerSnapshots(app);
  registerChanges(app);
  registerCommunication(app);
  registerPanel(app);
  return app;
}

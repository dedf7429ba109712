// Work on pledges after publication, all on the record: half-yearly snapshots (frozen, compared with the previous
// one), change requests (department proposes → citizen panel reviews → published, history public), the
// communication card (seed 004) with automatic totals, the citizen panel's scoring form, department reporting.
import type { Hono } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { registerSnapshots } from './snapshots.tsx';
import { registerChanges } from './changes.tsx';
import { registerCommunication } from './communication.tsx';
import { registerPanel } from './panel.tsx';
import { registerReporting } from './reporting.tsx';

export function registerPledgeWork(app: Hono<AppEnv>) {
  registerReporting(app);
  registerSnapshots(app);
  registerChanges(app);
  registerCommunication(app);
  registerPanel(app);
}

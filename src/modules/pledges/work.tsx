// Work on pledges after publication: half-yearly snapshots, change requests, the communication card, panel scoring.
import type { Hono } from 'hono';
import type { AppEnv } from '../../platform/context.ts';

export function registerPledgeWork(_app: Hono<AppEnv>) {}

import type { Hono } from 'hono';
import type { AppEnv } from '../platform/context.ts';
// The modules this build serves, in the order their routes are registered.
import { proposalsModule } from './proposals/routes.tsx';
import { adminModule } from './admin/routes.tsx';
import './proposals/manifest.ts';
import { pledgesModule } from './pledges/routes.tsx';
import './pledges/manifest.ts';
import evaluations from './evaluations/manifest.ts';

export const modules = [proposalsModule, adminModule, pledgesModule, { name: evaluations.name, register: (app: Hono<AppEnv>) => { app.route('/', evaluations.routes!()); } }];

// The modules this build serves, in the order their routes are registered.
import { proposalsModule } from './proposals/routes.tsx';
import { adminModule } from './admin/routes.tsx';
import './proposals/manifest.ts';
import { pledgesModule } from './pledges/routes.tsx';
import './pledges/manifest.ts';

export const modules = [proposalsModule, adminModule, pledgesModule];

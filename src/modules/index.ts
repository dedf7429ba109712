// The modules this build serves, in order (routes are mounted and demo seeds run in this order). Adding a module
// is one line here; everything else is in its folder, declared by its manifest.ts.
import type { ModuleManifest } from '../platform/modules.ts';
import proposals from './proposals/manifest.ts';
import admin from './admin/manifest.ts';
import pledges from './pledges/manifest.ts';
import budgeting from './budgeting/manifest.ts';
import evaluations from './evaluations/manifest.ts';

export const manifests: ModuleManifest[] = [proposals, admin, pledges, evaluations, budgeting];

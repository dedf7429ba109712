// Public API of the proposals workflow core (pure; no database, no web). See README.md.
export * from './settings.ts';
export * from './presets.ts';
export * from './lifecycle.ts';
export * from './tiers.ts';
export * from './moderation.ts';
export * from './search.ts';
export * from './stats.ts';
export * from './notify.ts';
export * from './participation.ts';

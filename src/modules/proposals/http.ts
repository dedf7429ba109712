// Small request helpers shared by the proposal routes.
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';

const MAX_ID = 2_147_483_647;
/** A positive 32-bit id from a path or form value, or null (never a database error on "abc" or 1e99). */
export const idOf = (s: string) => { const n = Number(s); return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null; };
export const loginRedirect = (c: Context<AppEnv>, back: string) => c.redirect(`/login?required=1&back=${encodeURIComponent(back)}`, 303);

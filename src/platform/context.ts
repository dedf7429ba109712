// The platform handed to every module: configuration, database, live-update bus, rate limiter, logger, identity.
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { Bus } from './bus.ts';
import type { RateLimiter } from './ratelimit.ts';
import type { Logger } from './log.ts';
import type { IdentityVerifier } from './identity/verifier.ts';
import type { Actor } from './permissions.ts';
import type { Lang, T } from './i18n/index.ts';

export interface Platform {
  config: Config;
  db: Database;
  dbKind: 'pglite' | 'postgres';
  /** LISTEN/NOTIFY on the database (the job worker wakes when a job is queued anywhere). */
  listen?: (channel: string, fn: () => void) => Promise<() => Promise<void>>;
  bus: Bus;
  limiter: RateLimiter;
  log: Logger;
  verifiers: IdentityVerifier[];
}

/** Per-request values set by the middleware (src/platform/http/middleware.ts). */
export interface AppEnv {
  Variables: {
    p: Platform;
    actor: Actor | null;
    lang: Lang;
    t: T;
    large: boolean;
    csrf: string;
    sessionHash: string | null;
    sessionExpired: boolean;
    /** The session ended by its absolute lifetime rather than idleness (the notice says which). */
    sessionLifetimeOver: boolean;
    /** When the signed-in person last proved who they are (platform/http/reauth.tsx). */
    signedInAt: Date | null;
    idleLeftMinutes: number;
    unread: number;
    form: Record<string, string>;
  };
}

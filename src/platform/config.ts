// Configuration from the environment, validated once at start. Every knob a city's IT staff may turn is here.
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SECRET: z.string().min(32).optional(),
  NODE_ENV: z.string().default('development'),
  BASE_URL: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  LOG_LEVEL: z.string().default('info'),
  DEMO_SEED: z.enum(['auto', 'never']).default('auto'),
  REDIS_PREFIX: z.string().regex(/^[\w:-]+$/).default('madang'),
  WRITE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0', '']).default('false'),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  // JSON array of OpenID Connect providers: [{"id":"kakao","name":{"ko":"카카오","en":"Kakao"},"issuer":"…","clientId":"…","clientSecret":"…","ciClaim":"ci"}]
  OIDC_PROVIDERS: z.string().optional(),
});

export interface OidcProviderConfig {
  id: string;
  name: { ko: string; en: string };
  issuer: string;
  clientId: string;
  clientSecret?: string;
  /** Claim carrying a 연계정보 (CI) when the provider is contracted for it; otherwise issuer+sub keys the person. */
  ciClaim?: string;
  scope?: string;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  /** Key prefix in Redis, so several cities (or test runs) can share one server. */
  redisPrefix: string;
  writeLimitPerMinute: number;
  /** Behind a reverse proxy: take the visitor's address from X-Forwarded-For (never trust it otherwise). */
  trustProxy: boolean;
  /** HTTP worker processes sharing the port (`madang serve`); more than one needs DATABASE_URL and REDIS_URL. */
  workers: number;
  secret: string;
  production: boolean;
  baseUrl: string;
  sessionIdleMinutes: number;
  logLevel: string;
  demoSeed: boolean;
  oidcProviders: OidcProviderConfig[];
}

/**
 * Without SECRET the embedded setup makes one and keeps it in DATA_DIR, so a restart keeps people's keys stable.
 * A server deployment must set SECRET: person keys are HMACs with it, and losing it would split every person in two.
 */
function secretFor(env: z.infer<typeof Env>, dataDir: string): string {
  if (env.SECRET) return env.SECRET;
  if (env.NODE_ENV === 'production' && env.DATABASE_URL) throw new Error('SECRET must be set (32+ characters) in production');
  const file = join(dataDir, 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const s = randomBytes(32).toString('base64url');
  writeFileSync(file, s, { mode: 0o600 });
  return s;
}

export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env = Env.parse(source);
  const dataDir = resolve(env.DATA_DIR);
  const oidc = env.OIDC_PROVIDERS ? (JSON.parse(env.OIDC_PROVIDERS) as OidcProviderConfig[]) : [];
  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    redisPrefix: env.REDIS_PREFIX,
    writeLimitPerMinute: env.WRITE_LIMIT_PER_MINUTE,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    workers: env.WEB_CONCURRENCY,
    secret: secretFor(env, dataDir),
    production: env.NODE_ENV === 'production',
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    logLevel: env.LOG_LEVEL,
    demoSeed: env.DEMO_SEED === 'auto',
    oidcProviders: oidc,
  };
}

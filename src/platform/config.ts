// Configuration from the environment, validated once at start. Every knob a city's IT staff may turn is here.
import { z } from 'zod';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadDataKeys, type DataKeys } from './crypto.ts';

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().optional(),
  REDIS_URL: z.string().optional(),
  SECRET: z.string().min(32).optional(),
  // Rotation (README, "비밀키 교체"): the SECRET being replaced, and the data key being replaced.
  SECRET_PREVIOUS: z.string().min(32).optional().or(z.literal('')),
  DATA_KEY: z.string().optional().or(z.literal('')),
  DATA_KEY_PREVIOUS: z.string().optional().or(z.literal('')),
  NODE_ENV: z.string().default('development'),
  BASE_URL: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  // A session ends this long after its sign-in however active it is (issue 12); sensitive acts ask for a new
  // sign-in once the last one is older than REAUTH_MINUTES.
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  REAUTH_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  LOG_LEVEL: z.string().default('info'),
  DEMO_SEED: z.enum(['auto', 'never']).default('auto'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w:-]+$/)
    .default('madang'),
  WRITE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  TRUST_PROXY: z.enum(['true', 'false', '1', '0', '']).default('false'),
  // The largest request body with files (photos, import spreadsheets); forms without files stop at 1 MB.
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(200).default(25),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  // JSON array of OpenID Connect providers: [{"id":"kakao","name":{"ko":"카카오","en":"Kakao"},"issuer":"…","clientId":"…","clientSecret":"…","ciClaim":"ci"}]
  OIDC_PROVIDERS: z.string().optional(),
  // Delivery of notices (README, "알림 발송"): the job worker, e-mail, SMS and 카카오 알림톡.
  JOBS: z.enum(['on', 'off']).default('on'),
  JOB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  JOB_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//)
    .optional()
    .or(z.literal('')),
  MAIL_FROM: z.string().default('마당시 <no-reply@localhost>'),
  MAIL_DIR: z.string().optional(),
  TEXT_DIR: z.string().optional(),
  SMS_GATEWAY: z.string().optional(),
  ALIMTALK_GATEWAY: z.string().optional(),
  // The embedded database's daily backup (README, "백업과 복원").
  BACKUP_DIR: z.string().optional(),
  BACKUP_KEEP_DAYS: z.coerce.number().int().min(1).max(3650).default(14),
});

/**
 * An HTTP gateway of an SMS or 알림톡 provider. `body` is a JSON (or `a=b&c=d` form) template whose string values may
 * hold {{to}} {{from}} {{text}} {{subject}} {{type}} {{url}} {{ref}} {{senderKey}} {{template}}; `ok`, when given, is a
 * regular expression the response body must match (providers that answer 200 with an error code inside).
 */
const Gateway = z.object({
  url: z.url(),
  method: z.enum(['POST', 'PUT']).default('POST'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  ok: z.string().optional(),
  /** SMS: the registered sender number (발신번호 사전등록). */
  from: z.string().default(''),
  /** 알림톡: the KakaoTalk channel's sender key, and a pre-approved template code per notice kind. */
  senderKey: z.string().default(''),
  templates: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().min(100).max(120_000).default(10_000),
});
export type GatewayConfig = z.infer<typeof Gateway>;
const gateway = (name: string, raw?: string): GatewayConfig | undefined => {
  if (!raw) return undefined;
  const r = Gateway.safeParse(JSON.parse(raw));
  if (!r.success)
    throw new Error(`${name}: ${r.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return r.data;
};

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
  uploadMaxBytes: number;
  /** Behind a reverse proxy: take the visitor's address from X-Forwarded-For (never trust it otherwise). */
  trustProxy: boolean;
  /** HTTP worker processes sharing the port (`madang serve`); more than one needs DATABASE_URL and REDIS_URL. */
  workers: number;
  secret: string;
  /** During a SECRET rotation: the old secret, still accepted (re-keys a person at their next verified sign-in). */
  secretPrevious?: string;
  /** Encrypts contact details at rest (platform/crypto.ts). */
  dataKeys: DataKeys;
  production: boolean;
  baseUrl: string;
  sessionIdleMinutes: number;
  /** Absolute lifetime of a session from its sign-in. */
  sessionMaxHours: number;
  /** Role grants and views of personal data in bulk ask for a sign-in newer than this. */
  reauthMinutes: number;
  logLevel: string;
  demoSeed: boolean;
  oidcProviders: OidcProviderConfig[];
  /** The job worker: whether this instance runs one, how many jobs at once, how often it looks when idle. */
  jobs: { worker: boolean; concurrency: number; pollMs: number };
  /** E-mail: an SMTP relay when smtpUrl is set, else .eml files in dir (the demo). */
  mail: { smtpUrl?: string; from: string; dir: string };
  /** SMS and 알림톡: HTTP gateways when set, else JSON files in textDir (the demo). */
  sms?: GatewayConfig;
  alimtalk?: GatewayConfig;
  textDir: string;
  /** Daily backups of the embedded database: where, and how many days of them to keep. */
  backup: { dir: string; keepDays: number };
}

/**
 * Without SECRET the embedded setup makes one and keeps it in DATA_DIR, so a restart keeps people's keys stable.
 * A server deployment must set SECRET: person keys are HMACs with it, and losing it would split every person in two.
 */
function secretFor(env: z.infer<typeof Env>, dataDir: string): string {
  if (env.SECRET) return env.SECRET;
  if (env.NODE_ENV === 'production' && env.DATABASE_URL)
    throw new Error('SECRET must be set (32+ characters) in production');
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
    uploadMaxBytes: env.UPLOAD_MAX_MB * 1024 * 1024,
    trustProxy: env.TRUST_PROXY === 'true' || env.TRUST_PROXY === '1',
    workers: env.WEB_CONCURRENCY,
    secret: secretFor(env, dataDir),
    secretPrevious: env.SECRET_PREVIOUS || undefined,
    dataKeys: loadDataKeys(
      {
        dataKey: env.DATA_KEY,
        dataKeyPrevious: env.DATA_KEY_PREVIOUS,
        production: env.NODE_ENV === 'production',
        server: !!env.DATABASE_URL,
      },
      dataDir,
    ),
    production: env.NODE_ENV === 'production',
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    sessionIdleMinutes: env.SESSION_IDLE_MINUTES,
    sessionMaxHours: env.SESSION_MAX_HOURS,
    reauthMinutes: env.REAUTH_MINUTES,
    logLevel: env.LOG_LEVEL,
    demoSeed: env.DEMO_SEED === 'auto',
    oidcProviders: oidc,
    jobs: { worker: env.JOBS === 'on', concurrency: env.JOB_CONCURRENCY, pollMs: env.JOB_POLL_MS },
    mail: {
      smtpUrl: env.SMTP_URL || undefined,
      from: env.MAIL_FROM,
      dir: resolve(env.MAIL_DIR ?? join(dataDir, 'mail')),
    },
    sms: gateway('SMS_GATEWAY', env.SMS_GATEWAY),
    alimtalk: gateway('ALIMTALK_GATEWAY', env.ALIMTALK_GATEWAY),
    textDir: resolve(env.TEXT_DIR ?? join(dataDir, 'sms')),
    backup: { dir: resolve(env.BACKUP_DIR ?? join(dataDir, 'backups')), keepDays: env.BACKUP_KEEP_DAYS },
  };
}

// Test harness: a real database per test file (PGlite loaded from a migrated template, or a fresh database on the
// PostgreSQL server when TEST_DATABASE_URL is set), the real app, and a client with a cookie jar.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPglite, openPostgres, type DbHandle } from '../src/platform/db.ts';
import { migrate, migrationFiles } from '../src/platform/migrate.ts';
import { createPlatform, type Running } from '../src/platform/index.ts';
import { loadConfig, type Config } from '../src/platform/config.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { manifests } from '../src/modules/index.ts';
import { installModules } from '../src/platform/registry.ts';
import type { ModuleManifest } from '../src/platform/modules.ts';
import { seedDemo, DEMO_PEOPLE } from '../src/seed.ts';
import type { IdentityVerifier } from '../src/platform/identity/verifier.ts';

installModules(manifests); // before the template's hash: the modules' migrations are part of it

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SECRET = 'test-secret-0123456789abcdefghijklmnopqrstuvwxyz';

async function pgliteFromTemplate(): Promise<DbHandle> {
  const version = createHash('sha256')
    .update(
      migrationFiles()
        .map((m) => m.sql)
        .join('\n'),
    )
    .digest('hex')
    .slice(0, 12);
  const dir = join(ROOT, '.tmp');
  const file = join(dir, `pglite-template-${version}.tar`);
  if (!existsSync(file)) {
    const h = await openPglite({});
    await migrate(h.db);
    const blob = await h.pglite!.dumpDataDir('none');
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
    renameSync(tmp, file); // atomic: parallel test files never read half a template
    await h.close();
  }
  return openPglite({ loadDataDir: new Blob([readFileSync(file)]) });
}

export async function testDatabase(): Promise<DbHandle> {
  const server = process.env.TEST_DATABASE_URL;
  if (!server) return pgliteFromTemplate();
  const name = `madang_t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(server, 1);
  const { sql } = await import('kysely');
  await sql.raw(`create database ${name}`).execute(admin.db);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const h = await openPostgres(url.toString(), 20);
  return {
    ...h,
    async close() {
      await h.close();
      await sql.raw(`drop database if exists ${name} with (force)`).execute(admin.db);
      await admin.close();
    },
  };
}

export function testConfig(over: Partial<Config> = {}): Config {
  // Each test app gets its own Redis key prefix: rate-limit windows of other test files must not leak into it.
  return {
    ...loadConfig({
      SECRET,
      NODE_ENV: 'test',
      DATA_DIR: join(ROOT, '.tmp', 'unused'),
      LOG_LEVEL: 'silent',
      REDIS_URL: process.env.TEST_REDIS_URL,
      REDIS_PREFIX: `madang-test-${randomBytes(4).toString('hex')}`,
    }),
    ...over,
  };
}

export interface TestApp {
  p: Running;
  app: ReturnType<typeof createApp>;
  close(): Promise<void>;
}

export async function testApp(
  o: {
    seed?: boolean;
    config?: Partial<Config>;
    verifiers?: IdentityVerifier[];
    handle?: DbHandle;
    modules?: ModuleManifest[];
  } = {},
): Promise<TestApp> {
  const modules = o.modules ?? manifests;
  installModules(modules); // before the template: a test module's migrations are part of it
  const handle = o.handle ?? (await testDatabase());
  const p = await createPlatform(testConfig(o.config), { modules, handle, verifiers: o.verifiers, logLevel: 'silent' });
  if (o.seed !== false) await seedDemo(p.db, p.config.secret, modules);
  const app = createApp(p, modules);
  return { p, app, close: () => p.close() };
}

/** Every field of the proposal board's admin form with custom rules (the demo 제안합니다 board uses the Seoul preset);
 * tests override what they need. */
export const CUSTOM_BOARD: Record<string, string> = {
  preset: 'custom',
  screening: 'at-threshold',
  kind: 'proposal',
  supportWindowDays: '30',
  answerThreshold: '50',
  answerDeadlineUnit: 'months',
  answerDeadlineLength: '1',
  countToward: 'supports',
  deliberationThreshold: '0',
  mayorThreshold: '0',
  preAgreements: '0',
  piiAction: 'block',
  commentsEnabled: 'on',
  stanceEnabled: 'on',
  commentEditMinutes: '5',
  reportHideThreshold: '3',
  temporaryMeasureDays: '30',
  writeMinAge: '0',
  supportMinAge: '0',
  commentMinAge: '0',
  areaCode: '',
  topics: '교통, 환경, 복지',
  areas: '',
  pageSize: '20',
  piiAllowPhonePrefixes: '',
  piiAllowEmailDomains: '',
};

/** 최도로 (the roads official) also becomes an official of 정책기획과, the department named on seed 000's card. */
export async function addPolicyOfficial(t: TestApp): Promise<void> {
  const dept = await t.p.db
    .insertInto('departments')
    .values({ code: 'policy', name_ko: '정책기획과', name_en: 'Policy Planning Division', phone: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const roads = await t.p.db
    .selectFrom('persons')
    .select('id')
    .where('display_name', '=', '최도로')
    .executeTakeFirstOrThrow();
  await t.p.db
    .insertInto('person_roles')
    .values({ person_id: roads.id, role: 'official', department_id: dept.id, position: '주무관', phone_ext: '2050' })
    .execute();
}

export const demoKey = (key: string) => DEMO_PEOPLE.find((d) => d.key === key)!;

/** A browser-like client over app.request: keeps cookies, follows nothing by itself, finds the CSRF token. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    private readonly t: TestApp,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  private keep(res: Response) {
    for (const sc of res.headers.getSetCookie?.() ?? []) {
      const [pair, ...attrs] = sc.split(';');
      const i = pair.indexOf('=');
      const k = pair.slice(0, i).trim(),
        v = pair.slice(i + 1).trim();
      if (!v || attrs.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a))) this.cookies.delete(k);
      else this.cookies.set(k, v);
    }
  }
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await this.t.app.request(path, {
      ...init,
      headers: { ...this.headers, cookie: this.cookieHeader(), ...((init.headers as Record<string, string>) ?? {}) },
    });
    this.keep(res);
    return res;
  }
  async get(path: string, headers: Record<string, string> = {}): Promise<{ res: Response; html: string }> {
    const res = await this.request(path, { headers });
    const html = await res.text();
    const m = html.match(/name="_csrf" value="([^"]+)"/);
    if (m) this.csrf = m[1];
    return { res, html };
  }
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    if (!this.csrf) await this.get('/login');
    const body = new URLSearchParams({ _csrf: this.csrf, ...fields });
    return this.request(path, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  }
  async loginAs(key: string): Promise<void> {
    const { html } = await this.get('/login');
    const person = demoKey(key);
    const m = html.match(new RegExp(`id="person-(\\d+)" value="\\d+"[^>]*/><label for="person-\\d+">${person.name}`));
    if (!m) throw new Error(`demo person ${key} not on the login page`);
    const res = await this.post('/auth/dev', { person: m[1], back: '/' });
    if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
    await this.get('/'); // the new session has its own CSRF token
  }
}

export const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

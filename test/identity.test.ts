// Identity: OpenID Connect against a real OIDC server (oidc-provider) started here, a 본인확인 adapter with a
// signed result token, the dev provider refused in production, and person keys that are HMACs, never e-mail.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { testApp, testDatabase, Client, decode, type TestApp } from './helpers.ts';
import { personKeyOf } from '../src/platform/identity/person.ts';
import { signedTokenVerifier, signResultToken } from '../src/platform/identity/verifier.ts';

const BASE = 'http://madang.test';
let oidcServer: Server;
let issuer = '';
let t: TestApp;
const GATEWAY_KEY = 'gateway-contract-key-0123456789';

before(async () => {
  oidcServer = createServer();
  await new Promise<void>((r) => oidcServer.listen(0, '127.0.0.1', r));
  issuer = `http://127.0.0.1:${(oidcServer.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: 'madang',
        client_secret: 'madang-secret-value',
        redirect_uris: [`${BASE}/auth/oidc/kakao/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name'] },
    findAccount: async (_ctx: unknown, id: string) => ({
      accountId: id,
      claims: async () => ({ sub: id, name: id === 'alice' ? '카카오 시민' : '네이버 시민' }),
    }),
    pkce: { required: () => true },
  });
  oidcServer.on('request', provider.callback());
  t = await testApp({
    config: {
      baseUrl: BASE,
      oidcProviders: [
        {
          id: 'kakao',
          name: { ko: '카카오', en: 'Kakao' },
          issuer,
          clientId: 'madang',
          clientSecret: 'madang-secret-value',
        },
      ],
    },
    verifiers: [
      signedTokenVerifier({
        id: 'pass',
        name: { ko: '휴대폰 본인확인', en: 'Mobile identity check' },
        gatewayUrl: 'https://gateway.example/verify',
        key: GATEWAY_KEY,
      }),
    ],
  });
});
after(async () => {
  await t.close();
  await new Promise((r) => oidcServer.close(r));
});

/** Walks the provider's login and consent pages like a browser would, keeping its cookies. */
async function throughProvider(authUrl: string, login: string): Promise<string> {
  const jar = new Map<string, string>();
  const go = async (url: string, init: RequestInit = {}) => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...((init.headers as object) ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const sc of res.headers.getSetCookie()) {
      const [pair] = sc.split(';');
      const i = pair.indexOf('=');
      jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
    return res;
  };
  let res = await go(authUrl);
  for (let hops = 0; hops < 12; hops++) {
    const loc = res.headers.get('location');
    if (loc?.startsWith(BASE)) return loc;
    if (loc) {
      res = await go(new URL(loc, issuer).href);
      continue;
    }
    const html = await res.text();
    const action = html.match(/action="([^"]+)"/)?.[1];
    const prompt = html.match(/name="prompt" value="(\w+)"/)?.[1];
    assert.ok(action && prompt, `unexpected provider page: ${html.slice(0, 200)}`);
    const body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'any' } : { prompt });
    res = await go(new URL(decode(action!), issuer).href, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }
  throw new Error('too many redirects at the provider');
}

test('sign-in with OpenID Connect (authorization code + PKCE) creates one person, keyed by an HMAC', async () => {
  const c = new Client(t);
  const start = await c.request('/auth/oidc/kakao?back=/s/sotong/propose');
  assert.equal(start.status, 302);
  const authUrl = start.headers.get('location')!;
  assert.ok(authUrl.startsWith(issuer));
  assert.match(authUrl, /code_challenge_method=S256/);
  const callback = await throughProvider(authUrl, 'alice');
  const done = await c.request(callback.slice(BASE.length));
  assert.equal(done.status, 303);
  assert.equal(done.headers.get('location'), '/s/sotong/propose');
  const home = await c.get('/');
  assert.match(home.html, /카카오 시민님/);
  const key = personKeyOf(t.p.config.secret, { provider: 'oidc', subject: `${issuer}|alice`, displayName: '' });
  const rows = await t.p.db.selectFrom('persons').selectAll().where('person_key', '=', key).execute();
  assert.equal(rows.length, 1);
  assert.match(rows[0].person_key, /^[0-9a-f]{64}$/);

  // The same account again is the same person, not a second voice.
  const c2 = new Client(t);
  const again = await throughProvider((await c2.request('/auth/oidc/kakao')).headers.get('location')!, 'alice');
  assert.equal((await c2.request(again.slice(BASE.length))).status, 303);
  assert.equal((await t.p.db.selectFrom('persons').selectAll().where('person_key', '=', key).execute()).length, 1);
});

test('a replayed or forged OIDC callback is refused', async () => {
  const c = new Client(t);
  const res = await c.request('/auth/oidc/kakao/callback?code=forged&state=unknown');
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/login?failed=1');
});

test('a 본인확인 gateway result (CI, birth date, area) signs in; a tampered token does not', async () => {
  const c = new Client(t);
  const start = await c.request('/auth/identity/pass?back=/');
  assert.equal(start.status, 302);
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const ci = 'CI'.padEnd(88, 'x');
  const token = signResultToken(GATEWAY_KEY, {
    ci,
    di: 'DI'.padEnd(64, 'y'),
    name: '본인 시민',
    birthDate: '1990-05-05',
    areaCode: '4111710100',
    state,
    issuedAt: Math.floor(Date.now() / 1000),
  });
  const forged = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
  const bad = await c.request(`/auth/identity/pass/callback?token=${encodeURIComponent(forged)}`);
  assert.equal(bad.headers.get('location'), '/login?failed=1');

  const c2 = new Client(t);
  const s2 = await c2.request('/auth/identity/pass');
  const st2 = new URL(s2.headers.get('location')!).searchParams.get('state')!;
  const good = signResultToken(GATEWAY_KEY, {
    ci,
    name: '본인 시민',
    birthDate: '1990-05-05',
    areaCode: '4111710100',
    state: st2,
    issuedAt: Math.floor(Date.now() / 1000),
  });
  const ok = await c2.request(`/auth/identity/pass/callback?token=${encodeURIComponent(good)}`);
  assert.equal(ok.status, 303);
  const person = await t.p.db
    .selectFrom('persons')
    .selectAll()
    .where(
      'person_key',
      '=',
      personKeyOf(t.p.config.secret, { provider: 'identity', ci, subject: ci, displayName: '' }),
    )
    .executeTakeFirstOrThrow();
  assert.equal(person.birth_date, '1990-05-05');
  assert.equal(person.area_code, '4111710100');
  // The key depends on the CI only: any gateway that verifies the same person gives the same key.
  assert.equal(
    personKeyOf('s', { provider: 'identity', ci, subject: 'a', displayName: '' }),
    personKeyOf('s', { provider: 'oidc', ci, subject: 'b', displayName: '' }),
  );
});

test('the development provider is refused in production and not offered there', async () => {
  const prod = await testApp({ config: { production: true }, handle: await testDatabase() });
  try {
    const c = new Client(prod);
    const page = await c.get('/login');
    assert.doesNotMatch(page.html, /시연용 로그인/);
    const res = await c.post('/auth/dev', { person: '1' });
    assert.equal(res.status, 403);
    assert.equal(c.cookies.has('madang_sid'), false);
  } finally {
    await prod.close();
  }
});

test('sessions end after the idle timeout; 연장 restarts the clock; cookies are httpOnly and SameSite', async () => {
  const c = new Client(t);
  const { html } = await c.get('/login');
  const id = html.match(/id="person-(\d+)"/)![1];
  const res = await c.post('/auth/dev', { person: id });
  const sc = res.headers.getSetCookie().find((x) => x.startsWith('madang_sid='))!;
  assert.match(sc, /HttpOnly/i);
  assert.match(sc, /SameSite=Lax/i);
  const page = await c.get('/');
  assert.match(page.html, /자동 로그아웃까지 30분 남았습니다/);
  assert.match(page.html, /action="\/session\/extend"/);

  // Twenty-five minutes on one page (writing a long proposal), then 연장: the idle clock starts again.
  await t.p.db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(Date.now() - 25 * 60_000) })
    .execute();
  const ext = await c.post('/session/extend', { back: '/' }, { accept: 'application/json' });
  assert.deepEqual(await ext.json(), { ok: true, minutes: 30 });
  const idHash = createHash('sha256').update(c.cookies.get('madang_sid')!).digest('hex');
  const seen = await t.p.db
    .selectFrom('sessions')
    .select('last_seen_at')
    .where('id_hash', '=', idHash)
    .executeTakeFirstOrThrow();
  assert.ok(Date.now() - new Date(seen.last_seen_at).getTime() < 5000, 'extend restarted the idle clock');
  assert.match((await c.get('/')).html, /자동 로그아웃까지 30분/);

  // Thirty-one minutes idle: signed out with a clear message.
  await t.p.db
    .updateTable('sessions')
    .set({ last_seen_at: new Date(Date.now() - 31 * 60_000) })
    .execute();
  const expired = await c.get('/');
  assert.match(expired.html, /자동으로 로그아웃되었습니다/);
  assert.doesNotMatch((await c.get('/')).html, /자동 로그아웃까지/);
});

// SECRET rotation with a dual-key period: a person keyed under the old secret signs in after the switch (본인확인
// gateway), is re-keyed with their acts, and keeps their supports — a second support of the same proposal is still
// refused; a visitor's form from before the switch still posts; `rotate-secret` reports progress and finalizes.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testConfig, testDatabase, Client, SECRET, type TestApp } from './helpers.ts';
import { createPlatform } from '../src/platform/index.ts';
import { createApp } from '../src/platform/http/app.tsx';
import { manifests as modules } from '../src/modules/index.ts';
import { seedDemo } from '../src/seed.ts';
import { personKeyOf } from '../src/platform/identity/person.ts';
import { signedTokenVerifier, signResultToken } from '../src/platform/identity/verifier.ts';
import { recount, tallyOf } from '../src/platform/acts.ts';
import { verifyAudit } from '../src/platform/audit.ts';
import { rotateSecretCommand } from '../src/platform/keys-cli.ts';
import { confirmUrl, saveContacts, unsubscribeUrl } from '../src/platform/delivery/contacts.ts';
import type { DbHandle } from '../src/platform/db.ts';
import type { Config } from '../src/platform/config.ts';

const NEW_SECRET = 'rotated-secret-abcdefghijklmnopqrstuvwxyz-0123456789';
const GATEWAY_KEY = 'gateway-contract-key-0123456789';
const verifier = signedTokenVerifier({
  id: 'pass',
  name: { ko: '휴대폰 본인확인', en: 'Mobile identity check' },
  gatewayUrl: 'https://gateway.example/verify',
  key: GATEWAY_KEY,
});
const CI = 'CI-rotation'.padEnd(88, 'r');
const identity = { provider: 'identity' as const, ci: CI, subject: CI, displayName: '' };

let handle: DbHandle;
before(async () => {
  handle = await testDatabase();
});
after(async () => {
  await handle.close();
});

/** One app instance on the shared database, as a restart with other settings would give. */
async function instance(config: Partial<Config>, seed = false): Promise<TestApp> {
  const p = await createPlatform(testConfig(config), {
    modules,
    handle,
    verifiers: [verifier],
    logLevel: 'silent',
    sharedHandle: true,
  });
  if (seed) await seedDemo(p.db, p.config.secret);
  return { p, app: createApp(p, modules), close: () => p.close() };
}

/** Signs in through the 본인확인 gateway like a browser: start, the gateway's signed result, the callback. */
async function verifiedSignIn(c: Client): Promise<void> {
  const start = await c.request('/auth/identity/pass?back=/');
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const token = signResultToken(GATEWAY_KEY, {
    ci: CI,
    name: '교체 시민',
    birthDate: '1980-01-01',
    state,
    issuedAt: Math.floor(Date.now() / 1000),
  });
  const res = await c.request(`/auth/identity/pass/callback?token=${encodeURIComponent(token)}`);
  assert.equal(res.status, 303, 'signed in');
  await c.get('/'); // the session's own CSRF token
}

const lines = async (t: TestApp, args: string[]) => {
  const out: string[] = [];
  const code = await rotateSecretCommand(t.p, args, (l) => out.push(l));
  return { code, text: out.join('\n') };
};

test('after a SECRET rotation an old-key person signs in, is re-keyed with their acts, and cannot support the same proposal twice', async () => {
  const old = await instance({}, true);
  const citizen = new Client(old);
  await verifiedSignIn(citizen);
  const open = await old.p.db
    .selectFrom('proposals')
    .select('id')
    .where('closes_at', '>', new Date())
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const target = { kind: 'support' as const, targetType: 'proposal', targetId: open.id };
  assert.equal(
    (await citizen.post(`/proposals/${open.id}/support`, {})).headers.get('location'),
    `/proposals/${open.id}?msg=supported`,
  );
  const before = await tallyOf(old.p.db, target);
  const person = await old.p.db
    .selectFrom('persons')
    .select(['id', 'person_key'])
    .where('person_key', '=', personKeyOf(SECRET, identity))
    .executeTakeFirstOrThrow();
  // A visitor opened the login form before the switch: its CSRF token is an HMAC with the old secret.
  const visitor = new Client(old);
  await visitor.get('/login');
  const demoId = (
    await old.p.db
      .selectFrom('persons')
      .select('id')
      .where('verification', '=', 'dev')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  // A confirmation mail and an unsubscribe link made before the switch (HMACs with the old secret).
  await saveContacts(old.p.db, old.p.config, person.id, {
    email: 'rotation@example.kr',
    emailNotices: true,
    phone: null,
    phoneChannel: 'none',
    lang: 'ko',
  });
  const nonce = (
    await old.p.db
      .selectFrom('person_contacts')
      .select('email_nonce')
      .where('person_id', '=', person.id)
      .executeTakeFirstOrThrow()
  ).email_nonce!;
  const confirmLink = confirmUrl('', SECRET, person.id, 'rotation@example.kr', nonce);
  const unsubscribeLink = unsubscribeUrl('', SECRET, person.id, 'email');
  await old.close();

  // Without SECRET_PREVIOUS the old form is refused (what a rotation without a dual-key period would do).
  const strict = await instance({ secret: NEW_SECRET });
  const late = Object.assign(new Client(strict), { cookies: new Map(visitor.cookies), csrf: visitor.csrf });
  assert.equal((await late.post('/auth/dev', { person: String(demoId), back: '/' })).status, 403);
  assert.equal((await late.get(unsubscribeLink)).res.status, 400);
  await strict.close();

  const rotated = await instance({ secret: NEW_SECRET, secretPrevious: SECRET });
  try {
    const persons = Number(
      (await rotated.p.db.selectFrom('persons').select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n,
    );
    let s = await lines(rotated, ['status']);
    assert.equal(s.code, 1, 'persons remain on the old key');
    assert.match(s.text, new RegExp(`still on an old key: ${persons};`));
    assert.match(s.text, /progress: 0%/);

    const form = Object.assign(new Client(rotated), { cookies: new Map(visitor.cookies), csrf: visitor.csrf });
    assert.equal(
      (await form.post('/auth/dev', { person: String(demoId), back: '/' })).status,
      303,
      'the form from before the switch still posts',
    );
    assert.equal((await form.get(confirmLink)).res.status, 200, 'a confirmation link mailed before the switch works');
    assert.equal(
      (await form.get(unsubscribeLink)).res.status,
      200,
      'an unsubscribe link mailed before the switch works',
    );

    const again = new Client(rotated);
    await verifiedSignIn(again);
    const now = await rotated.p.db
      .selectFrom('persons')
      .select(['id', 'person_key', 'rekeyed_at'])
      .where('id', '=', person.id)
      .executeTakeFirstOrThrow();
    assert.equal(now.person_key, personKeyOf(NEW_SECRET, identity), 're-keyed under the new secret');
    assert.ok(now.rekeyed_at);
    assert.equal(
      (await rotated.p.db.selectFrom('persons').select('id').where('person_key', '=', now.person_key).execute()).length,
      1,
      'the same person, not a second one',
    );
    assert.equal(
      (await rotated.p.db.selectFrom('acts').select('id').where('person_key', '=', person.person_key).execute()).length,
      0,
      'no act left under the old key',
    );

    assert.equal(
      (await again.post(`/proposals/${open.id}/support`, {})).headers.get('location'),
      `/proposals/${open.id}?msg=already-supported`,
    );
    assert.equal(await tallyOf(rotated.p.db, target), before, 'their support still counts once');
    assert.deepEqual(await recount(rotated.p.db), []);
    assert.match(
      (await again.get(`/proposals/${open.id}`)).html,
      /id="support-status"/,
      'the page shows their support',
    );

    s = await lines(rotated, ['status']);
    assert.match(s.text, new RegExp(`still on an old key: ${persons - 1};`));
    assert.match(s.text, /re-keyed at a sign-in: 1\)/);

    const f = await lines(rotated, ['--finalize']);
    assert.equal(f.code, 0);
    assert.match(f.text, new RegExp(`finalized: ${persons - 1} person\\(s\\)`));
    s = await lines(rotated, ['status']);
    assert.equal(s.code, 0, 'nobody is left on an old key');
    assert.match(s.text, new RegExp(`retired by an earlier --finalize: ${persons - 1}`));
    const entry = await rotated.p.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'secret.rotation.finalized')
      .executeTakeFirstOrThrow();
    assert.equal(entry.target_id, 'secret');
    assert.equal((await verifyAudit(rotated.p.db)).ok, true);
  } finally {
    await rotated.close();
  }
});

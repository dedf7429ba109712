// Issue 12, item 6: HSTS on an https site, an absolute session lifetime beside the idle timeout, and a new sign-in
// before sensitive acts (role grants and revocations, the list of people) when the last one is older than
// REAUTH_MINUTES, keeping what was typed. Times are moved in the database, not on the wall clock.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, Client, demoKey, type TestApp } from './helpers.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

const personId = async (key: string) =>
  (
    await t.p.db
      .selectFrom('persons')
      .select('id')
      .where('display_name', '=', demoKey(key).name)
      .executeTakeFirstOrThrow()
  ).id;
/** Moves a person's sessions back in time: their sign-in (signed_in_at) or their start (created_at). */
const age = async (key: string, column: 'signed_in_at' | 'created_at', minutes: number) =>
  sql`update sessions set ${sql.ref(column)} = now() - make_interval(mins => ${minutes}) where person_id = ${await personId(key)}`.execute(
    t.p.db,
  );

test('Strict-Transport-Security is sent when BASE_URL is https, on pages and health checks alike, and never on http', async () => {
  const https = await testApp({ seed: false, config: { baseUrl: 'https://madang.example.go.kr' } });
  try {
    for (const path of ['/', '/healthz', '/login']) {
      assert.equal(
        (await https.app.request(path)).headers.get('strict-transport-security'),
        'max-age=31536000; includeSubDomains',
        path,
      );
    }
  } finally {
    await https.close();
  }
  assert.equal((await t.app.request('/')).headers.get('strict-transport-security'), null, 'the http demo gets none');
});

test('a session ends SESSION_MAX_HOURS after its sign-in however active it is, and says so', async () => {
  assert.equal(t.p.config.sessionMaxHours, 12, 'twelve hours by default');
  const c = new Client(t);
  await c.loginAs('citizen-1');
  await age('citizen-1', 'created_at', 11 * 60 + 50);
  assert.match((await c.get('/')).html, /action="\/logout"/, 'still signed in before twelve hours');
  await age('citizen-1', 'created_at', 12 * 60 + 1);
  const { html } = await c.get('/');
  assert.doesNotMatch(html, /action="\/logout"/, 'signed out after twelve hours, though it was used a moment ago');
  assert.match(html, /로그인한 지 12시간이 지나 보안을 위해 자동으로 로그아웃되었습니다/);
  assert.equal(
    (
      await t.p.db
        .selectFrom('sessions')
        .select('id_hash')
        .where('person_id', '=', await personId('citizen-1'))
        .execute()
    ).length,
    0,
    'the session row is gone',
  );
});

test('a sign-in is recorded on the session', async () => {
  const c = new Client(t);
  await c.loginAs('citizen-2');
  const row = await t.p.db
    .selectFrom('sessions')
    .select(['signed_in_at'])
    .where('person_id', '=', await personId('citizen-2'))
    .executeTakeFirstOrThrow();
  assert.ok(Math.abs(Date.now() - new Date(row.signed_in_at).getTime()) < 60_000);
});

test('granting a role asks for a new sign-in after REAUTH_MINUTES and gives back what was typed', async () => {
  assert.equal(t.p.config.reauthMinutes, 10, 'ten minutes by default');
  const admin = new Client(t);
  await admin.loginAs('admin');
  await age('admin', 'signed_in_at', 9);
  assert.equal((await admin.get('/admin/people')).res.status, 200, 'nine minutes after signing in: no question asked');
  await age('admin', 'signed_in_at', 11);

  const citizen = await personId('citizen-3');
  const typed = {
    person: String(citizen),
    role: 'moderator',
    department: '',
    position: '',
    ext: '',
    reason: '댓글 관리 지원 요청(11월)',
  };
  const asked = await admin.post('/admin/people/grant', typed);
  assert.equal(asked.status, 303);
  assert.equal(asked.headers.get('location'), '/login?reauth=1&back=%2Fadmin%2Fpeople');
  assert.equal(
    (await t.p.db.selectFrom('person_roles').select('id').where('person_id', '=', citizen).execute()).length,
    0,
    'nothing granted yet',
  );
  assert.match((await admin.get(asked.headers.get('location')!)).html, /본인 확인을 위해 다시 로그인해 주세요/);

  // The people list (personal data in bulk) and the access record ask the same while the sign-in is old.
  assert.equal(
    (await admin.get('/admin/people')).res.headers.get('location'),
    '/login?reauth=1&back=%2Fadmin%2Fpeople',
  );
  assert.equal(
    (await admin.get('/admin/access')).res.headers.get('location'),
    '/login?reauth=1&back=%2Fadmin%2Faccess',
  );

  await admin.loginAs('admin'); // signing in again (a new session, signed in now)
  const { html } = await admin.get('/admin/people');
  assert.match(html, /다시 로그인했습니다. 입력하신 내용을 그대로 두었으니/);
  assert.match(html, /value="댓글 관리 지원 요청\(11월\)"/, 'the reason typed before is back');
  assert.match(html, new RegExp(`<option value="${citizen}" selected="">`), 'the person chosen before is chosen again');
  assert.match(html, /<option value="moderator" selected="">/);
  assert.doesNotMatch((await admin.get('/admin/people')).html, /다시 로그인했습니다/, 'given back once');

  assert.equal((await admin.post('/admin/people/grant', typed)).status, 303);
  assert.equal(
    (await t.p.db.selectFrom('person_roles').select('role').where('person_id', '=', citizen).executeTakeFirstOrThrow())
      .role,
    'moderator',
  );
});

test('revoking a role asks for a new sign-in too', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  await age('admin', 'signed_in_at', 11);
  const grant = await t.p.db
    .selectFrom('person_roles')
    .select('id')
    .where('role', '=', 'moderator')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const asked = await admin.post('/admin/people/revoke', { grant: String(grant.id) });
  assert.equal(asked.headers.get('location'), '/login?reauth=1&back=%2Fadmin%2Fpeople');
  assert.ok(
    await t.p.db.selectFrom('person_roles').select('id').where('id', '=', grant.id).executeTakeFirst(),
    'still granted',
  );
  await admin.loginAs('admin');
  assert.equal((await admin.post('/admin/people/revoke', { grant: String(grant.id) })).status, 303);
  assert.equal(
    await t.p.db.selectFrom('person_roles').select('id').where('id', '=', grant.id).executeTakeFirst(),
    undefined,
  );
});

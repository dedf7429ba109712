// Administrators grant and revoke roles on the record; the grant takes effect at once; no self-lockout.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
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

test('an administrator makes a citizen an official of a department; the official then answers there', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const citizen = await personId('citizen-2');
  const welfare = (
    await t.p.db.selectFrom('departments').select('id').where('code', '=', 'welfare').executeTakeFirstOrThrow()
  ).id;
  const missingDept = await admin.post('/admin/people/grant', {
    person: String(citizen),
    role: 'official',
    department: '',
    ext: '4100',
  });
  assert.equal(missingDept.status, 422);
  assert.match(await missingDept.text(), /value="4100"/);
  const ok = await admin.post('/admin/people/grant', {
    person: String(citizen),
    role: 'official',
    department: String(welfare),
    position: '주무관',
    ext: '4100',
    reason: '복지정책과 발령',
  });
  assert.equal(ok.status, 303);
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'role.grant')
    .executeTakeFirstOrThrow();
  assert.equal(rec.target_id, String(citizen));
  assert.equal(rec.reason, '복지정책과 발령');

  // The seeded request is owed an answer by 도로교통과; the planning office transfers it (이송), which needs a reason.
  const proposal = (
    await t.p.db.selectFrom('proposals').select('id').where('kind', '=', 'request').executeTakeFirstOrThrow()
  ).id;
  const planner = new Client(t);
  await planner.loginAs('planning');
  assert.equal(
    (await planner.post(`/proposals/${proposal}/department`, { department: String(welfare) })).status,
    422,
    'a transfer needs a reason',
  );
  assert.equal(
    (
      await planner.post(`/proposals/${proposal}/department`, {
        department: String(welfare),
        reason: '복지 업무입니다',
      })
    ).status,
    303,
  );
  const official = new Client(t);
  await official.loginAs('citizen-2');
  assert.equal(
    (
      await official.post(`/proposals/${proposal}/answers`, {
        tier: 'department',
        kind: 'interim',
        body: '복지정책과에서 검토를 시작했습니다.',
      })
    ).status,
    303,
  );
});

test('an administrator cannot revoke their own administrator role; revoking another role is audited', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const own = await t.p.db
    .selectFrom('person_roles')
    .select('id')
    .where('person_id', '=', await personId('admin'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  const refused = await admin.post('/admin/people/revoke', { grant: String(own.id) });
  assert.equal(refused.status, 422);
  assert.match(await refused.text(), /자기 자신의 관리자 역할은 회수할 수 없습니다/);
  const mod = await t.p.db
    .selectFrom('person_roles')
    .select('id')
    .where('role', '=', 'moderator')
    .executeTakeFirstOrThrow();
  assert.equal((await admin.post('/admin/people/revoke', { grant: String(mod.id) })).status, 303);
  assert.equal(
    (await t.p.db.selectFrom('audit_log').select('action').where('action', '=', 'role.revoke').execute()).length,
    1,
  );
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.post('/admin/people/grant', { person: '1', role: 'admin' })).status, 403);
});

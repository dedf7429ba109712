// Eligibility per action: a board for residents aged 18 and over refuses the 17-year-old and the non-resident with
// the reason, and lets the others support — the rules library deciding, the board's settings as data.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('minimum age and area per action, with reasons in Korean and English', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const comp = await t.p.db
    .selectFrom('components')
    .select('id')
    .where('slug', '=', 'propose')
    .executeTakeFirstOrThrow();
  const saved = await admin.post(`/admin/components/${comp.id}`, {
    supportWindowDays: '30',
    answerThreshold: '50',
    piiAction: 'block',
    reportHideThreshold: '3',
    pageSize: '20',
    commentsEnabled: 'on',
    writeMinAge: '18',
    supportMinAge: '18',
    commentMinAge: '14',
    areaCode: '99110',
    reason: '성인 주민 대상 시범',
  });
  assert.equal(saved.status, 303);
  // The second seeded proposal: only 한시민 has supported it.
  const proposal = (
    await t.p.db.selectFrom('proposals').select('id').orderBy('id').offset(1).limit(1).executeTakeFirstOrThrow()
  ).id;

  const teen = new Client(t);
  await teen.loginAs('citizen-3'); // born 2009-06-30, lives in 99110
  const page = decode((await teen.get(`/proposals/${proposal}`)).html);
  assert.match(page, /만 18세 이상만 참여할 수 있습니다 \(현재 만 17세\)/);
  assert.doesNotMatch(page, />공감하기</);
  const refused = await teen.post(`/proposals/${proposal}/support`, {}, { accept: 'application/json' });
  assert.equal(refused.status, 403);
  assert.equal((await refused.json()).status, 'ineligible');
  assert.equal((await teen.get('/s/sotong/propose/new')).res.status, 403);
  assert.equal(
    (await teen.post(`/proposals/${proposal}/comments`, { body: '만 14세 이상이면 댓글은 쓸 수 있습니다.' })).status,
    303,
  );

  const adult = new Client(t);
  await adult.loginAs('citizen-2');
  const ok = await adult.post(`/proposals/${proposal}/support`, {}, { accept: 'application/json' });
  assert.equal((await ok.json()).status, 'counted');

  await t.p.db.updateTable('persons').set({ area_code: '1111010100' }).where('display_name', '=', '한시민').execute();
  const outsider = new Client(t);
  await outsider.loginAs('citizen-1');
  const ko = await outsider.get('/s/sotong/propose/new');
  assert.equal(ko.res.status, 403);
  assert.match(decode(ko.html), /99110에 .* 중인 분만 참여할 수 있습니다\./);
  const en = await outsider.get('/s/sotong/propose/new?lang=en');
  assert.match(decode(en.html), /Only people who .* in 99110 can take part\./);
});

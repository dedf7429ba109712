// 알림: the proposer and followers hear of a department assignment, answers and comments — not of their own acts.
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

test('the proposer and a follower are told of the assignment, the answer and comments', async () => {
  // 바랍니다: every request is owed an answer within 14 working days from the start.
  const author = new Client(t);
  await author.loginAs('citizen-3');
  const created = await author.post('/s/sotong/request', {
    title: '도서관 운영 시간을 밤 10시까지 늘려 주세요',
    body: '퇴근 뒤에는 도서관이 이미 닫혀 있습니다. 평일 운영 시간을 늘려 주세요.',
    checkedSimilar: '1',
  });
  const id = Number(created.headers.get('location')!.match(/\d+/)![0]);
  const fan = new Client(t);
  await fan.loginAs('citizen-4');
  assert.equal((await fan.post(`/proposals/${id}/follow`, { follow: '1' })).status, 303);
  assert.match((await fan.get(`/proposals/${id}`)).html, /aria-pressed="true"/);

  await author.post(`/proposals/${id}/comments`, { body: '제 글에 제가 덧붙입니다.' });
  const planner = new Client(t);
  await planner.loginAs('planning');
  const env = (
    await t.p.db.selectFrom('departments').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()
  ).id;
  await planner.post(`/proposals/${id}/department`, { department: String(env) });
  const official = new Client(t);
  await official.loginAs('official-env');
  const officialInbox = decode((await official.get('/notifications')).html);
  assert.match(officialInbox, /담당 요청이 배정되었습니다: 「도서관 운영 시간을 밤 10시까지 늘려 주세요」/);
  await official.post(`/proposals/${id}/answers`, {
    tier: 'department',
    kind: 'final',
    result: 'adopted',
    body: '내년부터 평일 밤 10시까지 운영하겠습니다.',
  });

  const home = await author.get('/');
  assert.match(
    home.html,
    /읽지 않은 알림 3건/,
    'the deadline, the assignment and the answer; not the author’s own comment',
  );
  const inbox = decode((await author.get('/notifications')).html);
  assert.match(
    inbox,
    /「도서관 운영 시간을 밤 10시까지 늘려 주세요」 요청의 답변 기한은 \d{4}-\d{2}-\d{2}입니다\. \(답변: 담당 부서\)/,
  );
  assert.match(
    inbox,
    /「도서관 운영 시간을 밤 10시까지 늘려 주세요」 요청에 환경정책과의 답변이 등록되었습니다\. 결과: 채택/,
  );
  assert.match(inbox, /담당 부서가 정해졌습니다: 환경정책과/);
  assert.doesNotMatch(inbox, /새 댓글이 달렸습니다/);
  assert.equal((await author.post('/notifications/read', {})).status, 303);
  assert.doesNotMatch((await author.get('/')).html, /읽지 않은 알림/);

  const fanInbox = decode((await fan.get('/notifications')).html);
  assert.match(fanInbox, /새 댓글이 달렸습니다/);
  assert.match(fanInbox, /환경정책과의 답변이 등록되었습니다/);
  const en = decode((await fan.get('/notifications?lang=en')).html);
  assert.match(
    en,
    /"도서관 운영 시간을 밤 10시까지 늘려 주세요" was answered by Environmental Policy Division\. Result: Adopted/,
  );
});

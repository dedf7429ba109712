// 신고 and moderation: three reports hide a comment pending a moderator; the moderator's decision is audited with
// its reason and told to the author; replies thread under their comment.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';

let t: TestApp;
before(async () => { t = await testApp(); });
after(async () => { await t.close(); });

test('reports hide a comment after three, a moderator keeps it with a reason, the author is told', async () => {
  const proposal = (await t.p.db.selectFrom('proposals').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const author = new Client(t);
  await author.loginAs('citizen-1');
  await author.post(`/proposals/${proposal}/comments`, { body: '이 제안은 꼭 필요합니다. 반대하는 분들은 현장을 보세요.' });
  const comment = (await t.p.db.selectFrom('comments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;

  const own = await author.post(`/comments/${comment}/report`, { reason: 'abuse' });
  assert.equal(own.headers.get('location'), `/proposals/${proposal}?msg=own-report#comment-${comment}`);
  const reporters = ['citizen-2', 'citizen-3', 'citizen-4'];
  for (const [i, who] of reporters.entries()) {
    const r = new Client(t);
    await r.loginAs(who);
    assert.equal((await r.post(`/comments/${comment}/report`, { reason: 'abuse' })).headers.get('location'), `/proposals/${proposal}?msg=reported#comment-${comment}`);
    if (i === 0) {
      assert.equal((await r.post(`/comments/${comment}/report`, { reason: 'ad' })).headers.get('location'), `/proposals/${proposal}?msg=already-reported#comment-${comment}`);
      assert.equal((await r.post(`/comments/${comment}/report`, {})).status, 422);
    }
  }
  const visitor = decode((await new Client(t).get(`/proposals/${proposal}`)).html);
  assert.doesNotMatch(visitor, /반대하는 분들은 현장을 보세요/);
  assert.match(decode((await author.get(`/proposals/${proposal}`)).html), /신고가 많아 운영자 확인을 기다리고 있습니다/);

  const mod = new Client(t);
  await mod.loginAs('moderator');
  const queue = decode((await mod.get('/moderation')).html);
  assert.match(queue, /신고 3건/);
  assert.match(queue, /욕설·비방/);
  assert.equal((await mod.post(`/comments/${comment}/decide`, { decision: 'keep' })).status, 422, 'a reason is required');
  assert.equal((await mod.post(`/comments/${comment}/decide`, { decision: 'keep', reason: '비방이 아닌 의견 표현입니다' })).status, 303);
  assert.match(decode((await new Client(t).get(`/proposals/${proposal}`)).html), /반대하는 분들은 현장을 보세요/);
  assert.match(decode((await mod.get('/moderation')).html), /처리할 신고가 없습니다/);
  const audit = await t.p.db.selectFrom('audit_log').select(['action', 'reason']).where('target_type', '=', 'comment').orderBy('seq').execute();
  assert.deepEqual(audit.map((a) => a.action), ['comment.auto-hide', 'comment.keep']);
  assert.equal(audit[1].reason, '비방이 아닌 의견 표현입니다');
  assert.match(decode((await author.get('/notifications')).html), /계속 보이도록 했습니다\. \(비방이 아닌 의견 표현입니다\)/);

  const citizen = new Client(t);
  await citizen.loginAs('citizen-2');
  assert.equal((await citizen.post(`/comments/${comment}/decide`, { decision: 'hide', reason: 'x' })).status, 403);
  await citizen.post(`/proposals/${proposal}/comments`, { body: '현장을 봤습니다. 동의합니다.', parent: String(comment) });
  const reply = await t.p.db.selectFrom('comments').select(['parent_id']).orderBy('id', 'desc').executeTakeFirstOrThrow();
  assert.equal(reply.parent_id, comment);
  assert.match((await citizen.get(`/proposals/${proposal}`)).html, new RegExp(`id="comment-${comment}".*<ul class="card-list replies"><li class="comment"`));
});

test('a rights-infringement claim hides a comment at once for 30 days (임시조치), shown as such to everyone', async () => {
  const proposal = (await t.p.db.selectFrom('proposals').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const author = new Client(t);
  await author.loginAs('citizen-2');
  await author.post(`/proposals/${proposal}/comments`, { body: '옆집 사람이 불법 주차를 합니다.' });
  const comment = (await t.p.db.selectFrom('comments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  const claimant = new Client(t);
  await claimant.loginAs('citizen-4');
  await claimant.post(`/comments/${comment}/report`, { reason: 'rights' });
  const until = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const page = decode((await new Client(t).get(`/proposals/${proposal}`)).html);
  assert.doesNotMatch(page, /옆집 사람이 불법 주차를 합니다/);
  assert.match(page, new RegExp(`권리 침해 신고에 따라 ${until}까지 임시조치\\(가림\\) 중입니다`));
  const mod = new Client(t);
  await mod.loginAs('moderator');
  assert.match(decode((await mod.get('/moderation')).html), /임시조치\(가림\) 중입니다/);
  const rec = await t.p.db.selectFrom('audit_log').selectAll().where('action', '=', 'comment.temporary-measure').executeTakeFirstOrThrow();
  assert.equal((rec.after as { until: string }).until, until);
});

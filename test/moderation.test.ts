// 신고 and moderation: three reports hide a comment pending a moderator; the moderator's decision is audited with
// its reason and told to the author; replies thread under their comment. 임시조치 ends on its last day (Seoul
// time) without a decision; the author hears of every step, on the page the comment is on.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, CUSTOM_BOARD, type TestApp } from './helpers.ts';
import { runDaily } from '../src/modules/proposals/store/daily.ts';

/** The Seoul calendar day `days` after today, worked out apart from the app's date helpers (Intl knows the zone). */
const seoulDayAfter = (days: number) => {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Seoul' })
    .format(new Date())
    .split('-')
    .map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
};

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('reports hide a comment after three, a moderator keeps it with a reason, the author is told', async () => {
  const proposal = (await t.p.db.selectFrom('proposals').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const author = new Client(t);
  await author.loginAs('citizen-1');
  await author.post(`/proposals/${proposal}/comments`, {
    body: '이 제안은 꼭 필요합니다. 반대하는 분들은 현장을 보세요.',
  });
  const comment = (await t.p.db.selectFrom('comments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;

  const own = await author.post(`/comments/${comment}/report`, { reason: 'abuse' });
  assert.equal(own.headers.get('location'), `/proposals/${proposal}?msg=own-report#comment-${comment}`);
  const reporters = ['citizen-2', 'citizen-3', 'citizen-4'];
  for (const [i, who] of reporters.entries()) {
    const r = new Client(t);
    await r.loginAs(who);
    assert.equal(
      (await r.post(`/comments/${comment}/report`, { reason: 'abuse' })).headers.get('location'),
      `/proposals/${proposal}?msg=reported#comment-${comment}`,
    );
    if (i === 0) {
      assert.equal(
        (await r.post(`/comments/${comment}/report`, { reason: 'ad' })).headers.get('location'),
        `/proposals/${proposal}?msg=already-reported#comment-${comment}`,
      );
      assert.equal((await r.post(`/comments/${comment}/report`, {})).status, 422);
    }
  }
  const visitor = decode((await new Client(t).get(`/proposals/${proposal}`)).html);
  assert.doesNotMatch(visitor, /반대하는 분들은 현장을 보세요/);
  assert.match(
    decode((await author.get(`/proposals/${proposal}`)).html),
    /신고가 많아 운영자 확인을 기다리고 있습니다/,
  );
  // The author hears why at once, and what comes next, before any moderator has looked.
  assert.match(
    decode((await author.get('/notifications')).html),
    /회원님의 댓글에 신고가 3건 들어와\(사유: 욕설·비방\) 운영자가 확인할 때까지 가려 두었습니다\. 운영자가 살펴본 뒤/,
  );

  const mod = new Client(t);
  await mod.loginAs('moderator');
  const queue = decode((await mod.get('/moderation')).html);
  assert.match(queue, /신고 3건/);
  assert.match(queue, /욕설·비방/);
  assert.equal(
    (await mod.post(`/comments/${comment}/decide`, { decision: 'keep' })).status,
    422,
    'a reason is required',
  );
  assert.equal(
    (await mod.post(`/comments/${comment}/decide`, { decision: 'keep', reason: '비방이 아닌 의견 표현입니다' })).status,
    303,
  );
  assert.match(decode((await new Client(t).get(`/proposals/${proposal}`)).html), /반대하는 분들은 현장을 보세요/);
  assert.match(decode((await mod.get('/moderation')).html), /처리할 신고가 없습니다/);
  const audit = await t.p.db
    .selectFrom('audit_log')
    .select(['action', 'reason'])
    .where('target_type', '=', 'comment')
    .orderBy('seq')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['comment.auto-hide', 'comment.keep'],
  );
  assert.equal(audit[1].reason, '비방이 아닌 의견 표현입니다');
  assert.match(
    decode((await author.get('/notifications')).html),
    /계속 보이도록 했습니다\. \(비방이 아닌 의견 표현입니다\)/,
  );

  const citizen = new Client(t);
  await citizen.loginAs('citizen-2');
  assert.equal((await citizen.post(`/comments/${comment}/decide`, { decision: 'hide', reason: 'x' })).status, 403);
  await citizen.post(`/proposals/${proposal}/comments`, {
    body: '현장을 봤습니다. 동의합니다.',
    parent: String(comment),
  });
  const reply = await t.p.db
    .selectFrom('comments')
    .select(['parent_id'])
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(reply.parent_id, comment);
  assert.match(
    (await citizen.get(`/proposals/${proposal}`)).html,
    new RegExp(`id="comment-${comment}".*<ul class="card-list replies"><li class="comment"`),
  );
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
  const until = seoulDayAfter(30);
  const page = decode((await new Client(t).get(`/proposals/${proposal}`)).html);
  assert.doesNotMatch(page, /옆집 사람이 불법 주차를 합니다/);
  assert.match(page, new RegExp(`권리 침해 신고에 따라 ${until}까지 임시조치\\(가림\\) 중입니다`));
  const mod = new Client(t);
  await mod.loginAs('moderator');
  assert.match(decode((await mod.get('/moderation')).html), /임시조치\(가림\) 중입니다/);
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'comment.temporary-measure')
    .executeTakeFirstOrThrow();
  assert.equal((rec.after as { until: string }).until, until);
});

test("임시조치 lasts the board's period, ends on its last day without a decision, and the author hears of both", async () => {
  const slug = 'held';
  const space = await t.p.db.selectFrom('spaces').select('id').where('slug', '=', 'sotong').executeTakeFirstOrThrow();
  const comp = await t.p.db
    .insertInto('components')
    .values({
      space_id: space.id,
      type: 'proposals',
      slug,
      title_ko: '임시조치 게시판',
      title_en: 'Hold board',
      settings: '{}',
      position: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admin = new Client(t);
  await admin.loginAs('admin');
  assert.equal(
    (await admin.post(`/admin/components/${comp.id}`, { ...CUSTOM_BOARD, temporaryMeasureDays: '7' })).status,
    303,
  );
  const author = new Client(t);
  await author.loginAs('citizen-3');
  const w = await author.post(`/s/sotong/${slug}`, {
    title: '놀이터 그늘막 설치',
    body: '놀이터에 그늘막을 설치해 주세요. 여름에 너무 덥습니다.',
    checkedSimilar: '1',
  });
  const proposal = Number(w.headers.get('location')!.match(/\/proposals\/(\d+)/)![1]);
  await author.post(`/proposals/${proposal}/comments`, { body: '관리사무소장이 예산을 빼돌렸다고 들었습니다.' });
  const comment = (await t.p.db.selectFrom('comments').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow()).id;
  const claimant = new Client(t);
  await claimant.loginAs('citizen-4');
  await claimant.post(`/comments/${comment}/report`, { reason: 'rights' });

  const until = seoulDayAfter(7),
    dayAfter = seoulDayAfter(8);
  assert.match(
    decode((await new Client(t).get(`/proposals/${proposal}`)).html),
    new RegExp(`${until}까지 임시조치\\(가림\\) 중입니다`),
  );
  const told = decode((await author.get('/notifications')).html);
  assert.match(
    told,
    new RegExp(
      `권리 침해 신고가 들어와 정보통신망법에 따라 ${until}까지 임시조치\\(가림\\)했습니다\\. 그 안에 운영자가 판단하지 않으면 기간이 끝난 뒤 다시 보입니다`,
    ),
  );
  assert.match(
    (await author.get('/notifications')).html,
    new RegExp(`href="/proposals/${proposal}#comment-${comment}"`),
  );

  // The last day is still held to its end (23:59:59 in Seoul); the next morning's run shows the comment again.
  assert.equal((await runDaily(t.p.db, until, new Date(`${until}T23:59:59+09:00`))).holdsLifted, 0);
  assert.doesNotMatch(decode((await new Client(t).get(`/proposals/${proposal}`)).html), /관리사무소장이 예산을/);
  assert.equal((await runDaily(t.p.db, dayAfter, new Date(`${dayAfter}T06:00:00+09:00`))).holdsLifted, 1);
  const page = decode((await new Client(t).get(`/proposals/${proposal}`)).html);
  assert.match(page, /관리사무소장이 예산을 빼돌렸다고 들었습니다/);
  assert.doesNotMatch(page, /임시조치\(가림\) 중입니다/);
  assert.match(
    decode((await author.get('/notifications')).html),
    new RegExp(`임시조치 기간\\(${until}까지\\)이 끝나 댓글이 다시 보입니다`),
  );
  const lapsed = await t.p.db
    .selectFrom('audit_log')
    .select(['actor_label', 'reason'])
    .where('action', '=', 'comment.temporary-measure-lapsed')
    .where('target_id', '=', String(comment))
    .execute();
  assert.deepEqual(
    lapsed.map((a) => a.actor_label),
    ['system'],
  );
  // A second run the same day does not lift or tell twice.
  assert.equal((await runDaily(t.p.db, dayAfter, new Date(`${dayAfter}T06:00:00+09:00`))).holdsLifted, 0);
  // The claim is still undecided: it stays in the moderators' queue, now visible.
  const mod = new Client(t);
  await mod.loginAs('moderator');
  assert.match(decode((await mod.get('/moderation')).html), /관리사무소장이 예산을 빼돌렸다고 들었습니다/);
});

test("a moderator's decision on a pledge comment leads its author to the pledge, not to a proposal of the same number", async () => {
  const pledge = (await t.p.db.selectFrom('pledges').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const author = new Client(t);
  await author.loginAs('citizen-1');
  assert.equal(
    (await author.post(`/pledges/${pledge}/comments`, { body: '이 공약은 언제 끝나나요? 담당자는 일을 안 합니다.' }))
      .status,
    303,
  );
  const comment = (
    await t.p.db
      .selectFrom('comments')
      .select('id')
      .where('target_type', '=', 'pledge')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
  ).id;
  const mod = new Client(t);
  await mod.loginAs('moderator');
  const r = await mod.post(`/comments/${comment}/decide`, { decision: 'hide', reason: '특정인 비방' });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/pledges/${pledge}#comments-h`);
  assert.doesNotMatch(decode((await new Client(t).get(`/pledges/${pledge}`)).html), /담당자는 일을 안 합니다/);
  const inbox = (await author.get('/notifications')).html;
  assert.match(decode(inbox), /회원님의 댓글이 운영 원칙에 따라 가려졌습니다\. 사유: 특정인 비방/);
  assert.match(inbox, new RegExp(`<a href="/pledges/${pledge}#comments-h">[^<]*특정인 비방`));
});

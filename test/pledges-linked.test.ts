// Madang activity linked to a pledge counts on its communication card by itself: a board linked once, then every new
// proposal, 공감 and comment there changes the card (activities, distinct participants, dates) with nobody copying
// numbers; a proposal that is not public and a hidden comment do not count; linking and unlinking are on the record.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import { linkedOf } from '../src/modules/pledges/links.ts';
import { verifyAudit } from '../src/platform/audit.ts';

let t: TestApp;
let id002 = 0;
before(async () => {
  t = await testApp();
  id002 = (await store.pledgeIdByCode(t.p.db, '002'))!;
});
after(async () => {
  await t.close();
});
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

async function card() {
  const s = text((await new Client(t).get(`/pledges/${id002}/communication`)).html);
  const total = s.match(
    /구민소통 총괄 .*?모바일 정책 참여 플랫폼 「새빛톡톡」 구축 (\d+)회 (\d+)회 (\d+)회 (\d+)회 (\d+)회/,
  );
  assert.ok(total, s);
  const row = s.match(
    /마당 연계 활동 공약명 구분 활동 주소 횟수\(회\) 참여자\(명\) 공감 댓글 기간 모바일 정책 참여 플랫폼 「새빛톡톡」 구축 기타 소통공감365 · 마당시에 제안합니다 \/s\/sotong\/propose (\d+) (\d+) (\d+) (\d+) /,
  );
  return { other: Number(total[5]), press: Number(total[4]), row: row ? row.slice(1, 5).map(Number) : null, s };
}

test('a linked proposal board counts by itself: new proposals, supports and comments change the card', async () => {
  const planning = new Client(t);
  await planning.loginAs('planning');
  const before = await card();
  assert.deepEqual([before.other, before.press, before.row], [0, 3, null]);

  // Form errors keep what was typed; a board and an address together, an unknown address, nothing at all.
  const components = await t.p.db.selectFrom('components').select(['id', 'slug']).execute();
  const board = components.find((x) => x.slug === 'propose')!;
  const both = await planning.post(`/pledges/${id002}/links`, {
    component: `c:${board.id}`,
    path: '/proposals/1',
    kind: 'auto',
  });
  assert.equal(both.status, 422);
  const bothHtml = await both.text();
  assert.match(bothHtml, /value="\/proposals\/1"/);
  assert.match(bothHtml, new RegExp(`<option value="c:${board.id}" selected="">`));
  const unknown = await planning.post(`/pledges/${id002}/links`, { path: '/s/sotong/no-such-board', kind: 'auto' });
  assert.equal(unknown.status, 422);
  assert.match(
    await unknown.text(),
    /value="\/s\/sotong\/no-such-board"[\s\S]*공개된 제안\(\/proposals\/번호\) 주소를 적어 주세요/,
  );
  assert.equal((await planning.post(`/pledges/${id002}/links`, { kind: 'auto' })).status, 422);
  // A citizen may not link.
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.post(`/pledges/${id002}/links`, { path: '/s/sotong/propose' })).status, 403);

  const ok = await planning.post(`/pledges/${id002}/links`, { path: '/s/sotong/propose', kind: 'auto' });
  assert.equal(ok.status, 303);
  assert.equal(
    (await planning.post(`/pledges/${id002}/links`, { component: `c:${board.id}`, kind: 'auto' })).status,
    422,
  ); // already linked
  // The demo board: 3 proposals by 한시민, 윤주민, 응우옌 티 란; 공감 from all four citizens; one comment by 윤주민.
  const linked = await card();
  assert.equal(linked.other, 3, '3 proposals count as 3 under 기타 (구민제안)');
  assert.deepEqual(linked.row, [3, 4, 5, 1]);

  // A new proposal by 서청년 (already a supporter: no new participant).
  const young = new Client(t);
  await young.loginAs('citizen-3');
  const created = await young.post('/s/sotong/propose', {
    title: '청소년 문화의 집에 밤 열 시까지 자습실을 열어 주세요',
    body: '시험 기간에 공부할 곳이 부족합니다. 자습실 운영 시간을 늘려 주세요.',
    checkedSimilar: '1',
  });
  assert.equal(created.status, 303);
  const pid = Number(created.headers.get('location')!.match(/\/proposals\/(\d+)/)![1]);
  const afterProposal = await card();
  assert.equal(afterProposal.other, 4);
  assert.deepEqual(afterProposal.row, [4, 4, 5, 1]);

  // 공감 by a new person, then a comment by another new person.
  const mod = new Client(t);
  await mod.loginAs('moderator');
  assert.equal((await mod.post(`/proposals/${pid}/support`, {})).status, 303);
  assert.deepEqual((await card()).row, [4, 5, 6, 1]);
  const env = new Client(t);
  await env.loginAs('official-env');
  assert.equal(
    (await env.post(`/proposals/${pid}/comments`, { body: '환경정책과에서도 함께 검토하겠습니다.', stance: 'pro' }))
      .status,
    303,
  );
  const full = await card();
  assert.deepEqual(full.row, [4, 6, 6, 2]);
  assert.match(
    full.s,
    /○ 대상 : 구민 6명 참여 ○ 내용 : 소통공감365 · 마당시에 제안합니다 \(활동 4건, 공감 6, 댓글 2\)/,
  );

  // The dates run from the first thing that happened there to the last.
  await t.p.db.updateTable('proposals').set({ created_at: '2023-01-05T09:00:00+09:00' }).where('id', '=', 1).execute();
  assert.match((await card()).s, /2023\. 1\. 5\. ~ \d{4}\. \d{1,2}\. \d{1,2}\./);
  // What is not public does not count: a withdrawn proposal (철회) and a hidden comment.
  const stage = (await t.p.db.selectFrom('proposals').select('stage').where('id', '=', pid).executeTakeFirstOrThrow())
    .stage;
  await t.p.db.updateTable('proposals').set({ stage: 'withdrawn' }).where('id', '=', pid).execute();
  assert.deepEqual((await card()).row, [3, 4, 5, 1]);
  await t.p.db.updateTable('proposals').set({ stage }).where('id', '=', pid).execute();
  await t.p.db
    .updateTable('comments')
    .set({ hidden: true })
    .where('target_id', '=', pid)
    .where('target_type', '=', 'proposal')
    .execute();
  assert.deepEqual((await card()).row, [4, 5, 6, 1]);

  // The pledge page shows the same live numbers; the city's whole card too.
  assert.match(text((await new Client(t).get(`/pledges/${id002}`)).html), /기타 0 4 4회/);
  assert.match(
    text((await new Client(t).get('/pledges/communication')).html),
    /모바일 정책 참여 플랫폼 「새빛톡톡」 구축 0회 0회 0회 3회 4회/,
  );
});

test('a single proposal can be linked by its address; unlinking stops the counting; both on the record', async () => {
  const planning = new Client(t);
  await planning.loginAs('planning');
  const id000 = (await store.pledgeIdByCode(t.p.db, '000'))!;
  assert.equal((await planning.post(`/pledges/${id000}/links`, { path: '/proposals/1', kind: 'debate' })).status, 303);
  const [one] = await linkedOf(t.p.db, [{ id: id000, code: '000' }]);
  assert.deepEqual(
    [one.kind, one.live, one.activities, one.participants, one.supports, one.comments],
    ['debate', true, 1, 4, 4, 1],
  );
  assert.match(text((await planning.get(`/pledges/${id000}`)).html), /설명회, 보고회 등 0 1 1회/);
  const form = (await planning.get(`/pledges/${id000}/communication`)).html;
  const remove = form.match(/action="(\/pledges\/\d+\/links\/\d+\/remove)"/)![1];
  assert.equal((await new Client(t).post(remove, {})).status, 303); // anonymous: sign in first
  assert.equal((await planning.post(remove, {})).status, 303);
  assert.match(text((await planning.get(`/pledges/${id000}`)).html), /설명회, 보고회 등 0 0 0회/);
  const acts = (
    await t.p.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'pledge.link.%')
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);
  assert.deepEqual(acts, ['pledge.link.add', 'pledge.link.add', 'pledge.link.remove']);
  assert.ok((await verifyAudit(t.p.db)).ok);
});

// Indicator change requests (add, rename, remove a 성과지표) through the form: the department proposes, the citizen
// panel reviews, only then is the change published to the card, with the change history public.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import { verifyAudit } from '../src/platform/audit.ts';

let t: TestApp;
let id001 = 0;
let dept: Client, planning: Client;
before(async () => {
  t = await testApp();
  id001 = (await store.pledgeIdByCode(t.p.db, '001'))!;
  // An official of 정책기획과, the department named on seed 001's card.
  const d = await t.p.db
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
    .values({ person_id: roads.id, role: 'official', department_id: d.id, position: '주무관', phone_ext: '3146' })
    .execute();
  dept = new Client(t);
  await dept.loginAs('official-roads');
  planning = new Client(t);
  await planning.loginAs('planning');
});
after(async () => {
  await t.close();
});
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
const indicators = async () =>
  (await store.getPledge(t.p.db, id001))!.pledge.indicatorTables.map((tb) => tb.indicators.map((i) => i.name));

/** Start review, two panel members approve, close the vote; publishing is the caller's step. */
async function review(url: string) {
  assert.equal((await planning.post(`${url}/start-review`, {})).status, 303);
  for (const who of ['citizen-1', 'citizen-2']) {
    const m = new Client(t);
    await m.loginAs(who);
    assert.equal((await m.post(`${url}/approve`, {})).status, 303);
  }
  assert.equal((await planning.post(`${url}/decide`, {})).status, 303);
}

test('the form refuses an incomplete indicator change and keeps what was typed', async () => {
  const noName = await dept.post(`/pledges/${id001}/changes`, {
    indicatorOp: 'add',
    indicatorTable: '2',
    indicatorName: '',
    indicatorUnit: '회',
    reason: '정책 마켓을 지표로',
  });
  assert.equal(noName.status, 422);
  const h = decode(await noName.text());
  assert.match(h, /id="f-indicatorName-error">새 지표 이름을 적으세요/);
  assert.match(h, /<option value="add" selected="">추가<\/option>/);
  assert.match(h, /value="회"/);
  assert.match(h, /정책 마켓을 지표로<\/textarea>/);
  assert.equal(
    (
      await dept.post(`/pledges/${id001}/changes`, {
        indicatorOp: 'rename',
        indicatorRef: '1|zz',
        indicatorName: 'x',
        reason: 'r',
      })
    ).status,
    422,
  );
  const same = await dept.post(`/pledges/${id001}/changes`, {
    indicatorOp: 'rename',
    indicatorRef: '1|a2',
    indicatorName: '협치위원회 자원운영',
    reason: 'r',
  });
  assert.equal(same.status, 422);
  assert.match(decode(await same.text()), /지금 이름과 같습니다/);
  assert.equal(
    (
      await dept.post(`/pledges/${id001}/changes`, {
        indicatorOp: 'add',
        indicatorTable: '9',
        indicatorName: 'x',
        reason: 'r',
      })
    ).status,
    422,
  );
  assert.equal((await t.p.db.selectFrom('pledge_change_requests').select('id').execute()).length, 0);
});

test('add, rename, remove: nothing changes on the card until the panel approves and the secretariat publishes; history public', async () => {
  const before = await indicators();
  // Add a quarterly indicator to the 2021+ table.
  const add = await dept.post(`/pledges/${id001}/changes`, {
    indicatorOp: 'add',
    indicatorTable: '2',
    indicatorName: '협치 정책 마켓 개최',
    indicatorUnit: '회',
    reason: '2021년 실행계획에 정책 마켓 추가',
  });
  assert.equal(add.status, 303);
  const addUrl = add.headers.get('location')!;
  assert.deepEqual(await indicators(), before, 'proposed is not published');
  assert.equal((await dept.post(`${addUrl}/publish`, {})).status, 403, 'a department cannot publish its own change');
  await review(addUrl);
  assert.deepEqual(await indicators(), before, 'approved is not yet published');
  assert.equal((await planning.post(`${addUrl}/publish`, {})).status, 303);
  assert.deepEqual((await indicators())[1], [...before[1], '협치 정책 마켓 개최']);

  // Rename the first table's '협치위원회 자원운영' (the seed's typo) and remove '시민 및 공무원 대상교육 실시'.
  const rename = await dept.post(`/pledges/${id001}/changes`, {
    indicatorOp: 'rename',
    indicatorRef: '1|a2',
    indicatorName: '협치위원회 지원·운영',
    reason: '지표명 오기 정정',
  });
  await review(rename.headers.get('location')!);
  assert.equal((await planning.post(`${rename.headers.get('location')!}/publish`, {})).status, 303);
  const remove = await dept.post(`/pledges/${id001}/changes`, {
    indicatorOp: 'remove',
    indicatorRef: '1|a3',
    reason: '2021년부터 2번 표에서 관리',
  });
  const removeUrl = remove.headers.get('location')!;
  await review(removeUrl);
  assert.equal((await planning.post(`${removeUrl}/publish`, {})).status, 303);
  assert.deepEqual((await indicators())[0], ['수원시 협치조례 제정', '협치위원회 지원·운영']);

  // The card shows the new indicator row and the 사업변경내역; anyone sees the requests and their history.
  const anon = new Client(t);
  const card = text((await anon.get(`/pledges/${id001}`)).html);
  assert.match(card, /협치 정책 마켓 개최 회/);
  assert.match(card, /5\. 사업변경내역 .*성과지표 협치 정책 마켓 개최 2021년 실행계획에 정책 마켓 추가/);
  assert.match(card, /성과지표 협치위원회 자원운영 협치위원회 지원·운영 지표명 오기 정정/);
  assert.match(card, /성과지표 시민 및 공무원 대상교육 실시 2021년부터 2번 표에서 관리/);
  const list = text((await anon.get(`/pledges/${id001}/changes`)).html);
  assert.match(list, /성과지표 추가: 협치 정책 마켓 개최 2021년 실행계획에 정책 마켓 추가 공개·반영/);
  assert.match(list, /성과지표 이름 변경: 협치위원회 자원운영 → 협치위원회 지원·운영/);
  assert.match(list, /성과지표 삭제: 시민 및 공무원 대상교육 실시/);
  assert.match(text((await anon.get(removeUrl)).html), /제안 .*평가단 검토 중 .*승인 .*찬성 2 \/ 투표 2 .*공개·반영/);
  assert.ok((await verifyAudit(t.p.db)).ok);
});

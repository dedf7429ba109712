// After publication: snapshots (frozen, compared), change approval (department → panel → published; a department
// cannot publish alone), the communication card with automatic totals, and the citizen panel's scoring form.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, addPolicyOfficial, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import * as perm from '../src/modules/pledges/permissions.ts';
import { verifyAudit } from '../src/platform/audit.ts';
import type { Actor } from '../src/platform/permissions.ts';

let t: TestApp;
let id000 = 0;
before(async () => {
  t = await testApp();
  id000 = (await store.pledgeIdByCode(t.p.db, '000'))!;
  // An official of 정책기획과, the department named on seed 000's card.
  await addPolicyOfficial(t);
});
after(async () => {
  await t.close();
});
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');

test('permission rules', () => {
  const a = (roles: Actor['grants']): Actor => ({
    id: 1,
    personKey: 'k',
    displayName: 'x',
    verification: 'dev',
    birthDate: null,
    areaCode: null,
    grants: roles,
  });
  const citizen = a([]),
    planning = a([{ role: 'planning', departmentId: null, position: null, phoneExt: null }]);
  const official = a([{ role: 'official', departmentId: 3, position: null, phoneExt: null }]);
  assert.equal(perm.canImport(citizen), false);
  assert.equal(perm.canImport(planning), true);
  assert.equal(perm.canImport(official), false);
  assert.equal(perm.canComment(null), false);
  assert.equal(perm.canComment(citizen), true);
  assert.equal(perm.canProposeChange(official, ['정책기획과'], ['정책기획과']), true);
  assert.equal(perm.canProposeChange(official, ['정책기획과'], ['도로교통과']), false);
  assert.equal(perm.canProposeChange(citizen, ['정책기획과'], ['정책기획과']), false);
  assert.equal(perm.canRunReview(official), false);
  assert.equal(perm.canRunReview(planning), true);
  assert.equal(perm.canScore(citizen, false), false);
  assert.equal(perm.canScore(citizen, true), true);
  assert.equal(perm.canRecordCommunication(official, ['정책기획과'], ['정책기획과']), true);
});

test('change approval: department proposes, panel votes, secretariat publishes; the department cannot publish alone', async () => {
  const dept = new Client(t);
  await dept.loginAs('official-roads');
  const bad = await dept.post(`/pledges/${id000}/changes`, { status: '', description: '', reason: '' });
  assert.equal(bad.status, 422);
  const res = await dept.post(`/pledges/${id000}/changes`, { status: '정상추진', reason: '운영 개편으로 재추진' });
  assert.equal(res.status, 303);
  const url = res.headers.get('location')!;
  const rid = url.split('/').pop()!;
  // The department cannot start the review or publish.
  assert.equal((await dept.post(`${url}/start-review`, {})).status, 403);
  assert.equal((await dept.post(`${url}/publish`, {})).status, 403);
  const other = new Client(t);
  await other.loginAs('official-env');
  assert.equal((await other.post(`/pledges/${id000}/changes`, { status: '폐기', reason: 'x' })).status, 403);
  const planning = new Client(t);
  await planning.loginAs('planning');
  assert.equal((await planning.post(`${url}/start-review`, {})).status, 303);
  assert.equal((await planning.post(`${url}/publish`, {})).status, 409); // not approved yet
  for (const who of ['citizen-1', 'citizen-2']) {
    const m = new Client(t);
    await m.loginAs(who);
    assert.equal((await m.post(`${url}/approve`, {})).status, 303);
    assert.equal((await m.post(`${url}/approve`, {})).status, 409); // one vote each
  }
  const outsider = new Client(t);
  await outsider.loginAs('citizen-3');
  assert.equal((await outsider.post(`${url}/approve`, {})).status, 403);
  assert.equal((await planning.post(`${url}/decide`, {})).status, 303);
  assert.equal((await planning.post(`${url}/publish`, {})).status, 303);
  const s = (await store.getPledge(t.p.db, id000))!;
  assert.equal(s.pledge.status, '정상추진');
  assert.equal(s.pledge.changes.at(-1)?.requestId, rid);
  // The history is public.
  const anon = new Client(t);
  const page = text((await anon.get(url)).html);
  assert.match(page, /제안 .*평가단 검토 중 .*승인 .*찬성 2 \/ 투표 2 .*공개·반영/);
  const actions = (
    await t.p.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'pledge.change.%')
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);
  assert.deepEqual(actions, [
    'pledge.change.propose',
    'pledge.change.start-review',
    'pledge.change.vote',
    'pledge.change.vote',
    'pledge.change.decide',
    'pledge.change.apply',
    'pledge.change.publish',
  ]);
  assert.ok((await verifyAudit(t.p.db)).ok);
});

test('a target change (당초 → 변경) and a budget plan change go through the panel and show on the card with 변경사유', async () => {
  const id001 = (await store.pledgeIdByCode(t.p.db, '001'))!;
  const dept = new Client(t);
  await dept.loginAs('official-roads');
  const form = await dept.get(`/pledges/${id001}/changes`);
  const target = decode(form.html.match(/<select id="f-target"[\s\S]*?<option value="([^"]+)"[^>]*>[^<]*2020/)![1]);
  const budget = decode(
    form.html.match(/<select id="f-budget"[\s\S]*?<option value="([^"]+)"[^>]*>2022\.6월까지 · 시비/)![1],
  );
  assert.equal((await dept.post(`/pledges/${id001}/changes`, { target, changed: '', reason: 'x' })).status, 422);
  const res = await dept.post(`/pledges/${id001}/changes`, {
    target,
    changed: '3',
    budget,
    planned: '40',
    reason: '코로나19로 사업 일정 조정',
  });
  assert.equal(res.status, 303);
  const url = res.headers.get('location')!;
  const planning = new Client(t);
  await planning.loginAs('planning');
  await planning.post(`${url}/start-review`, {});
  for (const who of ['citizen-1', 'citizen-2']) {
    const m = new Client(t);
    await m.loginAs(who);
    await m.post(`${url}/approve`, {});
  }
  await planning.post(`${url}/decide`, {});
  assert.equal((await planning.post(`${url}/publish`, {})).status, 303);
  const p = (await store.getPledge(t.p.db, id001))!.pledge;
  const [tableId, indicatorId, periodKey] = target.split('|');
  const tb = p.indicatorTables.find((x) => x.id === tableId)!;
  assert.equal(
    tb.indicators.find((i) => i.id === indicatorId)!.values.find((v) => v.periodKey === periodKey)!.changed,
    '3',
  );
  assert.ok(tb.changeReasons.some((r) => r.text === '코로나19로 사업 일정 조정'));
  assert.equal(p.budget.entries.find((e) => e.periodKey === budget.split('|')[0] && e.source === '시비')!.planned, 40);
  const card = text((await planning.get(`/pledges/${id001}`)).html);
  assert.match(card, /5\. 사업변경내역/);
  assert.match(card, /코로나19로 사업 일정 조정/);
});

test('reporting: the department updates progress and the log; on a published pledge a status change needs a change request', async () => {
  const other = new Client(t);
  await other.loginAs('official-env');
  assert.equal((await other.get(`/pledges/${id000}/report`)).res.status, 403);
  const c = new Client(t);
  await c.loginAs('official-roads');
  const bad = await c.post(`/pledges/${id000}/report`, {
    progressPercent: '120',
    asOf: '2021-06-30',
    status: '정상추진',
    indicator: '',
    entry: '',
  });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /value="120"/);
  const ok = await c.post(`/pledges/${id000}/report`, {
    progressPercent: '100',
    asOf: '2021-06-30',
    status: (await store.getPledge(t.p.db, id000))!.pledge.status,
    indicator: '온라인 플랫폼 운영',
    entryDate: '2021-05-01',
    entry: '○ 홈페이지 개편\n• 모바일 화면 개선',
  });
  assert.equal(ok.status, 303);
  const p = (await store.getPledge(t.p.db, id000))!.pledge;
  assert.equal(p.asOf, '2021-06-30');
  assert.deepEqual(p.progress.find((x) => x.indicator === '온라인 플랫폼 운영')!.items.at(-1), {
    text: '홈페이지 개편',
    date: '2021-05-01',
    children: [{ text: '모바일 화면 개선' }],
  });
  assert.ok(
    await t.p.db.selectFrom('audit_log').select('seq').where('action', '=', 'pledge.report').executeTakeFirst(),
  );
  const refused = await c.post(`/pledges/${id000}/report`, {
    progressPercent: '100',
    asOf: '2021-06-30',
    status: '폐기',
  });
  assert.equal(refused.status, 409);
  assert.match(await refused.text(), /평가단 승인이 필요합니다/);
  assert.notEqual((await store.getPledge(t.p.db, id000))!.pledge.status, '폐기');
  // The seeded pledges carry the 공개일 of their seed card (its 기준일), so the lock holds for any governed change,
  // here a status that needs no approval before publication; the page says so and nothing changes.
  const seeded = (await store.getPledge(t.p.db, id000))!.pledge;
  assert.equal(seeded.publishedAt, '2020-12-31');
  const locked = await c.post(`/pledges/${id000}/report`, {
    progressPercent: '90',
    asOf: '2021-07-31',
    status: '일부추진',
  });
  assert.equal(locked.status, 409);
  assert.match(await locked.text(), /공개된 공약은 변경 요청과 평가단 승인 없이 바꿀 수 없습니다: status/);
  assert.match(await c.get(`/pledges/${id000}/report`).then((r) => r.html), /변경 요청/);
  const after = (await store.getPledge(t.p.db, id000))!.pledge;
  assert.deepEqual(
    [after.status, after.progressPercent, after.asOf],
    [seeded.status, seeded.progressPercent, seeded.asOf],
  );
});

test('communication card: entries by type, automatic totals, errors kept; citizens cannot record', async () => {
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal(
    (await citizen.post(`/pledges/${id000}/communication`, { type: 'briefing', date: '2021-03-02' })).status,
    403,
  );
  const c = new Client(t);
  await c.loginAs('official-roads');
  const bad = await c.post(`/pledges/${id000}/communication`, {
    type: 'briefing',
    date: '2021-13-02',
    place: '시청 대회의실',
  });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /value="시청 대회의실"/);
  assert.equal(
    (
      await c.post(`/pledges/${id000}/communication`, {
        type: 'briefing',
        date: '2021-03-02',
        place: '시청',
        content: '주민설명회',
      })
    ).status,
    303,
  );
  assert.equal(
    (await c.post(`/pledges/${id000}/communication`, { type: 'survey', date: '2021-04-02', content: '만족도 조사' }))
      .status,
    303,
  );
  const { html } = await c.get(`/pledges/${id000}/communication`);
  assert.match(text(html), /구민소통 총괄 .*1회 1회 0회 0회 0회/);
  assert.match(text((await c.get(`/pledges/${id000}`)).html), /설명회, 보고회 등 1 0 1회/);
  // Madang activity linked to the pledge counts by itself (here a proposal, as a debate → 설명회, 보고회 등).
  const badLink = await c.post(`/pledges/${id000}/links`, { kind: 'debate', path: 'https://example.com/x' });
  assert.equal(badLink.status, 422);
  assert.match(await badLink.text(), /value="https:\/\/example.com\/x"/);
  assert.equal(
    (
      await c.post(`/pledges/${id000}/links`, {
        kind: 'debate',
        path: '//example.com/x',
        linkTitle: 'x',
        day: '2021-01-01',
      })
    ).status,
    422,
  );
  assert.equal((await c.post(`/pledges/${id000}/links`, { kind: 'debate', path: '/proposals/1' })).status, 303);
  assert.equal((await c.post(`/pledges/${id000}/links`, { kind: 'debate', path: '/proposals/1' })).status, 422);
  assert.match(text((await c.get(`/pledges/${id000}`)).html), /설명회, 보고회 등 1 1 2회/);
  assert.match(text((await c.get(`/pledges/${id000}/communication`)).html), /마당초등학교 앞 통학로/);
  const whole = await c.get('/pledges/communication');
  assert.match(whole.html, /<title>매니페스토 구민소통 관리카드 \|/);
  assert.match(text(whole.html), /온라인 플랫폼 「수원만민광장」 구축 2회 1회 0회 0회 0회/);
  assert.equal((await c.request('/pledges/communication.xlsx')).status, 200);
  // Open data of the card: every table as CSV (Korean headers, the counted totals), for the city and for one pledge.
  const csvLinks = [...whole.html.matchAll(/href="(\/pledges\/communication\/tables\/[\w-]+\.csv)"/g)].map((m) => m[1]);
  assert.ok(csvLinks.length >= 1, 'the whole card lists its tables as CSV');
  const csvs = await Promise.all(
    csvLinks.map(async (l) => {
      const r = await c.request(l);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type')!, /text\/csv/);
      return r.text();
    }),
  );
  assert.ok(
    csvs.some((x) => /온라인 플랫폼 「수원만민광장」 구축,2회,1회,0회,0회,0회/.test(x)),
    csvs.join('\n---\n').slice(0, 500),
  );
  const one = (await c.get(`/pledges/${id000}/communication`)).html;
  assert.match(one, new RegExp(`href="/pledges/${id000}/communication.xlsx"`));
  assert.equal((await c.request(`/pledges/${id000}/communication.json`)).status, 200);
  const oneCsv = one.match(new RegExp(`href="(/pledges/${id000}/communication/tables/[\\w-]+\\.csv)"`))![1];
  assert.equal((await c.request(oneCsv)).status, 200);
  assert.equal((await c.request(`/pledges/${id000}/communication/tables/nothing.csv`)).status, 404);
});

test('panel: members listed; scoring form for members only, one form per pledge, mean beside the office evaluation', async () => {
  const anon = new Client(t);
  assert.match((await anon.get('/pledges/panel')).html, /한시민/);
  const outsider = new Client(t);
  await outsider.loginAs('citizen-3');
  assert.equal((await outsider.get(`/pledges/${id000}/score`)).res.status, 403);
  const m = new Client(t);
  await m.loginAs('citizen-1');
  const bad = await m.post(`/pledges/${id000}/score`, { progress: '41', target: '20', communication: '20' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /value="41"/);
  assert.equal(
    (await m.post(`/pledges/${id000}/score`, { progress: '40', target: '20', communication: '25' })).status,
    303,
  );
  assert.match((await m.get(`/pledges/${id000}/score`)).html, /이미 채점했습니다/);
  const m2 = new Client(t);
  await m2.loginAs('citizen-2');
  assert.equal(
    (await m2.post(`/pledges/${id000}/score`, { progress: '30', target: '25', communication: '20' })).status,
    303,
  );
  assert.match(text((await anon.get(`/pledges/${id000}`)).html), /2 80 \/ 100 35 22\.5 22\.5/);
  assert.match(
    text((await anon.get('/pledges/panel')).html),
    /온라인 플랫폼 「수원만민광장」 구축 \S+, 100% 2 80 \/ 100 75~85/,
  );
  // The planning office appoints and releases members, within the size limit, on the record.
  assert.equal((await m.post('/pledges/panel', { name: '서청년' })).status, 403);
  const planning = new Client(t);
  await planning.loginAs('planning');
  const none = await planning.post('/pledges/panel', { name: '없는사람', field: '복지' });
  assert.equal(none.status, 422);
  assert.match(await none.text(), /value="없는사람"/);
  assert.equal((await planning.post('/pledges/panel', { name: '서청년', field: '청년' })).status, 303);
  assert.equal((await outsider.get(`/pledges/${id000}/score`)).res.status, 200);
  assert.equal((await planning.post('/pledges/panel', { name: '서청년', release: 'on' })).status, 303);
  assert.equal((await outsider.get(`/pledges/${id000}/score`)).res.status, 403);
  const acts = (
    await t.p.db.selectFrom('audit_log').select('action').where('action', 'like', 'panel.%').orderBy('seq').execute()
  ).map((r) => r.action);
  assert.deepEqual(acts, ['panel.appoint', 'panel.release']);
});

test('snapshots: planning takes one per half-year, frozen; the page compares with the previous one', async () => {
  const c = new Client(t);
  await c.loginAs('planning');
  // A previous snapshot with another status, as if taken last half-year.
  const s = (await store.getPledge(t.p.db, id000))!;
  await t.p.db
    .insertInto('pledge_snapshots')
    .values({
      period: '2000-H1',
      label: '2000년 상반기',
      taken_at: '2000-06-30',
      pledges: JSON.stringify([{ ...s.pledge, status: '완료', progressPercent: 90 }]),
      metrics: JSON.stringify({
        completionRate: { percent: 100 },
        implementationRate: { percent: 100 },
        targetAchievementRate: { percent: null, year: 2000 },
        averageProgress: 90,
      }),
    })
    .execute();
  const r = await c.post('/pledges/snapshots', {});
  assert.equal(r.status, 303);
  assert.match(r.headers.get('location')!, /^\/pledges\/snapshots\/\d{4}-H[12]\?msg=taken$/);
  assert.match((await c.post('/pledges/snapshots', {})).headers.get('location')!, /msg=exists/);
  const list = await c.get('/pledges/snapshots');
  const period = list.html.match(/href="\/pledges\/snapshots\/(\d{4}-H[12])"/)![1];
  const { html } = await c.get(`/pledges/snapshots/${period}`);
  assert.match(text(html), /직전 공개본과 비교 \(2000년 상반기\)/);
  assert.match(text(html), /상태 완료 정상추진/);
  assert.match(text(html), /전체 진도율 90 100/);
  const json = (await (await c.request(`/pledges/snapshots/${period}.json`)).json()) as {
    period: string;
    pledges: unknown[];
  };
  assert.equal(json.period, period);
  assert.equal(json.pledges.length, 3);
  // Frozen: updates are no-ops.
  await t.p.db.updateTable('pledge_snapshots').set({ label: 'x' }).where('period', '=', period).execute();
  assert.notEqual(
    (await t.p.db.selectFrom('pledge_snapshots').select('label').where('period', '=', period).executeTakeFirstOrThrow())
      .label,
    'x',
  );
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.post('/pledges/snapshots', {})).status, 403);
});

// The department's answer deadline: reaching the board's threshold fixes a due date in working days (city
// calendar), puts the proposal in the department's queue with it, flags it publicly when overdue until a 중간답변,
// and the planning office sees each department's on-time rate.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, CUSTOM_BOARD, type TestApp } from './helpers.ts';
import { addWorkingDays, seoulDateOf } from '../src/rules/index.ts';
import { cityCalendar } from '../src/platform/holidays.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('threshold → due date in working days → queue → overdue flag → interim → final answer late', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const comp = await t.p.db
    .selectFrom('components')
    .select('id')
    .where('slug', '=', 'propose')
    .executeTakeFirstOrThrow();
  assert.equal(
    (
      await admin.post(`/admin/components/${comp.id}`, {
        ...CUSTOM_BOARD,
        answerThreshold: '3',
        answerDeadlineUnit: 'working-days',
        answerDeadlineLength: '10',
      })
    ).status,
    303,
  );
  // The third seeded proposal (환경 department not yet assigned): nobody has supported it.
  const id = (
    await t.p.db.selectFrom('proposals').select('id').orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow()
  ).id;
  const env = (
    await t.p.db.selectFrom('departments').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()
  ).id;
  const planner = new Client(t);
  await planner.loginAs('planning');
  await planner.post(`/proposals/${id}/department`, { department: String(env) });

  for (const who of ['citizen-1', 'citizen-2', 'citizen-3']) {
    const c = new Client(t);
    await c.loginAs(who);
    await c.post(`/proposals/${id}/support`, {});
  }
  const expected = addWorkingDays(seoulDateOf(new Date()), 10, await cityCalendar(t.p.db));
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(page, new RegExp(`답변 기한: ${expected}까지`));
  assert.match(page, /답변 기한 안/);
  const reached = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'proposal.tier-reached')
    .where('target_id', '=', String(id))
    .executeTakeFirstOrThrow();
  assert.equal((reached.after as { dueDate: string }).dueDate, expected);

  const official = new Client(t);
  await official.loginAs('official-env');
  const queue = decode((await official.get('/queue')).html);
  assert.match(
    queue,
    new RegExp(
      `외국인 주민을 위한 쉬운 한국어 안내문을 만들어 주세요</a></td><td>부서 답변 \\(담당 부서\\)</td><td>환경정책과</td><td>${expected}</td>`,
    ),
  );

  // The deadline passes unanswered: flagged publicly until an interim answer. The due day is pinned to a fixed past
  // day, 2026-03-31 (due at its end, Seoul time), in a month no other deadline can fall in (the seed sets the demo
  // request's from the day it runs): the monthly figures below then do not depend on the day the test runs.
  const DUE_DAY = '2026-03-31';
  await t.p.db
    .updateTable('proposal_tiers')
    .set({ due_at: new Date('2026-03-31T15:00:00Z'), due_date: DUE_DAY })
    .where('proposal_id', '=', id)
    .execute();
  assert.match(decode((await new Client(t).get(`/proposals/${id}`)).html), /기한 지남 · 중간답변 필요/);
  await official.post(`/proposals/${id}/answers`, {
    tier: 'department',
    kind: 'interim',
    body: '번역 업체 선정 중입니다. 다음 달에 최종 답변드리겠습니다.',
  });
  assert.match(decode((await new Client(t).get(`/proposals/${id}`)).html), /기한 지남 · 중간답변 있음/);
  await official.post(`/proposals/${id}/answers`, {
    tier: 'department',
    kind: 'final',
    result: 'adopted',
    body: '쉬운 한국어와 영어, 베트남어 안내문을 만들었습니다.',
  });
  assert.match(decode((await new Client(t).get(`/proposals/${id}`)).html), /기한 지나 답변/);

  const board = decode((await planner.get('/queue')).html);
  assert.match(board, /<th scope="row">환경정책과<\/th><td>1<\/td><td>0<\/td><td>1<\/td><td>0<\/td><td>0\.0%<\/td>/);
  const author = new Client(t);
  await author.loginAs('citizen-4');
  assert.match(
    decode((await author.get('/notifications')).html),
    new RegExp(`제안이 공감 3명 기준\\(부서 답변\\)에 도달했습니다\\. 답변: 담당 부서, 답변 기한: ${expected}`),
  );

  // The monthly statistics count it twice: the month it was due (0.0 % on time: due, not answered by then), and the
  // month it was answered (this one: answered late, the day the threshold was reached → median 0 days).
  const dueMonth = DUE_DAY.slice(0, 7);
  const due = await (await new Client(t).request(`/stats.json?month=${dueMonth}`)).json();
  assert.deepEqual(
    [due.answers.answered, due.answers.onTime.numerator, due.answers.onTime.denominator, due.answers.onTime.percent],
    [0, 0, 1, '0.0'],
  );
  assert.match(
    decode((await new Client(t).get(`/stats?month=${dueMonth}`)).html),
    /<th scope="row">환경정책과<\/th><td>0<\/td><td>0\.0% \(0\/1\)<\/td><td>-<\/td>/,
  );
  const month = seoulDateOf(new Date()).slice(0, 7);
  const stats = await (await new Client(t).request(`/stats.json?month=${month}`)).json();
  assert.equal(stats.answers.answered, 1);
  assert.equal(stats.answers.medianCalendarDays, 0);
  assert.equal(stats.answers.answeredLate, 1);
  assert.equal(stats.byDepartment[String(env)].onTime.denominator, 0, 'not due this month');
  assert.equal(stats.newProposals.byKind.proposal >= 3, true);
  const html = decode((await new Client(t).get(`/stats?month=${month}`)).html);
  assert.match(html, /<th scope="row">환경정책과<\/th><td>1<\/td><td>-<\/td><td>0<\/td>/);
});

test('a department’s on-time rate counts only the answers it owes, not the mayor’s answer on its proposal', async () => {
  const space = await t.p.db.selectFrom('spaces').select('id').where('slug', '=', 'sotong').executeTakeFirstOrThrow();
  const comp = await t.p.db
    .insertInto('components')
    .values({
      space_id: space.id,
      type: 'proposals',
      slug: 'tiers-rate',
      title_ko: '시험 게시판',
      title_en: 'Test board',
      settings: '{}',
      position: 50,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admin = new Client(t);
  await admin.loginAs('admin');
  assert.equal(
    (await admin.post(`/admin/components/${comp.id}`, { ...CUSTOM_BOARD, answerThreshold: '1', mayorThreshold: '2' }))
      .status,
    303,
  );
  const author = new Client(t);
  await author.loginAs('citizen-1');
  const created = await author.post('/s/sotong/tiers-rate', {
    title: '복지관 셔틀버스를 주말에도 운행해 주세요',
    body: '주말에 복지관에 가기 어렵습니다. 셔틀버스를 운행해 주세요.',
    checkedSimilar: '1',
  });
  const id = Number(created.headers.get('location')!.match(/\/proposals\/(\d+)/)![1]);
  const roads = (
    await t.p.db.selectFrom('departments').select('id').where('code', '=', 'roads').executeTakeFirstOrThrow()
  ).id;
  const planner = new Client(t);
  await planner.loginAs('planning');
  await planner.post(`/proposals/${id}/department`, { department: String(roads) });
  for (const who of ['citizen-2', 'citizen-3']) {
    const c = new Client(t);
    await c.loginAs(who);
    await c.post(`/proposals/${id}/support`, {});
  }
  const tiers = await t.p.db
    .selectFrom('proposal_tiers')
    .select(['tier_key', 'due_at'])
    .where('proposal_id', '=', id)
    .orderBy('reached_at')
    .execute();
  assert.deepEqual(
    tiers.map((x) => [x.tier_key, x.due_at !== null]),
    [
      ['department', true],
      ['mayor', true],
    ],
  );

  // The department answers its tier in time; the mayor's answer (the planning office's to post) is overdue.
  const official = new Client(t);
  await official.loginAs('official-roads');
  assert.equal(
    (
      await official.post(`/proposals/${id}/answers`, {
        tier: 'department',
        kind: 'final',
        result: 'adopted',
        body: '다음 달부터 토요일에 운행하겠습니다.',
      })
    ).status,
    303,
  );
  await t.p.db
    .updateTable('proposal_tiers')
    .set({ due_at: new Date(Date.now() - 86_400_000) })
    .where('proposal_id', '=', id)
    .where('tier_key', '=', 'mayor')
    .execute();
  const board = decode((await planner.get('/queue')).html);
  // 도로교통과 owes this department answer and a seeded one (골목길 가로등): 2 owed, 1 on time, none late or overdue
  // → 100 %; counting the mayor's tier would make it 3 owed, 1 overdue, 50 %.
  assert.match(board, /<th scope="row">도로교통과<\/th><td>2<\/td><td>1<\/td><td>0<\/td><td>0<\/td><td>100\.0%<\/td>/);
});

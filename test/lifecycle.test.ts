// The proposal lifecycle over HTTP: presets chosen in the admin form, several threshold tiers each with its answerer,
// comment-counted tiers, pre-agreements, screening outcomes with reasons, implementation updates, expiry and
// reminders from the daily job — every transition on the record.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, CUSTOM_BOARD, type TestApp } from './helpers.ts';
import { upsertPerson } from '../src/platform/identity/person.ts';
import { createSession } from '../src/platform/sessions.ts';
import { runDaily } from '../src/modules/proposals/store/daily.ts';
import { seoulDateOf, addWorkingDays, defaultCalendar } from '../src/rules/index.ts';
import { reminderDates, BoardSettings } from '../src/modules/proposals/domain/index.ts';
import { addDays, endOfSeoulDay } from '../src/modules/proposals/domain/dates.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

let boardSeq = 0;
/** A new board in the demo space with the given admin-form values (saved through the admin form, as an admin would). */
async function board(values: Record<string, string>) {
  const slug = `b${++boardSeq}`;
  const space = await t.p.db.selectFrom('spaces').select('id').where('slug', '=', 'sotong').executeTakeFirstOrThrow();
  const comp = await t.p.db
    .insertInto('components')
    .values({
      space_id: space.id,
      type: 'proposals',
      slug,
      title_ko: `시험 게시판 ${boardSeq}`,
      title_en: `Test board ${boardSeq}`,
      settings: '{}',
      position: 10 + boardSeq,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const admin = new Client(t);
  await admin.loginAs('admin');
  const r = await admin.post(`/admin/components/${comp.id}`, { ...CUSTOM_BOARD, ...values });
  assert.equal(r.status, 303, `settings saved: ${r.status}`);
  return { path: `/s/sotong/${slug}`, id: comp.id };
}

async function write(path: string, who: string, title: string, extra: Record<string, string> = {}) {
  const c = new Client(t);
  await c.loginAs(who);
  const r = await c.post(path, {
    title,
    body: `${title}. 자세한 내용은 다음과 같습니다.`,
    checkedSimilar: '1',
    ...extra,
  });
  assert.equal(r.status, 303);
  return { id: Number(r.headers.get('location')!.match(/\/proposals\/(\d+)/)![1]), client: c };
}

let personSeq = 0;
/** A verified person with a session (as if signed in through 본인확인). */
async function citizen() {
  const n = ++personSeq;
  const person = await upsertPerson(t.p.db, t.p.config.secret, {
    provider: 'identity',
    ci: `CI-life-${n}`.padEnd(40, 'y'),
    subject: `life${n}`,
    displayName: `주민${n}`,
    birthDate: '1985-05-05',
  });
  const c = new Client(t);
  c.cookies.set('madang_sid', await createSession(t.p.db, person.id));
  return c;
}

const stageOf = async (id: number) =>
  (await t.p.db.selectFrom('proposals').select('stage').where('id', '=', id).executeTakeFirstOrThrow()).stage;
const deptId = async (code: string) =>
  (await t.p.db.selectFrom('departments').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
const actions = async (id: number) =>
  (
    await t.p.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_type', '=', 'proposal')
      .where('target_id', '=', String(id))
      .orderBy('seq')
      .execute()
  ).map((r) => r.action);

test('the Seoul preset, chosen in the admin form, shows its three tiers and their answerers on every proposal', async () => {
  const b = await board({ preset: 'seoul' });
  const { id } = await write(b.path, 'citizen-1', '공원 화장실을 밤에도 열어 주세요');
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(page, /공감 50명 · 부서 답변<\/th><td>담당 부서<\/td>/);
  assert.match(page, /공감 100명 · 공론장 후보<\/th><td>공론장·위원회<\/td>/);
  assert.match(page, /공감 1,000명 · 시장 답변<\/th><td>시장<\/td>/);
  assert.equal(await stageOf(id), 'collecting', 'Seoul publishes at once');
});

test('several tiers: the department answers its tier, the planning office posts the mayor’s answer, a department cannot', async () => {
  const b = await board({ answerThreshold: '2', deliberationThreshold: '3', mayorThreshold: '4' });
  const { id, client: author } = await write(b.path, 'citizen-2', '지하철역까지 마을버스를 늘려 주세요');
  const planner = new Client(t);
  await planner.loginAs('planning');
  assert.equal(
    (await planner.post(`/proposals/${id}/department`, { department: String(await deptId('roads')) })).status,
    303,
  );
  for (let i = 0; i < 4; i++) assert.equal((await (await citizen()).post(`/proposals/${id}/support`, {})).status, 303);
  const tiers = await t.p.db
    .selectFrom('proposal_tiers')
    .select(['tier_key', 'answerer', 'due_date'])
    .where('proposal_id', '=', id)
    .orderBy('reached_at')
    .execute();
  assert.deepEqual(
    tiers.map((x) => [x.tier_key, x.answerer]),
    [
      ['department', 'department'],
      ['deliberation', 'deliberation'],
      ['mayor', 'mayor'],
    ],
  );
  assert.equal(
    tiers[2].due_date !== null && tiers[1].due_date === null,
    true,
    'the mayor has a deadline, the 공론장 none',
  );
  assert.equal(await stageOf(id), 'answering');

  const official = new Client(t);
  await official.loginAs('official-roads');
  // Each office is asked for the answers it gives: the roads officials for theirs, the planning office for the
  // 공론장's and the mayor's.
  const asked = (html: string) =>
    [...decode(html).matchAll(/답변 요청: 「지하철역까지 마을버스를 늘려 주세요」 \(([^)]+)\)/g)]
      .map((m) => m[1])
      .sort();
  assert.deepEqual(asked((await official.get('/notifications')).html), ['부서 답변']);
  assert.deepEqual(asked((await planner.get('/notifications')).html), ['공론장 후보', '시장 답변']);
  const refused = await official.post(`/proposals/${id}/answers`, {
    tier: 'mayor',
    kind: 'final',
    result: 'adopted',
    body: '도로교통과가 시장 대신 답변합니다.',
  });
  assert.equal(refused.status, 403);
  assert.equal(
    (
      await official.post(`/proposals/${id}/answers`, {
        tier: 'department',
        kind: 'final',
        result: 'long-term-review',
        body: '노선 조정을 버스 회사와 협의하겠습니다.',
      })
    ).status,
    303,
  );
  assert.equal(await stageOf(id), 'answering', 'two tiers still owed');
  assert.equal(
    (
      await planner.post(`/proposals/${id}/answers`, {
        tier: 'deliberation',
        kind: 'final',
        result: 'long-term-review',
        body: '다음 달 공론장 안건으로 올립니다.',
      })
    ).status,
    303,
  );
  assert.equal(
    (
      await planner.post(`/proposals/${id}/answers`, {
        tier: 'mayor',
        kind: 'final',
        result: 'adopted',
        body: '내년 상반기에 배차를 두 배로 늘리겠습니다.',
      })
    ).status,
    303,
  );
  assert.equal(await stageOf(id), 'answered');
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(page, /최종답변 · 시장 답변 · 도로교통과 · <span class="badge">채택<\/span>/);
  assert.match(page, /기획부서 주무관 이기획 ☎ 2010/);
  const inbox = decode((await author.get('/notifications')).html);
  assert.match(
    inbox,
    /「지하철역까지 마을버스를 늘려 주세요」 제안이 공감 4명 기준\(시장 답변\)에 도달했습니다\. 답변: 시장/,
  );
  assert.match(inbox, /제안에 시장의 답변이 등록되었습니다\. 결과: 채택/);
  assert.deepEqual((await actions(id)).filter((a) => a.endsWith('tier-reached')).length, 3);
});

test('a board that counts comments reaches its tier when enough different people have commented', async () => {
  const b = await board({
    kind: 'question',
    countToward: 'comments',
    answerThreshold: '2',
    answerDeadlineUnit: 'days',
    answerDeadlineLength: '30',
  });
  const { id, client: author } = await write(b.path, 'citizen-3', '시립미술관 관람료는 왜 올랐나요');
  await author.post(`/proposals/${id}/comments`, { body: '저도 궁금합니다.' });
  await author.post(`/proposals/${id}/comments`, { body: '한 사람이 여러 번 써도 한 명입니다.' });
  assert.equal(await stageOf(id), 'collecting');
  await (await citizen()).post(`/proposals/${id}/comments`, { body: '설명을 듣고 싶습니다.' });
  assert.equal(await stageOf(id), 'answering');
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(page, /댓글 2개 · 부서 답변/);
});

test('pre-agreements, then screening before publication: the petition opens for support only when staff publish it', async () => {
  const b = await board({ kind: 'petition', preAgreements: '2', screening: 'before-support', answerThreshold: '3' });
  const { id } = await write(b.path, 'citizen-1', '어린이 보호구역 과속 단속을 늘려 주세요');
  assert.equal(await stageOf(id), 'pre-agreement');
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(page, /공개되려면 .*까지 사전동의 2명이 필요합니다\./);
  const first = await citizen();
  assert.match(decode((await first.get(`/proposals/${id}`)).html), /사전동의하기/);
  await first.post(`/proposals/${id}/support`, {});
  await (await citizen()).post(`/proposals/${id}/support`, {});
  assert.equal(await stageOf(id), 'submitted');
  assert.equal(
    (await new Client(t).get(`/proposals/${id}`)).res.status,
    404,
    'not public while it waits for screening',
  );

  const planner = new Client(t);
  await planner.loginAs('planning');
  assert.match(
    decode((await planner.get('/queue')).html),
    /검토를 기다리는 글[\s\S]*어린이 보호구역 과속 단속을 늘려 주세요/,
  );
  assert.equal((await planner.post(`/proposals/${id}/screen`, { action: 'accept' })).status, 303);
  assert.equal((await planner.post(`/proposals/${id}/screen`, { action: 'suitable' })).status, 303);
  const early = await planner.post(`/proposals/${id}/screen`, { action: 'open-support' });
  assert.equal(early.status, 422);
  assert.match(decode(await early.text()), /담당 부서가 정해지지 않았습니다/);
  await planner.post(`/proposals/${id}/department`, { department: String(await deptId('roads')) });
  assert.equal((await planner.post(`/proposals/${id}/screen`, { action: 'open-support' })).status, 303);
  assert.equal(await stageOf(id), 'collecting');
  // Open for support: a signed-in citizen gets the petition's 동의하기 button (no longer 사전동의), a visitor the way to sign in.
  const signer = await citizen();
  assert.match(
    decode((await signer.get(`/proposals/${id}`)).html),
    new RegExp(
      `action="/proposals/${id}/support"[\\s\\S]*?<button type="submit" class="btn btn-primary">동의하기</button>`,
    ),
  );
  // A petition speaks of 동의 (signatures), never 공감: the sign-in link, the closing date, the tracker, the board list.
  const visitor = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(visitor, new RegExp(`<a href="/login\\?back=%2Fproposals%2F${id}">동의하려면 로그인해 주세요\\.</a>`));
  assert.match(visitor, /동의 마감: /);
  assert.match(visitor, /<li class="tracker-current" aria-current="step"><span>동의 모집<\/span>/);
  assert.doesNotMatch(visitor, /공감/);
  const list = decode((await new Client(t).get(b.path)).html);
  assert.match(list, /<option value="supported"[^>]*>동의 많은 순<\/option>/);
  assert.match(list, /<span class="badge">동의 모집<\/span>[\s\S]*?<span>동의 2<\/span>/);
  const signed = await signer.post(`/proposals/${id}/support`, {});
  assert.match(
    decode((await signer.get(signed.headers.get('location')!)).html),
    /동의했습니다\. 함께해 주셔서 고맙습니다\./,
  );
  assert.equal(await stageOf(id), 'answering', 'the two pre-agreements count toward the threshold of 3');
  assert.deepEqual((await actions(id)).slice(0, 6), [
    'proposal.submit',
    'proposal.pre-agreements-reached',
    'proposal.accept',
    'proposal.screen:suitable',
    'proposal.assign',
    'proposal.open-support',
  ]);
});

test('screening outcomes: duplicate, 민원 pointer, out of scope and 반려 — with reasons, public, and on the record', async () => {
  const b = await board({});
  const planner = new Client(t);
  await planner.loginAs('planning');
  const original = await write(b.path, 'citizen-1', '하천 둔치에 반려견 놀이터를 만들어 주세요');
  const dup = await write(b.path, 'citizen-2', '둔치에 강아지 놀이터가 있으면 좋겠습니다');
  // Only an earlier public post on the same board can be the one a duplicate merges into.
  const later = await planner.post(`/proposals/${original.id}/screen`, { action: 'duplicate', of: String(dup.id) });
  assert.equal(later.status, 422);
  assert.match(decode(await later.text()), /같은 게시판에 먼저 올라와 공개된 글의 번호를 적어 주세요/);
  assert.equal((await planner.post(`/proposals/${dup.id}/screen`, { action: 'duplicate', of: '999999' })).status, 422);
  assert.equal(
    (await planner.post(`/proposals/${dup.id}/screen`, { action: 'duplicate', of: String(original.id) })).status,
    303,
  );
  assert.equal(await stageOf(dup.id), 'merged');
  assert.match(
    decode((await new Client(t).get(`/proposals/${dup.id}`)).html),
    new RegExp(`같은 내용의 앞선 제안이 있어 그쪽으로 모았습니다\\. <a href="/proposals/${original.id}">`),
  );
  assert.match(decode((await dup.client.get('/notifications')).html), /공감으로 힘을 보태 주세요: \/proposals\//);

  const minwon = await write(b.path, 'citizen-3', '우리 집 앞 불법 주차 차량을 견인해 주세요');
  assert.equal(
    (
      await planner.post(`/proposals/${minwon.id}/screen`, {
        action: 'minwon',
        label: '국민신문고',
        url: 'https://www.epeople.go.kr',
        reason: '개별 민원입니다',
      })
    ).status,
    303,
  );
  assert.equal(await stageOf(minwon.id), 'redirected');
  assert.match(
    decode((await new Client(t).get(`/proposals/${minwon.id}`)).html),
    /민원으로 처리하는 것이 맞아 안내했습니다\. <a href="https:\/\/www\.epeople\.go\.kr">국민신문고<\/a>/,
  );

  const off = await write(b.path, 'citizen-4', '옆 도시 시장을 바꿔 주세요');
  const noReason = await planner.post(`/proposals/${off.id}/screen`, { action: 'out-of-scope', reason: '' });
  assert.equal(noReason.status, 422);
  assert.match(decode(await noReason.text()), /사유를 입력해 주세요/);
  assert.equal(
    (await planner.post(`/proposals/${off.id}/screen`, { action: 'out-of-scope', reason: '마당시의 권한 밖입니다' }))
      .status,
    303,
  );
  const offPage = decode((await new Client(t).get(`/proposals/${off.id}`)).html);
  assert.match(offPage, /제안 대상이 아니어서 반려되었습니다\. 사유: 마당시의 권한 밖입니다/);
  assert.match(offPage, /반려된 글의 본문은 작성자와 담당자만 볼 수 있습니다/);
  assert.doesNotMatch(offPage, /자세한 내용은 다음과 같습니다/);
  assert.match(decode((await off.client.get(`/proposals/${off.id}`)).html), /자세한 내용은 다음과 같습니다/);

  // A department official cannot reject; the record names who screened and why.
  const official = new Client(t);
  await official.loginAs('official-roads');
  assert.equal(
    (await official.post(`/proposals/${original.id}/screen`, { action: 'reject', reason: '싫습니다' })).status,
    403,
  );
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'proposal.screen:out-of-scope')
    .where('target_id', '=', String(off.id))
    .executeTakeFirstOrThrow();
  assert.equal(rec.reason, '마당시의 권한 밖입니다');
  assert.equal(rec.actor_label, '이기획 (planning)');
});

test('implementation updates after an adopting answer, up to 이행 완료, told to followers', async () => {
  const b = await board({ answerThreshold: '1' });
  const { id, client: author } = await write(b.path, 'citizen-1', '경로당에 안마 의자를 놓아 주세요');
  const planner = new Client(t);
  await planner.loginAs('planning');
  await planner.post(`/proposals/${id}/department`, { department: String(await deptId('environment')) });
  await (await citizen()).post(`/proposals/${id}/support`, {});
  const official = new Client(t);
  await official.loginAs('official-env');
  await official.post(`/proposals/${id}/answers`, {
    tier: 'department',
    kind: 'final',
    result: 'adopted',
    body: '올해 안에 경로당 다섯 곳에 놓겠습니다.',
  });
  const bad = await official.post(`/proposals/${id}/updates`, { body: '세 곳에 설치했습니다.', progress: '150' });
  assert.equal(bad.status, 422);
  assert.match(decode(await bad.text()), /세 곳에 설치했습니다\.<\/textarea>/, 'what was typed is kept');
  assert.equal(
    (await official.post(`/proposals/${id}/updates`, { body: '세 곳에 설치했습니다.', progress: '60' })).status,
    303,
  );
  assert.equal(await stageOf(id), 'implementing');
  assert.equal(
    (await official.post(`/proposals/${id}/updates`, { body: '다섯 곳 모두 설치를 마쳤습니다.', completed: 'on' }))
      .status,
    303,
  );
  assert.equal(await stageOf(id), 'implemented');
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  assert.match(page, /추진율 100%/);
  assert.match(page, /<li class="tracker-current" aria-current="step"><span>이행 완료<\/span>/);
  const inbox = decode((await author.get('/notifications')).html);
  assert.match(inbox, /이행 상황이 갱신되었습니다\. \(60%\)/);
  assert.match(inbox, /이행이 완료되었습니다/);
});

test('a comment can be fixed by its author within the edit window, not after and not by anyone else', async () => {
  const b = await board({ commentEditMinutes: '5' });
  const { id, client: author } = await write(b.path, 'citizen-2', '도서관 주차장을 주말에 개방해 주세요');
  await author.post(`/proposals/${id}/comments`, { body: '주차장이 비어 있습니다' });
  const cm = await t.p.db.selectFrom('comments').select('id').where('target_id', '=', id).executeTakeFirstOrThrow();
  assert.match(decode((await author.get(`/proposals/${id}`)).html), new RegExp(`href="/comments/${cm.id}/edit"`));
  const other = new Client(t);
  await other.loginAs('citizen-1');
  assert.equal((await other.post(`/comments/${cm.id}/edit`, { body: '남이 고칩니다' })).status, 404);
  const empty = await author.post(`/comments/${cm.id}/edit`, { body: '' });
  assert.equal(empty.status, 422);
  assert.equal(
    (await author.post(`/comments/${cm.id}/edit`, { body: '주말에는 주차장이 비어 있습니다.' })).status,
    303,
  );
  const page = decode((await new Client(t).get(`/proposals/${id}`)).html);
  // The new text, marked as edited on the comment itself (not merely somewhere on the page).
  assert.match(
    page,
    new RegExp(
      `<li class="comment" id="comment-${cm.id}">(?:(?!</li>)[\\s\\S])*?\\(수정됨\\)(?:(?!</li>)[\\s\\S])*?<p class="prose">주말에는 주차장이 비어 있습니다\\.</p>`,
    ),
  );
  assert.doesNotMatch(page, /주차장이 비어 있습니다<\/p>/, 'the old text is gone');
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'comment.edit')
    .where('target_id', '=', String(cm.id))
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    [(rec.before as { body: string }).body, (rec.after as { body: string }).body],
    ['주차장이 비어 있습니다', '주말에는 주차장이 비어 있습니다.'],
  );
  await t.p.db
    .updateTable('comments')
    .set({ created_at: new Date(Date.now() - 6 * 60_000) })
    .where('id', '=', cm.id)
    .execute();
  const late = await author.post(`/comments/${cm.id}/edit`, { body: '너무 늦은 수정' });
  assert.equal(late.status, 409);
  assert.match(decode(await late.text()), /고칠 수 있는 시간이 지났습니다/);
});

test('lists sort by most supported and closing soon, filter by topic, and page by keyset in every order', async () => {
  const b = await board({ pageSize: '5', topics: '교통, 환경' });
  const ids: number[] = [];
  for (let i = 0; i < 7; i++)
    ids.push((await write(b.path, 'citizen-1', `정렬 시험 제안 ${i}번 입니다`, { topic: i % 2 ? '환경' : '교통' })).id);
  // Proposal i gets i supports; windows close in 6, 5, 4, 10, 9, 8, 7 days.
  for (let i = 0; i < 7; i++)
    for (let k = 0; k < i; k++) await (await citizen()).post(`/proposals/${ids[i]}/support`, {});
  for (let i = 0; i < 7; i++)
    await t.p.db
      .updateTable('proposals')
      .set({ closes_at: new Date(Date.now() + (10 - ((i + 4) % 7)) * 86_400_000) })
      .where('id', '=', ids[i])
      .execute();
  const titles = (html: string) => [...decode(html).matchAll(/정렬 시험 제안 (\d)번/g)].map((m) => Number(m[1]));
  const page1 = await new Client(t).get(`${b.path}?sort=supported`);
  assert.deepEqual(titles(page1.html), [6, 5, 4, 3, 2]);
  assert.match(decode(page1.html), /<p>전체 7건<\/p>/, 'an order alone narrows nothing: the board total');
  const next = decode(page1.html).match(/href="([^"]*after=[^"]+)"/)![1];
  const page2 = decode((await new Client(t).get(next)).html);
  assert.deepEqual(titles(page2), [1, 0]);
  // There is no cursor back: the link says it goes to the first page, and keeps the order.
  assert.match(page2, new RegExp(`<a href="${b.path}\\?sort=supported">처음 페이지로</a>`));
  assert.doesNotMatch(page2, />이전</);
  const closing = titles((await new Client(t).get(`${b.path}?sort=closing`)).html);
  assert.deepEqual(closing, [2, 1, 0, 6, 5]);
  const env = decode((await new Client(t).get(`${b.path}?topic=${encodeURIComponent('환경')}`)).html);
  assert.deepEqual(titles(env), [5, 3, 1]);
  assert.match(env, /<p>검색 결과 3건<\/p>/, 'the count of what the filter matches, not the board');
  assert.match(
    decode((await new Client(t).get(`${b.path}?q=${encodeURIComponent('정렬 시험 제안 2번')}`)).html),
    /<p>검색 결과 1건<\/p>/,
  );
  assert.match(
    decode((await new Client(t).get(`${b.path}?topic=${encodeURIComponent('환경')}`)).html),
    /<option value="환경" selected="">환경<\/option>/,
  );
});

test('the daily job records expired windows and reminds the department before the due day', async () => {
  const b = await board({ answerThreshold: '1', answerDeadlineUnit: 'working-days', answerDeadlineLength: '10' });
  const quiet = await write(b.path, 'citizen-3', '아무도 공감하지 않을 제안입니다');
  await t.p.db
    .updateTable('proposals')
    .set({ closes_at: new Date(Date.now() - 1000) })
    .where('id', '=', quiet.id)
    .execute();
  const owed = await write(b.path, 'citizen-4', '구청 민원실 점심시간에도 문을 열어 주세요');
  const planner = new Client(t);
  await planner.loginAs('planning');
  await planner.post(`/proposals/${owed.id}/department`, { department: String(await deptId('roads')) });
  await (await citizen()).post(`/proposals/${owed.id}/support`, {});
  const dueDay = (
    await t.p.db
      .selectFrom('proposal_tiers')
      .select('due_date')
      .where('proposal_id', '=', owed.id)
      .executeTakeFirstOrThrow()
  ).due_date!;
  const today = seoulDateOf(new Date());
  assert.equal(String(dueDay).slice(0, 10), addWorkingDays(today, 10, defaultCalendar));

  // As the scheduler runs it: step by step, each proposal in its own transaction.
  const r = await runDaily(t.p.db, today);
  assert.equal(r.expired >= 1, true);
  assert.equal(await stageOf(quiet.id), 'expired');
  assert.match(decode((await quiet.client.get('/notifications')).html), /공감 모집 기간이 끝났습니다/);

  // Five and one working days before the due day, the roads officials are reminded; the day after it, they and the
  // planning office are asked for a 중간답변.
  const official = new Client(t);
  await official.loginAs('official-roads');
  const [fiveBefore, oneBefore] = reminderDates(BoardSettings.parse({}), String(dueDay).slice(0, 10), defaultCalendar);
  await runDaily(t.p.db, fiveBefore);
  await runDaily(t.p.db, oneBefore);
  const reminders = decode((await official.get('/notifications')).html);
  assert.equal([...reminders.matchAll(/답변 기한 알림: 「구청 민원실 점심시간에도 문을 열어 주세요」/g)].length, 2);
  // The deadline passed at the end of yesterday (due instants are the end of the due day, Seoul time).
  await t.p.db
    .updateTable('proposal_tiers')
    .set({ due_at: endOfSeoulDay(addDays(today, -1)) })
    .where('proposal_id', '=', owed.id)
    .execute();
  await runDaily(t.p.db, today);
  // A retried run of the same day (the first one failed half-way) does not ask twice.
  await t.p.db.transaction().execute((trx) => runDaily(trx, today));
  const overdue = decode((await official.get('/notifications')).html);
  assert.equal(
    [...overdue.matchAll(/답변 기한이 지났습니다: 「구청 민원실 점심시간에도 문을 열어 주세요」/g)].length,
    1,
  );
  assert.match(decode((await planner.get('/notifications')).html), /중간답변을 등록해 주세요/);
});

test('a crossing the support route missed is recorded by the daily job as reached, not as 기간 만료', async () => {
  const b = await board({ answerThreshold: '3' });
  const { id, client: author } = await write(b.path, 'citizen-2', '버스 정류장에 온열 의자를 놓아 주세요');
  // Three supports stored and tallied, but the tier never fired (two batches each saw 2 of 3); then the window closed.
  await t.p.db
    .insertInto('acts')
    .values(
      ['a', 'b', 'c'].map((k) => ({
        kind: 'support' as const,
        target_type: 'proposal',
        target_id: id,
        person_key: `${k}${id}`.padEnd(64, '0'),
      })),
    )
    .execute();
  await t.p.db
    .insertInto('tallies')
    .values({ kind: 'support', target_type: 'proposal', target_id: id, shard: 0, n: 3 })
    .execute();
  const closesAt = new Date(Date.now() - 86_400_000);
  await t.p.db
    .updateTable('proposals')
    .set({ support_opened_at: new Date(closesAt.getTime() - 30 * 86_400_000), closes_at: closesAt })
    .where('id', '=', id)
    .execute();
  assert.equal(await stageOf(id), 'collecting');

  const r = await runDaily(t.p.db, seoulDateOf(new Date()));
  assert.equal(await stageOf(id), 'answering', 'the tier is reached, the proposal is not expired');
  assert.equal(r.reached >= 1, true);
  const tier = await t.p.db
    .selectFrom('proposal_tiers')
    .select(['tier_key', 'count', 'reached_at'])
    .where('proposal_id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual([tier.tier_key, tier.count], ['department', 3]);
  assert.equal(new Date(tier.reached_at).getTime() < closesAt.getTime(), true, 'reached within the window, as it was');
  assert.match(
    decode((await author.get('/notifications')).html),
    /버스 정류장에 온열 의자를 놓아 주세요」 제안이 공감 3명 기준\(부서 답변\)에 도달했습니다/,
  );
  assert.doesNotMatch(
    decode((await author.get('/notifications')).html),
    /공감 모집 기간이 끝났습니다[^<]*온열 의자|온열 의자[^<]*공감 모집 기간이 끝났습니다/,
  );
  // No department is assigned yet: the planning office is asked (it assigns one), rather than nobody.
  const planner = new Client(t);
  await planner.loginAs('planning');
  assert.match(
    decode((await planner.get('/notifications')).html),
    /답변 요청: 「버스 정류장에 온열 의자를 놓아 주세요」 \(부서 답변\)/,
  );
});

test('the author may withdraw a post before any tier is reached; others may not; followers are told', async () => {
  const b = await board({ answerThreshold: '5' });
  const { id, client: author } = await write(b.path, 'citizen-4', '주민센터에 공유 우산을 두어 주세요');
  const fan = await citizen();
  await fan.post(`/proposals/${id}/follow`, { follow: '1' });
  const other = new Client(t);
  await other.loginAs('citizen-1');
  assert.equal((await other.post(`/proposals/${id}/withdraw`, {})).status, 403);
  assert.match(decode((await author.get(`/proposals/${id}`)).html), /이 글 철회하기/);
  // While public, its live counter streams the count to anyone.
  const live = await new Client(t).request(`/proposals/${id}/live`);
  assert.equal(live.status, 200);
  const reader = live.body!.getReader();
  assert.match(new TextDecoder().decode((await reader.read()).value), /event: tally\ndata: \{"count":0\}/);
  await reader.cancel();
  assert.equal((await author.post(`/proposals/${id}/withdraw`, {})).status, 303);
  assert.equal(await stageOf(id), 'withdrawn');
  assert.equal(
    (await new Client(t).get(`/proposals/${id}`)).res.status,
    404,
    'a withdrawn post leaves the public pages',
  );
  assert.equal((await new Client(t).request(`/proposals/${id}/live`)).status, 404, 'and its live counter with them');
  assert.equal((await author.request(`/proposals/${id}/live`)).status, 404);
  assert.match(decode((await fan.get('/notifications')).html), /작성자에 의해 철회되었습니다/);
});

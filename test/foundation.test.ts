// The foundation end to end through HTTP: pages, sign-in, a proposal, 공감 once per person, comments, answers
// by the right department only, settings with their record, the audit chain, recount, 404s and CSRF.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import { verifyAudit } from '../src/platform/audit.ts';
import { recount, tallyOf } from '../src/platform/acts.ts';
import { sql } from 'kysely';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('home page is Korean, titled, with a skip link, and English on request', async () => {
  const c = new Client(t);
  const { res, html } = await c.get('/');
  assert.equal(res.status, 200);
  assert.match(html, /^<!DOCTYPE html><html lang="ko"/);
  assert.match(html, /<title>마당시 시민참여 \| 마당 마당시<\/title>/);
  assert.match(html, /href="#main">본문 바로가기/);
  const en = await c.get('/?lang=en');
  assert.match(en.html, /<html lang="en"/);
  assert.match(en.html, /Skip to main content/);
  const pref = await c.request('/prefs?lang=en&back=/s/sotong/propose');
  assert.equal(pref.headers.get('location'), '/s/sotong/propose');
  assert.match((await c.get('/')).html, /Madang City citizen participation/);
});

test('unknown routes give a friendly 404 page', async () => {
  const { res, html } = await new Client(t).get('/no/such/page');
  assert.equal(res.status, 404);
  assert.match(html, /페이지를 찾을 수 없습니다/);
  assert.equal((await new Client(t).get('/proposals/99999999999')).res.status, 404);
});

test('a citizen writes a proposal, supports it once, and comments', async () => {
  const c = new Client(t);
  await c.loginAs('citizen-1');
  const form = await c.get('/s/sotong/propose/new');
  assert.equal(form.res.status, 200);
  const res = await c.post('/s/sotong/propose', {
    title: '공원에 그늘막을 더 설치해 주세요',
    body: '여름에 공원 놀이터가 너무 뜨겁습니다. 그늘막이 필요합니다.',
    checkedSimilar: '1',
  });
  assert.equal(res.status, 303);
  const loc = res.headers.get('location')!;
  const id = Number(loc.match(/\/proposals\/(\d+)/)![1]);
  const page = await c.get(loc);
  assert.match(page.html, /제안을 등록했습니다/);
  assert.match(page.html, /공원에 그늘막을 더 설치해 주세요/);

  const s1 = await c.post(`/proposals/${id}/support`, {});
  assert.equal(s1.headers.get('location'), `/proposals/${id}?msg=supported`);
  const s2 = await c.post(`/proposals/${id}/support`, {});
  assert.equal(s2.status, 303);
  assert.equal(s2.headers.get('location'), `/proposals/${id}?msg=already-supported`);
  assert.match((await c.get(s2.headers.get('location')!)).html, /이미 공감하셨습니다/);
  const json = await c.post(`/proposals/${id}/support`, {}, { accept: 'application/json' });
  assert.deepEqual(await json.json(), {
    status: 'duplicate',
    count: 1,
    message: '이미 공감하셨습니다. 한 사람이 한 번만 공감할 수 있습니다.',
  });
  assert.equal(await tallyOf(t.p.db, { kind: 'support', targetType: 'proposal', targetId: id }), 1);

  const cm = await c.post(`/proposals/${id}/comments`, { body: '좋은 제안입니다.', stance: 'pro' });
  assert.equal(cm.status, 303);
  const after = await c.get(`/proposals/${id}`);
  assert.match(after.html, /좋은 제안입니다\./);
  assert.match(after.html, /찬성/);
});

test('bad input keeps what the user typed and explains in Korean next to the field', async () => {
  const c = new Client(t);
  await c.loginAs('citizen-2');
  const res = await c.post('/s/sotong/propose', { title: '짧', body: '내용이 충분히 깁니다. 그대로 남아야 합니다.' });
  assert.equal(res.status, 422);
  const html = decode(await res.text());
  assert.match(html, /id="f-title-error">내용을 입력해 주세요\. \(최소 4자\)/);
  assert.match(html, /value="짧"/);
  assert.match(html, /내용이 충분히 깁니다\. 그대로 남아야 합니다\.<\/textarea>/);
});

test('the PII guard blocks a resident registration number and says where', async () => {
  const c = new Client(t);
  await c.loginAs('citizen-2');
  const before = await t.p.db
    .selectFrom('proposals')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  const res = await c.post('/s/sotong/propose', {
    title: '주차 문제 해결 요청',
    body: '제 주민번호는 900101-1234568 입니다. 연락 바랍니다.',
    checkedSimilar: '1',
  });
  assert.equal(res.status, 422);
  const html = decode(await res.text());
  assert.match(html, /주민등록번호/);
  const after = await t.p.db
    .selectFrom('proposals')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  assert.equal(after.n, before.n);
});

test('similar proposals are shown before saving (pg_trgm on Hangul)', async () => {
  const c = new Client(t);
  await c.loginAs('citizen-3');
  const res = await c.post('/s/sotong/propose', {
    title: '초등학교 앞 통학로에 신호등을 설치해 주세요',
    body: '아이들이 위험합니다. 신호등이 필요합니다.',
  });
  const html = decode(await res.text());
  assert.match(html, /비슷한 제안이 이미 있습니다/);
  assert.match(html, /마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요/);
  assert.match(html, /name="checkedSimilar" value="1"/);
  // The same list while typing (what the form's script asks for): links to public posts; too short a title finds none.
  const live = (await (
    await c.request(`/s/sotong/propose/similar?title=${encodeURIComponent('초등학교 앞 통학로 신호등')}`)
  ).json()) as { message: string; items: { title: string; url: string }[] };
  assert.equal(live.message, '비슷한 제안이 이미 있습니다. 새로 쓰기보다 공감해 주시면 더 빨리 답을 받을 수 있습니다.');
  assert.ok(
    live.items.some(
      (x) => x.title === '마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요' && /^\/proposals\/\d+$/.test(x.url),
    ),
  );
  assert.deepEqual(
    (
      (await (await c.request(`/s/sotong/propose/similar?title=${encodeURIComponent('신호')}`)).json()) as {
        items: unknown[];
      }
    ).items,
    [],
  );
  assert.equal((await c.request('/s/sotong/nothing/similar?title=abcd')).status, 404);
});

test('an official of department A cannot answer for department B; the right one can, on the record', async () => {
  // The seeded request (바랍니다, every request answered within 14 working days) is owed an answer by 도로교통과.
  const seeded = await t.p.db
    .selectFrom('proposals')
    .innerJoin('departments', 'departments.id', 'proposals.department_id')
    .select(['proposals.id', 'departments.code'])
    .where('proposals.kind', '=', 'request')
    .executeTakeFirstOrThrow();
  assert.equal(seeded.code, 'roads');
  const wrong = new Client(t);
  await wrong.loginAs('official-env');
  const r1 = await wrong.post(`/proposals/${seeded.id}/answers`, {
    tier: 'department',
    kind: 'final',
    body: '환경정책과가 대신 답변합니다. 처리하겠습니다.',
  });
  assert.equal(r1.status, 403);
  assert.doesNotMatch((await wrong.get(`/proposals/${seeded.id}`)).html, /답변 작성/);
  const right = new Client(t);
  await right.loginAs('official-roads');
  const page = await right.get(`/proposals/${seeded.id}`);
  assert.match(page.html, /답변 작성/);
  const noResult = await right.post(`/proposals/${seeded.id}/answers`, {
    tier: 'department',
    kind: 'final',
    body: '가로등 전원 장치를 교체해 다시 켰습니다.',
  });
  assert.equal(noResult.status, 422, 'a final answer needs its outcome');
  assert.match(
    decode(await noResult.text()),
    /최종답변에는 처리 결과가 필요합니다\.[\s\S]*가로등 전원 장치를 교체해 다시 켰습니다\.<\/textarea>/,
  );
  const r2 = await right.post(`/proposals/${seeded.id}/answers`, {
    tier: 'department',
    kind: 'final',
    result: 'partially-adopted',
    body: '가로등 전원 장치를 교체해 다시 켰습니다.',
  });
  assert.equal(r2.status, 303);
  const shown = decode((await new Client(t).get(`/proposals/${seeded.id}`)).html);
  assert.match(shown, /도로교통과 주무관 최도로 ☎ 2050/);
  assert.match(shown, /답변 완료/);
  assert.match(shown, /<span class="badge">부분채택<\/span>/);
  // The stage tracker: 접수 and 공감 모집 done, 답변 완료 current, 이행 to come (부분채택 is an adopting outcome).
  assert.match(shown, /<li class="tracker-done"><span>접수<\/span>/);
  assert.match(shown, /<li class="tracker-current" aria-current="step"><span>답변 완료<\/span>/);
  assert.match(shown, /<li class="tracker-upcoming"><span>이행 중<\/span>/);
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'proposal.final-answer')
    .where('target_id', '=', String(seeded.id))
    .execute();
  assert.equal(rec.length, 1);
  assert.equal(rec[0].actor_label, '최도로 (official)');
  assert.equal((rec[0].after as { role: string }).role, 'department-official-of-assigned-dept');
});

test('administrators edit component settings in a generated form; the change is audited', async () => {
  const a = new Client(t);
  await a.loginAs('admin');
  const comp = await t.p.db
    .selectFrom('components')
    .select('id')
    .where('slug', '=', 'propose')
    .executeTakeFirstOrThrow();
  const form = await a.get(`/admin/components/${comp.id}`);
  assert.match(form.html, /공감 모집 기간\(일\)/);
  assert.match(form.html, /name="supportWindowDays"[^>]*value="30"/);
  const bad = await a.post(`/admin/components/${comp.id}`, {
    supportWindowDays: '0',
    answerThreshold: '50',
    piiAction: 'block',
    pageSize: '20',
    commentsEnabled: 'on',
  });
  assert.equal(bad.status, 422);
  assert.match(decode(await bad.text()), /name="supportWindowDays"[^>]*value="0"/);
  const ok = await a.post(`/admin/components/${comp.id}`, {
    supportWindowDays: '14',
    answerThreshold: '100',
    piiAction: 'mask',
    pageSize: '10',
    commentsEnabled: 'on',
    stanceEnabled: 'on',
    reason: '시범 운영',
  });
  assert.equal(ok.status, 303);
  const row = await t.p.db
    .selectFrom('components')
    .select('settings')
    .where('id', '=', comp.id)
    .executeTakeFirstOrThrow();
  assert.equal((row.settings as Record<string, unknown>).supportWindowDays, 14);
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'settings.update')
    .executeTakeFirstOrThrow();
  assert.equal(rec.reason, '시범 운영');
  assert.equal((rec.before as Record<string, unknown>).supportWindowDays, 30);
  assert.equal((rec.after as Record<string, unknown>).supportWindowDays, 14);
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.post(`/admin/components/${comp.id}`, { supportWindowDays: '1' })).status, 403);
});

test('state changes without the CSRF token are refused and store nothing', async () => {
  const c = new Client(t);
  await c.loginAs('citizen-1');
  const res = await c.request('/s/sotong/propose', {
    method: 'POST',
    body: new URLSearchParams({ title: '토큰 없는 제안입니다', body: '이 제안은 저장되면 안 됩니다.' }),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 403);
  const n = await t.p.db.selectFrom('proposals').select('id').where('title', '=', '토큰 없는 제안입니다').execute();
  assert.equal(n.length, 0);
});

test('the audit chain verifies, and tampering is found at the first broken link', async () => {
  const ok = await verifyAudit(t.p.db);
  assert.equal(ok.ok, true);
  assert.ok(ok.count >= 3);
  assert.deepEqual(await recount(t.p.db), []);
  // The table refuses updates by rule; a tamperer with superuser rights would drop the rule first.
  await sql`update audit_log set reason = 'changed' where seq = 2`.execute(t.p.db);
  assert.equal((await verifyAudit(t.p.db)).ok, true, 'the no-update rule kept the entry');
  await sql`drop rule audit_log_no_update on audit_log`.execute(t.p.db);
  await sql`update audit_log set reason = 'changed' where seq = 2`.execute(t.p.db);
  const broken = await verifyAudit(t.p.db);
  assert.equal(broken.ok, false);
  assert.equal(!broken.ok && broken.seq, 2);
});

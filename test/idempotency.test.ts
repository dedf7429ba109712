// Double submits (issue 12, item 3): a create form sent twice, one after the other or eight at once, creates one
// thing; every submission is sent to it. On the PostgreSQL server (TEST_DATABASE_URL) the eight really run at once.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testApp, Client, type TestApp } from './helpers.ts';
import { pruneSubmissions } from '../src/platform/form-submissions.ts';
import { withRepeatNotice } from '../src/platform/http/once.tsx';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

/** The hidden one-time token of the form posting to `action` on a page, as a browser would send it. */
export function formToken(html: string, action: string): string {
  const at = html.indexOf(`action="${action}"`);
  assert.ok(at >= 0, `a form posting to ${action}`);
  const m = html.slice(at).match(/name="_ft" value="([^"]+)"/);
  assert.ok(m, `the form to ${action} carries a one-time token`);
  return m![1];
}

async function board() {
  const b = await t.p.db
    .selectFrom('components')
    .innerJoin('spaces', 'spaces.id', 'components.space_id')
    .select(['spaces.slug as space', 'components.slug', 'components.id'])
    .where('components.type', '=', 'proposals')
    .orderBy('components.id')
    .executeTakeFirstOrThrow();
  return { path: `/s/${b.space}/${b.slug}`, id: b.id };
}
const count = async (table: 'proposals' | 'comments', where: string) =>
  Number(
    (
      await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${sql.raw(where)}`.execute(
        t.p.db,
      )
    ).rows[0].n,
  );

test('eight identical posts of a new proposal at once store one proposal, and all eight are sent to it', async () => {
  const b = await board();
  const c = new Client(t);
  await c.loginAs('citizen-1');
  const { html } = await c.get(`${b.path}/new`);
  const _ft = formToken(html, b.path);
  const title = '두 번 누른 제안: 공원 화장실 개방 시간을 늘려 주세요';
  const fields = {
    _ft,
    title,
    body: '새벽 운동하는 주민이 많아 화장실을 아침 5시부터 열어 주시면 좋겠습니다.',
    checkedSimilar: '1',
  };
  const answers = await Promise.all(Array.from({ length: 8 }, () => c.post(b.path, fields)));
  assert.deepEqual(
    answers.map((r) => r.status),
    Array(8).fill(303),
    'every submission answered with a redirect, none with an error',
  );
  assert.equal(await count('proposals', `title = '${title}'`), 1, 'one proposal stored');
  const id = (await t.p.db.selectFrom('proposals').select('id').where('title', '=', title).executeTakeFirstOrThrow())
    .id;
  const locations = answers.map((r) => r.headers.get('location')!);
  for (const l of locations) assert.match(l, new RegExp(`^/proposals/${id}\\?msg=(created|already-saved)$`));
  assert.equal(
    locations.filter((l) => l.endsWith('msg=created')).length,
    1,
    'the first is told it was created, the others that it was already saved',
  );
  const page = await c.get(locations.find((l) => l.endsWith('already-saved'))!);
  assert.match(page.html, /이미 저장된 내용입니다/);

  // A ninth, later (the back button and submit again): the same answer, still one proposal.
  const later = await c.post(b.path, fields);
  assert.equal(later.headers.get('location'), `/proposals/${id}?msg=already-saved`);
  assert.equal(await count('proposals', `title = '${title}'`), 1);

  // The form shown again carries a new token: writing a second proposal on purpose still works.
  const again = formToken((await c.get(`${b.path}/new`)).html, b.path);
  assert.notEqual(again, _ft);
  assert.equal((await c.post(b.path, { ...fields, _ft: again })).status, 303);
  assert.equal(await count('proposals', `title = '${title}'`), 2);
});

test('a comment sent twice (and eight times at once) is stored once; the token is only good for its person', async () => {
  const id = (
    await t.p.db
      .selectFrom('proposals')
      .select('id')
      .where('stage', '=', 'collecting')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const c = new Client(t);
  await c.loginAs('citizen-2');
  const _ft = formToken((await c.get(`/proposals/${id}`)).html, `/proposals/${id}/comments`);
  const body = '저도 같은 생각입니다. 두 번 눌러도 한 번만 남아야 합니다.';
  const answers = await Promise.all(
    Array.from({ length: 8 }, () => c.post(`/proposals/${id}/comments`, { _ft, body, stance: 'pro' })),
  );
  assert.deepEqual(
    answers.map((r) => r.status),
    Array(8).fill(303),
  );
  assert.equal(await count('comments', `body = '${body}'`), 1);
  for (const r of answers)
    assert.match(
      r.headers.get('location')!,
      new RegExp(`^/proposals/${id}\\?msg=(comment-saved|already-saved)#comments-h$`),
    );

  // Someone else replaying the token gets neither a comment nor where the first one went.
  const other = new Client(t);
  await other.loginAs('citizen-1');
  const stolen = await other.post(`/proposals/${id}/comments`, { _ft, body: '다른 사람', stance: 'pro' });
  assert.equal(stolen.status, 409);
  assert.equal(await count('comments', `body = '다른 사람'`), 0);
});

test('a refused submission keeps nothing, so the corrected form can be sent with the same token', async () => {
  const id = (
    await t.p.db
      .selectFrom('proposals')
      .select('id')
      .where('stage', '=', 'collecting')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).id;
  const c = new Client(t);
  await c.loginAs('citizen-3');
  const _ft = formToken((await c.get(`/proposals/${id}`)).html, `/proposals/${id}/comments`);
  const bad = await c.post(`/proposals/${id}/comments`, { _ft, body: '', stance: 'pro' });
  assert.equal(bad.status, 422);
  const ok = await c.post(`/proposals/${id}/comments`, { _ft, body: '고쳐서 다시 보냅니다.', stance: 'pro' });
  assert.equal(ok.status, 303);
  assert.match(ok.headers.get('location')!, /msg=comment-saved/);
});

test('tokens are pruned after two days by the clock given', async () => {
  await t.p.db
    .insertInto('form_submissions')
    .values({
      token: 'old-token-0123456789',
      person_id: null,
      location: '/x',
      created_at: new Date('2026-01-01T00:00:00Z'),
    })
    .execute();
  await t.p.db
    .insertInto('form_submissions')
    .values({
      token: 'new-token-0123456789',
      person_id: null,
      location: '/y',
      created_at: new Date('2026-01-02T12:00:00Z'),
    })
    .execute();
  assert.equal(await pruneSubmissions(t.p.db, new Date('2026-01-03T06:00:00Z')), 1);
  const left = await t.p.db
    .selectFrom('form_submissions')
    .select('token')
    .where('token', 'like', '%-token-%')
    .execute();
  assert.deepEqual(
    left.map((r) => r.token),
    ['new-token-0123456789'],
  );
});

test("the repeat notice replaces the first answer's and keeps the anchor", () => {
  assert.equal(
    withRepeatNotice('/proposals/3?msg=comment-saved#comments-h'),
    '/proposals/3?msg=already-saved#comments-h',
  );
  assert.equal(withRepeatNotice('/pledges/4'), '/pledges/4?msg=already-saved');
  assert.equal(withRepeatNotice('/a?x=1'), '/a?x=1&msg=already-saved');
});

test('a pledge comment sent twice is stored once, and an API client may send an Idempotency-Key header instead', async () => {
  const pledge = (await t.p.db.selectFrom('pledges').select('id').orderBy('id').executeTakeFirstOrThrow()).id;
  const c = new Client(t);
  await c.loginAs('citizen-1');
  const _ft = formToken((await c.get(`/pledges/${pledge}`)).html, `/pledges/${pledge}/comments`);
  const body = '공약 댓글도 두 번 눌러 한 번만 남아야 합니다.';
  const answers = await Promise.all([
    c.post(`/pledges/${pledge}/comments`, { _ft, body }),
    c.post(`/pledges/${pledge}/comments`, { _ft, body }),
  ]);
  assert.deepEqual(
    answers.map((r) => r.status),
    [303, 303],
  );
  assert.equal(await count('comments', `body = '${body}'`), 1);

  const api = '공약 댓글, 머리글로 보낸 키';
  const key = { 'idempotency-key': 'client-generated-key-0001' };
  for (let i = 0; i < 3; i++)
    assert.equal((await c.post(`/pledges/${pledge}/comments`, { body: api }, key)).status, 303);
  assert.equal(await count('comments', `body = '${api}'`), 1);
});

test('store code opening its own transaction inside once gets a savepoint: a failure it catches undoes only its part', async () => {
  const { joinable } = await import('../src/platform/http/once.tsx');
  await t.p.db.transaction().execute(async (trx) => {
    const db = joinable(trx);
    await db
      .insertInto('form_submissions')
      .values({ token: 'outer-token-0123456789', person_id: null, location: '/outer' })
      .execute();
    await assert.rejects(
      db.transaction().execute(async (inner) => {
        await inner
          .insertInto('form_submissions')
          .values({ token: 'inner-token-0123456789', person_id: null, location: '/inner' })
          .execute();
        await inner
          .insertInto('form_submissions')
          .values({ token: 'outer-token-0123456789', person_id: null, location: '/again' })
          .execute(); // unique violation
      }),
    );
    await db
      .updateTable('form_submissions')
      .set({ location: '/outer-kept' })
      .where('token', '=', 'outer-token-0123456789')
      .execute(); // still usable
  });
  const rows = await t.p.db
    .selectFrom('form_submissions')
    .select(['token', 'location'])
    .where('token', 'in', ['outer-token-0123456789', 'inner-token-0123456789'])
    .execute();
  assert.deepEqual(rows, [{ token: 'outer-token-0123456789', location: '/outer-kept' }]);
});

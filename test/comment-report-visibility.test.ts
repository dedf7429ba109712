// Reporting a comment follows the proposal page's visibility: a comment under a proposal the visitor may not see
// (withdrawn, still in screening) is not found (404), nothing is stored, and no redirect names the proposal.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from './helpers.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('a comment of a withdrawn or unscreened proposal cannot be reported; the answer reveals nothing', async () => {
  const comment = await t.p.db
    .selectFrom('comments')
    .select(['id', 'target_id'])
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const reports = async () =>
    (
      await t.p.db
        .selectFrom('comment_reports')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  const citizen = new Client(t);
  await citizen.loginAs('citizen-4');
  const anonymous = new Client(t);
  await anonymous.get('/login');
  const before = Number(await reports());

  for (const stage of ['withdrawn', 'screening']) {
    const was = (
      await t.p.db.selectFrom('proposals').select('stage').where('id', '=', comment.target_id).executeTakeFirstOrThrow()
    ).stage;
    await t.p.db.updateTable('proposals').set({ stage }).where('id', '=', comment.target_id).execute();
    assert.equal(
      (await citizen.get(`/proposals/${comment.target_id}`)).res.status,
      404,
      'the page itself is not found',
    );
    for (const who of [citizen, anonymous]) {
      const res = await who.post(`/comments/${comment.id}/report`, { reason: 'abuse' });
      assert.equal(res.status, 404, `${stage}: ${res.status}`);
      assert.equal(res.headers.get('location'), null);
      assert.ok(
        !(await res.text()).includes(`/proposals/${comment.target_id}`),
        'the answer does not name the proposal',
      );
    }
    assert.equal(Number(await reports()), before, 'nothing stored');
    await t.p.db.updateTable('proposals').set({ stage: was }).where('id', '=', comment.target_id).execute();
  }

  // Public again: the same report is taken.
  const ok = await citizen.post(`/comments/${comment.id}/report`, { reason: 'abuse' });
  assert.equal(ok.status, 303);
  assert.equal(Number(await reports()), before + 1);
});

// Lost updates: a department's report and the publication of an approved change request both rewrite the pledge.
// Each must read the pledge under a row lock in its own transaction, so a write that commits while it waits is kept.
// On the PostgreSQL server (TEST_DATABASE_URL) the writes really overlap; PGlite runs one transaction at a time, so
// there the test passes trivially but still checks the outcome.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { testApp, addPolicyOfficial, Client, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import type { Pledge } from '../src/modules/pledges/domain/index.ts';

let t: TestApp;
let id000 = 0;
before(async () => {
  t = await testApp();
  id000 = (await store.pledgeIdByCode(t.p.db, '000'))!;
  await addPolicyOfficial(t);
});
after(async () => {
  await t.close();
});

const actor = { id: null, label: 'concurrent writer' };

/**
 * Holds pledge 000's row lock while `edit` is saved, starts `request` meanwhile, and commits only after the request
 * has had time to read the pledge and queue for the lock. Returns the request's response.
 */
async function whileLocked(edit: (p: Pledge) => void, request: () => Promise<Response>): Promise<Response> {
  let pending!: Promise<Response>;
  await t.p.db.transaction().execute(async (trx) => {
    const s = (await store.lockPledge(trx, id000))!;
    const next = structuredClone(s.pledge);
    edit(next);
    await store.savePledge(trx, next, { layout: s.layout, actor, action: 'pledge.test' });
    pending = request();
    await sleep(400);
  });
  return pending;
}

test('a department report saved while a change request is applied keeps the applied change and its record', async () => {
  const dept = new Client(t);
  await dept.loginAs('official-roads');
  const { asOf } = (await store.getPledge(t.p.db, id000))!.pledge;
  const record = {
    date: '2021-01-15',
    item: 'other' as const,
    before: '',
    after: '시민 토론회 추가',
    reason: '시민평가단 승인',
    requestId: '41',
  };
  const res = await whileLocked(
    (p) => {
      p.changes.push(record);
    },
    () =>
      dept.post(`/pledges/${id000}/report`, {
        progressPercent: '88',
        asOf: asOf ?? '2020-12-31',
        status: '완료',
        indicator: '',
        entryDate: '',
        entry: '',
      }),
  );
  assert.equal(res.status, 303);
  const p = (await store.getPledge(t.p.db, id000))!.pledge;
  assert.equal(p.progressPercent, 88, 'the report is saved');
  assert.deepEqual(p.changes.at(-1), record, 'the change applied meanwhile is still in 사업변경내역');
});

test('publishing an approved change request while a report is saved keeps the report', async () => {
  const dept = new Client(t);
  await dept.loginAs('official-roads');
  const proposed = await dept.post(`/pledges/${id000}/changes`, { status: '정상추진', reason: '운영 개편으로 재추진' });
  assert.equal(proposed.status, 303);
  const url = proposed.headers.get('location')!;
  const planning = new Client(t);
  await planning.loginAs('planning');
  assert.equal((await planning.post(`${url}/start-review`, {})).status, 303);
  for (const who of ['citizen-1', 'citizen-2']) {
    const m = new Client(t);
    await m.loginAs(who);
    assert.equal((await m.post(`${url}/approve`, {})).status, 303);
  }
  assert.equal((await planning.post(`${url}/decide`, {})).status, 303);
  const res = await whileLocked(
    (p) => {
      p.progressPercent = 61;
    },
    () => planning.post(`${url}/publish`, {}),
  );
  assert.equal(res.status, 303);
  const p = (await store.getPledge(t.p.db, id000))!.pledge;
  assert.equal(p.status, '정상추진', 'the approved change is applied');
  assert.equal(p.progressPercent, 61, 'the progress reported meanwhile is kept');
  assert.equal(p.changes.at(-1)?.requestId, url.split('/').pop());
});

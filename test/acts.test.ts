// Countable acts: one per (target, person) under concurrency, exact tallies, recount from the stored acts.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, type TestApp } from './helpers.ts';
import { upsertPerson } from '../src/platform/identity/person.ts';
import { createSession } from '../src/platform/sessions.ts';
import { castAct, recount, tallyOf } from '../src/platform/acts.ts';
import { sql } from 'kysely';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('200 people support at once, each also twice: exactly 200 counted, duplicates get a friendly message', async () => {
  const target = await t.p.db.selectFrom('proposals').select('id').orderBy('id').executeTakeFirstOrThrow();
  const before = await tallyOf(t.p.db, { kind: 'support', targetType: 'proposal', targetId: target.id });
  const people = await Promise.all(
    Array.from({ length: 200 }, async (_, i) => {
      const person = await upsertPerson(t.p.db, t.p.config.secret, {
        provider: 'identity',
        ci: `CI-load-${String(i).padStart(4, '0')}`.padEnd(40, '0'),
        subject: `s${i}`,
        displayName: `시민${i}`,
      });
      return { token: await createSession(t.p.db, person.id) };
    }),
  );
  const csrfOf = async (token: string) => {
    const html = await (await t.app.request('/', { headers: { cookie: `madang_sid=${token}` } })).text();
    return html.match(/name="_csrf" value="([^"]+)"/)![1];
  };
  const withCsrf = await Promise.all(people.map(async (p) => ({ ...p, csrf: await csrfOf(p.token) })));
  const support = (p: { token: string; csrf: string }) =>
    t.app.request(`/proposals/${target.id}/support`, {
      method: 'POST',
      body: new URLSearchParams({ _csrf: p.csrf }),
      headers: { cookie: `madang_sid=${p.token}`, 'content-type': 'application/x-www-form-urlencoded' },
    });
  const responses = await Promise.all([...withCsrf, ...withCsrf].map(support));
  assert.deepEqual([...new Set(responses.map((r) => r.status))], [303]);
  const locations = responses.map((r) => r.headers.get('location'));
  assert.equal(locations.filter((l) => l?.endsWith('msg=supported')).length, 200);
  assert.equal(locations.filter((l) => l?.endsWith('msg=already-supported')).length, 200);
  assert.equal(await tallyOf(t.p.db, { kind: 'support', targetType: 'proposal', targetId: target.id }), before + 200);
  const page = await (
    await t.app.request(`/proposals/${target.id}?msg=already-supported`, {
      headers: { cookie: `madang_sid=${people[0].token}` },
    })
  ).text();
  assert.match(page, /이미 공감하셨습니다/);
  assert.deepEqual(await recount(t.p.db), []);
});

test('recount finds a tally that drifted from the acts, and --fix repairs it', async () => {
  const target = { kind: 'vote' as const, targetType: 'poll', targetId: 7 };
  for (const k of ['a', 'b', 'c']) await castAct(t.p.db, { ...target, personKey: k.repeat(64) });
  assert.equal((await castAct(t.p.db, { ...target, personKey: 'a'.repeat(64) })).status, 'duplicate');
  assert.equal(await tallyOf(t.p.db, target), 3);
  await sql`update tallies set n = n + 5 where target_type = 'poll' and target_id = 7 and shard = (select min(shard) from tallies where target_type = 'poll')`.execute(
    t.p.db,
  );
  assert.deepEqual(await recount(t.p.db), [{ kind: 'vote', targetType: 'poll', targetId: 7, stored: 8, recounted: 3 }]);
  await recount(t.p.db, { fix: true });
  assert.deepEqual(await recount(t.p.db), []);
  assert.equal(await tallyOf(t.p.db, target), 3);
});

// The board's PII policy reaches the guard the app runs: numbers and domains a city publishes on purpose (its
// exchange, officials' addresses) go through, while a citizen's own number is still refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, CUSTOM_BOARD, type TestApp } from './helpers.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('allowed phone prefixes and e-mail domains of the board pass the PII guard; other numbers are blocked', async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const comp = await t.p.db
    .selectFrom('components')
    .select('id')
    .where('slug', '=', 'propose')
    .executeTakeFirstOrThrow();
  const text = '시청 민원실(031-228-2114, minwon@korea.kr)에 물어봐도 답이 없습니다. 보행자 신호를 늘려 주세요.';
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  const before = await citizen.post('/s/sotong/propose', {
    title: '시청 앞 보행자 신호를 늘려 주세요',
    body: text,
    checkedSimilar: '1',
  });
  assert.equal(before.status, 422, 'without the board settings the numbers are refused');

  assert.equal(
    (
      await admin.post(`/admin/components/${comp.id}`, {
        ...CUSTOM_BOARD,
        piiAllowPhonePrefixes: '031-228',
        piiAllowEmailDomains: 'korea.kr',
      })
    ).status,
    303,
  );
  const allowed = await citizen.post('/s/sotong/propose', {
    title: '시청 앞 보행자 신호를 늘려 주세요',
    body: text,
    checkedSimilar: '1',
  });
  assert.equal(allowed.status, 303, "the city's own exchange and domain are not personal data");
  const id = Number(allowed.headers.get('location')!.match(/\/proposals\/(\d+)/)![1]);
  const row = await t.p.db.selectFrom('proposals').select('body').where('id', '=', id).executeTakeFirstOrThrow();
  assert.equal(row.body, text, 'published as written');

  const own = await citizen.post('/s/sotong/propose', {
    title: '제 번호로 연락 주세요 보행자 신호',
    body: '제 휴대전화 010-2345-6789로 연락 주시면 자세히 말씀드리겠습니다.',
    checkedSimilar: '1',
  });
  assert.equal(own.status, 422, "a citizen's mobile number is still refused");
  assert.match(await own.text(), /010-2345-6789/, 'what was typed is kept');
});

test("the city's published numbers and addresses (one per line) pass the guard; a citizen's own flat number does not", async () => {
  const admin = new Client(t);
  await admin.loginAs('admin');
  const comp = await t.p.db
    .selectFrom('components')
    .select('id')
    .where('slug', '=', 'propose')
    .executeTakeFirstOrThrow();
  const text = '031-999-2114로 전화하면 계속 통화 중입니다. 상담 인력을 늘려 주세요.';
  const citizen = new Client(t);
  await citizen.loginAs('citizen-2');
  const refused = await citizen.post('/s/sotong/propose', {
    title: '민원 상담 전화 인력을 늘려 주세요',
    body: text,
    checkedSimilar: '1',
  });
  assert.equal(refused.status, 422, 'a bare landline number is refused while the city has not listed it');
  assert.equal(
    (
      await admin.post(`/admin/components/${comp.id}`, {
        ...CUSTOM_BOARD,
        piiAllowPublic: '031-999-2114\n경기도 마당시 시청로 1',
      })
    ).status,
    303,
  );
  const allowed = await citizen.post('/s/sotong/propose', {
    title: '민원 상담 전화 인력을 늘려 주세요',
    body: text,
    checkedSimilar: '1',
  });
  assert.equal(allowed.status, 303, 'a number the city publishes is not personal data');
  const own = await citizen.post('/s/sotong/propose', {
    title: '우리 집 앞 가로등을 고쳐 주세요',
    body: '경기도 마당시 시청로 1 101동 1502호 앞 가로등이 꺼져 있습니다.',
    checkedSimilar: '1',
  });
  assert.equal(own.status, 422, "the listed address with a flat number is somebody's home");
});

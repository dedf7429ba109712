// Bad input in the address never makes a server error: crafted paging cursors, a NUL byte in a search or in the
// similar-titles lookup, control characters in back=, broken %-sequences in a path. Each is a page in the reader's
// language (400, or the first page for a cursor that is no cursor), and the sign-in redirect is always valid.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from './helpers.ts';
import { decodeCursor, encodeCursor } from '../src/modules/proposals/domain/proposal.ts';
import { addressProblem, safeBack } from '../src/platform/http/params.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});
const b64 = (s: string) => Buffer.from(s).toString('base64url');

test('decodeCursor takes only what encodeCursor writes for the sort', () => {
  const iso = '2024-03-01T09:00:00.123Z';
  assert.deepEqual(decodeCursor(encodeCursor({ key: iso, id: 7 })), { key: iso, id: 7 });
  assert.deepEqual(decodeCursor(encodeCursor({ key: '12', id: 7 }), true), { key: '12', id: 7 });
  for (const key of ['2024', '1 1', 'Tue', '+275760-09-13T00:00:00.000Z', '2024-02-30T00:00:00.000Z', '12', '0x10', ''])
    assert.equal(decodeCursor(b64(`${key}|1`)), null, key);
  for (const raw of [`${iso}|0`, `${iso}|1e3`, `${iso}|99999999999`, `${iso}|1|2`, `${iso}`])
    assert.equal(decodeCursor(b64(raw)), null, raw);
  assert.equal(decodeCursor(b64(`${iso}|1`), true), null, 'an instant is no count');
  assert.equal(decodeCursor('%%%'), null);
});

test('safeBack: a path on this site, valid in a Location header', () => {
  assert.equal(safeBack('/s/sotong/propose?q=1'), '/s/sotong/propose?q=1');
  assert.equal(safeBack('/s/sotong/propose?q=버스'), '/s/sotong/propose?q=%EB%B2%84%EC%8A%A4');
  for (const bad of [
    '//evil.example',
    '/\\evil.example',
    'https://evil.example',
    '/a\r\nSet-Cookie: x=1',
    '/a\u0000',
    '/a\u0007b',
    '/a b',
    '/\u2028',
    '/\ud800',
    '',
    undefined,
  ])
    assert.equal(safeBack(bad), '/', JSON.stringify(bad));
  assert.equal(addressProblem('/admin/pledges/template/%ZZ.csv'), 'encoding');
  assert.equal(addressProblem('/s/sotong/propose?q=%00'), 'control');
  assert.equal(addressProblem('/s/sotong/propose?q=%EB%B2%84%EC%8A%A4+%EC%A0%95'), null);
});

test('crafted cursors, NUL bytes, control characters and broken %-sequences: no server error', async () => {
  const anon = new Client(t);
  const admin = new Client(t);
  await admin.loginAs('admin');
  const paths = [
    ...['2024|1', '1 1|1', '0|1', '2024-02-30|1', '+275760-09-13|1', '-1|1', 'Tue|1'].flatMap((k) =>
      ['', '&sort=supported', '&sort=closing', '&sort=answered', '&q=버스'].map(
        (s) => `/s/sotong/propose?after=${b64(k)}${s}`,
      ),
    ),
    '/s/sotong/propose?q=%00',
    '/s/sotong/propose?q=%EB%B2%84%00',
    '/s/sotong/propose/similar?title=%00%00%00%00%00',
    '/s/sotong/propose/similar?title=%EB%B2%84%EC%8A%A4%00%EC%A0%95%EB%A5%98%EC%9E%A5',
    '/admin/pledges/template/%ZZ.csv',
    '/admin/pledges/template/%E0%A4%A.csv',
    '/proposals/%ZZ',
    '/s/%ZZ/propose',
    '/login?back=%ZZ',
    '/prefs?lang=en&back=%2F%0D%0Ax',
  ];
  for (const path of paths)
    for (const c of [anon, admin]) {
      const res = await c.request(path);
      const body = await res.text();
      assert.ok(res.status < 500, `${path}: ${res.status}`);
      if (res.status === 400) assert.match(body, /주소가 올바르지 않습니다/);
    }
  // The crafted cursor shows the first page, as no cursor does.
  const cards = (html: string) => html.match(/<ul class="card-list">[\s\S]*?<\/ul>/)?.[0];
  const first = cards(await (await anon.request('/s/sotong/propose')).text());
  assert.ok(first);
  assert.equal(cards(await (await anon.request(`/s/sotong/propose?after=${b64('2024|1')}`)).text()), first);
  const en = await anon.request('/s/sotong/propose?q=%00&lang=en');
  assert.equal(en.status, 400);
  assert.match(await en.text(), /This address is not valid/);
  assert.equal(
    (await anon.request('/s/sotong/propose/similar?title=%00', { headers: { accept: 'application/json' } })).status,
    400,
  );

  // back= with control characters: one valid redirect home, one session (the only one of that person from this sign-in).
  for (const back of ['/\r\nSet-Cookie: x=1', '/a\u0000', '/a\u0007b']) {
    const c = new Client(t);
    const { html } = await c.get('/login');
    const person = html.match(/id="person-(\d+)"/)![1];
    const before = Number(
      (
        await t.p.db
          .selectFrom('sessions')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const res = await c.post('/auth/dev', { person, back });
    assert.equal(res.status, 303, JSON.stringify(back));
    assert.equal(res.headers.get('location'), '/');
    assert.equal(
      Number(
        (
          await t.p.db
            .selectFrom('sessions')
            .select((e) => e.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
      before + 1,
    );
    const ext = await admin.post('/session/extend', { back });
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for control characters
    assert.ok(ext.status < 500 && !/[\r\n\u0000-\u001f]/.test(ext.headers.get('location') ?? ''));
  }
});

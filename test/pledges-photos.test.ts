// Photos on communication-card entries: multipart upload with CSRF, the type decided by the file's bytes (JPEG, PNG,
// WebP), the size limit from the settings, a required description (alt text); stored in the database and served with
// their type and a long cache; shown on the card (and so on its A4 print). Errors keep everything else typed.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';

let t: TestApp;
let id000 = 0;
const photo = (name: string) => readFileSync(new URL(`./fixtures/photos/${name}`, import.meta.url));
const JPG = photo('briefing.jpg'),
  PNG = photo('briefing.png'),
  WEBP = photo('briefing.webp');
before(async () => {
  t = await testApp();
  id000 = (await store.pledgeIdByCode(t.p.db, '000'))!;
});
after(async () => {
  await t.close();
});

function form(
  c: Client,
  fields: Record<string, string>,
  files: Record<string, { bytes: Buffer; name: string; type: string }> = {},
  csrf = true,
) {
  const f = new FormData();
  if (csrf) f.set('_csrf', c.csrf);
  for (const [k, v] of Object.entries(fields)) f.set(k, v);
  for (const [k, v] of Object.entries(files)) f.set(k, new File([new Uint8Array(v.bytes)], v.name, { type: v.type }));
  return c.request(`/pledges/${id000}/communication`, { method: 'POST', body: f });
}
const entry = {
  type: 'briefing',
  date: '2021-05-20',
  place: '시청 대강당',
  audience: '주민 80명',
  content: '수원만민광장 개편 설명회',
};

test('an entry with a JPEG, a WebP and a PNG: stored, on the card with its description, served with its type and cached', async () => {
  const c = new Client(t);
  await c.loginAs('planning');
  await c.get(`/pledges/${id000}/communication`);
  const noCsrf = await form(c, entry, { photo1: { bytes: JPG, name: 'a.jpg', type: 'image/jpeg' } }, false);
  assert.equal(noCsrf.status, 403);
  const res = await form(
    c,
    {
      ...entry,
      alt1: '시청 대강당에서 열린 설명회에 주민들이 앉아 있는 모습',
      alt2: '설명회 안내 현수막',
      alt3: '발표 화면',
    },
    {
      photo1: { bytes: JPG, name: 'IMG_0001.JPG', type: 'image/jpeg' },
      // The browser's claim does not matter: the bytes say WebP.
      photo2: { bytes: WEBP, name: 'banner.bin', type: 'application/octet-stream' },
      photo3: { bytes: PNG, name: 'slide.png', type: 'image/png' },
    },
  );
  assert.equal(res.status, 303);
  const html = (await c.get(`/pledges/${id000}/communication`)).html;
  const imgs = [...html.matchAll(/<img src="(\/pledges\/photos\/\d+)" alt="([^"]+)"/g)].map((m) => [
    m[1],
    decode(m[2]),
  ]);
  assert.deepEqual(
    imgs.map((x) => x[1]),
    ['시청 대강당에서 열린 설명회에 주민들이 앉아 있는 모습', '설명회 안내 현수막', '발표 화면'],
  );
  const anon = new Client(t);
  for (const [[src], [bytes, type]] of imgs.map(
    (x, i) =>
      [
        x,
        [
          [JPG, 'image/jpeg'],
          [WEBP, 'image/webp'],
          [PNG, 'image/png'],
        ][i],
      ] as const,
  )) {
    const r = await anon.request(src);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), type);
    assert.equal(r.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await r.arrayBuffer()), bytes);
    const etag = r.headers.get('etag')!;
    assert.equal((await anon.request(src, { headers: { 'if-none-match': etag } })).status, 304);
  }
  // The whole city's card (the printed A4 card) shows them too; the photos count nowhere as entries of their own.
  assert.match((await anon.get('/pledges/communication')).html, /<img src="\/pledges\/photos\/\d+" alt="발표 화면"/);
  assert.match(decode((await anon.get('/pledges/report.css')).html), /\.report td img/);
  const audit = await t.p.db
    .selectFrom('audit_log')
    .select('after')
    .where('action', '=', 'pledge.communication.add')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  assert.deepEqual(
    (audit.after as { photos: { type: string; alt: string }[] }).photos.map((p) => p.type),
    ['image/jpeg', 'image/webp', 'image/png'],
  );
  assert.equal((await anon.request('/pledges/photos/999999')).status, 404);
});

test('refused photos: not an image, no description, a file name as description, over the size limit; everything else stays typed', async () => {
  const c = new Client(t);
  await c.loginAs('planning');
  await c.get(`/pledges/${id000}/communication`);
  const before = (await t.p.db.selectFrom('pledge_communications').select('id').execute()).length;
  const fake = await form(
    c,
    { ...entry, alt1: '설명회 사진' },
    { photo1: { bytes: Buffer.from('<script>alert(1)</script>'), name: 'x.jpg', type: 'image/jpeg' } },
  );
  assert.equal(fake.status, 422);
  const fakeHtml = decode(await fake.text());
  assert.match(fakeHtml, /JPEG, PNG, WebP 사진만 올릴 수 있습니다/);
  assert.match(fakeHtml, /value="시청 대강당"/);
  assert.match(fakeHtml, /value="설명회 사진"/);
  assert.match(fakeHtml, /수원만민광장 개편 설명회<\/textarea>/);
  assert.match(fakeHtml, /사진을 다시 골라 주세요/);
  const noAlt = await form(c, entry, { photo1: { bytes: JPG, name: 'a.jpg', type: 'image/jpeg' } });
  assert.equal(noAlt.status, 422);
  assert.match(decode(await noAlt.text()), /id="f-alt1-error">사진 설명\(대체 텍스트\)을 적어 주세요/);
  const fileName = await form(
    c,
    { ...entry, alt1: 'IMG_0001.jpg' },
    { photo1: { bytes: JPG, name: 'IMG_0001.jpg', type: 'image/jpeg' } },
  );
  assert.equal(fileName.status, 422);
  assert.match(decode(await fileName.text()), /파일 이름 대신 사진에 무엇이 보이는지 적어 주세요/);
  const orphanAlt = await form(c, { ...entry, alt2: '사진 없는 설명' });
  assert.equal(orphanAlt.status, 422);
  assert.match(decode(await orphanAlt.text()), /설명에 맞는 사진 파일을 골라 주세요/);
  // The limit is a setting of the pledge component (default 5 MB); at 1 MB a 1.5 MB JPEG is refused.
  const comp = await t.p.db
    .selectFrom('components')
    .select(['id', 'settings'])
    .where('type', '=', 'pledges')
    .executeTakeFirstOrThrow();
  await t.p.db
    .updateTable('components')
    .set({ settings: JSON.stringify({ ...(comp.settings as object), photoMaxMegabytes: 1 }) })
    .where('id', '=', comp.id)
    .execute();
  const big = Buffer.concat([JPG, Buffer.alloc(1_500_000)]);
  const tooBig = await form(
    c,
    { ...entry, alt1: '큰 사진' },
    { photo1: { bytes: big, name: 'big.jpg', type: 'image/jpeg' } },
  );
  assert.equal(tooBig.status, 422);
  assert.match(decode(await tooBig.text()), /사진이 너무 큽니다\(1\.4MB\)\. 1MB 이하로 줄여 주세요/);
  assert.equal(
    (await t.p.db.selectFrom('pledge_communications').select('id').execute()).length,
    before,
    'nothing saved',
  );
  assert.equal((await t.p.db.selectFrom('pledge_photos').select('id').execute()).length, 3);
});

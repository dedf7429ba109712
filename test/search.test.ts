// Korean search: partial words whatever the spacing, and 초성 ("ㅌㅎㄹ" finds 통학로); the database's generated
// columns agree with the TypeScript normalisation used for duplicates.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import fc from 'fast-check';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import { choseongOf, normalizeForSearch } from '../src/modules/proposals/domain/search.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

const titles = (html: string) =>
  [...decode(html).matchAll(/<h3><a href="\/proposals\/\d+">([^<]+)<\/a><\/h3>/g)].map((m) => m[1]);

test('초성 and spacing-free partial words find the seeded proposals', async () => {
  const c = new Client(t);
  assert.deepEqual(titles((await c.get(`/s/sotong/propose?q=${encodeURIComponent('ㅌㅎㄹ')}`)).html), [
    '마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요',
  ]);
  assert.deepEqual(titles((await c.get(`/s/sotong/propose?q=${encodeURIComponent('산책 로')}`)).html), [
    '하천 산책로에 쓰레기통과 분리수거함을 늘려 주세요',
  ]);
  assert.deepEqual(titles((await c.get(`/s/sotong/propose?q=${encodeURIComponent('쉬운한국어')}`)).html), [
    '외국인 주민을 위한 쉬운 한국어 안내문을 만들어 주세요',
  ]);
  assert.deepEqual(titles((await c.get(`/s/sotong/propose?q=${encodeURIComponent('%_')}`)).html), []);
});

test('the database normalisation and 초성 match the TypeScript ones', async () => {
  const hangulish = fc.string({
    unit: fc.oneof(
      fc.integer({ min: 0xac00, max: 0xd7a3 }).map((n) => String.fromCharCode(n)),
      fc.constantFrom('ㄱ', 'ㅎ', 'ㅏ', ' ', '-', 'A', 'b', '7', '!', '·', 'Ｚ', '９'),
    ),
    maxLength: 30,
  });
  await fc.assert(
    fc.asyncProperty(hangulish, async (s) => {
      const r = (
        await sql<{
          norm: string;
          cho: string;
        }>`select madang_search_norm(${s}) as norm, madang_choseong(${s}) as cho`.execute(t.p.db)
      ).rows[0];
      assert.equal(r.norm, normalizeForSearch(s));
      assert.equal(r.cho, choseongOf(s));
    }),
    { numRuns: 200 },
  );
});

test('filters by status and department keep each other and the search in the pages they link to', async () => {
  const c = new Client(t);
  const env = (
    await t.p.db.selectFrom('departments').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()
  ).id;
  assert.deepEqual(titles((await c.get(`/s/sotong/propose?department=${env}`)).html), [
    '하천 산책로에 쓰레기통과 분리수거함을 늘려 주세요',
  ]);
  assert.deepEqual(titles((await c.get('/s/sotong/propose?status=answered')).html), []);
  assert.equal(titles((await c.get('/s/sotong/propose?status=collecting')).html).length, 3);
  const page = await c.get(`/s/sotong/propose?status=collecting&department=${env}`);
  assert.match(page.html, new RegExp(`<option value="${env}" selected="">`));
  assert.match(page.html, /<title>마당시에 제안합니다 · 공감 모집 중 \| /);
});

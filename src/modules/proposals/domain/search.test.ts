import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  choseongOf,
  duplicateCandidates,
  isChoseongQuery,
  jamoOf,
  matches,
  normalizeForSearch,
  searchColumns,
  searchPlan,
  similarity,
} from './search.ts';

describe('normalisation', () => {
  it('strips spaces and punctuation, folds full width, lower-cases, composes NFC', () => {
    assert.equal(normalizeForSearch(' 버스 정류장에, 그늘막을!! ＡＢＣ 123 '), '버스정류장에그늘막을abc123');
    assert.equal(normalizeForSearch('\u1100\u1161'), '가'); // conjoining jamo → syllable
    assert.equal(normalizeForSearch('ㄱ ㄴ'), 'ㄱㄴ'); // compatibility jamo survive
  });
  it('extracts 초성 and jamo', () => {
    assert.equal(choseongOf('버스 정류장 7016번'), 'ㅂㅅㅈㄹㅈㅂ');
    assert.equal(jamoOf('값'), 'ㄱㅏㅂㅅ');
  });
  it('property: normalisation is idempotent and never contains spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        const n = normalizeForSearch(s);
        assert.equal(normalizeForSearch(n), n);
        assert.ok(!/\s/.test(n));
      }),
    );
  });
});

describe('matching', () => {
  it('초성 queries match titles whose 초성 contain them', () => {
    assert.equal(isChoseongQuery('ㅂㅅ ㅈㄹㅈ'), true);
    assert.equal(isChoseongQuery('ㅂ스'), false);
    assert.equal(isChoseongQuery('ㄳ'), false); // a 받침 cluster is not a 초성
    assert.equal(matches('ㅈㄹㅈ', '버스 정류장에 그늘막'), true);
    assert.equal(matches('ㄱㄴㅁ', '버스 정류장에 그늘막'), true);
    assert.equal(matches('ㅎㅈㅅ', '버스 정류장에 그늘막'), false);
  });
  it('partial words match regardless of spacing', () => {
    assert.equal(matches('정류', '버스 정류장'), true);
    assert.equal(matches('버스정류장', '버스 정류 장'), true);
    assert.equal(matches('공원', '버스 정류장'), false);
  });
  it('a half-typed syllable matches on jamo', () => {
    assert.equal(matches('버ㅅ', '버스 정류장'), true);
    assert.equal(matches('정류자', '버스 정류장'), false);
  });
  it('property: every title matches its own 초성 and any of its substrings', () => {
    const hangul = fc.string({
      unit: fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c)),
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(hangul, fc.nat(), fc.nat(), (title, i, j) => {
        const a = i % title.length,
          b = a + 1 + (j % (title.length - a));
        assert.ok(matches(title.slice(a, b), title));
        assert.ok(matches(choseongOf(title.slice(a, b)), title));
      }),
    );
  });
  it('search plan picks the column', () => {
    assert.deepEqual(searchPlan('ㅂㅅ'), { column: 'title_choseong', needle: 'ㅂㅅ' });
    assert.deepEqual(searchPlan('버ㅅ'), { column: 'title_jamo', needle: 'ㅂㅓㅅ' });
    assert.deepEqual(searchPlan('버스 정류장'), { column: 'title_norm', needle: '버스정류장' });
    assert.equal(searchPlan(' !! '), null);
  });
});

describe('duplicates', () => {
  it('stores the indexed columns', () => {
    assert.deepEqual(searchColumns('버스 정류장', '본문 내용입니다.'), {
      titleNorm: '버스정류장',
      titleChoseong: 'ㅂㅅㅈㄹㅈ',
      titleJamo: 'ㅂㅓㅅㅡㅈㅓㅇㄹㅠㅈㅏㅇ',
      bodyNorm: '본문내용입니다',
    });
  });
  it('similarity behaves like pg_trgm', () => {
    assert.equal(similarity('abc', 'abc'), 1);
    assert.equal(similarity('', ''), 0);
    // "  w"," wo","wor","ord","rd " vs "  w"," wo","wor","ord","rds","ds ": 4 shared of 7
    assert.equal(similarity('word', 'words'), 4 / 7);
  });
  it('finds similar titles despite spacing and particles, best first', () => {
    const existing = [
      { id: 1, title: '공원에 화장실을 늘려 주세요' },
      { id: 2, title: '버스 정류장 그늘막 설치해 주세요' },
      { id: 3, title: '정류장 그늘막 요청' },
    ];
    const found = duplicateCandidates('버스정류장에 그늘막 설치', existing);
    assert.deepEqual(
      found.map((c) => c.item.id),
      [2, 3],
    );
    assert.ok(found[0].score > found[1].score);
  });
});

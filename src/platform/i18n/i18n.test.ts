import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catalogKeys, catalogOf, translate } from './index.ts';

test('English has every Korean message, with the same placeholders', () => {
  for (const key of catalogKeys()) {
    const ko = catalogOf('ko')[key],
      en = catalogOf('en')[key];
    assert.ok(en && en.length > 0, `missing English for ${key}`);
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    assert.equal(ph(en), ph(ko), `placeholders differ for ${key}`);
  }
});

test('placeholders are filled', () => {
  assert.equal(translate('ko', 'session.remaining', { minutes: 12 }), '자동 로그아웃까지 12분 남았습니다.');
  assert.equal(translate('en', 'proposal.supports', { count: 3 }), '3 supports');
});

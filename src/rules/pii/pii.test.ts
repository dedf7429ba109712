import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPii, guardText, maskText, luhnOk, rrnChecksumOk } from './index.ts';
import type { PiiKind } from './types.ts';
import { generatedNegatives, positives, seedNegatives } from './testdata/corpus.ts';

const kinds = (s: string) => detectPii(s).map((f) => f.kind);
const sameKind = (a: PiiKind, b: PiiKind) =>
  a === b || (['rrn', 'alien-registration'].includes(a) && ['rrn', 'alien-registration'].includes(b));

test('corpus: recall ≥ 99 %, false alarms ≤ 1 %', () => {
  const pos = positives();
  const neg = [...generatedNegatives(), ...seedNegatives()];
  assert.ok(pos.length >= 300 && neg.length >= 300, `corpus too small: ${pos.length}/${neg.length}`);
  const missed = pos.filter(
    (p) => !detectPii(p.text).some((f) => sameKind(f.kind, p.kind) && f.start < p.end && p.start < f.end),
  );
  const alarms = neg.filter((n) => detectPii(n).length > 0);
  const recall = 1 - missed.length / pos.length;
  const falseAlarm = alarms.length / neg.length;
  console.log(
    `PII corpus: ${pos.length} positives, ${neg.length} negatives (incl. seed documents) — ` +
      `recall ${(recall * 100).toFixed(2)} %, false-alarm rate ${(falseAlarm * 100).toFixed(2)} %`,
  );
  for (const m of missed) console.log('  missed:', m.label, JSON.stringify(m.text));
  for (const a of alarms) console.log('  false alarm:', JSON.stringify(a.slice(0, 120)));
  assert.ok(recall >= 0.99, `recall ${recall}`);
  assert.ok(falseAlarm <= 0.01, `false alarms ${falseAlarm}`);
});

test('주민등록번호: forms, checksum confidence, birth-date validation', () => {
  const valid = detectPii('번호 900101-1234568');
  assert.equal(valid[0].kind, 'rrn');
  assert.equal(valid[0].confidence, 0.99);
  assert.equal(valid[0].masked, '900101-1******');
  assert.ok(detectPii('900101-1234567')[0].confidence < 0.9, 'checksum-invalid numbers are reported lower');
  assert.deepEqual(kinds('９００１０１－１２３４５６８'), ['rrn']); // full-width digits and hyphen
  assert.deepEqual(kinds('900101 - 1234568'), ['rrn']);
  assert.deepEqual(kinds('900101.1234568'), ['rrn']);
  assert.deepEqual(kinds('900101-1******'), ['rrn']);
  assert.deepEqual(kinds('******-1234568'), ['rrn']);
  assert.deepEqual(kinds('901301-1234568'), [], 'month 13');
  assert.deepEqual(kinds('900230-1234568'), [], '30 February');
  assert.deepEqual(kinds('900101-9234568'), [], '1800s sex digit');
  assert.deepEqual(kinds('외국인등록번호 900101-5234567'), ['alien-registration']);
});

test('offsets are UTF-16 code units of the original text', () => {
  const text = '😀 연락처：０１０－１２３４－５６７８';
  const [f] = detectPii(text);
  assert.equal(text.slice(f.start, f.end), '０１０－１２３４－５６７８');
});

test('phones: mobile, landline, +82; representative numbers and extensions pass', () => {
  for (const s of [
    '010-1234-5678',
    '010 1234 5678',
    '01012345678',
    '(02) 123-4567',
    '031-228-2050',
    '0312282050',
    '070-1234-5678',
    '+82 10-1234-5678',
    '+82-2-123-4567',
    '전화 228-2050',
  ]) {
    assert.deepEqual(kinds(s), ['phone'], s);
  }
  // 전국대표번호 belong to businesses and institutions: public, below the default threshold.
  assert.deepEqual(kinds('1588-1234'), []);
  assert.deepEqual(
    detectPii('1588-1234', { minConfidence: 0.3 }).map((f) => f.kind),
    ['phone'],
  );
  for (const s of ['정책기획과장 박사승 2050', '과장 신성용(3860)', '2018-2020', '16:00~18:00', '2019.12.27.'])
    assert.deepEqual(kinds(s), [], s);
  assert.deepEqual(detectPii('☎ 031-228-2050, 228-2050', { allowPhonePrefixes: ['031228', '228'] }), []);
});

test('bank accounts, cards, passports, licences, e-mail', () => {
  assert.deepEqual(kinds('신한 110-123-456789'), ['bank-account']);
  assert.deepEqual(kinds('123456-12-123456'), ['bank-account']); // KB 6-2-6 shape without context
  assert.deepEqual(kinds('카카오뱅크 3333011234567'), ['bank-account']);
  assert.deepEqual(kinds('1234567890123'), [], 'long digit run without banking words');
  assert.deepEqual(kinds('국민 1인당 1234000원'), []);
  assert.ok(luhnOk('4111111111111111'));
  assert.deepEqual(kinds('4111-1111-1111-1111'), ['card']);
  assert.deepEqual(kinds('4111-1111-1111-1112'), [], 'Luhn fails, no context');
  assert.equal(detectPii('4111 1111 1111 1111')[0].masked, '4111 **** **** 1111');
  assert.deepEqual(kinds('여권번호 M12345678'), ['passport']);
  assert.deepEqual(kinds('M123A4567'), ['passport']);
  assert.deepEqual(kinds('11-12-345678-90'), ['driver-licence']);
  assert.deepEqual(kinds('메일 hong.gildong@example.com 으로'), ['email']);
  assert.deepEqual(detectPii('minwon@suwon.go.kr', { allowEmailDomains: ['go.kr'] }), []);
  assert.ok(rrnChecksumOk('9001011234568'));
});

test('addresses and names next to them', () => {
  const text = '경기도 수원시 팔달구 효원로 241, 101동 1203호 홍길동';
  const f = detectPii(text);
  assert.deepEqual(
    f.map((x) => x.kind),
    ['address', 'name'],
  );
  assert.equal(text.slice(f[0].start, f[0].end), '경기도 수원시 팔달구 효원로 241, 101동 1203호');
  assert.equal(f[1].masked, '홍*동');
  assert.deepEqual(kinds('수원시 팔달구 인계동 1111-2'), ['address']);
  assert.deepEqual(kinds('인계동 1111번지'), ['address']);
  assert.deepEqual(kinds('주소는 수원시 팔달구 효원로 241입니다'), ['address']);
  for (const s of [
    '기준으로 50',
    '앞으로 3년',
    '세종대로 일대',
    '36개동 주민자치회',
    '도로 2차선',
    '제44조의5',
    '7016번 버스',
  ])
    assert.deepEqual(kinds(s), [], s);
});

test('guardText: block / hold / mask with a bilingual message and positions', () => {
  const text = '안녕하세요\n제 번호는 010-1234-5678 입니다';
  const blocked = guardText(text, { action: 'block' });
  assert.equal(blocked.decision, 'block');
  assert.match(blocked.message!.ko, /전화번호 010-\*\*\*\*-5678 \(2번째 줄 7번째 글자\)/);
  assert.match(blocked.message!.en, /phone number 010-\*\*\*\*-5678 \(line 2, column 7\)/);
  assert.equal(blocked.text, text);
  const held = guardText(text, { action: 'hold' });
  assert.equal(held.decision, 'hold');
  assert.match(held.message!.ko, /관리자 확인/);
  const masked = guardText(text, { action: 'mask' });
  assert.equal(masked.text, '안녕하세요\n제 번호는 010-****-5678 입니다');
  assert.equal(maskText(text, masked.findings), masked.text);
  const ok = guardText('2026년 9월 20일 회의, 예산 1,234,000원', { action: 'block' });
  assert.equal(ok.decision, 'publish');
  assert.equal(ok.message, null);
});

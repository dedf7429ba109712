import { test } from 'node:test';
import assert from 'node:assert/strict';
import { manAge } from './age.ts';
import { evaluateEligibility } from './evaluate.ts';
import { EligibilityRule, type EligibilityRuleInput } from './schema.ts';

test('만 나이', () => {
  assert.equal(manAge('2012-09-20', '2026-09-19'), 13);
  assert.equal(manAge('2012-09-20', '2026-09-20'), 14);
  assert.equal(manAge('2008-02-29', '2026-02-28'), 17);
  assert.equal(manAge('2008-02-29', '2026-03-01'), 18);
  // Seoul date of the instant: 2026-09-19T15:00Z is already 09-20 in Seoul.
  assert.equal(manAge('2012-09-20', new Date('2026-09-19T15:00:00Z')), 14);
  assert.throws(() => manAge('2030-01-01', '2026-01-01'));
});

const suwonPb: EligibilityRuleInput = {
  minAge: 14,
  areas: { codes: ['41110', '41130'], relations: ['residence', 'work', 'study'], label: { ko: '수원시', en: 'Suwon' } },
  excludeOfficials: true,
};

test('eligible citizen', () => {
  const r = evaluateEligibility(
    suwonPb,
    { id: 'a', birthDate: '1990-05-05', areas: { residence: ['4111513800'] } },
    '2026-09-20',
  );
  assert.deepEqual(r, { ok: true });
  const worker = evaluateEligibility(
    suwonPb,
    { id: 'b', birthDate: '1990-05-05', areas: { residence: ['1144000000'], work: ['4113510100'] } },
    '2026-09-20',
  );
  assert.deepEqual(worker, { ok: true });
});

test('refusals carry a code and a reason in Korean and English', () => {
  const young = evaluateEligibility(
    suwonPb,
    { id: 'c', birthDate: '2012-09-21', areas: { residence: ['41115'] } },
    '2026-09-20',
  );
  assert.deepEqual(young, {
    ok: false,
    code: 'too-young',
    reason: {
      ko: '만 14세 이상만 참여할 수 있습니다 (현재 만 13세).',
      en: 'You must be at least 14 years old (you are 13).',
    },
  });
  const outside = evaluateEligibility(
    suwonPb,
    { id: 'd', birthDate: '1990-01-01', areas: { residence: ['1144000000'] } },
    '2026-09-20',
  );
  assert.equal(outside.ok, false);
  if (!outside.ok) {
    assert.equal(outside.code, 'area');
    assert.equal(outside.reason.ko, '수원시에 거주·직장 재직·학교 재학 중인 분만 참여할 수 있습니다.');
    assert.equal(outside.reason.en, 'Only people who live, work or study in Suwon can take part.');
  }
  const official = evaluateEligibility(
    suwonPb,
    { id: 'e', birthDate: '1980-01-01', areas: { residence: ['41115'] }, isOfficial: true },
    '2026-09-20',
  );
  assert.equal(official.ok === false && official.code, 'official');
  const unknown = evaluateEligibility(suwonPb, { id: 'f', areas: { residence: ['41115'] } }, '2026-09-20');
  assert.equal(unknown.ok === false && unknown.code, 'age-unknown');
});

test('allow list overrides, or restricts when allowListOnly', () => {
  const rule: EligibilityRuleInput = { ...suwonPb, allowList: ['member-1'] };
  assert.deepEqual(evaluateEligibility(rule, { id: 'member-1', isOfficial: true }, '2026-09-20'), { ok: true });
  const closed = { allowList: ['member-1'], allowListOnly: true };
  assert.equal(evaluateEligibility(closed, { id: 'x' }, '2026-09-20').ok, false);
  assert.equal(evaluateEligibility(closed, { id: 'member-1' }, '2026-09-20').ok, true);
});

test('rule schema validates admin settings', () => {
  assert.throws(() => EligibilityRule.parse({ minAge: -1 }));
  assert.throws(() => EligibilityRule.parse({ areas: { codes: ['4111'] } }));
  assert.deepEqual(EligibilityRule.parse({}), { excludeOfficials: false, allowList: [], allowListOnly: false });
});

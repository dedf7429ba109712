import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BoardSettings, Tier } from './settings.ts';
import { PRESETS, PRESET_INPUTS, PRESET_NAMES, presetWith } from './presets.ts';

describe('BoardSettings', () => {
  it('has usable defaults (Seoul department tier, 30-day window, report threshold 3)', () => {
    const s = BoardSettings.parse({});
    assert.equal(s.kind, 'proposal');
    assert.equal(s.supportWindowDays, 30);
    assert.equal(s.tiers.length, 1);
    assert.deepEqual(s.tiers[0].answerDeadline, { months: 1, workingDays: false, from: 'reached' });
    assert.equal(s.comments.reportHideThreshold, 3);
    assert.equal(s.comments.temporaryMeasureDays, 30);
    assert.equal(s.pii.action, 'block');
    assert.equal(s.prePublication, null);
    // eligibility defaults are parsed by the rules library's schema, not left as {}
    assert.equal(s.eligibility.support.excludeOfficials, false);
    assert.deepEqual(s.eligibility.comment.allowList, []);
    assert.deepEqual(s.interimAnswer, { whenOverdue: true, repeatEveryDays: 30 });
  });

  it('accepts eligibility rules per action', () => {
    const s = BoardSettings.parse({ eligibility: { support: { minAge: 14, areas: { codes: ['41110'] } } } });
    assert.equal(s.eligibility.support.minAge, 14);
    assert.deepEqual(s.eligibility.support.areas?.relations, ['residence', 'work', 'study']);
    assert.equal(s.eligibility.write.minAge, undefined);
  });

  it('rejects a deadline with both or neither of days and months, and working months', () => {
    const base = { key: 't', threshold: 1, answerer: 'department', label: { ko: '가', en: 'a' } } as const;
    assert.equal(Tier.safeParse({ ...base, answerDeadline: { days: 3, months: 1 } }).success, false);
    assert.equal(Tier.safeParse({ ...base, answerDeadline: {} }).success, false);
    assert.equal(Tier.safeParse({ ...base, answerDeadline: { months: 1, workingDays: true } }).success, false);
    assert.equal(Tier.safeParse({ ...base, answerDeadline: null }).success, true);
  });

  it('rejects duplicate tier keys and non-increasing thresholds', () => {
    const t = (key: string, threshold: number) => ({
      key,
      threshold,
      answerer: 'department',
      answerDeadline: null,
      label: { ko: '가', en: 'a' },
    });
    assert.equal(BoardSettings.safeParse({ tiers: [t('a', 5), t('a', 10)] }).success, false);
    assert.equal(BoardSettings.safeParse({ tiers: [t('a', 10), t('b', 10)] }).success, false);
    assert.equal(BoardSettings.safeParse({ tiers: [t('a', 10), { ...t('b', 5), counts: 'comments' }] }).success, true);
  });

  it('rejects out-of-range numbers', () => {
    assert.equal(BoardSettings.safeParse({ supportWindowDays: 0 }).success, false);
    assert.equal(BoardSettings.safeParse({ comments: { reportHideThreshold: 0 } }).success, false);
    assert.equal(BoardSettings.safeParse({ comments: { temporaryMeasureDays: 31 } }).success, false);
  });
});

describe('presets', () => {
  it('every preset parses with the schema', () => {
    for (const name of PRESET_NAMES) {
      const r = BoardSettings.safeParse(PRESET_INPUTS[name]);
      assert.ok(r.success, `${name}: ${r.success ? '' : r.error.message}`);
      assert.deepEqual(PRESETS[name], r.data);
    }
  });

  it('carries the numbers of the systems they name', () => {
    assert.deepEqual(
      PRESETS.seoul.tiers.map((t) => [t.threshold, t.answerer]),
      [
        [50, 'department'],
        [100, 'deliberation'],
        [1000, 'mayor'],
      ],
    );
    assert.equal(PRESETS['suwon-question'].countToward, 'comments');
    assert.equal(PRESETS['suwon-question'].tiers[0].threshold, 200);
    assert.equal(PRESETS['suwon-question'].comments.stanceEnabled, true);
    assert.deepEqual(PRESETS['assembly-petition'].prePublication, { agreements: 100, windowDays: 30 });
    assert.equal(PRESETS['assembly-petition'].tiers[0].threshold, 50_000);
    assert.equal(PRESETS['local-petition-1000'].tiers[0].threshold, 1000);
    assert.equal(PRESETS['local-petition-5000'].tiers[0].threshold, 5000);
    assert.equal(PRESETS['saha-request'].kind, 'request');
    assert.equal(PRESETS['saha-request'].tiers[0].answerDeadline?.workingDays, true);
  });

  it('presetWith applies tenant overrides and validates them', () => {
    assert.equal(presetWith('seoul', { supportWindowDays: 60 }).supportWindowDays, 60);
    assert.throws(() => presetWith('seoul', { supportWindowDays: -1 }));
  });
});

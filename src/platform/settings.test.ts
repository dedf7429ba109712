import { test } from 'node:test';
import assert from 'node:assert/strict';
import { settingFields, formToSettings, readSettings } from './settings.ts';
import { proposalBoard } from '../modules/proposals/manifest.ts';

test('the settings form is generated from the zod schema, with Korean labels and limits', () => {
  const fields = settingFields(proposalBoard.settings);
  const window = fields.find((f) => f.name === 'supportWindowDays')!;
  assert.deepEqual({ kind: window.kind, min: window.min, max: window.max, ko: window.label.ko }, { kind: 'number', min: 1, max: 365, ko: '공감 모집 기간(일)' });
  const pii = fields.find((f) => f.name === 'piiAction')!;
  assert.equal(pii.kind, 'select');
  assert.deepEqual(pii.options!.map((o) => o.value), ['block', 'hold', 'mask']);
  assert.equal(pii.options![0].label.ko, '등록을 막고 위치를 알려 줌');
  assert.equal(fields.find((f) => f.name === 'commentsEnabled')!.kind, 'boolean');
});

test('form values become typed settings; an unchecked box means false', () => {
  const fields = settingFields(proposalBoard.settings);
  const v = formToSettings(fields, { supportWindowDays: ' 14 ', piiAction: 'mask', answerThreshold: '100', pageSize: '10' });
  assert.equal(v.commentsEnabled, false);
  const parsed = proposalBoard.settings.parse({ ...v, areaCode: '', answerDeadlineUnit: 'months', preset: 'custom', screening: 'at-threshold', countToward: 'supports', kind: 'proposal', topics: '', areas: '' });
  assert.deepEqual(
    { supportWindowDays: parsed.supportWindowDays, answerThreshold: parsed.answerThreshold, piiAction: parsed.piiAction, pageSize: parsed.pageSize, commentsEnabled: parsed.commentsEnabled, stanceEnabled: parsed.stanceEnabled, reportHideThreshold: parsed.reportHideThreshold },
    { supportWindowDays: 14, answerThreshold: 100, piiAction: 'mask', pageSize: 10, commentsEnabled: false, stanceEnabled: false, reportHideThreshold: 3 },
  );
});

test('stored settings fill in defaults, and a value the schema no longer accepts falls back to its default', () => {
  assert.equal(readSettings(proposalBoard, {}).supportWindowDays, 30);
  const s = readSettings(proposalBoard, { supportWindowDays: 9999, answerThreshold: 70 });
  assert.equal(s.supportWindowDays, 30);
  assert.equal(s.answerThreshold, 70);
});

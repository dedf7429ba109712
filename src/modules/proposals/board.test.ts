// The proposal board's settings through the platform's settings engine: the generated form, typed values, defaults.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { z } from 'zod';
import { settingFields, formToSettings, readSettings, settingIssueMessage } from '../../platform/settings.ts';
import { proposalBoard } from './board.ts';

test('the settings form is generated from the zod schema, with Korean labels and limits', () => {
  const fields = settingFields(proposalBoard.settings);
  const window = fields.find((f) => f.name === 'supportWindowDays')!;
  assert.deepEqual(
    { kind: window.kind, min: window.min, max: window.max, ko: window.label.ko },
    { kind: 'number', min: 1, max: 365, ko: '공감 모집 기간(일)' },
  );
  const pii = fields.find((f) => f.name === 'piiAction')!;
  assert.equal(pii.kind, 'select');
  assert.deepEqual(
    pii.options!.map((o) => o.value),
    ['block', 'hold', 'mask'],
  );
  assert.equal(pii.options![0].label.ko, '등록을 막고 위치를 알려 줌');
  assert.equal(fields.find((f) => f.name === 'commentsEnabled')!.kind, 'boolean');
});

test('form values become typed settings; an unchecked box means false', () => {
  const fields = settingFields(proposalBoard.settings);
  const v = formToSettings(fields, {
    supportWindowDays: ' 14 ',
    piiAction: 'mask',
    answerThreshold: '100',
    pageSize: '10',
  });
  assert.equal(v.commentsEnabled, false);
  const parsed = proposalBoard.settings.parse({
    ...v,
    areaCode: '',
    answerDeadlineUnit: 'months',
    preset: 'custom',
    screening: 'at-threshold',
    countToward: 'supports',
    kind: 'proposal',
    topics: '',
    areas: '',
  });
  assert.deepEqual(
    {
      supportWindowDays: parsed.supportWindowDays,
      answerThreshold: parsed.answerThreshold,
      piiAction: parsed.piiAction,
      pageSize: parsed.pageSize,
      commentsEnabled: parsed.commentsEnabled,
      stanceEnabled: parsed.stanceEnabled,
      reportHideThreshold: parsed.reportHideThreshold,
    },
    {
      supportWindowDays: 14,
      answerThreshold: 100,
      piiAction: 'mask',
      pageSize: 10,
      commentsEnabled: false,
      stanceEnabled: false,
      reportHideThreshold: 3,
    },
  );
});

test('stored settings fill in defaults, and a value the schema no longer accepts falls back to its default', () => {
  assert.equal(readSettings(proposalBoard, {}).supportWindowDays, 30);
  const s = readSettings(proposalBoard, { supportWindowDays: 9999, answerThreshold: 70 });
  assert.equal(s.supportWindowDays, 30);
  assert.equal(s.answerThreshold, 70);
});

test('a list of texts becomes a one-per-line field; blank lines and spaces do not count', () => {
  const type = {
    type: 'demo-list',
    name: { ko: '목록', en: 'List' },
    settings: z.object({
      sources: z.array(z.string().min(1).max(20)).min(1).default(['국비', '시비']).meta({ ko: '재원', en: 'Sources' }),
    }),
  };
  const [f] = settingFields(type.settings);
  assert.deepEqual(
    { kind: f.kind, maxLength: f.maxLength, ko: f.label.ko },
    { kind: 'list', maxLength: 20, ko: '재원' },
  );
  assert.deepEqual(formToSettings([f], { sources: ' 국비 \r\n\r\n도비\n 시비\n' }).sources, ['국비', '도비', '시비']);
  assert.equal(formToSettings([f], {}).sources, undefined);
  const empty = type.settings.safeParse(formToSettings([f], { sources: '\n \n' }));
  assert.ok(!empty.success);
  assert.equal(settingIssueMessage(empty.error.issues[0], 'ko'), '1줄 이상 적어 주세요.');
  assert.equal(
    settingIssueMessage(
      { code: 'custom', path: ['x'], message: '두 번 적었습니다. / Listed twice.', input: 1 } as never,
      'en',
    ),
    'Listed twice.',
  );
  assert.throws(() => settingFields(z.object({ n: z.array(z.number()) })), /only lists of text/);
});

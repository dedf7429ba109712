import { test } from 'node:test';
import assert from 'node:assert/strict';
import { piiCommand, workdaysCommand } from './cli.ts';

test('madang pii prints a JSON array of findings', async () => {
  const out = JSON.parse(await piiCommand('연락처 010-1234-5678\n'));
  assert.deepEqual(out, [{ kind: 'phone', start: 4, end: 17, confidence: 0.95, masked: '010-****-5678' }]);
  assert.equal(await piiCommand('2026년 9월 20일 예산 1,234,000원'), '[]');
});

test('madang workdays add / between', () => {
  assert.deepEqual(workdaysCommand(['add', '2026-09-20', '10']), { out: '2026-10-07', code: 0 });
  assert.deepEqual(workdaysCommand(['between', '2026-09-20', '2026-10-10']), { out: '11', code: 0 });
});

test('bad input → code 2 with a clear message', () => {
  for (const args of [
    [],
    ['add'],
    ['add', '2026-02-30', '3'],
    ['add', '2026-09-20', 'ten'],
    ['add', '2026-09-20', '0'],
    ['between', '2026-09-20'],
    ['sub', 'x', 'y'],
    ['add', '2026-09-20', '1', 'x'],
  ]) {
    const r = workdaysCommand(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.out, /^error: .+\nusage: madang workdays/);
  }
});

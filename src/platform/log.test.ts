import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from './log.ts';

test('the logger redacts personal fields if one slips in', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _e, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  const log = createLogger('info', sink);
  log.info({ personId: 7, personKey: 'abc', birthDate: '1990-01-01', phone: '010-1234-5678' }, 'sign-in');
  const out = lines.join('');
  assert.match(out, /"personId":7/);
  assert.doesNotMatch(out, /1990-01-01|010-1234-5678|"abc"/);
});

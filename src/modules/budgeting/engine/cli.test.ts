// `madang pb` on files of our own; the same command on real Pabulib files: cli.elections.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pbCommand } from './cli.ts';
import { tinyPb } from './fixtures.ts';

describe('madang pb', () => {
  it('exit code 2 and a line number on a malformed file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madang-pb-'));
    const bad = join(dir, 'bad.pb');
    writeFileSync(bad, tinyPb({ a: 10 }, 10, [['a'], ['zz']]));
    const r = await pbCommand([bad]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /line 14: expected project ids from the PROJECTS section/);
  });
  it('exit code 2 on a missing file, no file, or a file whose META rule we do not run', async () => {
    assert.equal((await pbCommand(['/nonexistent.pb'])).code, 2);
    assert.equal((await pbCommand([])).code, 2);
    const file = join(mkdtempSync(join(tmpdir(), 'madang-pb-')), 'unknown.pb');
    writeFileSync(file, tinyPb({ a: 10 }, 10, [['a']], 'unknown'));
    const r = await pbCommand([file]);
    assert.equal(r.code, 2);
    assert.match(r.err, /pass --rule/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectPii } from './index.ts';
import { hardCorpus } from './testdata/hard.ts';

// Issue 21: the hard corpus (spelled, look-alike, spaced, split, full-width and mixed
// forms; public and number-shaped negatives). Prints recall and false alarms by kind.
test('hard corpus: recall ≥ 99 % and false alarms ≤ 1 %, by kind', () => {
  const { positives, negatives } = hardCorpus();
  assert.ok(positives.length >= 1000 && negatives.length >= 1000, `corpus too small: ${positives.length}/${negatives.length}`);
  const rows = new Map<string, { n: number; bad: number; what: 'recall' | 'false alarms' }>();
  const row = (key: string, what: 'recall' | 'false alarms', bad: boolean) => {
    const r = rows.get(key) ?? { n: 0, bad: 0, what };
    r.n++;
    if (bad) r.bad++;
    rows.set(key, r);
  };
  const missed: string[] = [], alarms: string[] = [];
  for (const p of positives) {
    const hit = detectPii(p.text).some((f) => f.start < p.end && p.start < f.end &&
      (f.kind === p.kind || (p.kind === 'rrn' && f.kind === 'alien-registration')));
    row(`+ ${p.kind} / ${p.form}`, 'recall', !hit);
    if (!hit) missed.push(`${p.kind}/${p.form} ${JSON.stringify(p.text)}`);
  }
  for (const n of negatives) {
    const f = detectPii(n.text, n.options);
    row(`- ${n.kind}`, 'false alarms', f.length > 0);
    if (f.length) alarms.push(`${n.kind} ${JSON.stringify(n.text)} → ${f.map((x) => x.kind).join(',')}`);
  }
  const table = [...rows].sort(([a], [b]) => a.localeCompare(b)).map(([key, r]) => ({
    kind: key,
    samples: r.n,
    [r.what === 'recall' ? 'recall %' : 'false alarm %']: ((r.what === 'recall' ? 1 - r.bad / r.n : r.bad / r.n) * 100).toFixed(1),
  }));
  const recall = 1 - missed.length / positives.length;
  const falseAlarms = alarms.length / negatives.length;
  console.log(`PII hard corpus: ${positives.length} positives, ${negatives.length} negatives — recall ` +
    `${(recall * 100).toFixed(2)} %, false alarms ${(falseAlarms * 100).toFixed(2)} %`);
  console.table(table);
  for (const m of missed) console.log('  missed:', m);
  for (const a of alarms) console.log('  false alarm:', a);
  assert.ok(recall >= 0.99, `recall ${recall}`);
  assert.ok(falseAlarms <= 0.01, `false alarms ${falseAlarms}`);
});

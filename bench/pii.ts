// Throughput of the PII guard on ~1 MB of realistic mixed Korean text (seed
// documents, citizen posts, a sprinkle of personal data). Not a timed test: prints MB/s.
// Run: node --import tsx bench/pii.ts
import { detectPii } from '../src/rules/pii/index.ts';
import { generatedNegatives, positives, seedNegatives } from '../src/rules/pii/testdata/corpus.ts';
import { hardCorpus } from '../src/rules/pii/testdata/hard.ts';

// Mostly ordinary text: the five seed documents and generated civic sentences, with
// one citizen post in ten carrying personal data.
const hard = hardCorpus();
const ordinary = [...seedNegatives().slice(0, 5), ...generatedNegatives()];
const leaky = positives().map((p) => p.text);
const parts: string[] = [];
for (let i = 0; i < ordinary.length; i++) {
  parts.push(ordinary[i]);
  if (i % 9 === 8) parts.push(leaky[((i / 9) % leaky.length) | 0]);
}
let text = '';
for (let i = 0; Buffer.byteLength(text, 'utf8') < 1_000_000; i++) text += parts[i % parts.length] + '\n';

function measure(label: string, text: string): void {
  const bytes = Buffer.byteLength(text, 'utf8');
  for (let i = 0; i < 3; i++) detectPii(text); // warm up the JIT
  const runs = 10;
  const t0 = performance.now();
  let findings = 0;
  for (let i = 0; i < runs; i++) findings = detectPii(text).length;
  const seconds = (performance.now() - t0) / 1000 / runs;
  console.log(
    `PII guard, ${label}: ${(bytes / 1e6).toFixed(2)} MB UTF-8, ${findings} findings, ` +
      `${(seconds * 1000).toFixed(1)} ms per pass → ${(bytes / 1e6 / seconds).toFixed(1)} MB/s (target ≥ 20 MB/s)`,
  );
}

measure('realistic mix', text);
// Worst case: every line carries personal data.
let dense = '';
for (let i = 0; dense.length < 530_000; i++) dense += leaky[i % leaky.length] + '\n';
measure('PII-dense text', dense);
// The hard corpus (issue 21): number-shaped and public text, one line in ten leaking.
const hardParts: string[] = [];
hard.negatives.forEach((n, i) => {
  hardParts.push(n.text);
  if (i % 9 === 8) hardParts.push(hard.positives[((i / 9) % hard.positives.length) | 0].text);
});
let hardMix = '';
for (let i = 0; Buffer.byteLength(hardMix, 'utf8') < 1_000_000; i++) hardMix += hardParts[i % hardParts.length] + '\n';
measure('hard-corpus mix', hardMix);
// Worst case for the spelled-digit pass: every line is a number written in Hangul,
// look-alike letters or single spaced digits (issue 21's hard forms only).
const spelled = hard.positives.filter((p) => /hangul|letters|spaced|split/.test(p.form)).map((p) => p.text);
let worst = '';
for (let i = 0; worst.length < 530_000; i++) worst += spelled[i % spelled.length] + '\n';
measure('spelled-number-dense text', worst);

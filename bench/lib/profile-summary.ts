// Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `npm run bench:supports -- --profile <dir>`): the functions
// with the most self time, and the share of time spent under (inclusive) the frames whose name or file matches a
// pattern. Usage: node --import tsx bench/lib/profile-summary.ts <file.cpuprofile> [top=25] [pattern ...]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
const [file, topArg = '25', ...patterns] = process.argv.slice(2);
const prof = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
};
// WINDOW=<from>-<to> (monotonic microseconds, as bench:supports prints them): only the samples taken in between.
if (process.env.WINDOW) {
  const [from, to] = process.env.WINDOW.split('-').map(Number);
  let t = prof.startTime;
  const keep: number[] = [];
  prof.samples.forEach((s, i) => {
    t += prof.timeDeltas[i];
    if (t >= from && t <= to) keep.push(s);
  });
  prof.samples = keep;
}
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const hits = new Map<number, number>();
for (const s of prof.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
const total = prof.samples.length;
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/src\//, 'src/')}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
for (const [id, h] of hits) {
  const k = label(byId.get(id)!);
  self.set(k, (self.get(k) ?? 0) + h);
}
const idle = [...hits]
  .filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)')
  .reduce((a, [, h]) => a + h, 0);
console.log(`${total} samples, idle ${((idle / total) * 100).toFixed(1)}%`);
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg)))
  console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);

for (const pat of patterns) {
  const re = new RegExp(pat);
  let n = 0;
  for (const [id, h] of hits) {
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      if (re.test(label(byId.get(cur)!))) {
        n += h;
        break;
      }
    }
  }
  console.log(`under /${pat}/: ${((n / total) * 100).toFixed(1)}%`);
}

// CALLERS=<pattern>: the most frequent call stacks (innermost first, 8 frames) ending in a matching function.
if (process.env.CALLERS) {
  const re = new RegExp(process.env.CALLERS);
  const stacks = new Map<string, number>();
  for (const [id, h] of hits) {
    if (!re.test(label(byId.get(id)!))) continue;
    const frames: string[] = [];
    for (
      let cur: number | undefined = id;
      cur !== undefined && frames.length < Number(process.env.DEPTH ?? 8);
      cur = parent.get(cur)
    )
      frames.push(label(byId.get(cur)!));
    const k = frames.join('\n      ← ');
    stacks.set(k, (stacks.get(k) ?? 0) + h);
  }
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, 6))
    console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

// BY=package: self time summed per package (node_modules/<name>), per source file of the app, or per Node internal.
if (process.env.BY === 'package') {
  const per = new Map<string, number>();
  for (const [id, h] of hits) {
    const url = byId.get(id)!.callFrame.url;
    const k = url.includes('node_modules/')
      ? url.replace(/^.*node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1')
      : url.includes('/src/')
        ? url.replace(/^.*\/src\//, 'src/')
        : url.startsWith('node:')
          ? url.split('/').slice(0, 2).join('/')
          : `(${byId.get(id)!.callFrame.functionName || 'native'})`;
    per.set(k, (per.get(k) ?? 0) + h);
  }
  for (const [k, v] of [...per].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.log(`${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
}

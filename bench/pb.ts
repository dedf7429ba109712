// Benchmark of the participatory budgeting engine (not a test): every shared Pabulib file
// with its own rule and the other applicable rules, then a synthetic approval election of
// 200 000 voters x 120 projects (fixed PRNG seed) with memory at 50k/100k/200k voters.
// Run: npm run bench:pb (node --expose-gc --import tsx bench/pb.ts). Columns: ms = best wall time of 5 after a
// warm-up, cpu ms = median process CPU time of those 5 (steadier on a shared, loaded machine).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pabulibDir } from '../src/modules/budgeting/engine/fixtures.ts';
import { parsePb } from '../src/modules/budgeting/engine/pbfile.ts';
import { ruleFromMeta, runRule, type RuleName } from '../src/modules/budgeting/engine/rules.ts';
import { rat } from '../src/modules/budgeting/engine/rational.ts';
import type { PbFile, PbVote } from '../src/modules/budgeting/engine/types.ts';
import { mulberry32 } from './lib/random.ts';

// A benchmark, not a test: it may read the Pabulib files beside the repository (they state no licence, so they are
// not in it); PABULIB_DIR names another folder.
process.env.PABULIB_DIR ??= '../shared/data/pabulib';

const mb = (b: number): string => (b / 1048576).toFixed(0);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

// Wall time (best of N) shows what a quiet machine can do; CPU time (median of N) is steadier
// when other processes share the cores, which is when before/after comparisons are made.
interface Row {
  file: string;
  rule: string;
  ms: number;
  cpu: number;
  selected: number;
  heap: string;
  rss: string;
}

const cpuMs = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
};
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const rows: Row[] = [];

function time(file: string, pb: PbFile, rule: RuleName, repeat: number): void {
  runRule(pb, rule); // warm-up: the JIT, not the engine, dominates a first run
  let best = Infinity;
  let selected = 0;
  const cpu: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const t = performance.now();
    const c = process.cpuUsage();
    selected = runRule(pb, rule).selected.length;
    cpu.push(cpuMs(c));
    best = Math.min(best, performance.now() - t);
  }
  const m = process.memoryUsage();
  rows.push({ file, rule, ms: best, cpu: median(cpu), selected, heap: mb(m.heapUsed), rss: mb(m.rss) });
}

function table(): void {
  console.log(
    `${'file'.padEnd(62)} ${'rule'.padEnd(20)} ${'ms'.padStart(9)} ${'cpu ms'.padStart(9)} ${'sel'.padStart(4)} ${'heapMB'.padStart(7)} ${'rssMB'.padStart(6)}`,
  );
  for (const r of rows)
    console.log(
      `${r.file.padEnd(62)} ${r.rule.padEnd(20)} ${r.ms.toFixed(1).padStart(9)} ${r.cpu.toFixed(1).padStart(9)} ${String(r.selected).padStart(4)} ${r.heap.padStart(7)} ${r.rss.padStart(6)}`,
    );
  rows.length = 0;
}

// --- shared files ---
const dir = pabulibDir();
for (const name of readdirSync(dir)
  .filter((f) => f.endsWith('.pb'))
  .sort()) {
  const pb = parsePb(readFileSync(join(dir, name), 'utf8'));
  const own = ruleFromMeta(pb.rule);
  const approval = pb.voteType === 'approval' || pb.voteType === 'choose-1';
  const rules: RuleName[] = own ? [own] : ['greedy'];
  if (approval)
    for (const r of ['greedy', 'mes', 'mes-add1', 'mes-add1-comparison'] as const)
      if (!rules.includes(r)) rules.push(r);
  for (const r of rules) time(name.replace(/\.pb$/, ''), pb, r, 5);
}
table();

// --- synthetic 200 000 x 120 ---
function synthetic(voters: number, projects = 120, seed = 20240611): PbFile {
  const rnd = mulberry32(seed);
  const ids = Array.from({ length: projects }, (_, i) => `p${i + 1}`);
  // Skewed popularity, as in real elections: a few projects get most approvals.
  const weight = ids.map((_, i) => 1 / Math.sqrt(i + 1));
  const total = weight.reduce((s, w) => s + w, 0);
  const cdf: number[] = [];
  weight.reduce((s, w, i) => (cdf[i] = s + w / total), 0);
  const pick = (): number => {
    const r = rnd();
    let lo = 0;
    let hi = projects - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < r) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const votes: PbVote[] = new Array(voters);
  for (let v = 0; v < voters; v++) {
    const len = 1 + Math.floor(rnd() * 10);
    const chosen = new Set<number>();
    while (chosen.size < len) chosen.add(pick());
    votes[v] = { voterId: String(v), projects: [...chosen].map((p) => ids[p]), fields: {} };
  }
  const budget = 20 * voters * 5; // 100 per voter
  const projectsRows = ids.map((id) => ({
    id,
    cost: rat(BigInt(50000 + Math.floor(rnd() * 40) * 25000)),
    categories: [],
    beneficiaries: [],
    fields: {},
  }));
  return {
    meta: { budget: String(budget), vote_type: 'approval', rule: 'equalshares/add1-comparison' },
    budget: rat(BigInt(budget)),
    voteType: 'approval',
    rule: 'equalshares/add1-comparison',
    projectColumns: ['project_id', 'cost'],
    voteColumns: ['voter_id', 'vote'],
    projects: projectsRows,
    votes,
  };
}

console.log('\nsynthetic approval election, 120 projects, memory after generating and counting (MB):');
for (const n of [50000, 100000, 200000]) {
  gc();
  const before = process.memoryUsage().heapUsed;
  const pb = synthetic(n);
  const o = runRule(pb, 'mes-add1-comparison');
  gc();
  const m = process.memoryUsage();
  console.log(
    `  voters ${String(n).padStart(6)}: groups ${o.election.groups.length}, heap +${mb(m.heapUsed - before)} MB (heap ${mb(m.heapUsed)}, rss ${mb(m.rss)})`,
  );
}
{
  const pb = synthetic(200000);
  for (const r of ['greedy', 'mes', 'mes-add1', 'mes-add1-comparison'] as const) {
    const t = performance.now();
    const c = process.cpuUsage();
    const o = runRule(pb, r);
    const cpu = cpuMs(c);
    const m = process.memoryUsage();
    rows.push({
      file: 'synthetic 200000 x 120',
      rule: r + (o.add1 ? ` (${o.add1.iterations} runs)` : ''),
      ms: performance.now() - t,
      cpu,
      selected: o.selected.length,
      heap: mb(m.heapUsed),
      rss: mb(m.rss),
    });
  }
  table();
}

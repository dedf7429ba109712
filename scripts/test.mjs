// Runs every *.test.ts under src/ and test/ with the Node test runner (Node 20 has no --test globs).
// Usage: npm test [-- path-filter ...]
//        npm run test:elections [-- path-filter ...]   (node scripts/test.mjs --elections)
// *.elections.test.ts check the budgeting engine against real Pabulib elections, which state no licence and so are
// not in the repository: they run only with --elections, reading the folder named by PABULIB_DIR.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

function walk(dir, out) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts') || name.endsWith('.test.tsx')) out.push(p);
  }
  return out;
}

const args = process.argv.slice(2);
const elections = args.includes('--elections');
const filters = args.filter((a) => a !== '--elections');
const isElection = (f) => /\.elections\.test\.tsx?$/.test(f);
const HINT =
  'The engine is also checked against real Pabulib elections (not in the repository): PABULIB_DIR=<folder of .pb files> npm run test:elections';

if (elections) {
  const dir = process.env.PABULIB_DIR;
  if (!dir) {
    console.error(
      'npm run test:elections: set PABULIB_DIR to a folder of Pabulib .pb files, e.g. PABULIB_DIR=../shared/data/pabulib',
    );
    process.exit(2);
  }
  if (!existsSync(resolve(dir)) || !statSync(resolve(dir)).isDirectory()) {
    console.error(`npm run test:elections: PABULIB_DIR=${dir} is not a folder (${resolve(dir)})`);
    process.exit(2);
  }
}
const files = walk('src', walk('test', []))
  .sort()
  .filter((f) => isElection(f) === elections)
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error('no test files matched');
  if (!elections) console.log(HINT);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
// Last, so that it is seen under the test report.
if (!elections) console.log(HINT);
process.exit(r.status ?? 1);

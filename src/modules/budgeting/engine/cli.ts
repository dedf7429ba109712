// `madang pb <file.pb> [--rule ...] [--explain]`: other tools parse this output, so its
// shape is fixed: one JSON object {"rule", "selected" (in the order chosen), "cost",
// "budget"} plus "explain" when asked. Exit code 2 means the file (or the command line)
// is bad; the message says what and where.
import { readFile } from 'node:fs/promises';
import { explain } from './explain.ts';
import { rat, toDecimalString } from './rational.ts';
import { RULES, ruleFromMeta, runRule, type RuleName, type RunOptions } from './rules.ts';
import { parsePb } from './pbfile.ts';
import { PbFormatError, type PbFile } from './types.ts';

export interface CommandResult {
  out: string;
  err: string;
  code: number;
}

const USAGE =
  'usage: madang pb <file.pb> [--rule auto|greedy|greedy-no-skip|greedy-threshold|mes|mes-add1|mes-add1-comparison] [--explain]\n' +
  '       [--add1-grid integral|exact] [--invalid-ballots void|drop-excess|count-all] [--greedy-completion]';

function fail(msg: string): CommandResult {
  return { out: '', err: `madang pb: ${msg}\n`, code: 2 };
}

/** JSON number for an exact amount (costs in files are integers or short decimals). */
function amount(n: bigint, scale: bigint): number {
  return Number(toDecimalString(rat(n, scale)));
}

export async function pbCommand(args: string[]): Promise<CommandResult> {
  let file: string | undefined;
  let rule = 'auto';
  let wantExplain = false;
  const opts: RunOptions = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [flag, inline] =
      a.startsWith('--') && a.includes('=')
        ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]
        : [a, undefined];
    const value = (): string | undefined => inline ?? args[++i];
    if (flag === '--rule') rule = value() ?? '';
    else if (flag === '--explain') wantExplain = true;
    else if (flag === '--greedy-completion') opts.greedyCompletion = true;
    else if (flag === '--add1-grid') {
      const v = value();
      if (v !== 'integral' && v !== 'exact') return fail(`--add1-grid must be integral or exact\n${USAGE}`);
      opts.add1 = { grid: v };
    } else if (flag === '--invalid-ballots') {
      const v = value();
      if (v !== 'void' && v !== 'drop-excess' && v !== 'count-all')
        return fail(`--invalid-ballots must be void, drop-excess or count-all\n${USAGE}`);
      opts.invalidBallots = v;
    } else if (flag === '--help' || flag === '-h') return { out: `${USAGE}\n`, err: '', code: 0 };
    else if (flag.startsWith('-')) return fail(`unknown option ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else return fail(`only one file, got ${file} and ${a}\n${USAGE}`);
  }
  if (file === undefined) return fail(`no file given\n${USAGE}`);
  if (rule !== 'auto' && !(RULES as readonly string[]).includes(rule)) return fail(`unknown rule "${rule}"\n${USAGE}`);

  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  let pb: PbFile;
  try {
    pb = parsePb(text);
  } catch (e) {
    if (e instanceof PbFormatError) return fail(`${file}: ${e.message}`);
    throw e;
  }
  let resolved: RuleName;
  if (rule === 'auto') {
    const r = ruleFromMeta(pb.rule);
    if (!r) return fail(`${file}: META rule "${pb.rule}" is not one this engine runs; pass --rule`);
    resolved = r;
  } else resolved = rule as RuleName;

  try {
    const o = runRule(pb, resolved, opts);
    const e = o.election;
    const result: Record<string, unknown> = {
      rule: resolved,
      selected: o.selected.map((p) => e.ids[p]),
      cost: amount(o.cost, e.scale),
      budget: amount(e.budget, e.scale),
    };
    if (wantExplain) result.explain = explain(o);
    return { out: `${JSON.stringify(result)}\n`, err: '', code: 0 };
  } catch (e) {
    // A rule that cannot run on this file (e.g. greedy-threshold without a threshold).
    return fail(`${file}: ${(e as Error).message}`);
  }
}

// Allows `node --import tsx src/modules/budgeting/engine/cli.ts <file.pb> ...` before the main CLI wires it up.
if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await pbCommand(process.argv.slice(2));
  process.stdout.write(r.out);
  process.stderr.write(r.err);
  process.exitCode = r.code;
}

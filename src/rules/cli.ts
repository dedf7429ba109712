// Command-line entry points, called by src/cli.ts:
//   npx madang pii                                   (text on stdin → JSON findings)
//   npx madang workdays add 2026-09-20 10            → 2026-10-07
//   npx madang workdays between 2026-09-20 2026-10-10 → 11
// Pure functions: the caller reads stdin and prints `out`.
import { isIsoDate } from './calendar/date.ts';
import { addWorkingDays, countWorkingDays } from './calendar/workdays.ts';
import { detectPii } from './pii/detect.ts';

/** JSON array of findings: {kind, start, end, confidence, masked}, offsets in UTF-16 units. */
export async function piiCommand(stdinText: string): Promise<string> {
  const findings = detectPii(stdinText).map(({ kind, start, end, confidence, masked }) => ({
    kind,
    start,
    end,
    confidence,
    masked,
  }));
  return JSON.stringify(findings);
}

const USAGE = [
  'usage: madang workdays add <YYYY-MM-DD> <N>         the N-th working day, counting the start day',
  '       madang workdays between <YYYY-MM-DD> <YYYY-MM-DD>  working days, both ends included',
].join('\n');

export function workdaysCommand(args: string[]): { out: string; code: number } {
  const [sub, a, b, ...rest] = args;
  const bad = (why: string) => ({ out: `error: ${why}\n${USAGE}`, code: 2 });
  if (rest.length > 0) return bad('too many arguments');
  if (sub === 'add') {
    if (!a || !isIsoDate(a)) return bad(`not a date (YYYY-MM-DD): ${a ?? '(missing)'}`);
    if (!b || !/^\d{1,5}$/.test(b) || Number(b) < 1)
      return bad(`not a positive whole number of days: ${b ?? '(missing)'}`);
    return { out: addWorkingDays(a, Number(b)), code: 0 };
  }
  if (sub === 'between') {
    if (!a || !isIsoDate(a)) return bad(`not a date (YYYY-MM-DD): ${a ?? '(missing)'}`);
    if (!b || !isIsoDate(b)) return bad(`not a date (YYYY-MM-DD): ${b ?? '(missing)'}`);
    return { out: String(countWorkingDays(a, b)), code: 0 };
  }
  return bad(sub ? `unknown subcommand: ${sub}` : 'missing subcommand');
}

// Small helpers for `madang <task>` arguments: `--name value` options (some repeated) around positional paths.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Every value of a repeated option, in order (`--basis A --basis B`). */
export function options(args: string[], name: string): string[] {
  return args.flatMap((a, i) => (a === `--${name}` && i + 1 < args.length ? [args[i + 1]] : []));
}

/** The arguments that are neither an option nor an option's value. */
export function positional(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i].startsWith('--')) i++;
    else out.push(args[i]);
  }
  return out;
}

/** A directory stands for the CSV and XLSX files in it, by name. */
export function expandImportPaths(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p)
          .filter((n) => /\.(csv|xlsx)$/i.test(n))
          .sort()
          .map((n) => join(p, n))
      : [p],
  );
}

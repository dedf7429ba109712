#!/usr/bin/env node
// Entry of `npx madang`: loads the TypeScript sources through tsx and runs the command line.
import { setFlagsFromString } from 'node:v8';
import { register } from 'tsx/esm/api';
// A small young generation keeps an idle instance's memory low (measured in README); set before the app loads.
setFlagsFromString('--max-semi-space-size=2');
register();
const { run } = await import('../src/cli.ts');
const code = await run(process.argv.slice(2));
if (code >= 0) process.exit(code);

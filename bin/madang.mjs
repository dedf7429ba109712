#!/usr/bin/env node
// Entry of `npx madang`: loads the TypeScript sources through tsx and runs the command line.
import { register } from 'tsx/esm/api';
register();
const { run } = await import('../src/cli.ts');
const code = await run(process.argv.slice(2));
if (code >= 0) process.exit(code);

// Korean public-sector rules for Madang: PII guard, working-day deadlines, eligibility.
// Pure functions, no I/O, no database. See README.md in this folder.
export * from './pii/index.ts';
export * from './calendar/index.ts';
export * from './eligibility/index.ts';
export { piiCommand, workdaysCommand } from './cli.ts';

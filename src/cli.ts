// The `madang` command: operations tasks and the public-sector tools that officials and other programs call.
// Tasks load what they use when they run: the primary of `serve` with several workers loads almost nothing
// (85 MB resident instead of 144 MB when this file imported the whole platform).
import { loadConfig } from './platform/config.ts';
import type { Running } from './platform/index.ts';

const HELP = `madang — 마당 시민참여 플랫폼

Usage: npx madang <task> [options]

Tasks:
  serve                     start the web server and the job worker (same as npm start)
  migrate                   apply database migrations
  seed                      seed the demo city 마당시 into an empty database
  recount [--fix]           recompute every tally from stored acts; print differences (exit 1 if any)
  daily [YYYY-MM-DD]        the day's proposal jobs: record expired windows, remind departments of due answers
  audit-verify              check the hash chain of the audit log; print OK or the first broken link
  backup <file>             back up the database (embedded: asks the running server, or opens DATA_DIR; server: pg_dump)
  restore <file>            restore an embedded-database backup into an empty DATA_DIR
  pii                       read text on standard input; print personal-data findings as JSON
  workdays add <date> <n>   the date n working days from <date> (counting the first day)
  workdays between <a> <b>  working days from <a> to <b>, both ends counted
  import pledges|evaluation <file.xlsx|csv…>  pledges or an 이행사항 점검 (any bad row: nothing imported)
  rotate-secret [status] [--finalize]
                            SECRET rotation: persons still on the old key; --finalize ends the dual-key period
  rotate-data-key [status] [--batch N]
                            re-encrypt contact details under DATA_KEY (from DATA_KEY_PREVIOUS), with progress
  pb <file.pb> [--rule R] [--explain]
                            participatory-budgeting outcome of a Pabulib file as JSON

Environment: DATA_DIR, DATABASE_URL, REDIS_URL, SECRET, SECRET_PREVIOUS, DATA_KEY, DATA_KEY_PREVIOUS, PORT, WEB_CONCURRENCY, SMTP_URL, SMS_GATEWAY, ALIMTALK_GATEWAY
(see README).`;

async function withPlatform<T>(fn: (p: Running) => Promise<T>): Promise<T> {
  const { createPlatform } = await import('./platform/index.ts');
  const p = await createPlatform(loadConfig(), { logLevel: 'warn' });
  try { return await fn(p); } finally { await p.close(); }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const ch of process.stdin) chunks.push(ch as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function run(argv: string[]): Promise<number> {
  const [task, ...args] = argv;
  switch (task) {
    case undefined: case '--help': case '-h': case 'help':
      console.log(HELP);
      return 0;
    case 'serve': {
      const cluster = (await import('node:cluster')).default;
      const config = loadConfig(); // in the primary first: a generated SECRET is written once, before the workers read it
      if (config.workers > 1 && cluster.isPrimary) {
        const { runPrimary, clusterRefusal } = await import('./cluster.ts');
        const refusal = clusterRefusal(config);
        if (refusal) { console.error(refusal); return 1; }
        await runPrimary(config);
        return -1;
      }
      const { main } = await import('./main.ts');
      await main();
      return -1; // keep running
    }
    case 'migrate':
      return withPlatform(async () => { console.log('migrations applied'); return 0; });
    case 'seed':
      return withPlatform(async (p) => { const { seedDemo } = await import('./seed.ts'); console.log((await seedDemo(p.db, p.config.secret)) ? 'seeded the demo city 마당시' : 'already seeded; nothing done'); return 0; });
    case 'recount':
      return withPlatform(async (p) => {
        const { recount } = await import('./platform/acts.ts');
        const diffs = await recount(p.db, { fix: args.includes('--fix') });
        if (!diffs.length) { console.log('recount: OK, no differences'); return 0; }
        for (const d of diffs) console.log(`${d.kind} ${d.targetType} ${d.targetId}: stored ${d.stored}, recounted ${d.recounted}`);
        console.log(`recount: ${diffs.length} difference(s)${args.includes('--fix') ? ' fixed' : ''}`);
        return args.includes('--fix') ? 0 : 1;
      });
    case 'daily':
      return withPlatform(async (p) => {
        const { runDaily } = await import('./modules/proposals/daily.ts');
        const { seoulDateOf, isIsoDate } = await import('./rules/index.ts');
        const date = args[0] ?? seoulDateOf(new Date());
        if (!isIsoDate(date)) { console.error('daily: date must be YYYY-MM-DD'); return 2; }
        const r = await runDaily(p.db, date);
        console.log(`daily ${r.date}: ${r.expired} expired, ${r.reached} reached late, ${r.reminders} reminder(s), ${r.holdsLifted} 임시조치 lifted`);
        return 0;
      });
    case 'audit-verify':
      return withPlatform(async (p) => {
        const { verifyAudit } = await import('./platform/audit.ts');
        const r = await verifyAudit(p.db);
        if (r.ok) { console.log(`audit-verify: OK (${r.count} entries)`); return 0; }
        console.log(`audit-verify: BROKEN at entry ${r.seq}: ${r.problem} (${r.count} entries verified before it)`);
        return 1;
      });
    case 'backup': case 'restore': {
      const { backupCommand, restoreCommand } = await import('./platform/backup-cli.ts');
      return task === 'backup' ? backupCommand(args) : restoreCommand(args);
    }
    case 'pii': {
      const { piiCommand } = await import('./rules/cli.ts');
      process.stdout.write((await piiCommand(await readStdin())) + '\n');
      return 0;
    }
    case 'workdays': {
      const { workdaysCommand } = await import('./rules/cli.ts');
      const r = workdaysCommand(args);
      (r.code === 0 ? process.stdout : process.stderr).write(r.out + '\n');
      return r.code;
    }
    case 'pb': {
      const { pbCommand } = await import('./modules/budgeting/engine/cli.ts');
      const r = await pbCommand(args);
      if (r.out) process.stdout.write(r.out.endsWith('\n') ? r.out : r.out + '\n');
      if (r.err) process.stderr.write(r.err.endsWith('\n') ? r.err : r.err + '\n');
      return r.code;
    }
    case 'rotate-secret':
      return withPlatform(async (p) => (await import('./platform/keys-cli.ts')).rotateSecretCommand(p, args));
    case 'rotate-data-key':
      return withPlatform(async (p) => (await import('./platform/keys-cli.ts')).rotateDataKeyCommand(p, args));
    case 'import': {
      const { importCommand } = await import('./modules/pledges/import.ts');
      return withPlatform((p) => importCommand(p.db, args));
    }
    default:
      console.error(`unknown task: ${task}\n\n${HELP}`);
      return 2;
  }
}

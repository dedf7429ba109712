// The `madang` command: operations tasks and the public-sector tools that officials and other programs call.
// Tasks load what they use when they run: the primary of `serve` with several workers loads almost nothing
// (85 MB resident instead of 144 MB when this file imported the whole platform).
import { loadConfig } from './platform/config.ts';
import type { Running } from './platform/index.ts';
import type { CliTask, ModuleManifest } from './platform/modules.ts';

const PLATFORM_TASKS = `  serve                     start the web server and the job worker (same as npm start)
  migrate                   apply database migrations
  seed                      seed the demo city 마당시 into an empty database
  recount [--fix]           recompute every tally from stored acts; print differences (exit 1 if any)
  audit-verify              check the hash chain of the audit log; print OK or the first broken link
  pii                       read text on standard input; print personal-data findings as JSON
  workdays add <date> <n>   the date n working days from <date> (counting the first day)
  workdays between <a> <b>  working days from <a> to <b>, both ends counted
  backup <file>             back up the database (embedded: asks the running server, or opens DATA_DIR; server: pg_dump)
  restore <file>            restore an embedded-database backup into an empty DATA_DIR
  rotate-secret [status] [--finalize]
                            SECRET rotation: persons still on the old key; --finalize ends the dual-key period
  rotate-data-key [status] [--batch N]
                            re-encrypt contact details under DATA_KEY (from DATA_KEY_PREVIOUS), with progress`;

/** The help text: the platform's tasks, then each module's (from its manifest). */
export function helpText(tasks: CliTask[]): string {
  return `madang — 마당 시민참여 플랫폼

Usage: npx madang <task> [options]

Tasks:
${PLATFORM_TASKS}
${tasks.map((t) => '  ' + t.help).join('\n')}

Environment: DATA_DIR, DATABASE_URL, REDIS_URL, SECRET, SECRET_PREVIOUS, DATA_KEY, DATA_KEY_PREVIOUS, PORT, WEB_CONCURRENCY, SMTP_URL, SMS_GATEWAY, ALIMTALK_GATEWAY
(see README).`;
}

/** The modules' tasks; loaded only when asked for, so `serve`'s cluster primary stays small. */
async function moduleList(modules?: readonly ModuleManifest[]): Promise<readonly ModuleManifest[]> {
  return modules ?? (await import('./modules/index.ts')).manifests;
}
const tasksOf = (modules: readonly ModuleManifest[]) => modules.flatMap((m) => m.cli ?? []);

async function withPlatform<T>(fn: (p: Running) => Promise<T>, modules?: readonly ModuleManifest[]): Promise<T> {
  const { createPlatform } = await import('./platform/index.ts');
  const p = await createPlatform(loadConfig(), { modules: await moduleList(modules), logLevel: 'warn' });
  try {
    return await fn(p);
  } finally {
    await p.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const ch of process.stdin) chunks.push(ch as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `modules`: the manifests whose tasks are offered (default: src/modules/index.ts, loaded only when needed). */
export async function run(argv: string[], o: { modules?: readonly ModuleManifest[] } = {}): Promise<number> {
  const [task, ...args] = argv;
  switch (task) {
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(helpText(tasksOf(await moduleList(o.modules))));
      return 0;
    case 'serve': {
      const cluster = (await import('node:cluster')).default;
      const config = loadConfig(); // in the primary first: a generated SECRET is written once, before the workers read it
      if (config.workers > 1 && cluster.isPrimary) {
        const { runPrimary, clusterRefusal } = await import('./cluster.ts');
        const refusal = clusterRefusal(config);
        if (refusal) {
          console.error(refusal);
          return 1;
        }
        await runPrimary(config);
        return -1;
      }
      const { main } = await import('./main.ts');
      await main();
      return -1; // keep running
    }
    case 'migrate':
      return withPlatform(async () => {
        console.log('migrations applied');
        return 0;
      }, o.modules);
    case 'seed':
      return withPlatform(async (p) => {
        const { seedDemo } = await import('./seed.ts');
        console.log(
          (await seedDemo(p.db, p.config.secret, await moduleList(o.modules)))
            ? 'seeded the demo city 마당시'
            : 'already seeded; nothing done',
        );
        return 0;
      }, o.modules);
    case 'recount':
      return withPlatform(async (p) => {
        const { recount } = await import('./platform/acts.ts');
        const diffs = await recount(p.db, { fix: args.includes('--fix') });
        if (!diffs.length) {
          console.log('recount: OK, no differences');
          return 0;
        }
        for (const d of diffs)
          console.log(`${d.kind} ${d.targetType} ${d.targetId}: stored ${d.stored}, recounted ${d.recounted}`);
        console.log(`recount: ${diffs.length} difference(s)${args.includes('--fix') ? ' fixed' : ''}`);
        return args.includes('--fix') ? 0 : 1;
      });
    case 'audit-verify':
      return withPlatform(async (p) => {
        const { verifyAudit } = await import('./platform/audit.ts');
        const r = await verifyAudit(p.db);
        if (r.ok) {
          console.log(`audit-verify: OK (${r.count} entries)`);
          return 0;
        }
        console.log(`audit-verify: BROKEN at entry ${r.seq}: ${r.problem} (${r.count} entries verified before it)`);
        return 1;
      });
    case 'backup':
    case 'restore': {
      const { backupCommand, restoreCommand } = await import('./platform/backup-cli.ts');
      return task === 'backup' ? backupCommand(args) : restoreCommand(args);
    }
    case 'rotate-secret':
      return withPlatform(
        async (p) => (await import('./platform/keys-cli.ts')).rotateSecretCommand(p, args),
        o.modules,
      );
    case 'rotate-data-key':
      return withPlatform(
        async (p) => (await import('./platform/keys-cli.ts')).rotateDataKeyCommand(p, args),
        o.modules,
      );
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
    default: {
      const tasks = tasksOf(await moduleList(o.modules));
      const mine = tasks.find((t) => t.name === task);
      if (mine) return mine.needsDatabase ? withPlatform((p) => mine.run(args, p), o.modules) : mine.run(args, null);
      console.error(`unknown task: ${task}\n\n${helpText(tasks)}`);
      return 2;
    }
  }
}

// Participatory budgeting (주민참여예산): for now the pure outcome engine and its `madang pb` task.
import { defineModule } from '../../platform/modules.ts';

export default defineModule({
  name: 'budgeting',
  title: { ko: '주민참여예산', en: 'Participatory budgeting' },
  cli: [
    {
      name: 'pb',
      help: 'pb <file.pb> [--rule R] [--explain]\n                            participatory-budgeting outcome of a Pabulib file as JSON',
      needsDatabase: false,
      async run(args) {
        const { pbCommand } = await import('./engine/cli.ts');
        const r = await pbCommand(args);
        if (r.out) process.stdout.write(r.out.endsWith('\n') ? r.out : r.out + '\n');
        if (r.err) process.stderr.write(r.err.endsWith('\n') ? r.err : r.err + '\n');
        return r.code;
      },
    },
  ],
});

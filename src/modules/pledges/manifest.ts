// Pledges (공약 이행 관리): their registration with the platform.
import { defineModule } from '../../platform/modules.ts';
import { pledgeTracker } from './tracker.ts';
import { pledgeRoutes } from './routes/index.ts';
import { seedPledgeDemo } from './seed.ts';

export default defineModule({
  name: 'pledges',
  title: { ko: '공약 이행', en: 'Pledges' },
  componentTypes: [pledgeTracker],
  routes: pledgeRoutes,
  nav: [{ href: '/pledges', label: { ko: '공약 이행', en: 'Pledges' }, order: 100 }],
  cli: [
    {
      name: 'import',
      help: "import pledges|evaluation <file.xlsx|csv…>  pledges, or an 이행사항 점검 (the evaluations module's; any bad row: nothing imported)",
      needsDatabase: true,
      async run(args, p) {
        const { importCommand } = await import('./import.ts');
        return importCommand(p!.db, args);
      },
    },
  ],
  seed: (db) => seedPledgeDemo(db),
  // 004 also creates the evaluations module's two tables (written before the modules were split; a migration keeps
  // its number and contents once applied).
  migrations: new URL('./migrations/', import.meta.url),
});

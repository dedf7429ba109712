// The demo city's pledges: seeds 000, 001 and 002 (수원시 공약), imported from the demo data
// shipped with the module (./demo) through the same path as `madang import`, plus a two-person citizen panel.
import type { Database } from '../../platform/db.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { importPledges } from './import.ts';
import { DEMO_COMMUNICATIONS, DEMO_PLEDGES, demoCommunications, demoPledgeFiles } from './demo/index.ts';
import { addCommunication, pledgeIdByCode } from './store.ts';

export async function seedPledgeDemo(db: Database): Promise<void> {
  const space = await db
    .insertInto('spaces')
    .values({ slug: 'yaksok', title_ko: '시민과의 약속', title_en: 'Promises to citizens' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('components')
    .values({
      space_id: space.id,
      type: 'pledges',
      slug: 'pledges',
      title_ko: '공약 이행 관리',
      title_en: 'Pledge tracking',
      settings: JSON.stringify({ programName: '민선7기 시민과의 약속', layout: 'suwon-2021' }),
      position: 1,
    })
    .execute();
  const actor = { ...SYSTEM, label: 'system (demo seed)' };
  for (const { dir, layout } of DEMO_PLEDGES) {
    const r = await importPledges(db, demoPledgeFiles(dir), { layout, actor });
    if (!r.ok) throw new Error(`demo pledges ${dir}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }
  for (const { pledge, file } of DEMO_COMMUNICATIONS) {
    const id = await pledgeIdByCode(db, pledge);
    if (!id) throw new Error(`demo communications: no pledge ${pledge}`);
    for (const entry of demoCommunications(file, pledge))
      await addCommunication(db, { pledgeId: id, entry, createdBy: null, actor });
  }
  // Two demo citizens sit on the panel, so the scoring form can be tried.
  for (const name of ['한시민', '윤주민']) {
    const p = await db.selectFrom('persons').select('id').where('display_name', '=', name).executeTakeFirst();
    if (p) await db.insertInto('panel_members').values({ person_id: p.id, name, field: '시민참여' }).execute();
  }
}

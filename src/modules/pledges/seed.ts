// The demo city's pledges: seeds 000, 001 and 002 (수원시 공약) and the seed 003 evaluation, imported from the demo data
// shipped with the module (./demo) through the same path as `madang import`, plus a two-person citizen panel.
import type { Database } from '../../platform/db.ts';
import { SYSTEM } from '../../platform/audit.ts';
import { importEvaluation, importPledges } from './import.ts';
import { DEMO_COMMUNICATIONS, DEMO_EVALUATION, DEMO_PLEDGES, demoCommunications, demoFile, demoPledgeFiles } from './demo/index.ts';
import { addCommunication, pledgeIdByCode } from './store.ts';

export async function seedPledgeDemo(db: Database): Promise<void> {
  const space = await db.insertInto('spaces').values({ slug: 'yaksok', title_ko: '시민과의 약속', title_en: 'Promises to citizens' }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('components').values({
    space_id: space.id, type: 'pledges', slug: 'pledges', title_ko: '공약 이행 관리', title_en: 'Pledge tracking',
    settings: JSON.stringify({ programName: '민선7기 시민과의 약속', layout: 'suwon-2021' }), position: 1,
  }).execute();
  const actor = { ...SYSTEM, label: 'system (demo seed)' };
  for (const { dir, layout } of DEMO_PLEDGES) {
    const r = await importPledges(db, demoPledgeFiles(dir), { layout, actor });
    if (!r.ok) throw new Error(`demo pledges ${dir}: ${JSON.stringify(r.errors.slice(0, 3))}`);
  }
  for (const { pledge, file } of DEMO_COMMUNICATIONS) {
    const id = await pledgeIdByCode(db, pledge);
    if (!id) throw new Error(`demo communications: no pledge ${pledge}`);
    for (const entry of demoCommunications(file, pledge)) await addCommunication(db, { pledgeId: id, entry, createdBy: null, actor });
  }
  const evaluation = await importEvaluation(db, { name: DEMO_EVALUATION, data: demoFile(DEMO_EVALUATION) }, {
    title: '2021년 주민참여사업 이행사항 점검결과 보고', date: '2022. 6.', organization: '시 민 협 력 국',
    intro: '「서울시 주민참여 기본조례」 및 제2차 주민참여 기본계획(\'19~\'22)에 따라 2021년 주민참여사업의 이행사항에 대해 점검·평가하고 그 결과를 보고 드림',
    basis: [{ text: '「서울특별시 주민참여 기본조례」 제4조 2항' }],
    overview: { content: '제2차 주민참여기본계획 내 세부사업의 2021년 이행 실적', period: '2021.1월 ~ 2021.12월', method: '정량평가(목표치 대비 실적 달성도) 및 정성평가' },
    plans: [{ text: "'22. 6. : 이행사항 점검결과 알림(전 부서) 및 대시민 공개(홈페이지)" }],
  }, { actor });
  if (!evaluation.ok) throw new Error(`demo evaluation: ${JSON.stringify(evaluation.errors.slice(0, 3))}`);
  // Two demo citizens sit on the panel, so the scoring form can be tried.
  for (const name of ['한시민', '윤주민']) {
    const p = await db.selectFrom('persons').select('id').where('display_name', '=', name).executeTakeFirst();
    if (p) await db.insertInto('panel_members').values({ person_id: p.id, name, field: '시민참여' }).execute();
  }
}

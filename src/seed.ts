// The demo city 마당시: departments, people in every role, the 소통공감365 space with two boards, and some content.
// Runs on first start (an empty database) and by `madang seed`. Everyone here signs in with the demo provider.
import type { Database } from './platform/db.ts';
import { upsertPerson } from './platform/identity/person.ts';
import { castAct } from './platform/acts.ts';
import { recordAudit } from './platform/audit.ts';
import * as store from './modules/proposals/store.ts';
import { addComment } from './modules/proposals/comments-store.ts';
import { answer, assignDepartment } from './modules/proposals/answers-store.ts';
import { advance, whoOf, SYSTEM_WHO } from './modules/proposals/lifecycle.ts';
import { loadActor } from './platform/actors.ts';
import { seedKnownHolidays } from './platform/holidays.ts';
import { seedPledgeDemo } from './modules/pledges/seed.ts';
import { seedEvaluationDemo } from './modules/evaluations/seed.ts';

const DEPARTMENTS = [
  { code: 'planning', name_ko: '기획예산과', name_en: 'Planning and Budget Division', phone: '031-000-2010' },
  { code: 'civic', name_ko: '시민소통과', name_en: 'Civic Communication Division', phone: '031-000-2020' },
  { code: 'roads', name_ko: '도로교통과', name_en: 'Roads and Transport Division', phone: '031-000-2050' },
  { code: 'environment', name_ko: '환경정책과', name_en: 'Environmental Policy Division', phone: '031-000-3120' },
  { code: 'welfare', name_ko: '복지정책과', name_en: 'Welfare Policy Division', phone: '031-000-4100' },
];

type Grant = { role: 'official' | 'planning' | 'moderator' | 'admin'; dept?: string; position?: string; ext?: string };
export const DEMO_PEOPLE: { key: string; name: string; birth: string; area: string; grants: Grant[] }[] = [
  { key: 'citizen-1', name: '한시민', birth: '1978-03-14', area: '9911010100', grants: [] },
  { key: 'citizen-2', name: '윤주민', birth: '1990-11-02', area: '9911010200', grants: [] },
  { key: 'citizen-3', name: '서청년', birth: '2009-06-30', area: '9911020100', grants: [] },
  { key: 'citizen-4', name: '응우옌 티 란', birth: '1986-01-20', area: '9911020200', grants: [] },
  { key: 'official-roads', name: '최도로', birth: '1984-05-05', area: '9911010100', grants: [{ role: 'official', dept: 'roads', position: '주무관', ext: '2050' }] },
  { key: 'official-env', name: '정환경', birth: '1981-09-09', area: '9911020100', grants: [{ role: 'official', dept: 'environment', position: '주무관', ext: '3120' }] },
  { key: 'planning', name: '이기획', birth: '1975-07-07', area: '9911010100', grants: [{ role: 'planning', position: '주무관', ext: '2010' }] },
  { key: 'moderator', name: '박운영', birth: '1988-12-12', area: '9911010200', grants: [{ role: 'moderator' }] },
  { key: 'admin', name: '김관리', birth: '1980-02-02', area: '9911010100', grants: [{ role: 'admin' }] },
];

export async function isSeeded(db: Database): Promise<boolean> {
  return !!(await db.selectFrom('spaces').select('id').limit(1).executeTakeFirst());
}

export async function seedDemo(db: Database, secret: string): Promise<boolean> {
  if (await isSeeded(db)) return false;
  await seedKnownHolidays(db);
  const depts = new Map<string, number>();
  for (const d of DEPARTMENTS) depts.set(d.code, (await db.insertInto('departments').values(d).returning('id').executeTakeFirstOrThrow()).id);
  const people = new Map<string, { id: number; person_key: string }>();
  for (const p of DEMO_PEOPLE) {
    const row = await upsertPerson(db, secret, { provider: 'dev', subject: `demo:${p.key}`, displayName: p.name, birthDate: p.birth, areaCode: p.area });
    people.set(p.key, row);
    for (const g of p.grants) {
      await db.insertInto('person_roles').values({ person_id: row.id, role: g.role, department_id: g.dept ? depts.get(g.dept)! : null, position: g.position ?? null, phone_ext: g.ext ?? null }).execute();
    }
  }
  const space = await db.insertInto('spaces').values({ slug: 'sotong', title_ko: '소통공감365', title_en: 'Sotong 365' }).returning('id').executeTakeFirstOrThrow();
  // 제안합니다 follows 민주주의 서울 (50 → department, 100 → 공론장, 1,000 → mayor); 바랍니다 answers every request
  // within 14 working days like 사하구에 바랍니다.
  const propose = await db.insertInto('components').values({ space_id: space.id, type: 'proposals', slug: 'propose', title_ko: '마당시에 제안합니다', title_en: 'We propose to Madang City', settings: JSON.stringify({ preset: 'seoul', areas: '중앙동, 신평동, 하단동, 괴정동' }), position: 1 }).returning('id').executeTakeFirstOrThrow();
  const request = await db.insertInto('components').values({ space_id: space.id, type: 'proposals', slug: 'request', title_ko: '마당시에 바랍니다', title_en: 'We ask Madang City', settings: JSON.stringify({ kind: 'request', preset: 'saha-request', stanceEnabled: false }), position: 2 }).returning('id').executeTakeFirstOrThrow();

  const samples = [
    { by: 'citizen-1', board: propose.id, topic: '교통', title: '마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요', body: '아침마다 아이들이 차 사이로 길을 건넙니다. 학교 정문 앞 삼거리에 보행자 신호등과 과속 단속 카메라가 있으면 좋겠습니다.', dept: 'roads' },
    { by: 'citizen-2', board: propose.id, topic: '환경', title: '하천 산책로에 쓰레기통과 분리수거함을 늘려 주세요', body: '주말이면 산책로 곳곳에 쓰레기가 쌓입니다. 500미터마다 분리수거함을 두고, 수거 횟수를 늘려 주시면 좋겠습니다.', dept: 'environment' },
    { by: 'citizen-4', board: propose.id, topic: '행정', title: '외국인 주민을 위한 쉬운 한국어 안내문을 만들어 주세요', body: '구청 안내문이 어려워서 이웃에게 물어봐야 합니다. 쉬운 한국어와 영어, 베트남어로 된 안내문이 있으면 좋겠습니다.', dept: null },
    { by: 'citizen-2', board: request.id, topic: '안전', title: '신평동 골목길 가로등이 꺼져 있습니다', body: '신평동 주민센터 뒤 골목 가로등 세 개가 일주일째 꺼져 있어 밤에 다니기 무섭습니다. 고쳐 주세요.', dept: 'roads' },
  ];
  const planner = (await loadActor(db, people.get('planning')!.id))!;
  const ids: number[] = [];
  for (const s of samples) {
    const author = (await loadActor(db, people.get(s.by)!.id))!;
    const { id } = await store.createProposal(db, { componentId: s.board, author, title: s.title, body: s.body, piiHold: false, topic: s.topic, area: null, kind: s.board === request.id ? 'request' : 'proposal' });
    if (s.dept) await assignDepartment(db, id, depts.get(s.dept)!, null, whoOf(planner, '이기획 (planning)', null), null);
    await advance(db, id);
    ids.push(id);
  }
  for (const who of ['citizen-1', 'citizen-2', 'citizen-3', 'citizen-4']) await castAct(db, { kind: 'support', targetType: store.TARGET, targetId: ids[0], personKey: people.get(who)!.person_key });
  await castAct(db, { kind: 'support', targetType: store.TARGET, targetId: ids[1], personKey: people.get('citizen-1')!.person_key });
  for (const id of ids.slice(0, 2)) await store.refreshSupportsCount(db, id, id === ids[0] ? 4 : 1);
  await addComment(db, { proposalId: ids[0], authorId: people.get('citizen-2')!.id, body: '저희 아이도 같은 길로 다닙니다. 꼭 필요합니다.', stance: 'pro', parentId: null });
  // The request is owed an answer at once (threshold 0): the department posts an interim answer.
  const official = (await loadActor(db, people.get('official-roads')!.id))!;
  await answer(db, { proposalId: ids[3], tierKey: 'department', departmentId: depts.get('roads')!, authorId: official.id, kind: 'interim',
    body: '현장을 확인했습니다. 가로등 전원 장치를 교체해야 해서 부품을 주문했으며, 이번 주 안에 고치겠습니다.', responsible: '도로교통과 주무관 최도로 ☎ 2050',
    signature: { department: '도로교통과', position: '주무관', name: '최도로', extension: '2050' } }, whoOf(official, '최도로 (official)', depts.get('roads')!));
  void SYSTEM_WHO;
  await recordAudit(db, { actor: { id: null, label: 'system' }, action: 'seed.demo', targetType: 'space', targetId: space.id, reason: 'first start' });
  await seedPledgeDemo(db);
  await seedEvaluationDemo(db);
  return true;
}

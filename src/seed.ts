// The demo city 마당시: departments, people in every role, the 소통공감365 space with two boards, and some content.
// Runs on first start (an empty database) and by `madang seed`. Everyone here signs in with the demo provider.
import type { Database } from './platform/db.ts';
import { upsertPerson } from './platform/identity/person.ts';
import { castAct } from './platform/acts.ts';
import { recordAudit } from './platform/audit.ts';
import * as store from './modules/proposals/store.ts';
import { seedKnownHolidays } from './platform/holidays.ts';
import { seedPledgeDemo } from './modules/pledges/seed.ts';

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
  { key: 'planning', name: '이기획', birth: '1975-07-07', area: '9911010100', grants: [{ role: 'planning' }] },
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
  const propose = await db.insertInto('components').values({ space_id: space.id, type: 'proposals', slug: 'propose', title_ko: '마당시에 제안합니다', title_en: 'We propose to Madang City', settings: '{}', position: 1 }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('components').values({ space_id: space.id, type: 'proposals', slug: 'request', title_ko: '마당시에 바랍니다', title_en: 'We ask Madang City', settings: JSON.stringify({ kind: 'request', stanceEnabled: false }), position: 2 }).execute();

  const closes = new Date(Date.now() + 30 * 86_400_000);
  const samples = [
    { by: 'citizen-1', title: '마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요', body: '아침마다 아이들이 차 사이로 길을 건넙니다. 학교 정문 앞 삼거리에 보행자 신호등과 과속 단속 카메라가 있으면 좋겠습니다.', dept: 'roads' },
    { by: 'citizen-2', title: '하천 산책로에 쓰레기통과 분리수거함을 늘려 주세요', body: '주말이면 산책로 곳곳에 쓰레기가 쌓입니다. 500미터마다 분리수거함을 두고, 수거 횟수를 늘려 주시면 좋겠습니다.', dept: 'environment' },
    { by: 'citizen-4', title: '외국인 주민을 위한 쉬운 한국어 안내문을 만들어 주세요', body: '구청 안내문이 어려워서 이웃에게 물어봐야 합니다. 쉬운 한국어와 영어, 베트남어로 된 안내문이 있으면 좋겠습니다.', dept: null },
  ];
  const ids: number[] = [];
  for (const s of samples) {
    const { id } = await store.createProposal(db, { componentId: propose.id, authorId: people.get(s.by)!.id, title: s.title, body: s.body, status: 'open', closesAt: closes });
    if (s.dept) await db.updateTable('proposals').set({ department_id: depts.get(s.dept)! }).where('id', '=', id).execute();
    ids.push(id);
  }
  for (const who of ['citizen-1', 'citizen-2', 'citizen-3', 'citizen-4']) await castAct(db, { kind: 'support', targetType: store.TARGET, targetId: ids[0], personKey: people.get(who)!.person_key });
  await castAct(db, { kind: 'support', targetType: store.TARGET, targetId: ids[1], personKey: people.get('citizen-1')!.person_key });
  await store.addComment(db, { proposalId: ids[0], authorId: people.get('citizen-2')!.id, body: '저희 아이도 같은 길로 다닙니다. 꼭 필요합니다.', stance: 'pro', parentId: null });
  const official = people.get('official-roads')!;
  await store.addAnswer(db, { proposalId: ids[0], departmentId: depts.get('roads')!, authorId: official.id, kind: 'interim',
    body: '현장을 확인했습니다. 경찰서와 신호등 설치 협의를 시작했으며, 결과가 나오는 대로 다시 알려 드리겠습니다.', responsible: '도로교통과 주무관 최도로 ☎ 2050' },
    { id: official.id, label: '최도로 (official)' });
  await recordAudit(db, { actor: { id: null, label: 'system' }, action: 'seed.demo', targetType: 'space', targetId: space.id, reason: 'first start' });
  await seedPledgeDemo(db);
  return true;
}

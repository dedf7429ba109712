// The demo city 마당시: departments and people in every role (shared by all modules), then each installed module's
// part of the demo (its manifest's seed, in the order of src/modules/index.ts). Runs on first start (an empty
// database) and by `madang seed`. Everyone here signs in with the demo provider.
import type { Database } from './platform/db.ts';
import { upsertPerson } from './platform/identity/person.ts';
import { seedKnownHolidays } from './platform/holidays.ts';
import type { ModuleManifest } from './platform/modules.ts';
import { manifests } from './modules/index.ts';

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
  {
    key: 'official-roads',
    name: '최도로',
    birth: '1984-05-05',
    area: '9911010100',
    grants: [{ role: 'official', dept: 'roads', position: '주무관', ext: '2050' }],
  },
  {
    key: 'official-env',
    name: '정환경',
    birth: '1981-09-09',
    area: '9911020100',
    grants: [{ role: 'official', dept: 'environment', position: '주무관', ext: '3120' }],
  },
  {
    key: 'planning',
    name: '이기획',
    birth: '1975-07-07',
    area: '9911010100',
    grants: [{ role: 'planning', position: '주무관', ext: '2010' }],
  },
  { key: 'moderator', name: '박운영', birth: '1988-12-12', area: '9911010200', grants: [{ role: 'moderator' }] },
  { key: 'admin', name: '김관리', birth: '1980-02-02', area: '9911010100', grants: [{ role: 'admin' }] },
];

/** Seeded already (or a real city's data is there): a space or a department exists. */
export async function isSeeded(db: Database): Promise<boolean> {
  if (await db.selectFrom('spaces').select('id').limit(1).executeTakeFirst()) return true;
  return !!(await db.selectFrom('departments').select('id').limit(1).executeTakeFirst());
}

export async function seedDemo(
  db: Database,
  secret: string,
  modules: readonly ModuleManifest[] = manifests,
): Promise<boolean> {
  if (await isSeeded(db)) return false;
  await seedKnownHolidays(db);
  const departments = new Map<string, number>();
  for (const d of DEPARTMENTS)
    departments.set(
      d.code,
      (await db.insertInto('departments').values(d).returning('id').executeTakeFirstOrThrow()).id,
    );
  const people = new Map<string, { id: number; person_key: string }>();
  for (const p of DEMO_PEOPLE) {
    const row = await upsertPerson(db, secret, {
      provider: 'dev',
      subject: `demo:${p.key}`,
      displayName: p.name,
      birthDate: p.birth,
      areaCode: p.area,
    });
    people.set(p.key, row);
    for (const g of p.grants) {
      await db
        .insertInto('person_roles')
        .values({
          person_id: row.id,
          role: g.role,
          department_id: g.dept ? departments.get(g.dept)! : null,
          position: g.position ?? null,
          phone_ext: g.ext ?? null,
        })
        .execute();
    }
  }
  for (const m of modules) await m.seed?.(db, { secret, people, departments });
  return true;
}

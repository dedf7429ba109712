// Loads who is acting: the person and the roles granted to them.
import type { Database } from './db.ts';
import type { Actor } from './permissions.ts';

export async function loadActor(db: Database, personId: number): Promise<Actor | null> {
  const p = await db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirst();
  if (!p) return null;
  const grants = await db.selectFrom('person_roles').select(['role', 'department_id', 'position', 'phone_ext']).where('person_id', '=', personId).execute();
  return {
    id: p.id, personKey: p.person_key, displayName: p.display_name, verification: p.verification,
    birthDate: p.birth_date, areaCode: p.area_code,
    grants: grants.map((g) => ({ role: g.role, departmentId: g.department_id, position: g.position, phoneExt: g.phone_ext })),
  };
}

/** 개인정보 접속기록: every view of a person's personal data is written down with who, whose and why. */
export async function logPersonalDataAccess(db: Database, accessorId: number, subjectId: number | null, purpose: string, detail?: string): Promise<void> {
  await db.insertInto('personal_data_access').values({ accessor_id: accessorId, subject_id: subjectId, purpose, detail: detail ?? null }).execute();
}

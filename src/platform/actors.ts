// Records about people: the 개인정보 접속기록. (Who is acting is loaded with the session: sessions.ts.)
import { sql } from 'kysely';
import type { Database } from './db.ts';
import type { Actor, RoleGrant } from './permissions.ts';

/** 개인정보 접속기록: every view of a person's personal data is written down with who, whose and why. */
export async function logPersonalDataAccess(
  db: Database,
  accessorId: number,
  subjectId: number | null,
  purpose: string,
  detail?: string,
): Promise<void> {
  await db
    .insertInto('personal_data_access')
    .values({ accessor_id: accessorId, subject_id: subjectId, purpose, detail: detail ?? null })
    .execute();
}

/** A person as an acting Actor, without a session: for the scheduler, the CLI and the demo seed acting on behalf of
 * someone. Same fields as a session's actor (sessions.ts). */
export async function loadActor(db: Database, personId: number): Promise<Actor | null> {
  const row = await db
    .selectFrom('persons')
    .select([
      'persons.id',
      'persons.person_key',
      'persons.display_name',
      'persons.verification',
      'persons.birth_date',
      'persons.area_code',
      sql<
        RoleGrant[]
      >`coalesce((select json_agg(json_build_object('role', r.role, 'departmentId', r.department_id, 'position', r.position, 'phoneExt', r.phone_ext) order by r.id) from person_roles r where r.person_id = persons.id), '[]'::json)`.as(
        'grants',
      ),
    ])
    .where('persons.id', '=', personId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        personKey: row.person_key,
        displayName: row.display_name,
        verification: row.verification,
        birthDate: row.birth_date,
        areaCode: row.area_code,
        grants: row.grants,
      }
    : null;
}

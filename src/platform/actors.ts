// Records about people: the 개인정보 접속기록. (Who is acting is loaded with the session: sessions.ts.)
import type { Database } from './db.ts';

/** 개인정보 접속기록: every view of a person's personal data is written down with who, whose and why. */
export async function logPersonalDataAccess(db: Database, accessorId: number, subjectId: number | null, purpose: string, detail?: string): Promise<void> {
  await db.insertInto('personal_data_access').values({ accessor_id: accessorId, subject_id: subjectId, purpose, detail: detail ?? null }).execute();
}

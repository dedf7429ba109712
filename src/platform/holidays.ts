// The working-day calendar of this city: statutory holidays (src/rules/calendar) plus the ad-hoc days off
// (임시공휴일) that administrators add at run time. Adding or removing one is on the record.
import { HolidayCalendar, KNOWN_TEMPORARY_HOLIDAYS, isIsoDate } from '../rules/index.ts';
import type { Database } from './db.ts';
import { recordAudit, type AuditActor } from './audit.ts';

export async function adhocHolidays(db: Database) {
  return db.selectFrom('adhoc_holidays').select(['day', 'name']).orderBy('day').execute();
}

export async function cityCalendar(db: Database): Promise<HolidayCalendar> {
  return new HolidayCalendar((await adhocHolidays(db)).map((h) => ({ date: h.day, name: h.name })));
}

export async function addAdhocHoliday(
  db: Database,
  day: string,
  name: string,
  actor: AuditActor,
  reason: string | null,
): Promise<boolean> {
  if (!isIsoDate(day)) return false;
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .insertInto('adhoc_holidays')
      .values({ day, name })
      .onConflict((oc) => oc.column('day').doNothing())
      .returning('day')
      .executeTakeFirst();
    if (r)
      await recordAudit(trx, {
        actor,
        action: 'holiday.add',
        targetType: 'holiday',
        targetId: day,
        reason,
        after: { day, name },
      });
    return !!r;
  });
}

export async function removeAdhocHoliday(
  db: Database,
  day: string,
  actor: AuditActor,
  reason: string | null,
): Promise<boolean> {
  if (!isIsoDate(day)) return false;
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .deleteFrom('adhoc_holidays')
      .where('day', '=', day)
      .returning(['day', 'name'])
      .executeTakeFirst();
    if (r)
      await recordAudit(trx, {
        actor,
        action: 'holiday.remove',
        targetType: 'holiday',
        targetId: day,
        reason,
        before: r,
      });
    return !!r;
  });
}

/** The 임시공휴일 already designated nationwide, for a new installation. */
export async function seedKnownHolidays(db: Database): Promise<void> {
  for (const h of KNOWN_TEMPORARY_HOLIDAYS)
    await db
      .insertInto('adhoc_holidays')
      .values({ day: h.date, name: h.name })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
}

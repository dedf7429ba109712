// Once a day (Asia/Seoul): support windows that closed below every tier are recorded as 기간 만료, and departments
// are reminded of answers due soon and asked for a 중간답변 once a deadline has passed (workflow/notify.ts
// `dailyIntents`: 5 and 1 working days before the due day by default).
import { sql } from 'kysely';
import type { Database } from '../../platform/db.ts';
import { cityCalendar } from '../../platform/holidays.ts';
import { registerDaily } from '../../platform/jobs.ts';
import type { IsoDate } from '../../rules/index.ts';
import { dailyIntents } from './workflow/index.ts';
import { fire, loadState, deliver, SYSTEM_WHO } from './lifecycle.ts';

export interface DailyReport { date: IsoDate; expired: number; reminders: number }

/** Registered with the platform's daily scheduler: it runs inside the job's transaction, so a day's expiries and
 * reminders commit once, together with the job (a failed run rolls back and is retried, never sent twice). */
registerDaily('proposals.daily', async ({ db, date }) => {
  const r = await runDaily(db, date);
  return `${r.expired} expired, ${r.reminders} reminder(s)`;
}, { at: '06:00' });

export async function runDaily(db: Database, date: IsoDate, at = new Date()): Promise<DailyReport> {
  const calendar = await cityCalendar(db);
  let expired = 0, reminders = 0;
  const closed = await db.selectFrom('proposals').select('id')
    .where('stage', 'in', ['collecting', 'pre-agreement']).where('closes_at', '<=', at)
    .where(sql<boolean>`cardinality(reached_tiers) = 0`).orderBy('id').execute();
  for (const { id } of closed) {
    if ((await fire(db, id, { type: 'expire' }, SYSTEM_WHO, { at, calendar })).ok) expired++;
  }
  const owing = await db.selectFrom('proposal_tiers').innerJoin('proposals', 'proposals.id', 'proposal_tiers.proposal_id')
    .select('proposals.id').distinct().where('proposal_tiers.answered_at', 'is', null).where('proposal_tiers.due_at', 'is not', null)
    .where('proposals.stage', '=', 'answering').orderBy('proposals.id').execute();
  for (const { id } of owing) {
    const loaded = await loadState(db, id);
    if (!loaded) continue;
    const intents = dailyIntents(loaded.state, { title: loaded.row.title, settings: loaded.rules, calendar }, date);
    if (!intents.length) continue;
    const send = (trx: Database) => deliver(trx, intents, { id, authorId: loaded.row.author_id, departmentId: loaded.row.department_id }, null);
    await (db.isTransaction ? send(db) : db.transaction().execute(send));
    reminders += intents.length;
  }
  return { date, expired, reminders };
}

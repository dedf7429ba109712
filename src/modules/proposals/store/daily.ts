// Once a day (Asia/Seoul): 임시조치 holds on comments that ran out undecided are lifted (store/comments.ts
// liftLapsedHolds), support windows that closed below every tier (counted exactly, as of their last instant) are
// recorded as 기간 만료, and departments are reminded of answers due soon and asked for a 중간답변 once a deadline
// has passed (domain/notify.ts `dailyIntents`: 5 and 1 working days before the due day by default).
import { sql } from 'kysely';
import { inTransaction, type Database } from '../../../platform/db.ts';
import { cityCalendar } from '../../../platform/holidays.ts';
import type { DailyHandler } from '../../../platform/jobs.ts';
import type { CliTask } from '../../../platform/modules.ts';
import { isIsoDate, seoulDateOf, type IsoDate } from '../../../rules/index.ts';
import { dailyIntents } from '../domain/index.ts';
import { fire, loadState, deliver, advance, SYSTEM_WHO, TARGET } from './lifecycle.ts';
import { addDays, endOfSeoulDay } from '../domain/dates.ts';
import { liftLapsedHolds } from './comments.ts';

export interface DailyReport {
  date: IsoDate;
  expired: number;
  reached: number;
  reminders: number;
  holdsLifted: number;
}

/**
 * The daily job (the manifest registers it with the platform's scheduler), committing step by step rather than in
 * one transaction (`transactional: false`): a board with years of proposals can expire tens of thousands on its first
 * run, and on the embedded database one long transaction would keep every page waiting. Each step is safe to repeat
 * when a failed day's run is retried: a lifted 임시조치 is no longer a hold, an expired proposal cannot expire again,
 * and a proposal already reminded that day (a notice of that kind on it since the day began) is skipped.
 */
export const proposalsDaily: DailyHandler = async ({ db, date }) => {
  const r = await runDaily(db, date);
  return `${r.expired} expired, ${r.reached} reached late, ${r.reminders} reminder(s), ${r.holdsLifted} 임시조치 lifted`;
};

/** `madang daily [YYYY-MM-DD]`: the same day's run by hand (an operator catching up a day no instance ran). */
export const dailyTask: CliTask = {
  name: 'daily',
  help: "daily [YYYY-MM-DD]        the day's proposal jobs: record expired windows, remind departments of due answers",
  needsDatabase: true,
  async run(args, p) {
    const date = args[0] ?? seoulDateOf(new Date());
    if (!isIsoDate(date)) {
      console.error('daily: date must be YYYY-MM-DD');
      return 2;
    }
    const r = await runDaily(p!.db, date);
    console.log(
      `daily ${r.date}: ${r.expired} expired, ${r.reached} reached late, ${r.reminders} reminder(s), ${r.holdsLifted} 임시조치 lifted`,
    );
    return 0;
  },
};

export async function runDaily(db: Database, date: IsoDate, at = new Date()): Promise<DailyReport> {
  const calendar = await cityCalendar(db);
  let expired = 0,
    reached = 0,
    reminders = 0;
  const holdsLifted = await liftLapsedHolds(db, at);
  const closed = await db
    .selectFrom('proposals')
    .select(['id', 'stage', 'closes_at'])
    .where('stage', 'in', ['collecting', 'pre-agreement'])
    .where('closes_at', '<=', at)
    .where(sql<boolean>`cardinality(reached_tiers) = 0`)
    .orderBy('id')
    .execute();
  for (const { id, stage, closes_at } of closed) {
    // The support route only checks tiers when the count it gets back meets one, and that count is a statement's
    // snapshot: two batches committing side by side can both see 49 of 50. Before calling a window 기간 만료, check
    // the exact counts as of its last instant (supports are refused once it closes, so the tally is what was given
    // in time; comments are counted up to it) and record a tier met then as reached then.
    const lastInstant = new Date(new Date(closes_at!).getTime() - 1);
    const state = await advance(db, id, lastInstant, { countUntil: lastInstant });
    if (state && (state.tiers.length > 0 || state.stage !== stage)) {
      reached++;
      continue;
    }
    if ((await fire(db, id, { type: 'expire' }, SYSTEM_WHO, { at, calendar })).ok) expired++;
  }
  const owing = await db
    .selectFrom('proposal_tiers')
    .innerJoin('proposals', 'proposals.id', 'proposal_tiers.proposal_id')
    .select('proposals.id')
    .distinct()
    .where('proposal_tiers.answered_at', 'is', null)
    .where('proposal_tiers.due_at', 'is not', null)
    .where('proposals.stage', '=', 'answering')
    .orderBy('proposals.id')
    .execute();
  const dayBegan = endOfSeoulDay(addDays(date, -1));
  for (const { id } of owing) {
    const remind = async (trx: Database) => {
      const loaded = await loadState(trx, id, true);
      if (!loaded) return 0;
      const intents = dailyIntents(loaded.state, { title: loaded.row.title, settings: loaded.rules, calendar }, date);
      if (!intents.length) return 0;
      const sent = new Set(
        (
          await trx
            .selectFrom('notifications')
            .select('kind')
            .distinct()
            .where('target_type', '=', TARGET)
            .where('target_id', '=', id)
            .where(
              'kind',
              'in',
              intents.map((i) => i.template),
            )
            .where('created_at', '>=', dayBegan)
            .execute()
        ).map((r) => r.kind),
      );
      const todo = intents.filter((i) => !sent.has(i.template));
      await deliver(trx, todo, { id, authorId: loaded.row.author_id, departmentId: loaded.row.department_id }, null);
      return todo.length;
    };
    reminders += await inTransaction(db, remind);
  }
  return { date, expired, reached, reminders, holdsLifted };
}

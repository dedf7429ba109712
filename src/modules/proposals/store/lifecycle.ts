// The workflow core's lifecycle (domain/lifecycle.ts) on stored proposals: every stage change goes through
// `fire`, which locks the row, asks the pure `transition`, stores the new state, writes the audit entry (who, role,
// why, before/after) and the notifications in ONE transaction. `advance` fires what the system does by itself.
import { sql } from 'kysely';
import { inTransaction, type Database } from '../../../platform/db.ts';
import { recordAudit, SYSTEM, type AuditActor } from '../../../platform/audit.ts';
import { notify, followers } from '../../../platform/notify.ts';
import { readSettings } from '../../../platform/settings.ts';
import { cityCalendar } from '../../../platform/holidays.ts';
import { tallyOf } from '../../../platform/acts.ts';
import { hasRole, type Actor as PlatformActor } from '../../../platform/permissions.ts';
import type { HolidayCalendar } from '../../../rules/index.ts';
import {
  transition,
  notificationsFor,
  renderTemplate,
  tiersToFire,
  isWindowOpen,
  tierCountSource,
  type ProposalState,
  type ProposalEvent,
  type Actor,
  type BoardSettings,
  type Stage,
  type Result,
  type TierProgress,
  type NotificationIntent,
  type Bilingual,
  type TransitionResult,
} from '../domain/index.ts';
import { lastDayOf } from '../domain/dates.ts';
import { proposalBoard, type ProposalBoardSettings } from '../board.ts';
import { rulesOf } from '../domain/rules.ts';

export const TARGET = 'proposal';

/** Rules per board, parsed once per distinct settings (the support hot path asks on every request). */
const rulesCache = new Map<string, BoardSettings>();
export function boardRules(stored: unknown): { flat: ProposalBoardSettings; rules: BoardSettings } {
  const flat = readSettings(proposalBoard, stored);
  const key = JSON.stringify(flat);
  let rules = rulesCache.get(key);
  if (!rules) {
    if (rulesCache.size > 500) rulesCache.clear();
    rules = rulesOf(flat);
    rulesCache.set(key, rules);
  }
  return { flat, rules };
}

const STATE_COLUMNS = [
  'proposals.id',
  'proposals.author_id',
  'proposals.kind',
  'proposals.stage',
  'proposals.department_id',
  'proposals.entered_at',
  'proposals.screened_suitable',
  'proposals.pii_hold',
  'proposals.pre_agreement_closes_at',
  'proposals.support_opened_at',
  'proposals.closes_at',
  'proposals.closure',
  'proposals.result',
  'proposals.implementation_updates',
  'proposals.implementation_progress',
  'proposals.implementation_last_at',
  'proposals.title',
  'proposals.component_id',
] as const;

type StateRow = {
  id: number;
  author_id: number;
  kind: string;
  stage: string;
  department_id: number | null;
  entered_at: Record<string, string>;
  screened_suitable: boolean;
  pre_agreement_closes_at: Date | null;
  support_opened_at: Date | null;
  closes_at: Date | null;
  closure: ProposalState['closure'] | null;
  result: string | null;
  implementation_updates: number;
  implementation_progress: number | null;
  implementation_last_at: Date | null;
};
export type TierRow = {
  tier_key: string;
  answerer: string;
  count: number;
  reached_at: Date;
  due_at: Date | null;
  interim_answers: Date[] | string[] | null;
  answered_at: Date | null;
};

const d = (v: Date | string | null | undefined) => (v === null || v === undefined ? null : new Date(v));

export function tierProgress(t: TierRow): TierProgress {
  return {
    key: t.tier_key,
    answerer: t.answerer as TierProgress['answerer'],
    count: t.count,
    reachedAt: new Date(t.reached_at),
    dueAt: d(t.due_at),
    interimAnswers: (t.interim_answers ?? []).map((x) => new Date(x)),
    answeredAt: d(t.answered_at),
  };
}

/** A stored proposal as the workflow core's state. */
export function toState(r: StateRow, tiers: TierRow[]): ProposalState {
  const entered = Object.fromEntries(
    Object.entries(r.entered_at ?? {}).map(([k, v]) => [k, new Date(v)]),
  ) as ProposalState['enteredAt'];
  return {
    id: String(r.id),
    authorId: String(r.author_id),
    kind: r.kind as ProposalState['kind'],
    stage: r.stage as Stage,
    departmentId: r.department_id === null ? null : String(r.department_id),
    enteredAt: entered,
    preAgreement:
      r.pre_agreement_closes_at && entered['pre-agreement']
        ? { openedAt: entered['pre-agreement'], closesAt: new Date(r.pre_agreement_closes_at) }
        : null,
    screenedSuitable: r.screened_suitable,
    support:
      r.support_opened_at && r.closes_at
        ? { openedAt: new Date(r.support_opened_at), closesAt: new Date(r.closes_at) }
        : null,
    tiers: tiers.map(tierProgress),
    result: r.result as Result | null,
    closure: r.closure ?? null,
    implementation: {
      updates: r.implementation_updates,
      lastAt: d(r.implementation_last_at),
      progress: r.implementation_progress,
    },
  };
}

async function persist(trx: Database, id: number, s: ProposalState) {
  const iso = Object.fromEntries(Object.entries(s.enteredAt).map(([k, v]) => [k, (v as Date).toISOString()]));
  const answeredTimes = s.tiers.flatMap((t) => [t.answeredAt, ...t.interimAnswers]).filter((x): x is Date => !!x);
  await trx
    .updateTable('proposals')
    .set({
      stage: s.stage,
      department_id: s.departmentId === null ? null : Number(s.departmentId),
      entered_at: JSON.stringify(iso) as never,
      screened_suitable: s.screenedSuitable,
      pre_agreement_closes_at: s.preAgreement?.closesAt ?? null,
      support_opened_at: s.support?.openedAt ?? null,
      closes_at: s.support?.closesAt ?? s.preAgreement?.closesAt ?? null,
      closure: s.closure ? (JSON.stringify(s.closure) as never) : null,
      result: s.result,
      reached_tiers: sql`${`{${s.tiers.map((t) => `"${t.key}"`).join(',')}}`}::text[]` as never,
      implementation_updates: s.implementation.updates,
      implementation_progress: s.implementation.progress,
      implementation_last_at: s.implementation.lastAt,
      last_answer_at: answeredTimes.length ? new Date(Math.max(...answeredTimes.map((x) => x.getTime()))) : null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
  for (const t of s.tiers) {
    const interim = sql`${`{${t.interimAnswers.map((x) => `"${x.toISOString()}"`).join(',')}}`}::timestamptz[]`;
    await trx
      .insertInto('proposal_tiers')
      .values({
        proposal_id: id,
        tier_key: t.key,
        answerer: t.answerer,
        count: t.count,
        reached_at: t.reachedAt,
        due_at: t.dueAt,
        due_date: t.dueAt ? lastDayOf(t.dueAt) : null,
        interim_answers: interim as never,
        answered_at: t.answeredAt,
      })
      .onConflict((oc) =>
        oc
          .columns(['proposal_id', 'tier_key'])
          .doUpdateSet({ interim_answers: interim as never, answered_at: t.answeredAt }),
      )
      .execute();
  }
}

/** Who acts, in the platform's terms (for the record) and the core's (for the rules). */
export interface Who {
  audit: AuditActor;
  actor: Actor;
  personId: number | null;
}
export const SYSTEM_WHO: Who = { audit: SYSTEM, actor: { id: 'system', roles: ['system'] }, personId: null };

/** A signed-in person as the core sees them, relative to the proposal's department. */
export function whoOf(a: PlatformActor, label: string, departmentId: number | null): Who {
  const ownDept =
    a.grants.find((g) => g.role === 'official' && g.departmentId === departmentId) ??
    a.grants.find((g) => g.role === 'official');
  const roles: Actor['roles'][number][] = ['citizen'];
  if (ownDept) roles.push('department-official');
  if (hasRole(a, 'planning')) roles.push('planning-office');
  if (hasRole(a, 'moderator')) roles.push('moderator');
  if (hasRole(a, 'admin')) roles.push('admin');
  return {
    audit: { id: a.id, label },
    actor: {
      id: String(a.id),
      roles,
      departmentId: ownDept?.departmentId != null ? String(ownDept.departmentId) : undefined,
    },
    personId: a.id,
  };
}

export async function loadState(db: Database, id: number, lock = false) {
  let q = db
    .selectFrom('proposals')
    .select([...STATE_COLUMNS])
    .where('proposals.id', '=', id);
  if (lock) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  if (!row) return null;
  const [tiers, comp] = await Promise.all([
    db.selectFrom('proposal_tiers').selectAll().where('proposal_id', '=', id).orderBy('reached_at').execute(),
    db.selectFrom('components').select('settings').where('id', '=', row.component_id).executeTakeFirstOrThrow(),
  ]);
  return { row, state: toState(row as StateRow, tiers as TierRow[]), ...boardRules(comp.settings) };
}

export type FireResult = { ok: true; state: ProposalState } | { ok: false; code: string; message: Bilingual };

export interface FireOptions {
  reason?: string;
  at?: Date;
  calendar?: HolidayCalendar;
  /** Extra writes that belong to the same act (an answer's text, an implementation update), in its transaction. */
  within?: (trx: Database, r: Extract<TransitionResult, { ok: true }>) => Promise<void>;
  /** Links for the notice texts. */
  duplicateUrl?: string;
  /** No notices: the system publishing a board's new post at once is not news to anyone. */
  quiet?: boolean;
}

/** Fires one event: the stage change, its record and its notices commit together, or nothing does. */
export async function fire(
  db: Database,
  id: number,
  event: ProposalEvent,
  who: Who,
  o: FireOptions = {},
): Promise<FireResult> {
  const calendar = o.calendar ?? (await cityCalendar(db));
  // Inside a caller's transaction (a new proposal is created and submitted together) or in its own.
  return inTransaction(db, async (trx): Promise<FireResult> => {
    const loaded = await loadState(trx, id, true);
    if (!loaded) return { ok: false, code: 'missing', message: { ko: '없는 제안입니다.', en: 'No such proposal.' } };
    const r = transition(loaded.state, event, {
      at: o.at ?? new Date(),
      actor: who.actor,
      settings: loaded.rules,
      calendar,
      reason: o.reason,
    });
    if (!r.ok) return r;
    await persist(trx, id, r.state);
    await recordAudit(trx, {
      actor: who.audit,
      action: r.audit.action,
      targetType: TARGET,
      targetId: id,
      reason: r.audit.reason,
      before: r.audit.before,
      after: { ...r.audit.after, role: r.audit.role, event, ...tierDue(r.state, event) },
    });
    if (o.within) await o.within(trx, r);
    const dept = r.state.departmentId
      ? await trx
          .selectFrom('departments')
          .select(['name_ko', 'name_en'])
          .where('id', '=', Number(r.state.departmentId))
          .executeTakeFirst()
      : undefined;
    const intents = o.quiet
      ? []
      : notificationsFor(r.audit, r.state, {
          title: loaded.row.title,
          settings: loaded.rules,
          departmentName: dept ? { ko: dept.name_ko, en: dept.name_en } : undefined,
          duplicateUrl: o.duplicateUrl,
        });
    await deliver(
      trx,
      intents,
      { id, authorId: loaded.row.author_id, departmentId: r.state.departmentId ? Number(r.state.departmentId) : null },
      who.personId,
    );
    return { ok: true, state: r.state };
  });
}

/** A reached tier's due date goes into the record with it: the promise made to citizens, on the record. */
function tierDue(s: ProposalState, e: ProposalEvent): { dueDate?: string | null } {
  if (e.type !== 'tier-reached') return {};
  const t = s.tiers.find((x) => x.key === e.tier);
  return { dueDate: t?.dueAt ? lastDayOf(t.dueAt) : null };
}

/** Intents → in-app notices for the people behind each recipient group (the delivery channels read from those). */
export async function deliver(
  db: Database,
  intents: NotificationIntent[],
  p: { id: number; authorId: number; departmentId: number | null },
  exceptId: number | null,
) {
  for (const intent of intents) {
    const ids: number[] = [];
    for (const r of intent.recipients) {
      if (r === 'author') ids.push(p.authorId);
      else if (r === 'followers') ids.push(...(await followers(db, TARGET, p.id)));
      else if (r === 'department' && p.departmentId !== null)
        ids.push(
          ...(
            await db
              .selectFrom('person_roles')
              .select('person_id')
              .where('role', '=', 'official')
              .where('department_id', '=', p.departmentId)
              .execute()
          ).map((x) => x.person_id),
        );
      else if (r === 'planning-office')
        ids.push(
          ...(await db.selectFrom('person_roles').select('person_id').where('role', '=', 'planning').execute()).map(
            (x) => x.person_id,
          ),
        );
    }
    const text = {
      ko: renderTemplate(intent.template, intent.params, 'ko'),
      en: renderTemplate(intent.template, intent.params, 'en'),
    };
    // 'high' notices (tiers reached, answers, 반려 …) may also go by SMS / 알림톡; the rest in-app and by e-mail.
    await notify(
      db,
      ids,
      { kind: intent.template, targetType: TARGET, targetId: p.id, text, priority: intent.priority },
      exceptId ?? undefined,
    );
  }
}

/** What counts toward tiers right now: supports (pre-agreements are supports given before publication) and the
 * number of distinct people who commented visibly (one person cannot reach 200 comments alone). With `until`, only
 * comments written before it count (comments stay open after a window closes; supports do not). */
export async function countsOf(db: Database, id: number, until?: Date) {
  const [supports, commenters] = await Promise.all([
    tallyOf(db, { kind: 'support', targetType: TARGET, targetId: id }),
    db
      .selectFrom('comments')
      .select(sql<number>`count(distinct author_id)::int`.as('n'))
      .where('target_type', '=', TARGET)
      .where('target_id', '=', id)
      .where('hidden', '=', false)
      .$if(until !== undefined, (q) => q.where('created_at', '<=', until!))
      .executeTakeFirst(),
  ]);
  return { supports, comments: commenters?.n ?? 0, preAgreements: supports };
}

/**
 * What the system does by itself, repeated until nothing applies: a board that screens at the threshold accepts,
 * screens as suitable and opens support at once (unless the PII guard held the text); pre-agreements reached publish
 * the petition; counts that meet a tier while the window is open reach it (tier 0: owed an answer at once).
 */
export async function advance(
  db: Database,
  id: number,
  at = new Date(),
  o: { countUntil?: Date } = {},
): Promise<ProposalState | null> {
  for (let step = 0; step < 8; step++) {
    const loaded = await loadState(db, id);
    if (!loaded) return null;
    const { state, rules, row } = loaded;
    const next = await nextSystemEvent(db, state, rules, row.pii_hold, at, o.countUntil);
    if (!next) return state;
    const r = await fire(db, id, next, SYSTEM_WHO, {
      at,
      quiet: next.type === 'accept' || next.type === 'screen' || next.type === 'open-support',
    });
    if (!r.ok) return state; // another instance got there first, or the rule says no: nothing more to do
  }
  return null;
}

async function nextSystemEvent(
  db: Database,
  s: ProposalState,
  rules: BoardSettings,
  held: boolean,
  at: Date,
  until?: Date,
): Promise<ProposalEvent | null> {
  const auto = rules.screening === 'at-threshold' && !held;
  if (s.stage === 'submitted' && auto) return { type: 'accept' };
  if (s.stage === 'screening' && auto && !s.screenedSuitable) return { type: 'screen', outcome: { kind: 'suitable' } };
  if (s.stage === 'screening' && auto && s.screenedSuitable) return { type: 'open-support' };
  if (s.stage === 'pre-agreement' && rules.prePublication && s.preAgreement && isWindowOpen(s.preAgreement, at)) {
    const n = (await countsOf(db, Number(s.id), until)).supports;
    return n >= rules.prePublication.agreements ? { type: 'pre-agreements-reached', count: n } : null;
  }
  if (['collecting', 'answering', 'answered', 'implementing'].includes(s.stage) && s.support) {
    const counts = await countsOf(db, Number(s.id), until);
    const tier = tiersToFire(
      rules,
      counts,
      s.tiers.map((t) => t.key),
      s.support,
      at,
    )[0];
    if (tier)
      return {
        type: 'tier-reached',
        tier: tier.key,
        count: counts[tierCountSource(rules, tier) === 'comments' ? 'comments' : 'supports'],
      };
  }
  return null;
}

/** The smallest support count that would reach a tier not reached yet (the support hot path compares against it). */
export function nextSupportThreshold(rules: BoardSettings, stage: string, reached: readonly string[]): number | null {
  if (stage === 'pre-agreement') return rules.prePublication?.agreements ?? null;
  const open = rules.tiers
    .filter((t) => tierCountSource(rules, t) === 'supports' && !reached.includes(t.key))
    .map((t) => t.threshold);
  return open.length ? Math.min(...open) : null;
}

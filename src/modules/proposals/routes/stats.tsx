// 월간 운영 현황: the monthly public statistics (proposals by kind and stage, supporters, answers on time, median
// days to answer, per department), from stored rows mapped to the workflow core's records. HTML and open JSON.
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { AppEnv } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { cityCalendar } from '../../../platform/holidays.ts';
import { seoulDateOf } from '../../../rules/index.ts';
import {
  monthlyStats,
  KIND_NOUNS,
  STAGE_LABELS,
  type StatsProposal,
  type Stage,
  type AnswerStats,
} from '../domain/index.ts';
import { effectiveStage } from '../domain/proposal.ts';
import { TARGET, tierProgress, type TierRow } from '../store/lifecycle.ts';

/** Stored proposals as the workflow core's statistics records: the stage as a reader sees it, every tier. */
async function records(db: Database): Promise<StatsProposal[]> {
  const [rows, tiers] = await Promise.all([
    db
      .selectFrom('proposals')
      .select([
        'proposals.id',
        'proposals.kind',
        'proposals.stage',
        'proposals.closes_at',
        'proposals.reached_tiers',
        'proposals.created_at',
        'proposals.department_id',
        'proposals.result',
        sql<number>`(select coalesce(sum(n), 0)::int from tallies t where t.kind = 'support' and t.target_type = ${TARGET} and t.target_id = proposals.id)`.as(
          'supporters',
        ),
      ])
      .where('proposals.stage', 'not in', ['draft', 'withdrawn'])
      .execute(),
    db.selectFrom('proposal_tiers').selectAll().execute(),
  ]);
  const byProposal = new Map<number, TierRow[]>();
  for (const t of tiers) byProposal.set(t.proposal_id, [...(byProposal.get(t.proposal_id) ?? []), t as TierRow]);
  return rows.map((r) => ({
    id: String(r.id),
    kind: r.kind as StatsProposal['kind'],
    stage: effectiveStage(r),
    result: (r.result ?? null) as StatsProposal['result'],
    departmentId: r.department_id === null ? null : String(r.department_id),
    submittedAt: new Date(r.created_at),
    supporters: r.supporters,
    tiers: (byProposal.get(r.id) ?? []).map(tierProgress),
  }));
}

export function registerStats(app: Hono<AppEnv>) {
  const monthOf = (q: string | undefined) =>
    q && /^\d{4}-(0[1-9]|1[0-2])$/.test(q) ? q : seoulDateOf(new Date()).slice(0, 7);
  const compute = async (db: Database, month: string) => monthlyStats(await records(db), month, await cityCalendar(db));

  app.get('/stats.json', async (c) => c.json(await compute(c.get('p').db, monthOf(c.req.query('month')))));

  app.get('/stats', async (c) => {
    const p = c.get('p'),
      t = c.get('t'),
      lang = c.get('lang');
    const month = monthOf(c.req.query('month'));
    const [s, depts] = await Promise.all([
      compute(p.db, month),
      p.db.selectFrom('departments').select(['id', 'name_ko', 'name_en']).execute(),
    ]);
    const deptName = (id: string) => {
      const d = depts.find((x) => String(x.id) === id);
      return d ? (lang === 'ko' ? d.name_ko : d.name_en) : t('proposal.departmentNone');
    };
    const stages = [...new Set(Object.values(s.newProposals.byKindAndStage).flatMap((x) => Object.keys(x)))] as Stage[];
    const AnswerRow = ({ label, a }: { label: string; a: AnswerStats }) => (
      <tr>
        <th scope="row">{label}</th>
        <td>{a.answered}</td>
        <td>
          {a.onTime.percent === null ? '-' : `${a.onTime.percent}% (${a.onTime.numerator}/${a.onTime.denominator})`}
        </td>
        <td>{a.medianCalendarDays ?? '-'}</td>
        <td>{a.medianWorkingDays ?? '-'}</td>
        <td>{a.answeredLate}</td>
        <td>{a.overdueAtEnd}</td>
      </tr>
    );
    return renderPage(
      c,
      { title: t('stats.title', { month }) },
      <div>
        <h1>{t('stats.title', { month })}</h1>
        <form method="get" action="/stats" class="search-form">
          <div class="form-group">
            <label for="f-month">{t('stats.month')}</label>
            <input type="month" id="f-month" name="month" value={month} />
          </div>
          <button type="submit" class="btn btn-secondary">
            {t('proposal.searchSubmit')}
          </button>
          <a href={`/stats.json?month=${month}`}>JSON</a>
        </form>
        <h2>{t('stats.new', { count: s.newProposals.total })}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('stats.kind')}</th>
                {stages.map((st) => (
                  <th scope="col">{STAGE_LABELS[st][lang]}</th>
                ))}
                <th scope="col">{t('stats.total')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(s.newProposals.byKindAndStage).map(([kind, byStage]) => (
                <tr>
                  <th scope="row">{KIND_NOUNS[kind as keyof typeof KIND_NOUNS][lang]}</th>
                  {stages.map((st) => (
                    <td>{byStage[st] ?? 0}</td>
                  ))}
                  <td>{s.newProposals.byKind[kind]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>{t('stats.supporters', { onNew: s.supporters.onNewProposals, total: s.supporters.total })}</p>
        <h2>{t('stats.answers')}</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('proposal.department')}</th>
                <th scope="col">{t('stats.answered')}</th>
                <th scope="col">{t('queue.rate')}</th>
                <th scope="col">{t('stats.medianDays')}</th>
                <th scope="col">{t('stats.medianWorkingDays')}</th>
                <th scope="col">{t('queue.late')}</th>
                <th scope="col">{t('queue.overdue')}</th>
              </tr>
            </thead>
            <tbody>
              <AnswerRow label={t('stats.total')} a={s.answers} />
              {Object.entries(s.byDepartment).map(([d, a]) => (
                <AnswerRow label={deptName(d)} a={a} />
              ))}
            </tbody>
          </table>
        </div>
        <p class="help">{t('stats.footnote')}</p>
      </div>,
    );
  });
}

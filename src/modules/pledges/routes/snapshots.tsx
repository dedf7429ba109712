// Half-yearly snapshots (반기별 공개): frozen, compared with the previous one, open as JSON.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf } from '../../../platform/ui/forms.tsx';
import { forbidden } from '../../../platform/http/app.tsx';
import { recordAudit } from '../../../platform/audit.ts';
import { sql } from 'kysely';
import {
  toJson,
  takeSnapshot,
  endedSnapshotPeriod,
  snapshotPeriodChoices,
  snapshotComparison,
  buildPledgeCard,
  CARD_LAYOUTS,
  type DashboardMetrics,
  type Pledge,
} from '../domain/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as perm from '../permissions.ts';
import * as store from '../store.ts';
import { download } from '../../../platform/reports/index.ts';
import { PrintCss, ReportView } from '../../../platform/reports/index.ts';
import { L, today, who, loginFirst } from './shared.tsx';

function Metrics({ c, m }: { c: Context<AppEnv>; m: DashboardMetrics }) {
  const f = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)}%`);
  return (
    <div class="table-wrap">
      <table>
        <caption>{L(c, '이행 지표', 'Key figures')}</caption>
        <thead>
          <tr>
            <th scope="col">{L(c, '완료율', 'Completion')}</th>
            <th scope="col">{L(c, '이행률(임기내)', 'Implementation')}</th>
            <th scope="col">
              {L(c, '목표달성률', 'Targets met')} ({m.targetAchievementRate.year})
            </th>
            <th scope="col">{L(c, '평균 진도율', 'Average progress')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td class="num">{f(m.completionRate.percent)}</td>
            <td class="num">{f(m.implementationRate.percent)}</td>
            <td class="num">{f(m.targetAchievementRate.percent)}</td>
            <td class="num">{f(m.averageProgress)}</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

// Both requests of a double click take this lock in turn; the second then finds the first one's snapshot.
const SNAPSHOT_LOCK = sql`select pg_advisory_xact_lock(hashtext('madang:pledge_snapshots'))`;

export function registerSnapshots(app: Hono<AppEnv>) {
  const listPage = async (c: Context<AppEnv>, o: { status?: number; error?: string } = {}) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    const rows = await db
      .selectFrom('pledge_snapshots')
      .select(['period', 'label', 'taken_at'])
      .orderBy('period', 'desc')
      .execute();
    const { settings } = await pledgeSettingsOf(db);
    const choices = snapshotPeriodChoices(today(), settings.publication);
    const ended = endedSnapshotPeriod(today(), settings.publication).period;
    return renderPage(
      c,
      { title: L(c, '반기별 공개본', 'Half-yearly snapshots'), status: o.status, error: o.error },
      <div>
        <p>
          <a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a>
        </p>
        <h1>{L(c, '반기별 공개본', 'Half-yearly snapshots')}</h1>
        <p>
          {L(
            c,
            '공개본은 만든 뒤 바뀌지 않으며, 직전 공개본과 비교할 수 있습니다.',
            'A snapshot never changes once taken and is compared with the previous one.',
          )}
        </p>
        {rows.length ? (
          <ul>
            {rows.map((r) => (
              <li>
                <a href={`/pledges/snapshots/${r.period}`}>{r.label}</a> ({r.taken_at})
              </li>
            ))}
          </ul>
        ) : (
          <p>{L(c, '아직 공개본이 없습니다.', 'No snapshots yet.')}</p>
        )}
        {perm.canSnapshot(actor) ? (
          <form method="post" action="/pledges/snapshots">
            <Csrf token={c.get('csrf')} />
            <div class="form-group">
              <label for="f-period">{L(c, '공개할 기간', 'Period to publish')}</label>
              <select id="f-period" name="period">
                {choices.map((p) => (
                  <option value={p.period} selected={p.period === ended}>
                    {p.label}
                    {p.period === ended ? L(c, ' (막 끝난 기간)', ' (just ended)') : ''}
                  </option>
                ))}
              </select>
              <p class="help">
                {L(
                  c,
                  '공개본은 지금의 공약 현황을 고른 기간의 공개본으로 고정하고, 목표달성률은 그 기간의 연도로 계산합니다.',
                  "The snapshot freezes the pledges as they are now for the chosen period; 목표달성률 is computed for that period's year.",
                )}
              </p>
            </div>
            <button type="submit" class="btn btn-primary">
              {L(c, '지금 공개본 만들기', 'Take a snapshot now')}
            </button>
          </form>
        ) : null}
      </div>,
    );
  };
  app.get('/pledges/snapshots', (c) => listPage(c));

  app.post('/pledges/snapshots', async (c) => {
    const actor = c.get('actor'),
      db = c.get('p').db;
    if (!actor) return loginFirst(c);
    if (!perm.canSnapshot(actor)) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    // The half-year just ended unless the planning office chose another one offered by the form.
    const asked = String(c.get('form').period ?? '');
    const period = asked
      ? snapshotPeriodChoices(today(), settings.publication).find((p) => p.period === asked)
      : endedSnapshotPeriod(today(), settings.publication);
    if (!period)
      return listPage(c, {
        status: 422,
        error: L(c, '고를 수 있는 기간이 아닙니다.', 'That period cannot be chosen.'),
      });
    const all = await store.allPledges(db);
    const snap = takeSnapshot(
      all.map((s) => s.pledge),
      today(),
      settings,
      period,
    );
    // One snapshot per half-year, whatever arrives at once (a double click, two officials): the same half-year gives
    // the existing snapshot and a friendly message. ON CONFLICT is not allowed on a table with rules, so the check
    // and the insert run under a transaction-scoped advisory lock (PostgreSQL and PGlite alike).
    const done = await db.transaction().execute(async (trx) => {
      await SNAPSHOT_LOCK.execute(trx);
      if (
        await trx.selectFrom('pledge_snapshots').select('period').where('period', '=', snap.period).executeTakeFirst()
      )
        return false;
      await trx
        .insertInto('pledge_snapshots')
        .values({
          period: snap.period,
          label: snap.label,
          taken_at: snap.takenAt,
          pledges: JSON.stringify(snap.pledges),
          metrics: JSON.stringify(snap.metrics),
          layouts: JSON.stringify(Object.fromEntries(all.map((s) => [s.pledge.id, s.layout]))),
        })
        .execute();
      await recordAudit(trx, {
        actor: who(actor),
        action: 'pledge.snapshot',
        targetType: 'pledge-snapshot',
        targetId: snap.period,
        after: { label: snap.label, count: snap.pledges.length, metrics: snap.metrics },
      });
      return true;
    });
    return c.redirect(`/pledges/snapshots/${snap.period}?msg=${done ? 'taken' : 'exists'}`, 303);
  });

  app.get('/pledges/snapshots/:file{\\d{4}-(?:H[12]|Q[1-4])\\.json}', async (c) => {
    const snap = await c
      .get('p')
      .db.selectFrom('pledge_snapshots')
      .selectAll()
      .where('period', '=', c.req.param('file').replace(/\.json$/, ''))
      .executeTakeFirst();
    if (!snap) return c.notFound();
    return download(
      c,
      toJson({
        period: snap.period,
        label: snap.label,
        takenAt: snap.taken_at,
        metrics: snap.metrics,
        pledges: snap.pledges,
      }),
      'application/json; charset=utf-8',
      `공약공개본_${snap.period}.json`,
    );
  });
  const load = async (c: Context<AppEnv>) => {
    const db = c.get('p').db;
    const snap = await db
      .selectFrom('pledge_snapshots')
      .selectAll()
      .where('period', '=', c.req.param('period') ?? '')
      .executeTakeFirst();
    if (!snap) return undefined;
    const prev = await db
      .selectFrom('pledge_snapshots')
      .selectAll()
      .where('period', '<', snap.period)
      .orderBy('period', 'desc')
      .limit(1)
      .executeTakeFirst();
    const comparison = prev
      ? snapshotComparison(
          { label: prev.label, pledges: prev.pledges as Pledge[], metrics: prev.metrics as DashboardMetrics },
          {
            label: snap.label,
            takenAt: snap.taken_at,
            pledges: snap.pledges as Pledge[],
            metrics: snap.metrics as DashboardMetrics,
          },
        )
      : undefined;
    return { snap, prev, comparison, pledges: snap.pledges as Pledge[] };
  };
  const PERIOD = ':period{\\d{4}-(?:H[12]|Q[1-4])}';

  app.get(`/pledges/snapshots/${PERIOD}`, async (c) => {
    const x = await load(c);
    if (!x) return c.notFound();
    const { snap, prev, comparison, pledges } = x;
    const msg = c.req.query('msg');
    const notice =
      msg === 'taken'
        ? L(c, `${snap.label} 공개본을 만들었습니다.`, `The ${snap.period} snapshot was taken.`)
        : msg === 'exists'
          ? L(
              c,
              `${snap.label} 공개본은 이미 있습니다. 공개본은 반기마다 하나이고 바뀌지 않으므로, 이미 만든 공개본을 보여 드립니다.`,
              `There already is a snapshot for ${snap.period}; there is one per half-year and it never changes, so here it is.`,
            )
          : undefined;
    return renderPage(
      c,
      { title: `${L(c, '공개본', 'Snapshot')} ${snap.label}`, notice },
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print">
          <a href="/pledges/snapshots">{L(c, '반기별 공개본', 'Half-yearly snapshots')}</a>
        </p>
        <h1>
          {L(c, '공개본', 'Snapshot')} {snap.label}
        </h1>
        <p>
          {L(c, '기준일', 'Taken on')}: {snap.taken_at}
        </p>
        <ul class="downloads">
          <li>
            <a href={`/pledges/snapshots/${snap.period}/cards`}>
              {L(c, '공약 카드 인쇄본 (A4)', 'Printable pledge cards (A4)')}
            </a>
          </li>
          {prev ? (
            <li>
              <a href={`/pledges/snapshots/${snap.period}/comparison`}>
                {L(c, '직전 공개본과 비교 인쇄본 (A4)', 'Printable comparison (A4)')}
              </a>
            </li>
          ) : null}
          <li>
            <a href={`/pledges/snapshots/${snap.period}.json`}>JSON</a>
          </li>
        </ul>
        <Metrics c={c} m={snap.metrics as DashboardMetrics} />
        <div class="table-wrap">
          <table>
            <caption>{L(c, '공약 목록', 'Pledges')}</caption>
            <thead>
              <tr>
                <th scope="col">{L(c, '공약번호', 'No.')}</th>
                <th scope="col">{L(c, '공약명', 'Pledge')}</th>
                <th scope="col">{L(c, '상태', 'Status')}</th>
                <th scope="col">{L(c, '진도율', 'Progress')}</th>
              </tr>
            </thead>
            <tbody>
              {pledges.map((p) => (
                <tr>
                  <td>{p.id}</td>
                  <th scope="row">{p.title}</th>
                  <td>{p.status}</td>
                  <td class="num">{p.progressPercent}%</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h2>
          {L(c, '직전 공개본과 비교', 'Compared with the previous snapshot')}
          {prev ? ` (${prev.label})` : ''}
        </h2>
        {comparison ? (
          <ReportView
            report={{ ...comparison, meta: [], sections: comparison.sections.filter((sec) => sec.id === 'changes') }}
            level={3}
          />
        ) : (
          <p>{L(c, '직전 공개본이 없습니다.', 'There is no previous snapshot.')}</p>
        )}
      </article>,
    );
  });

  // Every frozen pledge card of the snapshot, in its seed layout, one per A4 page.
  app.get(`/pledges/snapshots/${PERIOD}/cards`, async (c) => {
    const x = await load(c);
    if (!x) return c.notFound();
    const db = c.get('p').db;
    const { settings, tracker } = await pledgeSettingsOf(db);
    // Snapshots from before layouts were frozen print in the pledge's current layout.
    const current = new Map(
      (await db.selectFrom('pledges').select(['code', 'layout']).execute()).map((r) => [r.code, r.layout]),
    );
    const frozen = (x.snap.layouts ?? {}) as Record<string, string>;
    const cards = x.pledges.map((p) => {
      const id = frozen[p.id] ?? current.get(p.id) ?? tracker.layout;
      return buildPledgeCard(p, {
        settings,
        layout: CARD_LAYOUTS.find((l) => l.id === id) ?? CARD_LAYOUTS[1],
        today: p.asOf ?? x.snap.taken_at,
      });
    });
    return renderPage(
      c,
      { title: `${L(c, '공개본 공약 카드', 'Snapshot pledge cards')} ${x.snap.label}` },
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print">
          <a href={`/pledges/snapshots/${x.snap.period}`}>
            {L(c, '공개본', 'Snapshot')} {x.snap.label}
          </a>{' '}
          · {L(c, '인쇄하면 공약마다 A4 한 장씩 나옵니다.', 'Printing gives each pledge its own A4 pages.')}
        </p>
        <h1>
          {settings.programName} {L(c, '공약 카드', 'pledge cards')}: {x.snap.label} {L(c, '공개본', 'snapshot')} (
          {L(c, '기준일', 'as of')} {x.snap.taken_at})
        </h1>
        {cards.map((card, i) => (
          <section class="card-page" aria-labelledby={`card-${i}`}>
            <h2 id={`card-${i}`}>{card.title}</h2>
            <ReportView report={card} level={3} />
          </section>
        ))}
      </article>,
    );
  });

  app.get(`/pledges/snapshots/${PERIOD}/comparison`, async (c) => {
    const x = await load(c);
    if (!x?.comparison) return c.notFound();
    return renderPage(
      c,
      { title: x.comparison.title },
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print">
          <a href={`/pledges/snapshots/${x.snap.period}`}>
            {L(c, '공개본', 'Snapshot')} {x.snap.label}
          </a>
        </p>
        <h1>{x.comparison.title}</h1>
        <ReportView report={x.comparison} />
      </article>,
    );
  });
}

// ---- change requests ------------------------------------------------------------------------------------------

// Public pledge pages: the dashboard with filters, a card page per pledge with its comment board, and the downloads
// (XLSX / CSV / JSON, open data) from the same report model.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { guardText, seoulDateOf } from '../../../rules/index.ts';
import {
  budgetTotals,
  buildCommunicationCard,
  buildPledgeCard,
  CARD_LAYOUTS,
  communicationTotals,
  dashboard,
  filterPledges,
  koYearMonth,
  reportTables,
  toCsv,
  toJson,
  toXlsx,
  formatError,
  resolveStatus,
  span,
  type Pledge,
  type PledgeSettings,
  type Report,
} from '../domain/index.ts';
import { aggregatePanelScores, DEFAULT_CRITERIA } from '../../evaluations/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as perm from '../permissions.ts';
import * as store from '../store.ts';
import { linkedOf } from '../links.ts';
import { tx, type TextKey } from '../text.ts';
import {
  PrintCss,
  ReportView,
  TableView,
  download,
  serveReport,
  reportCss,
  XLSX,
  CSV,
  JSON_TYPE,
} from '../../../platform/reports/index.ts';
import { PledgeProfile } from '../views/profile.tsx';
import { once } from '../../../platform/http/once.tsx';

import { idOf, today } from './shared.tsx';

const pct = (v: number | null, c: Context<AppEnv>) => (v === null ? tx(c)('noData') : `${v.toFixed(1)}%`);

/** The pledge list and dashboard figures as a report: the open-data downloads. */
function openDataReport(pledges: Pledge[], settings: PledgeSettings, year: number, names: Map<string, string>): Report {
  const m = dashboard(pledges, settings, year);
  return {
    kind: 'pledge-card',
    title: `${settings.programName} 이행 현황`,
    meta: [{ label: '목표달성 연도', value: String(year) }],
    sections: [
      {
        id: 'metrics',
        heading: '이행 지표',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'metrics',
              title: '이행 지표',
              head: [{ cells: ['구분', '분자', '분모', '비율(%)'] }],
              body: [
                {
                  cells: ['완료율', m.completionRate.numerator, m.completionRate.denominator, m.completionRate.percent],
                },
                {
                  cells: [
                    '이행률(임기내)',
                    m.implementationRate.numerator,
                    m.implementationRate.denominator,
                    m.implementationRate.percent,
                  ],
                },
                {
                  cells: [
                    `목표달성률(${year})`,
                    m.targetAchievementRate.numerator,
                    m.targetAchievementRate.denominator,
                    m.targetAchievementRate.percent,
                  ],
                },
                { cells: ['평균 진도율', null, null, m.averageProgress] },
              ],
            },
          },
        ],
      },
      {
        id: 'by-status',
        heading: '상태별 공약 수',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'by-status',
              title: '상태별 공약 수',
              head: [{ cells: ['상태', '공약 수'] }],
              body: [
                ...m.byStatus.map((s) => ({ cells: [s.label, s.count] })),
                { cells: ['계', m.total], total: true },
              ],
            },
          },
        ],
      },
      {
        id: 'pledges',
        heading: '공약 목록',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'pledges',
              title: '공약 목록',
              unit: `(예산 단위 : ${settings.budgetUnit})`,
              head: [
                {
                  cells: [
                    '공약번호',
                    '비전',
                    '분야',
                    '공약명',
                    '담당부서',
                    '상태',
                    '전체진도율(%)',
                    '목표연월',
                    '임기구분',
                    '소요예산',
                    '예산 합계(집행·확보·계획)',
                    '기준일',
                  ],
                },
              ],
              body: pledges.map((p) => ({
                cells: [
                  p.id,
                  p.visionId ? (names.get(p.visionId) ?? p.visionId) : '',
                  p.fieldId ? (names.get(p.fieldId) ?? p.fieldId) : '',
                  p.title,
                  p.leadDepartment ?? '',
                  p.status,
                  p.progressPercent,
                  koYearMonth(p.targetDate),
                  p.term ?? '',
                  p.requiredBudget ?? null,
                  p.budget.periods.length
                    ? budgetTotals(p.budget, p.asOf ?? today(), settings.budgetSources).total
                    : null,
                  p.asOf ?? '',
                ],
              })),
            },
          },
        ],
      },
    ],
  };
}

async function loadFiltered(c: Context<AppEnv>) {
  const db = c.get('p').db;
  const [{ settings }, all, vf] = await Promise.all([
    pledgeSettingsOf(db),
    store.allPledges(db),
    store.visionsAndFields(db),
  ]);
  const q = {
    visionId: c.req.query('vision') || undefined,
    fieldId: c.req.query('field') || undefined,
    department: c.req.query('department') || undefined,
  };
  const shown = filterPledges(
    all.map((s) => s.pledge),
    q,
  );
  const latest = Math.max(0, ...all.map((s) => Number((s.pledge.asOf ?? '').slice(0, 4)) || 0));
  const y = Number(c.req.query('year'));
  const year = Number.isInteger(y) && y >= 1990 && y <= 2100 ? y : latest || Number(today().slice(0, 4));
  const departments = [
    ...new Set(
      all
        .flatMap((s) => [s.pledge.leadDepartment, ...s.pledge.officials.map((o) => o.department)])
        .filter((d): d is string => !!d),
    ),
  ].sort();
  const names = store.namesOf(vf);
  return { settings, all, shown, q, year, departments, vf, names };
}

function Select({
  name,
  label,
  value,
  options,
  all,
}: {
  name: string;
  label: string;
  value?: string;
  options: { value: string; label: string }[];
  all: string;
}) {
  return (
    <div class="form-group">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function registerPublic(app: Hono<AppEnv>) {
  app.get('/pledges/report.css', reportCss);

  app.get('/pledges', async (c) => {
    const w = tx(c);
    const { settings, shown, q, year, departments, vf, all } = await loadFiltered(c);
    const m = dashboard(shown, settings, year);
    const byId = new Map(all.map((s) => [s.pledge.id, s.id]));
    const filtered = !!(q.visionId || q.fieldId || q.department);
    const qs = new URL(c.req.url).search;
    return renderPage(
      c,
      { title: filtered ? `${w('dashboard')} (${w('filters')})` : w('dashboard') },
      <div>
        <PrintCss href="/pledges/report.css" />
        <h1>{w('dashboard')}</h1>
        <p>
          {w('intro')} <span>{settings.programName}</span>
        </p>
        <form method="get" action="/pledges" class="search-form" role="search" aria-label={w('filters')}>
          <Select
            name="vision"
            label={w('vision')}
            value={q.visionId}
            all={w('all')}
            options={vf.visions.map((v) => ({ value: v.id, label: v.name }))}
          />
          <Select
            name="field"
            label={w('field')}
            value={q.fieldId}
            all={w('all')}
            options={vf.fields.map((f) => ({ value: f.id, label: f.name }))}
          />
          <Select
            name="department"
            label={w('department')}
            value={q.department}
            all={w('all')}
            options={departments.map((d) => ({ value: d, label: d }))}
          />
          <div class="form-group">
            <label for="f-year">{w('year')}</label>
            <input type="number" id="f-year" name="year" value={String(year)} min={1990} max={2100} />
          </div>
          <button type="submit" class="btn btn-secondary">
            {w('apply')}
          </button>
        </form>
        <h2>{w('metrics')}</h2>
        <ul class="figures">
          <li>
            <span class="figure">{pct(m.completionRate.percent, c)}</span>
            {w('completionRate')} ({m.completionRate.numerator}/{m.completionRate.denominator})
          </li>
          <li>
            <span class="figure">{pct(m.targetAchievementRate.percent, c)}</span>
            {w('targetRate')} {year} ({m.targetAchievementRate.numerator}/{m.targetAchievementRate.denominator})
          </li>
          <li>
            <span class="figure">{pct(m.implementationRate.percent, c)}</span>
            {w('implementationRate')} ({m.implementationRate.numerator}/{m.implementationRate.denominator})
          </li>
          <li>
            <span class="figure">{pct(m.averageProgress, c)}</span>
            {w('averageProgress')}
          </li>
        </ul>
        <div class="table-wrap">
          <table>
            <caption>{w('byStatus')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('status')}</th>
                <th scope="col">{w('count')}</th>
              </tr>
            </thead>
            <tbody>
              {m.byStatus.map((s) => (
                <tr>
                  <th scope="row">{s.label}</th>
                  <td class="num">{s.count}</td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row">{w('total')}</th>
                <td class="num">{m.total}</td>
              </tr>
            </tbody>
          </table>
        </div>
        <h2>{w('list')}</h2>
        {shown.length ? (
          <div class="table-wrap">
            <table>
              <caption>{w('list')}</caption>
              <thead>
                <tr>
                  <th scope="col">{w('code')}</th>
                  <th scope="col">{w('title')}</th>
                  <th scope="col">{w('department')}</th>
                  <th scope="col">{w('status')}</th>
                  <th scope="col">{w('progress')}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((p) => (
                  <tr>
                    <td>{p.id}</td>
                    <th scope="row">
                      <a href={`/pledges/${byId.get(p.id)}`}>{p.title}</a>
                    </th>
                    <td>{p.leadDepartment ?? ''}</td>
                    <td>{resolveStatus(settings, p.status)?.label ?? p.status}</td>
                    <td class="num">{p.progressPercent}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{w('none')}</p>
        )}
        <h2>{w('downloads')}</h2>
        <ul class="downloads">
          <li>
            <a href={`/pledges/open-data.xlsx${qs}`}>XLSX</a>
          </li>
          <li>
            <a href={`/pledges/open-data.json${qs}`}>JSON</a>
          </li>
          <li>
            <a href={`/pledges/open-data.csv${qs}`}>CSV</a>
          </li>
          <li>
            <a href="/pledges/snapshots">{w('snapshots')}</a>
          </li>
          <li>
            <a href="/pledges/communication">{c.get('lang') === 'ko' ? '구민소통 관리카드' : 'Communication card'}</a>
          </li>
          <li>
            <a href="/pledges/panel">{c.get('lang') === 'ko' ? '시민평가단' : 'Citizen panel'}</a>
          </li>
          <li>
            <a href="/evaluations">{w('evaluations')}</a>
          </li>
        </ul>
      </div>,
    );
  });

  app.get('/pledges/:file{open-data\\.(?:xlsx|json|csv)}', async (c) => {
    const { settings, shown, year, names } = await loadFiltered(c);
    const report = openDataReport(shown, settings, year, names);
    const ext = c.req.param('file').split('.').pop();
    if (ext === 'xlsx') return download(c, await toXlsx(report), XLSX, '공약이행현황.xlsx');
    if (ext === 'csv')
      return download(c, toCsv(reportTables(report).find((t) => t.id === 'pledges')!), CSV, '공약목록.csv');
    return download(
      c,
      toJson({ report, pledges: shown, metrics: dashboard(shown, settings, year) }),
      JSON_TYPE,
      '공약이행현황.json',
    );
  });

  const cardOf = async (c: Context<AppEnv>) => {
    const id = idOf(c.req.param('id'));
    if (!id) return null;
    const db = c.get('p').db;
    const s = await store.getPledge(db, id);
    if (!s) return null;
    const { settings } = await pledgeSettingsOf(db);
    const comms = await store.communicationsOf(db, [{ id, code: s.pledge.id }]);
    const layout = CARD_LAYOUTS.find((l) => l.id === s.layout) ?? CARD_LAYOUTS[1];
    const card = buildPledgeCard(s.pledge, {
      settings,
      layout,
      today: s.pledge.asOf ?? today(),
      communications: comms,
    });
    return { id, s, settings, card, comms };
  };

  const pledgePage = async (
    c: Context<AppEnv>,
    o: { values?: Record<string, string>; errors?: FieldErrors; status?: number; notice?: string; error?: string } = {},
  ) => {
    const w = tx(c),
      actor = c.get('actor'),
      db = c.get('p').db;
    const x = await cardOf(c);
    if (!x) return c.notFound();
    const { id, s, settings, card, comms } = x;
    const [comments, scores, members, requests, vf] = await Promise.all([
      store.commentsOf(db, id),
      db.selectFrom('panel_scores').selectAll().where('pledge_id', '=', id).execute(),
      db.selectFrom('panel_members').selectAll().execute(),
      db.selectFrom('pledge_change_requests').selectAll().where('pledge_id', '=', id).orderBy('id').execute(),
      store.visionsAndFields(db),
    ]);
    const names = store.namesOf(vf);
    const linked = await linkedOf(db, [{ id, code: s.pledge.id }]);
    const totals = communicationTotals(s.pledge.id, comms, linked, settings);
    // Live counts of the linked Madang activity, as the communication card prints them.
    const linkedTable = reportTables(buildCommunicationCard([s.pledge], comms, linked, settings)).find(
      (t) => t.id === 'communication-linked',
    );
    const agg = aggregatePanelScores(
      scores.map((r) => ({
        memberId: String(r.member_id),
        pledgeId: s.pledge.id,
        scores: r.scores as Record<string, number>,
      })),
      members.map((mm) => ({ id: String(mm.id), name: mm.name, active: mm.active })),
      DEFAULT_CRITERIA,
    )[0];
    const st = resolveStatus(settings, s.pledge.status);
    return renderPage(
      c,
      { title: `${s.pledge.title} (${s.pledge.id})`, status: o.status, notice: o.notice, error: o.error },
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print">
          <a href="/pledges">{w('dashboard')}</a>
        </p>
        <h1>{s.pledge.title}</h1>
        <h2 class="visually-hidden">{w('card')}</h2>
        <ReportView report={card} />
        <PledgeProfile c={c} pledge={s.pledge} settings={settings} names={names} />
        <section aria-labelledby="comm-h">
          <h2 id="comm-h">{w('communication')}</h2>
          <div class="table-wrap">
            <table>
              <caption>{w('communication')}</caption>
              <thead>
                <tr>
                  <th scope="col">{w('commType')}</th>
                  <th scope="col">{w('recorded')}</th>
                  <th scope="col">{w('linked')}</th>
                  <th scope="col">{w('total')}</th>
                </tr>
              </thead>
              <tbody>
                {totals.byType.map((t) => (
                  <tr>
                    <th scope="row">{t.cardLabel}</th>
                    <td class="num">{t.recorded}</td>
                    <td class="num">{t.linked}</td>
                    <td class="num">
                      {t.total}
                      {w('times')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {linkedTable ? <TableView table={linkedTable} /> : null}
          <p class="no-print">
            <a href={`/pledges/${id}/communication`}>
              {c.get('lang') === 'ko' ? '구민소통 관리카드' : 'Communication card'}
            </a>
          </p>
        </section>
        <section aria-labelledby="panel-h">
          <h2 id="panel-h">{w('panel')}</h2>
          <p>{w('panelBeside')}</p>
          <div class="table-wrap">
            <table>
              <caption>{w('panel')}</caption>
              <thead>
                <tr>
                  <th scope="col">{w('office')}</th>
                  <th scope="col">{w('respondents')}</th>
                  <th scope="col">{w('mean')}</th>
                  {DEFAULT_CRITERIA.map((k) => (
                    <th scope="col">
                      {k.label} ({k.maxScore})
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>
                    {st?.label ?? s.pledge.status}, {s.pledge.progressPercent}%
                  </td>
                  <td class="num">{agg?.respondents ?? 0}</td>
                  <td class="num">{agg ? `${agg.meanTotal} / ${agg.outOf}` : w('noData')}</td>
                  {DEFAULT_CRITERIA.map((k) => (
                    <td class="num">{agg?.byCriterion.find((b) => b.id === k.id)?.mean ?? '-'}</td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
          <p class="no-print">
            <a href={`/pledges/${id}/score`}>
              {c.get('lang') === 'ko' ? '평가단 채점하기' : 'Score as a panel member'}
            </a>
          </p>
        </section>
        <section aria-labelledby="cr-h">
          <h2 id="cr-h">{w('changeRequests')}</h2>
          {requests.length ? (
            <ul>
              {requests.map((r) => (
                <li>
                  <a href={`/pledges/${id}/changes/${r.id}`}>#{r.id}</a> {r.state}
                </li>
              ))}
            </ul>
          ) : (
            <p>{w('noChanges')}</p>
          )}
          <p class="no-print">
            <a href={`/pledges/${id}/changes`}>
              {c.get('lang') === 'ko' ? '변경 요청 보기·쓰기' : 'View or propose changes'}
            </a>
          </p>
          {perm.canReport(actor) ? (
            <p class="no-print">
              <a href={`/pledges/${id}/report`}>
                {c.get('lang') === 'ko' ? '실적 입력 (부서)' : 'Report progress (department)'}
              </a>
            </p>
          ) : null}
        </section>
        <section aria-labelledby="dl-h" class="no-print">
          <h2 id="dl-h">{w('downloads')}</h2>
          <p class="help">{w('print')}</p>
          <ul class="downloads">
            <li>
              <a href={`/pledges/${id}/card.xlsx`}>XLSX</a>
            </li>
            <li>
              <a href={`/pledges/${id}/card.json`}>JSON</a>
            </li>
            {reportTables(card).map((t) => (
              <li>
                <a href={`/pledges/${id}/tables/${t.id}.csv`}>CSV: {t.title}</a>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="comments-h" class="comments">
          <h2 id="comments-h">
            {w('comments')} ({comments.length})
          </h2>
          {comments.length ? (
            <ul class="card-list">
              {comments.map((cm) => (
                <li class="comment">
                  <p class="meta">
                    <strong>{cm.author}</strong>{' '}
                    <time datetime={new Date(cm.created_at).toISOString()}>{seoulDateOf(new Date(cm.created_at))}</time>
                  </p>
                  <p class="prose">{cm.body}</p>
                </li>
              ))}
            </ul>
          ) : (
            <p>{w('commentNone')}</p>
          )}
          {perm.canComment(actor) ? (
            <form method="post" action={`/pledges/${id}/comments`} novalidate>
              <Csrf token={c.get('csrf')} />
              <Field
                name="body"
                label={w('commentBody')}
                value={o.values?.body}
                errors={o.errors}
                required
                multiline
                rows={4}
                maxLength={2000}
              />
              <button type="submit" class="btn btn-primary">
                {w('submit')}
              </button>
            </form>
          ) : (
            <p>
              <a href={`/login?back=${encodeURIComponent(`/pledges/${id}`)}`}>{w('commentLogin')}</a>
            </p>
          )}
        </section>
      </article>,
    );
  };

  app.get('/pledges/:id{[0-9]+}', (c) =>
    pledgePage(c, c.req.query('msg') === 'comment-saved' ? { notice: tx(c)('commentSaved') } : {}),
  );

  app.post('/pledges/:id{[0-9]+}/comments', async (c) => {
    const actor = c.get('actor'),
      w = tx(c),
      lang = c.get('lang');
    const id = idOf(c.req.param('id'));
    if (!id || !(await store.getPledge(c.get('p').db, id))) return c.notFound();
    if (!perm.canComment(actor))
      return c.redirect(`/login?required=1&back=${encodeURIComponent(`/pledges/${id}`)}`, 303);
    const body = String(cleanText(c.get('form').body ?? ''));
    if (!body) return pledgePage(c, { values: { body }, errors: { body: [w('required')] }, status: 422 });
    if (body.length > 2000) return pledgePage(c, { values: { body }, errors: { body: [w('tooLong')] }, status: 422 });
    // The city chooses (공약 settings) whether personal data blocks the comment or is masked before publication.
    const { tracker } = await pledgeSettingsOf(c.get('p').db);
    const g = guardText(body, { action: tracker.commentPiiAction });
    if (g.decision === 'block')
      return pledgePage(c, { values: { body }, errors: { body: [g.message![lang]] }, status: 422 });
    return once(c, async (db) => {
      await store.addComment(db, { pledgeId: id, authorId: actor!.id, body: g.text });
      return `/pledges/${id}?msg=comment-saved#comments-h`;
    });
  });

  app.get('/pledges/:id{[0-9]+}/:file{card\\.(?:xlsx|json)}', async (c) => {
    const x = await cardOf(c);
    return x
      ? serveReport(c, x.card, c.req.param('file').split('.')[1], `공약카드_${x.s.pledge.id}`, {
          report: x.card,
          pledge: x.s.pledge,
        })
      : c.notFound();
  });

  app.get('/pledges/:id{[0-9]+}/tables/:table{[\\w-]+\\.csv}', async (c) => {
    const x = await cardOf(c);
    return x ? serveReport(c, x.card, c.req.param('table'), `공약카드_${x.s.pledge.id}`) : c.notFound();
  });
}

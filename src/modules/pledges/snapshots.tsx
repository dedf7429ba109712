// Half-yearly snapshots (반기별 공개): frozen, compared with the previous one, open as JSON.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { recordAudit } from '../../platform/audit.ts';
import { toJson, diffSnapshots, takeSnapshot, type DashboardMetrics, type Pledge } from './domain/index.ts';
import { pledgeSettingsOf } from './manifest.ts';
import * as perm from './permissions.ts';
import * as store from './store.ts';
import { download } from './routes.tsx';
import { PrintCss } from './views.tsx';
import { L, today, who, loginFirst } from './work-shared.tsx';

function Metrics({ c, m }: { c: Context<AppEnv>; m: DashboardMetrics }) {
  const f = (v: number | null) => (v === null ? '-' : `${v.toFixed(1)}%`);
  return (
    <div class="table-wrap"><table>
      <caption>{L(c, '이행 지표', 'Key figures')}</caption>
      <thead><tr><th scope="col">{L(c, '완료율', 'Completion')}</th><th scope="col">{L(c, '이행률(임기내)', 'Implementation')}</th><th scope="col">{L(c, '목표달성률', 'Targets met')} ({m.targetAchievementRate.year})</th><th scope="col">{L(c, '평균 진도율', 'Average progress')}</th></tr></thead>
      <tbody><tr><td class="num">{f(m.completionRate.percent)}</td><td class="num">{f(m.implementationRate.percent)}</td><td class="num">{f(m.targetAchievementRate.percent)}</td><td class="num">{f(m.averageProgress)}</td></tr></tbody>
    </table></div>
  );
}

const show = (v: unknown) => (v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

export function registerSnapshots(app: Hono<AppEnv>) {
  app.get('/pledges/snapshots', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    const rows = await db.selectFrom('pledge_snapshots').select(['period', 'label', 'taken_at']).orderBy('period', 'desc').execute();
    const msg = c.req.query('msg');
    return renderPage(c, { title: L(c, '반기별 공개본', 'Half-yearly snapshots'), notice: msg === 'taken' ? L(c, '공개본을 만들었습니다.', 'Snapshot taken.') : msg === 'exists' ? L(c, '이 기간의 공개본이 이미 있습니다.', 'This period already has a snapshot.') : undefined }, (
      <div>
        <p><a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a></p>
        <h1>{L(c, '반기별 공개본', 'Half-yearly snapshots')}</h1>
        <p>{L(c, '공개본은 만든 뒤 바뀌지 않으며, 직전 공개본과 비교할 수 있습니다.', 'A snapshot never changes once taken and is compared with the previous one.')}</p>
        {rows.length ? <ul>{rows.map((r) => <li><a href={`/pledges/snapshots/${r.period}`}>{r.label}</a> ({r.taken_at})</li>)}</ul> : <p>{L(c, '아직 공개본이 없습니다.', 'No snapshots yet.')}</p>}
        {perm.canSnapshot(actor) ? (
          <form method="post" action="/pledges/snapshots"><Csrf token={c.get('csrf')} /><button type="submit" class="btn btn-primary">{L(c, '지금 공개본 만들기', 'Take a snapshot now')}</button></form>
        ) : null}
      </div>
    ));
  });

  app.post('/pledges/snapshots', async (c) => {
    const actor = c.get('actor'), db = c.get('p').db;
    if (!actor) return loginFirst(c);
    if (!perm.canSnapshot(actor)) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const snap = takeSnapshot((await store.allPledges(db)).map((s) => s.pledge), today(), settings);
    const done = await db.transaction().execute(async (trx) => {
      // ON CONFLICT is not allowed on a table with rules; a simultaneous second insert fails on the primary key.
      if (await trx.selectFrom('pledge_snapshots').select('period').where('period', '=', snap.period).executeTakeFirst()) return false;
      const r = await trx.insertInto('pledge_snapshots').values({ period: snap.period, label: snap.label, taken_at: snap.takenAt, pledges: JSON.stringify(snap.pledges), metrics: JSON.stringify(snap.metrics) })
        .returning('period').executeTakeFirst();
      if (r) await recordAudit(trx, { actor: who(actor), action: 'pledge.snapshot', targetType: 'pledge-snapshot', targetId: snap.period, after: { label: snap.label, count: snap.pledges.length, metrics: snap.metrics } });
      return !!r;
    });
    return c.redirect(`/pledges/snapshots?msg=${done ? 'taken' : 'exists'}`, 303);
  });

  app.get('/pledges/snapshots/:file{\\d{4}-(?:H[12]|Q[1-4])\\.json}', async (c) => {
    const snap = await c.get('p').db.selectFrom('pledge_snapshots').selectAll().where('period', '=', c.req.param('file').replace(/\.json$/, '')).executeTakeFirst();
    if (!snap) return c.notFound();
    return download(c, toJson({ period: snap.period, label: snap.label, takenAt: snap.taken_at, metrics: snap.metrics, pledges: snap.pledges }), 'application/json; charset=utf-8', `공약공개본_${snap.period}.json`);
  });
  app.get('/pledges/snapshots/:period{\\d{4}-(?:H[12]|Q[1-4])}', async (c) => {
    const db = c.get('p').db;
    const snap = await db.selectFrom('pledge_snapshots').selectAll().where('period', '=', c.req.param('period')).executeTakeFirst();
    if (!snap) return c.notFound();
    const prev = await db.selectFrom('pledge_snapshots').selectAll().where('period', '<', snap.period).orderBy('period', 'desc').limit(1).executeTakeFirst();
    const pledges = snap.pledges as Pledge[];
    const changes = prev ? diffSnapshots({ pledges: prev.pledges as Pledge[] }, { pledges }) : [];
    return renderPage(c, { title: `${L(c, '공개본', 'Snapshot')} ${snap.label}` }, (
      <article>
        <PrintCss />
        <p class="no-print"><a href="/pledges/snapshots">{L(c, '반기별 공개본', 'Half-yearly snapshots')}</a></p>
        <h1>{L(c, '공개본', 'Snapshot')} {snap.label}</h1>
        <p>{L(c, '기준일', 'Taken on')}: {snap.taken_at} · <a href={`/pledges/snapshots/${snap.period}.json`}>JSON</a></p>
        <Metrics c={c} m={snap.metrics as DashboardMetrics} />
        <div class="table-wrap"><table>
          <caption>{L(c, '공약 목록', 'Pledges')}</caption>
          <thead><tr><th scope="col">{L(c, '공약번호', 'No.')}</th><th scope="col">{L(c, '공약명', 'Pledge')}</th><th scope="col">{L(c, '상태', 'Status')}</th><th scope="col">{L(c, '진도율', 'Progress')}</th></tr></thead>
          <tbody>{pledges.map((p) => <tr><td>{p.id}</td><th scope="row">{p.title}</th><td>{p.status}</td><td class="num">{p.progressPercent}%</td></tr>)}</tbody>
        </table></div>
        <h2>{L(c, '직전 공개본과 비교', 'Compared with the previous snapshot')}{prev ? ` (${prev.label})` : ''}</h2>
        {!prev ? <p>{L(c, '직전 공개본이 없습니다.', 'There is no previous snapshot.')}</p> : changes.length ? (
          <div class="table-wrap"><table>
            <caption>{L(c, '바뀐 내용', 'Changes')}</caption>
            <thead><tr><th scope="col">{L(c, '공약', 'Pledge')}</th><th scope="col">{L(c, '항목', 'Item')}</th><th scope="col">{L(c, '이전', 'Before')}</th><th scope="col">{L(c, '이후', 'After')}</th></tr></thead>
            <tbody>{changes.map((x) => <tr><th scope="row">{x.title}</th><td>{x.kind === 'changed' ? `${x.label} (${x.path})` : x.kind === 'added' ? L(c, '새 공약', 'added') : L(c, '빠진 공약', 'removed')}</td><td>{show(x.before)}</td><td>{show(x.after)}</td></tr>)}</tbody>
          </table></div>
        ) : <p>{L(c, '바뀐 내용이 없습니다.', 'No changes.')}</p>}
      </article>
    ));
  });
}

// ---- change requests ------------------------------------------------------------------------------------------

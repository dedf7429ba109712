// Work on pledges after publication, all on the record: half-yearly snapshots (frozen, compared with the previous
// one), change requests (department proposes → citizen panel reviews → published, history public), the
// communication card (seed 004) with automatic totals, and the citizen panel's scoring form.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { cleanText } from '../../platform/http/validate.ts';
import { recordAudit } from '../../platform/audit.ts';
import { actorLabel, hasRole, type Actor } from '../../platform/permissions.ts';
import { isIsoDate, seoulDateOf } from '../../rules/index.ts';
import {
  applyChangeRequest, buildCommunicationCard, checkDirectEdit, resolveStatus, parseItems, toJson, toXlsx, ChangeRequest, checkEntry, CommunicationEntry, diffSnapshots, SITE_VISIT, takeSnapshot, transition,
  type Action, type Actor as ChangeActor, type ChangePayload, type DashboardMetrics, type Pledge,
} from './domain/index.ts';
import { aggregatePanelScores, checkPanelSize, checkScore, DEFAULT_CRITERIA, panelBesideOffice } from '../evaluations/domain/index.ts';
import { pledgeSettingsOf } from './manifest.ts';
import * as perm from './permissions.ts';
import * as store from './store.ts';
import { communicationsOf, download, idOf } from './routes.tsx';
import { PrintCss, ReportView } from './views.tsx';

const L = (c: Context<AppEnv>, ko: string, en: string) => (c.get('lang') === 'ko' ? ko : en);
const today = () => seoulDateOf(new Date());
const who = (a: Actor) => ({ id: a.id, label: actorLabel(a) });
const loginFirst = (c: Context<AppEnv>) => c.redirect(`/login?required=1&back=${encodeURIComponent(new URL(c.req.url).pathname)}`, 303);

async function departmentNames(db: Database, a: Actor | null): Promise<string[]> {
  const ids = (a?.grants ?? []).filter((g) => g.role === 'official' && g.departmentId !== null).map((g) => g.departmentId!);
  if (!ids.length) return [];
  return (await db.selectFrom('departments').select('name_ko').where('id', 'in', ids).execute()).map((d) => d.name_ko);
}
const pledgeDepartments = (p: Pledge) => [p.leadDepartment, ...p.officials.map((o) => o.department)].filter((d): d is string => !!d);

async function panelMemberOf(db: Database, a: Actor | null) {
  if (!a) return undefined;
  return db.selectFrom('panel_members').selectAll().where('person_id', '=', a.id).where('active', '=', true).executeTakeFirst();
}

// ---- snapshots ------------------------------------------------------------------------------------------------

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

function registerSnapshots(app: Hono<AppEnv>) {
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

const STATE_LABEL: Record<string, [string, string]> = {
  proposed: ['제안', 'Proposed'], 'in-review': ['평가단 검토 중', 'In panel review'], approved: ['승인', 'Approved'], rejected: ['반려', 'Rejected'],
  published: ['공개·반영', 'Published'], withdrawn: ['철회', 'Withdrawn'],
};
const stateText = (c: Context<AppEnv>, s: string) => L(c, ...(STATE_LABEL[s] ?? [s, s]));

async function changeActor(db: Database, a: Actor, p: Pledge): Promise<ChangeActor | null> {
  if (hasRole(a, 'admin')) return { id: String(a.id), role: 'admin' };
  if (hasRole(a, 'planning')) return { id: String(a.id), role: 'secretariat' };
  const mine = (await departmentNames(db, a)).filter((d) => pledgeDepartments(p).includes(d));
  if (mine.length) return { id: String(a.id), role: 'department', department: mine[0] };
  return null;
}

function describePayload(c: Context<AppEnv>, x: ChangePayload): string {
  switch (x.kind) {
    case 'status': return `${L(c, '상태', 'Status')} → ${x.status}`;
    case 'target': return `${L(c, '목표', 'Target')} [${x.tableId}/${x.indicatorId}/${x.periodKey}] → ${x.changed}`;
    case 'budget': return `${L(c, '예산 계획', 'Planned budget')} [${x.periodKey}/${x.source}] → ${x.planned}`;
    case 'indicator': return `${L(c, '성과지표', 'Indicator')} ${x.op} ${x.indicatorId} ${x.name ?? ''}`;
    default: return x.description;
  }
}

const targetOptions = (p: Pledge) => p.indicatorTables.flatMap((tb) => tb.indicators.flatMap((ind) => tb.periods.map((per) => {
  const cur = ind.values.find((x) => x.periodKey === per.key);
  return { value: [tb.id, ind.id, per.key].join('|'), label: `${tb.caption ? `${tb.caption} · ` : ''}${ind.name} · ${per.group ? `${per.group} ` : ''}${per.label} (${cur?.changed ?? cur?.original ?? '-'})` };
})));
const budgetOptions = (p: Pledge, sources: string[]) => p.budget.periods.filter((x) => !x.prior).flatMap((per) => sources.map((src) => {
  const e = p.budget.entries.find((x) => x.periodKey === per.key && x.source === src);
  return { value: `${per.key}|${src}`, label: `${per.label} · ${src} (${e?.planned ?? '-'})` };
}));

function registerChanges(app: Hono<AppEnv>) {
  const listPage = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    const { settings } = await pledgeSettingsOf(db);
    const rows = await db.selectFrom('pledge_change_requests').selectAll().where('pledge_id', '=', s.id).orderBy('id').execute();
    const who = actor ? await changeActor(db, actor, s.pledge) : null;
    const canPropose = !!who && (who.role === 'department' || who.role === 'admin');
    const v = o.values ?? {};
    return renderPage(c, { title: `${L(c, '변경 요청', 'Change requests')}: ${s.pledge.title}`, status: o.status }, (
      <div>
        <p><a href={`/pledges/${s.id}`}>{s.pledge.title}</a></p>
        <h1>{L(c, '변경 요청', 'Change requests')}: {s.pledge.title}</h1>
        <p>{L(c, '공개된 공약은 부서가 혼자 바꿀 수 없습니다. 부서가 변경을 제안하면 시민평가단이 검토하고, 승인된 변경만 공개·반영됩니다. 모든 이력은 공개됩니다.',
          'A published pledge cannot be changed by a department alone: the department proposes, the citizen panel reviews, and only approved changes are published. Every step is public.')}</p>
        {rows.length ? (
          <div class="table-wrap"><table>
            <caption>{L(c, '변경 요청 목록', 'Requests')}</caption>
            <thead><tr><th scope="col">{L(c, '번호', 'No.')}</th><th scope="col">{L(c, '내용', 'Change')}</th><th scope="col">{L(c, '사유', 'Reason')}</th><th scope="col">{L(c, '상태', 'State')}</th></tr></thead>
            <tbody>{rows.map((r) => { const d = r.data as ChangeRequest; return <tr><th scope="row"><a href={`/pledges/${s.id}/changes/${r.id}`}>#{r.id}</a></th><td>{d.changes.map((x) => describePayload(c, x)).join('; ')}</td><td>{d.reason}</td><td>{stateText(c, r.state)}</td></tr>; })}</tbody>
          </table></div>
        ) : <p>{L(c, '변경 요청이 없습니다.', 'No change requests.')}</p>}
        {canPropose ? (
          <form method="post" action={`/pledges/${s.id}/changes`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '변경 제안', 'Propose a change')}</h2>
            <div class={o.errors?.status ? 'form-group has-error' : 'form-group'}>
              <label for="f-status">{L(c, '새 상태', 'New status')}</label>
              <select id="f-status" name="status" aria-describedby={o.errors?.status ? 'f-status-error' : undefined}>
                <option value="">{L(c, '바꾸지 않음', 'No change')}</option>
                {settings.statuses.map((st) => <option value={st.code} selected={v.status === st.code}>{st.label}</option>)}
              </select>
              {o.errors?.status ? <p class="error-text" id="f-status-error">{o.errors.status.join(' ')}</p> : null}
            </div>
            <div class={o.errors?.target ? 'form-group has-error' : 'form-group'}>
              <label for="f-target">{L(c, '목표를 바꿀 성과지표와 기간', 'Indicator and period of a new target')}</label>
              <select id="f-target" name="target" aria-describedby={o.errors?.target ? 'f-target-error' : undefined}>
                <option value="">{L(c, '바꾸지 않음', 'No change')}</option>
                {targetOptions(s.pledge).map((t) => <option value={t.value} selected={v.target === t.value}>{t.label}</option>)}
              </select>
              {o.errors?.target ? <p class="error-text" id="f-target-error">{o.errors.target.join(' ')}</p> : null}
            </div>
            <Field name="changed" label={L(c, '변경 목표', 'New target')} value={v.changed} errors={o.errors} maxLength={100} />
            <div class={o.errors?.budget ? 'form-group has-error' : 'form-group'}>
              <label for="f-budget">{L(c, '계획을 바꿀 예산 기간과 재원', 'Budget period and source of a new plan')}</label>
              <select id="f-budget" name="budget" aria-describedby={o.errors?.budget ? 'f-budget-error' : undefined}>
                <option value="">{L(c, '바꾸지 않음', 'No change')}</option>
                {budgetOptions(s.pledge, settings.budgetSources).map((t) => <option value={t.value} selected={v.budget === t.value}>{t.label}</option>)}
              </select>
              {o.errors?.budget ? <p class="error-text" id="f-budget-error">{o.errors.budget.join(' ')}</p> : null}
            </div>
            <Field name="planned" type="number" label={`${L(c, '변경 계획액', 'New planned amount')} (${settings.budgetUnit})`} value={v.planned} errors={o.errors} min={0} />
            <Field name="description" label={L(c, '그 밖의 변경 내용', 'Other change')} value={v.description} errors={o.errors} multiline rows={3} maxLength={1000} />
            <Field name="reason" label={L(c, '변경사유', 'Reason')} value={v.reason} errors={o.errors} required multiline rows={3} maxLength={1000} />
            <button type="submit" class="btn btn-primary">{L(c, '제안하기', 'Propose')}</button>
          </form>
        ) : null}
      </div>
    ));
  };

  app.get('/pledges/:id{[0-9]+}/changes', (c) => listPage(c));

  app.post('/pledges/:id{[0-9]+}/changes', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    const ca = await changeActor(db, actor, s.pledge);
    if (!ca || (ca.role !== 'department' && ca.role !== 'admin')) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const values = Object.fromEntries(['status', 'description', 'reason', 'target', 'changed', 'budget', 'planned'].map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, 1000)]));
    const errors: FieldErrors = {};
    const changes: ChangePayload[] = [];
    if (values.target) {
      const [tableId, indicatorId, periodKey] = values.target.split('|');
      if (!targetOptions(s.pledge).some((x) => x.value === values.target)) errors.target = [L(c, '없는 지표 또는 기간입니다.', 'Unknown indicator or period.')];
      else if (!values.changed) errors.changed = [L(c, '변경 목표를 적으세요.', 'Give the new target.')];
      else changes.push({ kind: 'target', tableId, indicatorId, periodKey, changed: values.changed.slice(0, 100) });
    }
    if (values.budget) {
      const [periodKey, source] = values.budget.split('|');
      const n = Number(values.planned);
      if (!budgetOptions(s.pledge, settings.budgetSources).some((x) => x.value === values.budget)) errors.budget = [L(c, '없는 예산 기간 또는 재원입니다.', 'Unknown budget period or source.')];
      else if (values.planned === '' || !Number.isFinite(n) || n < 0) errors.planned = [L(c, '0 이상의 금액을 적으세요.', 'Give an amount of 0 or more.')];
      else changes.push({ kind: 'budget', periodKey, source, planned: n });
    }
    if (values.status) {
      if (!settings.statuses.some((x) => x.code === values.status)) errors.status = [L(c, '없는 상태입니다.', 'Unknown status.')];
      else changes.push({ kind: 'status', status: values.status });
    }
    if (values.description) changes.push({ kind: 'other', description: values.description.slice(0, 1000) });
    if (!changes.length && !Object.keys(errors).length) errors.description = [L(c, '바꿀 내용을 하나 이상 적으세요.', 'Give at least one change.')];
    if (!values.reason) errors.reason = [L(c, '변경사유를 적으세요.', 'Give the reason.')];
    if (Object.keys(errors).length) return listPage(c, { values, errors, status: 422 });
    const rid = await db.transaction().execute(async (trx) => {
      const { id: rid } = await trx.insertInto('pledge_change_requests').values({ pledge_id: s.id, state: 'proposed', data: '{}' }).returning('id').executeTakeFirstOrThrow();
      const req = ChangeRequest.parse({
        id: String(rid), pledgeId: s.pledge.id, department: ca.department ?? s.pledge.leadDepartment ?? '-', proposedBy: actorLabel(actor), proposedAt: today(),
        changes, reason: values.reason.slice(0, 1000), history: [{ state: 'proposed', at: today(), actor: actorLabel(actor) }],
      });
      await trx.updateTable('pledge_change_requests').set({ data: JSON.stringify(req) }).where('id', '=', rid).execute();
      await recordAudit(trx, { actor: who(actor), action: 'pledge.change.propose', targetType: 'pledge-change-request', targetId: rid, reason: req.reason, after: req });
      return rid;
    });
    return c.redirect(`/pledges/${s.id}/changes/${rid}`, 303);
  });

  const detail = async (c: Context<AppEnv>, o: { error?: string; status?: number } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    const id = idOf(c.req.param('id')), rid = idOf(c.req.param('rid'));
    const s = id ? await store.getPledge(db, id) : undefined;
    const row = rid && s ? await db.selectFrom('pledge_change_requests').selectAll().where('id', '=', rid).where('pledge_id', '=', s.id).executeTakeFirst() : undefined;
    if (!s || !row) return c.notFound();
    const req = row.data as ChangeRequest;
    const ca = actor ? await changeActor(db, actor, s.pledge) : null;
    const member = await panelMemberOf(db, actor);
    const voted = member && req.votes.some((x) => x.memberId === String(member.id));
    const btn = (action: string, label: string) => (
      <form method="post" action={`/pledges/${s.id}/changes/${row.id}/${action}`} class="inline"><Csrf token={c.get('csrf')} /><button type="submit" class="btn btn-secondary">{label}</button></form>
    );
    return renderPage(c, { title: `${L(c, '변경 요청', 'Change request')} #${row.id}: ${s.pledge.title}`, error: o.error, status: o.status }, (
      <div>
        <p><a href={`/pledges/${s.id}/changes`}>{L(c, '변경 요청', 'Change requests')}</a></p>
        <h1>{L(c, '변경 요청', 'Change request')} #{row.id}</h1>
        <dl class="meta-list">
          <dt>{L(c, '공약', 'Pledge')}</dt><dd><a href={`/pledges/${s.id}`}>{s.pledge.title}</a></dd>
          <dt>{L(c, '상태', 'State')}</dt><dd>{stateText(c, row.state)}</dd>
          <dt>{L(c, '제안 부서', 'Department')}</dt><dd>{req.department}</dd>
          <dt>{L(c, '변경 내용', 'Changes')}</dt><dd>{req.changes.map((x) => describePayload(c, x)).join('; ')}</dd>
          <dt>{L(c, '변경사유', 'Reason')}</dt><dd>{req.reason}</dd>
          <dt>{L(c, '평가단 투표', 'Panel votes')}</dt><dd>{L(c, '찬성', 'approve')} {req.votes.filter((x) => x.vote === 'approve').length} / {L(c, '반대', 'reject')} {req.votes.filter((x) => x.vote === 'reject').length}</dd>
        </dl>
        <div class="table-wrap"><table>
          <caption>{L(c, '처리 이력', 'History')}</caption>
          <thead><tr><th scope="col">{L(c, '일자', 'Date')}</th><th scope="col">{L(c, '상태', 'State')}</th><th scope="col">{L(c, '처리자', 'By')}</th><th scope="col">{L(c, '비고', 'Note')}</th></tr></thead>
          <tbody>{req.history.map((h) => <tr><td>{h.at}</td><td>{stateText(c, h.state)}</td><td>{h.actor}</td><td>{h.note ?? ''}</td></tr>)}</tbody>
        </table></div>
        <div class="toolbar">
          {ca && (ca.role === 'secretariat' || ca.role === 'admin') && row.state === 'proposed' ? btn('start-review', L(c, '평가단 검토 시작', 'Start panel review')) : null}
          {member && row.state === 'in-review' && !voted ? <>{btn('approve', L(c, '찬성', 'Approve'))}{btn('reject', L(c, '반대', 'Reject'))}</> : null}
          {ca && (ca.role === 'secretariat' || ca.role === 'admin') && row.state === 'in-review' ? btn('decide', L(c, '투표 마감·결정', 'Close the vote')) : null}
          {ca && (ca.role === 'secretariat' || ca.role === 'admin') && row.state === 'approved' ? btn('publish', L(c, '공개·반영', 'Publish')) : null}
          {ca && (ca.role === 'department' || ca.role === 'admin') && (row.state === 'proposed' || row.state === 'in-review') ? btn('withdraw', L(c, '철회', 'Withdraw')) : null}
        </div>
      </div>
    ));
  };

  app.get('/pledges/:id{[0-9]+}/changes/:rid{[0-9]+}', (c) => detail(c));

  app.post('/pledges/:id{[0-9]+}/changes/:rid{[0-9]+}/:action{start-review|approve|reject|decide|publish|withdraw}', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id')), rid = idOf(c.req.param('rid'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s || !rid) return c.notFound();
    const action = c.req.param('action');
    const { settings, tracker } = await pledgeSettingsOf(db);
    const refuse = (msg: { ko: string; en: string }) => detail(c, { error: msg[c.get('lang')], status: 409 });
    const result = await db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('pledge_change_requests').selectAll().where('id', '=', rid).where('pledge_id', '=', s.id).forUpdate().executeTakeFirst();
      if (!row) return { notFound: true as const };
      const req = ChangeRequest.parse(row.data);
      if (action === 'approve' || action === 'reject') {
        const member = await panelMemberOf(trx, actor);
        if (!member) return { forbidden: true as const };
        if (req.state !== 'in-review') return { refused: { ko: '검토 중인 요청에만 투표합니다', en: 'only requests in review take votes' } };
        if (req.votes.some((x) => x.memberId === String(member.id))) return { refused: { ko: '이미 투표했습니다', en: 'you already voted' } };
        const next = { ...req, votes: [...req.votes, { memberId: String(member.id), vote: action }] };
        await trx.updateTable('pledge_change_requests').set({ data: JSON.stringify(next), updated_at: new Date() }).where('id', '=', rid).execute();
        await recordAudit(trx, { actor: who(actor), action: `pledge.change.vote`, targetType: 'pledge-change-request', targetId: rid, after: { vote: action } });
        return { ok: true as const };
      }
      const ca = await changeActor(trx, actor, s.pledge);
      if (!ca) return { forbidden: true as const };
      // Only the secretariat moves a request forward; a department can withdraw its own, never publish it.
      if (action !== 'withdraw' && ca.role === 'department') return { forbidden: true as const };
      let act: Action;
      if (action === 'decide') {
        const members = (await trx.selectFrom('panel_members').select('id').where('active', '=', true).execute()).map((m) => String(m.id));
        act = { type: 'decide', votes: req.votes, activeMembers: members };
      } else act = { type: action as 'start-review' | 'publish' | 'withdraw' };
      const tr = transition(req, act, { ...ca, id: actorLabel(actor) }, today(), settings);
      if (!tr.ok) return tr.code === 'forbidden' || tr.code === 'other-department' ? { forbidden: true as const } : { refused: tr.reason };
      if (tr.request.state === 'published') {
        const applied = applyChangeRequest(s.pledge, tr.request, settings);
        if (!applied.ok) return { refused: applied.reason };
        await store.savePledge(trx, applied.pledge, { layout: s.layout, actor: who(actor), action: 'pledge.change.apply', reason: tr.request.reason });
      }
      await trx.updateTable('pledge_change_requests').set({ state: tr.request.state, data: JSON.stringify(tr.request), updated_at: new Date() }).where('id', '=', rid).execute();
      await recordAudit(trx, { actor: who(actor), action: `pledge.change.${action}`, targetType: 'pledge-change-request', targetId: rid, before: { state: req.state }, after: { state: tr.request.state } });
      void tracker;
      return { ok: true as const };
    });
    if ('notFound' in result) return c.notFound();
    if ('forbidden' in result) return forbidden(c);
    if ('refused' in result && result.refused) return refuse(result.refused);
    return c.redirect(`/pledges/${s.id}/changes/${rid}`, 303);
  });
}

// ---- communication card ---------------------------------------------------------------------------------------

function registerCommunication(app: Hono<AppEnv>) {
  // The city's whole card (seed 004): every pledge's totals, entries, press and site visits; A4 HTML and XLSX.
  const wholeCard = async (db: Database) => {
    const { settings } = await pledgeSettingsOf(db);
    const all = await store.allPledges(db);
    const entries = (await Promise.all(all.map((s) => communicationsOf(db, s.id, s.pledge.id)))).flat();
    return buildCommunicationCard(all.map((s) => s.pledge), entries, await store.linkedOf(db, all.map((s) => ({ id: s.id, code: s.pledge.id }))), settings);
  };
  app.get('/pledges/communication', async (c) => {
    const card = await wholeCard(c.get('p').db);
    return renderPage(c, { title: card.title }, (
      <article>
        <PrintCss />
        <p class="no-print"><a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a></p>
        <h1>{card.title}</h1>
        <ReportView report={card} />
        <ul class="downloads"><li><a href="/pledges/communication.xlsx">XLSX</a></li><li><a href="/pledges/communication.json">JSON</a></li></ul>
      </article>
    ));
  });
  app.get('/pledges/:file{communication\\.(?:xlsx|json)}', async (c) => {
    const card = await wholeCard(c.get('p').db);
    return c.req.param('file').endsWith('xlsx')
      ? download(c, await toXlsx(card), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '구민소통관리카드.xlsx')
      : download(c, toJson(card), 'application/json; charset=utf-8', '구민소통관리카드.json');
  });

  const page = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    const { settings } = await pledgeSettingsOf(db);
    const entries = await communicationsOf(db, s.id, s.pledge.id);
    const card = buildCommunicationCard([s.pledge], entries, await store.linkedOf(db, [{ id: s.id, code: s.pledge.id }]), settings);
    const can = perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor));
    const v = o.values ?? {};
    const lv = o.values ?? {};
    const types = [...settings.communicationTypes.map((t) => ({ id: t.id, label: t.label })), { id: SITE_VISIT, label: settings.siteVisitLabel }];
    return renderPage(c, { title: `${card.title}: ${s.pledge.title}`, status: o.status, notice: c.req.query('msg') === 'saved' ? L(c, '기록했습니다.', 'Saved.') : undefined }, (
      <article>
        <PrintCss />
        <p class="no-print"><a href={`/pledges/${s.id}`}>{s.pledge.title}</a></p>
        <h1>{card.title}: {s.pledge.title}</h1>
        <ReportView report={card} />
        {can ? (
          <form method="post" action={`/pledges/${s.id}/communication`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '소통 기록 추가', 'Add a record')}</h2>
            <div class="form-group">
              <label for="f-type">{L(c, '유형', 'Type')}</label>
              <select id="f-type" name="type">{types.map((t) => <option value={t.id} selected={v.type === t.id}>{t.label}</option>)}</select>
            </div>
            <Field name="date" type="date" label={L(c, '일시', 'Date')} value={v.date} errors={o.errors} required />
            <Field name="place" label={L(c, '장소', 'Place')} value={v.place} errors={o.errors} maxLength={200} />
            <Field name="audience" label={L(c, '대상', 'Audience')} value={v.audience} errors={o.errors} maxLength={200} />
            <Field name="title" label={L(c, '제목', 'Title')} value={v.title} errors={o.errors} maxLength={200} />
            <Field name="content" label={L(c, '내용', 'Content')} value={v.content} errors={o.errors} multiline rows={4} maxLength={2000} />
            <Field name="mediaName" label={L(c, '언론사명 (보도일 때)', 'Media (for press)')} value={v.mediaName} errors={o.errors} maxLength={100} />
            <button type="submit" class="btn btn-primary">{L(c, '기록', 'Save')}</button>
          </form>
        ) : null}
        {can ? (
          <form method="post" action={`/pledges/${s.id}/links`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '마당 활동 연결', 'Link Madang activity')}</h2>
            <p class="help">{L(c, '연결한 설문·토론·설명회·제안은 소통 횟수에 저절로 더해집니다.', 'Linked surveys, debates, briefings and proposals are counted by themselves.')}</p>
            <div class="form-group">
              <label for="f-kind">{L(c, '활동 종류', 'Kind')}</label>
              <select id="f-kind" name="kind">{Object.keys(settings.linkedActivityTypes).map((k) => <option value={k} selected={lv.kind === k}>{k}</option>)}</select>
            </div>
            <Field name="path" label={L(c, '마당 주소 (예: /proposals/3)', 'Madang address (e.g. /proposals/3)')} value={lv.path} errors={o.errors} required maxLength={200} />
            <Field name="linkTitle" label={L(c, '제목 (제안이면 비워 두세요)', 'Title (leave empty for a proposal)')} value={lv.linkTitle} errors={o.errors} maxLength={200} />
            <Field name="day" type="date" label={L(c, '일자 (제안이면 비워 두세요)', 'Date (leave empty for a proposal)')} value={lv.day} errors={o.errors} />
            <button type="submit" class="btn btn-secondary">{L(c, '연결', 'Link')}</button>
          </form>
        ) : null}
      </article>
    ));
  };
  app.get('/pledges/:id{[0-9]+}/communication', (c) => page(c));
  app.post('/pledges/:id{[0-9]+}/links', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    if (!perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor))) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const v = Object.fromEntries(['kind', 'path', 'linkTitle', 'day'].map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, 200)]));
    const errors: FieldErrors = {};
    if (!(v.kind in settings.linkedActivityTypes)) errors.path = [L(c, '없는 활동 종류입니다.', 'Unknown kind.')];
    let title = v.linkTitle, day = v.day;
    const proposal = /^\/proposals\/(\d{1,9})$/.exec(v.path);
    if (!/^\/(?!\/)[\w\-/.%]*$/.test(v.path)) errors.path = [L(c, '마당 안의 주소를 /로 시작해 적으세요.', 'Give a Madang address starting with /.')];
    else if (proposal) {
      const row = await db.selectFrom('proposals').select(['title', 'created_at', 'status']).where('id', '=', Number(proposal[1])).executeTakeFirst();
      if (!row || row.status === 'held') errors.path = [L(c, '없는 제안입니다.', 'No such proposal.')];
      else { title ||= row.title; day ||= seoulDateOf(new Date(row.created_at)); }
    }
    if (!errors.path && !title) errors.linkTitle = [L(c, '제목을 적으세요.', 'Give a title.')];
    if (!errors.path && !isIsoDate(day)) errors.day = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    if (!errors.path && !errors.day && await db.selectFrom('pledge_links').select('id').where('pledge_id', '=', s.id).where('path', '=', v.path).executeTakeFirst()) errors.path = [L(c, '이미 연결한 활동입니다.', 'Already linked.')];
    if (Object.keys(errors).length) return page(c, { values: v, errors, status: 422 });
    await db.transaction().execute(async (trx) => {
      const { id: lid } = await trx.insertInto('pledge_links').values({ pledge_id: s.id, kind: v.kind, path: v.path, title, day, created_by: actor.id }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, { actor: who(actor), action: 'pledge.link.add', targetType: 'pledge-link', targetId: lid, after: { pledge: s.pledge.id, kind: v.kind, path: v.path, title, day } });
    });
    return c.redirect(`/pledges/${s.id}/communication?msg=saved`, 303);
  });
  app.post('/pledges/:id{[0-9]+}/communication', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    if (!perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor))) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const keys = ['type', 'date', 'place', 'audience', 'title', 'content', 'mediaName'] as const;
    const v = Object.fromEntries(keys.map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, k === 'content' ? 2000 : 200)])) as Record<(typeof keys)[number], string>;
    const errors: FieldErrors = {};
    if (!isIsoDate(v.date)) errors.date = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    const entry = CommunicationEntry.safeParse({ id: 'new', pledgeId: s.pledge.id, type: v.type, date: v.date, place: v.place || undefined, audience: v.audience || undefined, title: v.title || undefined, content: v.content || undefined, mediaName: v.mediaName || undefined });
    if (entry.success) { const ck = checkEntry(entry.data, settings); if (!ck.ok) errors.type = [ck.reason[c.get('lang')]]; }
    if (!entry.success && !errors.date) errors.type = [L(c, '값을 확인하세요.', 'Check the values.')];
    if (Object.keys(errors).length || !entry.success) return page(c, { values: v, errors, status: 422 });
    await db.transaction().execute(async (trx) => {
      const e = entry.data;
      const { id: eid } = await trx.insertInto('pledge_communications').values({ pledge_id: s.id, type: e.type, day: e.date, place: e.place ?? null, audience: e.audience ?? null, title: e.title ?? null, content: e.content ?? null, media_name: e.mediaName ?? null, time: null, photos: '[]', created_by: actor.id }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, { actor: who(actor), action: 'pledge.communication.add', targetType: 'pledge-communication', targetId: eid, after: e });
    });
    return c.redirect(`/pledges/${s.id}/communication?msg=saved`, 303);
  });
}

// ---- citizen panel --------------------------------------------------------------------------------------------

function registerPanel(app: Hono<AppEnv>) {
  const panelPage = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    const pv = o.values ?? {}, pe = o.errors ?? {};
    const members = await db.selectFrom('panel_members').select(['id', 'name', 'field', 'active']).orderBy('id').execute();
    const { settings } = await pledgeSettingsOf(db);
    const all = await store.allPledges(db);
    const scores = await db.selectFrom('panel_scores').selectAll().execute();
    const codeOf = new Map(all.map((s) => [s.id, s.pledge.id]));
    const aggs = aggregatePanelScores(scores.map((r) => ({ memberId: String(r.member_id), pledgeId: codeOf.get(r.pledge_id) ?? '', scores: r.scores as Record<string, number> })),
      members.map((m) => ({ id: String(m.id), name: m.name, active: m.active })), DEFAULT_CRITERIA);
    const rows = panelBesideOffice(aggs, all.map((s) => ({ pledgeId: s.pledge.id, grade: resolveStatus(settings, s.pledge.status)?.label ?? s.pledge.status, progressPercent: s.pledge.progressPercent })));
    const byCode = new Map(all.map((s) => [s.pledge.id, s]));
    return renderPage(c, { title: L(c, '시민평가단', 'Citizen panel'), status: o.status, notice: c.req.query('msg') === 'saved' ? L(c, '저장했습니다.', 'Saved.') : undefined }, (
      <div>
        <p><a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a></p>
        <h1>{L(c, '시민평가단', 'Citizen panel')}</h1>
        <div class="table-wrap"><table>
          <caption>{L(c, '위원 명단', 'Members')} ({members.filter((m) => m.active).length})</caption>
          <thead><tr><th scope="col">{L(c, '성명', 'Name')}</th><th scope="col">{L(c, '분야', 'Field')}</th></tr></thead>
          <tbody>{members.filter((m) => m.active).map((m) => <tr><th scope="row">{m.name}</th><td>{m.field ?? ''}</td></tr>)}</tbody>
        </table></div>
        <h2>{L(c, '시 자체평가와 평가단 점수', "The office's evaluation and the panel's scores")}</h2>
        <div class="table-wrap"><table>
          <caption>{L(c, '공약별 평가', 'By pledge')}</caption>
          <thead><tr><th scope="col">{L(c, '공약', 'Pledge')}</th><th scope="col">{L(c, '시 자체평가', "Office's evaluation")}</th><th scope="col">{L(c, '응답 위원', 'Respondents')}</th><th scope="col">{L(c, '평균', 'Mean')}</th><th scope="col">{L(c, '최저~최고', 'Min–max')}</th></tr></thead>
          <tbody>{rows.map((r) => { const s = byCode.get(r.pledgeId); return (
            <tr><th scope="row">{s ? <a href={`/pledges/${s.id}`}>{s.pledge.title}</a> : r.pledgeId}</th><td>{r.office ? `${r.office.grade}, ${r.office.progressPercent}%` : '-'}</td>
              <td class="num">{r.panel?.respondents ?? 0}</td><td class="num">{r.panel ? `${r.panel.meanTotal} / ${r.panel.outOf}` : '-'}</td><td class="num">{r.panel ? `${r.panel.minTotal}~${r.panel.maxTotal}` : '-'}</td></tr>
          ); })}</tbody>
        </table></div>
        {perm.canImport(actor) ? (
          <form method="post" action="/pledges/panel" novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '위원 추가·해촉', 'Add or release a member')}</h2>
            <p class="help">{L(c, `평가단은 ${settings.panel.maxMembers}명 이내입니다. 위원은 마당에 로그인한 시민입니다.`, `At most ${settings.panel.maxMembers} members; members are citizens signed in to Madang.`)}</p>
            <Field name="name" label={L(c, '성명 (마당 표시 이름)', 'Name (as shown on Madang)')} value={pv.name} errors={pe} required maxLength={50} />
            <Field name="field" label={L(c, '분야', 'Field')} value={pv.field} errors={pe} maxLength={50} />
            <div class="form-group checkbox"><input type="checkbox" id="f-release" name="release" checked={pv.release === 'on'} /><label for="f-release">{L(c, '해촉 (명단에서 뺌)', 'Release (remove from the list)')}</label></div>
            <button type="submit" class="btn btn-secondary">{L(c, '저장', 'Save')}</button>
          </form>
        ) : null}
      </div>
    ));
  };
  app.get('/pledges/panel', (c) => panelPage(c));
  app.post('/pledges/panel', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    if (!perm.canImport(actor)) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const v = { name: String(cleanText(f.name ?? '')).slice(0, 50), field: String(cleanText(f.field ?? '')).slice(0, 50), release: f.release === 'on' ? 'on' : '' };
    if (!v.name) return panelPage(c, { values: v, errors: { name: [L(c, '성명을 적으세요.', 'Give the name.')] }, status: 422 });
    const persons = await db.selectFrom('persons').select('id').where('display_name', '=', v.name).limit(2).execute();
    if (persons.length !== 1) return panelPage(c, { values: v, errors: { name: [L(c, '그 이름으로 로그인한 시민이 없거나 여럿입니다.', 'No single signed-in citizen has that name.')] }, status: 422 });
    const existing = await db.selectFrom('panel_members').selectAll().where('person_id', '=', persons[0].id).executeTakeFirst();
    if (!v.release) {
      const members = (await db.selectFrom('panel_members').select(['id', 'name', 'active']).execute()).map((m) => ({ id: String(m.id), name: m.name, active: m.active }));
      if (!existing?.active) members.push({ id: 'new', name: v.name, active: true });
      const size = checkPanelSize(members, settings.panel.maxMembers);
      if (!size.ok) return panelPage(c, { values: v, errors: { name: [size.reason[c.get('lang')]] }, status: 422 });
    }
    await db.transaction().execute(async (trx) => {
      let mid: number;
      if (existing) {
        mid = existing.id;
        await trx.updateTable('panel_members').set({ active: !v.release, field: v.field || existing.field }).where('id', '=', mid).execute();
      } else {
        if (v.release) return;
        mid = (await trx.insertInto('panel_members').values({ person_id: persons[0].id, name: v.name, field: v.field || null }).returning('id').executeTakeFirstOrThrow()).id;
      }
      await recordAudit(trx, { actor: who(actor), action: v.release ? 'panel.release' : 'panel.appoint', targetType: 'panel-member', targetId: mid, before: existing ? { active: existing.active } : null, after: { name: v.name, field: v.field, active: !v.release } });
    });
    return c.redirect('/pledges/panel?msg=saved', 303);
  });

  const page = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    if (!actor) return loginFirst(c);
    const member = await panelMemberOf(db, actor);
    if (!perm.canScore(actor, !!member)) return forbidden(c);
    const done = await db.selectFrom('panel_scores').select('member_id').where('member_id', '=', member!.id).where('pledge_id', '=', s.id).executeTakeFirst();
    return renderPage(c, { title: `${L(c, '평가단 채점', 'Panel scoring')}: ${s.pledge.title}`, status: o.status, notice: c.req.query('msg') === 'saved' ? L(c, '채점을 제출했습니다.', 'Your scores were submitted.') : undefined }, (
      <div>
        <p><a href={`/pledges/${s.id}`}>{s.pledge.title}</a></p>
        <h1>{L(c, '평가단 채점', 'Panel scoring')}: {s.pledge.title}</h1>
        {done ? <p>{L(c, '이 공약은 이미 채점했습니다.', 'You have scored this pledge.')}</p> : (
          <form method="post" action={`/pledges/${s.id}/score`} novalidate>
            <Csrf token={c.get('csrf')} />
            {DEFAULT_CRITERIA.map((k) => <Field name={k.id} type="number" label={`${k.label} (0~${k.maxScore})`} value={o.values?.[k.id]} errors={o.errors} required min={0} max={k.maxScore} />)}
            <Field name="comment" label={L(c, '의견', 'Comment')} value={o.values?.comment} errors={o.errors} multiline rows={3} maxLength={1000} />
            <button type="submit" class="btn btn-primary">{L(c, '제출', 'Submit')}</button>
          </form>
        )}
      </div>
    ));
  };
  app.get('/pledges/:id{[0-9]+}/score', (c) => page(c));
  app.post('/pledges/:id{[0-9]+}/score', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    const member = await panelMemberOf(db, actor);
    if (!perm.canScore(actor, !!member)) return forbidden(c);
    const f = c.get('form');
    const values: Record<string, string> = { comment: String(cleanText(f.comment ?? '')).slice(0, 1000) };
    const errors: FieldErrors = {};
    const scores: Record<string, number> = {};
    for (const k of DEFAULT_CRITERIA) {
      values[k.id] = String(cleanText(f[k.id] ?? ''));
      const n = Number(values[k.id]);
      if (values[k.id] === '' || !Number.isInteger(n) || n < 0 || n > k.maxScore) errors[k.id] = [L(c, `0~${k.maxScore} 사이의 정수를 적으세요.`, `A whole number from 0 to ${k.maxScore}.`)];
      else scores[k.id] = n;
    }
    if (Object.keys(errors).length) return page(c, { values, errors, status: 422 });
    const members = (await db.selectFrom('panel_members').select(['id', 'name', 'active']).execute()).map((m) => ({ id: String(m.id), name: m.name, active: m.active }));
    const existing = (await db.selectFrom('panel_scores').select(['member_id', 'scores']).where('pledge_id', '=', s.id).execute()).map((r) => ({ memberId: String(r.member_id), pledgeId: s.pledge.id, scores: r.scores as Record<string, number> }));
    const ck = checkScore({ memberId: String(member!.id), pledgeId: s.pledge.id, scores }, members, DEFAULT_CRITERIA, existing);
    if (!ck.ok) return page(c, { values, errors: { [DEFAULT_CRITERIA[0].id]: [ck.reason[c.get('lang')]] }, status: 422 });
    await db.insertInto('panel_scores').values({ member_id: member!.id, pledge_id: s.id, scores: JSON.stringify(scores), comment: values.comment || null }).onConflict((oc) => oc.columns(['member_id', 'pledge_id']).doNothing()).execute();
    return c.redirect(`/pledges/${s.id}/score?msg=saved`, 303);
  });
}

// ---- the department's reporting (실적 입력): reporting fields only; governed ones need a change request ------------

function registerReporting(app: Hono<AppEnv>) {
  const page = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number; error?: string } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    if (!(await changeActor(db, actor, s.pledge))) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const v = o.values ?? { progressPercent: String(s.pledge.progressPercent), asOf: s.pledge.asOf ?? '', status: s.pledge.status };
    const indicators = [...new Set([...s.pledge.progress.map((x) => x.indicator), ...s.pledge.indicatorTables.flatMap((t) => t.indicators.map((i) => i.name))])];
    return renderPage(c, { title: `${L(c, '실적 입력', 'Report progress')}: ${s.pledge.title}`, status: o.status, error: o.error, notice: c.req.query('msg') === 'saved' ? L(c, '저장했습니다.', 'Saved.') : undefined }, (
      <div>
        <p><a href={`/pledges/${s.id}`}>{s.pledge.title}</a></p>
        <h1>{L(c, '실적 입력', 'Report progress')}: {s.pledge.title}</h1>
        <p>{L(c, '진도율, 기준일과 추진현황은 부서가 입력합니다. 공개된 공약의 상태·목표·예산 계획은 변경 요청과 시민평가단 승인을 거쳐야 합니다.', 'Departments report progress, the reporting date and the progress log. The status, targets and planned budget of a published pledge change only through an approved change request.')}
          {' '}<a href={`/pledges/${s.id}/changes`}>{L(c, '변경 요청', 'Change requests')}</a></p>
        <form method="post" action={`/pledges/${s.id}/report`} novalidate>
          <Csrf token={c.get('csrf')} />
          <Field name="progressPercent" type="number" label={L(c, '전체 진도율(%)', 'Overall progress (%)')} value={v.progressPercent} errors={o.errors} required min={0} max={100} />
          <Field name="asOf" type="date" label={L(c, '기준일', 'As of')} value={v.asOf} errors={o.errors} required />
          <div class="form-group">
            <label for="f-status">{L(c, '상태', 'Status')}</label>
            <select id="f-status" name="status">{settings.statuses.map((st) => <option value={st.code} selected={v.status === st.code}>{st.label}</option>)}</select>
          </div>
          <div class="form-group">
            <label for="f-indicator">{L(c, '추진현황을 더할 성과지표', 'Indicator of the new progress entry')}</label>
            <select id="f-indicator" name="indicator"><option value="">{L(c, '더하지 않음', 'None')}</option>{indicators.map((n) => <option value={n} selected={v.indicator === n}>{n}</option>)}</select>
          </div>
          <Field name="entryDate" type="date" label={L(c, '추진 일자', 'Date of the entry')} value={v.entryDate} errors={o.errors} />
          <Field name="entry" label={L(c, '추진현황 (○ • - 로 단계 구분)', 'Progress entry (○ • - for levels)')} value={v.entry} errors={o.errors} multiline rows={4} maxLength={2000} />
          <button type="submit" class="btn btn-primary">{L(c, '저장', 'Save')}</button>
        </form>
      </div>
    ));
  };
  app.get('/pledges/:id{[0-9]+}/report', (c) => page(c));
  app.post('/pledges/:id{[0-9]+}/report', async (c) => {
    const db = c.get('p').db, actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const id = idOf(c.req.param('id'));
    const s = id ? await store.getPledge(db, id) : undefined;
    if (!s) return c.notFound();
    const ca = await changeActor(db, actor, s.pledge);
    if (!ca) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const v = Object.fromEntries(['progressPercent', 'asOf', 'status', 'indicator', 'entryDate', 'entry'].map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, 2000)]));
    const errors: FieldErrors = {};
    const pct = Number(v.progressPercent);
    if (v.progressPercent === '' || !Number.isFinite(pct) || pct < 0 || pct > 100) errors.progressPercent = [L(c, '0~100 사이의 수를 적으세요.', 'A number from 0 to 100.')];
    if (!isIsoDate(v.asOf)) errors.asOf = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    if (v.entryDate && !isIsoDate(v.entryDate)) errors.entryDate = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    if (v.entry && !v.indicator) errors.entry = [L(c, '성과지표를 고르세요.', 'Choose the indicator.')];
    if (!settings.statuses.some((x) => x.code === v.status)) errors.status = [L(c, '없는 상태입니다.', 'Unknown status.')];
    if (Object.keys(errors).length) return page(c, { values: v, errors, status: 422 });
    const next: Pledge = structuredClone(s.pledge);
    const fields: string[] = [];
    if (next.progressPercent !== pct) { next.progressPercent = pct; fields.push('progressPercent'); }
    if (next.asOf !== v.asOf) { next.asOf = v.asOf; fields.push('asOf'); }
    const statusChanged = next.status !== v.status;
    if (statusChanged) { next.status = v.status; fields.push('status'); }
    if (v.entry) {
      const items = parseItems(v.entry.split('\n'));
      if (v.entryDate && items[0]) items[0].date = v.entryDate;
      const log = next.progress.find((x) => x.indicator === v.indicator);
      if (log) log.items.push(...items); else next.progress.push({ indicator: v.indicator, items });
      fields.push('progress');
    }
    const ok = checkDirectEdit(s.pledge, ca, fields, settings, statusChanged ? v.status : undefined);
    if (!ok.ok) return page(c, { values: v, status: 409, error: `${ok.reason[c.get('lang')]} — ${L(c, '변경 요청으로 제안하세요.', 'Propose it as a change request.')}` });
    if (fields.length) {
      await db.transaction().execute((trx) => store.savePledge(trx, next, { layout: s.layout, actor: who(actor), action: 'pledge.report', reason: fields.join(',') }));
    }
    return c.redirect(`/pledges/${s.id}/report?msg=saved`, 303);
  });
}

export function registerPledgeWork(app: Hono<AppEnv>) {
  registerReporting(app);
  registerSnapshots(app);
  registerChanges(app);
  registerCommunication(app);
  registerPanel(app);
}

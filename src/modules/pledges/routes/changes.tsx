// Change requests: a department proposes, the citizen panel reviews, the secretariat publishes; history public.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { forbidden } from '../../../platform/http/app.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { actorLabel, type Actor } from '../../../platform/permissions.ts';
import {
  applyChangeRequest,
  ChangeRequest,
  transition,
  type Action,
  type Actor as ChangeActor,
  type ChangePayload,
  type Pledge,
} from '../domain/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as store from '../store.ts';
import {
  idOf,
  L,
  today,
  who,
  loginFirst,
  departmentNames,
  pledgeDepartments,
  panelMemberOf,
  pledgeFromParam,
  SelectField,
  changeActor,
} from './shared.tsx';
import { once } from '../../../platform/http/once.tsx';

const STATE_LABEL: Record<string, [string, string]> = {
  proposed: ['제안', 'Proposed'],
  'in-review': ['평가단 검토 중', 'In panel review'],
  approved: ['승인', 'Approved'],
  rejected: ['반려', 'Rejected'],
  published: ['공개·반영', 'Published'],
  withdrawn: ['철회', 'Withdrawn'],
};
const stateText = (c: Context<AppEnv>, s: string) => L(c, ...(STATE_LABEL[s] ?? [s, s]));

function describePayload(c: Context<AppEnv>, x: ChangePayload): string {
  switch (x.kind) {
    case 'status':
      return `${L(c, '상태', 'Status')} → ${x.status}`;
    case 'target':
      return `${L(c, '목표', 'Target')} [${x.tableId}/${x.indicatorId}/${x.periodKey}] → ${x.changed}`;
    case 'budget':
      return `${L(c, '예산 계획', 'Planned budget')} [${x.periodKey}/${x.source}] → ${x.planned}`;
    case 'indicator':
      return `${L(c, '성과지표', 'Indicator')} ${L(c, ...OP_LABEL[x.op])}: ${x.op === 'add' ? x.name : `${x.before ?? x.indicatorId}${x.op === 'rename' ? ` → ${x.name}` : ''}`}`;
    default:
      return x.description;
  }
}

const INDICATOR_OPS = ['add', 'rename', 'remove'] as const;
const OP_LABEL: Record<(typeof INDICATOR_OPS)[number], [string, string]> = {
  add: ['추가', 'add'],
  rename: ['이름 변경', 'rename'],
  remove: ['삭제', 'remove'],
};
const tableOptions = (p: Pledge) =>
  p.indicatorTables.map((tb, i) => ({ value: tb.id, label: tb.caption || `${i + 1}번째 표` }));
const indicatorOptions = (p: Pledge) =>
  p.indicatorTables.flatMap((tb) =>
    tb.indicators.map((ind) => ({
      value: `${tb.id}|${ind.id}`,
      label: `${tb.caption ? `${tb.caption} · ` : ''}${ind.name}`,
    })),
  );

/** The indicator part of a proposed change, or the errors that keep it from being one (pure; the form's rules). */
function indicatorChange(
  p: Pledge,
  v: Record<string, string>,
  L2: (ko: string, en: string) => string,
): { change?: ChangePayload; errors: FieldErrors } {
  const op = v.indicatorOp;
  if (!op) return { errors: {} };
  if (!(INDICATOR_OPS as readonly string[]).includes(op))
    return { errors: { indicatorOp: [L2('없는 선택입니다.', 'Unknown choice.')] } };
  const name = v.indicatorName.trim();
  if (op === 'add') {
    const tb = p.indicatorTables.find((x) => x.id === v.indicatorTable);
    if (!tb) return { errors: { indicatorTable: [L2('지표를 더할 표를 고르세요.', 'Choose the table.')] } };
    if (!name) return { errors: { indicatorName: [L2('새 지표 이름을 적으세요.', 'Give the name.')] } };
    if (tb.indicators.some((i) => i.name === name))
      return { errors: { indicatorName: [L2('이 표에 같은 이름의 지표가 있습니다.', 'The table already has it.')] } };
    // A new id that no indicator of the table has had, so the change history stays unambiguous.
    let n = tb.indicators.length + 1;
    while (tb.indicators.some((i) => i.id === `n${n}`)) n++;
    return {
      change: {
        kind: 'indicator',
        tableId: tb.id,
        op: 'add',
        indicatorId: `n${n}`,
        name,
        unit: v.indicatorUnit.trim() || undefined,
      },
      errors: {},
    };
  }
  const [tableId, indicatorId] = v.indicatorRef.split('|');
  const ind = p.indicatorTables.find((x) => x.id === tableId)?.indicators.find((i) => i.id === indicatorId);
  if (!ind) return { errors: { indicatorRef: [L2('지표를 고르세요.', 'Choose the indicator.')] } };
  if (op === 'remove')
    return { change: { kind: 'indicator', tableId, op: 'remove', indicatorId, before: ind.name }, errors: {} };
  if (!name) return { errors: { indicatorName: [L2('바꿀 이름을 적으세요.', 'Give the new name.')] } };
  if (name === ind.name)
    return { errors: { indicatorName: [L2('지금 이름과 같습니다.', 'That is its name already.')] } };
  return { change: { kind: 'indicator', tableId, op: 'rename', indicatorId, name, before: ind.name }, errors: {} };
}

const targetOptions = (p: Pledge) =>
  p.indicatorTables.flatMap((tb) =>
    tb.indicators.flatMap((ind) =>
      tb.periods.map((per) => {
        const cur = ind.values.find((x) => x.periodKey === per.key);
        return {
          value: [tb.id, ind.id, per.key].join('|'),
          label: `${tb.caption ? `${tb.caption} · ` : ''}${ind.name} · ${per.group ? `${per.group} ` : ''}${per.label} (${cur?.changed ?? cur?.original ?? '-'})`,
        };
      }),
    ),
  );
const budgetOptions = (p: Pledge, sources: string[]) =>
  p.budget.periods
    .filter((x) => !x.prior)
    .flatMap((per) =>
      sources.map((src) => {
        const e = p.budget.entries.find((x) => x.periodKey === per.key && x.source === src);
        return { value: `${per.key}|${src}`, label: `${per.label} · ${src} (${e?.planned ?? '-'})` };
      }),
    );

export function registerChanges(app: Hono<AppEnv>) {
  const listPage = async (
    c: Context<AppEnv>,
    o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    const { settings } = await pledgeSettingsOf(db);
    const rows = await db
      .selectFrom('pledge_change_requests')
      .selectAll()
      .where('pledge_id', '=', s.id)
      .orderBy('id')
      .execute();
    const who = actor ? await changeActor(db, actor, s.pledge) : null;
    const canPropose = !!who && (who.role === 'department' || who.role === 'admin');
    const v = o.values ?? {};
    return renderPage(
      c,
      { title: `${L(c, '변경 요청', 'Change requests')}: ${s.pledge.title}`, status: o.status },
      <div>
        <p>
          <a href={`/pledges/${s.id}`}>{s.pledge.title}</a>
        </p>
        <h1>
          {L(c, '변경 요청', 'Change requests')}: {s.pledge.title}
        </h1>
        <p>
          {L(
            c,
            '공개된 공약은 부서가 혼자 바꿀 수 없습니다. 부서가 변경을 제안하면 시민평가단이 검토하고, 승인된 변경만 공개·반영됩니다. 모든 이력은 공개됩니다.',
            'A published pledge cannot be changed by a department alone: the department proposes, the citizen panel reviews, and only approved changes are published. Every step is public.',
          )}
        </p>
        {rows.length ? (
          <div class="table-wrap">
            <table>
              <caption>{L(c, '변경 요청 목록', 'Requests')}</caption>
              <thead>
                <tr>
                  <th scope="col">{L(c, '번호', 'No.')}</th>
                  <th scope="col">{L(c, '내용', 'Change')}</th>
                  <th scope="col">{L(c, '사유', 'Reason')}</th>
                  <th scope="col">{L(c, '상태', 'State')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const d = r.data as ChangeRequest;
                  return (
                    <tr>
                      <th scope="row">
                        <a href={`/pledges/${s.id}/changes/${r.id}`}>#{r.id}</a>
                      </th>
                      <td>{d.changes.map((x) => describePayload(c, x)).join('; ')}</td>
                      <td>{d.reason}</td>
                      <td>{stateText(c, r.state)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{L(c, '변경 요청이 없습니다.', 'No change requests.')}</p>
        )}
        {canPropose ? (
          <form method="post" action={`/pledges/${s.id}/changes`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '변경 제안', 'Propose a change')}</h2>
            <SelectField
              name="status"
              label={L(c, '새 상태', 'New status')}
              value={v.status}
              errors={o.errors}
              options={[
                { value: '', label: L(c, '바꾸지 않음', 'No change') },
                ...settings.statuses.map((st) => ({ value: st.code, label: st.label })),
              ]}
            />
            <SelectField
              name="target"
              label={L(c, '목표를 바꿀 성과지표와 기간', 'Indicator and period of a new target')}
              value={v.target}
              errors={o.errors}
              options={[{ value: '', label: L(c, '바꾸지 않음', 'No change') }, ...targetOptions(s.pledge)]}
            />
            <Field
              name="changed"
              label={L(c, '변경 목표', 'New target')}
              value={v.changed}
              errors={o.errors}
              maxLength={100}
            />
            <SelectField
              name="budget"
              label={L(c, '계획을 바꿀 예산 기간과 재원', 'Budget period and source of a new plan')}
              value={v.budget}
              errors={o.errors}
              options={[
                { value: '', label: L(c, '바꾸지 않음', 'No change') },
                ...budgetOptions(s.pledge, settings.budgetSources),
              ]}
            />
            <Field
              name="planned"
              type="number"
              label={`${L(c, '변경 계획액', 'New planned amount')} (${settings.budgetUnit})`}
              value={v.planned}
              errors={o.errors}
              min={0}
            />
            <fieldset>
              <legend>{L(c, '성과지표 추가·삭제·이름 변경', 'Add, remove or rename an indicator')}</legend>
              <SelectField
                name="indicatorOp"
                label={L(c, '할 일', 'Change')}
                value={v.indicatorOp}
                errors={o.errors}
                options={[
                  { value: '', label: L(c, '바꾸지 않음', 'No change') },
                  ...INDICATOR_OPS.map((op) => ({ value: op, label: L(c, ...OP_LABEL[op]) })),
                ]}
              />
              <SelectField
                name="indicatorTable"
                label={L(c, '지표를 더할 표 (추가할 때)', 'Table to add it to (when adding)')}
                value={v.indicatorTable}
                errors={o.errors}
                options={[{ value: '', label: L(c, '고르지 않음', 'None') }, ...tableOptions(s.pledge)]}
              />
              <SelectField
                name="indicatorRef"
                label={L(c, '삭제하거나 이름을 바꿀 지표', 'Indicator to remove or rename')}
                value={v.indicatorRef}
                errors={o.errors}
                options={[{ value: '', label: L(c, '고르지 않음', 'None') }, ...indicatorOptions(s.pledge)]}
              />
              <Field
                name="indicatorName"
                label={L(c, '새 지표 이름 (추가하거나 이름을 바꿀 때)', 'New name (when adding or renaming)')}
                value={v.indicatorName}
                errors={o.errors}
                maxLength={200}
              />
              <Field
                name="indicatorUnit"
                label={L(c, '단위 (추가할 때, 예: 회, 건, %)', 'Unit (when adding, e.g. 회, 건, %)')}
                value={v.indicatorUnit}
                errors={o.errors}
                maxLength={20}
              />
            </fieldset>
            <Field
              name="description"
              label={L(c, '그 밖의 변경 내용', 'Other change')}
              value={v.description}
              errors={o.errors}
              multiline
              rows={3}
              maxLength={1000}
            />
            <Field
              name="reason"
              label={L(c, '변경사유', 'Reason')}
              value={v.reason}
              errors={o.errors}
              required
              multiline
              rows={3}
              maxLength={1000}
            />
            <button type="submit" class="btn btn-primary">
              {L(c, '제안하기', 'Propose')}
            </button>
          </form>
        ) : null}
      </div>,
    );
  };

  app.get('/pledges/:id{[0-9]+}/changes', (c) => listPage(c));

  app.post('/pledges/:id{[0-9]+}/changes', async (c) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    const ca = await changeActor(db, actor, s.pledge);
    if (!ca || (ca.role !== 'department' && ca.role !== 'admin')) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const values = Object.fromEntries(
      [
        'status',
        'description',
        'reason',
        'target',
        'changed',
        'budget',
        'planned',
        'indicatorOp',
        'indicatorTable',
        'indicatorRef',
        'indicatorName',
        'indicatorUnit',
      ].map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, k.startsWith('indicator') ? 200 : 1000)]),
    );
    const ind = indicatorChange(s.pledge, values, (ko, en) => L(c, ko, en));
    const errors: FieldErrors = { ...ind.errors };
    const changes: ChangePayload[] = ind.change ? [ind.change] : [];
    if (values.target) {
      const [tableId, indicatorId, periodKey] = values.target.split('|');
      if (!targetOptions(s.pledge).some((x) => x.value === values.target))
        errors.target = [L(c, '없는 지표 또는 기간입니다.', 'Unknown indicator or period.')];
      else if (!values.changed) errors.changed = [L(c, '변경 목표를 적으세요.', 'Give the new target.')];
      else changes.push({ kind: 'target', tableId, indicatorId, periodKey, changed: values.changed.slice(0, 100) });
    }
    if (values.budget) {
      const [periodKey, source] = values.budget.split('|');
      const n = Number(values.planned);
      if (!budgetOptions(s.pledge, settings.budgetSources).some((x) => x.value === values.budget))
        errors.budget = [L(c, '없는 예산 기간 또는 재원입니다.', 'Unknown budget period or source.')];
      else if (values.planned === '' || !Number.isFinite(n) || n < 0)
        errors.planned = [L(c, '0 이상의 금액을 적으세요.', 'Give an amount of 0 or more.')];
      else changes.push({ kind: 'budget', periodKey, source, planned: n });
    }
    if (values.status) {
      if (!settings.statuses.some((x) => x.code === values.status))
        errors.status = [L(c, '없는 상태입니다.', 'Unknown status.')];
      else changes.push({ kind: 'status', status: values.status });
    }
    if (values.description) changes.push({ kind: 'other', description: values.description.slice(0, 1000) });
    if (!changes.length && !Object.keys(errors).length)
      errors.description = [L(c, '바꿀 내용을 하나 이상 적으세요.', 'Give at least one change.')];
    if (!values.reason) errors.reason = [L(c, '변경사유를 적으세요.', 'Give the reason.')];
    if (Object.keys(errors).length) return listPage(c, { values, errors, status: 422 });
    return once(c, async (trx) => {
      const { id: rid } = await trx
        .insertInto('pledge_change_requests')
        .values({ pledge_id: s.id, state: 'proposed', data: '{}' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const req = ChangeRequest.parse({
        id: String(rid),
        pledgeId: s.pledge.id,
        department: ca.department ?? s.pledge.leadDepartment ?? '-',
        proposedBy: actorLabel(actor),
        proposedAt: today(),
        changes,
        reason: values.reason.slice(0, 1000),
        history: [{ state: 'proposed', at: today(), actor: actorLabel(actor) }],
      });
      await trx
        .updateTable('pledge_change_requests')
        .set({ data: JSON.stringify(req) })
        .where('id', '=', rid)
        .execute();
      await recordAudit(trx, {
        actor: who(actor),
        action: 'pledge.change.propose',
        targetType: 'pledge-change-request',
        targetId: rid,
        reason: req.reason,
        after: req,
      });
      return `/pledges/${s.id}/changes/${rid}`;
    });
  });

  const detail = async (c: Context<AppEnv>, o: { error?: string; status?: number } = {}) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    const id = idOf(c.req.param('id')),
      rid = idOf(c.req.param('rid'));
    const s = id ? await store.getPledge(db, id) : undefined;
    const row =
      rid && s
        ? await db
            .selectFrom('pledge_change_requests')
            .selectAll()
            .where('id', '=', rid)
            .where('pledge_id', '=', s.id)
            .executeTakeFirst()
        : undefined;
    if (!s || !row) return c.notFound();
    const req = row.data as ChangeRequest;
    const ca = actor ? await changeActor(db, actor, s.pledge) : null;
    const member = await panelMemberOf(db, actor);
    const voted = member && req.votes.some((x) => x.memberId === String(member.id));
    const btn = (action: string, label: string) => (
      <form method="post" action={`/pledges/${s.id}/changes/${row.id}/${action}`} class="inline">
        <Csrf token={c.get('csrf')} />
        <button type="submit" class="btn btn-secondary">
          {label}
        </button>
      </form>
    );
    return renderPage(
      c,
      {
        title: `${L(c, '변경 요청', 'Change request')} #${row.id}: ${s.pledge.title}`,
        error: o.error,
        status: o.status,
      },
      <div>
        <p>
          <a href={`/pledges/${s.id}/changes`}>{L(c, '변경 요청', 'Change requests')}</a>
        </p>
        <h1>
          {L(c, '변경 요청', 'Change request')} #{row.id}
        </h1>
        <dl class="meta-list">
          <dt>{L(c, '공약', 'Pledge')}</dt>
          <dd>
            <a href={`/pledges/${s.id}`}>{s.pledge.title}</a>
          </dd>
          <dt>{L(c, '상태', 'State')}</dt>
          <dd>{stateText(c, row.state)}</dd>
          <dt>{L(c, '제안 부서', 'Department')}</dt>
          <dd>{req.department}</dd>
          <dt>{L(c, '변경 내용', 'Changes')}</dt>
          <dd>{req.changes.map((x) => describePayload(c, x)).join('; ')}</dd>
          <dt>{L(c, '변경사유', 'Reason')}</dt>
          <dd>{req.reason}</dd>
          <dt>{L(c, '평가단 투표', 'Panel votes')}</dt>
          <dd>
            {L(c, '찬성', 'approve')} {req.votes.filter((x) => x.vote === 'approve').length} / {L(c, '반대', 'reject')}{' '}
            {req.votes.filter((x) => x.vote === 'reject').length}
          </dd>
        </dl>
        <div class="table-wrap">
          <table>
            <caption>{L(c, '처리 이력', 'History')}</caption>
            <thead>
              <tr>
                <th scope="col">{L(c, '일자', 'Date')}</th>
                <th scope="col">{L(c, '상태', 'State')}</th>
                <th scope="col">{L(c, '처리자', 'By')}</th>
                <th scope="col">{L(c, '비고', 'Note')}</th>
              </tr>
            </thead>
            <tbody>
              {req.history.map((h) => (
                <tr>
                  <td>{h.at}</td>
                  <td>{stateText(c, h.state)}</td>
                  <td>{h.actor}</td>
                  <td>{h.note ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="toolbar">
          {ca && (ca.role === 'secretariat' || ca.role === 'admin') && row.state === 'proposed'
            ? btn('start-review', L(c, '평가단 검토 시작', 'Start panel review'))
            : null}
          {member && row.state === 'in-review' && !voted ? (
            <>
              {btn('approve', L(c, '찬성', 'Approve'))}
              {btn('reject', L(c, '반대', 'Reject'))}
            </>
          ) : null}
          {ca && (ca.role === 'secretariat' || ca.role === 'admin') && row.state === 'in-review'
            ? btn('decide', L(c, '투표 마감·결정', 'Close the vote'))
            : null}
          {ca && (ca.role === 'secretariat' || ca.role === 'admin') && row.state === 'approved'
            ? btn('publish', L(c, '공개·반영', 'Publish'))
            : null}
          {ca &&
          (ca.role === 'department' || ca.role === 'admin') &&
          (row.state === 'proposed' || row.state === 'in-review')
            ? btn('withdraw', L(c, '철회', 'Withdraw'))
            : null}
        </div>
      </div>,
    );
  };

  app.get('/pledges/:id{[0-9]+}/changes/:rid{[0-9]+}', (c) => detail(c));

  app.post(
    '/pledges/:id{[0-9]+}/changes/:rid{[0-9]+}/:action{start-review|approve|reject|decide|publish|withdraw}',
    async (c) => {
      const db = c.get('p').db,
        actor = c.get('actor');
      if (!actor) return loginFirst(c);
      const id = idOf(c.req.param('id')),
        rid = idOf(c.req.param('rid'));
      const s = id ? await store.getPledge(db, id) : undefined;
      if (!s || !rid) return c.notFound();
      const action = c.req.param('action');
      const { settings, tracker } = await pledgeSettingsOf(db);
      const refuse = (msg: { ko: string; en: string }) => detail(c, { error: msg[c.get('lang')], status: 409 });
      const result = await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('pledge_change_requests')
          .selectAll()
          .where('id', '=', rid)
          .where('pledge_id', '=', s.id)
          .forUpdate()
          .executeTakeFirst();
        if (!row) return { notFound: true as const };
        const req = ChangeRequest.parse(row.data);
        if (action === 'approve' || action === 'reject') {
          const member = await panelMemberOf(trx, actor);
          if (!member) return { forbidden: true as const };
          if (req.state !== 'in-review')
            return { refused: { ko: '검토 중인 요청에만 투표합니다', en: 'only requests in review take votes' } };
          if (req.votes.some((x) => x.memberId === String(member.id)))
            return { refused: { ko: '이미 투표했습니다', en: 'you already voted' } };
          const next = { ...req, votes: [...req.votes, { memberId: String(member.id), vote: action }] };
          await trx
            .updateTable('pledge_change_requests')
            .set({ data: JSON.stringify(next), updated_at: new Date() })
            .where('id', '=', rid)
            .execute();
          await recordAudit(trx, {
            actor: who(actor),
            action: `pledge.change.vote`,
            targetType: 'pledge-change-request',
            targetId: rid,
            after: { vote: action },
          });
          return { ok: true as const };
        }
        const ca = await changeActor(trx, actor, s.pledge);
        if (!ca) return { forbidden: true as const };
        // Only the secretariat moves a request forward; a department can withdraw its own, never publish it.
        if (action !== 'withdraw' && ca.role === 'department') return { forbidden: true as const };
        let act: Action;
        if (action === 'decide') {
          const members = (await trx.selectFrom('panel_members').select('id').where('active', '=', true).execute()).map(
            (m) => String(m.id),
          );
          act = { type: 'decide', votes: req.votes, activeMembers: members };
        } else act = { type: action as 'start-review' | 'publish' | 'withdraw' };
        const tr = transition(req, act, { ...ca, id: actorLabel(actor) }, today(), settings);
        if (!tr.ok)
          return tr.code === 'forbidden' || tr.code === 'other-department'
            ? { forbidden: true as const }
            : { refused: tr.reason };
        if (tr.request.state === 'published') {
          // Apply to the pledge as it is now, locked until this transaction ends: the copy read before it may be stale
          // (a report or another request saved in between), and saving that copy would undo the other write.
          const current = await store.lockPledge(trx, s.id);
          if (!current) return { notFound: true as const };
          const applied = applyChangeRequest(current.pledge, tr.request, settings);
          if (!applied.ok) return { refused: applied.reason };
          await store.savePledge(trx, applied.pledge, {
            layout: current.layout,
            actor: who(actor),
            action: 'pledge.change.apply',
            reason: tr.request.reason,
          });
        }
        await trx
          .updateTable('pledge_change_requests')
          .set({ state: tr.request.state, data: JSON.stringify(tr.request), updated_at: new Date() })
          .where('id', '=', rid)
          .execute();
        await recordAudit(trx, {
          actor: who(actor),
          action: `pledge.change.${action}`,
          targetType: 'pledge-change-request',
          targetId: rid,
          before: { state: req.state },
          after: { state: tr.request.state },
        });
        void tracker;
        return { ok: true as const };
      });
      if ('notFound' in result) return c.notFound();
      if ('forbidden' in result) return forbidden(c);
      if ('refused' in result && result.refused) return refuse(result.refused);
      return c.redirect(`/pledges/${s.id}/changes/${rid}`, 303);
    },
  );
}

// ---- communication card ---------------------------------------------------------------------------------------

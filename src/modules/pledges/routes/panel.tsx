// The citizen panel (구민평가단): members within the size limit, one scoring form per member and pledge.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { forbidden } from '../../../platform/http/app.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { recordAudit } from '../../../platform/audit.ts';
import { resolveStatus, type Pledge } from '../domain/index.ts';
import {
  aggregatePanelScores,
  checkPanelSize,
  checkScore,
  DEFAULT_CRITERIA,
  panelBesideOffice,
} from '../../evaluations/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as perm from '../permissions.ts';
import * as store from '../store.ts';
import { L, who, loginFirst, panelMemberOf, pledgeFromParam } from './shared.tsx';
import { once } from '../../../platform/http/once.tsx';

export function registerPanel(app: Hono<AppEnv>) {
  const panelPage = async (
    c: Context<AppEnv>,
    o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    const pv = o.values ?? {},
      pe = o.errors ?? {};
    const members = await db
      .selectFrom('panel_members')
      .select(['id', 'name', 'field', 'active'])
      .orderBy('id')
      .execute();
    const { settings } = await pledgeSettingsOf(db);
    const all = await store.allPledges(db);
    const scores = await db.selectFrom('panel_scores').selectAll().execute();
    const codeOf = new Map(all.map((s) => [s.id, s.pledge.id]));
    const aggs = aggregatePanelScores(
      scores.map((r) => ({
        memberId: String(r.member_id),
        pledgeId: codeOf.get(r.pledge_id) ?? '',
        scores: r.scores as Record<string, number>,
      })),
      members.map((m) => ({ id: String(m.id), name: m.name, active: m.active })),
      DEFAULT_CRITERIA,
    );
    const rows = panelBesideOffice(
      aggs,
      all.map((s) => ({
        pledgeId: s.pledge.id,
        grade: resolveStatus(settings, s.pledge.status)?.label ?? s.pledge.status,
        progressPercent: s.pledge.progressPercent,
      })),
    );
    const byCode = new Map(all.map((s) => [s.pledge.id, s]));
    return renderPage(
      c,
      {
        title: L(c, '시민평가단', 'Citizen panel'),
        status: o.status,
        notice: c.req.query('msg') === 'saved' ? L(c, '저장했습니다.', 'Saved.') : undefined,
      },
      <div>
        <p>
          <a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a>
        </p>
        <h1>{L(c, '시민평가단', 'Citizen panel')}</h1>
        <div class="table-wrap">
          <table>
            <caption>
              {L(c, '위원 명단', 'Members')} ({members.filter((m) => m.active).length})
            </caption>
            <thead>
              <tr>
                <th scope="col">{L(c, '성명', 'Name')}</th>
                <th scope="col">{L(c, '분야', 'Field')}</th>
              </tr>
            </thead>
            <tbody>
              {members
                .filter((m) => m.active)
                .map((m) => (
                  <tr>
                    <th scope="row">{m.name}</th>
                    <td>{m.field ?? ''}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
        <h2>{L(c, '시 자체평가와 평가단 점수', "The office's evaluation and the panel's scores")}</h2>
        <div class="table-wrap">
          <table>
            <caption>{L(c, '공약별 평가', 'By pledge')}</caption>
            <thead>
              <tr>
                <th scope="col">{L(c, '공약', 'Pledge')}</th>
                <th scope="col">{L(c, '시 자체평가', "Office's evaluation")}</th>
                <th scope="col">{L(c, '응답 위원', 'Respondents')}</th>
                <th scope="col">{L(c, '평균', 'Mean')}</th>
                <th scope="col">{L(c, '최저~최고', 'Min–max')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const s = byCode.get(r.pledgeId);
                return (
                  <tr>
                    <th scope="row">{s ? <a href={`/pledges/${s.id}`}>{s.pledge.title}</a> : r.pledgeId}</th>
                    <td>{r.office ? `${r.office.grade}, ${r.office.progressPercent}%` : '-'}</td>
                    <td class="num">{r.panel?.respondents ?? 0}</td>
                    <td class="num">{r.panel ? `${r.panel.meanTotal} / ${r.panel.outOf}` : '-'}</td>
                    <td class="num">{r.panel ? `${r.panel.minTotal}~${r.panel.maxTotal}` : '-'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {perm.canImport(actor) ? (
          <form method="post" action="/pledges/panel" novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '위원 추가·해촉', 'Add or release a member')}</h2>
            <p class="help">
              {L(
                c,
                `평가단은 ${settings.panel.maxMembers}명 이내입니다. 위원은 마당에 로그인한 시민입니다.`,
                `At most ${settings.panel.maxMembers} members; members are citizens signed in to Madang.`,
              )}
            </p>
            <Field
              name="name"
              label={L(c, '성명 (마당 표시 이름)', 'Name (as shown on Madang)')}
              value={pv.name}
              errors={pe}
              required
              maxLength={50}
            />
            <Field name="field" label={L(c, '분야', 'Field')} value={pv.field} errors={pe} maxLength={50} />
            <div class="form-group checkbox">
              <input type="checkbox" id="f-release" name="release" checked={pv.release === 'on'} />
              <label for="f-release">{L(c, '해촉 (명단에서 뺌)', 'Release (remove from the list)')}</label>
            </div>
            <button type="submit" class="btn btn-secondary">
              {L(c, '저장', 'Save')}
            </button>
          </form>
        ) : null}
      </div>,
    );
  };
  app.get('/pledges/panel', (c) => panelPage(c));
  app.post('/pledges/panel', async (c) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    if (!actor) return loginFirst(c);
    if (!perm.canImport(actor)) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const v = {
      name: String(cleanText(f.name ?? '')).slice(0, 50),
      field: String(cleanText(f.field ?? '')).slice(0, 50),
      release: f.release === 'on' ? 'on' : '',
    };
    if (!v.name)
      return panelPage(c, { values: v, errors: { name: [L(c, '성명을 적으세요.', 'Give the name.')] }, status: 422 });
    const persons = await db.selectFrom('persons').select('id').where('display_name', '=', v.name).limit(2).execute();
    if (persons.length !== 1)
      return panelPage(c, {
        values: v,
        errors: {
          name: [L(c, '그 이름으로 로그인한 시민이 없거나 여럿입니다.', 'No single signed-in citizen has that name.')],
        },
        status: 422,
      });
    const existing = await db
      .selectFrom('panel_members')
      .selectAll()
      .where('person_id', '=', persons[0].id)
      .executeTakeFirst();
    if (!v.release) {
      const members = (await db.selectFrom('panel_members').select(['id', 'name', 'active']).execute()).map((m) => ({
        id: String(m.id),
        name: m.name,
        active: m.active,
      }));
      if (!existing?.active) members.push({ id: 'new', name: v.name, active: true });
      const size = checkPanelSize(members, settings.panel.maxMembers);
      if (!size.ok) return panelPage(c, { values: v, errors: { name: [size.reason[c.get('lang')]] }, status: 422 });
    }
    return once(c, async (trx) => {
      let mid: number;
      if (existing) {
        mid = existing.id;
        await trx
          .updateTable('panel_members')
          .set({ active: !v.release, field: v.field || existing.field })
          .where('id', '=', mid)
          .execute();
      } else {
        if (v.release) return '/pledges/panel?msg=saved';
        mid = (
          await trx
            .insertInto('panel_members')
            .values({ person_id: persons[0].id, name: v.name, field: v.field || null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
      }
      await recordAudit(trx, {
        actor: who(actor),
        action: v.release ? 'panel.release' : 'panel.appoint',
        targetType: 'panel-member',
        targetId: mid,
        before: existing ? { active: existing.active } : null,
        after: { name: v.name, field: v.field, active: !v.release },
      });
      return '/pledges/panel?msg=saved';
    });
  });

  const page = async (
    c: Context<AppEnv>,
    o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    if (!actor) return loginFirst(c);
    const member = await panelMemberOf(db, actor);
    if (!perm.canScore(actor, !!member)) return forbidden(c);
    const done = await db
      .selectFrom('panel_scores')
      .select('member_id')
      .where('member_id', '=', member!.id)
      .where('pledge_id', '=', s.id)
      .executeTakeFirst();
    return renderPage(
      c,
      {
        title: `${L(c, '평가단 채점', 'Panel scoring')}: ${s.pledge.title}`,
        status: o.status,
        notice:
          c.req.query('msg') === 'saved' ? L(c, '채점을 제출했습니다.', 'Your scores were submitted.') : undefined,
      },
      <div>
        <p>
          <a href={`/pledges/${s.id}`}>{s.pledge.title}</a>
        </p>
        <h1>
          {L(c, '평가단 채점', 'Panel scoring')}: {s.pledge.title}
        </h1>
        {done ? (
          <p>{L(c, '이 공약은 이미 채점했습니다.', 'You have scored this pledge.')}</p>
        ) : (
          <form method="post" action={`/pledges/${s.id}/score`} novalidate>
            <Csrf token={c.get('csrf')} />
            {DEFAULT_CRITERIA.map((k) => (
              <Field
                name={k.id}
                type="number"
                label={`${k.label} (0~${k.maxScore})`}
                value={o.values?.[k.id]}
                errors={o.errors}
                required
                min={0}
                max={k.maxScore}
              />
            ))}
            <Field
              name="comment"
              label={L(c, '의견', 'Comment')}
              value={o.values?.comment}
              errors={o.errors}
              multiline
              rows={3}
              maxLength={1000}
            />
            <button type="submit" class="btn btn-primary">
              {L(c, '제출', 'Submit')}
            </button>
          </form>
        )}
      </div>,
    );
  };
  app.get('/pledges/:id{[0-9]+}/score', (c) => page(c));
  app.post('/pledges/:id{[0-9]+}/score', async (c) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const s = await pledgeFromParam(c);
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
      if (values[k.id] === '' || !Number.isInteger(n) || n < 0 || n > k.maxScore)
        errors[k.id] = [L(c, `0~${k.maxScore} 사이의 정수를 적으세요.`, `A whole number from 0 to ${k.maxScore}.`)];
      else scores[k.id] = n;
    }
    if (Object.keys(errors).length) return page(c, { values, errors, status: 422 });
    const members = (await db.selectFrom('panel_members').select(['id', 'name', 'active']).execute()).map((m) => ({
      id: String(m.id),
      name: m.name,
      active: m.active,
    }));
    const existing = (
      await db.selectFrom('panel_scores').select(['member_id', 'scores']).where('pledge_id', '=', s.id).execute()
    ).map((r) => ({
      memberId: String(r.member_id),
      pledgeId: s.pledge.id,
      scores: r.scores as Record<string, number>,
    }));
    const ck = checkScore(
      { memberId: String(member!.id), pledgeId: s.pledge.id, scores },
      members,
      DEFAULT_CRITERIA,
      existing,
    );
    if (!ck.ok)
      return page(c, { values, errors: { [DEFAULT_CRITERIA[0].id]: [ck.reason[c.get('lang')]] }, status: 422 });
    return once(c, async (trx) => {
      await trx
        .insertInto('panel_scores')
        .values({
          member_id: member!.id,
          pledge_id: s.id,
          scores: JSON.stringify(scores),
          comment: values.comment || null,
        })
        .onConflict((oc) => oc.columns(['member_id', 'pledge_id']).doNothing())
        .execute();
      return `/pledges/${s.id}/score?msg=saved`;
    });
  });
}

// ---- the department's reporting (실적 입력): reporting fields only; governed ones need a change request ------------

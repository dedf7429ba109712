// HTTP handlers for officials: answers per tier (정책실명제), department assignment and transfer, screening (검토),
// implementation updates (이행), and the queues of departments and the planning office.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { parseWith } from '../../../platform/http/validate.ts';
import { forbidden } from '../../../platform/http/app.tsx';
import { actorLabel, type Actor, type RoleGrant } from '../../../platform/permissions.ts';
import { cleanText } from '../../../platform/http/validate.ts';
import { rate, findTier, ANSWERER_LABELS, type Answerer, type OfficialSignature, type Stage } from '../domain/index.ts';
import { AnswerInput, ImplementationInput, deadlineState } from '../domain/proposal.ts';
import { advance, boardRules, fire, whoOf, type FireResult } from '../store/lifecycle.ts';
import * as perm from '../permissions.ts';
import { PUBLIC_STAGES } from '../permissions.ts';
import * as store from '../store/proposals.ts';
import {
  answer,
  assignDepartment,
  screen,
  addUpdate,
  answerQueue,
  screeningQueue,
  onTimeByDepartment,
  type ScreenAction,
} from '../store/answers.ts';
import { proposalPage } from '../views/page.tsx';
import { idOf, loginRedirect } from './http.ts';
import { once } from '../../../platform/http/once.tsx';
import { dateText } from '../views/pieces.tsx';

/** 정책실명제: who answers — department (or the planning office), position, name and extension. */
function signatureOf(
  c: Context<AppEnv>,
  actor: Actor,
  grant: RoleGrant | undefined,
  deptName: string | null,
): { line: string; signature: OfficialSignature } | null {
  if (!grant?.position || !grant.phoneExt) return null;
  const department = deptName ?? c.get('t')('answer.planningOffice');
  return {
    line: [department, grant.position, actor.displayName, `☎ ${grant.phoneExt}`].join(' '),
    signature: { department, position: grant.position, name: actor.displayName, extension: grant.phoneExt },
  };
}

const refusalText = (c: Context<AppEnv>, r: FireResult) => (r.ok ? '' : r.message[c.get('lang')]);

export function registerOfficialRoutes(app: Hono<AppEnv>) {
  const load = async (c: Context<AppEnv>) => {
    const id = idOf(c.req.param('id') ?? '');
    const row = id ? await store.getProposal(c.get('p').db, id) : undefined;
    return id && row
      ? { id, row, ref: { authorId: row.author_id, departmentId: row.department_id, stage: row.stage } }
      : null;
  };

  app.post('/proposals/:id/answers', async (c) => {
    const p = c.get('p'),
      t = c.get('t'),
      actor = c.get('actor'),
      lang = c.get('lang');
    const x = await load(c);
    if (!x) return c.notFound();
    const form = c.get('form');
    const values = { tier: form.tier ?? '', kind: form.kind ?? '', body: form.body ?? '', result: form.result ?? '' };
    const tier = x.row.tiers.find((tr) => tr.tier_key === values.tier) ?? x.row.tiers.find((tr) => !tr.answered_at);
    const answerer = (tier?.answerer ?? 'department') as Answerer;
    if (!actor || !perm.canAnswer(actor, x.ref, answerer)) return forbidden(c);
    const parsed = parseWith(AnswerInput, { ...values, tier: tier?.tier_key ?? values.tier }, t);
    if (!parsed.ok) return proposalPage(c, x.id, { status: 422, answerValues: values, answerErrors: parsed.errors });
    const grant =
      answerer === 'department'
        ? actor.grants.find((g) => g.role === 'official' && g.departmentId === x.row.department_id)
        : actor.grants.find((g) => g.role === 'planning' || g.role === 'admin');
    const sign = signatureOf(
      c,
      actor,
      grant,
      answerer === 'department' ? (lang === 'ko' ? x.row.dept_ko : x.row.dept_en) : null,
    );
    if (!sign) return proposalPage(c, x.id, { status: 422, answerValues: values, error: t('answer.noSignature') });
    return once(c, async (db) => {
      const r = await answer(
        db,
        {
          proposalId: x.id,
          tierKey: parsed.data.tier,
          departmentId: x.row.department_id,
          authorId: actor.id,
          kind: parsed.data.kind,
          body: parsed.data.body,
          responsible: sign.line,
          signature: sign.signature,
          result: parsed.data.result,
        },
        whoOf(actor, actorLabel(actor), x.row.department_id),
      );
      return r.ok
        ? `/proposals/${x.id}?msg=answer-saved`
        : () => proposalPage(c, x.id, { status: 409, answerValues: values, error: refusalText(c, r) });
    });
  });

  app.post('/proposals/:id/department', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor'),
      t = c.get('t');
    const x = await load(c);
    if (!x) return c.notFound();
    if (!actor || !perm.canAssign(actor)) return forbidden(c);
    const dept = idOf(c.get('form').department ?? '');
    const exists = dept ? (await store.departments(p.db)).some((d) => d.id === dept) : false;
    if (!dept || !exists) return proposalPage(c, x.id, { status: 422, error: t('v.invalid') });
    if (dept === x.row.department_id) return c.redirect(`/proposals/${x.id}`, 303);
    const reason = String(cleanText(c.get('form').reason ?? '')).slice(0, 500) || null;
    const r = await assignDepartment(
      p.db,
      x.id,
      dept,
      x.row.department_id,
      whoOf(actor, actorLabel(actor), x.row.department_id),
      reason,
    );
    if (!r.ok) return proposalPage(c, x.id, { status: 422, error: refusalText(c, r as FireResult) });
    await advance(p.db, x.id);
    return c.redirect(`/proposals/${x.id}?msg=assigned`, 303);
  });

  app.post('/proposals/:id/screen', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor'),
      t = c.get('t');
    const x = await load(c);
    if (!x) return c.notFound();
    if (!actor || !perm.canScreen(actor, x.ref)) return forbidden(c);
    const f = c.get('form');
    const reason = String(cleanText(f.reason ?? '')).slice(0, 500);
    const of = idOf(f.of ?? '');
    const url = /^https?:\/\/[^\s<>"]+$/.test(f.url ?? '') ? f.url!.slice(0, 300) : null;
    const action: ScreenAction | null =
      f.action === 'accept' || f.action === 'suitable' || f.action === 'open-support'
        ? { action: f.action }
        : f.action === 'duplicate' && of && of !== x.id
          ? { action: 'duplicate', of }
          : f.action === 'out-of-scope'
            ? { action: 'out-of-scope', reason }
            : f.action === 'reject'
              ? { action: 'reject', reason }
              : f.action === 'minwon' && (f.label ?? '').trim()
                ? { action: 'minwon', label: String(cleanText(f.label)).slice(0, 100), url, reason: reason || null }
                : null;
    if (!action) return proposalPage(c, x.id, { status: 422, error: t('v.invalid') });
    if (action.action === 'duplicate') {
      // The earlier public post on the same board is the one people are sent to support (the later one merges into
      // it): a later, private or other-board post is refused with the reason.
      const target = await store.getProposal(p.db, action.of);
      const fits =
        target &&
        target.component_id === x.row.component_id &&
        PUBLIC_STAGES.includes(target.stage as Stage) &&
        target.stage !== 'merged' &&
        new Date(target.created_at).getTime() < new Date(x.row.created_at).getTime();
      if (!fits) return proposalPage(c, x.id, { status: 422, error: t('screen.duplicateTarget') });
    }
    const r = await screen(p.db, x.id, action, whoOf(actor, actorLabel(actor), x.row.department_id));
    if (!r.ok) return proposalPage(c, x.id, { status: 422, error: refusalText(c, r) });
    await advance(p.db, x.id);
    return c.redirect(
      `/proposals/${x.id}?msg=${action.action === 'suitable' && !x.row.department_id ? 'suitable' : 'screened'}`,
      303,
    );
  });

  // The author may withdraw (철회) while the post is still collecting support or waiting: the transition table
  // decides when, and the record keeps it.
  app.post('/proposals/:id/withdraw', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor');
    const x = await load(c);
    if (!x) return c.notFound();
    if (!actor || actor.id !== x.row.author_id) return forbidden(c);
    const r = await fire(p.db, x.id, { type: 'withdraw' }, whoOf(actor, actorLabel(actor), x.row.department_id));
    if (!r.ok) return proposalPage(c, x.id, { status: 409, error: refusalText(c, r) });
    return c.redirect(`/proposals/${x.id}?msg=withdrawn`, 303);
  });

  app.post('/proposals/:id/updates', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor'),
      t = c.get('t'),
      lang = c.get('lang');
    const x = await load(c);
    if (!x) return c.notFound();
    if (!actor || !perm.canUpdateImplementation(actor, x.ref)) return forbidden(c);
    const f = c.get('form');
    const values = { body: f.body ?? '', progress: f.progress ?? '', completed: f.completed ?? '' };
    const parsed = parseWith(ImplementationInput, values, t);
    if (!parsed.ok) return proposalPage(c, x.id, { status: 422, updateValues: values, updateErrors: parsed.errors });
    const grant = actor.grants.find((g) => g.role === 'official' && g.departmentId === x.row.department_id);
    const responsible = [
      lang === 'ko' ? x.row.dept_ko : x.row.dept_en,
      grant?.position,
      actor.displayName,
      grant?.phoneExt ? `☎ ${grant.phoneExt}` : null,
    ]
      .filter(Boolean)
      .join(' ');
    return once(c, async (db) => {
      const r = await addUpdate(
        db,
        {
          proposalId: x.id,
          authorId: actor.id,
          body: parsed.data.body,
          progress: parsed.data.progress,
          completed: parsed.data.completed,
          responsible,
        },
        whoOf(actor, actorLabel(actor), x.row.department_id),
      );
      return r.ok
        ? `/proposals/${x.id}?msg=update-saved#impl-h`
        : () => proposalPage(c, x.id, { status: 409, updateValues: values, error: refusalText(c, r) });
    });
  });

  app.get('/queue', async (c) => {
    const p = c.get('p'),
      t = c.get('t'),
      lang = c.get('lang'),
      actor = c.get('actor');
    if (!actor) return loginRedirect(c, '/queue');
    const planning = perm.canAssign(actor);
    const depts = actor.grants.filter((g) => g.role === 'official').map((g) => g.departmentId!);
    if (!planning && !depts.length) return forbidden(c);
    const [rows, waiting, onTime, boards] = await Promise.all([
      answerQueue(p.db, planning ? 'all' : depts),
      planning ? screeningQueue(p.db) : Promise.resolve([]),
      planning ? onTimeByDepartment(p.db) : Promise.resolve([]),
      p.db.selectFrom('components').select(['id', 'settings']).where('type', '=', 'proposals').execute(),
    ]);
    const rulesOf = new Map(boards.map((b) => [b.id, boardRules(b.settings).rules]));
    return renderPage(
      c,
      { title: t('proposal.queue.title') },
      <div>
        <h1>{t('proposal.queue.title')}</h1>
        {rows.length ? (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('proposal.title')}</th>
                  <th scope="col">{t('answer.tier')}</th>
                  <th scope="col">{t('proposal.department')}</th>
                  <th scope="col">{t('queue.due')}</th>
                  <th scope="col">{t('queue.state')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const state = deadlineState(r);
                  const tier = findTier(rulesOf.get(r.component_id)!, r.tier_key);
                  return (
                    <tr>
                      <td>
                        <a href={`/proposals/${r.id}`}>{r.title}</a>
                      </td>
                      <td>
                        {tier?.label[lang] ?? r.tier_key} ({ANSWERER_LABELS[r.answerer as Answerer][lang]})
                      </td>
                      <td>{r.name_ko ? (lang === 'ko' ? r.name_ko : r.name_en) : t('proposal.departmentNone')}</td>
                      <td>{r.due_date ?? t('tiers.noDeadline')}</td>
                      <td>{state === 'none' ? '' : t(`deadline.${state}` as 'deadline.pending')}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('proposal.queue.empty')}</p>
        )}
        {planning ? (
          <section aria-labelledby="screen-q-h">
            <h2 id="screen-q-h">{t('screen.queue')}</h2>
            {waiting.length ? (
              <ul>
                {waiting.map((w) => (
                  <li>
                    <a href={`/proposals/${w.id}`}>{w.title}</a> · {dateText(w.created_at, lang)}
                    {w.pii_hold ? ` · ${t('closure.piiHold')}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('screen.queueEmpty')}</p>
            )}
          </section>
        ) : null}
        {planning ? (
          <section aria-labelledby="ontime-h">
            <h2 id="ontime-h">{t('queue.onTime')}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('proposal.department')}</th>
                    <th scope="col">{t('queue.owed')}</th>
                    <th scope="col">{t('queue.onTimeCount')}</th>
                    <th scope="col">{t('queue.late')}</th>
                    <th scope="col">{t('queue.overdue')}</th>
                    <th scope="col">{t('queue.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {onTime.map((d) => {
                    const r = rate(d.on_time, d.on_time + d.late + d.overdue);
                    return (
                      <tr>
                        <th scope="row">{lang === 'ko' ? d.name_ko : d.name_en}</th>
                        <td>{d.owed}</td>
                        <td>{d.on_time}</td>
                        <td>{d.late}</td>
                        <td>{d.overdue}</td>
                        <td>{r.percent === null ? '-' : `${r.percent}%`}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
      </div>,
    );
  });
}

// HTTP handlers of the proposals board: list, write, read, 공감 (support), comments, answers, assignment, queue.
import type { Hono, Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../platform/context.ts';
import { renderPage, hereWith } from '../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../platform/ui/forms.tsx';
import { parseWith } from '../../platform/http/validate.ts';
import { wantsJson } from '../../platform/http/middleware.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { readSettings } from '../../platform/settings.ts';
import { castAct, channelOf, hasActed, tallyOf } from '../../platform/acts.ts';
import { actorLabel, officialGrant } from '../../platform/permissions.ts';
import { proposalBoard, type ProposalBoardSettings } from './manifest.ts';
import { ProposalInput, CommentInput, AnswerInput, guardFields, closesAtFor, publicStatus, decodeCursor, encodeCursor, eligibility, departmentDue, deadlineState, trackerOf, type Action } from './domain.ts';
import { cityCalendar } from '../../platform/holidays.ts';
import { rate, RESULTS, RESULT_LABELS, STAGE_LABELS, type Result } from './workflow/index.ts';
import * as perm from './permissions.ts';
import { follow, unfollow, isFollowing } from '../../platform/notify.ts';
import { registerModeration } from './moderation.tsx';
import { registerStats } from './stats.tsx';
import * as store from './store.ts';
import { ProposalList, ProposalForm, Comments, StatusBadge, dateText } from './views.tsx';

const MAX_ID = 2_147_483_647;
const idOf = (s: string) => { const n = Number(s); return Number.isInteger(n) && n > 0 && n <= MAX_ID ? n : null; };
const loginRedirect = (c: Context<AppEnv>, back: string) => c.redirect(`/login?required=1&back=${encodeURIComponent(back)}`, 303);
const supportTarget = (id: number) => ({ kind: 'support' as const, targetType: store.TARGET, targetId: id });

/** The board's eligibility rule for an action; a refusal names the reason in the reader's language. */
function ineligible(c: Context<AppEnv>, settings: ProposalBoardSettings, action: Action): string | null {
  const actor = c.get('actor');
  if (!actor) return null;
  const r = eligibility(settings, action, actor);
  return r.ok ? null : r.reason[c.get('lang')];
}

async function proposalPage(c: Context<AppEnv>, id: number, o: { status?: number; commentValues?: Record<string, string>; commentErrors?: FieldErrors; answerValues?: Record<string, string>; answerErrors?: FieldErrors; notice?: string; error?: string } = {}) {
  const p = c.get('p'), t = c.get('t'), lang = c.get('lang'), actor = c.get('actor');
  const row = await store.getProposal(p.db, id);
  if (!row) return c.notFound();
  const ref = { authorId: row.author_id, departmentId: row.department_id, status: publicStatus(row.status, row.closes_at) };
  if (!perm.canSee(actor, ref)) return c.notFound();
  const settings = readSettings(proposalBoard, row.settings);
  const [count, answers, comments, supported, depts, following] = await Promise.all([
    tallyOf(p.db, supportTarget(id)), store.answersOf(p.db, id), store.commentsOf(p.db, id),
    actor ? hasActed(p.db, supportTarget(id), actor.personKey) : Promise.resolve(false),
    perm.canAssign(actor) ? store.departments(p.db) : Promise.resolve([]),
    actor ? isFollowing(p.db, actor.id, store.TARGET, id) : Promise.resolve(false),
  ]);
  const dept = row.department_id ? (lang === 'ko' ? row.dept_ko : row.dept_en) : t('proposal.departmentNone');
  const supportRefusal = ineligible(c, settings, 'support');
  const deadline = deadlineState(row);
  const commentRefusal = ineligible(c, settings, 'comment');
  return renderPage(c, { title: row.title, status: o.status, notice: o.notice, error: o.error }, (
    <article>
      <p><a href={`/s/${row.space_slug}/${row.board_slug}`}>{lang === 'ko' ? row.board_ko : row.board_en}</a></p>
      <h1>{row.title}</h1>
      <p class="meta">
        <StatusBadge t={t} status={ref.status} />
        <span>{t('proposal.by')}: {row.author}</span>
        <span>{t('proposal.date')}: {dateText(row.created_at, lang)}</span>
        {row.closes_at ? <span>{t('proposal.closesAt')}: {dateText(row.closes_at, lang)}</span> : null}
        <span>{t('proposal.department')}: {dept}</span>
        {row.answer_due_date ? <span>{t('deadline.due', { date: row.answer_due_date })}</span> : null}
        {row.answer_due_date ? <span class={deadline === 'interim-required' || deadline === 'answered-late' ? 'badge badge-danger' : 'badge'}>{t(`deadline.${deadline}` as 'deadline.pending')}</span> : null}
      </p>
      <ol class="tracker" aria-label={t('proposal.tracker')}>
        {trackerOf(row).map((st) => (
          <li class={`tracker-${st.status}`} aria-current={st.status === 'current' ? 'step' : undefined}>
            <span>{STAGE_LABELS[st.stage][lang]}</span>{st.at ? <span class="tracker-date">{dateText(st.at, lang)}</span> : null}
            <span class="visually-hidden"> ({t(`proposal.tracker.${st.status}`)})</span>
          </li>
        ))}
      </ol>
      <div class="prose">{row.body}</div>
      <div class="support-box">
        <p><span class="visually-hidden">{t('proposal.supportCount')} </span><span class="support-count" id="support-count" data-live-tally={`/proposals/${id}/live`}>{count}</span> {t('proposal.supportCount')}</p>
        {supported ? <p role="status" id="support-status">{t('proposal.youSupported')}</p> : perm.canSupport(actor, ref) && supportRefusal ? <p>{supportRefusal}</p> : perm.canSupport(actor, ref) ? (
          <form method="post" action={`/proposals/${id}/support`} data-enhance="support" data-status="support-status" data-count="support-count">
            <Csrf token={c.get('csrf')} />
            <button type="submit" class="btn btn-primary">{t('proposal.support')}</button>
            <p role="status" id="support-status" class="help"></p>
          </form>
        ) : !actor && ref.status === 'open' ? <p><a href={`/login?back=${encodeURIComponent(`/proposals/${id}`)}`}>{t('proposal.supportLogin')}</a></p> : null}
        {actor ? (
          <form method="post" action={`/proposals/${id}/follow`} class="inline">
            <Csrf token={c.get('csrf')} /><input type="hidden" name="follow" value={following ? '0' : '1'} />
            <button type="submit" class="btn btn-secondary" aria-pressed={following ? 'true' : 'false'}>{following ? t('proposal.unfollow') : t('proposal.follow')}</button>
          </form>
        ) : null}
      </div>
      {perm.canAssign(actor) ? (
        <form method="post" action={`/proposals/${id}/department`} class="toolbar">
          <Csrf token={c.get('csrf')} />
          <div class="form-group">
            <label for="f-department">{t('proposal.assign')}</label>
            <select id="f-department" name="department">
              {depts.map((d) => <option value={String(d.id)} selected={d.id === row.department_id}>{lang === 'ko' ? d.name_ko : d.name_en}</option>)}
            </select>
          </div>
          <button type="submit" class="btn btn-secondary">{t('form.save')}</button>
        </form>
      ) : null}
      <section aria-labelledby="answers-h">
        <h2 id="answers-h">{t('proposal.answers')}</h2>
        {answers.map((a) => (
          <div class="answer">
            <h3>{t(a.kind === 'final' ? 'proposal.answer.final' : 'proposal.answer.interim')} · {lang === 'ko' ? a.name_ko : a.name_en}{a.result ? <> · <span class="badge">{RESULT_LABELS[a.result as Result][lang]}</span></> : null}</h3>
            <p class="meta"><span>{t('proposal.answer.responsible')}: {a.responsible}</span><span>{dateText(a.created_at, lang)}</span></p>
            <div class="prose">{a.body}</div>
          </div>
        ))}
        {perm.canAnswer(actor, ref) ? (
          <form method="post" action={`/proposals/${id}/answers`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h3>{t('proposal.answer.write')}</h3>
            <fieldset>
              <legend>{t('proposal.answer.kind')}</legend>
              {(['interim', 'final'] as const).map((k) => (
                <div class="radio">
                  <input type="radio" name="kind" id={`kind-${k}`} value={k} checked={(o.answerValues?.kind ?? 'final') === k} />
                  <label for={`kind-${k}`}>{t(`proposal.answer.${k}`)}</label>
                </div>
              ))}
            </fieldset>
            <div class={o.answerErrors?.result ? 'form-group has-error' : 'form-group'}>
              <label for="f-result">{t('proposal.result')}</label>
              <p class="help" id="f-result-help">{t('proposal.resultHelp')}</p>
              <select id="f-result" name="result" aria-describedby={o.answerErrors?.result ? 'f-result-help f-result-error' : 'f-result-help'}>
                <option value="">—</option>
                {RESULTS.map((r) => <option value={r} selected={o.answerValues?.result === r}>{RESULT_LABELS[r][lang]}</option>)}
              </select>
              {o.answerErrors?.result ? <p class="error-text" id="f-result-error">{t('proposal.resultRequired')}</p> : null}
            </div>
            <Field name="body" label={t('proposal.answer.body')} value={o.answerValues?.body} errors={o.answerErrors} required multiline />
            <button type="submit" class="btn btn-primary">{t('form.submit')}</button>
          </form>
        ) : null}
      </section>
      {settings.commentsEnabled ? (
        <Comments c={c} proposalId={id} comments={comments} canWrite={perm.canComment(actor, ref) && !commentRefusal} stanceEnabled={settings.stanceEnabled}
          canHide={perm.canModerate(actor)} canReport={!!actor} values={o.commentValues ?? {}} errors={o.commentErrors ?? {}} />
      ) : null}
      {settings.commentsEnabled && commentRefusal && perm.canComment(actor, ref) ? <p class="alert alert-warning">{commentRefusal}</p> : null}
    </article>
  ));
}

function refusedPage(c: Context<AppEnv>, reason: string) {
  const t = c.get('t');
  return renderPage(c, { title: t('error.forbidden.title'), status: 403, error: reason }, <p><a href="/">{t('nav.home')}</a></p>);
}

export function registerProposals(app: Hono<AppEnv>) {
  registerModeration(app);
  registerStats(app);
  app.get('/', async (c) => {
    const p = c.get('p'), t = c.get('t'), lang = c.get('lang');
    const [boards, latest] = await Promise.all([store.listBoards(p.db), store.listProposals(p.db, { limit: 5 })]);
    return renderPage(c, { title: t('home.title') }, (
      <div>
        <h1>{t('home.title')}</h1>
        <p>{t('site.tagline')}</p>
        <h2>{t('home.boards')}</h2>
        <ul class="button-list">{boards.map((b) => <li><a class="btn btn-secondary" href={`/s/${b.space_slug}/${b.slug}`}>{lang === 'ko' ? `${b.space_ko} · ${b.title_ko}` : `${b.space_en} · ${b.title_en}`}</a></li>)}</ul>
        <p><a href="/stats">{t('nav.stats')}</a></p>
        <h2>{t('home.latest')}</h2>
        <ProposalList c={c} items={latest.rows} />
      </div>
    ));
  });

  app.get('/s/:space/:board', async (c) => {
    const p = c.get('p'), t = c.get('t'), lang = c.get('lang');
    const board = await store.boardOf(p.db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    const settings = readSettings(proposalBoard, board.settings);
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const statusQ = c.req.query('status');
    const status = statusQ === 'open' || statusQ === 'answered' || statusQ === 'closed' ? statusQ : undefined;
    const departmentId = idOf(c.req.query('department') ?? '') ?? undefined;
    const after = decodeCursor(c.req.query('after'));
    const [list, total, depts] = await Promise.all([
      store.listProposals(p.db, { componentId: board.id, q: q || undefined, status, departmentId, after, limit: settings.pageSize, viewerId: c.get('actor')?.id }),
      store.countProposals(p.db, board.id),
      store.departments(p.db),
    ]);
    const last = list.rows.at(-1);
    const base = `/s/${board.space_slug}/${board.slug}`;
    const filterQs = [q ? `q=${encodeURIComponent(q)}` : '', status ? `status=${status}` : '', departmentId ? `department=${departmentId}` : ''].filter(Boolean).join('&');
    const title = lang === 'ko' ? board.title_ko : board.title_en;
    return renderPage(c, { title: [title, q, status ? t(`proposal.status.${status}`) : '', after ? t('pagination.next') : ''].filter(Boolean).join(' · ') }, (
      <div>
        <h1>{title}</h1>
        <div class="toolbar">
          <form method="get" action={base} class="search-form" role="search">
            <div class="form-group"><label for="f-q">{t('proposal.search')}</label><input type="search" id="f-q" name="q" value={q} maxlength={100} /></div>
            <div class="form-group"><label for="f-status">{t('proposal.filter.status')}</label>
              <select id="f-status" name="status">
                <option value="">{t('proposal.filter.all')}</option>
                {(['open', 'answered', 'closed'] as const).map((s) => <option value={s} selected={status === s}>{t(`proposal.status.${s}`)}</option>)}
              </select></div>
            <div class="form-group"><label for="f-department">{t('proposal.department')}</label>
              <select id="f-department" name="department">
                <option value="">{t('proposal.filter.all')}</option>
                {depts.map((d) => <option value={String(d.id)} selected={departmentId === d.id}>{lang === 'ko' ? d.name_ko : d.name_en}</option>)}
              </select></div>
            <button type="submit" class="btn btn-secondary">{t('proposal.searchSubmit')}</button>
          </form>
          <a class="btn btn-primary" href={`${base}/new`}>{t('proposal.new')}</a>
        </div>
        <p>{t('proposal.list.count', { count: total })}</p>
        <ProposalList c={c} items={list.rows} />
        <nav class="pagination" aria-label={t('pagination.label')}>
          <ul>
            {after ? <li><a href={`${base}${filterQs ? `?${filterQs}` : ''}`}>{t('pagination.prev')}</a></li> : null}
            {list.more && last ? <li><a href={`${base}?${filterQs ? `${filterQs}&` : ''}after=${encodeCursor({ createdAt: new Date(last.created_at).toISOString(), id: last.id })}`}>{t('pagination.next')}</a></li> : null}
          </ul>
        </nav>
      </div>
    ));
  });

  const formPage = async (c: Context<AppEnv>, board: NonNullable<Awaited<ReturnType<typeof store.boardOf>>>, o: { values?: Record<string, string>; errors?: FieldErrors; similar?: { id: number; title: string }[]; pii?: string | null; status?: number }) => {
    const t = c.get('t');
    return renderPage(c, { title: `${t('proposal.new')} - ${c.get('lang') === 'ko' ? board.title_ko : board.title_en}`, status: o.status }, (
      <div>
        <h1>{t('proposal.new')}</h1>
        <ProposalForm c={c} action={`/s/${board.space_slug}/${board.slug}`} values={o.values ?? {}} errors={o.errors ?? {}} similar={o.similar ?? []} piiMessage={o.pii ?? null} />
      </div>
    ));
  };

  app.get('/s/:space/:board/new', async (c) => {
    const board = await store.boardOf(c.get('p').db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    if (!perm.canWrite(c.get('actor'))) return loginRedirect(c, hereWith(c));
    const refusal = ineligible(c, readSettings(proposalBoard, board.settings), 'write');
    return refusal ? refusedPage(c, refusal) : formPage(c, board, {});
  });

  app.post('/s/:space/:board', async (c) => {
    const p = c.get('p'), t = c.get('t'), actor = c.get('actor');
    const board = await store.boardOf(p.db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    if (!actor || !perm.canWrite(actor)) return loginRedirect(c, `/s/${board.space_slug}/${board.slug}/new`);
    const form = c.get('form');
    const values = { title: form.title ?? '', body: form.body ?? '' };
    const parsed = parseWith(ProposalInput, values, t);
    if (!parsed.ok) return formPage(c, board, { values, errors: parsed.errors, status: 422 });
    const settings = readSettings(proposalBoard, board.settings);
    const refusal = ineligible(c, settings, 'write');
    if (refusal) return refusedPage(c, refusal);
    const verdict = guardFields({ title: parsed.data.title, body: parsed.data.body }, settings.piiAction);
    if (verdict.decision === 'block') return formPage(c, board, { values, pii: verdict.message![c.get('lang')], status: 422 });
    // Before the first save, show similar proposals once so the citizen can support one instead.
    if (form.checkedSimilar !== '1') {
      const similar = await store.similarProposals(p.db, board.id, parsed.data.title);
      if (similar.length) return formPage(c, board, { values, similar });
    }
    const created = await store.createProposal(p.db, {
      componentId: board.id, authorId: actor.id, title: verdict.fields.title, body: verdict.fields.body,
      status: verdict.decision === 'hold' ? 'held' : 'open', closesAt: closesAtFor(settings),
    });
    return c.redirect(`/proposals/${created.id}?msg=created`, 303);
  });

  app.get('/proposals/:id', async (c) => {
    const id = idOf(c.req.param('id'));
    return id ? proposalPage(c, id) : c.notFound();
  });

  app.post('/proposals/:id/support', async (c) => {
    const p = c.get('p'), t = c.get('t'), actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.proposalRef(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    if (!actor) return wantsJson(c) ? c.json({ error: 'login', message: t('proposal.supportLogin') }, 401) : loginRedirect(c, `/proposals/${id}`);
    const ref = { authorId: row.author_id, departmentId: row.department_id, status: publicStatus(row.status, row.closes_at) };
    if (!perm.canSupport(actor, ref)) return forbidden(c);
    const settings = readSettings(proposalBoard, row.settings);
    const refusal = ineligible(c, settings, 'support');
    if (refusal) return wantsJson(c) ? c.json({ status: 'ineligible', message: refusal }, 403) : refusedPage(c, refusal);
    const r = await castAct(p.db, { ...supportTarget(id), personKey: actor.personKey }, p.bus);
    if (r.status === 'counted' && !row.tier_reached_at && r.count >= settings.answerThreshold) {
      await store.reachTier(p.db, id, r.count, departmentDue(settings, new Date(), await cityCalendar(p.db)));
    }
    const message = t(r.status === 'counted' ? 'proposal.supported' : 'proposal.alreadySupported');
    if (wantsJson(c)) return c.json({ status: r.status, count: r.count, message });
    return c.redirect(`/proposals/${id}?msg=${r.status === 'counted' ? 'supported' : 'already-supported'}`, 303);
  });

  app.post('/proposals/:id/follow', async (c) => {
    const p = c.get('p'), actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.proposalRef(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    if (!actor) return loginRedirect(c, `/proposals/${id}`);
    if (!perm.canSee(actor, { authorId: row.author_id, departmentId: row.department_id, status: row.status })) return c.notFound();
    const on = c.get('form').follow !== '0';
    await (on ? follow : unfollow)(p.db, actor.id, store.TARGET, id);
    return c.redirect(`/proposals/${id}?msg=${on ? 'followed' : 'unfollowed'}`, 303);
  });

  app.get('/proposals/:id/live', async (c) => {
    const id = idOf(c.req.param('id'));
    if (!id) return c.notFound();
    const p = c.get('p');
    return streamSSE(c, async (stream) => {
      let closed = false;
      const unsubscribe = await p.bus.subscribe(channelOf(supportTarget(id)), (m) => { void stream.writeSSE({ event: 'tally', data: JSON.stringify(m) }); });
      stream.onAbort(() => { closed = true; });
      await stream.writeSSE({ event: 'tally', data: JSON.stringify({ count: await tallyOf(p.db, supportTarget(id)) }) });
      // Keep the stream open for a while; the browser reconnects by itself.
      for (let i = 0; i < 60 && !closed; i++) await stream.sleep(5000);
      await unsubscribe();
    });
  });

  app.post('/proposals/:id/comments', async (c) => {
    const p = c.get('p'), t = c.get('t'), actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.getProposal(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    if (!actor) return loginRedirect(c, `/proposals/${id}`);
    const ref = { authorId: row.author_id, departmentId: row.department_id, status: publicStatus(row.status, row.closes_at) };
    const settings = readSettings(proposalBoard, row.settings);
    if (!settings.commentsEnabled || !perm.canComment(actor, ref)) return forbidden(c);
    const refusal = ineligible(c, settings, 'comment');
    if (refusal) return refusedPage(c, refusal);
    const form = c.get('form');
    const values = { body: form.body ?? '', stance: form.stance ?? '' };
    const parsed = parseWith(CommentInput, { ...values, stance: settings.stanceEnabled ? values.stance : '', parent: form.parent }, t);
    if (!parsed.ok) return proposalPage(c, id, { status: 422, commentValues: values, commentErrors: parsed.errors });
    const verdict = guardFields({ body: parsed.data.body }, settings.piiAction === 'hold' ? 'block' : settings.piiAction);
    if (verdict.decision === 'block') return proposalPage(c, id, { status: 422, commentValues: values, commentErrors: { body: [verdict.message![c.get('lang')]] } });
    await store.addComment(p.db, { proposalId: id, authorId: actor.id, body: verdict.fields.body, stance: parsed.data.stance, parentId: parsed.data.parent });
    return c.redirect(`/proposals/${id}?msg=comment-saved#comments-h`, 303);
  });

  app.post('/proposals/:id/answers', async (c) => {
    const p = c.get('p'), t = c.get('t'), actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.getProposal(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    const ref = { authorId: row.author_id, departmentId: row.department_id, status: row.status };
    if (!actor || !perm.canAnswer(actor, ref)) return forbidden(c);
    const form = c.get('form');
    const values = { kind: form.kind ?? '', body: form.body ?? '', result: form.result ?? '' };
    const parsed = parseWith(AnswerInput, values, t);
    if (!parsed.ok) return proposalPage(c, id, { status: 422, answerValues: values, answerErrors: parsed.errors });
    const grant = officialGrant(actor, row.department_id!)!;
    // 정책실명제: the answer names its department, position, person and extension.
    const responsible = [c.get('lang') === 'ko' ? row.dept_ko : row.dept_en, grant.position, actor.displayName, grant.phoneExt ? `☎ ${grant.phoneExt}` : null].filter(Boolean).join(' ');
    await store.addAnswer(p.db, { proposalId: id, departmentId: row.department_id!, authorId: actor.id, kind: parsed.data.kind, body: parsed.data.body, responsible, result: parsed.data.result }, { id: actor.id, label: actorLabel(actor) });
    return c.redirect(`/proposals/${id}?msg=answer-saved`, 303);
  });

  app.post('/proposals/:id/department', async (c) => {
    const p = c.get('p'), actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.getProposal(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    if (!actor || !perm.canAssign(actor)) return forbidden(c);
    const dept = idOf(c.get('form').department ?? '');
    const exists = dept ? (await store.departments(p.db)).some((d) => d.id === dept) : false;
    if (!dept || !exists) return proposalPage(c, id, { status: 422, error: c.get('t')('v.invalid') });
    await store.assignDepartment(p.db, id, dept, row.department_id, { id: actor.id, label: actorLabel(actor) }, c.get('form').reason?.slice(0, 500) || null);
    return c.redirect(`/proposals/${id}?msg=assigned`, 303);
  });

  app.get('/queue', async (c) => {
    const p = c.get('p'), t = c.get('t'), lang = c.get('lang'), actor = c.get('actor');
    if (!actor) return loginRedirect(c, '/queue');
    const planning = perm.canAssign(actor);
    const depts = planning ? (await store.departments(p.db)).map((d) => d.id) : actor.grants.filter((g) => g.role === 'official').map((g) => g.departmentId!);
    if (!depts.length) return forbidden(c);
    const [rows, onTime] = await Promise.all([store.departmentQueue(p.db, depts), planning ? store.onTimeByDepartment(p.db) : Promise.resolve([])]);
    return renderPage(c, { title: t('proposal.queue.title') }, (
      <div>
        <h1>{t('proposal.queue.title')}</h1>
        {rows.length ? (
          <div class="table-wrap"><table>
            <thead><tr><th scope="col">{t('proposal.title')}</th><th scope="col">{t('proposal.department')}</th><th scope="col">{t('queue.due')}</th><th scope="col">{t('queue.state')}</th><th scope="col">{t('proposal.date')}</th></tr></thead>
            <tbody>{rows.map((r) => {
              const state = deadlineState(r);
              return <tr><td><a href={`/proposals/${r.id}`}>{r.title}</a></td><td>{lang === 'ko' ? r.name_ko : r.name_en}</td>
                <td>{r.answer_due_date ?? t('queue.noDeadline')}</td><td>{state === 'none' ? '' : t(`deadline.${state}` as 'deadline.pending')}</td><td>{dateText(r.created_at, lang)}</td></tr>;
            })}</tbody>
          </table></div>
        ) : <p>{t('proposal.queue.empty')}</p>}
        {planning ? (
          <section aria-labelledby="ontime-h">
            <h2 id="ontime-h">{t('queue.onTime')}</h2>
            <div class="table-wrap"><table>
              <thead><tr><th scope="col">{t('proposal.department')}</th><th scope="col">{t('queue.owed')}</th><th scope="col">{t('queue.onTimeCount')}</th><th scope="col">{t('queue.late')}</th><th scope="col">{t('queue.overdue')}</th><th scope="col">{t('queue.rate')}</th></tr></thead>
              <tbody>{onTime.map((d) => {
                const answered = d.on_time + d.late;
                const r = rate(d.on_time, answered + d.overdue);
                return <tr><th scope="row">{lang === 'ko' ? d.name_ko : d.name_en}</th><td>{d.owed}</td><td>{d.on_time}</td><td>{d.late}</td><td>{d.overdue}</td><td>{r.percent === null ? '-' : `${r.percent}%`}</td></tr>;
              })}</tbody>
            </table></div>
          </section>
        ) : null}
      </div>
    ));
  });
}

export const proposalsModule = { name: 'proposals', register: registerProposals };

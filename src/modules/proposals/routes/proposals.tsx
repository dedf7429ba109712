// HTTP handlers of the proposal boards for citizens: home, list (filters, sorts, search, keyset pages), write,
// read, 공감/동의 (support), follow, live counter, comments and their edit window. Officials' routes: official.tsx.
import type { Hono, Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage, hereWith } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { parseWith } from '../../../platform/http/validate.ts';
import { wantsJson } from '../../../platform/http/middleware.tsx';
import { afterCommit } from '../../../platform/http/unavailable.tsx';
import { forbidden } from '../../../platform/http/app.tsx';
import { castAct, channelOf, tallyOf } from '../../../platform/acts.ts';
import { follow, unfollow } from '../../../platform/notify.ts';
import { actorLabel } from '../../../platform/permissions.ts';
import { ProposalInput, CommentInput, guardFields, decodeCursor, encodeCursor } from '../domain/proposal.ts';
import { boardRules, advance, nextSupportThreshold } from '../store/lifecycle.ts';
import { wordsFor } from '../domain/wording.ts';
import { listOf } from '../domain/rules.ts';
import { supportMayReach } from '../domain/index.ts';
import * as perm from '../permissions.ts';
import { registerModeration } from './moderation.tsx';
import { registerStats } from './stats.tsx';
import { registerOfficialRoutes } from './official.tsx';
import { proposalPage, ineligible } from '../views/page.tsx';
import * as store from '../store/proposals.ts';
import { addComment, editComment, withinEditWindow } from '../store/comments.ts';
import { ProposalList, ProposalForm, Choice } from '../views/pieces.tsx';
import { idOf, loginRedirect } from './http.ts';
import { once } from '../../../platform/http/once.tsx';
import { requireActor } from '../../../platform/http/guards.tsx';

const supportTarget = (id: number) => ({ kind: 'support' as const, targetType: store.TARGET, targetId: id });
const STATUSES = ['collecting', 'answering', 'answered', 'closed'] as const;

export function refusedPage(c: Context<AppEnv>, reason: string, status = 403) {
  const t = c.get('t');
  return renderPage(
    c,
    { title: t('error.forbidden.title'), status, error: reason },
    <p>
      <a href="/">{t('nav.home')}</a>
    </p>,
  );
}

type Board = NonNullable<Awaited<ReturnType<typeof store.boardOf>>>;

/** Titles shorter than this find too much to help (two Hangul syllables match half a board). */
const SIMILAR_MIN_CHARS = 4;

/** The boards, the statistics link and the latest proposals: this module's part of the home page. */
export async function proposalsHome(c: Context<AppEnv>) {
  const p = c.get('p'),
    t = c.get('t'),
    lang = c.get('lang');
  const [boards, latest] = await Promise.all([store.listBoards(p.db), store.listProposals(p.db, { limit: 5 })]);
  return (
    <>
      <h2>{t('home.boards')}</h2>
      <ul class="button-list">
        {boards.map((b) => (
          <li>
            <a class="btn btn-secondary" href={`/s/${b.space_slug}/${b.slug}`}>
              {lang === 'ko' ? `${b.space_ko} · ${b.title_ko}` : `${b.space_en} · ${b.title_en}`}
            </a>
          </li>
        ))}
      </ul>
      <p>
        <a href="/stats">{t('nav.stats')}</a>
      </p>
      <h2>{t('home.latest')}</h2>
      <ProposalList c={c} items={latest.rows} />
    </>
  );
}

export function registerProposals(app: Hono<AppEnv>) {
  registerModeration(app);
  registerStats(app);
  registerOfficialRoutes(app);
  app.get('/s/:space/:board', async (c) => {
    const p = c.get('p'),
      lang = c.get('lang');
    const board = await store.boardOf(p.db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    const { flat, rules } = boardRules(board.settings);
    const t = wordsFor(c.get('t'), rules.kind);
    const topics = listOf(flat.topics),
      areas = listOf(flat.areas);
    const q = (c.req.query('q') ?? '').trim().slice(0, 100);
    const status = STATUSES.find((s) => s === c.req.query('status'));
    const sort = store.SORTS.find((s) => s === c.req.query('sort')) ?? 'newest';
    const topic = topics.find((x) => x === c.req.query('topic'));
    const area = areas.find((x) => x === c.req.query('area'));
    const departmentId = idOf(c.req.query('department') ?? '') ?? undefined;
    const after = decodeCursor(c.req.query('after'), sort === 'supported');
    const query = {
      componentId: board.id,
      q: q || undefined,
      status,
      departmentId,
      topic,
      area,
      sort,
      viewerId: c.get('actor')?.id,
    };
    // A search or filter shows how many match; the plain board its total (the cheaper count, on every visit).
    const narrowed = store.narrows(query);
    const [list, total, depts] = await Promise.all([
      store.listProposals(p.db, { ...query, after, limit: flat.pageSize }),
      narrowed ? store.countMatching(p.db, query) : store.countProposals(p.db, board.id),
      store.departments(p.db),
    ]);
    const base = `/s/${board.space_slug}/${board.slug}`;
    const params = new URLSearchParams(
      Object.entries({
        q,
        status,
        department: departmentId ? String(departmentId) : '',
        topic,
        area,
        sort: sort === 'newest' ? '' : sort,
      }).filter((e): e is [string, string] => !!e[1]),
    );
    const filterQs = params.toString();
    const title = lang === 'ko' ? board.title_ko : board.title_en;
    return renderPage(
      c,
      {
        title: [
          title,
          q,
          status ? t(`list.status.${status}`) : '',
          topic ?? '',
          area ?? '',
          sort !== 'newest' ? t(`list.sort.${sort}`) : '',
          after ? t('pagination.next') : '',
        ]
          .filter(Boolean)
          .join(' · '),
      },
      <div>
        <h1>{title}</h1>
        <div class="toolbar">
          <form method="get" action={base} class="search-form" role="search">
            <div class="form-group">
              <label for="f-q">{t('proposal.search')}</label>
              <input type="search" id="f-q" name="q" value={q} maxlength={100} />
            </div>
            <div class="form-group">
              <label for="f-status">{t('proposal.filter.status')}</label>
              <select id="f-status" name="status">
                <option value="">{t('proposal.filter.all')}</option>
                {STATUSES.map((s) => (
                  <option value={s} selected={status === s}>
                    {t(`list.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div class="form-group">
              <label for="f-department">{t('proposal.department')}</label>
              <select id="f-department" name="department">
                <option value="">{t('proposal.filter.all')}</option>
                {depts.map((d) => (
                  <option value={String(d.id)} selected={departmentId === d.id}>
                    {lang === 'ko' ? d.name_ko : d.name_en}
                  </option>
                ))}
              </select>
            </div>
            <Choice
              name="topic"
              label={t('list.topic')}
              options={topics}
              value={topic}
              all={t('proposal.filter.all')}
            />
            <Choice name="area" label={t('list.area')} options={areas} value={area} all={t('proposal.filter.all')} />
            <div class="form-group">
              <label for="f-sort">{t('list.sort')}</label>
              <select id="f-sort" name="sort">
                {store.SORTS.map((s) => (
                  <option value={s} selected={sort === s}>
                    {t(`list.sort.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" class="btn btn-secondary">
              {t('proposal.searchSubmit')}
            </button>
          </form>
          <a class="btn btn-primary" href={`${base}/new`}>
            {t('proposal.new')}
          </a>
        </div>
        <p>{t(narrowed ? 'proposal.list.matching' : 'proposal.list.count', { count: total })}</p>
        <ProposalList c={c} items={list.rows} kind={rules.kind} />
        <nav class="pagination" aria-label={t('pagination.label')}>
          <ul>
            {/* Keyset pages have no cursor back (it would need the reversed order per sort): say where the link goes. */}
            {after ? (
              <li>
                <a href={`${base}${filterQs ? `?${filterQs}` : ''}`}>{t('pagination.first')}</a>
              </li>
            ) : null}
            {list.next ? (
              <li>
                <a href={`${base}?${filterQs ? `${filterQs}&` : ''}after=${encodeCursor(list.next)}`}>
                  {t('pagination.next')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      </div>,
    );
  });

  const formPage = async (
    c: Context<AppEnv>,
    board: Board,
    o: {
      values?: Record<string, string>;
      errors?: FieldErrors;
      similar?: { id: number; title: string }[];
      pii?: string | null;
      status?: number;
    },
  ) => {
    const t = c.get('t');
    const { flat } = boardRules(board.settings);
    return renderPage(
      c,
      { title: `${t('proposal.new')} - ${c.get('lang') === 'ko' ? board.title_ko : board.title_en}`, status: o.status },
      <div>
        <h1>{t('proposal.new')}</h1>
        <ProposalForm
          c={c}
          action={`/s/${board.space_slug}/${board.slug}`}
          values={o.values ?? {}}
          errors={o.errors ?? {}}
          similar={o.similar ?? []}
          piiMessage={o.pii ?? null}
          topics={listOf(flat.topics)}
          areas={listOf(flat.areas)}
        />
      </div>,
    );
  };

  app.get('/s/:space/:board/new', async (c) => {
    const board = await store.boardOf(c.get('p').db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    if (!perm.canWrite(c.get('actor'))) return loginRedirect(c, hereWith(c));
    const refusal = ineligible(c, boardRules(board.settings).flat, 'write');
    return refusal ? refusedPage(c, refusal) : formPage(c, board, {});
  });

  // Similar titles while the citizen types (the form's script asks; without JavaScript the same list comes after the
  // first 등록). Public posts only, which anyone may read anyway.
  app.get('/s/:space/:board/similar', async (c) => {
    const p = c.get('p'),
      t = c.get('t');
    const board = await store.boardOf(p.db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    const title = (c.req.query('title') ?? '').trim().slice(0, 120);
    const items = title.length >= SIMILAR_MIN_CHARS ? await store.similarProposals(p.db, board.id, title) : [];
    return c.json({
      message: t('proposal.similar'),
      items: items.map((s) => ({ title: s.title, url: `/proposals/${s.id}` })),
    });
  });

  app.post('/s/:space/:board', async (c) => {
    const p = c.get('p'),
      t = c.get('t'),
      actor = c.get('actor');
    const board = await store.boardOf(p.db, c.req.param('space'), c.req.param('board'));
    if (!board) return c.notFound();
    if (!actor || !perm.canWrite(actor)) return loginRedirect(c, `/s/${board.space_slug}/${board.slug}/new`);
    const form = c.get('form');
    const { flat, rules } = boardRules(board.settings);
    const values = { title: form.title ?? '', body: form.body ?? '', topic: form.topic ?? '', area: form.area ?? '' };
    const parsed = parseWith(ProposalInput, values, t);
    if (!parsed.ok) return formPage(c, board, { values, errors: parsed.errors, status: 422 });
    const refusal = ineligible(c, flat, 'write');
    if (refusal) return refusedPage(c, refusal);
    const verdict = guardFields({ title: parsed.data.title, body: parsed.data.body }, rules);
    if (verdict.decision === 'block')
      return formPage(c, board, { values, pii: verdict.message![c.get('lang')], status: 422 });
    // Before the first save, show similar proposals once so the citizen can support one instead.
    if (form.checkedSimilar !== '1') {
      const similar = await store.similarProposals(p.db, board.id, parsed.data.title);
      if (similar.length) return formPage(c, board, { values, similar });
    }
    // A topic or area outside the board's lists is dropped rather than refused: the lists may have changed.
    const topic = listOf(flat.topics).includes(parsed.data.topic ?? '') ? parsed.data.topic : null;
    const area = listOf(flat.areas).includes(parsed.data.area ?? '') ? parsed.data.area : null;
    return once(c, async (db) => {
      const created = await store.createProposal(db, {
        componentId: board.id,
        author: actor,
        title: verdict.fields.title,
        body: verdict.fields.body,
        piiHold: verdict.decision === 'hold',
        topic,
        area,
        kind: rules.kind,
      });
      await advance(db, created.id);
      return `/proposals/${created.id}?msg=created`;
    });
  });

  app.get('/proposals/:id', async (c) => {
    const id = idOf(c.req.param('id'));
    return id ? proposalPage(c, id) : c.notFound();
  });

  app.post('/proposals/:id/support', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.proposalRef(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    const { flat, rules } = boardRules(row.settings);
    const t = wordsFor(c.get('t'), rules.kind);
    if (!actor)
      return wantsJson(c)
        ? c.json({ error: 'login', message: t('proposal.supportLogin') }, 401)
        : loginRedirect(c, `/proposals/${id}`);
    const ref = { authorId: row.author_id, departmentId: row.department_id, stage: row.stage };
    if (!perm.canSupport(actor, ref)) return forbidden(c);
    if (!row.closes_at || new Date(row.closes_at).getTime() <= Date.now()) {
      return wantsJson(c)
        ? c.json({ status: 'closed', message: t('support.windowClosed') }, 409)
        : refusedPage(c, t('support.windowClosed'), 409);
    }
    const refusal = ineligible(c, flat, 'support');
    if (refusal)
      return wantsJson(c) ? c.json({ status: 'ineligible', message: refusal }, 403) : refusedPage(c, refusal);
    const r = await castAct(p.db, { ...supportTarget(id), personKey: actor.personKey }, p.bus);
    if (r.status === 'counted')
      await afterCommit(p.log, 'support.advance', async () => {
        await store.refreshSupportsCount(p.db, id, r.count);
        // Only a count at or just below the next tier (or the pre-agreement gate) goes through the lifecycle: just
        // below, because the returned count may miss acts committed beside it (domain/tiers.ts NEAR_THRESHOLD).
        if (supportMayReach(r.count, nextSupportThreshold(rules, row.stage, row.reached_tiers)))
          await advance(p.db, id);
      });
    const message = t(r.status === 'counted' ? 'proposal.supported' : 'proposal.alreadySupported');
    if (wantsJson(c)) return c.json({ status: r.status, count: r.count, message });
    return c.redirect(`/proposals/${id}?msg=${r.status === 'counted' ? 'supported' : 'already-supported'}`, 303);
  });

  app.post('/proposals/:id/follow', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.proposalRef(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    if (!actor) return loginRedirect(c, `/proposals/${id}`);
    if (!perm.canSee(actor, { authorId: row.author_id, departmentId: row.department_id, stage: row.stage }))
      return c.notFound();
    const on = c.get('form').follow !== '0';
    await (on ? follow : unfollow)(p.db, actor.id, store.TARGET, id);
    return c.redirect(`/proposals/${id}?msg=${on ? 'followed' : 'unfollowed'}`, 303);
  });

  app.get('/proposals/:id/live', async (c) => {
    const p = c.get('p');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.proposalRef(p.db, id) : undefined;
    // Only what anyone may see: a draft's, a withdrawn or a screened-out post's count is nobody's business. The
    // anonymous rule suffices, since supports only move in public stages (PARTICIPATION_STAGES ⊂ PUBLIC_STAGES).
    if (
      !id ||
      !row ||
      !perm.canSee(null, { authorId: row.author_id, departmentId: row.department_id, stage: row.stage })
    )
      return c.notFound();
    return streamSSE(c, async (stream) => {
      let closed = false;
      const unsubscribe = await p.bus.subscribe(channelOf(supportTarget(id)), (m) => {
        void stream.writeSSE({ event: 'tally', data: JSON.stringify(m) });
      });
      stream.onAbort(() => {
        closed = true;
      });
      await stream.writeSSE({
        event: 'tally',
        data: JSON.stringify({ count: await tallyOf(p.db, supportTarget(id)) }),
      });
      // Keep the stream open for a while; the browser reconnects by itself.
      for (let i = 0; i < 60 && !closed; i++) await stream.sleep(5000);
      await unsubscribe();
    });
  });

  app.post('/proposals/:id/comments', async (c) => {
    const p = c.get('p'),
      t = c.get('t'),
      actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const row = id ? await store.proposalRef(p.db, id) : undefined;
    if (!id || !row) return c.notFound();
    if (!actor) return loginRedirect(c, `/proposals/${id}`);
    const ref = { authorId: row.author_id, departmentId: row.department_id, stage: row.stage };
    const { flat, rules } = boardRules(row.settings);
    if (!flat.commentsEnabled || !perm.canComment(actor, ref)) return forbidden(c);
    const refusal = ineligible(c, flat, 'comment');
    if (refusal) return refusedPage(c, refusal);
    const form = c.get('form');
    const values = { body: form.body ?? '', stance: form.stance ?? '' };
    const parsed = parseWith(
      CommentInput,
      { ...values, stance: flat.stanceEnabled ? values.stance : '', parent: form.parent },
      t,
    );
    if (!parsed.ok) return proposalPage(c, id, { status: 422, commentValues: values, commentErrors: parsed.errors });
    const verdict = guardFields(
      { body: parsed.data.body },
      rules,
      rules.pii.action === 'hold' ? 'block' : rules.pii.action,
    );
    if (verdict.decision === 'block')
      return proposalPage(c, id, {
        status: 422,
        commentValues: values,
        commentErrors: { body: [verdict.message![c.get('lang')]] },
      });
    return once(c, async (db) => {
      await addComment(db, {
        proposalId: id,
        authorId: actor.id,
        body: verdict.fields.body,
        stance: parsed.data.stance,
        parentId: parsed.data.parent,
      });
      // Boards that count comments (수원 '시민이 묻습니다': 200) reach their tiers here.
      if (rules.countToward === 'comments' || rules.tiers.some((x) => x.counts === 'comments')) await advance(db, id);
      return `/proposals/${id}?msg=comment-saved#comments-h`;
    });
  });

  const editPage = (
    c: Context<AppEnv>,
    cm: { id: number; body: string; proposalId: number; minutes: number },
    o: { errors?: FieldErrors; status?: number; error?: string } = {},
  ) => {
    const t = c.get('t');
    return renderPage(
      c,
      { title: t('comment.editTitle'), status: o.status, error: o.error },
      <div>
        <h1>{t('comment.editTitle')}</h1>
        <p class="help">{t('comment.editWindow', { minutes: cm.minutes })}</p>
        <form method="post" action={`/comments/${cm.id}/edit`} novalidate>
          <Csrf token={c.get('csrf')} />
          <Field
            name="body"
            label={t('comment.body')}
            value={cm.body}
            errors={o.errors}
            required
            multiline
            rows={4}
            maxLength={2000}
          />
          <button type="submit" class="btn btn-primary">
            {t('form.save')}
          </button>
        </form>
        <p>
          <a href={`/proposals/${cm.proposalId}#comment-${cm.id}`}>{t('comment.backTo')}</a>
        </p>
      </div>,
    );
  };
  const ownComment = async (c: Context<AppEnv>) => {
    const id = idOf(c.req.param('id') ?? '');
    const actor = c.get('actor');
    if (!id) return null;
    const row = await c
      .get('p')
      .db.selectFrom('comments')
      .innerJoin('proposals', 'proposals.id', 'comments.target_id')
      .innerJoin('components', 'components.id', 'proposals.component_id')
      .select([
        'comments.id',
        'comments.body',
        'comments.author_id',
        'comments.created_at',
        'comments.hidden',
        'comments.target_id',
        'components.settings',
      ])
      .where('comments.id', '=', id)
      .where('comments.target_type', '=', store.TARGET)
      .executeTakeFirst();
    if (!row || !actor || row.author_id !== actor.id) return null;
    return { ...row, minutes: boardRules(row.settings).flat.commentEditMinutes };
  };

  app.get('/comments/:id/edit', requireActor(), async (c) => {
    const cm = await ownComment(c);
    if (!cm) return c.notFound();
    if (cm.hidden || !withinEditWindow(cm.created_at, cm.minutes))
      return refusedPage(c, c.get('t')('comment.editClosed'));
    return editPage(c, { id: cm.id, body: cm.body, proposalId: cm.target_id, minutes: cm.minutes });
  });

  app.post('/comments/:id/edit', async (c) => {
    const t = c.get('t'),
      actor = c.get('actor');
    if (!actor) return loginRedirect(c, `/comments/${c.req.param('id')}/edit`);
    const cm = await ownComment(c);
    if (!cm) return c.notFound();
    const body = c.get('form').body ?? '';
    const parsed = parseWith(CommentInput, { body, stance: '', parent: '' }, t);
    const view = { id: cm.id, body, proposalId: cm.target_id, minutes: cm.minutes };
    if (!parsed.ok) return editPage(c, view, { errors: parsed.errors, status: 422 });
    const { rules } = boardRules(cm.settings);
    const verdict = guardFields(
      { body: parsed.data.body },
      rules,
      rules.pii.action === 'hold' ? 'block' : rules.pii.action,
    );
    if (verdict.decision === 'block')
      return editPage(c, view, { errors: { body: [verdict.message![c.get('lang')]] }, status: 422 });
    const outcome = await editComment(
      c.get('p').db,
      cm.id,
      { id: actor.id, label: actorLabel(actor) },
      verdict.fields.body,
      cm.minutes,
    );
    if (outcome !== 'edited') return editPage(c, view, { status: 409, error: t('comment.editClosed') });
    return c.redirect(`/proposals/${cm.target_id}?msg=comment-edited#comment-${cm.id}`, 303);
  });
}

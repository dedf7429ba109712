// 신고 and moderation of comments: citizens report; after N reports a comment hides itself pending a moderator;
// moderators keep or hide it with a reason that goes to the record and to the author.
import type { Hono } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf } from '../../../platform/ui/forms.tsx';
import { idOf, requireActor, requirePermission } from '../../../platform/http/guards.tsx';
import { actorLabel } from '../../../platform/permissions.ts';
import * as perm from '../permissions.ts';
import * as store from '../store/comments.ts';
import { TARGET, boardRules } from '../store/lifecycle.ts';

const REASONS = new Set(['abuse', 'privacy', 'ad', 'rights', 'other']);

export function registerModeration(app: Hono<AppEnv>) {
  app.post('/comments/:id/report', async (c) => {
    const p = c.get('p'),
      actor = c.get('actor');
    const id = idOf(c.req.param('id'));
    const comment = id
      ? await p.db
          .selectFrom('comments')
          .innerJoin('proposals', 'proposals.id', 'comments.target_id')
          .innerJoin('components', 'components.id', 'proposals.component_id')
          .select([
            'comments.target_id',
            'components.settings',
            'proposals.author_id',
            'proposals.department_id',
            'proposals.stage',
          ])
          .where('comments.id', '=', id)
          .where('comments.target_type', '=', TARGET)
          .executeTakeFirst()
      : undefined;
    // As the proposal's page: what this visitor may not see (withdrawn, screened out, a draft) is not found, before
    // anything (the login redirect included) names the proposal.
    if (
      !id ||
      !comment ||
      !perm.canSee(actor, { authorId: comment.author_id, departmentId: comment.department_id, stage: comment.stage })
    )
      return c.notFound();
    if (!actor)
      return c.redirect(`/login?required=1&back=${encodeURIComponent(`/proposals/${comment.target_id}`)}`, 303);
    const reason = c.get('form').reason ?? '';
    if (!REASONS.has(reason)) {
      const t = c.get('t');
      return renderPage(
        c,
        { title: t('comment.report'), status: 422, error: `${t('comment.reportReason')}: ${t('v.required')}` },
        <p>
          <a href={`/proposals/${comment.target_id}#comment-${id}`}>{t('nav.home')}</a>
        </p>,
      );
    }
    const outcome = await store.reportComment(p.db, id, actor.id, reason, boardRules(comment.settings).rules.comments);
    const msg = outcome === 'reported' ? 'reported' : outcome === 'duplicate' ? 'already-reported' : 'own-report';
    return c.redirect(`/proposals/${comment.target_id}?msg=${msg}#comment-${id}`, 303);
  });

  app.get('/moderation', requireActor(), requirePermission(perm.canModerate), async (c) => {
    const t = c.get('t');
    const rows = await store.moderationQueue(c.get('p').db);
    return renderPage(
      c,
      { title: t('moderation.title') },
      <div>
        <h1>{t('moderation.title')}</h1>
        {rows.length ? (
          <ul class="card-list">
            {rows.map((r) => (
              <li class="card">
                <p class="meta">
                  <a href={`/proposals/${r.proposal_id}#comment-${r.id}`}>{r.proposal_title}</a>
                  <span>{r.author}</span>
                  <span>{t('moderation.reports', { count: r.reports })}</span>
                  <span>
                    {t('moderation.state')}:{' '}
                    {r.hidden
                      ? r.hidden_reason === 'auto'
                        ? t('comment.hiddenAuto')
                        : store.holdUntil(r.hidden_reason)
                          ? t('comment.temporaryMeasure', { until: store.holdUntil(r.hidden_reason)! })
                          : t('comment.hidden')
                      : t('moderation.visible')}
                  </span>
                </p>
                <p class="prose">{r.body}</p>
                <p class="meta">
                  {t('comment.reportReason')}:{' '}
                  {r.reasons.map((x) => t(`comment.reason.${x}` as 'comment.reason.other')).join(', ')}
                </p>
                <form method="post" action={`/comments/${r.id}/decide`} class="toolbar">
                  <Csrf token={c.get('csrf')} />
                  <div class="form-group">
                    <label for={`reason-${r.id}`}>{t('audit.reason')}</label>
                    <input type="text" id={`reason-${r.id}`} name="reason" required maxlength={200} />
                  </div>
                  <fieldset>
                    <legend class="visually-hidden">{t('moderation.decide')}</legend>
                    <button type="submit" name="decision" value="keep" class="btn btn-secondary">
                      {t('moderation.keep')}
                    </button>{' '}
                    <button type="submit" name="decision" value="hide" class="btn btn-primary">
                      {t('comment.hide')}
                    </button>
                  </fieldset>
                </form>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('moderation.empty')}</p>
        )}
      </div>,
    );
  });

  app.post('/comments/:id/decide', requirePermission(perm.canModerate), async (c) => {
    const p = c.get('p'),
      t = c.get('t'),
      actor = c.get('actor')!;
    const id = idOf(c.req.param('id'));
    if (!id) return c.notFound();
    // Any comment, not only a proposal's: the pledges board keeps its comments in the same table.
    const comment = await p.db
      .selectFrom('comments')
      .select(['id', 'target_type', 'target_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!comment) return c.notFound();
    const form = c.get('form');
    const decision = form.decision === 'keep' ? 'keep' : form.decision === 'hide' ? 'hide' : null;
    const reason = (form.reason ?? '').trim().slice(0, 200);
    if (!decision || !reason) {
      return renderPage(
        c,
        { title: t('moderation.title'), status: 422, error: `${t('audit.reason')}: ${t('v.required')}` },
        <p>
          <a href="/moderation">{t('moderation.title')}</a>
        </p>,
      );
    }
    await store.decideComment(p.db, id, decision, reason, { id: actor.id, label: actorLabel(actor) });
    return c.redirect(
      comment.target_type === TARGET
        ? `/proposals/${comment.target_id}?msg=decided#comment-${id}`
        : store.commentPage(comment, id),
      303,
    );
  });
}

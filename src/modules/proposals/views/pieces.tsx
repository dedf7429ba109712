// Views of the proposals board. Every action is a real form; app.js only enhances the support button and counter.
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { Field, ErrorSummary, Csrf, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { effectiveStage } from '../domain/proposal.ts';
import { wordsFor, stageLabel } from '../domain/wording.ts';
import type { T, Lang } from '../../../platform/i18n/index.ts';

// One formatter per language: building an Intl.DateTimeFormat costs ≈190 µs, formatting with one ≈3 µs, and a list
// page formats two dates for each of its twenty proposals.
const DATE_FORMATS = {
  ko: new Intl.DateTimeFormat('ko-KR', { timeZone: 'Asia/Seoul', year: 'numeric', month: 'long', day: 'numeric' }),
  en: new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Seoul', year: 'numeric', month: 'long', day: 'numeric' }),
};
export const dateText = (d: Date | string, lang: Lang) => DATE_FORMATS[lang === 'ko' ? 'ko' : 'en'].format(new Date(d));

export interface ListItem {
  id: number;
  title: string;
  stage: string;
  created_at: Date;
  closes_at: Date | null;
  reached_tiers: string[];
  author: string;
  supports: number;
  topic: string | null;
}

/** A list of posts; on one board's list, `kind` gives its words (동의 on a 청원 board, 공감 elsewhere). */
export function ProposalList({ c, items, kind }: { c: Context<AppEnv>; items: ListItem[]; kind?: string }) {
  const t = wordsFor(c.get('t'), kind),
    lang = c.get('lang');
  if (!items.length) return <p>{t('proposal.list.empty')}</p>;
  return (
    <ul class="card-list">
      {items.map((p) => (
        <li class="card">
          <h3>
            <a href={`/proposals/${p.id}`}>{p.title}</a>
          </h3>
          <p class="meta">
            <span class="badge">{stageLabel(t, effectiveStage(p), kind, lang)}</span>
            {p.topic ? <span>{p.topic}</span> : null}
            <span>
              {t('proposal.by')}: {p.author}
            </span>
            <span>
              {t('proposal.date')}:{' '}
              <time datetime={new Date(p.created_at).toISOString()}>{dateText(p.created_at, lang)}</time>
            </span>
            <span>{t('proposal.supports', { count: p.supports })}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ProposalForm({
  c,
  action,
  values,
  errors,
  similar,
  piiMessage,
  topics,
  areas,
}: {
  c: Context<AppEnv>;
  action: string;
  values: Record<string, string>;
  errors: FieldErrors;
  similar: { id: number; title: string }[];
  piiMessage: string | null;
  topics: string[];
  areas: string[];
}) {
  const t = c.get('t');
  return (
    <form method="post" action={action} novalidate>
      <Csrf token={c.get('csrf')} />
      <ErrorSummary
        title={t('form.errors', { count: Object.keys(errors).length })}
        errors={errors}
        labels={{ title: t('proposal.title'), body: t('proposal.body') }}
      />
      {piiMessage ? (
        <div class="alert alert-danger prose" role="alert">
          {piiMessage}
        </div>
      ) : null}
      {similar.length ? (
        <div class="alert alert-warning" role="status">
          <p>{t('proposal.similar')}</p>
          <ul>
            {similar.map((s) => (
              <li>
                <a href={`/proposals/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
          <input type="hidden" name="checkedSimilar" value="1" />
        </div>
      ) : null}
      <div data-similar={`${action}/similar`}>
        <Field name="title" label={t('proposal.title')} value={values.title} errors={errors} required maxLength={120} />
        {/* Filled by the script while the title is typed; the list after the first 등록 stays for pages without it. */}
        <div class="alert alert-warning similar-live" role="status"></div>
      </div>
      <Field
        name="body"
        label={t('proposal.body')}
        value={values.body}
        errors={errors}
        required
        multiline
        help={t('proposal.bodyHelp')}
        maxLength={5000}
      />
      <Choice
        name="topic"
        label={t('list.topic')}
        options={topics}
        value={values.topic}
        optional={t('form.optional')}
      />
      <Choice name="area" label={t('list.area')} options={areas} value={values.area} optional={t('form.optional')} />
      <button type="submit" class="btn btn-primary">
        {t('form.submit')}
      </button>
    </form>
  );
}

/** A select of the board's own list (topics, areas); nothing when the board has none. */
export function Choice({
  name,
  label,
  options,
  value,
  optional,
  all,
}: {
  name: string;
  label: string;
  options: string[];
  value?: string;
  optional?: string;
  all?: string;
}) {
  if (!options.length) return null;
  return (
    <div class="form-group">
      <label for={`f-${name}`}>{optional ? `${label} (${optional})` : label}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{all ?? '—'}</option>
        {options.map((o) => (
          <option value={o} selected={value === o}>
            {o}
          </option>
        ))}
      </select>
    </div>
  );
}

export interface CommentRow {
  id: number;
  body: string;
  stance: string | null;
  hidden: boolean;
  hidden_reason: string | null;
  parent_id: number | null;
  created_at: Date;
  edited_at: Date | null;
  author: string;
  author_id: number;
}

const REPORT_REASONS = ['abuse', 'privacy', 'ad', 'rights', 'other'] as const;

function CommentActions({
  c,
  cm,
  canReport,
  canHide,
}: {
  c: Context<AppEnv>;
  cm: CommentRow;
  canReport: boolean;
  canHide: boolean;
}) {
  const t = c.get('t'),
    actor = c.get('actor');
  return (
    <div class="comment-actions">
      {canHide && !cm.hidden ? (
        <form method="post" action={`/comments/${cm.id}/decide`} class="inline">
          <Csrf token={c.get('csrf')} />
          <input type="hidden" name="decision" value="hide" />
          <label class="visually-hidden" for={`hide-reason-${cm.id}`}>
            {t('audit.reason')}
          </label>
          <input type="text" id={`hide-reason-${cm.id}`} name="reason" required maxlength={200} />
          <button type="submit" class="btn btn-small btn-secondary">
            {t('comment.hide')}
          </button>
        </form>
      ) : null}
      {canReport && actor?.id !== cm.author_id && !cm.hidden ? (
        <details>
          <summary>{t('comment.report')}</summary>
          <form method="post" action={`/comments/${cm.id}/report`}>
            <Csrf token={c.get('csrf')} />
            <fieldset>
              <legend>{t('comment.reportReason')}</legend>
              {REPORT_REASONS.map((r, i) => (
                <div class="radio">
                  <input type="radio" name="reason" id={`rr-${cm.id}-${r}`} value={r} checked={i === 0} />
                  <label for={`rr-${cm.id}-${r}`}>{t(`comment.reason.${r}`)}</label>
                </div>
              ))}
            </fieldset>
            <button type="submit" class="btn btn-small btn-secondary">
              {t('comment.report')}
            </button>
          </form>
        </details>
      ) : null}
    </div>
  );
}

export function Comments({
  c,
  proposalId,
  comments,
  canWrite,
  stanceEnabled,
  canHide,
  canReport,
  values,
  errors,
  canEdit,
}: {
  c: Context<AppEnv>;
  proposalId: number;
  comments: CommentRow[];
  canWrite: boolean;
  stanceEnabled: boolean;
  canHide: boolean;
  canReport: boolean;
  values: Record<string, string>;
  errors: FieldErrors;
  canEdit: (cm: CommentRow) => boolean;
}) {
  const t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor');
  const children = new Map<number | null, CommentRow[]>();
  for (const cm of comments) {
    const k = cm.parent_id;
    children.set(k, [...(children.get(k) ?? []), cm]);
  }
  const hiddenNote = (cm: CommentRow) =>
    cm.hidden_reason === 'auto'
      ? t('comment.hiddenAuto')
      : cm.hidden_reason?.startsWith('temporary:')
        ? t('comment.temporaryMeasure', { until: cm.hidden_reason.slice(10) })
        : cm.hidden_reason
          ? t('comment.hiddenReason', { reason: cm.hidden_reason })
          : t('comment.hidden');
  const render = (cm: CommentRow) => (
    <li class="comment" id={`comment-${cm.id}`}>
      {cm.hidden && actor?.id !== cm.author_id && !canHide ? (
        <p>{cm.hidden_reason?.startsWith('temporary:') ? hiddenNote(cm) : t('comment.hidden')}</p>
      ) : (
        <div>
          <p class="meta">
            <strong>{cm.author}</strong>
            {cm.stance ? <span class="badge">{t(`comment.stance.${cm.stance}` as 'comment.stance.pro')}</span> : null}
            <time datetime={new Date(cm.created_at).toISOString()}>{dateText(cm.created_at, lang)}</time>
            {cm.edited_at ? <span>({t('comment.edited')})</span> : null}
            {canEdit(cm) ? (
              <a href={`/comments/${cm.id}/edit`}>
                {t('comment.edit')}
                <span class="visually-hidden"> ({cm.body.slice(0, 20)})</span>
              </a>
            ) : null}
          </p>
          {cm.hidden ? <p class="alert alert-warning">{hiddenNote(cm)}</p> : null}
          <p class="prose">{cm.body}</p>
          <CommentActions c={c} cm={cm} canReport={canReport} canHide={canHide} />
          {canWrite && cm.parent_id === null ? (
            <details>
              <summary>{t('comment.reply')}</summary>
              <form method="post" action={`/proposals/${proposalId}/comments`}>
                <Csrf token={c.get('csrf')} />
                <input type="hidden" name="parent" value={String(cm.id)} />
                <div class="form-group">
                  <label for={`reply-${cm.id}`}>{t('comment.body')}</label>
                  <textarea id={`reply-${cm.id}`} name="body" rows={3} maxlength={2000} required></textarea>
                </div>
                <button type="submit" class="btn btn-small btn-primary">
                  {t('comment.replySubmit')}
                </button>
              </form>
            </details>
          ) : null}
        </div>
      )}
      {(children.get(cm.id) ?? []).length ? (
        <ul class="card-list replies">{(children.get(cm.id) ?? []).map(render)}</ul>
      ) : null}
    </li>
  );
  return (
    <section aria-labelledby="comments-h">
      <h2 id="comments-h">{t('comment.count', { count: comments.length })}</h2>
      {comments.length ? (
        <ul class="card-list">{(children.get(null) ?? []).map(render)}</ul>
      ) : (
        <p>{t('comment.empty')}</p>
      )}
      {canWrite ? (
        <form method="post" action={`/proposals/${proposalId}/comments`} novalidate>
          <Csrf token={c.get('csrf')} />
          <Field
            name="body"
            label={t('comment.body')}
            value={values.body}
            errors={errors}
            required
            multiline
            rows={4}
            maxLength={2000}
          />
          {stanceEnabled ? (
            <fieldset>
              <legend>{t('comment.stance')}</legend>
              {(['', 'pro', 'con'] as const).map((s) => (
                <div class="radio">
                  <input
                    type="radio"
                    name="stance"
                    id={`stance-${s || 'none'}`}
                    value={s}
                    checked={(values.stance ?? '') === s}
                  />
                  <label for={`stance-${s || 'none'}`}>{s ? t(`comment.stance.${s}`) : t('comment.stance.none')}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="submit" class="btn btn-primary">
            {t('comment.submit')}
          </button>
        </form>
      ) : actor ? null : (
        <p>
          <a href={`/login?back=${encodeURIComponent(`/proposals/${proposalId}`)}`}>{t('comment.login')}</a>
        </p>
      )}
    </section>
  );
}

// The page of one proposal: stage tracker, the board's answer tiers with their deadlines, the text, support,
// answers per tier with the 정책실명제 line, implementation updates, the staff's screening panel, and comments.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { hasActed, tallyOf } from '../../../platform/acts.ts';
import { isFollowing } from '../../../platform/notify.ts';
import { actorLabel } from '../../../platform/permissions.ts';
import {
  stageTracker,
  allowedEvents,
  acceptsSupport,
  findTier,
  countPhrase,
  RESULTS,
  RESULT_LABELS,
  STAGE_LABELS,
  ANSWERER_LABELS,
  ADOPTING_RESULTS,
  type Result,
  type Answerer,
  type BoardSettings,
} from '../domain/index.ts';
import { boardRules, whoOf } from '../store/lifecycle.ts';
import { stageLabel, wordsFor } from '../domain/wording.ts';
import { lastDayOf } from '../domain/dates.ts';
import { deadlineState, eligibility, effectiveStage, type Action } from '../domain/proposal.ts';
import type { ProposalBoardSettings } from '../board.ts';
import * as perm from '../permissions.ts';
import * as store from '../store/proposals.ts';
import { answersOf, updatesOf } from '../store/answers.ts';
import { commentsOf, withinEditWindow } from '../store/comments.ts';
import { Comments, dateText } from './pieces.tsx';

export interface PageOptions {
  status?: number;
  notice?: string;
  error?: string;
  commentValues?: Record<string, string>;
  commentErrors?: FieldErrors;
  answerValues?: Record<string, string>;
  answerErrors?: FieldErrors;
  updateValues?: Record<string, string>;
  updateErrors?: FieldErrors;
}

/** The board's eligibility rule for an action; a refusal names the reason in the reader's language. */
export function ineligible(c: Context<AppEnv>, settings: ProposalBoardSettings, action: Action): string | null {
  const actor = c.get('actor');
  if (!actor) return null;
  const r = eligibility(settings, action, actor);
  return r.ok ? null : r.reason[c.get('lang')];
}

type Row = NonNullable<Awaited<ReturnType<typeof store.getProposal>>>;

export async function proposalPage(c: Context<AppEnv>, id: number, o: PageOptions = {}) {
  const p = c.get('p'),
    t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor');
  const row = await store.getProposal(p.db, id);
  if (!row) return c.notFound();
  const ref = { authorId: row.author_id, departmentId: row.department_id, stage: row.stage };
  if (!perm.canSee(actor, ref)) return c.notFound();
  const { flat, rules } = boardRules(row.settings);
  const w = wordsFor(t, rules.kind);
  const target = { kind: 'support' as const, targetType: store.TARGET, targetId: id };
  const [count, answers, updates, comments, supported, depts, following] = await Promise.all([
    tallyOf(p.db, target),
    answersOf(p.db, id),
    updatesOf(p.db, id),
    commentsOf(p.db, id),
    actor ? hasActed(p.db, target, actor.personKey) : Promise.resolve(false),
    perm.canScreen(actor, ref) ? store.departments(p.db) : Promise.resolve([]),
    actor ? isFollowing(p.db, actor.id, store.TARGET, id) : Promise.resolve(false),
  ]);
  const stage = effectiveStage(row);
  const dept = row.department_id ? (lang === 'ko' ? row.dept_ko : row.dept_en) : t('proposal.departmentNone');
  const commentRefusal = ineligible(c, flat, 'comment');
  const tracker = stageTracker(
    stage === row.stage
      ? row.state
      : { ...row.state, stage, enteredAt: { ...row.state.enteredAt, expired: row.closes_at ?? undefined } },
    rules,
  );
  // The notice after 공감 / 동의 speaks the board's words (the layout's own table knows only 공감).
  const msg = c.req.query('msg');
  const notice =
    o.notice ??
    (msg === 'supported'
      ? w('proposal.supported')
      : msg === 'already-supported'
        ? w('proposal.alreadySupported')
        : undefined);
  return renderPage(
    c,
    { title: row.title, status: o.status, notice, error: o.error },
    <article>
      <p>
        <a href={`/s/${row.space_slug}/${row.board_slug}`}>{lang === 'ko' ? row.board_ko : row.board_en}</a>
      </p>
      <h1>{row.title}</h1>
      <p class="meta">
        <span class="badge">{stageLabel(t, stage, rules.kind, lang)}</span>
        <span>
          {t('proposal.by')}: {row.author}
        </span>
        <span>
          {t('proposal.date')}: {dateText(row.created_at, lang)}
        </span>
        {row.closes_at ? (
          <span>
            {w('proposal.closesAt')}: {dateText(row.closes_at, lang)}
          </span>
        ) : null}
        <span>
          {t('proposal.department')}: {dept}
        </span>
        {row.topic ? (
          <span>
            {t('list.topic')}: {row.topic}
          </span>
        ) : null}
        {row.area ? (
          <span>
            {t('list.area')}: {row.area}
          </span>
        ) : null}
      </p>
      <ol class="tracker" aria-label={t('proposal.tracker')}>
        {tracker.map((st) => (
          <li class={`tracker-${st.status}`} aria-current={st.status === 'current' ? 'step' : undefined}>
            <span>{stageLabel(t, st.stage, rules.kind, lang)}</span>
            {st.at ? <span class="tracker-date">{dateText(st.at, lang)}</span> : null}
            {st.dueAt ? <span class="tracker-date">{t('deadline.due', { date: lastDayOf(st.dueAt) })}</span> : null}
            <span class="visually-hidden"> ({t(`proposal.tracker.${st.status}`)})</span>
          </li>
        ))}
      </ol>
      <Closure c={c} row={row} stage={stage} />
      {perm.canReadBody(actor, ref) ? <div class="prose">{row.body}</div> : <p>{t('closure.bodyHidden')}</p>}
      <TierTable c={c} row={row} rules={rules} />
      <SupportBox c={c} row={row} rules={rules} flat={flat} count={count} supported={supported} following={following} />
      {actor?.id === row.author_id &&
      allowedEvents(row.state, whoOf(actor, actorLabel(actor), row.department_id).actor).includes('withdraw') &&
      !row.tiers.length ? (
        <details>
          <summary>{t('withdraw.title')}</summary>
          <form method="post" action={`/proposals/${id}/withdraw`}>
            <Csrf token={c.get('csrf')} />
            <p>{t('withdraw.help')}</p>
            <button type="submit" class="btn btn-secondary">
              {t('withdraw.submit')}
            </button>
          </form>
        </details>
      ) : null}
      {perm.canScreen(actor, ref) ? <ScreeningPanel c={c} row={row} rules={rules} depts={depts} /> : null}
      <section aria-labelledby="answers-h">
        <h2 id="answers-h">{t('proposal.answers')}</h2>
        {answers.map((a) => (
          <div class="answer">
            <h3>
              {[
                t(a.kind === 'final' ? 'proposal.answer.final' : 'proposal.answer.interim'),
                findTier(rules, a.tier_key ?? '')?.label[lang],
                a.name_ko ? (lang === 'ko' ? a.name_ko : a.name_en) : null,
              ]
                .filter(Boolean)
                .join(' · ')}
              {a.result ? (
                <>
                  {' '}
                  · <span class="badge">{RESULT_LABELS[a.result as Result][lang]}</span>
                </>
              ) : null}
            </h3>
            <p class="meta">
              <span>
                {t('proposal.answer.responsible')}: {a.responsible}
              </span>
              <span>{dateText(a.created_at, lang)}</span>
            </p>
            <div class="prose">{a.body}</div>
          </div>
        ))}
        <AnswerForm c={c} row={row} rules={rules} o={o} />
      </section>
      <Implementation c={c} row={row} updates={updates} o={o} />
      {flat.commentsEnabled ? (
        <Comments
          c={c}
          proposalId={id}
          comments={comments}
          canWrite={perm.canComment(actor, ref) && !commentRefusal}
          stanceEnabled={flat.stanceEnabled}
          canHide={perm.canModerate(actor)}
          canReport={!!actor}
          values={o.commentValues ?? {}}
          errors={o.commentErrors ?? {}}
          canEdit={(cm) =>
            actor?.id === cm.author_id && !cm.hidden && withinEditWindow(cm.created_at, flat.commentEditMinutes)
          }
        />
      ) : null}
      {flat.commentsEnabled && commentRefusal && perm.canComment(actor, ref) ? (
        <p class="alert alert-warning">{commentRefusal}</p>
      ) : null}
    </article>,
  );
}

function Closure({ c, row, stage }: { c: Context<AppEnv>; row: Row; stage: string }) {
  const t = c.get('t'),
    lang = c.get('lang');
  const cl = row.closure;
  if (stage === 'expired') return <p class="alert alert-info">{t('closure.expired')}</p>;
  if (row.stage === 'submitted' || row.stage === 'screening' || row.stage === 'draft')
    return <p class="alert alert-info">{t(row.pii_hold ? 'closure.piiHold' : 'closure.waiting')}</p>;
  if (!cl) return null;
  if (cl.code === 'duplicate')
    return (
      <p class="alert alert-info">
        {t('closure.duplicate')}{' '}
        {cl.duplicateOf ? <a href={`/proposals/${cl.duplicateOf}`}>{t('closure.duplicateLink')}</a> : null}
      </p>
    );
  if (cl.code === 'minwon')
    return (
      <p class="alert alert-info">
        {t('closure.minwon')}{' '}
        {cl.pointer ? (
          cl.pointer.url ? (
            <a href={cl.pointer.url}>{cl.pointer.label[lang]}</a>
          ) : (
            cl.pointer.label[lang]
          )
        ) : null}
      </p>
    );
  if (cl.code === 'rejected' || cl.code === 'out-of-scope')
    return <p class="alert alert-warning">{t(`closure.${cl.code}`, { reason: cl.reason ?? '' })}</p>;
  if (cl.code === 'withdrawn') return <p class="alert alert-info">{t('closure.withdrawn')}</p>;
  return null;
}

/** Every tier of the board, whether reached, who answers and by when — the promise made to citizens, in public. */
function TierTable({ c, row, rules }: { c: Context<AppEnv>; row: Row; rules: BoardSettings }) {
  const t = c.get('t'),
    lang = c.get('lang');
  return (
    <section aria-labelledby="tiers-h">
      <h2 id="tiers-h">{t('tiers.title')}</h2>
      <div class="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('tiers.threshold')}</th>
              <th scope="col">{t('tiers.answerer')}</th>
              <th scope="col">{t('tiers.reached')}</th>
              <th scope="col">{t('tiers.deadline')}</th>
            </tr>
          </thead>
          <tbody>
            {rules.tiers.map((tier) => {
              const got = row.tiers.find((x) => x.tier_key === tier.key);
              const state = got ? deadlineState(got) : 'none';
              return (
                <tr>
                  <th scope="row">
                    {tier.threshold === 0
                      ? t('tiers.zero')
                      : countPhrase(rules.kind, tier.counts ?? rules.countToward, tier.threshold)[lang]}{' '}
                    · {tier.label[lang]}
                  </th>
                  <td>{ANSWERER_LABELS[tier.answerer][lang]}</td>
                  <td>{got ? dateText(got.reached_at, lang) : t('tiers.notReached')}</td>
                  <td>
                    {got ? (
                      got.due_date ? (
                        <>
                          {t('deadline.due', { date: got.due_date })}{' '}
                          {state !== 'none' ? (
                            <span
                              class={
                                state === 'interim-required' || state === 'answered-late'
                                  ? 'badge badge-danger'
                                  : 'badge'
                              }
                            >
                              {t(`deadline.${state}` as 'deadline.pending')}
                            </span>
                          ) : null}
                        </>
                      ) : (
                        t('tiers.noDeadline')
                      )
                    ) : (
                      '-'
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function SupportBox({
  c,
  row,
  rules,
  flat,
  count,
  supported,
  following,
}: {
  c: Context<AppEnv>;
  row: Row;
  rules: BoardSettings;
  flat: ProposalBoardSettings;
  count: number;
  supported: boolean;
  following: boolean;
}) {
  const t = wordsFor(c.get('t'), rules.kind),
    lang = c.get('lang'),
    actor = c.get('actor');
  const ref = { authorId: row.author_id, departmentId: row.department_id, stage: row.stage };
  const pre = row.stage === 'pre-agreement';
  const noun = pre
    ? t('support.countPre')
    : rules.kind === 'petition'
      ? t('support.countAgree')
      : t('proposal.supportCount');
  const verb = pre ? t('support.preAgree') : rules.kind === 'petition' ? t('support.agree') : t('proposal.support');
  const open = acceptsSupport(row.state, new Date());
  const refusal = ineligible(c, flat, 'support');
  return (
    <div class="support-box">
      <p>
        <span class="visually-hidden">{noun} </span>
        <span class="support-count" id="support-count" data-live-tally={`/proposals/${row.id}/live`}>
          {count}
        </span>{' '}
        {noun}
      </p>
      {pre && rules.prePublication && row.pre_agreement_closes_at ? (
        <p>
          {t('support.preNeeded', {
            count: rules.prePublication.agreements,
            date: dateText(row.pre_agreement_closes_at, lang),
          })}
        </p>
      ) : null}
      {supported ? (
        <p role="status" id="support-status">
          {t('proposal.youSupported')}
        </p>
      ) : !open ? (
        perm.PARTICIPATION_STAGES.includes(row.stage as never) ? (
          <p>{t('support.windowClosed')}</p>
        ) : null
      ) : perm.canSupport(actor, ref) && refusal ? (
        <p>{refusal}</p>
      ) : perm.canSupport(actor, ref) ? (
        <form
          method="post"
          action={`/proposals/${row.id}/support`}
          data-enhance="support"
          data-status="support-status"
          data-count="support-count"
        >
          <Csrf token={c.get('csrf')} />
          <button type="submit" class="btn btn-primary">
            {verb}
          </button>
          <p role="status" id="support-status" class="help"></p>
        </form>
      ) : !actor ? (
        <p>
          <a href={`/login?back=${encodeURIComponent(`/proposals/${row.id}`)}`}>{t('proposal.supportLogin')}</a>
        </p>
      ) : null}
      {actor ? (
        <form method="post" action={`/proposals/${row.id}/follow`} class="inline">
          <Csrf token={c.get('csrf')} />
          <input type="hidden" name="follow" value={following ? '0' : '1'} />
          <button type="submit" class="btn btn-secondary" aria-pressed={following ? 'true' : 'false'}>
            {following ? t('proposal.unfollow') : t('proposal.follow')}
          </button>
        </form>
      ) : null}
    </div>
  );
}

/** The staff's screening actions: only those the transition table allows this person at this stage. */
function ScreeningPanel({
  c,
  row,
  depts,
}: {
  c: Context<AppEnv>;
  row: Row;
  rules: BoardSettings;
  depts: { id: number; name_ko: string; name_en: string }[];
}) {
  const t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor')!;
  const allowed = new Set(allowedEvents(row.state, whoOf(actor, actorLabel(actor), row.department_id).actor));
  const canAssign =
    perm.canAssign(actor) &&
    !['rejected', 'redirected', 'merged', 'withdrawn', 'expired', 'implemented'].includes(row.stage);
  const transfer = row.department_id !== null;
  const action = `/proposals/${row.id}/screen`;
  const Button = ({ name, label }: { name: string; label: string }) => (
    <form method="post" action={action} class="inline">
      <Csrf token={c.get('csrf')} />
      <input type="hidden" name="action" value={name} />
      <button type="submit" class="btn btn-secondary">
        {label}
      </button>
    </form>
  );
  const Reasoned = ({ name, label, extra }: { name: string; label: string; extra?: Child }) => (
    <details>
      <summary>{label}</summary>
      <form method="post" action={action}>
        <Csrf token={c.get('csrf')} />
        <input type="hidden" name="action" value={name} />
        {extra ?? null}
        <div class="form-group">
          <label for={`f-${name}-reason`}>{t('screen.reason')}</label>
          <p class="help" id={`f-${name}-help`}>
            {t('screen.reasonHelp')}
          </p>
          <textarea
            id={`f-${name}-reason`}
            name="reason"
            rows={2}
            maxlength={500}
            aria-describedby={`f-${name}-help`}
            required={name !== 'minwon'}
          ></textarea>
        </div>
        <button type="submit" class="btn btn-secondary">
          {label}
        </button>
      </form>
    </details>
  );
  if (!allowed.size && !canAssign) return null;
  return (
    <section aria-labelledby="screen-h" class="staff-panel">
      <h2 id="screen-h">{t('screen.title')}</h2>
      <div class="button-row">
        {allowed.has('accept') ? <Button name="accept" label={t('screen.accept')} /> : null}
        {allowed.has('screen:suitable') && !row.screened_suitable ? (
          <Button name="suitable" label={t('screen.suitable')} />
        ) : null}
        {allowed.has('open-support') && row.screened_suitable ? (
          <Button name="open-support" label={t('screen.open')} />
        ) : null}
      </div>
      {canAssign ? (
        <form method="post" action={`/proposals/${row.id}/department`}>
          <Csrf token={c.get('csrf')} />
          <div class="form-group">
            <label for="f-department">{transfer ? t('screen.transfer') : t('proposal.assign')}</label>
            <select id="f-department" name="department">
              {depts.map((d) => (
                <option value={String(d.id)} selected={d.id === row.department_id}>
                  {lang === 'ko' ? d.name_ko : d.name_en}
                </option>
              ))}
            </select>
          </div>
          {transfer ? (
            <div class="form-group">
              <label for="f-transfer-reason">{t('screen.reason')}</label>
              <p class="help" id="f-transfer-help">
                {t('screen.transferHelp')}
              </p>
              <input
                type="text"
                id="f-transfer-reason"
                name="reason"
                maxlength={500}
                aria-describedby="f-transfer-help"
              />
            </div>
          ) : null}
          <button type="submit" class="btn btn-secondary">
            {t('form.save')}
          </button>
        </form>
      ) : null}
      {allowed.has('screen:duplicate-of') ? (
        <details>
          <summary>{t('screen.duplicate')}</summary>
          <form method="post" action={action}>
            <Csrf token={c.get('csrf')} />
            <input type="hidden" name="action" value="duplicate" />
            <div class="form-group">
              <label for="f-dup">{t('screen.duplicateOf')}</label>
              <input type="number" id="f-dup" name="of" min={1} required />
            </div>
            <button type="submit" class="btn btn-secondary">
              {t('screen.duplicate')}
            </button>
          </form>
        </details>
      ) : null}
      {allowed.has('screen:is-minwon') ? (
        <Reasoned
          name="minwon"
          label={t('screen.minwon')}
          extra={
            <>
              <div class="form-group">
                <label for="f-minwon-label">{t('screen.minwonLabel')}</label>
                <input type="text" id="f-minwon-label" name="label" value="국민신문고" maxlength={100} required />
              </div>
              <div class="form-group">
                <label for="f-minwon-url">{t('screen.minwonUrl')}</label>
                <input type="url" id="f-minwon-url" name="url" value="https://www.epeople.go.kr" maxlength={300} />
              </div>
            </>
          }
        />
      ) : null}
      {allowed.has('screen:out-of-scope') ? <Reasoned name="out-of-scope" label={t('screen.outOfScope')} /> : null}
      {allowed.has('reject') ? <Reasoned name="reject" label={t('screen.reject')} /> : null}
    </section>
  );
}

/** The answer form offers the tiers still owed that this person may answer. */
function AnswerForm({ c, row, rules, o }: { c: Context<AppEnv>; row: Row; rules: BoardSettings; o: PageOptions }) {
  const t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor');
  const ref = { authorId: row.author_id, departmentId: row.department_id, stage: row.stage };
  const owed = row.tiers.filter((x) => !x.answered_at && perm.canAnswer(actor, ref, x.answerer as Answerer));
  const settling =
    row.stage === 'answered' && row.result === 'long-term-review' && perm.canAnswer(actor, ref, 'department');
  if (!owed.length && !settling) return null;
  const tiers = owed.length ? owed.map((x) => x.tier_key) : [row.tiers.at(-1)?.tier_key ?? 'department'];
  return (
    <form method="post" action={`/proposals/${row.id}/answers`} novalidate>
      <Csrf token={c.get('csrf')} />
      <h3>{t('proposal.answer.write')}</h3>
      <div class="form-group">
        <label for="f-tier">{t('answer.tier')}</label>
        <select id="f-tier" name="tier">
          {tiers.map((k) => (
            <option value={k} selected={o.answerValues?.tier === k}>
              {findTier(rules, k)?.label[lang] ?? k}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>{t('proposal.answer.kind')}</legend>
        {(['interim', 'final'] as const).map((k) => (
          <div class="radio">
            <input
              type="radio"
              name="kind"
              id={`kind-${k}`}
              value={k}
              checked={(o.answerValues?.kind ?? 'final') === k}
            />
            <label for={`kind-${k}`}>{t(`proposal.answer.${k}`)}</label>
          </div>
        ))}
      </fieldset>
      <div class={o.answerErrors?.result ? 'form-group has-error' : 'form-group'}>
        <label for="f-result">{t('proposal.result')}</label>
        <p class="help" id="f-result-help">
          {t('proposal.resultHelp')}
        </p>
        <select
          id="f-result"
          name="result"
          aria-describedby={o.answerErrors?.result ? 'f-result-help f-result-error' : 'f-result-help'}
        >
          <option value="">—</option>
          {RESULTS.map((r) => (
            <option value={r} selected={o.answerValues?.result === r}>
              {RESULT_LABELS[r][lang]}
            </option>
          ))}
        </select>
        {o.answerErrors?.result ? (
          <p class="error-text" id="f-result-error">
            {t('proposal.resultRequired')}
          </p>
        ) : null}
      </div>
      <Field
        name="body"
        label={t('proposal.answer.body')}
        value={o.answerValues?.body}
        errors={o.answerErrors}
        required
        multiline
      />
      <button type="submit" class="btn btn-primary">
        {t('form.submit')}
      </button>
    </form>
  );
}

function Implementation({
  c,
  row,
  updates,
  o,
}: {
  c: Context<AppEnv>;
  row: Row;
  updates: Awaited<ReturnType<typeof updatesOf>>;
  o: PageOptions;
}) {
  const t = c.get('t'),
    lang = c.get('lang'),
    actor = c.get('actor');
  const adopting = row.result !== null && ADOPTING_RESULTS.includes(row.result as Result);
  if (!adopting && !updates.length) return null;
  const canWrite =
    adopting &&
    ['answered', 'implementing'].includes(row.stage) &&
    perm.canUpdateImplementation(actor, { authorId: row.author_id, departmentId: row.department_id, stage: row.stage });
  return (
    <section aria-labelledby="impl-h">
      <h2 id="impl-h">{t('impl.title')}</h2>
      {row.implementation_progress !== null ? (
        <p>
          <progress max={100} value={row.implementation_progress} aria-labelledby="impl-now"></progress>{' '}
          <span id="impl-now">{t('impl.progressNow', { progress: row.implementation_progress })}</span>
        </p>
      ) : null}
      {updates.length ? (
        updates.map((u) => (
          <div class="answer">
            <p class="meta">
              <span>{dateText(u.created_at, lang)}</span>
              {u.progress !== null ? <span>{t('impl.progressNow', { progress: u.progress })}</span> : null}
              <span>
                {t('proposal.answer.responsible')}: {u.responsible}
              </span>
            </p>
            <div class="prose">{u.body}</div>
          </div>
        ))
      ) : (
        <p>{t('impl.empty')}</p>
      )}
      {canWrite ? (
        <form method="post" action={`/proposals/${row.id}/updates`} novalidate>
          <Csrf token={c.get('csrf')} />
          <h3>{t('impl.write')}</h3>
          <Field
            name="body"
            label={t('impl.body')}
            value={o.updateValues?.body}
            errors={o.updateErrors}
            required
            multiline
          />
          <Field
            name="progress"
            label={`${t('impl.progress')} (${t('form.optional')})`}
            value={o.updateValues?.progress}
            errors={o.updateErrors}
            help={t('impl.progressHelp')}
          />
          <div class="checkbox">
            <input type="checkbox" id="f-completed" name="completed" checked={o.updateValues?.completed === 'on'} />
            <label for="f-completed">{t('impl.completed')}</label>
          </div>
          <button type="submit" class="btn btn-primary">
            {t('form.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

// 알림 발송 현황: the job queue's health for administrators — counts by kind and state, failed jobs with their last
// error and a retry (on the record), and what is waiting. Recipients appear masked, and the view is a
// 개인정보 접속기록 entry.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { actorLabel } from '../../platform/permissions.ts';
import { logPersonalDataAccess } from '../../platform/actors.ts';
import { recordAudit } from '../../platform/audit.ts';
import { jobCounts, retryJob } from '../../platform/jobs.ts';
import { maskEmail, maskPhone } from '../../platform/delivery/contacts.ts';
import { openContact } from '../../platform/delivery/sealed.ts';
import type { DataKeys } from '../../platform/crypto.ts';
import * as perm from './permissions.ts';

const STATES = ['queued', 'running', 'done', 'failed'] as const;
type JobRow = {
  id: number;
  kind: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  last_error: string | null;
  outcome: string | null;
  run_at: Date;
  finished_at: Date | null;
};

/** The masked address each delivery job goes to, read from the person's current contacts. */
async function recipients(db: Database, keys: DataKeys, jobs: JobRow[]): Promise<Map<number, string>> {
  const payload = (j: JobRow) =>
    (typeof j.payload === 'string' ? JSON.parse(j.payload) : j.payload) as Record<string, unknown>;
  const byNotice = new Map<number, number[]>(),
    byPerson = new Map<number, number[]>();
  for (const j of jobs) {
    const pl = payload(j);
    if (j.kind === 'notice.deliver')
      byNotice.set(Number(pl.notification), [...(byNotice.get(Number(pl.notification)) ?? []), j.id]);
    if (j.kind === 'email.confirm') byPerson.set(Number(pl.person), [...(byPerson.get(Number(pl.person)) ?? []), j.id]);
  }
  const out = new Map<number, string>();
  if (byNotice.size) {
    const rows = await db
      .selectFrom('notifications')
      .select(['id', 'person_id'])
      .where('id', 'in', [...byNotice.keys()])
      .execute();
    for (const r of rows)
      for (const id of byNotice.get(r.id)!) byPerson.set(r.person_id, [...(byPerson.get(r.person_id) ?? []), id]);
  }
  if (!byPerson.size) return out;
  const contacts = await db
    .selectFrom('person_contacts')
    .select(['person_id', 'email_ct', 'phone_ct'])
    .where('person_id', 'in', [...byPerson.keys()])
    .execute();
  const channelOf = new Map(jobs.map((j) => [j.id, String(payload(j).channel ?? 'email')]));
  for (const c of contacts)
    for (const id of byPerson.get(c.person_id)!) {
      const email = channelOf.get(id) === 'email',
        stored = email ? c.email_ct : c.phone_ct;
      const plain = openContact(keys, c.person_id, email ? 'email' : 'phone', stored);
      const to = plain ? (email ? maskEmail(plain) : maskPhone(plain)) : null;
      out.set(id, `#${c.person_id} ${to ?? '—'}`);
    }
  return out;
}

const when = (d: Date | null) => (d ? new Date(d).toLocaleString('ko-KR', { timeZone: 'Asia/Seoul' }) : '');

async function page(c: Context<AppEnv>) {
  const p = c.get('p'),
    t = c.get('t'),
    actor = c.get('actor')!;
  const cols = [
    'id',
    'kind',
    'payload',
    'attempts',
    'max_attempts',
    'last_error',
    'outcome',
    'run_at',
    'finished_at',
  ] as const;
  const [counts, failed, waiting] = await Promise.all([
    jobCounts(p.db),
    p.db
      .selectFrom('jobs')
      .select(cols)
      .where('state', '=', 'failed')
      .orderBy('finished_at', 'desc')
      .limit(100)
      .execute(),
    p.db
      .selectFrom('jobs')
      .select(cols)
      .where('state', 'in', ['queued', 'running'])
      .orderBy('run_at')
      .limit(50)
      .execute(),
  ]);
  const to = await recipients(p.db, p.config.dataKeys, [...failed, ...waiting] as JobRow[]);
  if (to.size) await logPersonalDataAccess(p.db, actor.id, null, 'admin.delivery', `${to.size} masked recipients`);
  const kinds = [...new Set(counts.map((r) => r.kind))];
  const n = (kind: string, state: string) => counts.find((r) => r.kind === kind && r.state === state)?.n ?? 0;
  const done = c.req.query('done') === 'retried' ? t('delivery.retried') : undefined;
  return renderPage(
    c,
    { title: t('delivery.title'), notice: done },
    <div>
      <h1>{t('delivery.title')}</h1>
      <p>{t('delivery.intro')}</p>
      <div class="table-wrap">
        <table>
          <caption class="visually-hidden">{t('delivery.counts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('delivery.kind')}</th>
              {STATES.map((s) => (
                <th scope="col">{t(`delivery.state.${s}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {kinds.length ? (
              kinds.map((k) => (
                <tr>
                  <th scope="row">{k}</th>
                  {STATES.map((s) => (
                    <td>{n(k, s)}</td>
                  ))}
                </tr>
              ))
            ) : (
              <tr>
                <td colspan={5}>{t('delivery.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <h2>{t('delivery.failed')}</h2>
      {failed.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('delivery.kind')}</th>
                <th scope="col">{t('delivery.to')}</th>
                <th scope="col">{t('delivery.attempts')}</th>
                <th scope="col">{t('delivery.error')}</th>
                <th scope="col">{t('delivery.failedAt')}</th>
                <th scope="col">{t('delivery.retry')}</th>
              </tr>
            </thead>
            <tbody>
              {failed.map((j) => (
                <tr>
                  <td>{j.id}</td>
                  <td>{j.kind}</td>
                  <td>{to.get(j.id) ?? ''}</td>
                  <td>
                    {j.attempts}/{j.max_attempts}
                  </td>
                  <td>{j.last_error ?? ''}</td>
                  <td>{when(j.finished_at)}</td>
                  <td>
                    <form method="post" action={`/admin/delivery/${j.id}/retry`}>
                      <Csrf token={c.get('csrf')} />
                      <label for={`reason-${j.id}`} class="visually-hidden">
                        {t('delivery.retryReason', { id: j.id })}
                      </label>
                      <input
                        type="text"
                        id={`reason-${j.id}`}
                        name="reason"
                        maxlength={500}
                        placeholder={t('delivery.reasonHint')}
                      />
                      <button
                        type="submit"
                        class="btn btn-secondary btn-small"
                        aria-label={t('delivery.retryJob', { id: j.id })}
                      >
                        {t('delivery.retry')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('delivery.noFailed')}</p>
      )}

      <h2>{t('delivery.waiting')}</h2>
      {waiting.length ? (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('delivery.kind')}</th>
                <th scope="col">{t('delivery.to')}</th>
                <th scope="col">{t('delivery.due')}</th>
                <th scope="col">{t('delivery.attempts')}</th>
                <th scope="col">{t('delivery.error')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((j) => (
                <tr>
                  <td>{j.id}</td>
                  <td>{j.kind}</td>
                  <td>{to.get(j.id) ?? ''}</td>
                  <td>{when(j.run_at)}</td>
                  <td>
                    {j.attempts}/{j.max_attempts}
                  </td>
                  <td>{j.last_error ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{t('delivery.noWaiting')}</p>
      )}
    </div>,
  );
}

export function registerDelivery(app: Hono<AppEnv>) {
  app.get('/admin/delivery', async (c) => {
    const actor = c.get('actor');
    if (!actor) return c.redirect('/login?required=1&back=/admin/delivery', 303);
    return perm.canManageDelivery(actor) ? page(c) : forbidden(c);
  });

  app.post('/admin/delivery/:id{[0-9]{1,12}}/retry', async (c) => {
    const actor = c.get('actor'),
      p = c.get('p');
    if (!actor || !perm.canManageDelivery(actor)) return forbidden(c);
    const id = Number(c.req.param('id'));
    const reason = (c.get('form').reason ?? '').trim().slice(0, 500) || null;
    const before = await p.db.transaction().execute(async (trx) => {
      const job = await retryJob(trx, id);
      if (job)
        await recordAudit(trx, {
          actor: { id: actor.id, label: actorLabel(actor) },
          action: 'job.retry',
          targetType: 'job',
          targetId: id,
          reason,
          before: { kind: job.kind, state: job.state, attempts: job.attempts, lastError: job.last_error },
          after: { state: 'queued' },
        });
      return job;
    });
    if (!before) return c.notFound();
    return c.redirect('/admin/delivery?done=retried', 303);
  });
}

// Department reporting (진도율, 기준일, 추진현황); governed fields of a published pledge need a change request.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { forbidden } from '../../../platform/http/app.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { isIsoDate } from '../../../rules/index.ts';
import { checkDirectEdit, parseItems, type Pledge } from '../domain/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as store from '../store.ts';
import { L, who, loginFirst, pledgeFromParam, changeActor } from './shared.tsx';
import { once } from '../../../platform/http/once.tsx';

export function registerReporting(app: Hono<AppEnv>) {
  const page = async (
    c: Context<AppEnv>,
    o: { values?: Record<string, string>; errors?: FieldErrors; status?: number; error?: string } = {},
  ) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    if (!(await changeActor(db, actor, s.pledge))) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const v = o.values ?? {
      progressPercent: String(s.pledge.progressPercent),
      asOf: s.pledge.asOf ?? '',
      status: s.pledge.status,
    };
    const indicators = [
      ...new Set([
        ...s.pledge.progress.map((x) => x.indicator),
        ...s.pledge.indicatorTables.flatMap((t) => t.indicators.map((i) => i.name)),
      ]),
    ];
    return renderPage(
      c,
      {
        title: `${L(c, '실적 입력', 'Report progress')}: ${s.pledge.title}`,
        status: o.status,
        error: o.error,
        notice: c.req.query('msg') === 'saved' ? L(c, '저장했습니다.', 'Saved.') : undefined,
      },
      <div>
        <p>
          <a href={`/pledges/${s.id}`}>{s.pledge.title}</a>
        </p>
        <h1>
          {L(c, '실적 입력', 'Report progress')}: {s.pledge.title}
        </h1>
        <p>
          {L(
            c,
            '진도율, 기준일과 추진현황은 부서가 입력합니다. 공개된 공약의 상태·목표·예산 계획은 변경 요청과 시민평가단 승인을 거쳐야 합니다.',
            'Departments report progress, the reporting date and the progress log. The status, targets and planned budget of a published pledge change only through an approved change request.',
          )}{' '}
          <a href={`/pledges/${s.id}/changes`}>{L(c, '변경 요청', 'Change requests')}</a>
        </p>
        <form method="post" action={`/pledges/${s.id}/report`} novalidate>
          <Csrf token={c.get('csrf')} />
          <Field
            name="progressPercent"
            type="number"
            label={L(c, '전체 진도율(%)', 'Overall progress (%)')}
            value={v.progressPercent}
            errors={o.errors}
            required
            min={0}
            max={100}
          />
          <Field name="asOf" type="date" label={L(c, '기준일', 'As of')} value={v.asOf} errors={o.errors} required />
          <div class="form-group">
            <label for="f-status">{L(c, '상태', 'Status')}</label>
            <select id="f-status" name="status">
              {settings.statuses.map((st) => (
                <option value={st.code} selected={v.status === st.code}>
                  {st.label}
                </option>
              ))}
            </select>
          </div>
          <div class="form-group">
            <label for="f-indicator">{L(c, '추진현황을 더할 성과지표', 'Indicator of the new progress entry')}</label>
            <select id="f-indicator" name="indicator">
              <option value="">{L(c, '더하지 않음', 'None')}</option>
              {indicators.map((n) => (
                <option value={n} selected={v.indicator === n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
          <Field
            name="entryDate"
            type="date"
            label={L(c, '추진 일자', 'Date of the entry')}
            value={v.entryDate}
            errors={o.errors}
          />
          <Field
            name="entry"
            label={L(c, '추진현황 (○ • - 로 단계 구분)', 'Progress entry (○ • - for levels)')}
            value={v.entry}
            errors={o.errors}
            multiline
            rows={4}
            maxLength={2000}
          />
          <button type="submit" class="btn btn-primary">
            {L(c, '저장', 'Save')}
          </button>
        </form>
      </div>,
    );
  };
  app.get('/pledges/:id{[0-9]+}/report', (c) => page(c));
  app.post('/pledges/:id{[0-9]+}/report', async (c) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    const ca = await changeActor(db, actor, s.pledge);
    if (!ca) return forbidden(c);
    const { settings } = await pledgeSettingsOf(db);
    const f = c.get('form');
    const v = Object.fromEntries(
      ['progressPercent', 'asOf', 'status', 'indicator', 'entryDate', 'entry'].map((k) => [
        k,
        String(cleanText(f[k] ?? '')).slice(0, 2000),
      ]),
    );
    const errors: FieldErrors = {};
    const pct = Number(v.progressPercent);
    if (v.progressPercent === '' || !Number.isFinite(pct) || pct < 0 || pct > 100)
      errors.progressPercent = [L(c, '0~100 사이의 수를 적으세요.', 'A number from 0 to 100.')];
    if (!isIsoDate(v.asOf)) errors.asOf = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    if (v.entryDate && !isIsoDate(v.entryDate))
      errors.entryDate = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    if (v.entry && !v.indicator) errors.entry = [L(c, '성과지표를 고르세요.', 'Choose the indicator.')];
    if (!settings.statuses.some((x) => x.code === v.status))
      errors.status = [L(c, '없는 상태입니다.', 'Unknown status.')];
    if (Object.keys(errors).length) return page(c, { values: v, errors, status: 422 });
    // The edit is applied to the pledge read again under a row lock in the saving transaction: a change request
    // published (or another report saved) since the page was read must not be overwritten by a stale copy.
    const edit = (base: Pledge) => {
      const next: Pledge = structuredClone(base);
      const fields: string[] = [];
      if (next.progressPercent !== pct) {
        next.progressPercent = pct;
        fields.push('progressPercent');
      }
      if (next.asOf !== v.asOf) {
        next.asOf = v.asOf;
        fields.push('asOf');
      }
      const statusChanged = next.status !== v.status;
      if (statusChanged) {
        next.status = v.status;
        fields.push('status');
      }
      if (v.entry) {
        const items = parseItems(v.entry.split('\n'));
        if (v.entryDate && items[0]) items[0].date = v.entryDate;
        const log = next.progress.find((x) => x.indicator === v.indicator);
        if (log) log.items.push(...items);
        else next.progress.push({ indicator: v.indicator, items, tables: [] });
        fields.push('progress');
      }
      return { next, fields, statusChanged };
    };
    const refuse = (why: { ko: string; en: string }) => () =>
      page(c, {
        values: v,
        status: 409,
        error: `${why[c.get('lang')]} — ${L(c, '변경 요청으로 제안하세요.', 'Propose it as a change request.')}`,
      });
    return once(c, async (trx) => {
      const current = await store.lockPledge(trx, s.id);
      if (!current) return refuse({ ko: '공약이 없습니다', en: 'no such pledge' });
      const { next, fields, statusChanged } = edit(current.pledge);
      const ok = checkDirectEdit(current.pledge, ca, fields, settings, statusChanged ? v.status : undefined);
      if (!ok.ok) return refuse(ok.reason);
      if (fields.length)
        await store.savePledge(trx, next, {
          layout: current.layout,
          actor: who(actor),
          action: 'pledge.report',
          reason: fields.join(','),
        });
      return `/pledges/${s.id}/report?msg=saved`;
    });
  });
}

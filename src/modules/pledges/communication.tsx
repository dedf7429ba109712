// The communication card (구민소통 관리카드, seed 004) with automatic totals and linked Madang activity.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../platform/context.ts';
import type { Database } from '../../platform/db.ts';
import { renderPage } from '../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../platform/ui/forms.tsx';
import { forbidden } from '../../platform/http/app.tsx';
import { cleanText } from '../../platform/http/validate.ts';
import { recordAudit } from '../../platform/audit.ts';
import { isIsoDate, seoulDateOf } from '../../rules/index.ts';
import { buildCommunicationCard, toJson, toXlsx, checkEntry, CommunicationEntry, SITE_VISIT, type Pledge } from './domain/index.ts';
import { pledgeSettingsOf } from './manifest.ts';
import * as perm from './permissions.ts';
import * as store from './store.ts';
import { communicationsOf, download } from './routes.tsx';
import { PrintCss, ReportView } from './views.tsx';
import { L, who, loginFirst, departmentNames, pledgeDepartments, pledgeFromParam } from './work-shared.tsx';

/** The pledge and settings when the signed-in person may record its communication; otherwise the response to send. */
async function recordable(c: Context<AppEnv>) {
  const db = c.get('p').db, actor = c.get('actor');
  if (!actor) return loginFirst(c);
  const s = await pledgeFromParam(c);
  if (!s) return c.notFound();
  if (!perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor))) return forbidden(c);
  const { settings } = await pledgeSettingsOf(db);
  return { db, actor, s, settings };
}

export function registerCommunication(app: Hono<AppEnv>) {
  // The city's whole card (seed 004): every pledge's totals, entries, press and site visits; A4 HTML and XLSX.
  const wholeCard = async (db: Database) => {
    const { settings } = await pledgeSettingsOf(db);
    const all = await store.allPledges(db);
    const entries = (await Promise.all(all.map((s) => communicationsOf(db, s.id, s.pledge.id)))).flat();
    return buildCommunicationCard(all.map((s) => s.pledge), entries, await store.linkedOf(db, all.map((s) => ({ id: s.id, code: s.pledge.id }))), settings);
  };
  app.get('/pledges/communication', async (c) => {
    const card = await wholeCard(c.get('p').db);
    return renderPage(c, { title: card.title }, (
      <article>
        <PrintCss />
        <p class="no-print"><a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a></p>
        <h1>{card.title}</h1>
        <ReportView report={card} />
        <ul class="downloads"><li><a href="/pledges/communication.xlsx">XLSX</a></li><li><a href="/pledges/communication.json">JSON</a></li></ul>
      </article>
    ));
  });
  app.get('/pledges/:file{communication\\.(?:xlsx|json)}', async (c) => {
    const card = await wholeCard(c.get('p').db);
    return c.req.param('file').endsWith('xlsx')
      ? download(c, await toXlsx(card), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '구민소통관리카드.xlsx')
      : download(c, toJson(card), 'application/json; charset=utf-8', '구민소통관리카드.json');
  });

  const page = async (c: Context<AppEnv>, o: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {}) => {
    const db = c.get('p').db, actor = c.get('actor');
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    const { settings } = await pledgeSettingsOf(db);
    const entries = await communicationsOf(db, s.id, s.pledge.id);
    const card = buildCommunicationCard([s.pledge], entries, await store.linkedOf(db, [{ id: s.id, code: s.pledge.id }]), settings);
    const can = perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor));
    const v = o.values ?? {};
    const lv = o.values ?? {};
    const types = [...settings.communicationTypes.map((t) => ({ id: t.id, label: t.label })), { id: SITE_VISIT, label: settings.siteVisitLabel }];
    return renderPage(c, { title: `${card.title}: ${s.pledge.title}`, status: o.status, notice: c.req.query('msg') === 'saved' ? L(c, '기록했습니다.', 'Saved.') : undefined }, (
      <article>
        <PrintCss />
        <p class="no-print"><a href={`/pledges/${s.id}`}>{s.pledge.title}</a></p>
        <h1>{card.title}: {s.pledge.title}</h1>
        <ReportView report={card} />
        {can ? (
          <form method="post" action={`/pledges/${s.id}/communication`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '소통 기록 추가', 'Add a record')}</h2>
            <div class="form-group">
              <label for="f-type">{L(c, '유형', 'Type')}</label>
              <select id="f-type" name="type">{types.map((t) => <option value={t.id} selected={v.type === t.id}>{t.label}</option>)}</select>
            </div>
            <Field name="date" type="date" label={L(c, '일시', 'Date')} value={v.date} errors={o.errors} required />
            <Field name="place" label={L(c, '장소', 'Place')} value={v.place} errors={o.errors} maxLength={200} />
            <Field name="audience" label={L(c, '대상', 'Audience')} value={v.audience} errors={o.errors} maxLength={200} />
            <Field name="title" label={L(c, '제목', 'Title')} value={v.title} errors={o.errors} maxLength={200} />
            <Field name="content" label={L(c, '내용', 'Content')} value={v.content} errors={o.errors} multiline rows={4} maxLength={2000} />
            <Field name="mediaName" label={L(c, '언론사명 (보도일 때)', 'Media (for press)')} value={v.mediaName} errors={o.errors} maxLength={100} />
            <button type="submit" class="btn btn-primary">{L(c, '기록', 'Save')}</button>
          </form>
        ) : null}
        {can ? (
          <form method="post" action={`/pledges/${s.id}/links`} novalidate>
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '마당 활동 연결', 'Link Madang activity')}</h2>
            <p class="help">{L(c, '연결한 설문·토론·설명회·제안은 소통 횟수에 저절로 더해집니다.', 'Linked surveys, debates, briefings and proposals are counted by themselves.')}</p>
            <div class="form-group">
              <label for="f-kind">{L(c, '활동 종류', 'Kind')}</label>
              <select id="f-kind" name="kind">{Object.keys(settings.linkedActivityTypes).map((k) => <option value={k} selected={lv.kind === k}>{k}</option>)}</select>
            </div>
            <Field name="path" label={L(c, '마당 주소 (예: /proposals/3)', 'Madang address (e.g. /proposals/3)')} value={lv.path} errors={o.errors} required maxLength={200} />
            <Field name="linkTitle" label={L(c, '제목 (제안이면 비워 두세요)', 'Title (leave empty for a proposal)')} value={lv.linkTitle} errors={o.errors} maxLength={200} />
            <Field name="day" type="date" label={L(c, '일자 (제안이면 비워 두세요)', 'Date (leave empty for a proposal)')} value={lv.day} errors={o.errors} />
            <button type="submit" class="btn btn-secondary">{L(c, '연결', 'Link')}</button>
          </form>
        ) : null}
      </article>
    ));
  };
  app.get('/pledges/:id{[0-9]+}/communication', (c) => page(c));
  app.post('/pledges/:id{[0-9]+}/links', async (c) => {
    const r = await recordable(c);
    if (r instanceof Response) return r;
    const { db, actor, s, settings } = r;
    const f = c.get('form');
    const v = Object.fromEntries(['kind', 'path', 'linkTitle', 'day'].map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, 200)]));
    const errors: FieldErrors = {};
    if (!(v.kind in settings.linkedActivityTypes)) errors.path = [L(c, '없는 활동 종류입니다.', 'Unknown kind.')];
    let title = v.linkTitle, day = v.day;
    const proposal = /^\/proposals\/(\d{1,9})$/.exec(v.path);
    if (!/^\/(?!\/)[\w\-/.%]*$/.test(v.path)) errors.path = [L(c, '마당 안의 주소를 /로 시작해 적으세요.', 'Give a Madang address starting with /.')];
    else if (proposal) {
      const row = await db.selectFrom('proposals').select(['title', 'created_at', 'stage']).where('id', '=', Number(proposal[1])).executeTakeFirst();
      // Only public proposals may be linked (not drafts, ones waiting for screening, or withdrawn ones).
      if (!row || ['draft', 'submitted', 'screening', 'withdrawn'].includes(row.stage)) errors.path = [L(c, '없는 제안입니다.', 'No such proposal.')];
      else { title ||= row.title; day ||= seoulDateOf(new Date(row.created_at)); }
    }
    if (!errors.path && !title) errors.linkTitle = [L(c, '제목을 적으세요.', 'Give a title.')];
    if (!errors.path && !isIsoDate(day)) errors.day = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    if (!errors.path && !errors.day && await db.selectFrom('pledge_links').select('id').where('pledge_id', '=', s.id).where('path', '=', v.path).executeTakeFirst()) errors.path = [L(c, '이미 연결한 활동입니다.', 'Already linked.')];
    if (Object.keys(errors).length) return page(c, { values: v, errors, status: 422 });
    await db.transaction().execute(async (trx) => {
      const { id: lid } = await trx.insertInto('pledge_links').values({ pledge_id: s.id, kind: v.kind, path: v.path, title, day, created_by: actor.id }).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, { actor: who(actor), action: 'pledge.link.add', targetType: 'pledge-link', targetId: lid, after: { pledge: s.pledge.id, kind: v.kind, path: v.path, title, day } });
    });
    return c.redirect(`/pledges/${s.id}/communication?msg=saved`, 303);
  });
  app.post('/pledges/:id{[0-9]+}/communication', async (c) => {
    const r = await recordable(c);
    if (r instanceof Response) return r;
    const { db, actor, s, settings } = r;
    const f = c.get('form');
    const keys = ['type', 'date', 'place', 'audience', 'title', 'content', 'mediaName'] as const;
    const v = Object.fromEntries(keys.map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, k === 'content' ? 2000 : 200)])) as Record<(typeof keys)[number], string>;
    const errors: FieldErrors = {};
    if (!isIsoDate(v.date)) errors.date = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    const entry = CommunicationEntry.safeParse({ id: 'new', pledgeId: s.pledge.id, type: v.type, date: v.date, place: v.place || undefined, audience: v.audience || undefined, title: v.title || undefined, content: v.content || undefined, mediaName: v.mediaName || undefined });
    if (entry.success) { const ck = checkEntry(entry.data, settings); if (!ck.ok) errors.type = [ck.reason[c.get('lang')]]; }
    if (!entry.success && !errors.date) errors.type = [L(c, '값을 확인하세요.', 'Check the values.')];
    if (Object.keys(errors).length || !entry.success) return page(c, { values: v, errors, status: 422 });
    await db.transaction().execute((trx) => store.addCommunication(trx, { pledgeId: s.id, entry: entry.data, createdBy: actor.id, actor: who(actor) }));
    return c.redirect(`/pledges/${s.id}/communication?msg=saved`, 303);
  });
}

// ---- citizen panel --------------------------------------------------------------------------------------------

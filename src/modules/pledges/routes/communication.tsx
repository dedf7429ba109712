// The communication card (구민소통 관리카드, seed 004): the city's whole card and each pledge's, with automatic totals,
// linked Madang activity counted live (link-routes.tsx), and entries recorded by the department with their photos.
import type { Hono, Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import type { Database } from '../../../platform/db.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { Csrf, Field, type FieldErrors } from '../../../platform/ui/forms.tsx';
import { cleanText } from '../../../platform/http/validate.ts';
import { isIsoDate } from '../../../rules/index.ts';
import {
  buildCommunicationCard,
  reportTables,
  checkEntry,
  checkAlt,
  checkPhoto,
  CommunicationEntry,
  SITE_VISIT,
  type Report,
} from '../domain/index.ts';
import { pledgeSettingsOf } from '../tracker.ts';
import * as perm from '../permissions.ts';
import * as store from '../store.ts';
import { linkableComponents, linkedOf } from '../links.ts';
import { serveReport } from '../../../platform/reports/index.ts';
import { PrintCss, ReportView } from '../../../platform/reports/index.ts';
import { LinkForm, registerLinks } from './links.tsx';
import {
  L,
  who,
  recordable,
  pledgeFromParam,
  pledgeDepartments,
  departmentNames,
  type PageOptions,
} from './shared.tsx';
import { once } from '../../../platform/http/once.tsx';

/** Photo slots on the entry form (seed 004 prints two 관련사진 per entry; one more for a press scrap and its page). */
const PHOTO_SLOTS = 3;

function PhotoSlot({
  c,
  n,
  v,
  errors,
  retry,
}: {
  c: Context<AppEnv>;
  n: number;
  v: Record<string, string>;
  errors?: FieldErrors;
  retry: boolean;
}) {
  const errs = errors?.[`photo${n}`] ?? [];
  const help = `f-photo${n}-help`;
  return (
    <fieldset class="photo-slot">
      <legend>{L(c, `관련사진 ${n}`, `Photo ${n}`)}</legend>
      <div class={errs.length ? 'form-group has-error' : 'form-group'}>
        <label for={`f-photo${n}`}>{L(c, '사진 파일 (JPEG, PNG, WebP)', 'Photo file (JPEG, PNG, WebP)')}</label>
        {retry ? (
          <p class="help" id={help}>
            {L(
              c,
              '보안을 위해 고른 사진은 다시 보내지 않습니다. 사진을 다시 골라 주세요.',
              'For safety a chosen photo is not sent back; choose it again.',
            )}
          </p>
        ) : null}
        <input
          type="file"
          id={`f-photo${n}`}
          name={`photo${n}`}
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={errs.length ? 'true' : undefined}
          aria-describedby={
            [retry ? help : null, errs.length ? `f-photo${n}-error` : null].filter(Boolean).join(' ') || undefined
          }
        />
        {errs.length ? (
          <p class="error-text" id={`f-photo${n}-error`}>
            {errs.join(' ')}
          </p>
        ) : null}
      </div>
      <Field
        name={`alt${n}`}
        label={L(c, '사진 설명 (대체 텍스트)', 'Description of the photo (alternative text)')}
        value={v[`alt${n}`]}
        errors={errors}
        maxLength={200}
        help={L(
          c,
          '사진을 올리면 꼭 적습니다. 예: 시청 대강당에서 열린 주민설명회에 주민 80여 명이 참석한 모습',
          'Required with a photo, e.g. About 80 residents at the briefing in the city hall auditorium',
        )}
      />
    </fieldset>
  );
}

export function registerCommunication(app: Hono<AppEnv>) {
  // The city's whole card (seed 004): every pledge's totals, entries, press and site visits; A4 HTML and XLSX.
  const wholeCard = async (db: Database) => {
    const { settings } = await pledgeSettingsOf(db);
    const all = await store.allPledges(db);
    const keys = all.map((s) => ({ id: s.id, code: s.pledge.id }));
    const [entries, linked] = await Promise.all([store.communicationsOf(db, keys), linkedOf(db, keys)]);
    return buildCommunicationCard(
      all.map((s) => s.pledge),
      entries,
      linked,
      settings,
    );
  };
  /** The card as open data: XLSX (a sheet per table), JSON, and each table as CSV — under `base`. */
  const Downloads = ({ base, card }: { base: string; card: Report }) => (
    <ul class="downloads no-print">
      <li>
        <a href={`${base}.xlsx`}>XLSX</a>
      </li>
      <li>
        <a href={`${base}.json`}>JSON</a>
      </li>
      {reportTables(card).map((t) => (
        <li>
          <a href={`${base}/tables/${t.id}.csv`}>CSV: {t.title}</a>
        </li>
      ))}
    </ul>
  );
  const pledgeCard = async (db: Database, s: NonNullable<Awaited<ReturnType<typeof pledgeFromParam>>>) => {
    const { settings } = await pledgeSettingsOf(db);
    const key = [{ id: s.id, code: s.pledge.id }];
    const [entries, linked] = await Promise.all([store.communicationsOf(db, key), linkedOf(db, key)]);
    return { card: buildCommunicationCard([s.pledge], entries, linked, settings), linked, settings };
  };

  app.get('/pledges/communication', async (c) => {
    const card = await wholeCard(c.get('p').db);
    return renderPage(
      c,
      { title: card.title },
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print">
          <a href="/pledges">{L(c, '공약 이행 현황', 'Pledge tracker')}</a>
        </p>
        <h1>{card.title}</h1>
        <ReportView report={card} />
        <Downloads base="/pledges/communication" card={card} />
      </article>,
    );
  });
  app.get('/pledges/:file{communication\\.(?:xlsx|json)}', async (c) =>
    serveReport(c, await wholeCard(c.get('p').db), c.req.param('file').split('.')[1], '구민소통관리카드'),
  );
  app.get('/pledges/communication/tables/:table{[\\w-]+\\.csv}', async (c) =>
    serveReport(c, await wholeCard(c.get('p').db), c.req.param('table'), '구민소통관리카드'),
  );
  app.get('/pledges/:id{[0-9]+}/:file{communication\\.(?:xlsx|json)}', async (c) => {
    const s = await pledgeFromParam(c);
    return s
      ? serveReport(
          c,
          (await pledgeCard(c.get('p').db, s)).card,
          c.req.param('file').split('.')[1],
          `구민소통관리카드_${s.pledge.id}`,
        )
      : c.notFound();
  });
  app.get('/pledges/:id{[0-9]+}/communication/tables/:table{[\\w-]+\\.csv}', async (c) => {
    const s = await pledgeFromParam(c);
    return s
      ? serveReport(
          c,
          (await pledgeCard(c.get('p').db, s)).card,
          c.req.param('table'),
          `구민소통관리카드_${s.pledge.id}`,
        )
      : c.notFound();
  });

  const page = async (c: Context<AppEnv>, o: PageOptions = {}) => {
    const db = c.get('p').db,
      actor = c.get('actor');
    const s = await pledgeFromParam(c);
    if (!s) return c.notFound();
    const { tracker } = await pledgeSettingsOf(db);
    const { card, linked, settings } = await pledgeCard(db, s);
    const can = perm.canRecordCommunication(actor, pledgeDepartments(s.pledge), await departmentNames(db, actor));
    const comps = can ? await linkableComponents(db) : [];
    const v = o.form === 'entry' ? (o.values ?? {}) : {};
    const errors = o.form === 'entry' ? o.errors : undefined;
    const types = [
      ...settings.communicationTypes.map((t) => ({ id: t.id, label: t.label })),
      { id: SITE_VISIT, label: settings.siteVisitLabel },
    ];
    const msg = c.req.query('msg');
    const notice =
      msg === 'saved'
        ? L(c, '기록했습니다.', 'Saved.')
        : msg === 'linked'
          ? L(
              c,
              '연결했습니다. 이제 그곳의 활동이 저절로 집계됩니다.',
              'Linked; its activity is now counted by itself.',
            )
          : msg === 'unlinked'
            ? L(c, '연결을 풀었습니다.', 'Unlinked.')
            : undefined;
    return renderPage(
      c,
      { title: `${card.title}: ${s.pledge.title}`, status: o.status, notice },
      <article>
        <PrintCss href="/pledges/report.css" />
        <p class="no-print">
          <a href={`/pledges/${s.id}`}>{s.pledge.title}</a>
        </p>
        <h1>
          {card.title}: {s.pledge.title}
        </h1>
        <ReportView report={card} />
        <Downloads base={`/pledges/${s.id}/communication`} card={card} />
        {can ? (
          <form
            method="post"
            action={`/pledges/${s.id}/communication`}
            enctype="multipart/form-data"
            novalidate
            class="no-print"
          >
            <Csrf token={c.get('csrf')} />
            <h2>{L(c, '소통 기록 추가', 'Add a record')}</h2>
            <div class={errors?.type ? 'form-group has-error' : 'form-group'}>
              <label for="f-type">{L(c, '유형', 'Type')}</label>
              <select id="f-type" name="type" aria-describedby={errors?.type ? 'f-type-error' : undefined}>
                {types.map((t) => (
                  <option value={t.id} selected={v.type === t.id}>
                    {t.label}
                  </option>
                ))}
              </select>
              {errors?.type ? (
                <p class="error-text" id="f-type-error">
                  {errors.type.join(' ')}
                </p>
              ) : null}
            </div>
            <Field name="date" type="date" label={L(c, '일시', 'Date')} value={v.date} errors={errors} required />
            <Field name="place" label={L(c, '장소', 'Place')} value={v.place} errors={errors} maxLength={200} />
            <Field
              name="audience"
              label={L(c, '대상', 'Audience')}
              value={v.audience}
              errors={errors}
              maxLength={200}
            />
            <Field name="title" label={L(c, '제목', 'Title')} value={v.title} errors={errors} maxLength={200} />
            <Field
              name="content"
              label={L(c, '내용', 'Content')}
              value={v.content}
              errors={errors}
              multiline
              rows={4}
              maxLength={2000}
            />
            <Field
              name="mediaName"
              label={L(c, '언론사명 (보도일 때)', 'Media (for press)')}
              value={v.mediaName}
              errors={errors}
              maxLength={100}
            />
            <p class="help">
              {L(
                c,
                `사진은 한 장에 ${tracker.photoMaxMegabytes}MB까지 올릴 수 있습니다.`,
                `Each photo may be up to ${tracker.photoMaxMegabytes} MB.`,
              )}
            </p>
            {Array.from({ length: PHOTO_SLOTS }, (_, i) => (
              <PhotoSlot c={c} n={i + 1} v={v} errors={errors} retry={!!o.errors && v[`chosen${i + 1}`] === '1'} />
            ))}
            <button type="submit" class="btn btn-primary">
              {L(c, '기록', 'Save')}
            </button>
          </form>
        ) : null}
        {can ? (
          <LinkForm
            c={c}
            pledgeId={s.id}
            settings={settings}
            linked={linked}
            comps={comps}
            values={o.form === 'link' ? o.values : undefined}
            errors={o.form === 'link' ? o.errors : undefined}
          />
        ) : null}
      </article>,
    );
  };
  app.get('/pledges/:id{[0-9]+}/communication', (c) => page(c));
  registerLinks(app, page);

  app.post('/pledges/:id{[0-9]+}/communication', async (c) => {
    const r = await recordable(c);
    if (r instanceof Response) return r;
    const { db, actor, s, settings, tracker } = r;
    const lang = c.get('lang');
    const f = c.get('form');
    const keys = ['type', 'date', 'place', 'audience', 'title', 'content', 'mediaName'] as const;
    const v: Record<string, string> = Object.fromEntries(
      keys.map((k) => [k, String(cleanText(f[k] ?? '')).slice(0, k === 'content' ? 2000 : 200)]),
    );
    const errors: FieldErrors = {};
    if (!isIsoDate(v.date)) errors.date = [L(c, '날짜를 YYYY-MM-DD로 적으세요.', 'Use YYYY-MM-DD.')];
    const entry = CommunicationEntry.safeParse({
      id: 'new',
      pledgeId: s.pledge.id,
      type: v.type,
      date: v.date,
      place: v.place || undefined,
      audience: v.audience || undefined,
      title: v.title || undefined,
      content: v.content || undefined,
      mediaName: v.mediaName || undefined,
    });
    if (entry.success) {
      const ck = checkEntry(entry.data, settings);
      if (!ck.ok) errors.type = [ck.reason[lang]];
    }
    if (!entry.success && !errors.date) errors.type = [L(c, '값을 확인하세요.', 'Check the values.')];
    // Photos: the type from the bytes, the size from the setting, a description for each.
    const body = /^multipart\/form-data/i.test(c.req.header('content-type') ?? '')
      ? await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>)
      : {};
    const photos: store.NewPhoto[] = [];
    for (let n = 1; n <= PHOTO_SLOTS; n++) {
      const raw = body[`photo${n}`];
      const file = (Array.isArray(raw) ? raw[0] : raw) as File | string | undefined;
      const alt = String(cleanText(f[`alt${n}`] ?? '')).slice(0, 300);
      v[`alt${n}`] = alt;
      const chosen =
        typeof file === 'object' && file !== null && 'arrayBuffer' in file && (file.size > 0 || !!file.name);
      if (!chosen) {
        if (alt)
          errors[`photo${n}`] = [
            L(c, '설명에 맞는 사진 파일을 골라 주세요.', 'Choose the photo this description is for.'),
          ];
        continue;
      }
      v[`chosen${n}`] = '1';
      const bytes = new Uint8Array(await file.arrayBuffer());
      const ph = checkPhoto(bytes, tracker.photoMaxMegabytes * 1024 * 1024);
      const a = checkAlt(alt);
      if (!ph.ok) errors[`photo${n}`] = [ph.reason[lang]];
      if (!a.ok) errors[`alt${n}`] = [a.reason[lang]];
      if (ph.ok && a.ok) photos.push({ bytes, type: ph.value, alt: a.value });
    }
    if (Object.keys(errors).length || !entry.success) return page(c, { values: v, errors, status: 422, form: 'entry' });
    return once(c, async (trx) => {
      const id = await store.addCommunication(trx, {
        pledgeId: s.id,
        entry: entry.data,
        createdBy: actor.id,
        actor: who(actor),
        photos: photos.map((p) => ({ alt: p.alt, type: p.type, size: p.bytes.length })),
      });
      await store.addPhotos(trx, id, photos, actor.id);
      return `/pledges/${s.id}/communication?msg=saved`;
    });
  });

  // A photo: the stored bytes with their sniffed type. Its address never serves other bytes (no update, ids are not
  // reused), so browsers and proxies may keep it for a year; the SHA-256 answers revalidation.
  app.get('/pledges/photos/:id{[0-9]{1,9}}', async (c) => {
    const ph = await store.photoById(c.get('p').db, Number(c.req.param('id')));
    if (!ph) return c.notFound();
    const etag = `"${ph.sha256}"`;
    const headers = {
      'content-type': ph.content_type,
      'cache-control': 'public, max-age=31536000, immutable',
      etag,
      'content-disposition': 'inline',
    };
    if (
      (c.req.header('if-none-match') ?? '')
        .split(',')
        .map((x) => x.trim())
        .includes(etag)
    )
      return c.body(null, 304, headers);
    return c.body(new Uint8Array(ph.bytes) as never, 200, { ...headers, 'content-length': String(ph.size) });
  });
}

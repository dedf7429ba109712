// The person's 알림 설정 page (e-mail with confirmation by link, mobile number, channel choices, language), the
// confirmation link, and the one-click unsubscribe page. Contacts are shown to the person only.
import type { Hono, Context } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../context.ts';
import type { MessageKey } from '../i18n/index.ts';
import { renderPage } from '../ui/layout.tsx';
import { Csrf, ErrorSummary, Field, type FieldErrors } from '../ui/forms.tsx';
import { readForm } from '../http/middleware.tsx';
import { secretsOf } from '../keys.ts';
import {
  checkUnsubscribeToken,
  confirmEmail,
  confirmPhone,
  formatMobile,
  loadContacts,
  normalizeMobile,
  requestConfirmation,
  requestPhoneCode,
  saveContacts,
  unsubscribe,
  type ContactChoices,
  type Contacts,
  type PhoneChannel,
  type UnsubscribeChannel,
} from './contacts.ts';
import { once } from '../http/once.tsx';

const PHONE_CHANNELS: PhoneChannel[] = ['none', 'sms', 'kakao-alimtalk'];
const Email = z.email().max(254);

/** Reads the form: the choices, or a message key per field that is wrong. Pure, so the rules are tested directly. */
export function readChoices(
  form: Record<string, string | undefined>,
): { ok: true; data: ContactChoices } | { ok: false; errors: Record<string, MessageKey> } {
  const errors: Record<string, MessageKey> = {};
  const email = (form.email ?? '').trim() || null;
  const emailNotices = form.emailNotices === 'on' || form.emailNotices === '1';
  const phoneTyped = (form.phone ?? '').trim();
  const phone = phoneTyped ? normalizeMobile(phoneTyped) : null;
  const phoneChannel = (form.phoneChannel ?? 'none') as PhoneChannel;
  const lang = form.lang === 'en' ? 'en' : form.lang === 'ko' || !form.lang ? 'ko' : null;
  if (email && !Email.safeParse(email).success) errors.email = 'contacts.v.email';
  else if (emailNotices && !email) errors.email = 'contacts.v.emailNeeded';
  if (!PHONE_CHANNELS.includes(phoneChannel)) errors.phoneChannel = 'v.invalid';
  if (phoneTyped && !phone) errors.phone = 'contacts.v.phone';
  else if (phoneChannel !== 'none' && PHONE_CHANNELS.includes(phoneChannel) && !phone)
    errors.phone = 'contacts.v.phoneNeeded';
  if (!lang) errors.lang = 'v.invalid';
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, data: { email, emailNotices, phone, phoneChannel, lang: lang! } };
}

const loginFirst = (c: Context<AppEnv>) => c.redirect('/login?required=1&back=/me/notifications', 303);
const DONE: Record<string, MessageKey> = {
  saved: 'contacts.saved',
  sent: 'contacts.confirmSent',
  resent: 'contacts.confirmSent',
  wait: 'contacts.confirmWait',
  'code-sent': 'contacts.code.sent',
  'code-wait': 'contacts.code.wait',
  'code-ok': 'contacts.code.ok',
};

function Choice(p: {
  type: 'radio' | 'checkbox';
  name: string;
  value: string;
  id: string;
  checked: boolean;
  label: string;
}) {
  return (
    <div class={p.type}>
      <input type={p.type} name={p.name} id={p.id} value={p.value} checked={p.checked} />
      <label for={p.id}>{p.label}</label>
    </div>
  );
}

async function settingsPage(
  c: Context<AppEnv>,
  o: {
    values?: Record<string, string>;
    errors?: FieldErrors;
    status?: number;
    code?: { value: string; errors: FieldErrors };
  } = {},
) {
  const t = c.get('t'),
    actor = c.get('actor')!,
    p = c.get('p');
  const saved = await loadContacts(p.db, p.config, actor.id);
  const v = o.values ?? valuesOf(saved, c.get('lang'));
  const done = DONE[c.req.query('done') ?? ''];
  const labels = {
    email: t('contacts.email'),
    phone: t('contacts.phone'),
    phoneChannel: t('contacts.phoneChannel'),
    lang: t('contacts.lang'),
  };
  const status = !saved?.email
    ? null
    : saved.emailConfirmed
      ? t('contacts.email.confirmed')
      : saved.emailRequestedAt
        ? t('contacts.email.pending')
        : t('contacts.email.unconfirmed');
  const phoneStatus = !saved?.phone
    ? null
    : saved.phoneConfirmed
      ? t('contacts.phone.confirmed')
      : saved.phoneRequestedAt
        ? t('contacts.phone.pending')
        : t('contacts.phone.unconfirmed');
  return renderPage(
    c,
    { title: t('contacts.title'), status: o.status, notice: done ? t(done) : undefined },
    <div>
      <h1>{t('contacts.title')}</h1>
      <p>{t('contacts.intro')}</p>
      <form method="post" action="/me/notifications" novalidate>
        <Csrf token={c.get('csrf')} />
        <ErrorSummary
          title={t('form.errors', { count: Object.keys(o.errors ?? {}).length })}
          errors={o.errors ?? {}}
          labels={labels}
        />
        <h2>{t('contacts.byEmail')}</h2>
        <Field
          name="email"
          type="email"
          autocomplete="email"
          label={t('contacts.email')}
          value={v.email}
          errors={o.errors}
          maxLength={254}
          help={status ?? t('contacts.email.help')}
        />
        <Choice
          type="checkbox"
          name="emailNotices"
          id="f-emailNotices"
          value="on"
          checked={v.emailNotices === 'on'}
          label={t('contacts.emailNotices')}
        />
        <h2>{t('contacts.byPhone')}</h2>
        <Field
          name="phone"
          type="tel"
          autocomplete="tel"
          label={t('contacts.phone')}
          value={v.phone}
          errors={o.errors}
          maxLength={20}
          help={phoneStatus ? `${t('contacts.phone.help')} ${phoneStatus}` : t('contacts.phone.help')}
        />
        {/* KRDS hides every <legend> from sight, so the groups are labelled by visible text instead. */}
        <div
          class="form-group"
          role="radiogroup"
          aria-labelledby="f-phoneChannel-label"
          aria-describedby="f-phoneChannel-help"
        >
          <p class="group-label" id="f-phoneChannel-label">
            {t('contacts.phoneChannel')}
          </p>
          <p class="help" id="f-phoneChannel-help">
            {t('contacts.phoneChannel.help')}
          </p>
          {PHONE_CHANNELS.map((ch) => (
            <Choice
              type="radio"
              name="phoneChannel"
              id={`f-phoneChannel-${ch}`}
              value={ch}
              checked={v.phoneChannel === ch}
              label={t(`contacts.channel.${ch}`)}
            />
          ))}
        </div>
        <div class="form-group" role="radiogroup" aria-labelledby="f-lang-label">
          <p class="group-label" id="f-lang-label">
            {t('contacts.lang')}
          </p>
          <Choice type="radio" name="lang" id="f-lang-ko" value="ko" checked={v.lang !== 'en'} label="한국어" />
          <Choice type="radio" name="lang" id="f-lang-en" value="en" checked={v.lang === 'en'} label="English" />
        </div>
        <button type="submit" class="btn btn-primary">
          {t('form.save')}
        </button>
      </form>
      {saved?.phone && !saved.phoneConfirmed ? (
        <section aria-labelledby="phone-code-title">
          <h2 id="phone-code-title">{t('contacts.code.submit')}</h2>
          <form method="post" action="/me/notifications/phone-code" novalidate>
            <Csrf token={c.get('csrf')} />
            <ErrorSummary
              title={t('form.errors', { count: Object.keys(o.code?.errors ?? {}).length })}
              errors={o.code?.errors ?? {}}
              labels={{ code: t('contacts.code') }}
            />
            <Field
              name="code"
              label={t('contacts.code')}
              value={o.code?.value ?? ''}
              errors={o.code?.errors}
              maxLength={6}
              inputmode="numeric"
              autocomplete="one-time-code"
              help={t('contacts.code.help')}
            />
            <button type="submit" class="btn btn-primary">
              {t('contacts.code.submit')}
            </button>
          </form>
          <form method="post" action="/me/notifications/phone-resend">
            <Csrf token={c.get('csrf')} />
            <button type="submit" class="btn btn-secondary">
              {t('contacts.code.resend')}
            </button>
          </form>
        </section>
      ) : null}
      {saved?.email && !saved.emailConfirmed ? (
        <form method="post" action="/me/notifications/resend">
          <Csrf token={c.get('csrf')} />
          <button type="submit" class="btn btn-secondary">
            {t('contacts.resend')}
          </button>
        </form>
      ) : null}
      <p>
        <a href="/notifications">{t('contacts.backToInbox')}</a>
      </p>
    </div>,
  );
}

const valuesOf = (s: Contacts | null, lang: 'ko' | 'en'): Record<string, string> => ({
  email: s?.email ?? '',
  emailNotices: !s || s.emailNotices ? 'on' : '',
  phone: s?.phone ? formatMobile(s.phone) : '',
  phoneChannel: s?.phoneChannel ?? 'none',
  lang: s?.lang ?? lang,
});

function unsubscribeParams(c: Context<AppEnv>): { person: number; channel: UnsubscribeChannel } | null {
  const person = Number(c.req.query('p')),
    channel = c.req.query('c'),
    token = c.req.query('t') ?? '';
  if (
    !Number.isInteger(person) ||
    person <= 0 ||
    person > 2_147_483_647 ||
    (channel !== 'email' && channel !== 'phone')
  )
    return null;
  return secretsOf(c.get('p').config).some((s) => checkUnsubscribeToken(s, person, channel, token))
    ? { person, channel }
    : null;
}

const badLink = (c: Context<AppEnv>) =>
  renderPage(
    c,
    { title: c.get('t')('unsubscribe.title'), status: 400 },
    <div>
      <h1>{c.get('t')('unsubscribe.title')}</h1>
      <p>{c.get('t')('unsubscribe.invalid')}</p>
    </div>,
  );

/**
 * One-click unsubscribe (RFC 8058): mail programs POST to the link without a session or a CSRF token; the signed link
 * is the authority, and all it can do is switch a channel off. Registered before the CSRF guard.
 */
export function registerUnsubscribe(app: Hono<AppEnv>) {
  app.post('/unsubscribe', async (c) => {
    const t = c.get('t');
    await readForm(c); // "List-Unsubscribe=One-Click"; nothing in it is needed
    const u = unsubscribeParams(c);
    if (!u) return badLink(c);
    await unsubscribe(c.get('p').db, u.person, u.channel);
    return renderPage(
      c,
      { title: t('unsubscribe.title') },
      <div>
        <h1>{t('unsubscribe.title')}</h1>
        <p role="status">{t(u.channel === 'email' ? 'unsubscribe.done.email' : 'unsubscribe.done.phone')}</p>
        <p>
          <a href="/me/notifications">{t('contacts.title')}</a>
        </p>
      </div>,
    );
  });
}

export function registerNotificationSettings(app: Hono<AppEnv>) {
  app.get('/me/notifications', async (c) => (c.get('actor') ? settingsPage(c) : loginFirst(c)));

  app.post('/me/notifications', async (c) => {
    const actor = c.get('actor'),
      t = c.get('t');
    if (!actor) return loginFirst(c);
    const form = c.get('form');
    const values = {
      email: form.email ?? '',
      emailNotices: form.emailNotices ? 'on' : '',
      phone: form.phone ?? '',
      phoneChannel: form.phoneChannel ?? 'none',
      lang: form.lang ?? '',
    };
    const r = readChoices(form);
    if (!r.ok)
      return settingsPage(c, {
        values,
        errors: Object.fromEntries(Object.entries(r.errors).map(([k, key]) => [k, [t(key)]])),
        status: 422,
      });
    return once(c, async (db) => {
      // a double click must not send the confirmation mail or code twice
      const { confirmationSent, codeSent } = await saveContacts(db, c.get('p').config, actor.id, r.data);
      return `/me/notifications?done=${confirmationSent ? 'sent' : codeSent ? 'code-sent' : 'saved'}`;
    });
  });

  app.post('/me/notifications/phone-resend', async (c) => {
    const actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const sent = await requestPhoneCode(c.get('p').db, actor.id);
    return c.redirect(`/me/notifications?done=${sent ? 'code-sent' : 'code-wait'}`, 303);
  });

  app.post('/me/notifications/phone-code', async (c) => {
    const actor = c.get('actor'),
      t = c.get('t'),
      p = c.get('p');
    if (!actor) return loginFirst(c);
    const typed = (c.get('form').code ?? '').slice(0, 20);
    const r = await confirmPhone(p.db, p.config, actor.id, typed);
    if (r.ok) return c.redirect('/me/notifications?done=code-ok', 303);
    const message =
      r.reason === 'wrong' ? t('contacts.code.wrong', { left: String(r.triesLeft) }) : t(`contacts.code.${r.reason}`);
    return settingsPage(c, { status: 422, code: { value: typed, errors: { code: [message] } } });
  });

  app.post('/me/notifications/resend', async (c) => {
    const actor = c.get('actor');
    if (!actor) return loginFirst(c);
    const sent = await requestConfirmation(c.get('p').db, actor.id);
    return c.redirect(`/me/notifications?done=${sent ? 'resent' : 'wait'}`, 303);
  });

  // The link in the confirmation mail: it works without signing in (people often open mail on another device).
  app.get('/me/notifications/confirm', async (c) => {
    const t = c.get('t'),
      p = c.get('p');
    const person = Number(c.req.query('p'));
    const ok =
      Number.isInteger(person) &&
      person > 0 &&
      person <= 2_147_483_647 &&
      (await confirmEmail(p.db, p.config, person, c.req.query('t') ?? ''));
    return renderPage(
      c,
      { title: t('contacts.confirm.title'), status: ok ? 200 : 400 },
      <div>
        <h1>{t('contacts.confirm.title')}</h1>
        <p role={ok ? 'status' : 'alert'} class={ok ? 'alert alert-success' : 'alert alert-danger'}>
          {t(ok ? 'contacts.confirm.ok' : 'contacts.confirm.bad')}
        </p>
        <p>
          <a href="/me/notifications">{t('contacts.title')}</a>
        </p>
      </div>,
    );
  });

  // The unsubscribe link opened in a browser: a page with one button (a GET must not change anything: mail
  // scanners open links). The button posts to the same signed address.
  app.get('/unsubscribe', (c) => {
    const t = c.get('t');
    const u = unsubscribeParams(c);
    if (!u) return badLink(c);
    const action = `/unsubscribe?${new URL(c.req.url).searchParams.toString()}`;
    return renderPage(
      c,
      { title: t('unsubscribe.title') },
      <div>
        <h1>{t('unsubscribe.title')}</h1>
        <p>{t(u.channel === 'email' ? 'unsubscribe.ask.email' : 'unsubscribe.ask.phone')}</p>
        <form method="post" action={action}>
          <Csrf token={c.get('csrf')} />
          <button type="submit" class="btn btn-primary">
            {t('unsubscribe.button')}
          </button>
        </form>
      </div>,
    );
  });
}

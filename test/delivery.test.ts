// Delivery with real parts: an SMTP server and an SMS/알림톡 gateway (test/catchers.ts) listening on this machine, the
// real database, the real app and the job worker. A follower hears of an answer by e-mail; unconfirmed addresses get
// nothing; a refusing mail server means retries and then one delivery; a failing 알림톡 falls back to SMS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { testApp, Client, SECRET, decode, type TestApp } from './helpers.ts';
import type { ParsedMail } from 'mailparser';
import { smtpCatcher, gatewayCatcher, type SmtpCatcher, type GatewayCatcher } from './catchers.ts';
import { loadConfig } from '../src/platform/config.ts';
import { createLogger } from '../src/platform/log.ts';
import { JobRegistry } from '../src/platform/jobs.ts';
import { sql } from '../src/platform/db.ts';
import { notify, type Notice } from '../src/platform/notify.ts';
import { startJobs, type Jobs } from '../src/platform/delivery/index.ts';
import { loadContacts, normalizeMobile, saveContacts } from '../src/platform/delivery/contacts.ts';

let t: TestApp, smtp: SmtpCatcher, gateway: GatewayCatcher, jobs: Jobs;
const logs: string[] = [];

before(async () => {
  [smtp, gateway] = await Promise.all([smtpCatcher(), gatewayCatcher()]);
  // Through the real configuration parser: what an operator would put in the environment.
  const env = loadConfig({
    SECRET,
    DATA_DIR: '.tmp/unused',
    SMTP_URL: smtp.url,
    MAIL_FROM: '마당시 <no-reply@madang.test>',
    SMS_GATEWAY: JSON.stringify({
      url: `${gateway.url}/sms`,
      from: '0212345678',
      headers: { Authorization: 'Bearer sms-key' },
    }),
    ALIMTALK_GATEWAY: JSON.stringify({
      url: `${gateway.url}/alimtalk`,
      senderKey: 'madang-channel',
      ok: '"ok":true',
      templates: { 'notice.answer.final': 'MADANG_ANSWER_FINAL', 'test.high': 'MADANG_TEST' },
    }),
  });
  t = await testApp({ config: { mail: env.mail, sms: env.sms, alimtalk: env.alimtalk } });
  const log = createLogger(
    'info',
    new Writable({
      write(chunk, _e, cb) {
        logs.push(String(chunk));
        cb();
      },
    }),
  );
  jobs = startJobs({ ...t.p, log }, { registry: new JobRegistry(), start: false, backoff: () => 0 });
});
after(async () => {
  await jobs.stop();
  await t.close();
  await smtp.close();
  await gateway.close();
});

const drain = () => jobs.worker.drain();
const personId = async (name: string) =>
  (await t.p.db.selectFrom('persons').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;
const jobsOf = (kind: string) => t.p.db.selectFrom('jobs').selectAll().where('kind', '=', kind).orderBy('id').execute();
/** A person with a confirmed address and number (as if they had followed the link and typed the code) and the given
 * phone choice. */
async function withContacts(
  name: string,
  c: { email?: string; phone?: string; phoneChannel?: 'none' | 'sms' | 'kakao-alimtalk'; lang?: 'ko' | 'en' },
) {
  const id = await personId(name);
  await saveContacts(t.p.db, t.p.config, id, {
    email: c.email ?? null,
    emailNotices: !!c.email,
    phone: c.phone ? normalizeMobile(c.phone) : null,
    phoneChannel: c.phoneChannel ?? 'none',
    lang: c.lang ?? 'ko',
  });
  await t.p.db
    .updateTable('person_contacts')
    .set({ email_confirmed_at: new Date(), phone_confirmed_at: c.phone ? new Date() : null })
    .where('person_id', '=', id)
    .execute();
  await t.p.db
    .deleteFrom('jobs')
    .where('kind', 'in', ['email.confirm', 'phone.confirm'])
    .where('state', '=', 'queued')
    .execute();
  return id;
}
/** citizen-3 writes on the 바랍니다 board (every request is owed an answer). */
async function propose(title: string, body: string): Promise<{ id: number; author: Client }> {
  const author = new Client(t);
  await author.loginAs('citizen-3');
  const created = await author.post('/s/sotong/request', { title, body, checkedSimilar: '1' });
  return { id: Number(created.headers.get('location')!.match(/\d+/)![0]), author };
}
/** The planning office assigns the 환경정책과, whose official posts a final answer. */
async function answerAsEnvironment(id: number, body: string): Promise<void> {
  const planner = new Client(t),
    official = new Client(t);
  await planner.loginAs('planning');
  const env = (
    await t.p.db.selectFrom('departments').select('id').where('code', '=', 'environment').executeTakeFirstOrThrow()
  ).id;
  await planner.post(`/proposals/${id}/department`, { department: String(env) });
  await official.loginAs('official-env');
  assert.equal(
    (await official.post(`/proposals/${id}/answers`, { tier: 'department', kind: 'final', result: 'adopted', body }))
      .status,
    303,
  );
}
/** A header as sent (mailparser turns List-* headers into objects). */
const header = (m: ParsedMail, name: string) =>
  m.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '') ?? '';
const linkIn = (text: string, path: string) => text.match(new RegExp(`http://localhost:\\d+${path}\\S*`))?.[0];
const local = (url: string) => url.replace(/^http:\/\/localhost:\d+/, '');

test('an address is confirmed by the link in its confirmation mail; a follower hears of the answer by e-mail in Korean with the link; an unconfirmed address gets nothing', async () => {
  const fan = new Client(t);
  await fan.loginAs('citizen-4');
  assert.match((await fan.get('/notifications')).html, /href="\/me\/notifications"/, 'the inbox links to the settings');
  const res = await fan.post('/me/notifications', {
    email: 'fan@example.kr',
    emailNotices: 'on',
    phone: '',
    phoneChannel: 'none',
    lang: 'ko',
  });
  assert.equal(res.status, 303);
  assert.equal(res.headers.get('location'), '/me/notifications?done=sent');
  const other = new Client(t);
  await other.loginAs('citizen-2');
  await other.post('/me/notifications', {
    email: 'late@example.kr',
    emailNotices: 'on',
    phoneChannel: 'none',
    lang: 'ko',
  });
  await drain();

  const [confirm] = smtp.to('fan@example.kr');
  assert.equal(confirm.subject, '[마당시] 이메일 주소를 확인해 주세요');
  const link = linkIn(confirm.text!, '/me/notifications/confirm');
  assert.ok(link, confirm.text);
  assert.match(confirm.html as string, /<html lang="ko">/);
  assert.match(decode((await fan.get('/me/notifications')).html), /확인 메일을 보냈습니다\. 메일의 링크를 눌러 주세요/);
  const anon = new Client(t); // people often open the mail on another device
  const confirmed = await anon.get(local(link));
  assert.equal(confirmed.res.status, 200);
  assert.match(confirmed.html, /이메일 주소가 확인되었습니다/);
  assert.equal((await anon.get(local(link))).res.status, 400, 'a link works once');
  assert.match(decode((await fan.get('/me/notifications')).html), /확인된 주소입니다/);

  const { id } = await propose(
    '공원 야간 조명을 늘려 주세요',
    '저녁 산책길이 너무 어둡습니다. 공원 산책로에 조명을 더 달아 주세요.',
  );
  for (const follower of [fan, other]) await follower.post(`/proposals/${id}/follow`, { follow: '1' });
  await answerAsEnvironment(id, '올해 안에 산책로 조명 20개를 더 설치하겠습니다.');
  await drain();

  const answer = smtp.to('fan@example.kr').find((m) => /답변이 등록되었습니다/.test(m.subject ?? ''));
  assert.ok(answer, `mail to the follower: ${smtp.to('fan@example.kr').map((m) => m.subject)}`);
  assert.equal(
    answer.subject,
    '[마당시] 「공원 야간 조명을 늘려 주세요」 요청에 환경정책과의 답변이 등록되었습니다. 결과: 채택',
  );
  assert.deepEqual(
    answer.from?.value.map((a) => [a.name, a.address]),
    [['마당시', 'no-reply@madang.test']],
  );
  assert.match(answer.text!, /응우옌 티 란님, 안녕하세요\./);
  assert.match(answer.text!, new RegExp(`마당에서 자세히 보기: http://localhost:\\d+/proposals/${id}\\n`));
  assert.match(
    answer.html as string,
    new RegExp(`<a href="http://localhost:\\d+/proposals/${id}">마당에서 자세히 보기</a>`),
  );
  assert.match(header(answer, 'list-unsubscribe-post'), /^List-Unsubscribe=One-Click$/);
  assert.match(header(answer, 'list-unsubscribe'), /^<http:\/\/localhost:\d+\/unsubscribe\?p=\d+&c=email&t=[\w-]+>$/);
  assert.match(answer.messageId!, /^<notice-\d+-email@madang\.test>$/);
  assert.equal(smtp.to('fan@example.kr').filter((m) => m.subject === answer.subject).length, 1, 'exactly once');
  assert.deepEqual(
    smtp.to('late@example.kr').map((m) => m.subject),
    ['[마당시] 이메일 주소를 확인해 주세요'],
    'nothing but the confirmation for an unconfirmed address',
  );
  const inbox = await t.p.db
    .selectFrom('notifications')
    .select('kind')
    .where('person_id', '=', await personId('윤주민'))
    .execute();
  assert.ok(inbox.length >= 1, 'the unconfirmed follower still has the notice in the app');
});

test('a person whose language is English gets English mail (a comment on a followed proposal)', async () => {
  await withContacts('한시민', { email: 'han@example.kr', lang: 'en' });
  const reader = new Client(t);
  await reader.loginAs('citizen-1');
  const { id, author } = await propose(
    '버스 정류장에 의자를 놓아 주세요',
    '어르신들이 오래 서서 기다리십니다. 정류장마다 의자를 놓아 주세요.',
  );
  await reader.post(`/proposals/${id}/follow`, { follow: '1' });
  await author.post(`/proposals/${id}/comments`, { body: '시청 앞 정류장이 특히 급합니다.' });
  await drain();
  const [mail] = smtp.to('han@example.kr');
  assert.equal(mail?.subject, '[Madang City] A new comment on "버스 정류장에 의자를 놓아 주세요".');
  assert.match(mail.text!, /^Hello 한시민,/);
  assert.match(mail.html as string, /<html lang="en">/);
  assert.match(mail.text!, /Stop e-mail notices: http:\/\/localhost:\d+\/unsubscribe\?/);
});

test('a mail server that refuses for a while: the job retries, then the message arrives once', async () => {
  const id = await withContacts('서청년', { email: 'retry@example.kr' });
  smtp.refuse(2, 451);
  await notify(t.p.db, [id], {
    kind: 'test.retry',
    targetType: 'proposal',
    targetId: 1,
    text: { ko: '다시 보내기 시험 알림입니다.', en: 'A retry test notice.' },
  });
  await drain();
  assert.deepEqual(
    smtp.to('retry@example.kr').map((m) => m.subject),
    ['[마당시] 다시 보내기 시험 알림입니다.'],
  );
  const [row] = (await jobsOf('notice.deliver')).filter((j) => String(j.unique_key).endsWith(':email')).slice(-1);
  assert.equal(row.state, 'done');
  assert.equal(row.attempts, 3);
  assert.match(row.last_error!, /451/);
  assert.ok(
    logs.some((l) => /job failed; will retry/.test(l)),
    'the retries are logged',
  );
  assert.ok(!logs.some((l) => l.includes('retry@example.kr')), 'the logs never carry the address');
});

const high = (kind: string, text: string): Notice => ({
  kind,
  targetType: 'proposal',
  targetId: 1,
  text: { ko: text, en: text },
  priority: 'high',
});

test('알림톡 goes through the gateway with its template; when it fails the notice goes by SMS instead, once; normal notices never go to the phone', async () => {
  const id = await withContacts('최도로', { phone: '010-2345-6789', phoneChannel: 'kakao-alimtalk' });
  gateway.requests.length = 0;
  await notify(t.p.db, [id], high('notice.answer.final', '「보도 정비」 제안에 답변이 등록되었습니다.'));
  await drain();
  assert.deepEqual(
    gateway.requests.map((r) => r.path),
    ['/alimtalk'],
  );
  const [ok] = gateway.requests;
  assert.equal(ok.body.templateCode, 'MADANG_ANSWER_FINAL');
  assert.equal(ok.body.senderKey, 'madang-channel');
  assert.equal(ok.body.to, '01023456789');
  assert.match(
    String(ok.body.text),
    /^\[마당시\] 「보도 정비」 제안에 답변이 등록되었습니다\.\nhttp:\/\/localhost:\d+\/proposals\/1$/,
  );
  assert.match(String(ok.headers['idempotency-key']), /^notice-\d+-kakao-alimtalk$/);

  gateway.requests.length = 0;
  gateway.answer('/alimtalk', { status: 200, body: '{"ok":false,"error":"not a KakaoTalk user: 010-2345-6789"}' });
  await notify(
    t.p.db,
    [id],
    high(
      'notice.answer.final',
      '「보도 정비」 제안에 도로교통과의 중간답변이 등록되었습니다. 최종답변은 다음 달에 드립니다.',
    ),
  );
  await drain();
  assert.deepEqual(
    gateway.requests.map((r) => r.path),
    ['/alimtalk', '/sms'],
  );
  const sms = gateway.requests[1];
  assert.equal(sms.body.to, '01023456789');
  assert.equal(sms.body.from, '0212345678');
  assert.equal(sms.body.type, 'LMS', 'longer than 90 bytes');
  assert.equal(sms.headers.authorization, 'Bearer sms-key');
  assert.match(String(sms.body.text), /중간답변이 등록되었습니다/);
  const kakao = (await jobsOf('notice.deliver'))
    .filter((j) => String(j.unique_key).endsWith(':kakao-alimtalk'))
    .at(-1)!;
  assert.equal(kakao.state, 'done');
  assert.match(
    kakao.outcome!,
    /^알림톡 failed, SMS queued instead: .*010-\*{4}-6789/,
    'the number is masked in the record',
  );

  gateway.requests.length = 0;
  gateway.answer('/alimtalk', null);
  await notify(t.p.db, [id], high('notice.no-template', '템플릿이 없는 알림입니다.'));
  await notify(t.p.db, [id], { ...high('test.normal', '휴대전화로 가지 않는 알림입니다.'), priority: 'normal' });
  await drain();
  assert.deepEqual(
    gateway.requests.map((r) => r.path),
    ['/sms'],
    'no template: straight to SMS; normal notices stay off the phone',
  );
  assert.equal(
    gateway.requests[0].body.text,
    `[마당시] 템플릿이 없는 알림입니다.\n${gateway.requests[0].body.text!.toString().split('\n')[1]}`,
  );
});

test('one-click unsubscribe: the mail program POSTs the List-Unsubscribe link without a session; no e-mail after that', async () => {
  const id = await withContacts('박운영', { email: 'stop@example.kr' });
  await notify(t.p.db, [id], {
    kind: 'test.unsub',
    targetType: 'proposal',
    targetId: 1,
    text: { ko: '구독 해지 시험 알림입니다.', en: 'Unsubscribe test.' },
  });
  await drain();
  const [mail] = smtp.to('stop@example.kr');
  const url = header(mail, 'list-unsubscribe').replace(/^<|>$/g, '');
  assert.match(url, /\/unsubscribe\?p=\d+&c=email&t=[\w-]+$/);
  const page = await new Client(t).get(local(url));
  assert.equal(page.res.status, 200);
  assert.match(page.html, /이메일 알림을 그만 받으시겠습니까/);
  assert.equal(
    (
      await t.p.db
        .selectFrom('person_contacts')
        .select('email_notices')
        .where('person_id', '=', id)
        .executeTakeFirstOrThrow()
    ).email_notices,
    true,
    'opening the link changes nothing',
  );
  const forged = await t.app.request(local(url).replace(/t=[\w-]+$/, 't=forged'), {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(forged.status, 400);
  const res = await t.app.request(local(url), {
    method: 'POST',
    body: 'List-Unsubscribe=One-Click',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  assert.equal(res.status, 200);
  assert.match(await res.text(), /이제 이메일로 알림을 보내지 않습니다/);
  await notify(t.p.db, [id], {
    kind: 'test.unsub',
    targetType: 'proposal',
    targetId: 1,
    text: { ko: '해지 뒤의 알림입니다.', en: 'After.' },
  });
  await drain();
  assert.equal(smtp.to('stop@example.kr').length, 1);
});

test('the settings page: Korean errors keep what was typed; numbers in any usual form are kept as digits', async () => {
  assert.equal((await new Client(t).get('/me/notifications')).res.status, 303, 'signed-in people only');
  const c = new Client(t);
  await c.loginAs('moderator');
  let res = await c.post('/me/notifications', {
    email: 'park@',
    emailNotices: 'on',
    phone: '02-123-4567',
    phoneChannel: 'sms',
    lang: 'ko',
  });
  assert.equal(res.status, 422);
  let html = decode(await res.text());
  assert.match(html, /이메일 주소 형식이 맞지 않습니다/);
  assert.match(html, /휴대전화 번호를 010-1234-5678 형식으로 입력해 주세요/);
  assert.match(html, /value="park@"/);
  assert.match(html, /value="02-123-4567"/);
  assert.match(html, /id="f-phoneChannel-sms" value="sms" checked/);
  res = await c.post('/me/notifications', {
    email: '',
    emailNotices: 'on',
    phone: '',
    phoneChannel: 'kakao-alimtalk',
    lang: 'ko',
  });
  html = decode(await res.text());
  assert.match(html, /이메일로 받으려면 이메일 주소를 입력해 주세요/);
  assert.match(html, /문자나 알림톡으로 받으려면 휴대전화 번호를 입력해 주세요/);
  res = await c.post(
    '/me/notifications',
    { email: '', phone: '+82 10-9876-5432', phoneChannel: 'sms', lang: 'en' },
    { accept: 'text/html' },
  );
  assert.equal(res.status, 303);
  const row = (await loadContacts(t.p.db, t.p.config, await personId('박운영')))!;
  assert.equal(row.phone, '01098765432');
  assert.equal(row.lang, 'en');
  assert.match((await c.get('/me/notifications')).html, /value="010-9876-5432"/);
  const en = decode((await c.get('/me/notifications?lang=en')).html);
  assert.match(en, /How you get notices/);
});

test('a mobile number gets notices only after its owner types the code texted to it; wrong codes are counted, then the code is spent', async () => {
  const c = new Client(t);
  await c.loginAs('official-roads');
  const me = await personId('최도로');
  const high = () =>
    notify(t.p.db, [me], {
      kind: 'test.high',
      targetType: 'proposal',
      targetId: 1,
      text: { ko: '중요한 알림입니다.', en: 'Important.' },
      priority: 'high',
    });
  await drain(); // what earlier tests left queued
  gateway.requests.length = 0;
  const saved = await c.post('/me/notifications', {
    email: '',
    phone: '010-4444-5555',
    phoneChannel: 'sms',
    lang: 'ko',
  });
  assert.equal(saved.headers.get('location'), '/me/notifications?done=code-sent');
  await high(); // before confirmation: in the app only
  await drain();
  assert.equal(gateway.requests.length, 1, 'only the code went out, not the notice');
  const text = String(gateway.requests[0].body.text);
  assert.equal(gateway.requests[0].body.to, '01044445555');
  assert.match(text, /^\[마당시\] 휴대전화 번호 확인 인증번호는 \d{6}입니다/);
  const code = text.match(/\d{6}/)![0];
  let page = decode((await c.get('/me/notifications?done=code-sent')).html);
  assert.match(page, /인증번호를 문자로 보냈습니다/);
  assert.match(page, /이 번호로 인증번호 6자리를 문자로 보냈습니다/);
  assert.match(page, /autocomplete="one-time-code"/);

  const wrong = code === '000000' ? '111111' : '000000';
  let res = await c.post('/me/notifications/phone-code', { code: wrong });
  assert.equal(res.status, 422);
  page = decode(await res.text());
  assert.match(page, /인증번호가 맞지 않습니다. 다시 확인해 주세요. \(4번 더 입력할 수 있습니다.\)/);
  assert.match(page, new RegExp(`value="${wrong}"`), 'what was typed is kept');
  res = await c.post('/me/notifications/phone-code', { code: code.replace(/(\d{3})/, '$1 ') }); // typed with a space
  assert.equal(res.headers.get('location'), '/me/notifications?done=code-ok');
  assert.match(decode((await c.get('/me/notifications')).html), /확인된 번호입니다/);
  await high();
  await drain();
  assert.deepEqual(
    gateway.requests
      .map((r) => r.body.text)
      .slice(1)
      .map((x) => String(x).split('\n')[0]),
    ['[마당시] 중요한 알림입니다.'],
  );

  // A new number starts over; five wrong codes spend the code, even the right one is refused until a new one is sent.
  gateway.requests.length = 0;
  await c.post('/me/notifications', { email: '', phone: '010-4444-6666', phoneChannel: 'sms', lang: 'ko' });
  await drain();
  const second = String(gateway.requests[0].body.text).match(/\d{6}/)![0];
  const other = second === '000000' ? '111111' : '000000';
  for (let i = 0; i < 5; i++) await c.post('/me/notifications/phone-code', { code: other });
  res = await c.post('/me/notifications/phone-code', { code: second });
  assert.equal(res.status, 422);
  assert.match(decode(await res.text()), /인증번호를 5번 잘못 입력했습니다/);
  assert.equal(
    (await c.post('/me/notifications/phone-resend', {})).headers.get('location'),
    '/me/notifications?done=code-wait',
    'one code a minute',
  );
  const row = await t.p.db
    .selectFrom('person_contacts')
    .selectAll()
    .where('person_id', '=', me)
    .executeTakeFirstOrThrow();
  assert.equal(row.phone_confirmed_at, null);
});

test('the admin delivery page shows a failed job with its recipient masked (logged as a personal-data access); a retry is on the record and delivers', async () => {
  const id = await withContacts('이기획', { email: 'plan@example.kr' });
  smtp.refuse(1, 550);
  await notify(t.p.db, [id], {
    kind: 'test.fail',
    targetType: 'proposal',
    targetId: 1,
    text: { ko: '실패 시험 알림입니다.', en: 'Failure test.' },
  });
  await drain();
  const failed = (await jobsOf('notice.deliver')).filter((j) => j.state === 'failed');
  assert.equal(failed.length, 1, 'a 550 fails at once');
  const citizen = new Client(t);
  await citizen.loginAs('citizen-1');
  assert.equal((await citizen.get('/admin/delivery')).res.status, 403);
  const admin = new Client(t);
  await admin.loginAs('admin');
  assert.match((await admin.get('/admin')).html, /href="\/admin\/delivery"/);
  const page = decode((await admin.get('/admin/delivery')).html);
  assert.match(page, /실패한 작업/);
  assert.match(page, new RegExp(`#${id} pl\\*+@example\\.kr`));
  assert.doesNotMatch(page, /plan@example\.kr/);
  assert.match(page, /550/);
  const access = await t.p.db
    .selectFrom('personal_data_access')
    .selectAll()
    .where('purpose', '=', 'admin.delivery')
    .execute();
  assert.ok(access.length >= 1);
  const res = await admin.post(`/admin/delivery/${failed[0].id}/retry`, { reason: '메일 서버 설정을 고쳤습니다' });
  assert.equal(res.status, 303);
  assert.equal((await admin.post('/admin/delivery/999999/retry', {})).status, 404);
  const audit = await t.p.db.selectFrom('audit_log').selectAll().where('action', '=', 'job.retry').execute();
  assert.equal(audit.length, 1);
  assert.equal(audit[0].reason, '메일 서버 설정을 고쳤습니다');
  assert.match(audit[0].actor_label, /김관리/);
  await drain();
  assert.deepEqual(
    smtp.to('plan@example.kr').map((m) => m.subject),
    ['[마당시] 실패 시험 알림입니다.'],
  );
});

test('the outbox: a notice and its delivery jobs commit with the act, or neither does', async () => {
  const id = await withContacts('정환경', { email: 'env@example.kr', phone: '010-5555-6666', phoneChannel: 'sms' });
  const notice = high('test.outbox', '같은 트랜잭션 시험입니다.');
  const count = async () =>
    Promise.all([
      t.p.db.selectFrom('notifications').select('id').where('kind', '=', 'test.outbox').execute(),
      t.p.db
        .selectFrom('jobs')
        .innerJoin('notifications', (j) =>
          j.on(sql`(jobs.payload->>'notification')::bigint`, '=', sql.ref('notifications.id')),
        )
        .select('jobs.id')
        .where('notifications.kind', '=', 'test.outbox')
        .execute(),
    ]).then(([n, j]) => [n.length, j.length]);
  await assert.rejects(
    t.p.db.transaction().execute(async (trx) => {
      await notify(trx, [id], notice);
      throw new Error('the act fails after notifying');
    }),
  );
  assert.deepEqual(await count(), [0, 0], 'rolled back together');
  await notify(t.p.db, [id], notice);
  assert.deepEqual(await count(), [1, 2], 'one notice, an e-mail job and an SMS job');
  await notify(t.p.db, [id], { ...notice, priority: undefined });
  assert.deepEqual(await count(), [2, 3], 'a normal notice: e-mail only');
});

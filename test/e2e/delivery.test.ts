// The delivery pages in Chromium with JavaScript off, axe-core on each: a citizen finds 알림 설정 from the inbox, gets
// Korean errors that keep what was typed, saves; the confirmation and unsubscribe pages; the administrator's
// delivery page with a failed job retried.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../helpers.ts';
import type { Server } from '../../src/server.ts';
import { createSession } from '../../src/platform/sessions.ts';
import { enqueue } from '../../src/platform/jobs.ts';
import { unsubscribeUrl } from '../../src/platform/delivery/contacts.ts';
import { assertAxeClean, openSuite } from './axe.ts';

let suite: Awaited<ReturnType<typeof openSuite>>, t: TestApp, server: Server, browser: Browser;
let checked = 0;
before(
  async () => {
    suite = await openSuite();
    ({ t, server, browser } = suite);
  },
  { timeout: 60_000 },
);
after(async () => {
  await suite?.close();
  console.log(`axe-core passed on ${checked} delivery pages`);
});

const personId = async (name: string) =>
  (await t.p.db.selectFrom('persons').select('id').where('display_name', '=', name).executeTakeFirstOrThrow()).id;

/** A phone-sized browser with JavaScript off, signed in as `name`. */
async function signedIn(name: string): Promise<Page> {
  const ctx = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'ko-KR',
    viewport: { width: 390, height: 844 },
    baseURL: server.url,
  });
  ctx.setDefaultTimeout(15_000);
  await ctx.addCookies([
    { name: 'madang_sid', value: await createSession(t.p.db, await personId(name)), url: server.url },
  ]);
  return ctx.newPage();
}

async function check(page: Page) {
  await assertAxeClean(page, { noScript: true, label: page.url() });
  checked++;
}
async function visit(page: Page, url: string, status = 200) {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, `GET ${url}`);
  await check(page);
}
async function andCheck(page: Page, action: () => Promise<unknown>) {
  await Promise.all([page.waitForEvent('load'), action()]);
  await check(page);
}

test('a citizen sets up e-mail and text notices without JavaScript; errors in Korean keep what was typed', async () => {
  const page = await signedIn('윤주민');
  await visit(page, '/notifications');
  await andCheck(page, () => page.getByRole('link', { name: '알림을 이메일이나 문자로도 받기' }).click());
  assert.match(page.url(), /\/me\/notifications$/);
  await page.getByLabel('이메일 주소').fill('yoon@');
  await page.getByLabel('휴대전화 번호').fill('02-123-4567');
  await page.getByRole('radio', { name: '문자 메시지' }).check();
  await andCheck(page, () => page.getByRole('button', { name: '저장' }).click());
  await page.getByText('입력 내용을 확인해 주세요').waitFor();
  assert.equal(await page.getByLabel('이메일 주소').inputValue(), 'yoon@');
  assert.equal(await page.getByLabel('휴대전화 번호').inputValue(), '02-123-4567');
  assert.ok(await page.getByRole('radio', { name: '문자 메시지' }).isChecked());
  assert.match((await page.getByLabel('휴대전화 번호').getAttribute('aria-describedby')) ?? '', /f-phone-error/);
  await page.getByText('휴대전화 번호를 010-1234-5678 형식으로 입력해 주세요.').first().waitFor();

  await page.getByLabel('이메일 주소').fill('yoon@example.kr');
  await page.getByLabel('휴대전화 번호').fill('010 3333 4444');
  await andCheck(page, () => page.getByRole('button', { name: '저장' }).click());
  await page.getByText('확인 메일을 보냈습니다. 메일의 링크를 누르면').waitFor();
  assert.equal(await page.getByLabel('휴대전화 번호').inputValue(), '010-3333-4444');
  assert.ok(await page.getByRole('button', { name: '확인 메일 다시 보내기' }).isVisible());
  // The number waits for the code texted to it: the code form, and a wrong code's error, in Korean and accessible.
  await page.getByText('이 번호로 인증번호 6자리를 문자로 보냈습니다').waitFor();
  await page.getByLabel('인증번호 6자리').fill('12345');
  await andCheck(page, () => page.getByRole('button', { name: '번호 확인' }).click());
  await page.getByText('인증번호가 맞지 않습니다').first().waitFor();
  assert.equal(await page.getByLabel('인증번호 6자리').inputValue(), '12345');
  await visit(page, '/me/notifications?lang=en');
  await page.getByRole('heading', { name: 'How you get notices' }).waitFor();
  await visit(page, '/me/notifications/confirm?p=1&t=wrong', 400);

  const url = new URL(unsubscribeUrl(server.url, t.p.config.secret, await personId('윤주민'), 'phone'));
  await visit(page, url.pathname + url.search + '&lang=ko');
  await andCheck(page, () => page.getByRole('button', { name: '그만 받기' }).click());
  await page.getByText('이제 문자와 알림톡으로 알림을 보내지 않습니다').waitFor();
});

test('the administrator sees a failed delivery and retries it', async () => {
  const [id] = await enqueue(t.p.db, { kind: 'notice.deliver', payload: { notification: 0, channel: 'email' } });
  await t.p.db
    .updateTable('jobs')
    .set({ state: 'failed', attempts: 10, last_error: '550 5.1.1 mailbox unavailable', finished_at: new Date() })
    .where('id', '=', id)
    .execute();
  const page = await signedIn('김관리');
  await visit(page, '/admin');
  await andCheck(page, () => page.getByRole('link', { name: '알림 발송 현황' }).click());
  await page.getByText('550 5.1.1 mailbox unavailable').waitFor();
  await page.getByLabel(`${id}번 작업을 다시 시도하는 사유`).fill('메일 서버 점검이 끝났습니다');
  await andCheck(page, () => page.getByRole('button', { name: `${id}번 작업 다시 시도` }).click());
  await page.getByText('작업을 다시 대기열에 넣었습니다').waitFor();
  const row = await t.p.db
    .selectFrom('jobs')
    .select(['state', 'attempts'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  assert.deepEqual(row, { state: 'queued', attempts: 0 });
});

// End to end in headless Chromium (the Debian package, driven by playwright-core; never a downloaded browser):
// sign in, write a proposal, 공감, comment, once with JavaScript off and once on, with axe-core (WCAG 2.1 A/AA) on
// every page visited. Also: page weight (HTML+CSS+JS, gzip, < 60 KB), large text, a visible focus on the skip
// link, the English switch, the session "연장" control, and the admin pages.
// Needs /usr/bin/chromium (apt-get install -y chromium) or CHROMIUM_PATH; without it the suite fails, never skips.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { AXE_TAGS, assertAxeClean, openSuite } from './axe.ts';
import type { TestApp } from '../helpers.ts';
import type { Server } from '../../src/server.ts';
import { upsertPerson } from '../../src/platform/identity/person.ts';
import { createSession } from '../../src/platform/sessions.ts';

const PAGE_BUDGET = 60 * 1024;

let t: TestApp;
let server: Server;
let browser: Browser;
const contexts: BrowserContext[] = [];
const noScript = new WeakSet<BrowserContext>();
const brokenResources: string[] = [];
const checked: string[] = [];

let suite: Awaited<ReturnType<typeof openSuite>>;
before(
  async () => {
    suite = await openSuite();
    ({ t, server, browser } = suite);
  },
  { timeout: 60_000 },
);

after(async () => {
  await suite?.close();
  console.log(`axe-core (${AXE_TAGS.join(', ')}) passed on ${checked.length} pages`);
});

async function newContext(javaScriptEnabled: boolean): Promise<BrowserContext> {
  // A phone-sized viewport: the platform is mobile first.
  const ctx = await browser.newContext({
    javaScriptEnabled,
    locale: 'ko-KR',
    viewport: { width: 390, height: 844 },
    baseURL: server.url,
  });
  ctx.setDefaultTimeout(15_000);
  contexts.push(ctx);
  if (!javaScriptEnabled) noScript.add(ctx);
  // Every stylesheet, script, font and image a page asks for exists (404 pages themselves are visited on purpose).
  ctx.on('response', (r) => {
    if (r.request().resourceType() !== 'document' && r.status() >= 400)
      brokenResources.push(`${r.status()} ${r.url()}`);
  });
  return ctx;
}

/** Runs axe-core in the page: evaluate is not subject to the page's CSP (script-src 'self'). */
async function check(page: Page): Promise<void> {
  const url = page.url().replace(server.url, '');
  if (process.env.E2E_DEBUG) console.log(`axe ${url}`);
  await assertAxeClean(page, { noScript: noScript.has(page.context()), label: url });
  checked.push(url);
}

async function visit(page: Page, url: string, status = 200): Promise<void> {
  const res = await page.goto(url);
  assert.equal(res?.status(), status, `GET ${url}`);
  await check(page);
}

/** Runs an action that navigates (a link, a form) and checks the page it lands on. */
async function andCheck(page: Page, action: () => Promise<unknown>): Promise<void> {
  await Promise.all([page.waitForEvent('load'), action()]);
  await check(page);
}

async function signIn(page: Page, name: string, label = name): Promise<void> {
  await visit(page, '/');
  await andCheck(page, () => page.getByRole('link', { name: '로그인', exact: true }).click());
  await page.getByLabel(label, { exact: true }).check();
  await andCheck(page, () => page.getByRole('button', { name: '이 사람으로 로그인' }).click());
  await page.getByText(`${name}님`).waitFor();
}

async function writeProposal(page: Page, title: string, body: string): Promise<number> {
  await andCheck(page, () =>
    page
      .getByRole('link', { name: /마당시에 제안합니다/ })
      .first()
      .click(),
  );
  assert.match(page.url(), /\/s\/sotong\/propose$/);
  await andCheck(page, () => page.getByRole('link', { name: '제안하기', exact: true }).click());
  await page.getByLabel('제목').fill(title);
  await page.getByLabel('내용').fill(body);
  await andCheck(page, () => page.getByRole('button', { name: '등록', exact: true }).click());
  if (!/\/proposals\/\d+/.test(page.url())) {
    await page.getByText('비슷한 제안이 이미 있습니다').waitFor();
    await andCheck(page, () => page.getByRole('button', { name: '등록', exact: true }).click());
  }
  const m = page.url().match(/\/proposals\/(\d+)/);
  assert.ok(m, `after writing, the browser is on a proposal page, not ${page.url()}`);
  await page.getByText('제안을 등록했습니다').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), title);
  return Number(m[1]);
}

async function comment(page: Page, text: string): Promise<void> {
  await page.getByLabel('댓글 내용').fill(text);
  await page.getByRole('radio', { name: '찬성', exact: true }).check();
  await andCheck(page, () => page.getByRole('button', { name: '댓글 등록' }).click());
  await page.getByText('댓글을 등록했습니다').waitFor();
  const mine = page.locator('li.comment', { hasText: text });
  await mine.waitFor();
  assert.match(await mine.innerText(), /찬성/);
}

const rootFontSize = (page: Page) =>
  page.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)') as Promise<number>;

async function commonChecks(page: Page): Promise<void> {
  // A keyboard user's first Tab lands on the skip link, and it is visible with a focus outline.
  await visit(page, '/');
  await page.keyboard.press('Tab');
  const focus =
    (await page.evaluate(`(() => { const el = document.activeElement; const s = getComputedStyle(el); const r = el.getBoundingClientRect();
    return { cls: el.className, text: el.textContent, outline: s.outlineStyle, width: parseFloat(s.outlineWidth), left: r.left, top: r.top, w: r.width, h: r.height }; })()`)) as Record<
      string,
      string & number
    >;
  assert.equal(focus.cls, 'skip-link');
  assert.equal(focus.text, '본문 바로가기');
  assert.notEqual(focus.outline, 'none', 'the focused skip link has an outline');
  assert.ok(focus.width >= 2, `focus outline is at least 2px (got ${focus.width})`);
  assert.ok(
    focus.left >= 0 && focus.top >= 0 && focus.w > 1 && focus.h > 1 && focus.left + focus.w <= 390,
    `the focused skip link is on screen: ${JSON.stringify(focus)}`,
  );
  await page.keyboard.press('Enter');
  assert.match(page.url(), /#main$/);

  // Large text: the root font grows; the page still passes axe; then back to normal.
  const normal = await rootFontSize(page);
  await andCheck(page, () => page.getByRole('link', { name: '큰 글씨' }).click());
  const large = await rootFontSize(page);
  assert.ok(large > normal, `큰 글씨 makes the root font bigger (${normal}px → ${large}px)`);
  await andCheck(page, () => page.getByRole('link', { name: '보통 글씨' }).click());
  assert.equal(await rootFontSize(page), normal);

  // English and back.
  await andCheck(page, () => page.getByRole('link', { name: 'English', exact: true }).click());
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  await page.getByRole('link', { name: 'Skip to main content' }).waitFor({ state: 'attached' });
  await page.getByRole('heading', { level: 1, name: 'Madang City citizen participation' }).waitFor();
  await andCheck(page, () => page.getByRole('link', { name: '한국어', exact: true }).click());
  assert.equal(await page.getAttribute('html', 'lang'), 'ko');

  await visit(page, '/privacy');
  await visit(page, '/no/such/page', 404);
  await page.getByRole('heading', { name: '페이지를 찾을 수 없습니다' }).waitFor();
  await visit(page, '/proposals/99999999', 404);
  await visit(page, '/login');
  // 공약 이행 (issue 7): dashboard, both seed cards, the evaluation report, snapshots, panel, changes, communication card.
  for (const url of [
    '/pledges',
    '/pledges?vision=&field=&department=정책기획과',
    '/pledges/1',
    '/pledges/2',
    '/pledges/3',
    '/evaluations',
    '/evaluations/1',
    '/pledges/snapshots',
    '/pledges/panel',
    '/pledges/1/changes',
    '/pledges/1/communication',
    '/pledges/3/communication',
  ])
    await visit(page, url);
}

test('JavaScript off: sign in, write, 공감 (full reload), comment; axe on every page', {
  timeout: 90_000,
}, async () => {
  const ctx = await newContext(false);
  const page = await ctx.newPage();
  await commonChecks(page);
  await signIn(page, '한시민');

  // Signed in: the session bar shows the time left and "연장", which works as a plain form.
  await page.getByText(/자동 로그아웃까지 \d+분 남았습니다/).waitFor();
  await andCheck(page, () => page.getByRole('button', { name: '연장', exact: true }).click());
  await page.getByText('로그인 시간을 연장했습니다').waitFor();

  const id = await writeProposal(
    page,
    '자바스크립트 없이 쓴 제안: 도서관 열람실을 밤 열 시까지 열어 주세요',
    '시험 기간에 학생들이 공부할 곳이 부족합니다. 시립도서관 열람실 운영 시간을 늘려 주세요.',
  );
  await andCheck(page, () => page.getByRole('button', { name: '공감하기' }).click());
  assert.match(page.url(), new RegExp(`/proposals/${id}\\?msg=supported$`));
  await page.getByText('공감했습니다').first().waitFor();
  assert.equal(await page.locator('#support-count').textContent(), '1');
  await comment(page, '자바스크립트가 꺼져 있어도 댓글을 쓸 수 있습니다.');
  await visit(page, '/s/sotong/propose?q=도서관');
  await page.getByRole('link', { name: /도서관 열람실/ }).waitFor();
});

test('JavaScript on: 공감 updates in place without navigating; comment; axe on every page', {
  timeout: 90_000,
}, async () => {
  const ctx = await newContext(true);
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/\/(no\/such\/page|proposals\/99999999)$/.test(m.location().url))
      errors.push(`${m.text()} ${m.location().url}`);
  });
  await commonChecks(page);
  await signIn(page, '한시민');

  // "연장" extends in place.
  const remaining = page.locator('#session-remaining');
  await remaining.waitFor();
  const before = page.url();
  const [extended] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/session/extend')),
    page.getByRole('button', { name: '연장', exact: true }).click(),
  ]);
  assert.deepEqual(await extended.json(), { ok: true, minutes: t.p.config.sessionIdleMinutes });
  assert.equal(page.url(), before);
  assert.match((await remaining.textContent()) ?? '', /자동 로그아웃까지 \d+분 남았습니다/);

  // While a title is typed, similar posts appear under it (before any 등록), as links to support instead.
  await page.goto('/s/sotong/propose/new');
  await page.getByLabel('제목').pressSequentially('초등학교 앞 통학로 신호등', { delay: 20 });
  const similarLink = page.locator('.similar-live a', {
    hasText: '마당초등학교 앞 통학로에 보행자 신호등을 설치해 주세요',
  });
  await similarLink.waitFor();
  assert.match((await page.locator('.similar-live').textContent()) ?? '', /비슷한 제안이 이미 있습니다/);
  await check(page);
  await page.goto('/');

  const id = await writeProposal(
    page,
    '자바스크립트로 쓴 제안: 버스 정류장에 겨울용 온열 의자를 놓아 주세요',
    '겨울 아침에 버스를 기다리는 어르신들이 추위에 떱니다. 주요 정류장에 온열 의자를 설치해 주세요.',
  );
  let navigations = 0;
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) navigations++;
  });
  const url = page.url();
  await page.getByRole('button', { name: '공감하기' }).click();
  await page.locator('#support-status', { hasText: '공감했습니다' }).waitFor();
  await page.waitForFunction('document.getElementById("support-count").textContent === "1"');
  assert.equal(navigations, 0, 'the support form posts without a page load');
  assert.equal(page.url(), url);
  assert.ok(await page.getByRole('button', { name: '공감하기' }).isDisabled());
  await check(page);
  assert.equal(
    await page.evaluate(
      `fetch('/proposals/${id}', { headers: { accept: 'text/html' } }).then((r) => r.text()).then((h) => /id="support-count"[^>]*>1</.test(h))`,
    ),
    true,
  );
  await comment(page, '자바스크립트가 켜져 있어도 댓글이 잘 등록됩니다.');
  assert.deepEqual(errors, [], 'no script errors in the page');
});

test('the proposal page weighs under 60 KB compressed (HTML + CSS + JS, fonts excepted)', {
  timeout: 90_000,
}, async () => {
  const login = await newContext(true);
  await signIn(await login.newPage(), '한시민');
  // A fresh context with the signed-in cookies: nothing cached, so the stylesheet and script are really fetched.
  const ctx = await newContext(true);
  await ctx.addCookies(await login.cookies());
  const page = await ctx.newPage();
  const seeded = await t.p.db.selectFrom('proposals').select('id').orderBy('id').executeTakeFirstOrThrow();
  const done: Promise<{ url: string; type: string; bytes: number; encoding: string }>[] = [];
  page.on('requestfinished', (req) => {
    const type = req.resourceType();
    if (type !== 'document' && type !== 'stylesheet' && type !== 'script') return;
    done.push(
      (async () => {
        const [sizes, res] = await Promise.all([req.sizes(), req.response()]);
        return {
          url: req.url().replace(server.url, ''),
          type,
          bytes: sizes.responseBodySize + sizes.responseHeadersSize,
          encoding: (await res?.allHeaders())?.['content-encoding'] ?? 'none',
        };
      })(),
    );
  });
  await visit(page, `/proposals/${seeded.id}`);
  await page.waitForLoadState('load');
  const parts = await Promise.all(done);
  assert.deepEqual(parts.map((x) => x.type).sort(), ['document', 'script', 'stylesheet']);
  for (const x of parts) assert.equal(x.encoding, 'gzip', `${x.url} is sent compressed`);
  const total = parts.reduce((s, x) => s + x.bytes, 0);
  console.log(
    `page weight of /proposals/${seeded.id}: ${total} bytes transferred (${(total / 1024).toFixed(1)} KB) — ${parts.map((x) => `${x.url} ${x.bytes}`).join(', ')}`,
  );
  assert.ok(total < PAGE_BUDGET, `the proposal page is ${total} bytes compressed, over the 60 KB budget`);
});

test('administration pages pass axe (signed in as 김관리)', { timeout: 90_000 }, async () => {
  const ctx = await newContext(true);
  const page = await ctx.newPage();
  await signIn(page, '김관리');
  await andCheck(page, () => page.getByRole('link', { name: '관리', exact: true }).click());
  assert.match(page.url(), /\/admin$/);
  await andCheck(page, () => page.getByRole('link', { name: '마당시에 제안합니다' }).click());
  assert.match(page.url(), /\/admin\/components\/\d+$/);
  await page.getByLabel('공감 모집 기간(일)').waitFor();
  await visit(page, '/admin/audit');
  await page.getByRole('heading', { level: 1, name: '감사 기록' }).waitFor();
  await visit(page, '/admin/people');
  await visit(page, '/admin/access');
  await visit(page, '/admin/holidays');
  await page.getByRole('heading', { level: 2, name: /법정 공휴일/ }).waitFor();
  await visit(page, '/notifications');
  await page.getByRole('heading', { level: 1, name: '알림' }).waitFor();
  await visit(page, '/moderation');
  await page.getByRole('heading', { level: 1, name: '신고된 댓글' }).waitFor();
  await visit(page, '/stats');
  await page.getByRole('heading', { level: 2, name: '부서 답변' }).waitFor();
  await visit(page, '/queue');
  await visit(page, '/admin/pledges');
});

test('the lifecycle pages pass axe without JavaScript: screening panel, filters and sorts, answers per tier, implementation, comment edit', {
  timeout: 120_000,
}, async () => {
  const planner = await (await newContext(false)).newPage();
  await signIn(planner, '이기획');
  const unassigned = await t.p.db
    .selectFrom('proposals')
    .select('id')
    .where('department_id', 'is', null)
    .where('kind', '=', 'proposal')
    .executeTakeFirstOrThrow();
  await visit(planner, `/proposals/${unassigned.id}`);
  await planner.getByRole('heading', { level: 2, name: '검토 (담당자용)' }).waitFor();
  await planner.locator('summary', { hasText: '민원으로 안내' }).click();
  await planner.getByLabel('안내할 곳').waitFor();
  await check(planner);
  await visit(planner, '/s/sotong/propose?status=collecting&sort=supported&topic=%EA%B5%90%ED%86%B5');
  await planner.getByLabel('정렬').waitFor();
  await visit(planner, '/queue');
  await planner.getByRole('heading', { level: 2, name: '검토를 기다리는 글' }).waitFor();

  // The seeded request is owed an answer; the roads official adopts it and posts implementation progress.
  const request = await t.p.db
    .selectFrom('proposals')
    .select('id')
    .where('kind', '=', 'request')
    .executeTakeFirstOrThrow();
  const official = await (await newContext(false)).newPage();
  await signIn(official, '최도로', '최도로 (도로교통과)');
  await visit(official, `/proposals/${request.id}`);
  await official.getByRole('radio', { name: '최종답변' }).check();
  await official.getByLabel('처리 결과').selectOption({ label: '채택' });
  await official.getByLabel('답변 내용').fill('가로등 세 개의 전원 장치를 교체하겠습니다.');
  await andCheck(official, () => official.getByRole('button', { name: '등록', exact: true }).click());
  await official.getByRole('heading', { level: 3, name: '이행 상황 등록' }).waitFor();
  await official.getByLabel('추진 내용').fill('두 개를 고쳤고 나머지 하나는 부품을 기다립니다.');
  await official.getByLabel(/추진율/).fill('67');
  await andCheck(official, () => official.getByRole('button', { name: '등록', exact: true }).click());
  await official.getByText('추진율 67%').first().waitFor();

  // A citizen fixes a fresh comment within the edit window.
  const citizen = await (await newContext(false)).newPage();
  await signIn(citizen, '윤주민');
  await visit(citizen, `/proposals/${request.id}`);
  await citizen.getByLabel('댓글 내용').fill('빨리 고쳐 주셔서 고맙습니다');
  await andCheck(citizen, () => citizen.getByRole('button', { name: '댓글 등록' }).click());
  await andCheck(citizen, () => citizen.getByRole('link', { name: /^고치기/ }).click());
  await citizen.getByLabel('댓글 내용').fill('빨리 고쳐 주셔서 정말 고맙습니다.');
  await andCheck(citizen, () => citizen.getByRole('button', { name: '저장' }).click());
  await citizen.getByText('(수정됨)').waitFor();
});

test('JavaScript off, a proposal answered on the record: 50 verified people support it, it enters the department queue with a due date, interim then final answer, the proposer is told', {
  timeout: 240_000,
}, async () => {
  const proposer = await (await newContext(false)).newPage();
  await signIn(proposer, '윤주민');
  const title = '버스 정류장에 온열 의자를 놓아 주세요';
  const id = await writeProposal(
    proposer,
    title,
    '겨울 아침 정류장에서 기다리기가 너무 춥습니다. 정류장마다 온열 의자를 놓아 주세요.',
  );

  const planner = await (await newContext(false)).newPage();
  await signIn(planner, '이기획');
  await visit(planner, `/proposals/${id}`);
  await planner.getByLabel('담당 부서 지정').selectOption({ label: '도로교통과' });
  await andCheck(planner, () => planner.getByRole('button', { name: '저장', exact: true }).click());
  await planner.getByText('담당 부서를 지정했습니다').waitFor();

  // Fifty people verified through a 본인확인 provider (their sessions made directly), each pressing 공감하기.
  for (let i = 0; i < 50; i++) {
    const person = await upsertPerson(t.p.db, t.p.config.secret, {
      provider: 'identity',
      ci: `CI-journey-${String(i).padStart(3, '0')}`.padEnd(40, 'x'),
      subject: `j${i}`,
      displayName: `시민${i}`,
      birthDate: '1990-01-01',
    });
    const ctx = await newContext(false);
    await ctx.addCookies([{ name: 'madang_sid', value: await createSession(t.p.db, person.id), url: server.url }]);
    const page = await ctx.newPage();
    await visit(page, `/proposals/${id}`);
    await andCheck(page, () => page.getByRole('button', { name: '공감하기' }).click());
    await page.getByText('공감했습니다').waitFor();
    await ctx.close();
    contexts.splice(contexts.indexOf(ctx), 1);
  }
  assert.equal(await proposer.locator('#support-count').count(), 1);
  await visit(proposer, `/proposals/${id}`);
  assert.equal((await proposer.locator('#support-count').textContent())?.trim(), '50');
  const due = (await proposer
    .locator('ol.tracker')
    .getByText(/답변 기한: \d{4}-\d{2}-\d{2}까지/)
    .textContent())!.match(/\d{4}-\d{2}-\d{2}/)![0];

  const official = await (await newContext(false)).newPage();
  await signIn(official, '최도로', '최도로 (도로교통과)');
  await andCheck(official, () => official.getByRole('link', { name: '답변할 제안' }).click());
  const row = official.locator('tr', { hasText: title });
  assert.match(await row.innerText(), new RegExp(`부서 답변 \\(담당 부서\\)\\s+도로교통과\\s+${due}\\s+답변 기한 안`));
  await andCheck(official, () => row.getByRole('link', { name: title }).click());
  await official.getByRole('radio', { name: '중간답변' }).check();
  await official
    .getByLabel('답변 내용')
    .fill('현장 조사를 마쳤습니다. 예산을 확보하는 대로 설치 일정을 알려 드리겠습니다.');
  await andCheck(official, () => official.getByRole('button', { name: '등록', exact: true }).click());
  await official.getByText('답변을 등록했습니다').waitFor();
  await official.getByRole('radio', { name: '최종답변' }).check();
  await official.getByLabel('처리 결과').selectOption({ label: '채택' });
  await official.getByLabel('답변 내용').fill('내년 1월까지 주요 정류장 20곳에 온열 의자를 설치하겠습니다.');
  await andCheck(official, () => official.getByRole('button', { name: '등록', exact: true }).click());
  await official.getByText('답변을 등록했습니다').waitFor();

  await visit(proposer, `/proposals/${id}`);
  const answers = await proposer
    .locator('section', { has: proposer.getByRole('heading', { name: '부서 답변' }) })
    .innerText();
  assert.match(answers, /중간답변 · 부서 답변 · 도로교통과/);
  assert.match(answers, /최종답변 · 부서 답변 · 도로교통과 · 채택/);
  assert.match(answers, /도로교통과 주무관 최도로 ☎ 2050/);
  assert.match(await proposer.locator('ol.tracker').innerText(), /답변 완료/);
  await andCheck(proposer, () => proposer.getByRole('link', { name: /^알림/ }).click());
  const inbox = await proposer.locator('main').innerText();
  assert.match(
    inbox,
    new RegExp(`제안이 공감 50명 기준\\(부서 답변\\)에 도달했습니다\\. 답변: 담당 부서, 답변 기한: ${due}`),
  );
  assert.match(inbox, /제안에 도로교통과의 중간답변이 등록되었습니다/);
  assert.match(inbox, /제안에 도로교통과의 답변이 등록되었습니다\. 결과: 채택/);
  assert.match(inbox, /담당 부서가 정해졌습니다: 도로교통과/);
});

test('JavaScript off, the pledge office at work: seed 002 card, a record with a photo, a linked board counted live, settings lists, a snapshot printed and compared; axe on every page', {
  timeout: 180_000,
}, async () => {
  const page = await (await newContext(false)).newPage();
  await signIn(page, '이기획');
  await visit(page, '/pledges/3');
  await page.getByRole('heading', { name: '○ ‘누구나 시장’ 구축 및 운영' }).waitFor();
  assert.match(
    await page.locator('table', { hasText: '2023년 새빛톡톡 운영실적' }).innerText(),
    /874\s+304\s+254\s+181\s+135/,
  );

  // A briefing with a real photo (drawn by Chromium itself) and its description, through the plain form.
  await visit(page, '/pledges/3/communication');
  const jpeg = Buffer.from(
    (
      (await page.evaluate(`(() => { const c = document.createElement('canvas'); c.width = 64; c.height = 48; const g = c.getContext('2d');
    g.fillStyle = '#2d6cdf'; g.fillRect(0, 0, 64, 48); g.fillStyle = '#fff'; g.fillRect(8, 8, 24, 16); return c.toDataURL('image/jpeg', 0.8); })()`)) as string
    ).split(',')[1],
    'base64',
  );
  await page.getByLabel('유형').selectOption({ label: '설명회·보고회' });
  await page.getByLabel('일시').fill('2023-06-07');
  await page.getByLabel('장소').fill('수원시청 중회의실');
  await page.getByLabel('내용').fill('새빛톡톡 용역 완료보고회');
  await page.locator('#f-photo1').setInputFiles({ name: 'report.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  // Without a description the form says why and keeps the rest.
  await andCheck(page, () => page.getByRole('button', { name: '기록', exact: true }).click());
  await page.getByText('사진 설명(대체 텍스트)을 적어 주세요').waitFor();
  assert.equal(await page.getByLabel('장소').inputValue(), '수원시청 중회의실');
  await page.locator('#f-photo1').setInputFiles({ name: 'report.jpg', mimeType: 'image/jpeg', buffer: jpeg });
  await page.locator('#f-alt1').fill('완료보고회에서 담당자가 화면을 보며 결과를 발표하는 모습');
  await andCheck(page, () => page.getByRole('button', { name: '기록', exact: true }).click());
  await page.getByText('기록했습니다.').waitFor();
  const img = page.getByRole('img', { name: '완료보고회에서 담당자가 화면을 보며 결과를 발표하는 모습' });
  assert.ok(
    await img.evaluate((el) => {
      const i = el as unknown as { complete: boolean; naturalWidth: number };
      return i.complete && i.naturalWidth === 64;
    }),
    'the uploaded photo loads',
  );

  // Link the 제안합니다 board: its proposals count under 기타 by themselves.
  await page.getByLabel('연결할 게시판·토론·설문').selectOption({ label: '소통공감365 · 마당시에 제안합니다' });
  await andCheck(page, () => page.getByRole('button', { name: '연결', exact: true }).click());
  await page.getByText('연결했습니다').waitFor();
  assert.match(await page.locator('table', { hasText: '마당 연계 활동' }).first().innerText(), /마당시에 제안합니다/);

  // A change request form with the indicator fieldset (as the office sees it), and a snapshot printed and compared.
  await visit(page, '/pledges/2/changes');
  await visit(page, '/pledges/snapshots');
  await andCheck(page, () => page.getByRole('button', { name: '지금 공개본 만들기' }).click());
  await page.getByText(/공개본을 만들었습니다/).waitFor();
  const period = page.url().match(/snapshots\/(\d{4}-H[12])/)![1];
  const s = await t.p.db
    .selectFrom('pledge_snapshots')
    .selectAll()
    .where('period', '=', period)
    .executeTakeFirstOrThrow();
  await t.p.db
    .insertInto('pledge_snapshots')
    .values({
      period: '2000-H1',
      label: '2000년 상반기',
      taken_at: '2000-06-30',
      pledges: JSON.stringify(s.pledges),
      metrics: JSON.stringify(s.metrics),
    })
    .execute();
  await visit(page, `/pledges/snapshots/${period}`);
  await andCheck(page, () => page.getByRole('link', { name: '공약 카드 인쇄본 (A4)' }).click());
  assert.equal(await page.locator('section.card-page').count(), 3);
  await page.emulateMedia({ media: 'print' });
  assert.equal(
    await page
      .locator('section.card-page')
      .nth(1)
      .evaluate(
        (el) =>
          (globalThis as unknown as { getComputedStyle(e: unknown): { breakBefore: string } }).getComputedStyle(el)
            .breakBefore,
      ),
    'page',
  );
  await page.emulateMedia({ media: 'screen' });
  await visit(page, `/pledges/snapshots/${period}/comparison`);
  await page.getByRole('heading', { level: 1, name: /공약 이행 공개본 비교: 2000년 상반기 →/ }).waitFor();

  // The pledge component's settings: lists one per line (administrator).
  const admin = await (await newContext(false)).newPage();
  await signIn(admin, '김관리');
  const comp = await t.p.db
    .selectFrom('components')
    .select('id')
    .where('type', '=', 'pledges')
    .executeTakeFirstOrThrow();
  await visit(admin, `/admin/components/${comp.id}`);
  assert.equal(await admin.getByLabel('예산 재원').inputValue(), '국비\n도비\n시비\n민간자본');
  await admin.getByLabel('예산 재원').fill('국비\n도비\n시비\n구비\n민간자본');
  await admin.getByLabel('완료율에 넣는 상태').fill('완료\n없는 상태');
  await andCheck(admin, () => admin.getByRole('button', { name: '저장' }).click());
  await admin.getByText('상태 목록에 없는 상태입니다: 없는 상태').first().waitFor();
  assert.equal(await admin.getByLabel('예산 재원').inputValue(), '국비\n도비\n시비\n구비\n민간자본');
});

test('the axe check itself reports a violation, and no page asked for a missing resource', async () => {
  const ctx = await newContext(false);
  const page = await ctx.newPage();
  await visit(page, '/');
  await page.evaluate(
    "document.querySelector('main').append(Object.assign(document.createElement('input'), { type: 'text' }))",
  );
  await assert.rejects(check(page), /label/);
  assert.deepEqual(brokenResources, []);
});

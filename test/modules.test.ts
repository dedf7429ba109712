// The module system: a module registers through its manifest only. The hello test module (test/fixtures/hello-module)
// has a page, a navigation entry, texts, a flash message, a notice link, a daily job, a CLI task, a demo seed and a
// migration, and no platform file names it. Also: every real module's texts have both languages with the same
// placeholders, and no two modules claim one migration number.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client } from './helpers.ts';
import { manifests } from '../src/modules/index.ts';
import hello from './fixtures/hello-module/manifest.ts';
import { notify } from '../src/platform/notify.ts';
import { jobRegistry } from '../src/platform/jobs.ts';
import { migrationFiles } from '../src/platform/migrate.ts';
import { run, helpText } from '../src/cli.ts';
import { cliTasks } from '../src/platform/registry.ts';

const t = await testApp({ modules: [...manifests, hello] });
after(() => t.close());

test('the hello module: its migration ran, its seed left a greeting, its page shows it in both languages', async () => {
  const row = await t.p.db.selectFrom('hello_greetings').select('words').executeTakeFirstOrThrow();
  assert.equal(row.words, '반갑습니다');
  const c = new Client(t);
  const ko = await c.get('/hello');
  assert.equal(ko.res.status, 200);
  assert.match(ko.html, /<h1>인사 나누기<\/h1>/);
  assert.match(ko.html, /인사 1개/);
  assert.match(ko.html, /<li>반갑습니다<\/li>/);
  const en = await c.get('/hello?lang=en');
  assert.match(en.html, /<h1>Greetings<\/h1>/);
  assert.match(en.html, /1 greetings/);
});

test('its navigation entry shows to whom it says, its home section and flash message appear', async () => {
  const c = new Client(t);
  const anon = await c.get('/');
  assert.doesNotMatch(anon.html, /href="\/hello"/, 'the entry is for signed-in people only');
  assert.match(anon.html, /class="hello-home">인사 나누기/);
  assert.match(anon.html, /href="\/s\/sotong\/propose"/, "the proposals module's section is still there");
  await c.loginAs('citizen-1');
  const home = await c.get('/');
  assert.match(home.html, /<a href="\/hello">인사<\/a>/);
  assert.ok(home.html.indexOf('href="/hello"') < home.html.indexOf('href="/pledges"'), "ordered by the entries' order");
  const flashed = await c.get('/hello?msg=greeted');
  assert.match(flashed.html, /role="status">인사를 남겼습니다\./);
  assert.doesNotMatch((await c.get('/hello?msg=nonsense')).html, /role="status"/);
});

test('a notice about its target links where its manifest says', async () => {
  const person = await t.p.db
    .selectFrom('persons')
    .select('id')
    .where('display_name', '=', '한시민')
    .executeTakeFirstOrThrow();
  await notify(t.p.db, [person.id], {
    kind: 'hello.greeted',
    targetType: 'greeting',
    targetId: 7,
    text: { ko: '누군가 인사를 남겼습니다.', en: 'Someone left a greeting.' },
  });
  const c = new Client(t);
  await c.loginAs('citizen-1');
  const inbox = await c.get('/notifications');
  assert.match(inbox.html, /<a href="\/hello#greeting-7">누군가 인사를 남겼습니다\.<\/a>/);
});

test('its daily job is registered with the scheduler', async () => {
  assert.ok(jobRegistry.daily().some((d) => d.name === 'hello.daily'));
  assert.ok(jobRegistry.daily().some((d) => d.name === 'proposals.daily'));
  assert.ok(jobRegistry.handler('daily:hello.daily'));
});

test('its CLI task is listed in the help and runs', async () => {
  assert.match(helpText(cliTasks()), /^ {2}hello \[name\]/m);
  assert.match(helpText(cliTasks()), /^ {2}pb <file\.pb>/m);
  const out: string[] = [];
  const log = console.log;
  console.log = (s: string) => {
    out.push(s);
  };
  try {
    assert.equal(await run(['hello', '시민'], { modules: [...manifests, hello] }), 0);
  } finally {
    console.log = log;
  }
  assert.deepEqual(out, ['안녕하세요, 시민!']);
});

test("every module's texts have Korean and English with the same keys and placeholders; migrations have one order", () => {
  for (const m of [...manifests, hello]) {
    if (!m.texts) continue;
    assert.deepEqual(
      Object.keys(m.texts.en).sort(),
      Object.keys(m.texts.ko).sort(),
      `${m.name}: the same keys in both languages`,
    );
    const ph = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const [k, v] of Object.entries(m.texts.ko))
      assert.equal(ph(m.texts.en[k]), ph(v), `${m.name}: placeholders of ${k}`);
  }
  const versions = migrationFiles().map((f) => f.version);
  assert.deepEqual(
    versions,
    [...versions].sort((a, b) => a - b),
  );
  assert.ok(versions.includes(900), "the test module's migration is in the global order");
});

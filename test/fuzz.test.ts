// Random bodies to every route (fast-check): never a server error; without the CSRF token, or without the
// fields a form needs, nothing is stored.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sql } from 'kysely';
import { testApp, Client, type TestApp } from './helpers.ts';
import { concreteRoutes, request, send } from './fuzz-inputs.ts';

let t: TestApp;
let admin: Client;
before(async () => {
  t = await testApp();
  admin = new Client(t);
  await admin.loginAs('admin');
});
after(async () => {
  await t.close();
});

const STORED = [
  'proposals',
  'comments',
  'comment_reports',
  'acts',
  'tallies',
  'proposal_answers',
  'audit_log',
  'components',
  'departments',
  'spaces',
  'notifications',
  'follows',
  'person_roles',
  'adhoc_holidays',
  'jobs',
  'person_contacts',
];
async function counts(): Promise<string> {
  const parts = await Promise.all(
    STORED.map(
      async (tb) =>
        (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(tb)}`.execute(t.p.db)).rows[0].n,
    ),
  );
  const settings = (await t.p.db.selectFrom('components').select('settings').orderBy('id').execute()).map((r) =>
    JSON.stringify(r.settings),
  );
  return JSON.stringify([parts, settings]);
}

function concretePaths(): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of t.app.routes) {
    if (r.method === 'ALL' || r.path.includes('*') || r.path.endsWith('/live')) continue; // the live stream stays open by design
    const path = r.path.replace(/:(\w+)(\{[^}]*\})?/g, (_, name) =>
      name === 'space'
        ? 'sotong'
        : name === 'board'
          ? 'propose'
          : name === 'provider'
            ? 'kakao'
            : name === 'dir'
              ? 'img'
              : '1',
    );
    const key = `${r.method} ${path}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ method: r.method, path });
    }
  }
  return out;
}

const body = fc.dictionary(
  fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom(
      'title',
      'body',
      'kind',
      'stance',
      'parent',
      'department',
      'reason',
      'person',
      'back',
      'supportWindowDays',
      'piiAction',
    ),
  ),
  fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.constantFrom(
      '',
      '0',
      '-1',
      '1e309',
      'NaN',
      '99999999999',
      '\u0000',
      '<script>alert(1)</script>',
      "'; drop table proposals; --",
    ),
  ),
  { maxKeys: 6 },
);
const contentType = fc.constantFrom(
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json',
  'text/plain',
  '',
);

test('every route survives random bodies without a server error', async () => {
  const routes = concretePaths();
  assert.ok(routes.filter((r) => r.method === 'POST').length >= 8, 'all POST routes were found');
  for (const r of routes) {
    await fc.assert(
      fc.asyncProperty(body, contentType, fc.boolean(), async (fields, type, withCsrf) => {
        const form = new URLSearchParams(Object.entries(withCsrf ? { ...fields, _csrf: admin.csrf } : fields));
        const res = await admin.request(r.path, {
          method: r.method,
          body: r.method === 'GET' ? undefined : form.toString(),
          headers: type ? { 'content-type': type } : {},
        });
        await res.arrayBuffer();
        assert.ok(res.status < 500, `${r.method} ${r.path} answered ${res.status}`);
      }),
      { numRuns: r.method === 'POST' ? 40 : 5 },
    );
  }
});

// Paths, query strings (paging cursors, NUL and control characters, broken %-sequences), headers and bodies together,
// signed in and not: never a server error. `npm run fuzz` sends 100,000 of the same kind.
test('every route survives random path segments, query strings, cursors and headers', async () => {
  const routes = concreteRoutes(t.app.routes);
  const anonymous = new Client(t);
  await anonymous.get('/login');
  await fc.assert(
    fc.asyncProperty(request(routes), async (r) => {
      if (!admin.cookies.size) await admin.loginAs('admin'); // a generated POST /logout signs the admin out
      const status = await send(r, admin, anonymous);
      assert.ok(status < 500, `${r.method} ${r.url} ${JSON.stringify(r.headers)} answered ${status}`);
    }),
    { numRuns: 600 },
  );
});

test('without the CSRF token nothing is stored, whatever the body', async () => {
  const before = await counts();
  for (const r of concretePaths().filter((x) => x.method === 'POST')) {
    await fc.assert(
      fc.asyncProperty(body, async (fields) => {
        const res = await admin.request(r.path, {
          method: 'POST',
          body: new URLSearchParams(Object.entries(fields)).toString(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        });
        await res.arrayBuffer();
        // One-click unsubscribe (RFC 8058) comes from mail programs without a token: its signed link is the authority.
        assert.equal(res.status, r.path === '/unsubscribe' ? 400 : 403);
      }),
      { numRuns: 20 },
    );
  }
  assert.equal(await counts(), before);
});

test('with the token but without valid fields, forms store nothing', async () => {
  const before = await counts();
  const forms = [
    '/s/sotong/propose',
    '/proposals/1/comments',
    '/proposals/1/answers',
    '/proposals/1/department',
    '/comments/1/decide',
    '/comments/1/report',
    '/admin/components/1',
    '/admin/holidays',
    '/admin/people/grant',
    '/admin/people/revoke',
  ];
  const invalid = fc.dictionary(
    fc
      .string({ maxLength: 8 })
      .filter(
        (k) =>
          ![
            'title',
            'body',
            'kind',
            'department',
            'reason',
            'supportWindowDays',
            'answerThreshold',
            'pageSize',
            'piiAction',
            'commentsEnabled',
            'stanceEnabled',
            'reportHideThreshold',
            '_csrf',
            'checkedSimilar',
            'decision',
            'day',
            'name',
            'person',
            'role',
            'grant',
          ].includes(k),
      ),
    fc.string({ maxLength: 40 }),
    { maxKeys: 4 },
  );
  for (const path of forms) {
    await fc.assert(
      fc.asyncProperty(invalid, async (fields) => {
        const res = await admin.post(path, fields);
        await res.arrayBuffer();
        assert.ok(res.status >= 400 && res.status < 500, `${path} answered ${res.status}`);
      }),
      { numRuns: 15 },
    );
  }
  assert.equal(await counts(), before);
});

test('an oversized body is refused with the reason before anything reads it, and stores nothing', async () => {
  const before = await counts();
  // A 2 MB form (1 MB is the cap for forms without files), with a valid token: 413 in Korean, with the limit.
  const big = await admin.post('/s/sotong/propose', { title: '큰 제안', body: '가'.repeat(700_000) });
  assert.equal(big.status, 413);
  const page = await big.text();
  assert.match(page, /보낸 내용이 너무 큽니다/);
  assert.match(page, /25MB까지/);
  // A declared length over the cap is refused from the header, before a byte of the body is read.
  const declared = await admin.request('/s/sotong/propose', {
    method: 'POST',
    body: new URLSearchParams({ _csrf: admin.csrf, title: '짧은 제목' }).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(2 * 1024 * 1024) },
  });
  assert.equal(declared.status, 413);
  // An upload over UPLOAD_MAX_MB (an app with a 1 MB cap, to keep the test small), asked for JSON: a JSON reason.
  const small = await testApp({ config: { uploadMaxBytes: 1024 * 1024 } });
  try {
    const c = new Client(small, { 'accept-language': 'en' });
    await c.loginAs('admin');
    const form = new FormData();
    form.set('_csrf', c.csrf);
    form.set('file', new Blob([new Uint8Array(1_200_000)], { type: 'image/png' }), 'big.png');
    const res = await c.request('/admin/components/1', {
      method: 'POST',
      body: form,
      headers: { accept: 'application/json' },
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: string }).error, 'too_large');
    // Under the cap the same request goes through to the route (which refuses the missing fields itself, not 413).
    const ok = new FormData();
    ok.set('_csrf', c.csrf);
    ok.set('file', new Blob([new Uint8Array(10_000)], { type: 'image/png' }), 'small.png');
    assert.notEqual((await c.request('/admin/components/1', { method: 'POST', body: ok })).status, 413);
  } finally {
    await small.close();
  }
  assert.equal(await counts(), before);
});

// Half-yearly snapshots (반기별 공개): a double click (two requests at once) gives one snapshot and a friendly answer,
// never a 500; every frozen pledge card prints as A4 HTML in its seed layout (frozen with the snapshot), and the
// comparison with the previous snapshot prints too.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import { seoulDateOf } from '../src/rules/index.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});
const text = (html: string) => decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ');
// The 반기별 공개 snapshot describes the half-year that has just ended: July–December → 상반기 of this year,
// January–June → 하반기 of last year.
const now = seoulDateOf(new Date());
const [year, month] = [Number(now.slice(0, 4)), Number(now.slice(5, 7))];
const justEnded =
  month >= 7
    ? { period: `${year}-H1`, label: `${year}년 상반기`, year }
    : { period: `${year - 1}-H2`, label: `${year - 1}년 하반기`, year: year - 1 };

test('two "take snapshot" requests at once: both answered 303, one snapshot, one record, the second told it exists', async () => {
  const c = new Client(t);
  await c.loginAs('planning');
  await c.get('/pledges/snapshots');
  const rs = await Promise.all([
    c.post('/pledges/snapshots', {}),
    c.post('/pledges/snapshots', {}),
    c.post('/pledges/snapshots', {}),
  ]);
  assert.deepEqual(
    rs.map((r) => r.status),
    [303, 303, 303],
  );
  const locations = rs.map((r) => r.headers.get('location')!).sort();
  const period = locations[0].match(/snapshots\/(\d{4}-H[12])\?/)![1];
  assert.equal(period, justEnded.period);
  const stored = await t.p.db.selectFrom('pledge_snapshots').select(['label', 'metrics']).executeTakeFirstOrThrow();
  assert.equal(stored.label, justEnded.label);
  assert.equal(
    (stored.metrics as { targetAchievementRate: { year: number } }).targetAchievementRate.year,
    justEnded.year,
  );
  assert.deepEqual(locations, [
    `/pledges/snapshots/${period}?msg=exists`,
    `/pledges/snapshots/${period}?msg=exists`,
    `/pledges/snapshots/${period}?msg=taken`,
  ]);
  assert.equal((await t.p.db.selectFrom('pledge_snapshots').select('period').execute()).length, 1);
  assert.equal(
    (await t.p.db.selectFrom('audit_log').select('seq').where('action', '=', 'pledge.snapshot').execute()).length,
    1,
  );
  const again = await c.get(`/pledges/snapshots/${period}?msg=exists`);
  assert.equal(again.res.status, 200);
  assert.match(
    text(again.html),
    /공개본은 이미 있습니다\. 공개본은 반기마다 하나이고 바뀌지 않으므로, 이미 만든 공개본을 보여 드립니다\./,
  );
});

test('the snapshot prints every frozen card in its seed layout, one per A4 page; the comparison with the previous prints too', async () => {
  const c = new Client(t);
  const period = (await t.p.db.selectFrom('pledge_snapshots').select('period').executeTakeFirstOrThrow()).period;
  // After the snapshot, 000's card moves to another layout and its title changes: the printed snapshot does not.
  const id000 = (await store.pledgeIdByCode(t.p.db, '000'))!;
  await t.p.db
    .updateTable('pledges')
    .set({ layout: 'suwon-2023', title: '바뀐 제목' })
    .where('id', '=', id000)
    .execute();
  const { res, html } = await c.get(`/pledges/snapshots/${period}/cards`);
  assert.equal(res.status, 200);
  assert.match(html, /href="\/pledges\/report.css"/);
  assert.equal(html.match(/<section class="card-page"/g)?.length, 3);
  const d = decode(html);
  assert.ok(d.includes('<h2 id="card-0">온라인 플랫폼 「수원만민광장」 구축</h2>'));
  assert.ok(!d.includes('바뀐 제목'));
  for (const h of [
    '<h3>6. 추진 중 사업 분석</h3>',
    '<h4>【문제점】</h4>',
    '<h3>5. 사업변경내역 (2018. 7. ~ 2021. 3. 31.) : 해당없음</h3>',
    '<h3>□ 추진실적(2023.12.31.기준)</h3>',
    '<h4>○ 계획수립</h4>',
  ]) {
    assert.ok(d.includes(h), `missing ${h}`);
  }
  assert.match(text(html), /계 116 0 0 0 31 15 32 14 29 0 29 29/);
  assert.match(text(html), /874 304 254 181 135/);
  const css = (await c.get('/pledges/report.css')).html;
  assert.match(css, /\.card-page \+ \.card-page \{[^}]*page-break-before: always/);
  // No previous snapshot yet: no comparison to print.
  assert.equal((await c.get(`/pledges/snapshots/${period}/comparison`)).res.status, 404);

  const s = (await store.getPledge(t.p.db, id000))!;
  await t.p.db
    .insertInto('pledge_snapshots')
    .values({
      period: '2000-H1',
      label: '2000년 상반기',
      taken_at: '2000-06-30',
      pledges: JSON.stringify([
        { ...s.pledge, title: '온라인 플랫폼 「수원만민광장」 구축', status: '정상추진', progressPercent: 90 },
      ]),
      metrics: JSON.stringify({
        completionRate: { percent: 0 },
        implementationRate: { percent: 100 },
        targetAchievementRate: { percent: null, year: 2000 },
        averageProgress: 90,
      }),
    })
    .execute();
  const cmp = await c.get(`/pledges/snapshots/${period}/comparison`);
  assert.equal(cmp.res.status, 200);
  assert.match(cmp.html, /href="\/pledges\/report.css"/);
  const ct = text(cmp.html);
  assert.match(ct, /공약 이행 공개본 비교: 2000년 상반기 → \d{4}년 [상하]반기/);
  assert.match(
    ct,
    /이행 지표 비교 공개본 완료율 이행률\(임기내\) 목표달성률 평균 진도율 2000년 상반기 0\.0% 100\.0% - 90\.0% \d{4}년 [상하]반기 100\.0% 100\.0%/,
  );
  assert.match(ct, /온라인 플랫폼 「수원만민광장」 구축 상태 정상추진 완료/);
  assert.match(ct, /전체 진도율 90 100/);
  assert.match(ct, /수원시 협치시정 활성화 사업 새 공약/);
  const page = await c.get(`/pledges/snapshots/${period}`);
  assert.match(page.html, new RegExp(`href="/pledges/snapshots/${period}/comparison"`));
  assert.match(page.html, new RegExp(`href="/pledges/snapshots/${period}/cards"`));
});

test('the planning office may publish another half-year than the one just ended; its year gives 목표달성률', async () => {
  const c = new Client(t);
  await c.loginAs('planning');
  const form = await c.get('/pledges/snapshots');
  // Two half-years before the one just ended is offered, and is not the default.
  const [y, h] = [Number(justEnded.period.slice(0, 4)), justEnded.period.slice(-1)];
  const older = { period: `${y - 1}-H${h}`, label: `${y - 1}년 ${h === '1' ? '상반기' : '하반기'}` };
  assert.match(
    form.html,
    new RegExp(`<option value="${justEnded.period}" selected[^>]*>${justEnded.label} \\(막 끝난 기간\\)</option>`),
  );
  assert.match(form.html, new RegExp(`<option value="${older.period}">${older.label}</option>`));
  const r = await c.post('/pledges/snapshots', { period: older.period });
  assert.equal(r.status, 303);
  assert.equal(r.headers.get('location'), `/pledges/snapshots/${older.period}?msg=taken`);
  const snap = await t.p.db
    .selectFrom('pledge_snapshots')
    .select(['label', 'metrics'])
    .where('period', '=', older.period)
    .executeTakeFirstOrThrow();
  assert.equal(snap.label, older.label);
  assert.equal((snap.metrics as { targetAchievementRate: { year: number } }).targetAchievementRate.year, y - 1);
  // A period the form does not offer is refused, and no snapshot is made.
  const bad = await c.post('/pledges/snapshots', { period: '1999-H1' });
  assert.equal(bad.status, 422);
  assert.equal(
    await t.p.db.selectFrom('pledge_snapshots').select('period').where('period', '=', '1999-H1').executeTakeFirst(),
    undefined,
  );
});

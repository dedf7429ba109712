// Administrators add a 임시공휴일 at run time; working-day deadlines count it; the change is on the record.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, type TestApp } from './helpers.ts';
import { cityCalendar } from '../src/platform/holidays.ts';
import { addWorkingDays } from '../src/rules/index.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('the 2025-01-27 임시공휴일 is known to a new installation', async () => {
  const cal = await cityCalendar(t.p.db);
  assert.equal(cal.isHoliday('2025-01-27'), true);
  // 설날 week 2025: 1/27 (임시), 1/28–1/30 (설날). Friday 1/24 is day 1 (the first day counts); day 2 is Friday 1/31.
  assert.equal(addWorkingDays('2025-01-24', 2, cal), '2025-01-31');
});

test('an administrator adds a day off; deadlines move; the record has it; others cannot', async () => {
  const before = await cityCalendar(t.p.db);
  assert.equal(addWorkingDays('2026-12-21', 5, before), '2026-12-28');
  const admin = new Client(t);
  await admin.loginAs('admin');
  assert.match((await admin.get('/admin/holidays')).html, /2026년 법정 공휴일/);
  const bad = await admin.post('/admin/holidays', { day: '2026-13-40', name: '잘못된 날' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /value="잘못된 날"/);
  const ok = await admin.post('/admin/holidays', { day: '2026-12-24', name: '임시공휴일', reason: '정부 지정' });
  assert.equal(ok.status, 303);
  const after = await cityCalendar(t.p.db);
  assert.equal(addWorkingDays('2026-12-21', 5, after), '2026-12-29');
  const rec = await t.p.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', 'holiday.add')
    .executeTakeFirstOrThrow();
  assert.equal(rec.target_id, '2026-12-24');
  assert.equal(rec.reason, '정부 지정');
  const official = new Client(t);
  await official.loginAs('official-roads');
  assert.equal((await official.post('/admin/holidays', { day: '2026-12-31', name: '임시공휴일' })).status, 403);
});

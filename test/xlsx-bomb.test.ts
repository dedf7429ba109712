// Zip bombs on import: an uploaded workbook is measured before exceljs inflates it. Declared sizes, entry count, and
// what each entry really inflates to (a hostile file lies about its size) are bounded, as are rows and cells;
// beyond them the official gets the reason in Korean (and English), nothing is stored, and no server error.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, Client, decode, type TestApp } from './helpers.ts';
import { bombXlsx, sheetXlsx, zipOf } from './zip.ts';
import { checkZip, XLSX_LIMITS } from '../src/platform/uploads/zip-guard.ts';
import { pledgeTemplateXlsx } from '../src/modules/pledges/domain/index.ts';

let t: TestApp;
before(async () => {
  t = await testApp();
});
after(async () => {
  await t.close();
});

test('checkZip: bombs, too many rows or cells, and non-ZIP files are refused; honest workbooks pass', async () => {
  const honest = await checkZip(await pledgeTemplateXlsx());
  assert.ok(honest.ok && honest.cells > 0, JSON.stringify(honest));
  for (const lie of [false, true]) {
    const v = await checkZip(await bombXlsx(40, { lie }));
    assert.ok(!v.ok, `lie=${lie}`);
    assert.match(v.message.ko, /파일을 풀면 너무 큽니다/);
    assert.match(v.message.en, /too large once unpacked/);
  }
  const wide = Array.from({ length: 10 }, () => Array.from({ length: 30 }, () => 'x'));
  assert.ok((await checkZip(sheetXlsx('s', wide))).ok);
  assert.ok(!(await checkZip(sheetXlsx('s', wide), { ...XLSX_LIMITS, cells: 299 })).ok);
  assert.ok(!(await checkZip(sheetXlsx('s', wide), { ...XLSX_LIMITS, rows: 9 })).ok);
  const many = zipOf(Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from('<a/>') })));
  assert.match(
    ((await checkZip(many, { ...XLSX_LIMITS, entries: 20 })) as { message: { ko: string } }).message.ko,
    /항목이 너무 많습니다/,
  );
  // Cells hidden from a name- or spelling-based count are still counted (a review found these passing with 1,000,000
  // cells): a stored entry, a sheet name exceljs accepts with a leading '/', a cell tag followed by a line break.
  const cellsXml = (tag: string) =>
    Buffer.from(`<worksheet><sheetData><row>${tag.repeat(1000)}</row></sheetData></worksheet>`);
  const few = { ...XLSX_LIMITS, cells: 500 };
  for (const [what, entry] of [
    ['stored', { name: 'xl/worksheets/sheet1.xml', data: cellsXml('<c/>'), stored: true }],
    ['leading slash', { name: '/xl/worksheets/sheet1.xml', data: cellsXml('<c r="A1"/>') }],
    ['other folder', { name: 'a/xl/worksheets/sheet1.xml', data: cellsXml('<c r="A1"/>') }],
    ['line break', { name: 'xl/worksheets/sheet1.xml', data: cellsXml('<c\n/>') }],
  ] as const) {
    assert.ok(!(await checkZip(zipOf([entry]), few)).ok, `${what}: 1,000 cells over a limit of 500 are refused`);
  }
  for (const junk of [
    Buffer.from('not a zip at all'),
    Buffer.alloc(0),
    (await pledgeTemplateXlsx()).subarray(0, 2000),
  ]) {
    const v = await checkZip(junk);
    assert.ok(!v.ok);
    assert.match(v.message.ko, /XLSX 파일이 아니거나 손상된 파일입니다/);
  }
});

test('uploading a bomb or a broken workbook: a 422 with the reason, nothing imported', async () => {
  const c = new Client(t);
  await c.loginAs('planning');
  await c.get('/admin/pledges');
  const count = async () =>
    Number(
      (
        await t.p.db
          .selectFrom('pledges')
          .select((e) => e.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const before = await count();
  const cases: [string, Buffer, RegExp][] = [
    ['/admin/pledges/import', await bombXlsx(40, { lie: true }), /파일을 풀면 너무 큽니다: 압축을 푼 크기 30MB/],
    ['/admin/evaluations/import', await bombXlsx(40), /파일을 풀면 너무 큽니다/],
    // Within the bounds, but cells without their r="A1" reference: exceljs throws on them.
    ['/admin/pledges/import', await bombXlsx(1), /파일을 읽을 수 없습니다\. 엑셀에서 XLSX로 다시 저장해 주세요/],
    ['/admin/pledges/import', Buffer.from('PK\u0003\u0004 not really'), /XLSX 파일이 아니거나 손상된 파일입니다/],
  ];
  for (const [path, data, reason] of cases) {
    const form = new FormData();
    form.set('_csrf', c.csrf);
    form.set('file', new File([new Uint8Array(data)], 'upload.xlsx'));
    const res = await c.request(path, { method: 'POST', body: form });
    assert.equal(res.status, 422, path);
    assert.match(decode(await res.text()), reason);
  }
  // English, for an official reading in English.
  const en = new Client(t);
  await en.loginAs('planning');
  await en.get('/admin/pledges?lang=en');
  const form = new FormData();
  form.set('_csrf', en.csrf);
  form.set('file', new File([new Uint8Array(await bombXlsx(40, { lie: true }))], 'bomb.xlsx'));
  const res = await en.request('/admin/pledges/import?lang=en', { method: 'POST', body: form });
  assert.equal(res.status, 422);
  assert.match(decode(await res.text()), /too large once unpacked: up to 30MB uncompressed/);
  assert.equal(await count(), before);
});

// An uploaded workbook is checked before exceljs inflates it (a zip bomb, or no ZIP at all, is refused with the
// reason), and what exceljs cannot read (malformed sheet XML makes it throw) is a row-0 error, never a server error.
// Every module that imports spreadsheets reads them through this.
import { checkZip } from './zip-guard.ts';
import type { ImportError } from '../reports/index.ts';

export async function fromWorkbook<R>(
  file: { name: string; data: Buffer },
  read: () => Promise<R>,
): Promise<R | { ok: false; errors: ImportError[] }> {
  const v = await checkZip(file.data);
  if (!v.ok) return { ok: false, errors: [{ sheet: file.name, row: 0, message: v.message }] };
  try {
    return await read();
  } catch {
    return {
      ok: false,
      errors: [
        {
          sheet: file.name,
          row: 0,
          message: {
            ko: '파일을 읽을 수 없습니다. 엑셀에서 XLSX로 다시 저장해 주세요.',
            en: 'The file cannot be read. Save it again as XLSX from Excel.',
          },
        },
      ],
    };
  }
}

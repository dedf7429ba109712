// The rows an import refused, as a table next to the upload form (sheet, row, column, problem), in the page's language.
import type { ImportError } from './sheet.ts';

export function ImportErrors({ errors, lang }: { errors: ImportError[]; lang: 'ko' | 'en' }) {
  const L = (ko: string, en: string) => (lang === 'ko' ? ko : en);
  return (
    <div class="table-wrap" id="import-errors">
      <table>
        <caption>{L('잘못된 행', 'Rows with errors')}</caption>
        <thead>
          <tr>
            <th scope="col">{L('표', 'Table')}</th>
            <th scope="col">{L('행', 'Row')}</th>
            <th scope="col">{L('열', 'Column')}</th>
            <th scope="col">{L('내용', 'Problem')}</th>
          </tr>
        </thead>
        <tbody>
          {errors.map((e) => (
            <tr>
              <td>{e.sheet}</td>
              <td class="num">{e.row}</td>
              <td>{lang === 'ko' ? (e.column ?? '') : (e.columnEn ?? '')}</td>
              <td>{e.message[lang]}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The files of a multipart upload's `file` field (empty ones left out), as bytes. */
export async function uploadedFiles(c: {
  req: { parseBody(o: { all: true }): Promise<Record<string, unknown>> };
}): Promise<{ name: string; data: Buffer }[]> {
  const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
  const raw = body.file;
  const files = (Array.isArray(raw) ? raw : [raw]).filter(
    (f): f is File => typeof f === 'object' && f !== null && 'arrayBuffer' in f && (f as File).size > 0,
  );
  return Promise.all(files.map(async (f) => ({ name: f.name, data: Buffer.from(await f.arrayBuffer()) })));
}

// The list of evaluation reports.
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { renderPage } from '../../../platform/ui/layout.tsx';
import { tx } from '../texts.ts';

export interface RunRow {
  id: number;
  title: string;
  report_date: string;
  n: number | string;
}

export function ListPage({ c, runs }: { c: Context<AppEnv>; runs: RunRow[] }) {
  const w = tx(c);
  return renderPage(
    c,
    { title: w('evaluations') },
    <div>
      <h1>{w('evaluations')}</h1>
      {runs.length ? (
        <div class="table-wrap">
          <table>
            <caption>{w('evaluations')}</caption>
            <thead>
              <tr>
                <th scope="col">{w('title')}</th>
                <th scope="col">{w('takenAt')}</th>
                <th scope="col">{w('rows')}</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((r) => (
                <tr>
                  <th scope="row">
                    <a href={`/evaluations/${r.id}`}>{r.title}</a>
                  </th>
                  <td>{r.report_date}</td>
                  <td class="num">{Number(r.n)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>{w('evaluationNone')}</p>
      )}
    </div>,
  );
}

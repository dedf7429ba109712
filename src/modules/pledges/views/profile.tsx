// A pledge's attributes and its unit projects (단위사업) on the pledge page, whatever the card layout: the seeds'
// cards print 유형·재원·임기구분·사업주체 only in the 2023 layout and unit projects in none, but a citizen reading the
// page should find every attribute the city keeps (issue 7 §1).
import type { Context } from 'hono';
import type { AppEnv } from '../../../platform/context.ts';
import { koYearMonth, amount, type Pledge, type PledgeSettings } from '../domain/index.ts';
import { L } from '../routes/shared.tsx';

type Attrs = Pick<Pledge, 'type' | 'funding' | 'term' | 'targetDate' | 'owner' | 'period' | 'requiredBudget'>;

const ATTRS: { key: keyof Attrs; ko: string; en: string }[] = [
  { key: 'type', ko: '유형', en: 'Type' },
  { key: 'funding', ko: '재원', en: 'Funding' },
  { key: 'term', ko: '임기구분', en: 'Term' },
  { key: 'targetDate', ko: '목표연월', en: 'Target' },
  { key: 'owner', ko: '사업주체', en: 'Owner' },
  { key: 'period', ko: '사업기간', en: 'Period' },
  { key: 'requiredBudget', ko: '소요예산', en: 'Budget needed' },
];

const shown = (a: Attrs, key: keyof Attrs, unit: string): string => {
  const v = a[key];
  if (v === undefined || v === '') return '';
  if (key === 'targetDate') return koYearMonth(String(v));
  if (key === 'requiredBudget') return `${amount(Number(v))} ${unit}`;
  return String(v);
};

export function PledgeProfile({
  c,
  pledge,
  settings,
  names,
}: {
  c: Context<AppEnv>;
  pledge: Pledge;
  settings: PledgeSettings;
  names: Map<string, string>;
}) {
  const rows = [
    ...(pledge.visionId ? [[L(c, '비전', 'Vision'), names.get(pledge.visionId) ?? pledge.visionId]] : []),
    ...(pledge.fieldId ? [[L(c, '분야', 'Field'), names.get(pledge.fieldId) ?? pledge.fieldId]] : []),
    ...ATTRS.map((x) => [L(c, x.ko, x.en), shown(pledge, x.key, settings.budgetUnit)]).filter(([, v]) => v),
  ];
  const units = pledge.unitProjects;
  if (!rows.length && !units.length) return null;
  return (
    <section aria-labelledby="profile-h">
      <h2 id="profile-h">{L(c, '공약 정보', 'About this pledge')}</h2>
      {rows.length ? (
        <dl class="profile">
          {rows.map(([k, v]) => (
            <>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </>
          ))}
        </dl>
      ) : null}
      {units.length ? (
        <div class="table-wrap">
          <table>
            <caption>{L(c, `단위사업 ${units.length}개`, `${units.length} unit projects`)}</caption>
            <thead>
              <tr>
                <th scope="col">{L(c, '단위사업', 'Unit project')}</th>
                <th scope="col">{L(c, '상태', 'Status')}</th>
                <th scope="col">{L(c, '진도율', 'Progress')}</th>
                {ATTRS.map((x) => (
                  <th scope="col">{L(c, x.ko, x.en)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr>
                  <th scope="row">{u.title}</th>
                  <td>{u.status ?? ''}</td>
                  <td class="num">{u.progressPercent === undefined ? '' : `${u.progressPercent}%`}</td>
                  {ATTRS.map((x) => (
                    <td>{shown(u, x.key, settings.budgetUnit)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

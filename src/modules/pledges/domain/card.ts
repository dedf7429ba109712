// The pledge card (공약 관리카드) as a report model, in the layouts of seeds 000, 001 and 002.
// A layout is data: the ordered sections with their headings as printed, plus a few table
// variants where the seeds differ (which status columns, how 정책실명제 is laid out …).
import {
  span,
  type Block,
  type ListItem,
  type Report,
  type ReportSection,
  type ReportTable,
  type TableRow,
} from '../../../platform/reports/model.ts';
import type { Item, Pledge } from './model.ts';
import { budgetTable, figureTable, indicatorTable } from './card-tables.ts';
import { resolveStatus, type PledgeSettings } from './settings.ts';
import { amount, fill, koDate, koYearMonth } from './format.ts';
import type { CommunicationEntry } from './communication.ts';
import type { CardLayout, CardSection } from './card-layout.ts';

export type { SectionKind, CardSection, CardLayout } from './card-layout.ts';

/** Seed 000 (수원만민광장, report as of 2020-12-31). */
export const LAYOUT_SUWON_2020: CardLayout = {
  id: 'suwon-2020',
  name: '수원시 민선7기 공약 카드 (2020)',
  status: 'suwon2020',
  overviewSep: ' : ',
  budgetLabel: '소요예산',
  budgetUnit: '(단위 : 백만 원)',
  indicatorGroupHead: '연도별 성과지표',
  officials: 'table',
  sections: [
    { kind: 'status', heading: '' },
    { kind: 'overview', heading: '1. 사업개요' },
    { kind: 'budget', heading: '2. 예산투자현황 및 투자계획' },
    { kind: 'indicators', heading: '3. 연도별 성과지표' },
    { kind: 'changeReasons', heading: '【변경사유】', level: 2 },
    { kind: 'progress', heading: '4. 성과지표별 추진현황({asOf} 기준)' },
    { kind: 'suggestions', heading: '○ {evaluation}의 개선 및 제안사항에 대한 추진실적', level: 2 },
    { kind: 'achievements', heading: '5. 추진성과' },
    { kind: 'problems', heading: '6. 추진 중 사업 분석' },
    { kind: 'plans', heading: '7. 향후 추진계획' },
    { kind: 'officials', heading: '{program} 정책실명제' },
  ],
};

/** Seed 001 (협치, report 2018. 7. ~ 2021. 3. 31.). */
export const LAYOUT_SUWON_2021: CardLayout = {
  ...LAYOUT_SUWON_2020,
  id: 'suwon-2021',
  name: '수원시 민선7기 공약 카드 (2021)',
  status: 'suwon2021',
  budgetUnit: '(단위 : 백만원)',
  indicatorGroupHead: '성과지표',
  indicatorHeadMerged: '성 과 지 표',
  sections: [
    { kind: 'status', heading: '' },
    { kind: 'overview', heading: '1. 사업개요' },
    { kind: 'budget', heading: '2. 예산투자현황 및 투자계획' },
    { kind: 'indicators', heading: '3. 연도별 성과지표' },
    { kind: 'changeReasons', heading: '【변경사유】', level: 2 },
    { kind: 'progress', heading: '4. 성과지표별 추진현황 ({reportPeriod})' },
    { kind: 'changes', heading: '5. 사업변경내역 ({reportPeriod})' },
    { kind: 'suggestions', heading: '6. 「{evaluation} 개선 및 제안사항」 추진실적' },
    { kind: 'problems', heading: '7. 문제점 및 대책' },
    { kind: 'plans', heading: '8. 향후추진계획' },
    { kind: 'officials', heading: '{program} 정책실명제' },
  ],
};

/** Seed 002 (새빛톡톡, 2023). */
export const LAYOUT_SUWON_2023: CardLayout = {
  ...LAYOUT_SUWON_2020,
  id: 'suwon-2023',
  name: '수원시 민선8기 공약 카드 (2023)',
  status: 'suwon2023',
  overviewSep: ': ',
  budgetLabel: '사업예산',
  budgetUnit: '(단위: 백만원 / {asOfTight} 기준)',
  // The period groups ('임기내 목표' over 2022. … 2026. 6.) are the top header row themselves.
  indicatorGroupHead: '',
  indicatorLabel: '확인지표',
  officials: 'inline',
  overview: { order: ['target', 'period', 'budget', 'content'], targetLabel: '플랫폼명', inlineContent: true },
  budgetCorner: '',
  budgetSumLabel: '소요예산 (a~{last} 합계)',
  budgetUsedSourcesOnly: true,
  budgetEmptyTotal: { prior: '', other: '-' },
  progressAsLists: true,
  sections: [
    { kind: 'status', heading: '' },
    { kind: 'goals', heading: '□ 사업목표' },
    { kind: 'overview', heading: '□ 사업개요' },
    { kind: 'budget', heading: '□ 예산투자 현황 및 계획' },
    { kind: 'indicators', heading: '□ 연차별 이행확인지표' },
    { kind: 'changeReasons', heading: '【변경사유】', level: 2 },
    { kind: 'progress', heading: '□ 추진실적({asOfTight}기준)' },
    { kind: 'press', heading: '□ 사업 홍보실적' },
    { kind: 'plans', heading: '□ 향후추진 계획' },
    { kind: 'officials', heading: '' },
  ],
};

export const CARD_LAYOUTS = [LAYOUT_SUWON_2020, LAYOUT_SUWON_2021, LAYOUT_SUWON_2023];

export interface CardContext {
  settings: PledgeSettings;
  layout?: CardLayout;
  /** Day the budget rule is applied on; defaults to the pledge's 기준일. */
  today?: string;
  /** Press entries of the communication card, for the 홍보실적 section. */
  communications?: CommunicationEntry[];
}

const list = (items: Item[]): Block => ({ kind: 'list', items: items as ListItem[] });
const none = (): Block => ({ kind: 'list', items: [{ text: '해당없음' }] });
const lines = (items: Item[], markers = ['○', '•', '-', '※'], depth = 0): string[] =>
  items.flatMap((it) => [
    `${markers[Math.min(depth, 3)]} ${it.text}${it.when ? ` ----- ${it.when}` : ''}`,
    ...lines(it.children ?? [], markers, depth + 1),
  ]);

function statusTable(p: Pledge, layout: CardLayout, settings: PledgeSettings): ReportTable {
  const st = resolveStatus(settings, p.status);
  const done = st?.completed && !st.continuing;
  const cont = st?.completed && st.continuing;
  if (layout.status === 'suwon2023') {
    return {
      id: 'status',
      title: '공약 현황',
      head: [{ cells: ['유형별', '재원별', '임기구분', '목표연도', '사업주체', '임기 내 전체 추진율(누적값)'] }],
      body: [
        {
          cells: [
            p.type ?? '',
            p.funding ?? '',
            p.term ?? '',
            koYearMonth(p.targetDate),
            p.owner ?? '',
            `${p.progressPercent}%`,
          ],
        },
      ],
    };
  }
  if (layout.status === 'suwon2021') {
    return {
      id: 'status',
      title: '공약 현황',
      head: [
        {
          cells: [
            '사업구분',
            '완료종료',
            '완료지속추진',
            '추진중 (전체 사업진도율(%))',
            '목표연월',
            '담당부서',
            '비고',
          ],
        },
      ],
      body: [
        {
          cells: [
            p.category ?? '',
            done ? '○' : '-',
            cont ? '○' : '-',
            p.progressPercent,
            koYearMonth(p.targetDate),
            p.leadDepartment ?? '',
            p.note ?? '',
          ],
        },
      ],
    };
  }
  return {
    id: 'status',
    title: '공약 현황',
    head: [{ cells: ['완료 (종료)', '완료 지속추진', '추진 중 (전체 사업진도 %)', '목표연도 및 월', '비고'] }],
    body: [
      {
        cells: [
          done ? '○' : '',
          cont ? '○' : '',
          p.progressPercent,
          koYearMonth(p.targetDate),
          p.note ?? p.category ?? '',
        ],
      },
    ],
  };
}

function overview(p: Pledge, layout: CardLayout, settings: PledgeSettings): Item[] {
  const sep = layout.overviewSep;
  const o = layout.overview ?? { order: ['period', 'target', 'content', 'budget'] };
  const line: Record<(typeof o.order)[number], () => Item | undefined> = {
    period: () => (p.period ? { text: `사업기간${sep}${p.period}` } : undefined),
    target: () => (p.target ? { text: `${o.targetLabel ?? '사업대상'}${sep}${p.target}` } : undefined),
    content: () => {
      if (!p.content.length) return undefined;
      // Seed 002: '사업내용: 모바일 앱 형식의 … 구축 및 운영' with the details below it.
      if (o.inlineContent && p.content.length === 1)
        return { text: `사업내용${sep}${p.content[0].text}`, children: p.content[0].children };
      return { text: '사업내용', children: p.content };
    },
    budget: () =>
      p.requiredBudget === undefined
        ? undefined
        : {
            text: `${layout.budgetLabel}${sep}${amount(p.requiredBudget)}${settings.budgetUnit}${p.requiredBudgetNote ? `(${p.requiredBudgetNote})` : ''}`,
          },
  };
  return o.order.map((k) => line[k]()).filter((x): x is Item => !!x);
}

function officialsBlocks(p: Pledge, layout: CardLayout): Block[] {
  const lead = p.officials.filter((o) => o.role === 'lead');
  const coop = p.officials.filter((o) => o.role === 'cooperating');
  if (layout.officials === 'inline') {
    // Seed 002 prints one line per department: '담당부서 | 시민소통과 | 과장 신성용(3860) …'. A pledge led by two
    // departments gets a line for each, under one '담당부서' label, so no official is filed under another department.
    const row = (label: string, os: typeof lead): TableRow[] => {
      const depts = [...new Set(os.map((o) => o.department))];
      return depts.map((d, k) => ({
        cells: [
          ...(k === 0 ? [depts.length > 1 ? span(label, 1, depts.length) : label] : []),
          d,
          ...os.filter((o) => o.department === d).map((o) => `${o.position} ${o.name}(${o.phone})`),
        ],
      }));
    };
    return [
      {
        kind: 'table',
        table: {
          id: 'officials',
          title: '정책실명제',
          head: [],
          body: [...row('담당부서', lead), ...row('협조부서', coop)],
        },
      },
    ];
  }
  const group = (os: typeof lead): TableRow[] => {
    const out: TableRow[] = [];
    const depts = [...new Set(os.map((o) => o.department))];
    for (const d of depts) {
      const ds = os.filter((o) => o.department === d);
      ds.forEach((o, k) =>
        out.push({ cells: [...(k === 0 ? [span(d, 1, ds.length)] : []), o.position, o.name, o.phone] }),
      );
    }
    return out;
  };
  const body = [...group(lead)];
  if (coop.length) body.push({ header: true, cells: ['협조부서', '직(직급)', '성명', '전화번호'] }, ...group(coop));
  return [
    {
      kind: 'table',
      table: {
        id: 'officials',
        title: '정책실명제',
        head: [{ cells: ['담당부서', '직(직급)', '성명', '전화번호'] }],
        body,
      },
    },
  ];
}

/**
 * Builds the card. Sections whose content is optional (변경사유, 제안사항, 홍보실적) are left
 * out when empty; sections the seeds print with '해당없음' (문제점, 사업변경내역) stay.
 */
export function buildPledgeCard(p: Pledge, ctx: CardContext): Report {
  const layout = ctx.layout ?? LAYOUT_SUWON_2020;
  const { settings } = ctx;
  const today = ctx.today ?? p.asOf;
  const asOf = p.asOf ? koDate(p.asOf) : '';
  const vars = {
    asOf,
    asOfTight: asOf.replace(/\s+/g, ''),
    reportPeriod: p.reportFrom && p.asOf ? `${koDate(p.reportFrom)} ~ ${asOf}` : asOf,
    evaluation: p.suggestions[0]?.evaluation,
    program: settings.programName,
  };
  const sections: ReportSection[] = [];
  const add = (s: CardSection, blocks: Block[], suffix = '') =>
    sections.push({ id: s.kind, heading: fill(s.heading, vars) + suffix, level: s.level ?? 1, blocks });

  for (const s of layout.sections) {
    switch (s.kind) {
      case 'status':
        add(s, [{ kind: 'table', table: statusTable(p, layout, settings) }]);
        break;
      case 'goals':
        if (p.goals.length) add(s, [list(p.goals)]);
        break;
      case 'overview':
        add(s, [list(overview(p, layout, settings))]);
        break;
      case 'budget': {
        if (!today) throw new Error(`pledge ${p.id}: the budget rule needs a 기준일 (asOf) or ctx.today`);
        add(s, [{ kind: 'table', table: budgetTable(p, today, settings, fill(layout.budgetUnit, vars), layout) }]);
        break;
      }
      case 'indicators':
        add(
          s,
          p.indicatorTables.flatMap((tb, i): Block[] => [
            ...(tb.caption ? [{ kind: 'paragraph' as const, text: tb.caption }] : []),
            { kind: 'table', table: indicatorTable(tb, layout, i) },
          ]),
        );
        break;
      case 'changeReasons': {
        const reasons = p.indicatorTables.flatMap((t) => t.changeReasons);
        if (reasons.length) add(s, [list(reasons)]);
        break;
      }
      case 'progress': {
        const figures = (l: Pledge['progress'][number]): Block[] =>
          l.tables.map((ft, k) => ({
            kind: 'table',
            table: figureTable(ft, `progress-${p.progress.indexOf(l) + 1}-${k + 1}`),
          }));
        if (layout.progressAsLists) {
          add(s, []);
          p.progress.forEach((l, i) =>
            sections.push({
              id: `progress-${i + 1}`,
              heading: `○ ${l.indicator}`,
              level: 2,
              blocks: [list(l.items), ...figures(l)],
            }),
          );
        } else {
          add(s, [
            {
              kind: 'table',
              table: {
                id: 'progress',
                title: '성과지표별 추진현황',
                head: [{ cells: ['성과지표', '추진현황'] }],
                body: p.progress.map((l) => ({ cells: [l.indicator, lines(l.items).join('\n')] })),
              },
            },
            ...p.progress.flatMap(figures),
          ]);
        }
        break;
      }
      case 'suggestions': {
        // A numbered section (2021 layout) stays when empty, as the seed prints '5. 사업변경내역 … : 해당없음', so the
        // numbers that follow do not jump; an unnumbered one (○ …) is left out.
        if (!p.suggestions.length && /^\d+\./.test(s.heading))
          add({ ...s, heading: s.heading.replace('{evaluation} ', '') }, [], ' : 해당없음');
        const evals = [...new Set(p.suggestions.map((x) => x.evaluation))];
        for (const ev of evals) {
          const rows = p.suggestions.filter((x) => x.evaluation === ev);
          sections.push({
            id: 'suggestions',
            heading: fill(s.heading, { ...vars, evaluation: ev }),
            level: s.level ?? 1,
            blocks: [
              {
                kind: 'table',
                table: {
                  id: 'suggestions',
                  title: '개선 및 제안사항 추진실적',
                  head: [{ cells: ['개선 및 제안사항', '추진실적(추진계획 포함)'] }],
                  body: rows.map((r) => ({
                    cells: [lines(r.suggestion, ['•', '-']).join('\n'), lines(r.followUp, ['•', '-']).join('\n')],
                  })),
                },
              },
            ],
          });
        }
        break;
      }
      case 'achievements':
        add(s, [p.achievements.length ? list(p.achievements) : none()]);
        break;
      case 'changes':
        // Seed 001 prints '5. 사업변경내역 (…) : 해당없음' when there were none.
        if (!p.changes.length) add(s, [], ' : 해당없음');
        else
          add(s, [
            {
              kind: 'table',
              table: {
                id: 'changes',
                title: '사업변경내역',
                head: [{ cells: ['변경일', '변경항목', '변경 전', '변경 후', '변경사유'] }],
                body: p.changes.map((c) => ({
                  cells: [koDate(c.date), CHANGE_LABELS[c.item], c.before, c.after, c.reason],
                })),
              },
            },
          ]);
        break;
      case 'problems': {
        add(s, []);
        const lv = 2 as const;
        sections.push({
          id: 'problems-problem',
          heading: '【문제점】',
          level: lv,
          blocks: [p.problems.length ? list(p.problems.flatMap((x) => x.problem)) : none()],
        });
        const measures = p.problems.flatMap((x) => x.measures);
        if (measures.length)
          sections.push({ id: 'problems-measures', heading: '【대책】', level: lv, blocks: [list(measures)] });
        break;
      }
      case 'plans':
        add(s, [p.plans.length ? list(p.plans) : none()]);
        break;
      case 'press': {
        const press = (ctx.communications ?? []).filter((c) => c.pledgeId === p.id && c.type === 'press');
        // As seed 002 captions its scraps: '▶ 새빛톡톡 론칭쇼 언론보도 (2023.7.24.)'.
        if (press.length)
          add(s, [
            {
              kind: 'list',
              marker: '▶',
              items: press.map((c) => ({
                text: `${c.title ?? c.content ?? ''} (${koDate(c.date).replace(/\s+/g, '')})`,
              })),
            },
          ]);
        break;
      }
      case 'officials':
        add(s, officialsBlocks(p, layout));
        break;
    }
  }
  return {
    kind: 'pledge-card',
    title: p.title,
    meta: [
      { label: '공약번호', value: p.id },
      ...(p.leadDepartment ? [{ label: '담당부서', value: p.leadDepartment }] : []),
      { label: '상태', value: p.status },
      { label: '전체 진도율', value: `${p.progressPercent}%` },
      ...(p.asOf ? [{ label: '기준일', value: asOf }] : []),
    ],
    sections,
  };
}

const CHANGE_LABELS: Record<Pledge['changes'][number]['item'], string> = {
  target: '목표',
  indicator: '성과지표',
  budget: '예산',
  status: '상태',
  other: '기타',
};

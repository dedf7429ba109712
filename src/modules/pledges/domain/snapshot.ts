// 반기별 공개: frozen snapshots of all pledges, and the comparison with the previous one.
// A snapshot is a deep copy plus the metrics of that moment; it is never edited afterwards.
import type { Pledge } from './model.ts';
import { dashboard, type DashboardMetrics } from './dashboard.ts';
import type { PledgeSettings } from './settings.ts';
import type { Report } from '../../../platform/reports/model.ts';

export interface Snapshot {
  /** '2021-H1' or '2021-Q3'. */
  period: string;
  /** '2021년 상반기', '2021년 3분기'. */
  label: string;
  takenAt: string;
  pledges: Pledge[];
  metrics: DashboardMetrics;
}

export interface SnapshotPeriod {
  period: string;
  label: string;
  year: number;
}

const periodLabel = (y: number, kind: 'H' | 'Q', n: number) =>
  kind === 'Q' ? `${y}년 ${n}분기` : `${y}년 ${n === 1 ? '상반기' : '하반기'}`;

/** The half-year (or quarter) that contains `date`. */
export function snapshotPeriod(date: string, cadence: PledgeSettings['publication']): SnapshotPeriod {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (cadence === 'quarterly') {
    const q = Math.ceil(m / 3);
    return { period: `${y}-Q${q}`, label: periodLabel(y, 'Q', q), year: y };
  }
  const h = m <= 6 ? 1 : 2;
  return { period: `${y}-H${h}`, label: periodLabel(y, 'H', h), year: y };
}

/** '2021-H1' / '2021-Q3' read back, or undefined when it is not a period code. */
export function parseSnapshotPeriod(code: string): SnapshotPeriod | undefined {
  const m = /^(\d{4})-(H[12]|Q[1-4])$/.exec(code);
  if (!m) return undefined;
  const y = Number(m[1]);
  return { period: code, label: periodLabel(y, m[2][0] as 'H' | 'Q', Number(m[2][1])), year: y };
}

/** The period `steps` periods before (negative: after) the one containing `date`. */
function periodBefore(date: string, cadence: PledgeSettings['publication'], steps: number): SnapshotPeriod {
  const cur = snapshotPeriod(date, cadence);
  const per = cadence === 'quarterly' ? 4 : 2;
  const n = Number(cur.period.slice(-1)) - 1 - steps;
  const y = cur.year + Math.floor(n / per);
  return parseSnapshotPeriod(`${y}-${cadence === 'quarterly' ? 'Q' : 'H'}${(((n % per) + per) % per) + 1}`)!;
}

/**
 * The period a 반기별 공개 snapshot taken on `date` describes by default: the one that has just ended, because the
 * figures of a half-year are reported after it closes (taken in July–December → 상반기 of that year; January–June →
 * 하반기 of the year before). Labelling by the day of taking would call a July report on the 상반기 '하반기', and a
 * January one would measure 목표달성률 against the new year, whose targets have no actuals yet.
 */
export function endedSnapshotPeriod(date: string, cadence: PledgeSettings['publication']): SnapshotPeriod {
  return periodBefore(date, cadence, 1);
}

/** The periods the planning office may choose on `date`: the current one, then the one just ended (the default) and earlier ones. */
export function snapshotPeriodChoices(
  date: string,
  cadence: PledgeSettings['publication'],
  earlier = 3,
): SnapshotPeriod[] {
  return Array.from({ length: earlier + 2 }, (_, i) => periodBefore(date, cadence, i));
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

/**
 * Freezes the pledges as of `takenAt` as the snapshot of `period` (default: the period just ended). The metrics
 * (목표달성률) are those of the period's year, the one the snapshot reports on, not of the day it was taken.
 */
export function takeSnapshot(
  pledges: Pledge[],
  takenAt: string,
  settings: PledgeSettings,
  period?: SnapshotPeriod,
): Snapshot {
  const p = period ?? endedSnapshotPeriod(takenAt, settings.publication);
  return deepFreeze({
    period: p.period,
    label: p.label,
    takenAt,
    pledges: structuredClone(pledges),
    metrics: dashboard(pledges, settings, p.year),
  });
}

export interface SnapshotChange {
  pledgeId: string;
  title: string;
  kind: 'added' | 'removed' | 'changed';
  /** Dotted path, e.g. 'status', 'budget.entries[시비/2021].executed'. */
  path: string;
  /** Korean label of the top-level field. */
  label: string;
  before?: unknown;
  after?: unknown;
}

const FIELD_LABELS: Record<string, string> = {
  title: '공약명',
  status: '상태',
  progressPercent: '전체 진도율',
  targetDate: '목표연월',
  type: '유형',
  funding: '재원',
  term: '임기구분',
  owner: '사업주체',
  leadDepartment: '담당부서',
  period: '사업기간',
  target: '사업대상',
  goals: '사업목표',
  content: '사업내용',
  requiredBudget: '소요예산',
  requiredBudgetNote: '소요예산',
  indicatorTables: '성과지표',
  progress: '추진현황',
  budget: '예산',
  officials: '정책실명제',
  suggestions: '개선 및 제안사항',
  problems: '문제점 및 대책',
  achievements: '추진성과',
  plans: '향후추진계획',
  changes: '사업변경내역',
  unitProjects: '단위사업',
  asOf: '기준일',
  note: '비고',
  category: '사업구분',
  visionId: '비전',
  fieldId: '분야',
  reportFrom: '보고기간',
  publishedAt: '공개일',
};

/** Korean names of the nested fields, for the comparison's 'where' column (top-level ones are FIELD_LABELS). */
const PART_LABELS: Record<string, string> = {
  achieved: '달성',
  actual: '실적',
  after: '변경 후',
  before: '변경 전',
  caption: '제목',
  changed: '변경',
  content: '내용',
  cumulative: '누적 추진율',
  department: '부서',
  direction: '방향',
  entries: '항목',
  evaluation: '평가',
  executed: '집행',
  followUp: '추진실적',
  goals: '목표',
  indicator: '지표',
  indicators: '지표',
  items: '항목',
  label: '이름',
  measures: '대책',
  name: '이름',
  note: '비고',
  original: '당초',
  period: '기간',
  periods: '기간',
  phone: '전화번호',
  planned: '계획',
  position: '직위',
  prior: '기투자',
  problem: '문제점',
  reason: '사유',
  rows: '행',
  secured: '확보',
  source: '재원',
  suggestion: '제안사항',
  tables: '표',
  target: '목표',
  unit: '단위',
  values: '값',
};

/**
 * Where in a pledge a change is, in words: 'budget.entries[시비/2021].executed' → '예산 › 항목 › 시비/2021 › 집행'. Array
 * elements keep their natural key (a source and period, an indicator's id); unknown names are shown as they are.
 */
export function pathLabel(path: string): string {
  const parts = path.match(/[^.[\]]+/g) ?? [];
  return parts.map((x, i) => (i === 0 ? FIELD_LABELS[x] : PART_LABELS[x]) ?? x).join(' › ');
}

/** Array elements are keyed by a natural id where there is one, so reordering is not a change. */
function elementKey(v: unknown, i: number): string {
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.id === 'string') return o.id;
    if (typeof o.periodKey === 'string' && typeof o.source === 'string') return `${o.source}/${o.periodKey}`;
    if (typeof o.periodKey === 'string') return o.periodKey;
    if (typeof o.key === 'string') return o.key;
    if (typeof o.indicator === 'string') return o.indicator;
  }
  return String(i);
}

function flatten(v: unknown, prefix = '', out: Map<string, unknown> = new Map()): Map<string, unknown> {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(prefix, '[]');
    v.forEach((x, i) => flatten(x, `${prefix}[${elementKey(x, i)}]`, out));
  } else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (x !== undefined) flatten(x, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, v);
  return out;
}

/** Changes from `prev` to `next`, pledge by pledge, in the order of `next`. */
export function diffSnapshots(prev: Pick<Snapshot, 'pledges'>, next: Pick<Snapshot, 'pledges'>): SnapshotChange[] {
  const out: SnapshotChange[] = [];
  const before = new Map(prev.pledges.map((p) => [p.id, p]));
  const after = new Map(next.pledges.map((p) => [p.id, p]));
  for (const p of next.pledges) {
    const old = before.get(p.id);
    if (!old) {
      out.push({ pledgeId: p.id, title: p.title, kind: 'added', path: '', label: '공약' });
      continue;
    }
    const a = flatten(old);
    const b = flatten(p);
    for (const k of new Set([...a.keys(), ...b.keys()])) {
      if (a.get(k) === b.get(k)) continue;
      const top = k.split(/[.[]/)[0];
      out.push({
        pledgeId: p.id,
        title: p.title,
        kind: 'changed',
        path: k,
        label: FIELD_LABELS[top] ?? top,
        before: a.get(k),
        after: b.get(k),
      });
    }
  }
  for (const p of prev.pledges)
    if (!after.has(p.id)) out.push({ pledgeId: p.id, title: p.title, kind: 'removed', path: '', label: '공약' });
  return out;
}

const shown = (v: unknown) =>
  v === undefined ? '' : typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);

/**
 * The comparison of a snapshot with the previous one as a report (printable A4, like the cards): the key figures of
 * both, then every change pledge by pledge.
 */
export function snapshotComparison(
  prev: Pick<Snapshot, 'label' | 'pledges' | 'metrics'>,
  next: Pick<Snapshot, 'label' | 'takenAt' | 'pledges' | 'metrics'>,
): Report {
  const changes = diffSnapshots(prev, next);
  const f = (v: number | null | undefined) => (v === null || v === undefined ? '-' : `${v.toFixed(1)}%`);
  const fig = (m: DashboardMetrics) => [
    f(m.completionRate?.percent),
    f(m.implementationRate?.percent),
    f(m.targetAchievementRate?.percent),
    f(m.averageProgress),
  ];
  return {
    kind: 'pledge-card',
    title: `공약 이행 공개본 비교: ${prev.label} → ${next.label}`,
    meta: [
      { label: '기준일', value: next.takenAt },
      { label: '바뀐 항목', value: `${changes.length}건` },
    ],
    sections: [
      {
        id: 'metrics',
        heading: '이행 지표',
        level: 1,
        blocks: [
          {
            kind: 'table',
            table: {
              id: 'comparison-metrics',
              title: '이행 지표 비교',
              head: [{ cells: ['공개본', '완료율', '이행률(임기내)', '목표달성률', '평균 진도율'] }],
              body: [{ cells: [prev.label, ...fig(prev.metrics)] }, { cells: [next.label, ...fig(next.metrics)] }],
            },
          },
        ],
      },
      {
        id: 'changes',
        heading: '바뀐 내용',
        level: 1,
        blocks: changes.length
          ? [
              {
                kind: 'table',
                table: {
                  id: 'comparison-changes',
                  title: '바뀐 내용',
                  head: [{ cells: ['공약', '항목', '이전', '이후'] }],
                  body: changes.map((x) => ({
                    cells: [
                      x.title,
                      x.kind === 'changed' ? pathLabel(x.path) : x.kind === 'added' ? '새 공약' : '빠진 공약',
                      shown(x.before),
                      shown(x.after),
                    ],
                  })),
                },
              },
            ]
          : [{ kind: 'paragraph', text: '바뀐 내용이 없습니다.' }],
      },
    ],
  };
}

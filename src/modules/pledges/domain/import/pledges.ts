// `madang import pledges <file.xlsx|csv…>`: a workbook with one sheet per table (or one CSV
// file per table, named after the sheet). Only 공약 is required. Every row of every table
// is validated, then cross-table references; any error → nothing is imported.
import { z } from 'zod';
import { cells, type ImportError, type Rowed, type SheetDef } from '../../../../platform/reports/sheet.ts';
import {
  importTables,
  csvSources,
  xlsxSources,
  templateCsv,
  templateXlsx,
  type SourceTable,
} from '../../../../platform/reports/workbook.ts';
import { parseItems } from './items.ts';
import { Pledge, type Field, type IndicatorTable, type Vision } from '../model.ts';
import { resolveStatus, type PledgeSettings } from '../settings.ts';

const t = cells.text();
const lines = cells.lines();
// Template examples must form one valid pledge across all sheets (the template imports as is).
const EXAMPLES: Record<string, string> = {
  pledgeId: '1-1-1',
  table: '1',
  indicatorId: '1',
  name: '온라인 플랫폼 구축',
  indicator: '온라인 플랫폼 구축',
  period: '2018',
  label: '누적 추진율',
  reason: '성과지표 상 당해연도 실행계획 수립 반영',
  content: '○ 온라인 플랫폼 구축 완료',
  date: '2018-12-10',
  item: '목표',
  evaluation: '2020 상반기 평가결과',
  suggestion: '• 정책제안 공간을 스마트폰으로 확대',
  problem: '해당없음',
  role: '담당',
  department: '정책기획과',
  position: '주무관',
  title: '단위사업',
  id: '1-1-1',
};
const c = (
  key: string,
  header: string,
  en: string,
  parse: (raw: string) => unknown,
  extra: { required?: boolean; example?: string; help?: string } = {},
) => ({ key, header, en, parse: parse as never, example: extra.required ? EXAMPLES[key] : undefined, ...extra });
const req = { required: true };
const opt = <T extends z.ZodTypeAny>(s: T) => s.optional();
const S = z.string();
const N = z.number();
const L = z.array(z.string());

export const PLEDGE_SHEETS = {
  pledges: {
    key: 'pledges',
    name: '공약',
    en: 'pledges',
    columns: [
      c('id', '공약번호', 'pledge id', t, { ...req, example: '1-1-1' }),
      c('vision', '비전', 'vision', t, { example: '시민이 주인인 수원' }),
      c('field', '분야', 'field', t, { example: '시민참여' }),
      c('title', '공약명', 'title', t, { ...req, example: '온라인 플랫폼 수원만민광장 구축' }),
      c('category', '사업구분', 'category', t, { example: '약속' }),
      c('type', '유형', 'type', cells.oneOf(['신규', '계속'] as const)),
      c('funding', '재원', 'funding', cells.oneOf(['예산', '비예산'] as const)),
      c(
        'term',
        '임기구분',
        'term',
        cells.oneOf(['임기내', '임기후'] as const, { '임기 내': '임기내', '임기 후': '임기후' }),
      ),
      c(
        'targetDate',
        '목표연월',
        'target year-month',
        (raw: string) => (/^\d{4}$/.test(raw) ? { ok: true, value: raw } : cells.yearMonth()(raw)),
        { example: '2018.12' },
      ),
      c('owner', '사업주체', 'owner', t, { example: '수원시' }),
      c('leadDepartment', '담당부서', 'lead department', t, { example: '정책기획과' }),
      c('status', '상태', 'status', t, {
        ...req,
        example: '완료',
        help: '설정의 상태 목록(완료, 이행 후 계속추진, 정상추진 …)',
      }),
      c('progressPercent', '전체진도율', 'progress %', cells.percent(), { ...req, example: '100' }),
      c('note', '비고', 'note', t),
      c('asOf', '기준일', 'as of', cells.date(), { example: '2020-12-31' }),
      c(
        'reportFrom',
        '보고기간시작',
        'report from',
        (raw: string) => (cells.date()(raw).ok ? cells.date()(raw) : cells.yearMonth()(raw)),
        { example: '2018.7' },
      ),
      c('period', '사업기간', 'period', t, { example: '2018. 9월 ~ 12월' }),
      c('target', '사업대상', 'target', t),
      c('goals', '사업목표', 'goals', lines, { help: '여러 줄: ○ • - 기호로 단계 구분' }),
      c('content', '사업내용', 'content', lines, { help: '여러 줄: ○ • - 기호로 단계 구분' }),
      c('requiredBudget', '소요예산', 'required budget', cells.decimal(0), { example: '50' }),
      c('requiredBudgetNote', '소요예산비고', 'required budget note', t, { example: '2021년' }),
      c('achievements', '추진성과', 'achievements', lines),
      c('plans', '향후추진계획', 'plans', lines, { help: "'내용 ----- 시기' 형식" }),
      c('publishedAt', '공개일', 'published at', cells.date()),
    ],
    schema: z
      .object({
        id: S,
        vision: opt(S),
        field: opt(S),
        title: S,
        category: opt(S),
        type: opt(z.enum(['신규', '계속'])),
        funding: opt(z.enum(['예산', '비예산'])),
        term: opt(z.enum(['임기내', '임기후'])),
        targetDate: opt(S),
        owner: opt(S),
        leadDepartment: opt(S),
        status: S,
        progressPercent: N.max(100, '0~100이어야 합니다 / must be 0..100'),
        note: opt(S),
        asOf: opt(S),
        reportFrom: opt(S),
        period: opt(S),
        target: opt(S),
        goals: opt(L),
        content: opt(L),
        requiredBudget: opt(N),
        requiredBudgetNote: opt(S),
        achievements: opt(L),
        plans: opt(L),
        publishedAt: opt(S),
      })
      .refine((r) => !(r.field && !r.vision), {
        path: ['vision'],
        message: '분야가 있으면 비전도 필요합니다 / a field needs a vision',
      }),
  },
  unitProjects: {
    key: 'unitProjects',
    name: '단위사업',
    en: 'unit projects',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('id', '단위사업번호', 'unit project id', t, { ...req, example: '1-1-1-1' }),
      c('title', '단위사업명', 'title', t, req),
      c('type', '유형', 'type', cells.oneOf(['신규', '계속'] as const)),
      c('funding', '재원', 'funding', cells.oneOf(['예산', '비예산'] as const)),
      c('term', '임기구분', 'term', cells.oneOf(['임기내', '임기후'] as const)),
      c('targetDate', '목표연월', 'target year-month', cells.yearMonth()),
      c('owner', '사업주체', 'owner', t),
      c('period', '사업기간', 'period', t),
      c('target', '사업대상', 'target', t),
      c('content', '사업내용', 'content', lines),
      c('requiredBudget', '소요예산', 'required budget', cells.decimal(0)),
      c('status', '상태', 'status', t),
      c('progressPercent', '진도율', 'progress %', cells.percent()),
    ],
    schema: z.object({
      pledgeId: S,
      id: S,
      title: S,
      type: opt(S),
      funding: opt(S),
      term: opt(S),
      targetDate: opt(S),
      owner: opt(S),
      period: opt(S),
      target: opt(S),
      content: opt(L),
      requiredBudget: opt(N),
      status: opt(S),
      progressPercent: opt(N.max(100)),
    }),
  },
  budget: {
    key: 'budget',
    name: '예산',
    en: 'budget',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('period', '기간', 'period', t, {
        ...req,
        example: '2018년',
        help: '표에 인쇄되는 기간 이름; 처음 나온 순서대로 열이 됩니다',
      }),
      c('start', '시작일', 'start', cells.date(), { example: '2018-01-01' }),
      c('end', '종료일', 'end', cells.date(), {
        example: '2018-12-31',
        help: '비우면 끝이 열린 기간(예: 2022.7월 이후)',
      }),
      c('prior', '기투자', 'prior', cells.flag(), { help: '임기 전 투자(기투자)이면 O' }),
      c(
        'basis',
        '산정기준',
        'counted figure',
        cells.oneOf(['executed', 'secured', 'planned'] as const, {
          집행: 'executed',
          확보: 'secured',
          계획: 'planned',
        }),
        {
          help: '합계에 넣을 값을 이 기간만 달리 정할 때(집행·확보·계획). 비우면 지난 기간은 집행, 현재 기간은 확보, 앞으로의 기간은 계획',
        },
      ),
      c('source', '재원', 'source', t, { example: '시비', help: '비우면 기간만 정의' }),
      c('secured', '확보', 'secured', cells.decimal(0)),
      c('executed', '집행', 'executed', cells.decimal(0)),
      c('planned', '계획', 'planned', cells.decimal(0)),
    ],
    schema: z
      .object({
        pledgeId: S,
        period: S,
        start: opt(S),
        end: opt(S),
        prior: opt(z.boolean()),
        basis: opt(z.enum(['executed', 'secured', 'planned'])),
        source: opt(S),
        secured: opt(N),
        executed: opt(N),
        planned: opt(N),
      })
      .refine((r) => !(r.end && !r.start), {
        path: ['start'],
        message: '종료일만 있고 시작일이 없습니다 / end without start',
      })
      .refine((r) => !r.start || !r.end || r.start <= r.end, {
        path: ['end'],
        message: '종료일이 시작일보다 빠릅니다 / end before start',
      }),
  },
  indicators: {
    key: 'indicators',
    name: '성과지표',
    en: 'indicators',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('table', '표', 'table', t, { ...req, example: '1' }),
      c('caption', '표제목', 'table caption', t),
      c('baselineLabel', '구분', 'baseline label', t, { example: '당초', help: '당초 또는 기준' }),
      c('indicatorId', '지표번호', 'indicator id', t, req),
      c('name', '성과지표', 'indicator', t, req),
      c('unit', '단위', 'unit', t),
      c('direction', '방향', 'direction', cells.oneOf(['higher', 'lower'] as const, { 상향: 'higher', 하향: 'lower' })),
      c('period', '기간', 'period', t, { ...req, example: '2018' }),
      c('periodGroup', '기간그룹', 'period group', t, { example: '2021년' }),
      c('original', '당초목표', 'original target', t),
      c('changed', '변경목표', 'changed target', t),
      c('actual', '실적', 'actual', t),
      c('achieved', '달성여부', 'achieved', cells.flag()),
    ],
    schema: z.object({
      pledgeId: S,
      table: S,
      caption: opt(S),
      baselineLabel: opt(S),
      indicatorId: S,
      name: S,
      unit: opt(S),
      direction: opt(z.enum(['higher', 'lower'])),
      period: S,
      periodGroup: opt(S),
      original: opt(S),
      changed: opt(S),
      actual: opt(S),
      achieved: opt(z.boolean()),
    }),
  },
  cumulative: {
    key: 'cumulative',
    name: '누적추진율',
    en: 'cumulative progress',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('table', '표', 'table', t, req),
      c('label', '항목', 'label', t, { ...req, example: '누적 추진율' }),
      c('sub', '세부', 'sub-label', t, { example: '목표' }),
      c('unit', '단위', 'unit', t),
      c('period', '기간', 'period', t, req),
      c('value', '값', 'value', t),
    ],
    schema: z.object({ pledgeId: S, table: S, label: S, sub: opt(S), unit: opt(S), period: S, value: opt(S) }),
  },
  changeReasons: {
    key: 'changeReasons',
    name: '변경사유',
    en: 'change reasons',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('table', '표', 'table', t, req),
      c('reason', '변경사유', 'reason', lines, req),
    ],
    schema: z.object({ pledgeId: S, table: S, reason: L }),
  },
  progress: {
    key: 'progress',
    name: '추진현황',
    en: 'progress log',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('indicator', '성과지표', 'indicator', t, req),
      c('indicatorId', '지표번호', 'indicator id', t),
      c('date', '일자', 'date', cells.date()),
      c('content', '추진현황', 'progress', lines, { ...req, help: '첫 줄 ○, 세부 • / -' }),
    ],
    schema: z.object({ pledgeId: S, indicator: S, indicatorId: opt(S), date: opt(S), content: L }),
  },
  progressTables: {
    key: 'progressTables',
    name: '실적표',
    en: 'progress figures',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('indicator', '성과지표', 'indicator', t, { ...req, help: '추진현황 표의 성과지표 이름' }),
      c('table', '표', 'table', t, { ...req, example: '1' }),
      c('title', '표제목', 'title', t, { ...req, example: '2023년 운영실적' }),
      c('unit', '단위', 'unit', t, { example: '건' }),
      c('totalLabel', '합계열', 'total column', t, {
        example: '계',
        help: '적으면 이 이름의 합계 열을 맨 앞에 계산해 넣습니다',
      }),
      c('noteLabel', '비고열', 'note column', t, { example: '비고' }),
      c('row', '행', 'row', t, { help: '표에 행이 여럿일 때 행 이름' }),
      c('column', '항목', 'column', t, { ...req, example: '제안토론' }),
      c('value', '값', 'value', t),
      c('note', '비고', 'note', t),
    ],
    schema: z.object({
      pledgeId: S,
      indicator: S,
      table: S,
      title: S,
      unit: opt(S),
      totalLabel: opt(S),
      noteLabel: opt(S),
      row: opt(S),
      column: S,
      value: opt(S),
      note: opt(S),
    }),
  },
  changes: {
    key: 'changes',
    name: '사업변경내역',
    en: 'change history',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('date', '변경일', 'date', cells.date(), req),
      c(
        'item',
        '변경항목',
        'item',
        cells.oneOf(['target', 'indicator', 'budget', 'status', 'other'] as const, {
          목표: 'target',
          지표: 'indicator',
          성과지표: 'indicator',
          예산: 'budget',
          상태: 'status',
          기타: 'other',
        }),
        req,
      ),
      c('before', '변경전', 'before', t),
      c('after', '변경후', 'after', t),
      c('reason', '변경사유', 'reason', t, req),
    ],
    schema: z.object({
      pledgeId: S,
      date: S,
      item: z.enum(['target', 'indicator', 'budget', 'status', 'other']),
      before: opt(S),
      after: opt(S),
      reason: S,
    }),
  },
  suggestions: {
    key: 'suggestions',
    name: '제안사항',
    en: 'suggestions',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('evaluation', '평가명', 'evaluation', t, { ...req, example: '2020 상반기 시민과의 약속 평가결과' }),
      c('suggestion', '개선 및 제안사항', 'suggestion', lines, req),
      c('followUp', '추진실적', 'follow-up', lines),
    ],
    schema: z.object({ pledgeId: S, evaluation: S, suggestion: L, followUp: opt(L) }),
  },
  problems: {
    key: 'problems',
    name: '문제점',
    en: 'problems',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c('problem', '문제점', 'problem', lines, req),
      c('measures', '대책', 'measures', lines),
    ],
    schema: z.object({ pledgeId: S, problem: L, measures: opt(L) }),
  },
  officials: {
    key: 'officials',
    name: '정책실명제',
    en: 'officials',
    columns: [
      c('pledgeId', '공약번호', 'pledge id', t, req),
      c(
        'role',
        '구분',
        'role',
        cells.oneOf(['lead', 'cooperating'] as const, {
          담당: 'lead',
          담당부서: 'lead',
          협조: 'cooperating',
          협조부서: 'cooperating',
        }),
        { ...req, example: '담당' },
      ),
      c('department', '부서', 'department', t, req),
      c('position', '직(직급)', 'position', t, req),
      c('name', '성명', 'name', t, { ...req, example: '홍길동' }),
      c('phone', '전화번호', 'phone', t),
    ],
    schema: z.object({
      pledgeId: S,
      role: z.enum(['lead', 'cooperating']),
      department: S,
      position: S,
      name: S,
      phone: opt(S),
    }),
  },
} satisfies Record<string, SheetDef<any>>;

type Sheets = typeof PLEDGE_SHEETS;
type RowOf<K extends keyof Sheets> = z.infer<Sheets[K]['schema']>;
type Data = { [K in keyof Sheets]: Rowed<RowOf<K>>[] };

export interface PledgeImport {
  visions: Vision[];
  fields: Field[];
  pledges: Pledge[];
  /** The 공약 sheet row of each pledge (by 공약번호), so checks against the stored pledges can name the row. */
  rows?: Record<string, number>;
}

export type PledgeImportResult = { ok: true; value: PledgeImport } | { ok: false; errors: ImportError[] };

const periodKeyOf = (label: string) => label.replace(/\s+/g, '');

/** Builds pledges from validated tables; reports cross-table errors with their rows. */
export function assemblePledges(data: Data, settings: PledgeSettings): PledgeImportResult {
  const errors: ImportError[] = [];
  const err = (sheet: keyof Sheets, row: number, col: string | undefined, ko: string, en: string) => {
    const def = PLEDGE_SHEETS[sheet];
    const cd = def.columns.find((x) => x.key === col);
    errors.push({ sheet: def.name, row, column: cd?.header, columnEn: cd?.en, message: { ko, en } });
  };
  const visions: Vision[] = [];
  const fields: Field[] = [];
  const drafts = new Map<string, Record<string, any>>();
  for (const r of data.pledges) {
    if (drafts.has(r.id)) err('pledges', r._row, 'id', `공약번호 중복: ${r.id}`, `duplicate pledge id: ${r.id}`);
    const status = resolveStatus(settings, r.status);
    if (!status)
      err(
        'pledges',
        r._row,
        'status',
        `없는 상태 '${r.status}' (허용: ${settings.statuses.map((s) => s.code).join(', ')})`,
        `unknown status '${r.status}'`,
      );
    let visionId: string | undefined;
    let fieldId: string | undefined;
    if (r.vision) {
      visionId = r.vision;
      if (!visions.some((v) => v.id === visionId))
        visions.push({ id: visionId, name: r.vision, order: visions.length });
      if (r.field) {
        fieldId = `${r.vision}/${r.field}`;
        if (!fields.some((f) => f.id === fieldId))
          fields.push({ id: fieldId, visionId, name: r.field, order: fields.length });
      }
    }
    drafts.set(r.id, {
      id: r.id,
      visionId,
      fieldId,
      title: r.title,
      category: r.category,
      type: r.type,
      funding: r.funding,
      term: r.term,
      targetDate: r.targetDate,
      owner: r.owner,
      leadDepartment: r.leadDepartment,
      status: status?.code ?? r.status,
      progressPercent: r.progressPercent,
      note: r.note,
      asOf: r.asOf,
      reportFrom: r.reportFrom,
      period: r.period,
      target: r.target,
      goals: parseItems(r.goals ?? []),
      content: parseItems(r.content ?? []),
      requiredBudget: r.requiredBudget,
      requiredBudgetNote: r.requiredBudgetNote,
      achievements: parseItems(r.achievements ?? []),
      plans: parseItems(r.plans ?? []),
      publishedAt: r.publishedAt,
      unitProjects: [],
      indicatorTables: [],
      progress: [],
      budget: { periods: [], entries: [] },
      officials: [],
      suggestions: [],
      problems: [],
      changes: [],
      _row: r._row,
    });
  }
  const pledgeOf = (sheet: keyof Sheets, row: { pledgeId: string; _row: number }) => {
    const p = drafts.get(row.pledgeId);
    if (!p)
      err(
        sheet,
        row._row,
        'pledgeId',
        `공약 표에 없는 공약번호: ${row.pledgeId}`,
        `pledge id not in the 공약 table: ${row.pledgeId}`,
      );
    return p;
  };

  for (const r of data.unitProjects) {
    const p = pledgeOf('unitProjects', r);
    if (p) p.unitProjects.push({ ...r, pledgeId: undefined, _row: undefined, content: parseItems(r.content ?? []) });
  }
  for (const r of data.budget) {
    const p = pledgeOf('budget', r);
    if (!p) continue;
    const key = periodKeyOf(r.period);
    let period = p.budget.periods.find((x: { key: string }) => x.key === key);
    if (!period) {
      if (!r.prior && !r.start)
        err(
          'budget',
          r._row,
          'start',
          '새 기간에는 시작일·종료일(또는 기투자)이 필요합니다',
          'a new period needs start/end dates (or 기투자)',
        );
      period = { key, label: r.period, prior: r.prior ?? false, start: r.start, end: r.end, basis: r.basis };
      p.budget.periods.push(period);
    } else if (r.basis && period.basis && r.basis !== period.basis) {
      err(
        'budget',
        r._row,
        'basis',
        `기간 '${r.period}'의 산정기준이 앞 행과 다릅니다`,
        `counted figure of period '${r.period}' differs from an earlier row`,
      );
    } else if ((r.start && r.start !== period.start) || (r.end && r.end !== period.end)) {
      err(
        'budget',
        r._row,
        'start',
        `기간 '${r.period}'의 날짜가 앞 행과 다릅니다`,
        `dates of period '${r.period}' differ from an earlier row`,
      );
    }
    if (r.source) {
      if (!settings.budgetSources.includes(r.source))
        err(
          'budget',
          r._row,
          'source',
          `없는 재원 '${r.source}' (허용: ${settings.budgetSources.join(', ')})`,
          `unknown source '${r.source}'`,
        );
      p.budget.entries.push({
        source: r.source,
        periodKey: key,
        secured: r.secured,
        executed: r.executed,
        planned: r.planned,
      });
    } else if (r.secured !== undefined || r.executed !== undefined || r.planned !== undefined) {
      err('budget', r._row, 'source', '금액이 있으면 재원이 필요합니다', 'amounts need a source');
    }
  }
  const tableOf = (p: Record<string, any>, id: string): IndicatorTable => {
    let tb = p.indicatorTables.find((x: IndicatorTable) => x.id === id);
    if (!tb)
      p.indicatorTables.push(
        (tb = {
          id,
          caption: '',
          baselineLabel: '당초',
          periods: [],
          indicators: [],
          cumulative: [],
          changeReasons: [],
        }),
      );
    return tb;
  };
  const addPeriod = (tb: IndicatorTable, label: string, group?: string) => {
    const key = periodKeyOf(group ? `${group}/${label}` : label);
    if (!tb.periods.some((x) => x.key === key)) tb.periods.push({ key, label, group });
    return key;
  };
  for (const r of data.indicators) {
    const p = pledgeOf('indicators', r);
    if (!p) continue;
    const tb = tableOf(p, r.table);
    if (r.caption) tb.caption = r.caption;
    if (r.baselineLabel) tb.baselineLabel = r.baselineLabel;
    const key = addPeriod(tb, r.period, r.periodGroup);
    let ind = tb.indicators.find((x) => x.id === r.indicatorId);
    if (!ind)
      tb.indicators.push(
        (ind = { id: r.indicatorId, name: r.name, unit: r.unit ?? '', direction: r.direction ?? 'higher', values: [] }),
      );
    else if (ind.name !== r.name)
      err(
        'indicators',
        r._row,
        'name',
        `지표번호 ${r.indicatorId}의 이름이 앞 행과 다릅니다`,
        `indicator ${r.indicatorId} has a different name above`,
      );
    if (ind.values.some((v) => v.periodKey === key))
      err('indicators', r._row, 'period', `기간 중복: ${r.period}`, `duplicate period: ${r.period}`);
    ind.values.push({
      periodKey: key,
      original: r.original,
      changed: r.changed,
      actual: r.actual,
      achieved: r.achieved,
    });
  }
  for (const r of data.cumulative) {
    const p = pledgeOf('cumulative', r);
    if (!p) continue;
    const tb = p.indicatorTables.find((x: IndicatorTable) => x.id === r.table);
    const per = tb?.periods.find(
      (x: { label: string; key: string }) => x.key === periodKeyOf(r.period) || x.label === r.period,
    );
    if (!tb || !per) {
      err(
        'cumulative',
        r._row,
        tb ? 'period' : 'table',
        '성과지표 표에 없는 표 또는 기간입니다',
        'table or period not in the indicator table',
      );
      continue;
    }
    let row = tb.cumulative.find((x: { label: string; sub: string }) => x.label === r.label && x.sub === (r.sub ?? ''));
    if (!row) tb.cumulative.push((row = { label: r.label, sub: r.sub ?? '', unit: r.unit ?? '', values: {} }));
    if (r.value !== undefined) row.values[per.key] = r.value;
  }
  for (const r of data.changeReasons) {
    const p = pledgeOf('changeReasons', r);
    const tb = p?.indicatorTables.find((x: IndicatorTable) => x.id === r.table);
    if (p && !tb)
      err('changeReasons', r._row, 'table', `성과지표 표에 없는 표: ${r.table}`, `no indicator table '${r.table}'`);
    if (tb) tb.changeReasons.push(...parseItems(r.reason));
  }
  for (const r of data.progress) {
    const p = pledgeOf('progress', r);
    if (!p) continue;
    let log = p.progress.find((x: { indicator: string }) => x.indicator === r.indicator);
    if (!log) p.progress.push((log = { indicator: r.indicator, indicatorId: r.indicatorId, items: [] }));
    const items = parseItems(r.content);
    if (r.date && items[0]) items[0].date = r.date;
    log.items.push(...items);
  }
  for (const r of data.progressTables) {
    const p = pledgeOf('progressTables', r);
    if (!p) continue;
    let log = p.progress.find((x: { indicator: string }) => x.indicator === r.indicator);
    if (!log) p.progress.push((log = { indicator: r.indicator, items: [] }));
    log.tables ??= [];
    let tb = log.tables.find((x: { id: string }) => x.id === r.table);
    if (!tb)
      log.tables.push(
        (tb = {
          id: r.table,
          title: r.title,
          unit: r.unit ?? '',
          totalLabel: r.totalLabel,
          noteLabel: r.noteLabel,
          columns: [],
          rows: [],
        }),
      );
    if (!tb.columns.includes(r.column)) tb.columns.push(r.column);
    let row = tb.rows.find((x: { label: string }) => x.label === (r.row ?? ''));
    if (!row) tb.rows.push((row = { label: r.row ?? '', values: {}, note: '' }));
    if (r.column in row.values)
      err(
        'progressTables',
        r._row,
        'column',
        `같은 행에 항목 중복: ${r.column}`,
        `duplicate column in a row: ${r.column}`,
      );
    if (r.value !== undefined) row.values[r.column] = r.value;
    if (r.note) row.note = r.note;
  }
  for (const r of data.changes) {
    const p = pledgeOf('changes', r);
    if (p)
      p.changes.push({ date: r.date, item: r.item, before: r.before ?? '', after: r.after ?? '', reason: r.reason });
  }
  for (const r of data.suggestions) {
    const p = pledgeOf('suggestions', r);
    if (p)
      p.suggestions.push({
        evaluation: r.evaluation,
        suggestion: parseItems(r.suggestion),
        followUp: parseItems(r.followUp ?? []),
      });
  }
  for (const r of data.problems) {
    const p = pledgeOf('problems', r);
    if (p) p.problems.push({ problem: parseItems(r.problem), measures: parseItems(r.measures ?? []) });
  }
  for (const r of data.officials) {
    const p = pledgeOf('officials', r);
    if (p)
      p.officials.push({
        role: r.role,
        department: r.department,
        position: r.position,
        name: r.name,
        phone: r.phone ?? '',
      });
  }
  const pledges: Pledge[] = [];
  const rows: Record<string, number> = {};
  for (const d of drafts.values()) {
    rows[d.id] = d._row;
    const { _row, ...rest } = d;
    const v = Pledge.safeParse(JSON.parse(JSON.stringify(rest)));
    if (v.success) pledges.push(v.data);
    else
      for (const iss of v.error.issues)
        err(
          'pledges',
          _row,
          undefined,
          `${iss.path.join('.')}: ${iss.message}`,
          `${iss.path.join('.')}: ${iss.message}`,
        );
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: { visions, fields, pledges, rows } };
}

const DEFS = PLEDGE_SHEETS as unknown as { [K in keyof Sheets]: SheetDef<RowOf<K>> };

export function importPledgeTables(sources: SourceTable[], settings: PledgeSettings): PledgeImportResult {
  const r = importTables(DEFS, sources, ['pledges']);
  return r.ok ? assemblePledges(r.data as Data, settings) : r;
}

/** Several CSV files, each named after its table ('공약.csv', '예산.csv' …, or 'seed.예산.csv'). */
export function importPledgesCsv(
  files: { name: string; text: string }[],
  settings: PledgeSettings,
): PledgeImportResult {
  const s = csvSources(files);
  return s.ok ? importPledgeTables(s.sources, settings) : s;
}

export async function importPledgesXlsx(
  data: Buffer | Uint8Array | ArrayBuffer,
  settings: PledgeSettings,
): Promise<PledgeImportResult> {
  return importPledgeTables(await xlsxSources(data), settings);
}

const ALL = Object.values(PLEDGE_SHEETS) as unknown as SheetDef<unknown>[];
export const pledgeTemplateXlsx = () => templateXlsx(ALL);
export const pledgeTemplateCsv = () => templateCsv(ALL);

// Changes to a pledge need approval (anchors §7.2: departments may not drop or change pledges
// on their own; change plan → 평가단 review → published). State machine:
//
//   proposed ──start-review──▶ in-review ──decide──▶ approved ──publish──▶ published
//       │                          │            └──────▶ rejected
//       └──────withdraw────────────┘──▶ withdrawn
//
// transition() is pure and refuses illegal moves with a Korean and English reason.
import { z } from 'zod';
import { IsoDate, type ChangeRecord, type Pledge } from './model.ts';
import { resolveStatus, type PledgeSettings } from './settings.ts';

export const ChangePayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('target'),
    tableId: z.string(),
    indicatorId: z.string(),
    periodKey: z.string(),
    changed: z.string().min(1),
  }),
  z.object({
    kind: z.literal('indicator'),
    tableId: z.string(),
    op: z.enum(['add', 'remove', 'rename']),
    indicatorId: z.string(),
    name: z.string().optional(),
    unit: z.string().optional(),
    /** The indicator's name when the change was proposed, so a removal still reads well after it is applied. */
    before: z.string().optional(),
  }),
  z.object({ kind: z.literal('budget'), periodKey: z.string(), source: z.string(), planned: z.number().min(0) }),
  z.object({ kind: z.literal('status'), status: z.string().min(1) }),
  z.object({ kind: z.literal('other'), description: z.string().min(1) }),
]);
export type ChangePayload = z.infer<typeof ChangePayload>;

const ChangeState = z.enum(['proposed', 'in-review', 'approved', 'rejected', 'published', 'withdrawn']);
export type ChangeState = z.infer<typeof ChangeState>;

const Vote = z.object({
  memberId: z.string().min(1),
  vote: z.enum(['approve', 'reject']),
  comment: z.string().optional(),
});
export type Vote = z.infer<typeof Vote>;

export const ChangeRequest = z.object({
  id: z.string().min(1),
  pledgeId: z.string().min(1),
  department: z.string().min(1),
  proposedBy: z.string().min(1),
  proposedAt: IsoDate,
  changes: z.array(ChangePayload).min(1),
  /** 변경사유 */
  reason: z.string().min(1),
  state: ChangeState.default('proposed'),
  votes: z.array(Vote).default([]),
  /** Every transition, public with the change history. */
  history: z
    .array(z.object({ state: ChangeState, at: IsoDate, actor: z.string(), note: z.string().optional() }))
    .default([]),
});
export type ChangeRequest = z.infer<typeof ChangeRequest>;

type Role = 'department' | 'secretariat' | 'panel' | 'admin';
export interface Actor {
  id: string;
  role: Role;
  /** For departments: their name, which must match the request's department. */
  department?: string;
}

export type Action =
  | { type: 'start-review' }
  | { type: 'decide'; votes: Vote[]; activeMembers: string[] }
  | { type: 'publish' }
  | { type: 'withdraw' };

export type Refusal = { ok: false; code: string; reason: { ko: string; en: string } };
export type TransitionResult = { ok: true; request: ChangeRequest } | Refusal;

const refuse = (code: string, ko: string, en: string): Refusal => ({ ok: false, code, reason: { ko, en } });

/** Who may do what, from which state. */
const RULES: Record<Action['type'], { from: ChangeState[]; roles: Role[] }> = {
  'start-review': { from: ['proposed'], roles: ['secretariat', 'admin'] },
  decide: { from: ['in-review'], roles: ['panel', 'secretariat', 'admin'] },
  publish: { from: ['approved'], roles: ['secretariat', 'admin'] },
  withdraw: { from: ['proposed', 'in-review'], roles: ['department', 'admin'] },
};

const STATE_KO: Record<ChangeState, string> = {
  proposed: '제안',
  'in-review': '평가단 검토 중',
  approved: '승인',
  rejected: '반려',
  published: '공개',
  withdrawn: '철회',
};

/**
 * Panel decision: quorum of active members must have voted (settings.panel.quorum), and a
 * strict majority of the votes cast must approve. Votes of non-members are refused.
 */
function panelDecision(
  votes: Vote[],
  activeMembers: string[],
  settings: PledgeSettings,
): { ok: true; approved: boolean; approvals: number; cast: number } | Refusal {
  const members = new Set(activeMembers);
  const outsider = votes.find((v) => !members.has(v.memberId));
  if (outsider)
    return refuse(
      'not-member',
      `평가단 위원이 아닌 투표: ${outsider.memberId}`,
      `vote by a non-member: ${outsider.memberId}`,
    );
  if (new Set(votes.map((v) => v.memberId)).size !== votes.length)
    return refuse('double-vote', '중복 투표가 있습니다', 'a member voted twice');
  const needed = Math.ceil(activeMembers.length * settings.panel.quorum);
  if (votes.length < needed || votes.length === 0)
    return refuse(
      'no-quorum',
      `정족수 미달: ${votes.length}/${needed}명`,
      `no quorum: ${votes.length} of ${needed} needed`,
    );
  const approvals = votes.filter((v) => v.vote === 'approve').length;
  return { ok: true, approved: approvals * 2 > votes.length, approvals, cast: votes.length };
}

export function transition(
  req: ChangeRequest,
  action: Action,
  actor: Actor,
  at: string,
  settings: PledgeSettings,
): TransitionResult {
  const rule = RULES[action.type];
  if (!rule.from.includes(req.state)) {
    return refuse(
      'illegal-transition',
      `'${STATE_KO[req.state]}' 상태에서는 할 수 없습니다 (${action.type})`,
      `cannot ${action.type} a request in state '${req.state}'`,
    );
  }
  if (!rule.roles.includes(actor.role)) {
    return refuse('forbidden', `권한이 없습니다: ${actor.role}`, `role '${actor.role}' may not ${action.type}`);
  }
  if (actor.role === 'department' && actor.department !== req.department) {
    return refuse('other-department', '다른 부서의 변경 요청입니다', "another department's request");
  }
  let state: ChangeState;
  let votes = req.votes;
  let note: string | undefined;
  switch (action.type) {
    case 'start-review':
      state = 'in-review';
      break;
    case 'decide': {
      const d = panelDecision(action.votes, action.activeMembers, settings);
      if (!d.ok) return d;
      state = d.approved ? 'approved' : 'rejected';
      votes = action.votes;
      note = `찬성 ${d.approvals} / 투표 ${d.cast}`;
      break;
    }
    case 'publish':
      state = 'published';
      break;
    case 'withdraw':
      state = 'withdrawn';
      break;
  }
  return {
    ok: true,
    request: {
      ...req,
      state,
      votes,
      history: [...req.history, { state, at, actor: actor.id, ...(note ? { note } : {}) }],
    },
  };
}

/** Fields a department may not change on a published pledge without a change request. */
const GOVERNED_FIELDS = [
  'title',
  'content',
  'target',
  'period',
  'targetDate',
  'requiredBudget',
  'indicatorTables',
  'budget.planned',
  'status',
] as const;

/**
 * Guards direct edits. Before publication the department edits freely; afterwards governed
 * fields (and statuses that require approval, such as 보류/폐기) need a change request.
 * Reporting fields (추진현황, 집행/확보, 추진성과, progress %) stay editable.
 */
export function checkDirectEdit(
  p: Pledge,
  actor: Actor,
  fields: string[],
  settings: PledgeSettings,
  newStatus?: string,
): { ok: true } | Refusal {
  if (actor.role === 'admin' && !p.publishedAt) return { ok: true };
  if (newStatus !== undefined && resolveStatus(settings, newStatus)?.requiresApproval) {
    return refuse(
      'needs-approval',
      `'${newStatus}' 상태 변경은 평가단 승인이 필요합니다`,
      `status '${newStatus}' needs panel approval`,
    );
  }
  if (!p.publishedAt) return { ok: true };
  const governed = fields.filter((f) => (GOVERNED_FIELDS as readonly string[]).includes(f));
  if (governed.length) {
    return refuse(
      'published',
      `공개된 공약은 변경 요청과 평가단 승인 없이 바꿀 수 없습니다: ${governed.join(', ')}`,
      `a published pledge cannot be changed without an approved change request: ${governed.join(', ')}`,
    );
  }
  return { ok: true };
}

/** Korean names of the governed fields, for refusals a department or the planning office reads. */
const GOVERNED_LABELS: Record<(typeof GOVERNED_FIELDS)[number], string> = {
  title: '공약명',
  content: '사업내용',
  target: '사업대상',
  period: '사업기간',
  targetDate: '목표연월',
  requiredBudget: '소요예산',
  indicatorTables: '성과지표',
  'budget.planned': '예산 계획',
  status: '상태',
};

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
/** The planned amounts by source and period; executed and secured amounts are reporting, not governed. */
const plannedOf = (p: Pledge) =>
  p.budget.entries
    .filter((e) => e.planned !== undefined)
    .map((e) => `${e.source}/${e.periodKey}=${e.planned}`)
    .sort();

/** The governed fields whose value differs from `before` to `after`. */
function governedChanges(before: Pledge, after: Pledge): (typeof GOVERNED_FIELDS)[number][] {
  return GOVERNED_FIELDS.filter((f) =>
    f === 'budget.planned' ? !same(plannedOf(before), plannedOf(after)) : !same(before[f], after[f]),
  );
}

/**
 * Guards a re-import (CLI or admin upload) of a pledge that is already stored. An import replaces the pledge's card,
 * which is fine before publication; once the pledge is published (공개일 set), its governed fields change only
 * through a change request the citizen panel approved, as for direct edits (checkDirectEdit). So a re-import may
 * still update what a department reports (진도율, 기준일, 추진현황, 집행·확보 …) but not a governed field, and it may
 * not clear the 공개일: that would unlock the pledge and let the next import change anything.
 */
export function checkReimport(existing: Pledge, incoming: Pledge): { ok: true } | Refusal {
  if (!existing.publishedAt) return { ok: true };
  if (!incoming.publishedAt) {
    return refuse(
      'unpublish',
      `공개된 공약(공개일 ${existing.publishedAt})의 공개일을 지울 수 없습니다`,
      `the 공개일 (${existing.publishedAt}) of a published pledge cannot be cleared`,
    );
  }
  const governed = governedChanges(existing, incoming);
  if (governed.length) {
    const ko = governed.map((f) => GOVERNED_LABELS[f]).join(', ');
    return refuse(
      'published',
      `공개된 공약(공개일 ${existing.publishedAt})의 ${ko} 항목은 가져오기로 바꿀 수 없습니다. 변경 요청을 올려 시민평가단 승인을 받으세요`,
      `the ${governed.join(', ')} of a published pledge (published ${existing.publishedAt}) cannot be changed by an import; propose a change request for the citizen panel`,
    );
  }
  return { ok: true };
}

/**
 * The change history (사업변경내역) after a re-import: every stored record stays (it is the public trace of approved
 * changes, and a file exported before the last approval does not know of it), followed by the imported records
 * that are not already there. Records are compared without their request id, which a file does not carry.
 */
export function mergeChangeHistory(stored: ChangeRecord[], imported: ChangeRecord[]): ChangeRecord[] {
  const key = (c: ChangeRecord) => JSON.stringify([c.date, c.item, c.before, c.after, c.reason]);
  const have = new Set(stored.map(key));
  return [...stored, ...imported.filter((c) => !have.has(key(c)))];
}

function describe(c: ChangePayload, p: Pledge): { item: ChangeRecord['item']; before: string; after: string } {
  switch (c.kind) {
    case 'target': {
      const v = p.indicatorTables
        .find((t) => t.id === c.tableId)
        ?.indicators.find((i) => i.id === c.indicatorId)
        ?.values.find((x) => x.periodKey === c.periodKey);
      return { item: 'target', before: v?.changed ?? v?.original ?? '', after: c.changed };
    }
    case 'indicator': {
      const ind = p.indicatorTables.find((t) => t.id === c.tableId)?.indicators.find((i) => i.id === c.indicatorId);
      return {
        item: 'indicator',
        before: c.op === 'add' ? '' : (ind?.name ?? ''),
        after: c.op === 'remove' ? '' : (c.name ?? ''),
      };
    }
    case 'budget': {
      const e = p.budget.entries.find((x) => x.periodKey === c.periodKey && x.source === c.source);
      return { item: 'budget', before: String(e?.planned ?? ''), after: String(c.planned) };
    }
    case 'status':
      return { item: 'status', before: p.status, after: c.status };
    case 'other':
      return { item: 'other', before: '', after: c.description };
  }
}

/**
 * Applies a published request to the pledge and appends the public change history (사업변경내역).
 * Idempotent: a request already in the history is refused.
 */
export function applyChangeRequest(
  p: Pledge,
  req: ChangeRequest,
  settings: PledgeSettings,
): { ok: true; pledge: Pledge } | Refusal {
  if (req.state !== 'published')
    return refuse('not-published', '공개(승인 후 게시)된 요청만 반영합니다', 'only published requests are applied');
  if (req.pledgeId !== p.id) return refuse('wrong-pledge', '다른 공약의 요청입니다', 'request is for another pledge');
  if (p.changes.some((c) => c.requestId === req.id))
    return refuse('already-applied', '이미 반영된 요청입니다', 'request already applied');
  const at = req.history.find((h) => h.state === 'published')?.at ?? req.proposedAt;
  const next: Pledge = structuredClone(p);
  for (const c of req.changes) {
    next.changes.push({ date: at, ...describe(c, next), reason: req.reason, requestId: req.id });
    if (c.kind === 'target' || c.kind === 'indicator') {
      const tb = next.indicatorTables.find((t) => t.id === c.tableId);
      if (!tb) return refuse('unknown-table', `없는 성과지표 표: ${c.tableId}`, `unknown indicator table ${c.tableId}`);
      if (c.kind === 'target') {
        const ind = tb.indicators.find((i) => i.id === c.indicatorId);
        if (!ind || !tb.periods.some((x) => x.key === c.periodKey))
          return refuse('unknown-indicator', '없는 지표 또는 기간입니다', 'unknown indicator or period');
        const v = ind.values.find((x) => x.periodKey === c.periodKey);
        if (v) v.changed = c.changed;
        else ind.values.push({ periodKey: c.periodKey, changed: c.changed });
        tb.changeReasons.push({ text: req.reason });
      } else if (c.op === 'add') {
        if (tb.indicators.some((i) => i.id === c.indicatorId))
          return refuse('duplicate-indicator', '이미 있는 지표입니다', 'indicator exists');
        tb.indicators.push({
          id: c.indicatorId,
          name: c.name ?? c.indicatorId,
          unit: c.unit ?? '',
          direction: 'higher',
          values: [],
        });
      } else {
        const ind = tb.indicators.find((i) => i.id === c.indicatorId);
        if (!ind) return refuse('unknown-indicator', '없는 지표입니다', 'unknown indicator');
        if (c.op === 'remove') tb.indicators = tb.indicators.filter((i) => i.id !== c.indicatorId);
        else ind.name = c.name ?? ind.name;
      }
    } else if (c.kind === 'budget') {
      if (!next.budget.periods.some((x) => x.key === c.periodKey))
        return refuse('unknown-period', `없는 예산 기간: ${c.periodKey}`, `unknown budget period ${c.periodKey}`);
      const e = next.budget.entries.find((x) => x.periodKey === c.periodKey && x.source === c.source);
      if (e) e.planned = c.planned;
      else next.budget.entries.push({ periodKey: c.periodKey, source: c.source, planned: c.planned });
    } else if (c.kind === 'status') {
      const st = resolveStatus(settings, c.status);
      if (!st) return refuse('unknown-status', `없는 상태: ${c.status}`, `unknown status ${c.status}`);
      next.status = st.code;
    }
  }
  return { ok: true, pledge: next };
}

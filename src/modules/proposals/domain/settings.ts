// Board component settings: ONE zod schema with defaults, edited by administrators.
//
// Every Korean system (민주주의 서울, 수원만민광장, 국회 국민동의청원, local petition boards)
// has the same shape — write → screen → collect 공감/동의 in a window → threshold tiers →
// answer within a deadline — with different numbers (anchors-korea.md, opening note and
// §12). So the numbers live here as data; presets.ts fills them in for named systems.
// Defaults follow the current Seoul regime (§1.2) unless noted as a product choice.
import { z } from 'zod';
import { EligibilityRule } from '../../../rules/index.ts';

export const Bilingual = z.object({ ko: z.string().min(1), en: z.string().min(1) });
export type Bilingual = z.infer<typeof Bilingual>;

/** proposal 제안합니다, request 바랍니다, petition 청원, question 시민이 묻습니다. */
export const BoardKind = z.enum(['proposal', 'request', 'petition', 'question']);
export type BoardKind = z.infer<typeof BoardKind>;

/** What is counted toward a tier: 공감/동의 (acts service), comments (수원 '시민이 묻습니다'
 * counts 200 comments, §3.4/§5), or pre-publication agreements (국회 사전동의, §3.2). */
export const CountSource = z.enum(['supports', 'comments', 'pre-agreements']);
export type CountSource = z.infer<typeof CountSource>;

/** Who answers when a tier is reached: the responsible department (주무부서), the head of an
 * office (실·국·소·구청장), the mayor, or a deliberation body (공론장, 의제선정단, 위원회). */
export const Answerer = z.enum(['department', 'head-of-office', 'mayor', 'deliberation']);
export type Answerer = z.infer<typeof Answerer>;

/**
 * An answer deadline. Exactly one of `days` or `months`.
 * - `days` + `workingDays: true`: 민원 처리에 관한 법률 제19조② — the first day counts and
 *   Saturdays, Sundays and 공휴일 are skipped (rules library `minwonDeadline`).
 * - `days` (calendar) and `months`: 민법 제157조·제160조·제161조 — the first day is not counted
 *   and a period ending on a Saturday or 공휴일 ends on the next working day.
 * `from`: the period starts when the tier is reached (Seoul "1 month of receipt", §1.2), or
 * when the support window closes (청와대 "30 days after the petition closes", §3.1).
 */
export const AnswerDeadline = z
  .object({
    days: z.number().int().min(1).max(730).optional(),
    months: z.number().int().min(1).max(24).optional(),
    workingDays: z.boolean().default(false),
    from: z.enum(['reached', 'window-closed']).default('reached'),
  })
  .refine((d) => (d.days === undefined) !== (d.months === undefined), {
    message: 'set exactly one of days or months',
  })
  .refine((d) => !(d.months !== undefined && d.workingDays), {
    message: 'months are calendar months; workingDays applies to days only',
  });
export type AnswerDeadline = z.infer<typeof AnswerDeadline>;

const Key = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'lower-case slug, e.g. "department"');

export const Tier = z.object({
  /** Stable id stored with the reached tier, so editing labels or numbers keeps history. */
  key: Key,
  /** 0: owed an answer as soon as support opens, whatever the count (every 바랍니다 request and
   * every 국민제안 gets an answer, anchors-korea §4.1–§4.2). */
  threshold: z.number().int().min(0),
  /** Overrides the board's `countToward` for this tier. */
  counts: CountSource.optional(),
  answerer: Answerer,
  /** null: no answer deadline (e.g. a 공론장 candidate decided at the next monthly meeting). */
  answerDeadline: AnswerDeadline.nullable(),
  label: Bilingual,
});
export type Tier = z.infer<typeof Tier>;
export type TierInput = z.input<typeof Tier>;

const SEOUL_DEPARTMENT_TIER: TierInput = {
  key: 'department',
  threshold: 50,
  answerer: 'department',
  answerDeadline: { months: 1 },
  label: { ko: '부서 답변', en: 'Department answer' },
};

export const PiiAction = z.enum(['block', 'hold', 'mask']);

export const BoardSettings = z.object({
  kind: BoardKind.default('proposal'),
  /** Shown as the board title, e.g. { ko: '사하구에 제안합니다', en: 'Propose to Saha-gu' }. */
  name: Bilingual.optional(),
  /** 공감/동의 window after publication. 30 days everywhere we looked (§1.2, §1.3, §3, §12). */
  supportWindowDays: z.number().int().min(1).max(366).default(30),
  countToward: CountSource.default('supports'),
  /** When staff screen (검토): 'before-support' — nothing is public until the planning office
   * accepts it, finds it suitable, assigns a department and opens support (국회 §3.2, 국민제안
   * §4.2); 'at-threshold' — published at once and screened while support runs or once a tier is
   * reached (민주주의 서울 §1.2), so duplicates, 민원 and out-of-scope items can still be closed
   * from the collecting stage. */
  screening: z.enum(['before-support', 'at-threshold']).default('before-support'),
  /** Ascending thresholds; each reached tier owes its own answer. Default: Seoul §1.2. */
  tiers: z
    .array(Tier)
    .superRefine((tiers, ctx) => {
      const keys = new Set<string>();
      for (const [i, t] of tiers.entries()) {
        if (keys.has(t.key)) ctx.addIssue({ code: 'custom', message: `duplicate tier key ${t.key}`, path: [i, 'key'] });
        keys.add(t.key);
      }
      // Thresholds must grow within one count source, or "tier 2 before tier 1" becomes possible.
      const last = new Map<string, number>();
      for (const [i, t] of tiers.entries()) {
        const src = t.counts ?? '(board)';
        const prev = last.get(src);
        if (prev !== undefined && t.threshold <= prev) {
          ctx.addIssue({ code: 'custom', message: 'thresholds must increase', path: [i, 'threshold'] });
        }
        last.set(src, t.threshold);
      }
    })
    .default([Tier.parse(SEOUL_DEPARTMENT_TIER)]),
  /** Pre-publication gate: this many agreements within `windowDays` before staff review and
   * publication (국회 국민동의청원 100 in 30 days, §3.2; 청와대 2019 100 사전동의, §3.1). */
  prePublication: z
    .object({ agreements: z.number().int().min(1), windowDays: z.number().int().min(1).max(366) })
    .nullable()
    .default(null),
  /** What the PII guard does with citizen text (rules library `guardText`, §9, §12). 'block'
   * lets the author fix the text at once, which is why it is the default. */
  pii: z
    .object({
      action: PiiAction.default('block'),
      /** The city's own published numbers (정책실명제 contacts), e.g. ['031228']. */
      allowPhonePrefixes: z.array(z.string().regex(/^\d+$/)).default([]),
      allowEmailDomains: z.array(z.string()).default([]),
      /** Numbers and addresses the city publishes on purpose (its offices, fax, revenue account). */
      allowPublic: z.array(z.string()).default([]),
    })
    .prefault({}),
  comments: z
    .object({
      /** 찬성/반대 stance on comments (수원만민광장 '시민이 묻습니다' has 찬반 buttons, §5). */
      stanceEnabled: z.boolean().default(false),
      /** Minutes after posting during which the author may edit. Decidim's 5 (anchors-platforms §2.1). */
      editWindowMinutes: z.number().int().min(0).max(1440).default(5),
      /** Distinct reporters that hide a comment pending a moderator (issue 6, item 5). */
      reportHideThreshold: z.number().int().min(1).max(100).default(3),
      /** 임시조치 length: at most 30 days (정보통신망법 제44조의2; §12 "30-day blind"). */
      temporaryMeasureDays: z.number().int().min(1).max(30).default(30),
    })
    .prefault({}),
  /** Eligibility per action, evaluated by the rules library (§12 "Eligibility rules per action"). */
  eligibility: z
    .object({
      write: EligibilityRule.prefault({}),
      support: EligibilityRule.prefault({}),
      comment: EligibilityRule.prefault({}),
    })
    .prefault({}),
  /** Reminders to the answering department, in working days before the due date (product
   * choice: a week and a day ahead, landing on days when officials read their queue). */
  reminders: z.object({ leadWorkingDays: z.array(z.number().int().min(1).max(60)).default([5, 1]) }).prefault({}),
  /** 중간답변: required once a deadline passes (Seoul council 2025, §1.2), and again every
   * `repeatEveryDays` while still unanswered (민원처리법 제27조 interim notice after 30 days, §4.1). */
  interimAnswer: z
    .object({
      whenOverdue: z.boolean().default(true),
      repeatEveryDays: z.number().int().min(1).max(365).nullable().default(30),
    })
    .prefault({}),
});
export type BoardSettings = z.infer<typeof BoardSettings>;
export type BoardSettingsInput = z.input<typeof BoardSettings>;

/** Which count a tier uses. */
export function tierCountSource(settings: BoardSettings, tier: Tier): CountSource {
  return tier.counts ?? settings.countToward;
}

export function findTier(settings: BoardSettings, key: string): Tier | undefined {
  return settings.tiers.find((t) => t.key === key);
}

// Comment moderation: reports → automatic hiding after N distinct reporters pending a
// moderator, 임시조치 (a hold of up to 30 days on a rights-infringement claim, 정보통신망법
// 제44조의2), and moderation decisions recorded with a reason that the author can see.
//
// Pure: every function takes the current moderation state and returns the next one plus
// a record draft for the audit log; nothing here reads a clock or a database.
import { guardText, type GuardResult, type IsoDate } from '../../../rules/index.ts';
import type { Bilingual, BoardSettings } from './settings.ts';
import { windowFrom } from './tiers.ts';
import { lastDayOf } from './dates.ts';

/** 불량게시물 신고 categories (mVoting's list, anchors-korea §2, plus 개인정보 and 권리침해 §12). */
export const REPORT_CATEGORIES = [
  'spam',
  'abuse',
  'obscene',
  'personal-info',
  'rights-infringement',
  'off-topic',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];
export const REPORT_CATEGORY_LABELS: Record<ReportCategory, Bilingual> = {
  spam: { ko: '광고·스팸', en: 'Advertising or spam' },
  abuse: { ko: '욕설·비방', en: 'Abuse or insults' },
  obscene: { ko: '음란·선정성', en: 'Obscene content' },
  'personal-info': { ko: '개인정보 노출', en: 'Personal data exposed' },
  'rights-infringement': { ko: '명예훼손·권리침해', en: 'Defamation or rights infringement' },
  'off-topic': { ko: '주제와 무관', en: 'Off topic' },
  other: { ko: '기타', en: 'Other' },
};

export type Visibility = 'visible' | 'auto-hidden' | 'hidden' | 'temporary-measure' | 'removed';

export interface Report {
  reporterId: string;
  at: Date;
  category: ReportCategory;
  note?: string;
}

export interface Hold {
  startedAt: Date;
  endsAt: Date;
  claimantId: string;
  claim: string;
}

export interface CommentModeration {
  commentId: string;
  authorId: string;
  visibility: Visibility;
  /** Distinct reporters, in order. */
  reports: Report[];
  /** How many of `reports` a moderator has already reviewed: only newer ones count toward
   * hiding again, so a comment a moderator kept is not re-hidden by the same reports. */
  reviewedReports: number;
  hold: Hold | null;
}

export type ModerationAction = 'auto-hide' | 'keep' | 'hide' | 'restore' | 'remove' | 'temporary-measure';

/** A decision record: stored in the audit log and shown to the comment's author. */
export interface ModerationRecord {
  commentId: string;
  action: ModerationAction;
  actorId: string;
  at: Date;
  reason: string;
  before: Visibility;
  after: Visibility;
  /** What the author is told. */
  notice: Bilingual;
}

export type ModerationRefusal = {
  ok: false;
  code: 'own-comment' | 'already-reported' | 'removed' | 'reason-required' | 'wrong-state';
  message: Bilingual;
};
export type ModerationResult =
  | { ok: true; state: CommentModeration; record: ModerationRecord | null }
  | ModerationRefusal;

const refuse = (code: ModerationRefusal['code'], ko: string, en: string): ModerationRefusal => ({
  ok: false,
  code,
  message: { ko, en },
});

export function newCommentModeration(commentId: string, authorId: string): CommentModeration {
  return { commentId, authorId, visibility: 'visible', reports: [], reviewedReports: 0, hold: null };
}

/** Whether the public sees the comment (the author always sees their own, with the notice). */
export function isPubliclyVisible(c: CommentModeration): boolean {
  return c.visibility === 'visible';
}

function notice(action: ModerationAction, reason: string): Bilingual {
  switch (action) {
    case 'auto-hide':
      return {
        ko: `신고가 누적되어 댓글이 임시로 숨겨졌습니다. 운영자가 확인합니다. (${reason})`,
        en: `Your comment is hidden after several reports until a moderator reviews it. (${reason})`,
      };
    case 'keep':
    case 'restore':
      return {
        ko: `운영자 확인 결과 댓글이 다시 공개되었습니다. 사유: ${reason}`,
        en: `A moderator reviewed your comment and it is visible. Reason: ${reason}`,
      };
    case 'hide':
      return {
        ko: `운영 원칙에 따라 댓글이 숨김 처리되었습니다. 사유: ${reason}`,
        en: `Your comment was hidden under the board rules. Reason: ${reason}`,
      };
    case 'remove':
      return {
        ko: `운영 원칙에 따라 댓글이 삭제되었습니다. 사유: ${reason}`,
        en: `Your comment was removed under the board rules. Reason: ${reason}`,
      };
    case 'temporary-measure':
      return {
        ko: `권리침해 신고에 따라 댓글이 임시조치(최대 30일 게시 중단)되었습니다. 재게시를 요청할 수 있습니다. 사유: ${reason}`,
        en: `Your comment is on hold for up to 30 days after a rights-infringement claim; you may ask for it to be reinstated. Reason: ${reason}`,
      };
  }
}

function record(
  c: CommentModeration,
  next: CommentModeration,
  action: ModerationAction,
  actorId: string,
  at: Date,
  reason: string,
): ModerationRecord {
  return {
    commentId: c.commentId,
    action,
    actorId,
    at,
    reason,
    before: c.visibility,
    after: next.visibility,
    notice: notice(action, reason),
  };
}

/** Reports since the last moderator review. */
export function pendingReports(c: CommentModeration): number {
  return c.reports.length - c.reviewedReports;
}

/** A citizen reports a comment. One report per person; the author cannot report their own.
 * The report that reaches the board's threshold hides the comment pending a moderator. */
export function reportComment(c: CommentModeration, r: Report, settings: BoardSettings): ModerationResult {
  if (r.reporterId === c.authorId)
    return refuse('own-comment', '자신의 댓글은 신고할 수 없습니다.', 'You cannot report your own comment.');
  if (c.visibility === 'removed') return refuse('removed', '삭제된 댓글입니다.', 'The comment was removed.');
  if (c.reports.some((x) => x.reporterId === r.reporterId))
    return refuse('already-reported', '이미 신고하셨습니다.', 'You already reported this comment.');
  const next: CommentModeration = { ...c, reports: [...c.reports, r] };
  const threshold = settings.comments.reportHideThreshold;
  if (c.visibility === 'visible' && pendingReports(next) >= threshold) {
    const hidden = { ...next, visibility: 'auto-hidden' as const };
    return {
      ok: true,
      state: hidden,
      record: record(c, hidden, 'auto-hide', 'system', r.at, `신고 ${pendingReports(next)}건 / ${threshold} reports`),
    };
  }
  return { ok: true, state: next, record: null };
}

/** A moderator's decision. Always with a reason, always recorded, always told to the author. */
export function decide(
  c: CommentModeration,
  action: 'keep' | 'hide' | 'restore' | 'remove',
  moderatorId: string,
  reason: string,
  at: Date,
): ModerationResult {
  if (!reason.trim()) return refuse('reason-required', '처리 사유를 입력해 주세요.', 'Please give a reason.');
  if (c.visibility === 'removed') return refuse('removed', '삭제된 댓글입니다.', 'The comment was removed.');
  const allowed: Record<typeof action, readonly Visibility[]> = {
    keep: ['visible', 'auto-hidden'],
    restore: ['auto-hidden', 'hidden', 'temporary-measure'],
    hide: ['visible', 'auto-hidden', 'temporary-measure'],
    remove: ['visible', 'auto-hidden', 'hidden', 'temporary-measure'],
  };
  if (!allowed[action].includes(c.visibility))
    return refuse('wrong-state', '지금 상태에서는 할 수 없는 처리입니다.', 'Not possible in the current state.');
  const visibility: Visibility =
    action === 'keep' || action === 'restore' ? 'visible' : action === 'hide' ? 'hidden' : 'removed';
  // Every decision ends a 임시조치 hold: the moderator has decided.
  const next: CommentModeration = { ...c, visibility, reviewedReports: c.reports.length, hold: null };
  return { ok: true, state: next, record: record(c, next, action, moderatorId, at, reason.trim()) };
}

/** 임시조치: on a rights-infringement claim the comment is held for up to
 * `temporaryMeasureDays` (30) days; the first day is not counted and the hold ends at 24:00 Seoul. */
export function startTemporaryMeasure(
  c: CommentModeration,
  claim: { claimantId: string; claim: string },
  moderatorId: string,
  at: Date,
  settings: BoardSettings,
): ModerationResult {
  if (!claim.claim.trim())
    return refuse('reason-required', '권리침해 주장 내용을 입력해 주세요.', 'Please describe the claim.');
  if (c.visibility === 'removed' || c.visibility === 'temporary-measure') {
    return refuse('wrong-state', '지금 상태에서는 할 수 없는 처리입니다.', 'Not possible in the current state.');
  }
  const { closesAt } = windowFrom(at, settings.comments.temporaryMeasureDays);
  const next: CommentModeration = {
    ...c,
    visibility: 'temporary-measure',
    hold: { startedAt: at, endsAt: closesAt, claimantId: claim.claimantId, claim: claim.claim.trim() },
  };
  return { ok: true, state: next, record: record(c, next, 'temporary-measure', moderatorId, at, claim.claim.trim()) };
}

/** The last day of a 임시조치 hold begun at `at`: the Seoul calendar day, not the UTC one (a claim at 08:00 in
 * Seoul is still the previous day in UTC), with the first day not counted — the same window as
 * `startTemporaryMeasure`, so "{day}까지" and the moment the hold lapses agree. */
export function holdLastDay(at: Date, days: number): IsoDate {
  return lastDayOf(windowFrom(at, days).closesAt);
}

/** 'lapsed': the hold period is over. The law allows a hold of at most 30 days (정보통신망법 제44조의2 ④), so a
 * lapsed hold no longer hides the comment even when no moderator has decided; the claim itself may still be
 * decided afterwards. Takes only what it reads, so stored comments can be asked without a full state. */
export function holdStatus(
  c: { visibility: Visibility; hold: Pick<Hold, 'endsAt'> | null },
  at: Date,
): 'none' | 'active' | 'lapsed' {
  if (c.visibility !== 'temporary-measure' || !c.hold) return 'none';
  return at.getTime() < c.hold.endsAt.getTime() ? 'active' : 'lapsed';
}

/** The author may edit within the board's edit window (Decidim's pattern, anchors-platforms §2.1). */
export function canEditComment(
  comment: { authorId: string; createdAt: Date },
  actorId: string,
  at: Date,
  settings: BoardSettings,
): boolean {
  if (comment.authorId !== actorId) return false;
  const elapsed = at.getTime() - comment.createdAt.getTime();
  return elapsed >= 0 && elapsed <= settings.comments.editWindowMinutes * 60_000;
}

export type Stance = 'for' | 'against';
export const STANCE_LABELS: Record<Stance, Bilingual> = {
  for: { ko: '찬성', en: 'For' },
  against: { ko: '반대', en: 'Against' },
};

/** A stance is accepted only on boards that enable it; null (no stance) always is. */
export function stanceAllowed(settings: BoardSettings, stance: Stance | null): boolean {
  return stance === null || settings.comments.stanceEnabled;
}

/** Runs the PII guard with the board's policy on any citizen text (title, body, comment,
 * attachment file name). */
export function checkText(text: string, settings: BoardSettings): GuardResult {
  const { action, allowPhonePrefixes, allowEmailDomains, allowPublic } = settings.pii;
  return guardText(text, { action, allowPhonePrefixes, allowEmailDomains, allowPublic });
}

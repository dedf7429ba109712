import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { BoardSettings } from './settings.ts';
import {
  canEditComment,
  checkText,
  decide,
  holdLastDay,
  holdStatus,
  newCommentModeration,
  reportComment,
  stanceAllowed,
  startTemporaryMeasure,
  type CommentModeration,
  type ModerationResult,
} from './moderation.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const settings = BoardSettings.parse({});
const ok = (r: ModerationResult) => {
  assert.ok(r.ok, r.ok ? '' : r.code);
  return r;
};
const report = (c: CommentModeration, who: string, at = '2026-09-01T10:00:00') =>
  reportComment(c, { reporterId: who, at: kst(at), category: 'abuse' }, settings);

describe('reports and automatic hiding', () => {
  it('hides after 3 distinct reporters and records it for the author', () => {
    let c = newCommentModeration('c1', 'author');
    c = ok(report(c, 'a')).state;
    c = ok(report(c, 'b')).state;
    assert.equal(c.visibility, 'visible');
    const dup = report(c, 'b');
    assert.equal(dup.ok ? '' : dup.code, 'already-reported');
    const own = report(c, 'author');
    assert.equal(own.ok ? '' : own.code, 'own-comment');
    const third = ok(report(c, 'c'));
    assert.equal(third.state.visibility, 'auto-hidden');
    assert.equal(third.record?.action, 'auto-hide');
    assert.equal(third.record?.actorId, 'system');
    assert.match(third.record!.notice.ko, /숨겨졌습니다/);
  });

  it('a kept comment is re-hidden only by new reports', () => {
    let c = newCommentModeration('c1', 'author');
    for (const who of ['a', 'b', 'c']) c = ok(report(c, who)).state;
    const kept = ok(decide(c, 'keep', 'mod', '비판적 의견은 허용', kst('2026-09-02T10:00:00')));
    assert.equal(kept.state.visibility, 'visible');
    assert.equal(kept.record?.reason, '비판적 의견은 허용');
    c = kept.state;
    c = ok(report(c, 'd')).state;
    c = ok(report(c, 'e')).state;
    assert.equal(c.visibility, 'visible');
    assert.equal(ok(report(c, 'f')).state.visibility, 'auto-hidden');
  });

  it('honours the threshold setting', () => {
    const one = BoardSettings.parse({ comments: { reportHideThreshold: 1 } });
    const r = reportComment(
      newCommentModeration('c', 'x'),
      { reporterId: 'y', at: kst('2026-09-01T00:00:00'), category: 'spam' },
      one,
    );
    assert.ok(r.ok && r.state.visibility === 'auto-hidden');
  });

  it('property: auto-hidden exactly when distinct reporters reach the threshold', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 9 }), { maxLength: 20 }),
        (n, who) => {
          const s = BoardSettings.parse({ comments: { reportHideThreshold: n } });
          let c = newCommentModeration('c', 'author');
          for (const w of who) {
            const r = reportComment(c, { reporterId: `u${w}`, at: kst('2026-09-01T00:00:00'), category: 'other' }, s);
            if (r.ok) c = r.state;
          }
          assert.equal(c.visibility === 'auto-hidden', new Set(who).size >= n);
        },
      ),
    );
  });
});

describe('decisions and 임시조치', () => {
  it('requires a reason and refuses impossible decisions', () => {
    const c = newCommentModeration('c1', 'author');
    const r = decide(c, 'hide', 'mod', ' ', kst('2026-09-01T00:00:00'));
    assert.equal(r.ok ? '' : r.code, 'reason-required');
    const removed = ok(decide(c, 'remove', 'mod', '욕설', kst('2026-09-01T00:00:00'))).state;
    const again = decide(removed, 'restore', 'mod', '실수', kst('2026-09-01T00:00:00'));
    assert.equal(again.ok ? '' : again.code, 'removed');
    const restoreVisible = decide(c, 'restore', 'mod', '복원', kst('2026-09-01T00:00:00'));
    assert.equal(restoreVisible.ok ? '' : restoreVisible.code, 'wrong-state');
  });

  it('holds for 30 days, then lapses; a moderator may still decide', () => {
    const c = newCommentModeration('c1', 'author');
    const held = ok(
      startTemporaryMeasure(
        c,
        { claimantId: 'victim', claim: '명예훼손 주장' },
        'mod',
        kst('2026-09-01T10:00:00'),
        settings,
      ),
    );
    assert.equal(held.state.visibility, 'temporary-measure');
    assert.equal(held.state.hold?.endsAt.toISOString(), kst('2026-10-02T00:00:00').toISOString());
    assert.match(held.record!.notice.ko, /임시조치/);
    assert.equal(holdStatus(held.state, kst('2026-10-01T23:59:59')), 'active');
    assert.equal(holdStatus(held.state, kst('2026-10-02T00:00:00')), 'lapsed');
    const restored = ok(decide(held.state, 'restore', 'mod', '권리침해 소명 부족', kst('2026-10-02T09:00:00')));
    assert.equal(restored.state.visibility, 'visible');
    assert.equal(restored.state.hold, null);
  });

  it('a hold ends on the Seoul calendar: a claim before 09:00 in Seoul is not a day short', () => {
    // 08:00 on 9-1 in Seoul is still 8-31 in UTC; counting from the UTC day would end the hold on 9-30.
    assert.equal(holdLastDay(kst('2026-09-01T08:00:00'), 30), '2026-10-01');
    assert.equal(holdLastDay(kst('2026-09-01T23:59:00'), 30), '2026-10-01');
    assert.equal(holdLastDay(kst('2026-12-31T00:30:00'), 7), '2027-01-07');
  });
});

describe('edit window, stance and PII', () => {
  it('lets the author edit within the window only', () => {
    const comment = { authorId: 'a', createdAt: kst('2026-09-01T10:00:00') };
    assert.equal(canEditComment(comment, 'a', kst('2026-09-01T10:05:00'), settings), true);
    assert.equal(canEditComment(comment, 'a', kst('2026-09-01T10:05:01'), settings), false);
    assert.equal(canEditComment(comment, 'b', kst('2026-09-01T10:01:00'), settings), false);
  });
  it('accepts a stance only where enabled', () => {
    assert.equal(stanceAllowed(settings, 'for'), false);
    assert.equal(stanceAllowed(settings, null), true);
    assert.equal(stanceAllowed(BoardSettings.parse({ comments: { stanceEnabled: true } }), 'against'), true);
  });
  it('runs the PII guard with the board policy', () => {
    assert.equal(checkText('연락처 010-1234-5678 입니다', settings).decision, 'block');
    const mask = BoardSettings.parse({ pii: { action: 'mask' } });
    const r = checkText('연락처 010-1234-5678 입니다', mask);
    assert.equal(r.decision, 'mask');
    assert.ok(!r.text.includes('1234-5678'));
    assert.equal(checkText('버스 정류장에 그늘막을 설치해 주세요', settings).decision, 'publish');
  });
});

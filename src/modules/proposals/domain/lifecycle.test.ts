import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PRESETS } from './presets.ts';
import {
  STAGES,
  TERMINAL_STAGES,
  TRANSITIONS,
  ROLES,
  allowedEvents,
  acceptsSupport,
  eventKey,
  newProposal,
  stageTracker,
  transition,
  type Actor,
  type ProposalEvent,
  type ProposalState,
  type TransitionContext,
} from './lifecycle.ts';
import type { BoardSettings } from './settings.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const author: Actor = { id: 'citizen-1', roles: ['citizen'] };
const other: Actor = { id: 'citizen-2', roles: ['citizen'] };
const system: Actor = { id: 'system', roles: ['system'] };
const planning: Actor = { id: 'po-1', roles: ['planning-office'] };
const moderator: Actor = { id: 'mod-1', roles: ['moderator'] };
const admin: Actor = { id: 'admin-1', roles: ['admin'] };
const roads: Actor = { id: 'dept-roads-1', roles: ['department-official'], departmentId: 'roads' };
const parks: Actor = { id: 'dept-parks-1', roles: ['department-official'], departmentId: 'parks' };
const sign = { department: '도로과', position: '주무관', name: '박사승', extension: '2050' };

/** Applies events in order, failing the test on a refusal. */
function run(settings: BoardSettings, steps: [ProposalEvent, Actor, string, string?][], start?: ProposalState) {
  let s =
    start ?? newProposal({ id: 'p1', authorId: author.id, kind: settings.kind, createdAt: kst('2026-09-01T09:00:00') });
  const audits = [];
  for (const [e, actor, at, reason] of steps) {
    const r = transition(s, e, { at: kst(at), actor, settings, reason });
    assert.ok(r.ok, `${eventKey(e)} at ${at}: ${r.ok ? '' : r.code}`);
    s = r.state;
    audits.push(r.audit);
  }
  return { s, audits };
}

describe('lifecycle: Seoul proposal, happy path', () => {
  const seoul = PRESETS.seoul;
  const { s, audits } = run(seoul, [
    [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
    [{ type: 'accept', departmentId: 'parks' }, planning, '2026-09-01T11:00:00'],
    [
      { type: 'screen', outcome: { kind: 'transfer', departmentId: 'roads', reason: '도로 관련 제안' } },
      parks,
      '2026-09-02T09:00:00',
    ],
    [{ type: 'screen', outcome: { kind: 'suitable' } }, planning, '2026-09-02T10:00:00'],
    [{ type: 'open-support' }, system, '2026-09-02T10:00:00'],
    [{ type: 'tier-reached', tier: 'department', count: 50 }, system, '2026-09-10T15:00:00'],
    [{ type: 'interim-answer', signedBy: sign }, roads, '2026-10-12T09:00:00'],
    [{ type: 'final-answer', result: 'adopted', signedBy: sign }, roads, '2026-10-20T09:00:00'],
  ]);

  it('ends answered and adopted, with the department transferred', () => {
    assert.equal(s.stage, 'answered');
    assert.equal(s.result, 'adopted');
    assert.equal(s.departmentId, 'roads');
    // reached 09-10: one month ends 10-10 (Saturday), 한글날 10-09 aside → Monday 10-12, 24:00
    assert.equal(s.tiers[0].dueAt?.toISOString(), kst('2026-10-13T00:00:00').toISOString());
  });

  it('audits every transition with who, why, before and after', () => {
    assert.equal(audits.length, 8);
    const transfer = audits[2];
    assert.equal(transfer.action, 'proposal.screen:transfer');
    assert.equal(transfer.role, 'department-official-of-assigned-dept');
    assert.equal(transfer.reason, '도로 관련 제안');
    assert.deepEqual([transfer.before.departmentId, transfer.after.departmentId], ['parks', 'roads']);
    assert.deepEqual([audits[7].before.stage, audits[7].after.stage], ['answering', 'answered']);
  });

  it('tracks stages for display', () => {
    const t = stageTracker(s, seoul);
    assert.deepEqual(
      t.map((i) => i.stage),
      ['draft', 'submitted', 'screening', 'collecting', 'answering', 'answered', 'implementing', 'implemented'],
    );
    assert.deepEqual(
      t.map((i) => i.status),
      ['done', 'done', 'done', 'done', 'done', 'current', 'upcoming', 'upcoming'],
    );
    assert.equal(t[5].at?.toISOString(), kst('2026-10-20T09:00:00').toISOString());
    assert.equal(t[6].at, null);
  });

  it('a later tier reopens answering; implementation updates follow', () => {
    const { s: s2 } = run(
      seoul,
      [[{ type: 'tier-reached', tier: 'mayor', count: 1000 }, system, '2026-09-30T12:00:00']],
      { ...s, stage: 'answered' },
    );
    assert.equal(s2.stage, 'answering');
    const { s: s3 } = run(
      seoul,
      [
        [
          { type: 'final-answer', tier: 'mayor', result: 'policy-reflected', signedBy: sign },
          planning,
          '2026-10-25T12:00:00',
        ], // the mayor's answer: by the planning office
        [{ type: 'implementation-update', progress: 40 }, roads, '2026-11-01T12:00:00'],
        [{ type: 'implementation-update', completed: true }, roads, '2027-03-01T12:00:00'],
      ],
      s2,
    );
    assert.equal(s3.stage, 'implemented');
    assert.equal(s3.implementation.progress, 100);
    assert.equal(s3.implementation.updates, 2);
  });
});

describe('lifecycle: refusals', () => {
  const seoul = PRESETS.seoul;
  const collecting = run(seoul, [
    [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
    [{ type: 'accept', departmentId: 'roads' }, planning, '2026-09-01T11:00:00'],
    [{ type: 'screen', outcome: { kind: 'suitable' } }, planning, '2026-09-02T10:00:00'],
    [{ type: 'open-support' }, system, '2026-09-02T10:00:00'],
  ]).s;
  const ctx = (actor: Actor, at: string): TransitionContext => ({ actor, at: kst(at), settings: seoul });

  it('checks roles, including the assigned department and the author', () => {
    const r = transition(collecting, { type: 'withdraw' }, ctx(other, '2026-09-03T00:00:00'));
    assert.equal(r.ok ? '' : r.code, 'forbidden');
    assert.ok(transition(collecting, { type: 'withdraw' }, ctx(author, '2026-09-03T00:00:00')).ok);
    const answering = run(
      seoul,
      [[{ type: 'tier-reached', tier: 'department', count: 51 }, system, '2026-09-05T00:00:00']],
      collecting,
    ).s;
    const byParks = transition(
      answering,
      { type: 'final-answer', result: 'adopted', signedBy: sign },
      ctx(parks, '2026-09-06T00:00:00'),
    );
    assert.equal(byParks.ok ? '' : byParks.code, 'forbidden');
    // The assigned department answers, passes it on, or points out that it is a 민원 after all.
    assert.deepEqual(allowedEvents(answering, roads).sort(), [
      'final-answer',
      'interim-answer',
      'screen:is-minwon',
      'screen:transfer',
    ]);
  });

  it('requires reasons, signatures, thresholds and an open window', () => {
    const r1 = transition(collecting, { type: 'reject', reason: '  ' }, ctx(planning, '2026-09-03T00:00:00'));
    assert.equal(r1.ok ? '' : r1.code, 'reason-required');
    const r2 = transition(
      collecting,
      { type: 'tier-reached', tier: 'department', count: 49 },
      ctx(system, '2026-09-03T00:00:00'),
    );
    assert.equal(r2.ok ? '' : r2.code, 'threshold-not-met');
    const r3 = transition(
      collecting,
      { type: 'tier-reached', tier: 'department', count: 50 },
      ctx(system, '2026-10-03T00:00:00'),
    );
    assert.equal(r3.ok ? '' : r3.code, 'window-closed');
    const r4 = transition(
      collecting,
      { type: 'tier-reached', tier: 'nope', count: 50 },
      ctx(system, '2026-09-03T00:00:00'),
    );
    assert.equal(r4.ok ? '' : r4.code, 'unknown-tier');
    const answering = run(
      seoul,
      [[{ type: 'tier-reached', tier: 'department', count: 51 }, system, '2026-09-05T00:00:00']],
      collecting,
    ).s;
    const r5 = transition(
      answering,
      { type: 'final-answer', result: 'adopted', signedBy: { ...sign, extension: '' } },
      ctx(roads, '2026-09-06T00:00:00'),
    );
    assert.equal(r5.ok ? '' : r5.code, 'invalid-signature');
    if (!r1.ok) assert.match(r1.message.ko, /사유/);
  });

  it('expires only after the window closes and only without a reached tier', () => {
    const early = transition(collecting, { type: 'expire' }, ctx(system, '2026-10-02T23:59:59'));
    assert.equal(early.ok ? '' : early.code, 'window-open');
    const late = transition(collecting, { type: 'expire' }, ctx(system, '2026-10-03T00:00:00'));
    assert.ok(late.ok);
    if (late.ok) {
      assert.equal(late.state.stage, 'expired');
      const t = stageTracker(late.state, seoul);
      assert.deepEqual(
        t.map((i) => `${i.stage}:${i.status}`),
        ['draft:done', 'submitted:done', 'screening:done', 'collecting:done', 'expired:current'],
      );
      assert.equal(acceptsSupport(late.state, kst('2026-10-03T00:00:00')), false);
    }
    assert.equal(acceptsSupport(collecting, kst('2026-10-02T23:59:59')), true);
  });

  it('cannot open support before screening says suitable', () => {
    const s = run(seoul, [
      [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
      [{ type: 'accept', departmentId: 'roads' }, planning, '2026-09-01T11:00:00'],
    ]).s;
    const r = transition(s, { type: 'open-support' }, ctx(system, '2026-09-02T00:00:00'));
    assert.equal(r.ok ? '' : r.code, 'not-screened');
  });

  it('screening outcomes: duplicate, 민원, out of scope', () => {
    const s = run(seoul, [
      [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
      [{ type: 'accept', departmentId: 'roads' }, planning, '2026-09-01T11:00:00'],
    ]).s;
    const dup = transition(
      s,
      { type: 'screen', outcome: { kind: 'duplicate-of', proposalId: 'p0' } },
      ctx(planning, '2026-09-02T00:00:00'),
    );
    assert.ok(dup.ok && dup.state.stage === 'merged' && dup.state.closure?.duplicateOf === 'p0');
    const pointer = { label: { ko: '국민신문고', en: 'e-People' }, url: 'https://www.epeople.go.kr' };
    const mw = transition(
      s,
      { type: 'screen', outcome: { kind: 'is-minwon', pointer } },
      ctx(roads, '2026-09-02T00:00:00'),
    );
    assert.ok(mw.ok && mw.state.stage === 'redirected' && mw.state.closure?.pointer?.url === pointer.url);
    const oos = transition(
      s,
      { type: 'screen', outcome: { kind: 'out-of-scope', reason: '국가 사무' } },
      ctx(planning, '2026-09-02T00:00:00'),
    );
    assert.ok(oos.ok && oos.state.stage === 'rejected' && oos.state.closure?.reason === '국가 사무');
  });

  it('long-term review can be settled later; a final answer cannot be repeated otherwise', () => {
    const answering = run(
      seoul,
      [[{ type: 'tier-reached', tier: 'department', count: 51 }, system, '2026-09-05T00:00:00']],
      collecting,
    ).s;
    const ltr = run(
      seoul,
      [[{ type: 'final-answer', result: 'long-term-review', signedBy: sign }, roads, '2026-09-20T00:00:00']],
      answering,
    ).s;
    const t = stageTracker(ltr, seoul).map((i) => i.stage);
    assert.ok(!t.includes('implementing'));
    const settled = run(
      seoul,
      [[{ type: 'final-answer', result: 'adopted', signedBy: sign }, roads, '2027-01-20T00:00:00']],
      ltr,
    ).s;
    assert.equal(settled.result, 'adopted');
    assert.equal(settled.tiers[0].answeredAt?.toISOString(), kst('2026-09-20T00:00:00').toISOString());
    const again = transition(
      settled,
      { type: 'final-answer', result: 'not-adopted', signedBy: sign },
      ctx(roads, '2027-02-01T00:00:00'),
    );
    assert.equal(again.ok ? '' : again.code, 'not-long-term-review');
  });
});

describe('lifecycle: 국회-style petition with pre-agreements', () => {
  const pet = PRESETS['assembly-petition'];
  it('goes through 사전동의, then expires if 100 are not reached in 30 days', () => {
    const { s } = run(pet, [[{ type: 'submit' }, author, '2026-09-01T10:00:00']]);
    assert.equal(s.stage, 'pre-agreement');
    assert.equal(stageTracker(s, pet)[1].stage, 'pre-agreement');
    const low = transition(
      s,
      { type: 'pre-agreements-reached', count: 99 },
      { actor: system, at: kst('2026-09-05T00:00:00'), settings: pet },
    );
    assert.equal(low.ok ? '' : low.code, 'threshold-not-met');
    const ok = run(pet, [[{ type: 'pre-agreements-reached', count: 100 }, system, '2026-09-05T00:00:00']], s).s;
    assert.equal(ok.stage, 'submitted');
    const exp = run(pet, [[{ type: 'expire' }, system, '2026-10-02T00:00:00']], s).s;
    assert.equal(exp.stage, 'expired');
  });
});

describe('lifecycle: properties', () => {
  const actors = [author, other, system, planning, moderator, admin, roads, parks];
  const event: fc.Arbitrary<ProposalEvent> = fc.oneof(
    fc.constant<ProposalEvent>({ type: 'submit' }),
    fc.integer({ min: 0, max: 200 }).map((count): ProposalEvent => ({ type: 'pre-agreements-reached', count })),
    fc.constantFrom<ProposalEvent>({ type: 'accept', departmentId: 'roads' }, { type: 'accept' }),
    fc.constantFrom<ProposalEvent>(
      { type: 'screen', outcome: { kind: 'suitable' } },
      { type: 'screen', outcome: { kind: 'duplicate-of', proposalId: 'p0' } },
      { type: 'screen', outcome: { kind: 'out-of-scope', reason: '범위 밖' } },
      { type: 'screen', outcome: { kind: 'transfer', departmentId: 'parks', reason: '공원' } },
      { type: 'screen', outcome: { kind: 'transfer', departmentId: 'roads', reason: '도로' } },
      { type: 'screen', outcome: { kind: 'is-minwon', pointer: { label: { ko: '국민신문고', en: 'e-People' } } } },
      { type: 'open-support' },
      { type: 'expire' },
      { type: 'withdraw' },
      { type: 'reject', reason: '욕설' },
      { type: 'implementation-update', progress: 50 },
      { type: 'implementation-update', completed: true },
    ),
    fc
      .record({
        tier: fc.constantFrom('department', 'deliberation', 'mayor', 'committee', 'x'),
        count: fc.integer({ min: 0, max: 60_000 }),
      })
      .map(({ tier, count }): ProposalEvent => ({ type: 'tier-reached', tier, count })),
    fc
      .constantFrom('adopted', 'not-adopted', 'long-term-review', 'partially-adopted', 'policy-reflected' as const)
      .map((result): ProposalEvent => ({ type: 'final-answer', result, signedBy: sign })),
    fc.constant<ProposalEvent>({ type: 'interim-answer', signedBy: sign }),
  );
  const step = fc.tuple(event, fc.constantFrom(...actors), fc.integer({ min: 0, max: 6 * 86_400_000 }));

  it('no event sequence reaches an undefined stage or breaks the transition table', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          PRESETS.seoul,
          PRESETS['assembly-petition'],
          PRESETS['saha-request'],
          PRESETS['suwon-question'],
        ),
        fc.array(step, { maxLength: 40 }),
        (settings, steps) => {
          let s = newProposal({
            id: 'p',
            authorId: author.id,
            kind: settings.kind,
            createdAt: kst('2026-09-01T09:00:00'),
          });
          let t = kst('2026-09-01T09:00:00').getTime();
          for (const [e, actor, dt] of steps) {
            t += dt;
            const r = transition(s, e, { at: new Date(t), actor, settings });
            if (!r.ok) {
              assert.ok(r.message.ko && r.message.en);
              continue;
            }
            const rule = TRANSITIONS[eventKey(e)];
            assert.ok(STAGES.includes(r.state.stage));
            assert.ok(rule.from.includes(s.stage), `${eventKey(e)} fired from ${s.stage}`);
            assert.ok(rule.to.includes(r.state.stage), `${eventKey(e)} led to ${r.state.stage}`);
            assert.ok(rule.roles.includes(r.audit.role));
            assert.ok(!TERMINAL_STAGES.includes(s.stage), `left terminal stage ${s.stage}`);
            assert.deepEqual([r.audit.before.stage, r.audit.after.stage], [s.stage, r.state.stage]);
            s = r.state;
            if (s.stage === 'answered') assert.ok(s.tiers.every((x) => x.answeredAt));
            if (s.stage === 'answering') assert.ok(s.tiers.some((x) => !x.answeredAt));
            const tracker = stageTracker(s, settings);
            assert.equal(tracker.filter((i) => i.status === 'current').length, 1);
            assert.equal(tracker.find((i) => i.status === 'current')?.stage, s.stage);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('the transition table only names known stages and roles', () => {
    for (const r of Object.values(TRANSITIONS)) {
      for (const st of [...r.from, ...r.to]) assert.ok(STAGES.includes(st));
      for (const role of r.roles) assert.ok(ROLES.includes(role));
    }
  });
});

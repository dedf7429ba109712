import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BoardSettings } from './settings.ts';
import { newProposal, transition, type Actor, type ProposalEvent, type ProposalState } from './lifecycle.ts';
import { checkParticipation } from './participation.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const settings = BoardSettings.parse({
  eligibility: {
    write: { minAge: 14 },
    support: { minAge: 14, areas: { codes: ['41110'], label: { ko: '수원시', en: 'Suwon' } } },
  },
});
const planning: Actor = { id: 'po', roles: ['planning-office'] };
const system: Actor = { id: 'system', roles: ['system'] };

function open(): ProposalState {
  let s = newProposal({ id: 'p', authorId: 'a', kind: 'proposal', createdAt: kst('2026-09-01T09:00:00') });
  const steps: [ProposalEvent, Actor][] = [
    [{ type: 'submit' }, { id: 'a', roles: ['citizen'] }],
    [{ type: 'accept', departmentId: 'roads' }, planning],
    [{ type: 'screen', outcome: { kind: 'suitable' } }, planning],
    [{ type: 'open-support' }, system],
  ];
  for (const [e, actor] of steps) {
    const r = transition(s, e, { at: kst('2026-09-01T10:00:00'), actor, settings });
    assert.ok(r.ok);
    s = r.state;
  }
  return s;
}

describe('participation', () => {
  const suwon = { id: 'u', birthDate: '2000-01-01', areas: { residence: ['4111513800'] } };
  const seoulite = { id: 'v', birthDate: '2000-01-01', areas: { residence: ['1111010100'] } };
  const child = { id: 'w', birthDate: '2015-01-01', areas: { residence: ['4111513800'] } };

  it('applies the rule of each action', () => {
    assert.deepEqual(checkParticipation('write', settings, seoulite, kst('2026-09-01T00:00:00')), { ok: true });
    const r = checkParticipation('write', settings, child, kst('2026-09-01T00:00:00'));
    assert.equal(r.ok ? '' : r.code, 'too-young');
    const s = open();
    assert.deepEqual(checkParticipation('support', settings, suwon, kst('2026-09-02T00:00:00'), s), { ok: true });
    const far = checkParticipation('support', settings, seoulite, kst('2026-09-02T00:00:00'), s);
    assert.equal(far.ok ? '' : far.code, 'area');
    if (!far.ok) assert.match(far.reason.ko, /수원시/);
    assert.deepEqual(checkParticipation('comment', settings, seoulite, kst('2026-09-02T00:00:00'), s), { ok: true });
  });

  it('supports only in the window; comments only once published', () => {
    const s = open();
    const late = checkParticipation('support', settings, suwon, kst('2026-10-02T00:00:00'), s);
    assert.equal(late.ok ? '' : late.code, 'closed');
    const draft = newProposal({ id: 'q', authorId: 'a', kind: 'proposal', createdAt: kst('2026-09-01T09:00:00') });
    const c = checkParticipation('comment', settings, suwon, kst('2026-09-02T00:00:00'), draft);
    assert.equal(c.ok ? '' : c.code, 'closed');
  });
});

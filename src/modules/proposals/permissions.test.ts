import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as perm from './permissions.ts';
import type { Actor, RoleGrant } from '../../platform/permissions.ts';
import { newProposal, transition, type ProposalState } from './domain/index.ts';
import { PRESETS } from './domain/presets.ts';
import { whoOf } from './store/lifecycle.ts';

const actor = (id: number, grants: RoleGrant[] = []): Actor => ({
  id,
  personKey: 'k'.repeat(64),
  displayName: `p${id}`,
  verification: 'dev',
  birthDate: null,
  areaCode: null,
  grants,
});
const official = (dept: number) =>
  actor(10 + dept, [{ role: 'official', departmentId: dept, position: '주무관', phoneExt: '2050' }]);
const open = { authorId: 1, departmentId: 3, stage: 'collecting' };
const planner = actor(6, [{ role: 'planning', departmentId: null, position: '주무관', phoneExt: '2010' }]);

test('an official of department A cannot answer for department B', () => {
  assert.equal(perm.canAnswer(official(3), open), true);
  assert.equal(perm.canAnswer(official(4), open), false);
  assert.equal(perm.canAnswer(official(3), { ...open, departmentId: null }), false);
  assert.equal(
    perm.canAnswer(actor(2, [{ role: 'admin', departmentId: null, position: null, phoneExt: null }]), open),
    false,
  );
});

test("the mayor's and a deliberation body's answers are posted by the planning office, not by a department", () => {
  assert.equal(perm.canAnswer(official(3), open, 'mayor'), false);
  assert.equal(perm.canAnswer(planner, open, 'mayor'), true);
  assert.equal(perm.canAnswer(planner, open, 'deliberation'), true);
  assert.equal(perm.canAnswer(planner, open, 'department'), false);
});

test('citizens write, support open proposals and comment; visitors do none of it', () => {
  assert.equal(perm.canWrite(null), false);
  assert.equal(perm.canWrite(actor(1)), true);
  assert.equal(perm.canSupport(actor(1), open), true);
  assert.equal(perm.canSupport(actor(1), { ...open, stage: 'expired' }), false);
  assert.equal(perm.canSupport(actor(1), { ...open, stage: 'rejected' }), false);
  assert.equal(perm.canComment(null, open), false);
});

test('proposals waiting for screening are seen only by their author, moderators, the planning office and the department', () => {
  const held = { ...open, stage: 'submitted' };
  assert.equal(perm.canSee(official(3), held), true);
  assert.equal(perm.canSee(official(4), held), false);
  assert.equal(perm.canSee(actor(1), held), true);
  assert.equal(perm.canSee(actor(2), held), false);
  assert.equal(
    perm.canSee(actor(3, [{ role: 'moderator', departmentId: null, position: null, phoneExt: null }]), held),
    true,
  );
  assert.equal(
    perm.canSee(actor(4, [{ role: 'planning', departmentId: null, position: null, phoneExt: null }]), held),
    true,
  );
});

test('a rejected proposal shows its title and reason to everyone, its text only to the author and staff', () => {
  const rejected = { ...open, stage: 'rejected' };
  assert.equal(perm.canSee(actor(2), rejected), true);
  assert.equal(perm.canReadBody(actor(2), rejected), false);
  assert.equal(perm.canReadBody(actor(1), rejected), true);
  assert.equal(perm.canReadBody(planner, rejected), true);
});

test('only moderators and administrators hide comments; only planning and administrators assign departments', () => {
  assert.equal(perm.canModerate(official(3)), false);
  assert.equal(
    perm.canModerate(actor(5, [{ role: 'moderator', departmentId: null, position: null, phoneExt: null }])),
    true,
  );
  assert.equal(perm.canAssign(official(3)), false);
  assert.equal(
    perm.canAssign(actor(6, [{ role: 'planning', departmentId: null, position: null, phoneExt: null }])),
    true,
  );
});

test('every role × answerer: the pages and routes (canAnswer) and the state machine (transition) agree', () => {
  const people = {
    citizen: actor(1),
    'official of the department': official(3),
    'official of another': official(4),
    planner,
    moderator: actor(7, [{ role: 'moderator', departmentId: null, position: null, phoneExt: null }]),
    admin: actor(8, [{ role: 'admin', departmentId: null, position: null, phoneExt: null }]),
  };
  const sign = { department: '도로교통과', position: '주무관', name: '최도로', extension: '2050' };
  for (const answerer of ['department', 'head-of-office', 'mayor', 'deliberation'] as const) {
    const state: ProposalState = {
      ...newProposal({ id: '9', authorId: '1', kind: 'proposal', createdAt: new Date('2026-09-01T00:00:00Z') }),
      stage: 'answering',
      departmentId: '3',
      tiers: [
        {
          key: answerer,
          answerer,
          count: 60,
          reachedAt: new Date('2026-09-10T00:00:00Z'),
          dueAt: null,
          interimAnswers: [],
          answeredAt: null,
        },
      ],
    };
    for (const [who, a] of Object.entries(people)) {
      const route = perm.canAnswer(a, { authorId: 1, departmentId: 3, stage: 'answering' }, answerer);
      for (const type of ['interim-answer', 'final-answer'] as const) {
        const event =
          type === 'final-answer' ? { type, result: 'adopted' as const, signedBy: sign } : { type, signedBy: sign };
        const core = transition(state, event, {
          at: new Date('2026-09-20T00:00:00Z'),
          actor: whoOf(a, who, 3).actor,
          settings: PRESETS.seoul,
        });
        assert.equal(
          core.ok,
          route,
          `${who}, ${answerer} tier, ${type}: routes say ${route}, the state machine ${core.ok}`,
        );
      }
    }
  }
  assert.equal(
    perm.canAnswer(people.admin, open, 'department'),
    false,
    "an administrator does not post a department's answer",
  );
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hasBatchim } from 'es-hangul';
import { PRESETS } from './presets.ts';
import { newProposal, transition, type Actor, type ProposalEvent, type ProposalState } from './lifecycle.ts';
import { addDays, lastDayOf } from './dates.ts';
import {
  KIND_NOUNS,
  countPhrase,
  TEMPLATES,
  dailyIntents,
  notificationsFor,
  renderTemplate,
  type NotificationIntent,
} from './notify.ts';

const kst = (s: string) => new Date(`${s}+09:00`);
const author: Actor = { id: 'a', roles: ['citizen'] };
const system: Actor = { id: 'system', roles: ['system'] };
const planning: Actor = { id: 'po', roles: ['planning-office'] };
const roads: Actor = { id: 'r', roles: ['department-official'], departmentId: 'roads' };
const sign = { department: '도로과', position: '주무관', name: '박사승', extension: '2050' };
const settings = PRESETS.seoul;
const title = '버스 정류장에 그늘막을 설치해 주세요';

function walk(steps: [ProposalEvent, Actor, string][]) {
  let s: ProposalState = newProposal({
    id: 'p1',
    authorId: 'a',
    kind: 'proposal',
    createdAt: kst('2026-09-01T09:00:00'),
  });
  const intents: NotificationIntent[][] = [];
  for (const [e, actor, at] of steps) {
    const r = transition(s, e, { at: kst(at), actor, settings });
    assert.ok(r.ok, r.ok ? '' : r.code);
    s = r.state;
    intents.push(notificationsFor(r.audit, s, { title, settings, departmentName: '도로과' }));
  }
  return { s, intents };
}

describe('notifications', () => {
  const { s, intents } = walk([
    [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
    [{ type: 'accept', departmentId: 'parks' }, planning, '2026-09-01T11:00:00'],
    [
      { type: 'screen', outcome: { kind: 'transfer', departmentId: 'roads', reason: '도로' } },
      planning,
      '2026-09-01T12:00:00',
    ],
    [{ type: 'screen', outcome: { kind: 'suitable' } }, planning, '2026-09-02T10:00:00'],
    [{ type: 'open-support' }, system, '2026-09-02T10:00:00'],
    [{ type: 'tier-reached', tier: 'department', count: 50 }, system, '2026-09-10T15:00:00'],
    [{ type: 'final-answer', result: 'adopted', signedBy: sign }, roads, '2026-10-05T09:00:00'],
  ]);

  it('maps each stage change and answer to intents', () => {
    assert.deepEqual(
      intents.map((x) => x.map((i) => `${i.template}>${i.recipients.join('+')}`)),
      [
        ['proposal.submitted>author'],
        ['proposal.accepted>author', 'department.assigned>department'],
        ['proposal.transferred>author+followers', 'department.assigned>department'],
        [],
        ['proposal.support-opened>author+followers'],
        ['proposal.tier-reached>author+followers', 'department.answer-requested>department'],
        ['proposal.answered>author+followers'],
      ],
    );
    assert.equal(s.stage, 'answered');
  });

  it('renders Korean and English with dates and labels', () => {
    const tier = intents[5][0];
    assert.equal(
      renderTemplate(tier.template, tier.params, 'ko'),
      '「버스 정류장에 그늘막을 설치해 주세요」 제안이 공감 50명 기준(부서 답변)에 도달했습니다. 답변: 담당 부서, 답변 기한: 2026-10-12',
    );
    assert.equal(
      renderTemplate(tier.template, tier.params, 'en'),
      '"버스 정류장에 그늘막을 설치해 주세요" reached 50 supports (Department answer). Answer by: the responsible department, due 2026-10-12.',
    );
    assert.match(renderTemplate(intents[6][0].template, intents[6][0].params, 'ko'), /결과: 채택$/);
    assert.match(renderTemplate(intents[4][0].template, intents[4][0].params, 'ko'), /2026-10-02까지$/);
  });

  it('templates only put particles after nouns that end in a final consonant', () => {
    for (const n of Object.values(KIND_NOUNS)) assert.ok(hasBatchim(n.ko), n.ko);
    for (const t of Object.values(TEMPLATES)) {
      for (const m of t.ko.matchAll(/\{(\w+)\}(이|가|을|를|은|는|과|와|으로|로)/gu)) assert.equal(m[1], 'kind', t.ko);
    }
  });

  it('names what was counted', () => {
    assert.deepEqual(countPhrase('petition', 'supports', 50000), { ko: '동의 50,000명', en: '50,000 signatures' });
    assert.equal(countPhrase('question', 'comments', 200).ko, '댓글 200개');
  });

  it('daily reminders and interim-answer requests', () => {
    const answering = walk([
      [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
      [{ type: 'accept', departmentId: 'roads' }, planning, '2026-09-01T11:00:00'],
      [{ type: 'screen', outcome: { kind: 'suitable' } }, planning, '2026-09-02T10:00:00'],
      [{ type: 'open-support' }, system, '2026-09-02T10:00:00'],
      [{ type: 'tier-reached', tier: 'department', count: 50 }, system, '2026-09-10T15:00:00'],
    ]).s;
    // due 2026-10-12 (Mon): 1 working day before is 10-08 (한글날 10-09); 5 before skips the
    // 개천절 substitute holiday 10-05 → 10-01
    const keys = (d: string) => dailyIntents(answering, { title, settings }, d).map((i) => i.template);
    assert.deepEqual(keys('2026-10-01'), ['department.answer-reminder']);
    assert.deepEqual(keys('2026-10-08'), ['department.answer-reminder']);
    assert.deepEqual(keys('2026-10-07'), []);
    assert.deepEqual(keys('2026-10-12'), []);
    assert.deepEqual(keys('2026-10-13'), ['department.interim-required']);
    // then weekly, not daily, until an interim answer is posted
    assert.deepEqual(keys('2026-10-14'), []);
    assert.deepEqual(keys('2026-10-19'), []);
    assert.deepEqual(keys('2026-10-20'), ['department.interim-required']);
    assert.deepEqual(keys('2026-10-27'), ['department.interim-required']);
    const interim = dailyIntents(answering, { title, settings }, '2026-10-13')[0];
    assert.deepEqual(interim.recipients, ['department', 'planning-office']);
  });

  it('the planning office is asked for, and reminded of, the mayor’s answer and any answer with no department assigned', () => {
    const unassigned = walk([
      [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
      [{ type: 'accept' }, system, '2026-09-01T10:00:00'],
      [{ type: 'screen', outcome: { kind: 'suitable' } }, system, '2026-09-01T10:00:00'],
      [{ type: 'open-support' }, system, '2026-09-01T10:00:00'],
      [{ type: 'tier-reached', tier: 'department', count: 50 }, system, '2026-09-10T15:00:00'],
    ]);
    assert.equal(unassigned.s.departmentId, null);
    const to = (x: NotificationIntent[]) =>
      x.filter((i) => i.template.startsWith('department.')).map((i) => `${i.template}>${i.recipients.join('+')}`);
    assert.deepEqual(to(unassigned.intents[4]), ['department.answer-requested>planning-office']);
    assert.deepEqual(to(dailyIntents(unassigned.s, { title, settings }, '2026-10-08')), [
      'department.answer-reminder>planning-office',
    ]);
    assert.deepEqual(to(dailyIntents(unassigned.s, { title, settings }, '2026-10-13')), [
      'department.interim-required>planning-office',
    ]);

    const mayor = walk([
      [{ type: 'submit' }, author, '2026-09-01T10:00:00'],
      [{ type: 'accept', departmentId: 'roads' }, planning, '2026-09-01T11:00:00'],
      [{ type: 'screen', outcome: { kind: 'suitable' } }, planning, '2026-09-02T10:00:00'],
      [{ type: 'open-support' }, system, '2026-09-02T10:00:00'],
      [{ type: 'tier-reached', tier: 'department', count: 50 }, system, '2026-09-10T15:00:00'],
      [{ type: 'tier-reached', tier: 'deliberation', count: 100 }, system, '2026-09-11T15:00:00'],
      [{ type: 'tier-reached', tier: 'mayor', count: 1000 }, system, '2026-09-12T15:00:00'],
    ]);
    assert.deepEqual(mayor.intents.slice(4).map(to), [
      ['department.answer-requested>department'],
      ['department.answer-requested>planning-office'],
      ['department.answer-requested>planning-office'],
    ]);
    // The day after each deadline: the department is asked only about its own tier, the planning office about both.
    const late = mayor.s.tiers
      .filter((t) => t.dueAt)
      .map((t) => {
        const label = settings.tiers.find((x) => x.key === t.key)!.label;
        const asked = dailyIntents(mayor.s, { title, settings }, addDays(lastDayOf(t.dueAt!), 1)).filter(
          (i) => i.template === 'department.interim-required' && i.params.tier === label,
        );
        return `${t.key}:${asked.map((i) => i.recipients.join('+')).join()}`;
      });
    assert.deepEqual(late, ['department:department+planning-office', 'mayor:planning-office']);
  });
});

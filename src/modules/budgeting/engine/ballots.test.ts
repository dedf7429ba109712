import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePb } from './pbfile.ts';
import { applyBallotRules, ballotProblems, constraintsFromMeta } from './ballots.ts';
import { runRule } from './rules.ts';
import { rat } from './rational.ts';

const file = `META
key;value
budget;100
vote_type;cumulative
rule;greedy
min_length;1
max_length;3
max_sum_cost;60
max_sum_points;10
max_points;6
max_length_per_category;green:1
PROJECTS
project_id;cost;category
a;20;green
b;30;green
c;25;roads
d;10;roads
VOTES
voter_id;vote;points
ok;a,c;5,5
toomany;a,c,d,b;3,3,2,2
costly;c,b,d;4,4,2
greens;a,b;5,5
points;a,c,d;6,3,3
overone;a,d;7,3
empty;;
`;

describe('ballot constraints', () => {
  const pb = parsePb(file);
  const c = constraintsFromMeta(pb);
  const projects = new Map(pb.projects.map((p) => [p.id, p]));
  it('reads the limits from META', () => {
    assert.deepEqual(c, {
      minLength: 1,
      maxLength: 3,
      maxSumCost: rat(60),
      maxSumPoints: 10,
      maxPoints: 6,
      perCategory: { green: { maxLength: 1 } },
    });
  });
  it('names every broken rule', () => {
    const codes = (id: string) =>
      ballotProblems(pb.votes.find((v) => v.voterId === id)!, projects, c).map((p) => p.code);
    assert.deepEqual(codes('ok'), []);
    assert.deepEqual(codes('toomany'), ['too-many', 'cost-too-high', 'category-too-many']);
    assert.deepEqual(codes('costly'), ['cost-too-high']);
    assert.deepEqual(codes('greens'), ['category-too-many']);
    assert.deepEqual(codes('points'), ['points-too-many']);
    assert.deepEqual(codes('overone'), ['points-out-of-range']);
    assert.deepEqual(codes('empty'), ['too-few']);
  });
  it('void: the whole ballot is dropped (Seoul 2014)', () => {
    const r = applyBallotRules(pb, c, 'void');
    assert.deepEqual(
      r.file.votes.map((v) => v.voterId),
      ['ok'],
    );
    assert.equal(r.report.voided.length, 6);
  });
  it('drop-excess: the ballot is cut after the last project that still fits', () => {
    const r = applyBallotRules(pb, c, 'drop-excess');
    const kept = Object.fromEntries(r.file.votes.map((v) => [v.voterId, v.projects.join(',')]));
    assert.deepEqual(kept, { ok: 'a,c', toomany: 'a,c,d', costly: 'c,b', greens: 'a', points: 'a,c' });
    assert.deepEqual(
      r.report.voided.map((v) => v.voterId),
      ['overone', 'empty'],
    );
    assert.deepEqual(r.report.trimmed.find((t) => t.voterId === 'toomany')!.dropped, ['b']);
  });
  it('the policy is a setting of the rule run', () => {
    assert.equal(runRule(pb, 'greedy').ballots!.valid, 1);
    assert.equal(runRule(pb, 'greedy', { invalidBallots: 'count-all' }).election.numVoters, 7);
    assert.equal(runRule(pb, 'greedy', { invalidBallots: 'drop-excess' }).election.numVoters, 5);
  });
});

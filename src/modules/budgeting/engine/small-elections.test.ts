// Small elections of our own (testdata/*.pb, hand-written), with outcomes worked out by hand below, so that
// `npm test` checks greedy, equal shares (MES), Add1 and greedy completion without any outside file. The engine
// is also checked against real Pabulib elections: `npm run test:elections` (*.elections.test.ts, PABULIB_DIR).
//
// Conventions used in the hand calculations: MES with cost utilities, so a project bought by supporters who all
// pay the same amount has ρ = 1/|supporters| (each pays cost/|S|), and the lowest ρ is bought first; a project
// whose supporters cannot together pay its cost is out. Ties: cheaper first, then more votes, then file order.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parsePb, writePb } from './pbfile.ts';
import { buildElection } from './election.ts';
import { mesInstance, runMes } from './mes.ts';
import { mesAdd1 } from './completion.ts';
import { runRule } from './rules.ts';
import { explain } from './explain.ts';
import { pbCommand } from './cli.ts';
import { rat } from './rational.ts';

const path = (name: string): string => new URL(`./testdata/${name}`, import.meta.url).pathname;
const load = (name: string) => parsePb(readFileSync(path(name), 'utf8'));
const ids = (o: { selected: number[]; election: { ids: string[] } }): string[] =>
  o.selected.map((p) => o.election.ids[p]);

describe('greedy-skip.pb: budget 100; a 60 (7 votes), b 50 (6), c 30 (4), d 20 (2)', () => {
  const pb = load('greedy-skip.pb');
  it('greedy takes a (40 left), skips b (50 > 40), takes c (10 left), skips d: [a, c] for 90', () => {
    const o = runRule(pb, 'greedy');
    assert.deepEqual([ids(o), o.cost], [['a', 'c'], 90n]);
  });
  it('greedy-no-skip stops at b, the first project that does not fit: [a] for 60', () => {
    const o = runRule(pb, 'greedy-no-skip');
    assert.deepEqual([ids(o), o.cost], [['a'], 60n]);
  });
  it('the explanation gives each project its rank, verdict and the budget left when it was reached', () => {
    const x = Object.fromEntries(explain(runRule(pb, 'greedy')).projects.map((p) => [p.id, p.greedy]));
    assert.deepEqual(
      ['a', 'b', 'c', 'd'].map((id) => [x[id]?.rank, x[id]?.verdict, x[id]?.budgetLeft.exact]),
      [
        [1, 'funded', '100'],
        [2, 'does-not-fit', '40'],
        [3, 'funded', '40'],
        [4, 'does-not-fit', '10'],
      ],
    );
  });
  it('reads back exactly: the votes column agrees with the ballots and writePb round-trips', () => {
    assert.deepEqual(buildElection(pb).votes, [7, 6, 4, 2]);
    assert.deepEqual(parsePb(writePb(pb)), pb);
  });
});

describe('majority-minority.pb: budget 100, 10 voters (10 each); 7 approve m1 40, m2 41, m3 42; 3 approve n1 30', () => {
  const pb = load('majority-minority.pb');
  it('greedy funds the majority only: m1, m2 (81), then neither m3 (42) nor n1 (30) fits in 19', () => {
    const o = runRule(pb, 'greedy');
    assert.deepEqual([ids(o), o.cost], [['m1', 'm2'], 81n]);
  });
  it('equal shares: m1 first (ρ 1/7, cheapest of three ties); the seven keep 30 < 41, the three pay 10 each for n1', () => {
    const o = runRule(pb, 'mes');
    assert.deepEqual([ids(o), o.cost], [['m1', 'n1'], 70n]);
  });
  it('Add1: at 11 each the seven keep 37 < 41 (same outcome); at 12 they keep 44, buy m2 too, 111 > 100: ends at 11', () => {
    const e = buildElection(pb);
    const a = mesAdd1(mesInstance(e));
    assert.deepEqual(
      [a.run.b0, a.iterations, a.run.selected.map((p) => e.ids[p]), a.run.cost],
      [rat(11), 3, ['m1', 'n1'], 70n],
    );
    // Completion adds nothing: 30 left, and m2 (41), m3 (42) do not fit.
    const c = runRule(pb, 'mes-add1', { greedyCompletion: true });
    assert.deepEqual([ids(c), c.cost], [['m1', 'n1'], 70n]);
  });
});

describe('add1-continues.pb: budget 20, 4 voters; p 12 (v0 v1 v2), q 8 (v2 v3), r 6 (v3)', () => {
  const pb = load('add1-continues.pb');
  const e = buildElection(pb);
  const inst = mesInstance(e);
  it('MES at 5 each: p (ρ 1/3, 4 each); then q has only 1 + 5 = 6 < 8 and r 5 < 6: [p] for 12', () => {
    const r = runMes(inst);
    assert.deepEqual([r.selected.map((p) => e.ids[p]), r.cost], [['p'], 12n]);
  });
  it('Add1: at 6 q is bought (v2 pays 2, v3 6) and the outcome spends all 20; 7, 8, 9 keep [p, q]; at 10 v3 also buys r (26 > 20)', () => {
    const a = mesAdd1(inst);
    assert.deepEqual(
      [a.run.b0, a.iterations, a.run.selected.map((p) => e.ids[p]), a.run.cost],
      [rat(9), 6, ['p', 'q'], 20n],
    );
    // Stopping at the first exhaustive outcome (the other reading of Add1) ends at 6 with the same projects.
    const s = mesAdd1(inst, { stopWhenExhaustive: true });
    assert.deepEqual([s.run.b0, s.iterations, s.run.selected.map((p) => e.ids[p])], [rat(6), 2, ['p', 'q']]);
  });
  it('the META rule equalshares/add1 gives the same outcome as greedy here: [p, q] for 20', () => {
    assert.deepEqual(ids(runRule(pb, 'mes-add1')), ['p', 'q']);
    assert.deepEqual(ids(runRule(pb, 'greedy')), ['p', 'q']);
  });
});

describe('add1-completion.pb: budget 10, 4 voters; a 4 (v0 v1), b 7 (v2 v3), c 2 (v3), d 3 (v0)', () => {
  const pb = load('add1-completion.pb');
  const e = buildElection(pb);
  it('MES at 2.5 each: a (2 each, ρ 1/2), then c (v3 pays 2); b gets 2.5 + 0.5 < 7, d gets 0.5 < 3: [a, c] for 6', () => {
    assert.deepEqual(ids(runRule(pb, 'mes')), ['a', 'c']);
  });
  it('Add1 from 2: at 3 still [a, c]; at 4 b costs 3.5 each and is bought after a (equal ρ, a is cheaper): 11 > 10, ends at 3', () => {
    const a = mesAdd1(mesInstance(e));
    assert.deepEqual(
      [a.run.b0, a.iterations, a.run.selected.map((p) => e.ids[p]), a.run.cost],
      [rat(3), 3, ['a', 'c'], 6n],
    );
  });
  it('greedy completion by votes spends what Add1 left (4): b (7) does not fit, d (3) does: [a, c, d] for 9', () => {
    const o = runRule(pb, 'mes-add1', { greedyCompletion: true });
    assert.deepEqual([ids(o), o.cost], [['a', 'c', 'd'], 9n]);
  });
  it('greedy: a (6 left), b does not fit, c (4 left), d (1 left); no-skip stops at b', () => {
    assert.deepEqual(ids(runRule(pb, 'greedy')), ['a', 'c', 'd']);
    assert.deepEqual(ids(runRule(pb, 'greedy-no-skip')), ['a']);
  });
});

describe('madang pb on our own files', () => {
  it('auto uses the META rule and prints the fixed JSON shape on one line', async () => {
    const r = await pbCommand([path('greedy-skip.pb')]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out.trim().split('\n').length, 1);
    assert.deepEqual(JSON.parse(r.out), { rule: 'greedy', selected: ['a', 'c'], cost: 90, budget: 100 });
  });
  it('--rule overrides; --greedy-completion completes; --explain explains every project', async () => {
    assert.deepEqual(JSON.parse((await pbCommand([path('greedy-skip.pb'), '--rule', 'greedy-no-skip'])).out).selected, [
      'a',
    ]);
    assert.deepEqual(JSON.parse((await pbCommand(['--rule=mes', path('majority-minority.pb')])).out).selected, [
      'm1',
      'n1',
    ]);
    const auto = JSON.parse((await pbCommand([path('add1-completion.pb')])).out);
    assert.deepEqual([auto.rule, auto.selected, auto.cost], ['mes-add1', ['a', 'c'], 6]);
    assert.deepEqual(JSON.parse((await pbCommand([path('add1-completion.pb'), '--greedy-completion'])).out).selected, [
      'a',
      'c',
      'd',
    ]);
    const x = JSON.parse((await pbCommand([path('greedy-skip.pb'), '--explain'])).out);
    assert.deepEqual(
      x.explain.projects.map((p: { id: string; reason: string }) => [p.id, p.reason]),
      [
        ['a', 'Funded: ranked #1 by votes; 100 was left when the count reached it, and it costs 60.'],
        ['c', 'Funded: ranked #3 by votes; 40 was left when the count reached it, and it costs 30.'],
        ['b', 'Not funded: ranked #2 by votes, it costs 50 but only 40 was left.'],
        ['d', 'Not funded: ranked #4 by votes, it costs 20 but only 10 was left.'],
      ],
    );
  });
  it('exit code 2 on an unknown rule', async () => {
    assert.equal((await pbCommand([path('greedy-skip.pb'), '--rule', 'phragmen'])).code, 2);
  });
});

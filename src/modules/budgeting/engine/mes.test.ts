// MES on instances with known outcomes (anchors-algorithms.md §1.5) and its explanations.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tinyPb } from './fixtures.ts';
import { parsePb } from './pbfile.ts';
import { buildElection } from './election.ts';
import { mesInstance, runMes, type Utility } from './mes.ts';
import { greedyCompletion, mesAdd1 } from './completion.ts';
import { runOnElection } from './rules.ts';
import { explain } from './explain.ts';
import { add, rat, toDecimalString, type Rational } from './rational.ts';

const rep = (b: string[], k: number): string[][] => Array.from({ length: k }, () => b);

function mes(text: string, utility: Utility = 'cost'): string[] {
  const e = buildElection(parsePb(text));
  return runMes(mesInstance(e, utility)).selected.map((p) => e.ids[p]);
}

// equalshares.net explanation page: 11 voters, budget 1100.
const bike = { bike: 700, gym: 400, park: 250, playground: 200, library: 100 };
function esnExample(voter11: string): string[][] {
  const v: string[][] = Array.from({ length: 11 }, () => []);
  const add1 = (p: string, who: number[]) => who.forEach((i) => v[i - 1].push(p));
  add1('bike', [1, 2, 3, 4, 5, 6, ...(voter11 === 'bike' ? [11] : [])]);
  add1('gym', [1, 2, 3, 4, 5, 6, ...(voter11 === 'gym' ? [11] : [])]);
  add1('park', [2, 4, 5, 7, 10]);
  add1('playground', [7, 8, 9, 10]);
  add1('library', [7, 9, 10]);
  return v;
}

describe('MES known outcomes', () => {
  it('equalshares.net example 1: bike, playground, library; example 2: gym, park, playground', () => {
    assert.deepEqual(mes(tinyPb(bike, 1100, esnExample('bike'))), ['bike', 'playground', 'library']);
    assert.deepEqual(mes(tinyPb(bike, 1100, esnExample('gym'))), ['gym', 'park', 'playground']);
  });
  it('example 2 payments are exact: the park costs 300/7 + ... and sums to its cost', () => {
    const e = buildElection(parsePb(tinyPb(bike, 1100, esnExample('gym'))));
    const o = runOnElection(e, 'mes');
    const x = explain(o).projects.find((p) => p.id === 'playground')!;
    let total: Rational = rat(0n);
    for (const line of x.mes!.payments!) {
      const [n, d] = line.amount.exact.split('/');
      total = add(total, rat(BigInt(n) * BigInt(line.voters), BigInt(d ?? '1')));
    }
    assert.equal(toDecimalString(total), '200');
    assert.ok(x.reason.includes('round 3'));
  });
  it('pabutools AppEx_2: cardinality [p0,p1,p3], cost [p0,p2]', () => {
    const t = tinyPb({ p0: 1, p1: 0.9, p2: 2, p3: 1.09 }, 4, [['p0'], ['p1', 'p2', 'p3'], ['p1', 'p2', 'p3'], ['p2']]);
    assert.deepEqual(mes(t, 'cardinality').sort(), ['p0', 'p1', 'p3']);
    assert.deepEqual(mes(t, 'cost').sort(), ['p0', 'p2']);
  });
  it('AppEx_3: zero-approval projects change nothing', () => {
    const t = tinyPb({ p0: 1, p1: 0.9, p2: 2, p3: 1.09, p4: 1.09, p5: 1.09 }, 4, [
      ['p0'],
      ['p1', 'p2', 'p3'],
      ['p1', 'p2', 'p3'],
      ['p2'],
    ]);
    assert.deepEqual(mes(t, 'cardinality').sort(), ['p0', 'p1', 'p3']);
    assert.deepEqual(mes(t, 'cost').sort(), ['p0', 'p2']);
  });
  it('AppEx_4: a free project has no cost utility, so MES cost is empty; cardinality buys it', () => {
    const t = tinyPb({ p0: 0, p1: 1, p2: 2 }, 2, [['p0'], ['p0', 'p1', 'p2'], ['p2']]);
    assert.deepEqual(mes(t, 'cost'), []);
    assert.deepEqual(mes(t, 'cardinality'), ['p0']);
  });
  it('Lackner & Skowron running example: MES gives [a]', () => {
    const costs = { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 };
    const ballots = [
      ...rep(['a', 'b'], 3),
      ...rep(['a', 'c'], 3),
      ...rep(['a', 'd'], 2),
      ['b', 'c', 'f'],
      ['e'],
      ['f'],
      ['g'],
    ];
    for (const u of ['cost', 'cardinality'] as const) assert.deepEqual(mes(tinyPb(costs, 4, ballots), u), ['a']);
  });
  it('pabutools test_completion: MES [a]; greedy completion by votes with our tie-breaking', () => {
    const e = buildElection(
      parsePb(
        tinyPb({ a: 1, b: 2, c: 2, d: 1, e: 1, f: 1 }, 5, [
          ...rep(['a', 'b'], 2),
          ['a'],
          ...rep(['a', 'c'], 3),
          ...rep(['a', 'd'], 2),
          ['f'],
          ['e'],
        ]),
      ),
    );
    const inst = mesInstance(e);
    const r = runMes(inst);
    assert.deepEqual(
      r.selected.map((p) => e.ids[p]),
      ['a'],
    );
    // After a (4 left): c (3 votes), then b and d tie on 2 votes; the cheaper d goes first,
    // b no longer fits, e (1 vote) does. pabutools breaks the b/d tie by name and gets [a,b,c].
    assert.deepEqual(
      greedyCompletion(inst, r.selected).selected.map((p) => e.ids[p]),
      ['a', 'c', 'd', 'e'],
    );
  });
});

describe('tie-breaking (equalshares.net tie-breaking page)', () => {
  it('equal price per supporter: the cheaper project wins', () => {
    // Both cost 6/7 of what their 2 supporters can pay equally... same rho = 1/2.
    const e = buildElection(
      parsePb(
        tinyPb({ p1: 600, p2: 700 }, 700, [
          ['p1', 'p2'],
          ['p1', 'p2'],
        ]),
      ),
    );
    assert.deepEqual(
      runMes(mesInstance(e)).selected.map((p) => e.ids[p]),
      ['p1'],
    );
  });
  it('equal cost and price: more votes wins, then the lot (tieOrder), else file order', () => {
    const ballots = [['a', 'b', 'c'], ['a', 'b', 'c'], ['b']];
    const e = buildElection(parsePb(tinyPb({ a: 2, b: 3, c: 2 }, 3, ballots)));
    const inst = mesInstance(e, 'cardinality');
    // a and c: both 2 supporters with rho = 1; b: 3 supporters, rho = 1. Cost decides: a or c.
    assert.deepEqual(
      runMes(inst).selected.map((p) => e.ids[p]),
      ['a'],
    );
    assert.deepEqual(
      runMes(inst, { tieOrder: ['c', 'a', 'b'] }).selected.map((p) => e.ids[p]),
      ['c'],
    );
  });
});

describe('Add1', () => {
  it('pabutools iterated exhaustion instance reaches [a,b,c,d] on the exact grid', () => {
    const costs = { a: 1, b: 1, c: 1, d: 1, e: 1, f: 1, g: 1 };
    const ballots = [
      ...rep(['a', 'b'], 3),
      ...rep(['a', 'c'], 3),
      ...rep(['a', 'd'], 2),
      ['b', 'c', 'f'],
      ['e'],
      ['f'],
      ['g'],
    ];
    const e = buildElection(parsePb(tinyPb(costs, 4, ballots)));
    const r = mesAdd1(mesInstance(e), { grid: 'exact', increment: rat(1, 24) });
    assert.deepEqual(r.run.selected.map((p) => e.ids[p]).sort(), ['a', 'b', 'c', 'd']);
  });
});

// Property tests on random instances: budget never exceeded, MES independent of voter
// order, greedy with cost utilities = "sort by votes, skip", and the fast MES (doubles with
// exact fallback) equal to a plain exact-fraction MES written from the definition.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { tinyPb } from './fixtures.ts';
import { parsePb } from './pbfile.ts';
import { buildElection, tieBreaker, type Election } from './election.ts';
import { greedy } from './greedy.ts';
import { mesInstance, runMes, type Utility } from './mes.ts';
import { mesAdd1 } from './completion.ts';
import { RULES, runOnElection } from './rules.ts';
import { add, cmp, div, mul, rat, sub, type Rational } from './rational.ts';

interface Inst {
  costs: number[];
  budget: number;
  ballots: number[][];
}

const instance = fc
  .record({
    costs: fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 7 }),
    budget: fc.integer({ min: 1, max: 80 }),
    voters: fc.array(fc.array(fc.nat(6), { maxLength: 5 }), { minLength: 1, maxLength: 14 }),
  })
  .map(
    ({ costs, budget, voters }): Inst => ({
      costs,
      budget,
      ballots: voters.map((b) => [...new Set(b.filter((p) => p < costs.length))]),
    }),
  );

function toText(x: Inst, order?: number[]): string {
  const costs = Object.fromEntries(x.costs.map((c, i) => [`p${i}`, c]));
  const ballots = (order ?? x.ballots.map((_, i) => i)).map((i) => x.ballots[i].map((p) => `p${p}`));
  return tinyPb(costs, x.budget, ballots);
}

const elect = (x: Inst, order?: number[]): Election => buildElection(parsePb(toText(x, order)));
const names = (e: Election, ps: number[]): string[] => ps.map((p) => e.ids[p]);

/** MES straight from the definition, every voter separately, exact fractions only. */
function referenceMes(e: Election, utility: Utility, perVoter?: Rational): number[] {
  const n = e.numVoters;
  const voters: { items: number[] }[] = [];
  for (let v = 0; v < n; v++) voters.push(e.groups[e.voterGroup[v]]);
  const util = (v: number, p: number): bigint =>
    voters[v].items.includes(p) ? (utility === 'cost' ? e.costs[p] : 1n) : 0n;
  const b: Rational[] = Array.from({ length: n }, () => perVoter ?? rat(e.budget, BigInt(n)));
  const tie = tieBreaker(e);
  let remaining = e.ids
    .map((_, p) => p)
    .filter(
      (p) => e.costs[p] > 0n && e.costs[p] <= e.budget && e.votes[p] > 0 && (utility !== 'cost' || e.costs[p] > 0n),
    );
  const chosen: number[] = [];
  for (;;) {
    let best = -1;
    let bestRho: Rational | null = null;
    const keep: number[] = [];
    for (const p of remaining) {
      const sup = voters.map((_, v) => v).filter((v) => util(v, p) > 0n);
      const money = sup.reduce((s, v) => add(s, b[v]), rat(0n));
      if (cmp(money, rat(e.costs[p])) < 0) continue;
      keep.push(p);
      sup.sort((x, y) => cmp(div(b[x], rat(util(x, p))), div(b[y], rat(util(y, p)))));
      let paid = rat(0n);
      let den = sup.reduce((s, v) => s + util(v, p), 0n);
      let rho = rat(0n);
      for (const v of sup) {
        rho = div(sub(rat(e.costs[p]), paid), rat(den));
        if (cmp(mul(rho, rat(util(v, p))), b[v]) <= 0) break;
        paid = add(paid, b[v]);
        den -= util(v, p);
      }
      if (bestRho === null || cmp(rho, bestRho) < 0 || (cmp(rho, bestRho) === 0 && tie(p, best) < 0)) {
        best = p;
        bestRho = rho;
      }
    }
    if (best < 0) return chosen;
    for (let v = 0; v < n; v++) {
      const due = mul(bestRho!, rat(util(v, best)));
      b[v] = cmp(due, b[v]) >= 0 ? rat(0n) : sub(b[v], due);
    }
    chosen.push(best);
    remaining = keep.filter((p) => p !== best);
  }
}

describe('properties on random instances', () => {
  it('no rule ever exceeds the budget', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const e = elect(x);
        for (const rule of RULES) {
          const o = runOnElection(e, rule, { threshold: 1 });
          assert.ok(o.cost <= e.budget, `${rule} spent ${o.cost} of ${e.budget}`);
          assert.equal(
            o.cost,
            o.selected.reduce((s, p) => s + e.costs[p], 0n),
          );
          assert.equal(new Set(o.selected).size, o.selected.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('MES outcomes do not depend on the order of voters', () => {
    fc.assert(
      fc.property(
        instance.chain((x) =>
          fc.tuple(
            fc.constant(x),
            fc.shuffledSubarray(
              x.ballots.map((_, i) => i),
              { minLength: x.ballots.length },
            ),
          ),
        ),
        ([x, order]) => {
          const a = elect(x);
          const b = elect(x, order);
          for (const u of ['cost', 'cardinality'] as const) {
            assert.deepEqual(
              names(a, runMes(mesInstance(a, u)).selected),
              names(b, runMes(mesInstance(b, u)).selected),
            );
            assert.deepEqual(
              names(a, mesAdd1(mesInstance(a, u)).run.selected),
              names(b, mesAdd1(mesInstance(b, u)).run.selected),
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('greedy with cost utilities equals "sort by votes, skip what does not fit"', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const e = elect(x);
        const tie = tieBreaker(e);
        const order = e.ids.map((_, p) => p).sort((p, q) => e.votes[q] - e.votes[p] || tie(p, q));
        let left = e.budget;
        const expected: number[] = [];
        for (const p of order)
          if (e.votes[p] > 0 && e.costs[p] <= left) {
            expected.push(p);
            left -= e.costs[p];
          }
        assert.deepEqual(greedy(e, { key: 'cost-welfare' }).selected, expected);
      }),
      { numRuns: 300 },
    );
  });

  it('fast MES equals exact-fraction MES from the definition (cost and cardinality, several per-voter budgets)', () => {
    fc.assert(
      fc.property(instance, fc.integer({ min: 0, max: 6 }), (x, extra) => {
        const e = elect(x);
        for (const u of ['cost', 'cardinality'] as const) {
          const perVoter = add(rat(e.budget, BigInt(e.numVoters)), rat(extra, 2));
          assert.deepEqual(runMes(mesInstance(e, u), { perVoter }).selected, referenceMes(e, u, perVoter));
        }
      }),
      { numRuns: 400 },
    );
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readShared } from './fixtures.ts';
import { parsePb } from './pbfile.ts';
import { runRule } from './rules.ts';
import { explain } from './explain.ts';
import { add, rat, type Rational } from './rational.ts';

const parse = (s: string): Rational => {
  const [n, d] = s.split('/');
  if (n.includes('.')) {
    const [i, f] = n.split('.');
    return rat(BigInt(i + f), 10n ** BigInt(f.length));
  }
  return rat(BigInt(n), BigInt(d ?? '1'));
};

describe('explanations', () => {
  it('Wieliczka: every funded project is paid exactly by its supporters; every other one says why', () => {
    const o = runRule(parsePb(readShared('Poland_Wieliczka_2023_Green_Budget.pb')), 'mes-add1-comparison');
    const x = explain(o);
    assert.equal(x.perVoterBudget?.exact, '315');
    assert.equal(x.comparison?.kept, 'mes');
    assert.equal(x.projects.filter((p) => p.selected).length, 30);
    for (const p of x.projects) {
      assert.ok(p.reason.length > 0);
      if (p.selected) {
        let total = rat(0n);
        let voters = 0;
        for (const line of p.mes!.payments!) {
          total = add(total, rat(parse(line.amount.exact).n * BigInt(line.voters), parse(line.amount.exact).d));
          voters += line.voters;
        }
        assert.deepEqual(total, parse(p.cost.exact), `payments for ${p.id}`);
        assert.ok(voters <= p.votes);
      } else {
        assert.ok(p.mes?.supportersMoney, p.id);
        assert.ok(
          parse(p.mes!.supportersMoney!.exact).n * parse(p.cost.exact).d <
            parse(p.cost.exact).n * parse(p.mes!.supportersMoney!.exact).d,
        );
      }
    }
  });
  it('greedy: rank and the budget left when reached', () => {
    const x = explain(runRule(parsePb(readShared('Poland_Wroclaw_2017_Rejon_nr_11_750.pb')), 'greedy-no-skip'));
    const byId = Object.fromEntries(x.projects.map((p) => [p.id, p]));
    assert.equal(byId['150'].stage, 'ineligible');
    assert.match(byId['150'].reason, /more than the whole budget/);
    assert.deepEqual([byId['425'].greedy?.rank, byId['425'].greedy?.budgetLeft.exact], [1, '750000']);
    assert.equal(byId['571'].greedy?.verdict, 'does-not-fit');
    assert.equal(byId['571'].greedy?.budgetLeft.exact, '0');
  });
});

// The nine official outcomes of shared/data/pabulib/README.md, reproduced exactly, plus the
// nuances the README documents (Wieliczka per-voter budgets, Assen without completion).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readShared } from './fixtures.ts';
import { parsePb } from './pbfile.ts';
import { buildElection } from './election.ts';
import { ruleFromMeta, runRule, type RuleName } from './rules.ts';
import { mesInstance, runMes } from './mes.ts';
import { mesAdd1 } from './completion.ts';
import { greedy } from './greedy.ts';
import { rat } from './rational.ts';

const EXPECTED: { file: string; rule: RuleName; cost: number; selected: string }[] = [
  {
    file: 'Poland_Wieliczka_2023_Green_Budget.pb',
    rule: 'mes-add1-comparison',
    cost: 995079,
    selected: '24,41,40,74,19,6,32,39,58,42,25,43,20,60,29,33,17,70,34,9,26,71,88,36,62,61,7,46,56,69',
  },
  {
    file: 'Poland_Swiecie_2023.pb',
    rule: 'mes-add1',
    cost: 1040337,
    selected: 'c1,c2,c3,c4,c5,c7,c9,c10,c11,c12,c13,c14,c17,c18,c19,c20,c21',
  },
  { file: 'Netherlands_Assen_2024.pb', rule: 'mes-add1', cost: 76700, selected: '3,9,2,11,13,14,5,6,12' },
  {
    file: 'Poland_Warszawa_2017_Marymont-Potok-Zoliborz_Dziennikarski.pb',
    rule: 'greedy',
    cost: 422625,
    selected: '2110,619,1134,2048,2174,694,1133,1660,2051,2053,2123,868',
  },
  {
    file: 'Poland_Warszawa_2021_Ursus.pb',
    rule: 'greedy',
    cost: 1994259,
    selected: '1646,1657,714,1681,545,1618,1632,2199,598,285,1325,240,712,288,2147,221,314,1092,250,2235,296,2111',
  },
  {
    file: 'Poland_Czestochowa_2024_Trzech_Wieszczow.pb',
    rule: 'greedy',
    cost: 242400,
    selected: '356,195,73,154,669,390',
  },
  { file: 'Poland_Czestochowa_2025_Grabowka.pb', rule: 'greedy-threshold', cost: 254600, selected: '186,543,38,187' },
  { file: 'Poland_Krakow_2021_Bienczyce.pb', rule: 'greedy', cost: 1219597, selected: '4,6,10,5,8,34,11,27' },
  { file: 'Poland_Wroclaw_2017_Rejon_nr_11_750.pb', rule: 'greedy-no-skip', cost: 750000, selected: '425' },
];

const sorted = (xs: string[]): string[] => [...xs].sort();

describe('official outcomes of real elections', () => {
  for (const x of EXPECTED) {
    it(`${x.file} (${x.rule})`, () => {
      const pb = parsePb(readShared(x.file));
      assert.equal(ruleFromMeta(pb.rule), x.rule, 'META rule maps to the rule that reproduces it');
      const o = runRule(pb, x.rule);
      const ids = o.selected.map((p) => o.election.ids[p]);
      assert.deepEqual(sorted(ids), sorted(x.selected.split(',')));
      assert.deepEqual(sorted(ids), sorted(pb.projects.filter((p) => p.selected === 1).map((p) => p.id)));
      assert.equal(o.cost, BigInt(x.cost));
      assert.equal(o.ballots?.voided.length, 0, 'no official ballot breaks the META limits');
    });
  }
  it('greedy outcomes come out in ranking order', () => {
    for (const x of EXPECTED.filter((e) => e.rule.startsWith('greedy'))) {
      const o = runRule(parsePb(readShared(x.file)), x.rule);
      assert.deepEqual(
        o.selected.map((p) => o.election.ids[p]),
        x.selected.split(','),
      );
    }
  });
});

describe('Wieliczka 2023 nuances (README)', () => {
  const e = buildElection(parsePb(readShared('Poland_Wieliczka_2023_Green_Budget.pb')));
  const inst = mesInstance(e);
  it('per-voter budgets 300..316 give the documented outcomes', () => {
    const at = (b: number) => runMes(inst, { perVoter: rat(b) });
    assert.deepEqual([at(300).selected.length, at(300).cost], [30, 934579n]);
    assert.deepEqual([at(302).selected.length, at(302).cost], [31, 984579n]);
    for (const b of [310, 313, 315]) assert.deepEqual([at(b).selected.length, at(b).cost], [30, 995079n]);
    assert.deepEqual([at(316).selected.length, at(316).cost], [31, 1045079n]);
  });
  it('MES alone spends 450 548 on 21 projects', () => {
    const r = runMes(inst);
    assert.deepEqual([r.selected.length, r.cost], [21, 450548n]);
  });
  it('Add1 on the integral grid ends at 315 and runs MES 166 times', () => {
    const a = mesAdd1(inst);
    assert.deepEqual(a.run.b0, rat(315));
    assert.equal(a.iterations, 166);
  });
  it('stopping at the first exhaustive outcome gives the other, unofficial result', () => {
    const a = mesAdd1(inst, { stopWhenExhaustive: true });
    assert.deepEqual([a.run.b0, a.run.selected.length, a.run.cost], [rat(302), 31, 984579n]);
  });
  it('greedy by votes gives 23 projects for 998 997 and the comparison keeps MES', () => {
    const g = greedy(e, { key: 'votes' });
    assert.deepEqual([g.selected.length, g.cost], [23, 998997n]);
    const o = runRule(parsePb(readShared('Poland_Wieliczka_2023_Green_Budget.pb')), 'mes-add1-comparison');
    assert.equal(o.comparison?.winner, 'mes');
    assert.ok(o.comparison!.prefersMes >= o.comparison!.prefersGreedy);
  });
});

describe('Świecie 2023 and Assen 2024 nuances', () => {
  it('Świecie: every grid gives the official set; integral ends at 662, exact at B/n + 226 (first exhaustive) or + 242 (continuing)', () => {
    const pb = parsePb(readShared('Poland_Swiecie_2023.pb'));
    const official = sorted(pb.projects.filter((p) => p.selected === 1).map((p) => p.id));
    const inst = mesInstance(buildElection(pb));
    const integral = mesAdd1(inst, { grid: 'integral' });
    const exact = mesAdd1(inst, { grid: 'exact' });
    const exactStop = mesAdd1(inst, { grid: 'exact', stopWhenExhaustive: true });
    assert.deepEqual(integral.run.b0, rat(662));
    // The README's "B/n + 226" is where the outcome first becomes exhaustive; continuing
    // while within budget goes on to B/n + 242 with the same projects (+243 is over budget).
    assert.deepEqual(exactStop.run.b0, rat(1070000n + 226n * 2553n, 2553n));
    assert.deepEqual(exact.run.b0, rat(1070000n + 242n * 2553n, 2553n));
    for (const a of [integral, exact, exactStop])
      assert.deepEqual(sorted(a.run.selected.map((p) => inst.e.ids[p])), official);
  });
  it('Assen: MES alone 7 projects (60 700), greedy 7 (99 200), Add1 ends at 2033, greedy completion would add a 10th', () => {
    const pb = parsePb(readShared('Netherlands_Assen_2024.pb'));
    const e = buildElection(pb);
    const inst = mesInstance(e);
    const alone = runMes(inst);
    assert.deepEqual([alone.selected.length, alone.cost], [7, 60700n]);
    const g = greedy(e);
    assert.deepEqual([g.selected.length, g.cost], [7, 99200n]);
    assert.deepEqual(mesAdd1(inst).run.b0, rat(2033));
    const completed = runRule(pb, 'mes-add1', { greedyCompletion: true });
    assert.deepEqual([completed.selected.length, completed.cost], [10, 88700n]);
    const exact = mesAdd1(inst, { grid: 'exact' });
    assert.equal(exact.run.cost, 76700n);
  });
});

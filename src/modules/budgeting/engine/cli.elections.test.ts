// `madang pb` on real Pabulib files (npm run test:elections, PABULIB_DIR).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pbCommand } from './cli.ts';
import { pabulibDir } from './fixtures.ts';

const shared = (name: string): string => join(pabulibDir(), name);

describe('madang pb on real elections', () => {
  it('auto uses the META rule and prints the fixed JSON shape', async () => {
    const r = await pbCommand([shared('Poland_Wieliczka_2023_Green_Budget.pb')]);
    assert.equal(r.code, 0, r.err);
    const j = JSON.parse(r.out);
    assert.deepEqual(Object.keys(j), ['rule', 'selected', 'cost', 'budget']);
    assert.equal(j.rule, 'mes-add1-comparison');
    assert.equal(j.selected.length, 30);
    assert.equal(j.cost, 995079);
    assert.equal(j.budget, 1000000);
    assert.equal(r.out.trim().split('\n').length, 1);
  });
  it('--rule overrides, in the order chosen', async () => {
    const r = await pbCommand([shared('Poland_Wroclaw_2017_Rejon_nr_11_750.pb'), '--rule', 'greedy']);
    assert.deepEqual(JSON.parse(r.out), { rule: 'greedy', selected: ['425'], cost: 750000, budget: 750000 });
    const m = await pbCommand(['--rule=mes', shared('Netherlands_Assen_2024.pb')]);
    assert.deepEqual(JSON.parse(m.out).selected, ['3', '9', '2', '13', '11', '14', '12']);
  });
  it('--explain adds an explanation for every project', async () => {
    const r = await pbCommand([shared('Poland_Krakow_2021_Bienczyce.pb'), '--explain']);
    const j = JSON.parse(r.out);
    assert.equal(j.explain.projects.length, 24);
    const first = j.explain.projects[0];
    assert.equal(first.id, '4');
    assert.equal(first.greedy.rank, 1);
    assert.match(first.reason, /ranked #1 by score/);
  });
  it('exit code 2 on a missing file, an unknown rule, or a file whose rule we do not run', async () => {
    assert.equal((await pbCommand(['/nonexistent.pb'])).code, 2);
    assert.equal((await pbCommand([shared('Netherlands_Assen_2024.pb'), '--rule', 'phragmen'])).code, 2);
    const s = await pbCommand([shared('US_Stanford_Dataset_PB_Chicago_49th_Ward_2015_vote_approvals.pb')]);
    assert.equal(s.code, 2);
    assert.match(s.err, /pass --rule/);
    assert.equal((await pbCommand([])).code, 2);
  });
});

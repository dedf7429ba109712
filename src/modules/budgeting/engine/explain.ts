// Why each project was or was not funded, in the terms citizens can check by hand:
// greedy: its rank and the money left when the count reached it; Equal Shares: the round,
// the price each supporter paid (exact), who paid less because they had less left, or the
// money its supporters still had when it became unaffordable.
import type { Election } from './election.ts';
import type { GreedyResult, GreedyStep } from './greedy.ts';
import { exactBudgets, exactRho, exactWaterFill, itemUtility, type MesRun } from './mesexact.ts';
import { mul, rat, toDecimalString, toFixed, type Rational } from './rational.ts';
import type { Outcome } from './rules.ts';

export interface Money {
  /** Exact: an integer, a finite decimal, or "n/d". */
  exact: string;
  /** Rounded to 2 decimals, for display. */
  approx: number;
}

export interface MesPaymentLine {
  amount: Money;
  voters: number;
}

export interface ProjectExplanation {
  id: string;
  name?: string;
  cost: Money;
  votes: number;
  score: number;
  selected: boolean;
  /** Which stage decided: the greedy count, Equal Shares, the greedy completion after it. */
  stage: 'greedy' | 'mes' | 'completion' | 'ineligible';
  reason: string;
  greedy?: { rank: number; budgetLeft: Money; verdict: GreedyStep['verdict'] };
  mes?: {
    round: number;
    /** Funded: what a supporter with enough money paid (cost utilities: the same for all). */
    pricePerSupporter?: Money;
    /** Price per unit of utility (rho); equals pricePerSupporter / cost for cost utilities. */
    rho?: string;
    payments?: MesPaymentLine[];
    /** Not funded: money its supporters had left when it became unaffordable. */
    supportersMoney?: Money;
  };
}

export interface Explanation {
  rule: string;
  budget: Money;
  cost: Money;
  /** Equal Shares: the budget each voter started with (after Add1). */
  perVoterBudget?: Money;
  add1Iterations?: number;
  comparison?: { prefersMes: number; prefersGreedy: number; indifferent: number; kept: 'mes' | 'greedy' };
  ballots?: { valid: number; voided: number; trimmed: number };
  projects: ProjectExplanation[];
}

function money(e: Election, scaled: Rational | bigint): Money {
  const r = typeof scaled === 'bigint' ? rat(scaled, e.scale) : rat(scaled.n, scaled.d * e.scale);
  return { exact: toDecimalString(r), approx: Number(toFixed(r, 2)) };
}

function fmt(m: Money): string {
  return Number.isInteger(m.approx) && !m.exact.includes('/') && !m.exact.includes('.') ? m.exact : m.approx.toFixed(2);
}

function greedyReason(e: Election, s: GreedyStep, keyName: string): string {
  const left = fmt(money(e, s.remaining));
  const cost = fmt(money(e, e.costs[s.project]));
  switch (s.verdict) {
    case 'funded':
      return `Funded: ranked #${s.rank} by ${keyName}; ${left} was left when the count reached it, and it costs ${cost}.`;
    case 'already-funded':
      return `Already funded by Equal Shares (ranked #${s.rank} by ${keyName}).`;
    case 'does-not-fit':
      return `Not funded: ranked #${s.rank} by ${keyName}, it costs ${cost} but only ${left} was left.`;
    case 'stopped':
      return `Not funded: ranked #${s.rank}; the count stops at the first project that does not fit.`;
    case 'below-threshold':
      return `Not funded: its score ${e.scores[s.project]} does not pass the threshold.`;
    case 'exceeds-budget':
      return `Not eligible: it costs ${cost}, more than the whole budget.`;
    case 'no-support':
      return 'Not funded: nobody voted for it.';
  }
}

function explainGreedy(
  e: Election,
  g: GreedyResult,
  out: ProjectExplanation[],
  stage: 'greedy' | 'completion',
  keyName: string,
): void {
  for (const s of g.steps) {
    const x = out[s.project];
    if (stage === 'completion' && s.verdict === 'already-funded') continue;
    if (stage === 'completion' && s.verdict !== 'funded') continue; // MES's reason stays
    x.selected = s.verdict === 'funded' || s.verdict === 'already-funded';
    x.stage = s.verdict === 'exceeds-budget' || s.verdict === 'no-support' ? 'ineligible' : stage;
    x.reason =
      stage === 'completion' ? `Added after Equal Shares: ${greedyReason(e, s, keyName)}` : greedyReason(e, s, keyName);
    x.greedy = { rank: s.rank, budgetLeft: money(e, s.remaining), verdict: s.verdict };
  }
}

function explainMes(e: Election, run: MesRun, out: ProjectExplanation[]): void {
  const inst = run.inst;
  const isCand = new Uint8Array(e.ids.length);
  for (const p of inst.candidates) isCand[p] = 1;
  for (const p of inst.free) isCand[p] = 1;
  run.rounds.forEach((round, k) => {
    const p = round.project;
    const rho = exactRho(run, k);
    const capped = new Set(round.capped);
    const { E, B } = exactBudgets(run, round.capped, k);
    const lines = new Map<string, MesPaymentLine>();
    let fullPayers = 0;
    let fullPrice: Money | undefined;
    const grpIndex = new Map<number, number>();
    round.capped.forEach((g, i) => grpIndex.set(g, i));
    for (let i = inst.supStart[p]; i < inst.supStart[p + 1]; i++) {
      const g = inst.supGroup[i];
      const z = run.zeroAt[g];
      if (z >= 0 && z < k) continue;
      const w = inst.w[g];
      let amount: Money;
      if (capped.has(g)) amount = money(e, rat(B[grpIndex.get(g)!], E));
      else {
        const grp = e.groups[g];
        const u = itemUtility(inst, g, grp.items.indexOf(p));
        amount = money(e, mul(rho, rat(u)));
        fullPayers += w;
        fullPrice = amount;
      }
      const line = lines.get(amount.exact) ?? { amount, voters: 0 };
      line.voters += w;
      lines.set(amount.exact, line);
    }
    const payments = [...lines.values()].sort((a, b) => b.amount.approx - a.amount.approx || b.voters - a.voters);
    const less = payments.reduce((s, l) => s + (fullPrice && l.amount.exact === fullPrice.exact ? 0 : l.voters), 0);
    const broke = e.votes[p] - fullPayers - less; // supporters who had nothing left
    const x = out[p];
    x.selected = true;
    x.stage = 'mes';
    x.mes = { round: k + 1, rho: toDecimalString(rho), payments };
    if (inst.utility !== 'points' && fullPrice) x.mes.pricePerSupporter = fullPrice;
    x.reason =
      fullPrice && inst.utility !== 'points'
        ? `Funded in round ${k + 1} of Equal Shares: ${fullPayers} supporters paid ${fmt(fullPrice)} each` +
          (less > 0 ? `, and ${less} who had less left paid all they had` : '') +
          (broke > 0 ? `; ${broke} had nothing left.` : '.')
        : `Funded in round ${k + 1} of Equal Shares at ${toDecimalString(rho)} per point.`;
  });
  for (let p = 0; p < e.ids.length; p++) {
    if (run.selRound[p] >= 0) continue;
    const x = out[p];
    x.selected = false;
    if (!isCand[p]) {
      x.stage = 'ineligible';
      x.reason =
        e.costs[p] > e.budget
          ? 'Not eligible: it costs more than the whole budget.'
          : 'Not funded: nobody voted for it.';
      continue;
    }
    const k = run.removedAt[p];
    const left = exactWaterFill(run, p, k).money;
    x.stage = 'mes';
    x.mes = { round: k + 1, supportersMoney: money(e, left) };
    x.reason = `Not funded: in round ${k + 1} of Equal Shares its supporters had ${fmt(money(e, left))} left in total, less than its cost ${fmt(money(e, e.costs[p]))}.`;
  }
}

export function explain(o: Outcome): Explanation {
  const e = o.election;
  const projects: ProjectExplanation[] = e.ids.map((id, p) => ({
    id,
    ...(e.names[p] !== undefined ? { name: e.names[p] } : {}),
    cost: money(e, e.costs[p]),
    votes: e.votes[p],
    score: e.scores[p],
    selected: false,
    stage: 'greedy',
    reason: '',
  }));
  const keyName = e.voteType === 'approval' || e.voteType === 'choose-1' ? 'votes' : 'score';
  const out: Explanation = { rule: o.rule, budget: money(e, e.budget), cost: money(e, o.cost), projects };
  if (o.mes) {
    out.perVoterBudget = money(e, o.mes.b0);
    if (o.add1) out.add1Iterations = o.add1.iterations;
  }
  if (o.comparison) {
    const c = o.comparison;
    out.comparison = {
      prefersMes: c.prefersMes,
      prefersGreedy: c.prefersGreedy,
      indifferent: c.indifferent,
      kept: c.winner,
    };
  }
  if (o.ballots)
    out.ballots = { valid: o.ballots.valid, voided: o.ballots.voided.length, trimmed: o.ballots.trimmed.length };
  if (o.mes && o.comparison?.winner !== 'greedy') {
    explainMes(e, o.mes, projects);
    if (o.completion) explainGreedy(e, o.completion, projects, 'completion', 'votes');
  } else if (o.greedy) {
    explainGreedy(e, o.greedy, projects, 'greedy', o.mes ? 'votes' : keyName);
  }
  // Funded projects first, in the order chosen; then the others in file order.
  const order = new Map(o.selected.map((p, i) => [e.ids[p], i]));
  projects.sort((a, b) => {
    const pa = order.get(a.id);
    const pb = order.get(b.id);
    if (pa !== undefined && pb !== undefined) return pa - pb;
    if (pa !== undefined) return -1;
    if (pb !== undefined) return 1;
    return 0;
  });
  return out;
}

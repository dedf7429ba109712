// The comparison step of `equalshares/add1-comparison` (Wieliczka 2023): MES is kept
// unless more voters prefer the plain greedy outcome than prefer MES. A voter prefers the
// outcome that funds more of the projects they supported ("satisfaction" mode of the
// Pabulib checker; a voter with none funded on one side counts as 0 there, unlike the
// equalshares.net compute tool, which skips such voters). Ties keep MES.
import type { Election } from './election.ts';

export interface Comparison {
  prefersMes: number;
  prefersGreedy: number;
  indifferent: number;
  winner: 'mes' | 'greedy';
}

export function compareOutcomes(e: Election, mes: number[], greedy: number[]): Comparison {
  const inMes = new Uint8Array(e.ids.length);
  const inGreedy = new Uint8Array(e.ids.length);
  for (const p of mes) inMes[p] = 1;
  for (const p of greedy) inGreedy[p] = 1;
  let prefersMes = 0;
  let prefersGreedy = 0;
  let indifferent = 0;
  for (const grp of e.groups) {
    let a = 0;
    let b = 0;
    for (let k = 0; k < grp.items.length; k++) {
      if (grp.points[k] <= 0) continue;
      a += inMes[grp.items[k]];
      b += inGreedy[grp.items[k]];
    }
    if (a > b) prefersMes += grp.weight;
    else if (b > a) prefersGreedy += grp.weight;
    else indifferent += grp.weight;
  }
  return { prefersMes, prefersGreedy, indifferent, winner: prefersGreedy > prefersMes ? 'greedy' : 'mes' };
}

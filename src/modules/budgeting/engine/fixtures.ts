// Test helper: where the real Pabulib elections are. They state no licence, so they are not in the repository:
// `npm run test:elections` reads the folder named by PABULIB_DIR (.ci/run points it at ../shared/data/pabulib),
// and `npm test` runs only our own small elections (testdata/).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export function pabulibDir(): string {
  const dir = process.env.PABULIB_DIR;
  if (!dir)
    throw new Error(
      'PABULIB_DIR is not set: point it at a folder of Pabulib .pb files (e.g. PABULIB_DIR=../shared/data/pabulib npm run test:elections)',
    );
  const abs = resolve(dir);
  if (!existsSync(join(abs, SHARED_FILES[0])))
    throw new Error(`PABULIB_DIR=${dir}: ${SHARED_FILES[0]} is not there (${abs})`);
  return abs;
}

export function readShared(name: string): string {
  return readFileSync(join(pabulibDir(), name), 'utf8');
}

export const SHARED_FILES = [
  'Poland_Wieliczka_2023_Green_Budget.pb',
  'Poland_Swiecie_2023.pb',
  'Netherlands_Assen_2024.pb',
  'Poland_Warszawa_2017_Marymont-Potok-Zoliborz_Dziennikarski.pb',
  'Poland_Warszawa_2021_Ursus.pb',
  'Poland_Czestochowa_2024_Trzech_Wieszczow.pb',
  'Poland_Czestochowa_2025_Grabowka.pb',
  'Poland_Krakow_2021_Bienczyce.pb',
  'Poland_Wroclaw_2017_Rejon_nr_11_750.pb',
  'US_Stanford_Dataset_PB_Chicago_49th_Ward_2015_vote_approvals.pb',
] as const;

/** A small approval instance as .pb text (ids in cost order as given). */
export function tinyPb(
  costs: Record<string, number | string>,
  budget: number | string,
  ballots: string[][],
  rule = 'greedy',
): string {
  const lines = [
    'META',
    'key;value',
    `num_projects;${Object.keys(costs).length}`,
    `num_votes;${ballots.length}`,
    `budget;${budget}`,
    'vote_type;approval',
    `rule;${rule}`,
    'PROJECTS',
    'project_id;cost',
  ];
  for (const [id, c] of Object.entries(costs)) lines.push(`${id};${c}`);
  lines.push('VOTES', 'voter_id;vote');
  ballots.forEach((b, i) => lines.push(`v${i};${b.join(',')}`));
  return lines.join('\n') + '\n';
}

// Test helper: where the shared Pabulib files are. The repo root is the working
// directory in CI and in `npm test`; the fallback walks up from this file
// (src/modules/budgeting/engine -> repo root) so a test run from elsewhere still works.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function pabulibDir(): string {
  const fromCwd = resolve(process.cwd(), '..', 'shared', 'data', 'pabulib');
  if (existsSync(fromCwd)) return fromCwd;
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
  return resolve(repoRoot, '..', 'shared', 'data', 'pabulib');
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
export function tinyPb(costs: Record<string, number | string>, budget: number | string, ballots: string[][], rule = 'greedy'): string {
  const lines = ['META', 'key;value', `num_projects;${Object.keys(costs).length}`, `num_votes;${ballots.length}`, `budget;${budget}`, 'vote_type;approval', `rule;${rule}`, 'PROJECTS', 'project_id;cost'];
  for (const [id, c] of Object.entries(costs)) lines.push(`${id};${c}`);
  lines.push('VOTES', 'voter_id;vote');
  ballots.forEach((b, i) => lines.push(`v${i};${b.join(',')}`));
  return lines.join('\n') + '\n';
}

// Participation in another module's resource, by its path (/proposals/12, /s/<space>/<component>): asked of every
// installed module's manifest in turn; the first that owns the path answers. A module never reads another's tables
// to count (e.g. a pledge's communication card counting a linked board).
import type { Database } from './db.ts';
import type { ParticipationCounts } from './modules.ts';
import { installedModules } from './registry.ts';

export async function participationOf(db: Database, ref: string): Promise<ParticipationCounts | null> {
  for (const m of installedModules()) {
    const r = await m.participation?.(db, ref);
    if (r) return r;
  }
  return null;
}

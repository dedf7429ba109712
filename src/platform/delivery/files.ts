// The demo's outbox on disk: what would have been sent, one file per message, readable only by the server's user.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Written under a hidden temporary name and renamed into place, so whoever watches the folder (a mail program, a
 * test, a pickup script) never opens a message half-written; the job worker sends as soon as a notice is queued. */
export function writeOutboxFile(dir: string, ref: string, ext: 'eml' | 'json', data: string | Buffer): void {
  mkdirSync(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${ref.replace(/[^\w.-]/g, '_')}.${ext}`;
  const partial = join(dir, `.${name}.partial`);
  writeFileSync(partial, data, { mode: 0o600 });
  renameSync(partial, join(dir, name));
}

// The demo's outbox on disk: what would have been sent, one file per message, readable only by the server's user.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeOutboxFile(dir: string, ref: string, ext: 'eml' | 'json', data: string | Buffer): void {
  mkdirSync(dir, { recursive: true });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${ref.replace(/[^\w.-]/g, '_')}.${ext}`;
  writeFileSync(join(dir, name), data, { mode: 0o600 });
}

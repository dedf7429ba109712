// Field encryption at rest (AES-256-GCM) with a key kept apart from the database (DATA_KEY, or DATA_DIR/data.key for
// the embedded demo), and keyed blind indexes for the lookups that need equality. A stolen database, or a backup of
// it, holds ciphertext and HMACs only: without the key it reveals no e-mail address or phone number.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The data key in use and, during a rotation (DATA_KEY_PREVIOUS), the one it replaces. */
export interface DataKeys {
  current: Buffer;
  previous?: Buffer;
}

/**
 * DATA_KEY as a city's IT staff would write it: 32 bytes as 64 hex digits or as base64 (standard or URL-safe).
 * Anything else is refused at start, with what was expected (a short key would quietly weaken every field).
 */
export function parseDataKey(name: string, text: string): Buffer {
  const s = text.trim();
  if (/^[0-9a-f]{64}$/i.test(s)) return Buffer.from(s, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(s)) {
    const b = Buffer.from(s.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (b.length === 32) return b;
  }
  throw new Error(`${name} must be 32 bytes as 64 hex digits or base64 (e.g. \`openssl rand -base64 32\`)`);
}

const newDataKey = () => randomBytes(32).toString('base64');

/**
 * A short public name of a key (or a secret): stored next to what it encrypted or keyed, so a rotation can count and
 * find the rows still under the old one without trying to decrypt them. It reveals nothing about the key.
 */
export const keyIdOf = (key: Buffer | string) =>
  createHash('sha256').update('madang key id\0').update(key).digest('hex').slice(0, 12);

/** The blind-index key is derived from the data key (never the key itself), so the two uses cannot be confused. */
const indexKeyOf = (key: Buffer) => createHmac('sha256', key).update('madang blind index v1').digest();

/**
 * `v1.<key id>.<iv>.<ciphertext+tag>`. The associated data binds a ciphertext to its row and field: copying one
 * person's encrypted address into another's row makes it fail to decrypt instead of sending their mail elsewhere.
 */
export function encryptField(key: Buffer, plaintext: string, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]);
  return `v1.${keyIdOf(key)}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** Decrypts with whichever of the keys made it; throws when neither did or the text was altered. */
export function decryptField(keys: DataKeys, stored: string, aad: string): string {
  const [v, id, iv, body] = stored.split('.');
  if (v !== 'v1' || !id || !iv || !body) throw new Error('not an encrypted field');
  const key = [keys.current, keys.previous].find((k) => k && keyIdOf(k) === id);
  if (!key)
    throw new Error(`encrypted under an unknown data key (${id}): set DATA_KEY_PREVIOUS to the key it was made with`);
  const raw = Buffer.from(body, 'base64url');
  const d = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  d.setAAD(Buffer.from(aad));
  d.setAuthTag(raw.subarray(raw.length - 16));
  return Buffer.concat([d.update(raw.subarray(0, raw.length - 16)), d.final()]).toString('utf8');
}

/**
 * A keyed blind index: an HMAC of the normalised value, so equal values can be found and compared without decrypting
 * and without a readable value in the table (a plain hash of a phone number is reversed by trying all 10^8 numbers).
 */
export const blindIndex = (key: Buffer, field: string, normalised: string) =>
  createHmac('sha256', indexKeyOf(key)).update(`${field}\0${normalised}`).digest('base64url').slice(0, 32);

/** Every index value the value may be stored under: the current key's, and the previous key's during a rotation. */
export const blindIndexes = (keys: DataKeys, field: string, normalised: string) =>
  [keys.current, keys.previous].filter((k): k is Buffer => !!k).map((k) => blindIndex(k, field, normalised));

/**
 * DATA_KEY, or for the embedded setup a key generated once into DATA_DIR/data.key (beside the database directory, not
 * inside it: a copy of pgdata alone cannot be read). A server deployment must set DATA_KEY: a key that lived on one
 * instance's disk would be lost with it, and every contact with it.
 */
export function loadDataKeys(
  o: { dataKey?: string; dataKeyPrevious?: string; production: boolean; server: boolean },
  dataDir: string,
): DataKeys {
  const previous = o.dataKeyPrevious ? parseDataKey('DATA_KEY_PREVIOUS', o.dataKeyPrevious) : undefined;
  if (o.dataKey) return { current: parseDataKey('DATA_KEY', o.dataKey), previous };
  if (o.production && o.server)
    throw new Error(
      'DATA_KEY must be set in production with DATABASE_URL (32 bytes: `openssl rand -base64 32`); it encrypts contact details and must be kept apart from the database',
    );
  const file = join(dataDir, 'data.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx': two processes starting at once on a fresh directory agree on the first key written.
    try {
      writeFileSync(file, newDataKey() + '\n', { mode: 0o600, flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
  }
  return { current: parseDataKey(file, readFileSync(file, 'utf8')), previous };
}

// Key rotation (README, "비밀키 교체 / Rotating keys"): the SECRET that keys persons, with a dual-key period, and the
// DATA_KEY that encrypts contact details. Also what the app does with keys on every start: fingerprints for persons
// keyed before migration 016, and encryption of contact details still stored in plaintext.
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import { keyIdOf, type DataKeys } from './crypto.ts';
import { recordAudit, type AuditActor } from './audit.ts';
import { openContact, sealContacts } from './delivery/sealed.ts';

type Secrets = Pick<Config, 'secret' | 'secretPrevious'>;

/** The secrets an HMAC made by this instance may carry: the current one first, then the one being replaced. */
export const secretsOf = (c: Secrets): string[] =>
  c.secretPrevious && c.secretPrevious !== c.secret ? [c.secret, c.secretPrevious] : [c.secret];

const RETIRED = 'retired:';

/**
 * Run on every start, after the migrations; cheap when there is nothing to do. Persons keyed before migration 016
 * get the fingerprint of the secret that keyed them: SECRET_PREVIOUS if the instance starts with one (its first start
 * after upgrading is then the start of a rotation), else SECRET. Contact details still in plaintext are encrypted.
 */
export async function prepareKeys(
  db: Database,
  config: Pick<Config, 'secret' | 'secretPrevious' | 'dataKeys'>,
): Promise<{ contactsSealed: number }> {
  await db
    .updateTable('persons')
    .set({ key_id: keyIdOf(config.secretPrevious || config.secret) })
    .where('key_id', 'is', null)
    .execute();
  await refuseUnknownDataKeys(db, config.dataKeys);
  return { contactsSealed: await sealLegacyContacts(db, config.dataKeys) };
}

/**
 * Contacts under a data key this instance does not have would be unreadable (and new saves would mix keys): the usual
 * cause is a DATA_KEY replaced without DATA_KEY_PREVIOUS, or a database restored without its data.key. Refuse to start.
 */
async function refuseUnknownDataKeys(db: Database, keys: DataKeys): Promise<void> {
  const known = [keys.current, keys.previous].filter((k): k is Buffer => !!k).map(keyIdOf);
  const other = await db
    .selectFrom('person_contacts')
    .select(['key_id', sql<number>`count(*)::int`.as('n')])
    .where('key_id', 'is not', null)
    .where('key_id', 'not in', known)
    .groupBy('key_id')
    .execute();
  if (other.length) {
    throw new Error(
      `contact details are encrypted under data key ${other.map((r) => `${r.key_id} (${r.n} rows)`).join(', ')}, but DATA_KEY is ${known[0]}` +
        `${known[1] ? ` and DATA_KEY_PREVIOUS ${known[1]}` : ''}: set DATA_KEY (or DATA_KEY_PREVIOUS, then run \`madang rotate-data-key\`) to the key they were encrypted with`,
    );
  }
}

/** Encrypts contact rows written before migration 016, a batch per transaction (rows locked by another instance are skipped). */
async function sealLegacyContacts(db: Database, keys: DataKeys, batch = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('person_contacts')
        .select(['person_id', 'legacy_email', 'legacy_phone'])
        .where((eb) => eb.or([eb('legacy_email', 'is not', null), eb('legacy_phone', 'is not', null)]))
        .orderBy('person_id')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        await trx
          .updateTable('person_contacts')
          .set({
            ...sealContacts(keys, r.person_id, { email: r.legacy_email, phone: r.legacy_phone }),
            legacy_email: null,
            legacy_phone: null,
          })
          .where('person_id', '=', r.person_id)
          .execute();
      }
      return rows.length;
    });
    total += n;
    if (n < batch) return total;
  }
}

/**
 * The dual-key period of a SECRET rotation: a verified identity whose key under the new secret belongs to nobody, but
 * whose key under the old one does, is that person. Their key is replaced, and so is the key of every act they cast,
 * in one transaction: their supports keep counting once, and a second support of the same proposal is still refused.
 * Returns whether the person was re-keyed. Two sign-ins of one person at once: the second waits on the row lock, then
 * finds the old key gone and the new one taken.
 */
export async function rekeyPerson(
  db: Database,
  newKey: string,
  oldKey: string,
  newKeyId: string,
  now = new Date(),
): Promise<boolean> {
  if (newKey === oldKey) return false;
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('persons').select('id').where('person_key', '=', newKey).executeTakeFirst()) return false;
    const old = await trx
      .selectFrom('persons')
      .select('id')
      .where('person_key', '=', oldKey)
      .forUpdate()
      .executeTakeFirst();
    if (!old) return false;
    await trx
      .updateTable('persons')
      .set({ person_key: newKey, key_id: newKeyId, rekeyed_at: now })
      .where('id', '=', old.id)
      .execute();
    await trx.updateTable('acts').set({ person_key: newKey }).where('person_key', '=', oldKey).execute();
    return true;
  });
}

export interface SecretStatus {
  current: string;
  previous: string | null;
  /** Persons keyed under the current secret (new ones and those re-keyed), under the previous one, or retired. */
  onCurrent: number;
  onPrevious: number;
  onOther: number;
  retired: number;
  rekeyed: number;
  /** Of those still on an old key: how many signed in during the last 90 days (likely to come back). */
  oldSeenRecently: number;
}

export async function secretStatus(db: Database, c: Secrets, now = new Date()): Promise<SecretStatus> {
  const current = keyIdOf(c.secret),
    previous = c.secretPrevious ? keyIdOf(c.secretPrevious) : null;
  const since = new Date(now.getTime() - 90 * 86_400_000);
  const rows = await db
    .selectFrom('persons')
    .select([
      'key_id',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) filter (where last_login_at >= ${since})::int`.as('recent'),
      sql<number>`count(rekeyed_at)::int`.as('rekeyed'),
    ])
    .groupBy('key_id')
    .execute();
  const s: SecretStatus = {
    current,
    previous,
    onCurrent: 0,
    onPrevious: 0,
    onOther: 0,
    retired: 0,
    rekeyed: 0,
    oldSeenRecently: 0,
  };
  for (const r of rows) {
    // Re-keyed into the current secret only: an earlier rotation's re-keys are not this one's progress.
    if (r.key_id === current) {
      s.onCurrent += r.n;
      s.rekeyed += r.rekeyed;
      continue;
    }
    if (r.key_id?.startsWith(RETIRED)) {
      s.retired += r.n;
      continue;
    }
    if (r.key_id === previous) s.onPrevious += r.n;
    else s.onOther += r.n;
    s.oldSeenRecently += r.recent;
  }
  return s;
}

/**
 * Ends a rotation on the record. Persons still on an old key were not seen during the period; without the old secret
 * nobody can compute their key again, so if they come back they are a new person: their past acts stay counted under
 * the old key, and they could act once more on the same targets. Finalizing marks them retired (so status and the
 * audit log say how many) and writes an audit entry; it changes no act and no count.
 */
export async function finalizeSecret(db: Database, c: Secrets, actor: AuditActor): Promise<number> {
  const current = keyIdOf(c.secret);
  return db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('persons')
      .set({ key_id: sql<string>`${RETIRED} || coalesce(key_id, 'unknown')` })
      .where((eb) =>
        eb.or([
          eb('key_id', 'is', null),
          eb.and([eb('key_id', '!=', current), eb('key_id', 'not like', `${RETIRED}%`)]),
        ]),
      )
      .executeTakeFirst();
    const retired = Number(r.numUpdatedRows);
    await recordAudit(trx, {
      actor,
      action: 'secret.rotation.finalized',
      targetType: 'platform',
      targetId: 'secret',
      reason: 'persons not seen during the dual-key period keep their old key and can no longer be recognised',
      after: { currentKeyId: current, retiredPersons: retired },
    });
    return retired;
  });
}

export interface DataKeyStatus {
  current: string;
  previous: string | null;
  onCurrent: number;
  onPrevious: number;
  onOther: number;
  plaintext: number;
}

export async function dataKeyStatus(db: Database, keys: DataKeys): Promise<DataKeyStatus> {
  const current = keyIdOf(keys.current),
    previous = keys.previous ? keyIdOf(keys.previous) : null;
  const rows = await db
    .selectFrom('person_contacts')
    .select([
      'key_id',
      sql<number>`count(*)::int`.as('n'),
      sql<number>`count(*) filter (where legacy_email is not null or legacy_phone is not null)::int`.as('plain'),
    ])
    .groupBy('key_id')
    .execute();
  const s: DataKeyStatus = { current, previous, onCurrent: 0, onPrevious: 0, onOther: 0, plaintext: 0 };
  for (const r of rows) {
    s.plaintext += r.plain;
    if (r.key_id === current) s.onCurrent += r.n;
    else if (r.key_id === previous) s.onPrevious += r.n;
    else s.onOther += r.n;
  }
  return s;
}

/**
 * Re-encrypts every contact row not under the current data key, a batch per transaction, reporting progress after
 * each. Safe to stop and run again (each batch commits on its own) and while the app runs (rows being saved are
 * skipped and written under the current key by the save itself). A row under a key it does not have stops it with
 * the row's person id, before anything of that batch is written.
 */
export async function rotateDataKey(
  db: Database,
  keys: DataKeys,
  o: { batch?: number; progress?: (done: number, total: number) => void } = {},
): Promise<number> {
  const batch = o.batch ?? 500,
    current = keyIdOf(keys.current);
  await sealLegacyContacts(db, keys, batch);
  const total = (
    await db
      .selectFrom('person_contacts')
      .select(sql<number>`count(*)::int`.as('n'))
      .where((eb) => eb.or([eb('key_id', 'is', null), eb('key_id', '!=', current)]))
      .executeTakeFirstOrThrow()
  ).n;
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('person_contacts')
        .select(['person_id', 'email_ct', 'phone_ct'])
        .where((eb) => eb.or([eb('key_id', 'is', null), eb('key_id', '!=', current)]))
        .orderBy('person_id')
        .limit(batch)
        .forUpdate()
        .skipLocked()
        .execute();
      for (const r of rows) {
        let plain: { email: string | null; phone: string | null };
        try {
          plain = {
            email: openContact(keys, r.person_id, 'email', r.email_ct),
            phone: openContact(keys, r.person_id, 'phone', r.phone_ct),
          };
        } catch (e) {
          throw new Error(`person_contacts row of person ${r.person_id}: ${(e as Error).message}`);
        }
        await trx
          .updateTable('person_contacts')
          .set(sealContacts(keys, r.person_id, plain))
          .where('person_id', '=', r.person_id)
          .execute();
      }
      return rows.length;
    });
    done += n;
    o.progress?.(done, total);
    if (n < batch) return done;
  }
}

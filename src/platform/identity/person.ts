// A verified identity becomes a person. The person key is an HMAC of the identity with the server secret:
// stable for the same CI whichever provider verified it, meaningless without the secret, never e-mail or phone.
import { createHmac } from 'node:crypto';
import type { Database } from '../db.ts';
import { keyIdOf } from '../crypto.ts';
import { rekeyPerson } from '../keys.ts';

export interface VerifiedIdentity {
  provider: 'dev' | 'oidc' | 'identity';
  /** 연계정보 (CI): the same for one person across every 본인확인 provider. */
  ci?: string;
  /** 중복가입확인정보 (DI): per site; kept out of storage, only checked by adapters. */
  di?: string;
  /** A stable subject when there is no CI: `issuer|sub` for OpenID Connect, the demo key for the dev provider. */
  subject: string;
  displayName: string;
  birthDate?: string;
  /** 행정구역 code of residence (시·군·구 5 digits or 읍·면·동 10 digits) when the provider tells it. */
  areaCode?: string;
}

export function personKeyOf(secret: string, id: VerifiedIdentity): string {
  const basis = id.ci ? `ci:${id.ci}` : `${id.provider}:${id.subject}`;
  return createHmac('sha256', secret).update(basis).digest('hex');
}

/**
 * Finds or creates the person; refreshes what the provider newly told (birth date, area) without erasing it. During a
 * SECRET rotation (previousSecret given), a person known only under the old secret is re-keyed first (keys.ts).
 */
export async function upsertPerson(db: Database, secret: string, id: VerifiedIdentity, previousSecret?: string) {
  const key = personKeyOf(secret, id);
  if (previousSecret) await rekeyPerson(db, key, personKeyOf(previousSecret, id), keyIdOf(secret));
  const row = await db
    .insertInto('persons')
    .values({
      person_key: key,
      key_id: keyIdOf(secret),
      display_name: id.displayName,
      verification: id.provider,
      birth_date: id.birthDate ?? null,
      area_code: id.areaCode ?? null,
      last_login_at: new Date(),
    })
    .onConflict((oc) =>
      oc.column('person_key').doUpdateSet((eb) => ({
        last_login_at: new Date(),
        birth_date: eb.fn.coalesce('excluded.birth_date', 'persons.birth_date'),
        area_code: eb.fn.coalesce('excluded.area_code', 'persons.area_code'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return row;
}

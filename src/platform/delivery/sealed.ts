// A person's e-mail address and mobile number as stored: AES-256-GCM ciphertext under the data key, bound to the
// person and field, with a keyed blind index of the normalised value for equality (is it the same address as before?).
import { blindIndex, blindIndexes, decryptField, encryptField, keyIdOf, type DataKeys } from '../crypto.ts';

export type ContactField = 'email' | 'phone';

/** What equality means for each field: addresses are compared without case, numbers as digits. */
const normaliseContact = (field: ContactField, value: string) =>
  field === 'email' ? value.trim().toLowerCase() : value.replace(/\D/g, '');

const aad = (personId: number, field: ContactField) => `person_contacts:${personId}:${field}`;

export interface SealedContacts {
  email_ct: string | null;
  email_bidx: string | null;
  phone_ct: string | null;
  phone_bidx: string | null;
  key_id: string;
}

/** Both fields under the current key (a row is always under one key, so a rotation can count rows). */
export function sealContacts(
  keys: DataKeys,
  personId: number,
  c: { email: string | null; phone: string | null },
): SealedContacts {
  const k = keys.current;
  return {
    email_ct: c.email ? encryptField(k, c.email, aad(personId, 'email')) : null,
    email_bidx: c.email ? blindIndex(k, 'email', normaliseContact('email', c.email)) : null,
    phone_ct: c.phone ? encryptField(k, c.phone, aad(personId, 'phone')) : null,
    phone_bidx: c.phone ? blindIndex(k, 'phone', normaliseContact('phone', c.phone)) : null,
    key_id: keyIdOf(k),
  };
}

export const openContact = (
  keys: DataKeys,
  personId: number,
  field: ContactField,
  stored: string | null,
): string | null => (stored ? decryptField(keys, stored, aad(personId, field)) : null);

/** Whether a stored blind index is that of `value` (under the current key or, during a rotation, the previous one). */
export const sameContact = (
  keys: DataKeys,
  field: ContactField,
  storedIndex: string | null,
  value: string | null,
): boolean =>
  !value
    ? storedIndex === null
    : storedIndex !== null && blindIndexes(keys, field, normaliseContact(field, value)).includes(storedIndex);

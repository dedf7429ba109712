-- Secret rotation and contact details encrypted at rest (issue 12, item 9; README "비밀키 교체 / Rotating keys").
--
-- persons.key_id names the SECRET that computed the person's key (a fingerprint, never the secret): during a rotation
-- it tells who is still on the old key, and `madang rotate-secret status` counts them. Rows from before this
-- migration get theirs when the app starts (the SECRET_PREVIOUS it starts with, if any, else SECRET).
alter table persons add column key_id text;
create index persons_key_id on persons (key_id);
-- when the person was re-keyed from the previous secret at a sign-in (progress of a rotation)
alter table persons add column rekeyed_at timestamptz;
-- Re-keying a person moves their acts to the new key: without this index each sign-in of the period would scan
-- every act. (It costs the support path one more index entry per act.)
create index acts_person_key on acts (person_key);

-- E-mail addresses and mobile numbers are stored as AES-256-GCM ciphertext under DATA_KEY (kept outside the database)
-- with a keyed blind index (HMAC of the normalised value) for equality. The plaintext columns are renamed so no code
-- can keep using them by accident; the app encrypts what they hold when it starts and empties them.
alter table person_contacts rename column email to legacy_email;
alter table person_contacts rename column phone to legacy_phone;
alter table person_contacts add column email_ct text;
alter table person_contacts add column email_bidx text;
alter table person_contacts add column phone_ct text;
alter table person_contacts add column phone_bidx text;
-- the data key the row's fields are encrypted under (`madang rotate-data-key` re-encrypts the others)
alter table person_contacts add column key_id text;
create index person_contacts_email_bidx on person_contacts (email_bidx);
create index person_contacts_phone_bidx on person_contacts (phone_bidx);
create index person_contacts_key_id on person_contacts (key_id);
create index person_contacts_legacy on person_contacts (person_id) where legacy_email is not null or legacy_phone is not null;

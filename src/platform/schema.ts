// Kysely table types of the platform, kept by hand beside the SQL migrations (src/migrations) they describe.
// Each module declares its own tables in its folder as an exported interface `<Name>Tables` and adds them to `DB` by
// declaration merging (`declare module '…/platform/schema.ts' { interface DB extends ProposalsTables {} }`), so the
// platform names no module's tables while every store is typed against the whole database.
import type { ColumnType, Generated } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string, string>;
/** A json column with a default: may be left out of an insert. */
export type JsonDefault<T = unknown> = ColumnType<T, string | undefined, string>;

/** The platform's tables. */
export interface PlatformTables {
  departments: { id: Generated<number>; code: string; name_ko: string; name_en: string; phone: string | null };
  persons: {
    id: Generated<number>;
    person_key: string;
    display_name: string;
    verification: 'dev' | 'oidc' | 'identity';
    birth_date: string | null;
    area_code: string | null;
    created_at: Timestamp;
    last_login_at: Date | null;
    /** Fingerprint of the SECRET that keyed the person (016); 'retired:…' once a rotation was finalized without them. */
    key_id: string | null;
    rekeyed_at: Date | null;
  };
  person_roles: {
    id: Generated<number>;
    person_id: number;
    role: 'official' | 'planning' | 'moderator' | 'admin';
    department_id: number | null;
    position: string | null;
    phone_ext: string | null;
  };
  sessions: {
    id_hash: string;
    person_id: number;
    csrf: string;
    created_at: Timestamp;
    last_seen_at: Timestamp;
    signed_in_at: Timestamp;
  };
  form_submissions: { token: string; person_id: number | null; location: Generated<string>; created_at: Timestamp };
  auth_flows: {
    state: string;
    provider: string;
    code_verifier: string;
    nonce: string;
    return_to: string;
    created_at: Timestamp;
  };
  spaces: { id: Generated<number>; slug: string; title_ko: string; title_en: string; created_at: Timestamp };
  components: {
    id: Generated<number>;
    space_id: number;
    type: string;
    slug: string;
    title_ko: string;
    title_en: string;
    settings: JsonDefault<Record<string, unknown>>;
    position: Generated<number>;
  };
  audit_log: {
    seq: Generated<number>;
    at: ColumnType<Date, Date | string, Date | string>;
    actor_id: number | null;
    actor_label: string;
    action: string;
    target_type: string;
    target_id: string;
    reason: string | null;
    before: Json | null;
    after: Json | null;
    prev_hash: string;
    hash: string;
  };
  acts: {
    id: Generated<number>;
    kind: 'support' | 'signature' | 'vote' | 'ballot';
    target_type: string;
    target_id: number;
    person_key: string;
    payload: Json | null;
    created_at: Timestamp;
  };
  tallies: { kind: string; target_type: string; target_id: number; shard: number; n: number };
  personal_data_access: {
    id: Generated<number>;
    at: Timestamp;
    accessor_id: number;
    subject_id: number | null;
    purpose: string;
    detail: string | null;
  };
  notifications: {
    id: Generated<number>;
    person_id: number;
    kind: string;
    target_type: string;
    target_id: number;
    text_ko: string;
    text_en: string;
    created_at: Timestamp;
    read_at: Date | null;
    path: string | null;
  };
  // delivery (src/migrations/011_delivery.sql)
  jobs: {
    id: Generated<number>;
    kind: string;
    payload: JsonDefault<Record<string, unknown>>;
    unique_key: string | null;
    state: Generated<'queued' | 'running' | 'done' | 'failed'>;
    run_at: Timestamp;
    attempts: Generated<number>;
    max_attempts: Generated<number>;
    last_error: string | null;
    outcome: string | null;
    locked_by: string | null;
    locked_until: Date | null;
    created_at: Timestamp;
    finished_at: Date | null;
  };
  person_contacts: {
    person_id: number;
    email_confirmed_at: Date | null;
    email_nonce: string | null;
    email_requested_at: Date | null;
    /** AES-256-GCM ciphertext and keyed blind index (016, platform/crypto.ts); the plaintext columns are emptied on start. */
    email_ct: string | null;
    email_bidx: string | null;
    phone_ct: string | null;
    phone_bidx: string | null;
    key_id: string | null;
    legacy_email: string | null;
    legacy_phone: string | null;
    email_notices: Generated<boolean>;
    phone_channel: Generated<'none' | 'sms' | 'kakao-alimtalk'>;
    lang: Generated<'ko' | 'en'>;
    phone_confirmed_at: Date | null;
    phone_nonce: string | null;
    phone_requested_at: Date | null;
    phone_tries: Generated<number>;
    updated_at: Timestamp;
  };
  follows: { person_id: number; target_type: string; target_id: number; created_at: Timestamp };
  adhoc_holidays: { day: string; name: string; created_at: Timestamp };
  comments: {
    id: Generated<number>;
    target_type: string;
    target_id: number;
    author_id: number;
    parent_id: number | null;
    stance: 'pro' | 'con' | null;
    body: string;
    hidden: Generated<boolean>;
    created_at: Timestamp;
    reports: Generated<number>;
    reviewed_reports: Generated<number>;
    hidden_reason: string | null;
    edited_at: Date | null;
  };
  comment_reports: { comment_id: number; reporter_id: number; reason: string; created_at: Timestamp };
}

/** The whole database: the platform's tables and, merged in by each module, its own. */
export interface DB extends PlatformTables {}

// Kysely table types, kept by hand beside the SQL migrations (src/migrations) they describe.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface DB {
  departments: { id: Generated<number>; code: string; name_ko: string; name_en: string; phone: string | null };
  persons: {
    id: Generated<number>; person_key: string; display_name: string; verification: 'dev' | 'oidc' | 'identity';
    birth_date: string | null; area_code: string | null; created_at: Timestamp; last_login_at: Date | null;
  };
  person_roles: {
    id: Generated<number>; person_id: number; role: 'official' | 'planning' | 'moderator' | 'admin';
    department_id: number | null; position: string | null; phone_ext: string | null;
  };
  sessions: { id_hash: string; person_id: number; csrf: string; created_at: Timestamp; last_seen_at: Timestamp };
  auth_flows: { state: string; provider: string; code_verifier: string; nonce: string; return_to: string; created_at: Timestamp };
  spaces: { id: Generated<number>; slug: string; title_ko: string; title_en: string; created_at: Timestamp };
  components: {
    id: Generated<number>; space_id: number; type: string; slug: string; title_ko: string; title_en: string;
    settings: Json<Record<string, unknown>>; position: Generated<number>;
  };
  audit_log: {
    seq: Generated<number>; at: Timestamp; actor_id: number | null; actor_label: string; action: string;
    target_type: string; target_id: string; reason: string | null; before: Json | null; after: Json | null;
    prev_hash: string; hash: string;
  };
  acts: {
    id: Generated<number>; kind: 'support' | 'signature' | 'vote' | 'ballot'; target_type: string; target_id: number;
    person_key: string; payload: Json | null; created_at: Timestamp;
  };
  tallies: { kind: string; target_type: string; target_id: number; shard: number; n: number };
  personal_data_access: {
    id: Generated<number>; at: Timestamp; accessor_id: number; subject_id: number | null; purpose: string; detail: string | null;
  };
  proposals: {
    id: Generated<number>; component_id: number; author_id: number; department_id: number | null; title: string; body: string;
    status: Generated<string>; created_at: Timestamp; updated_at: Timestamp; closes_at: Date | null;
  };
  proposal_answers: {
    id: Generated<number>; proposal_id: number; department_id: number; author_id: number; kind: 'interim' | 'final';
    body: string; responsible: string; created_at: Timestamp;
  };
  adhoc_holidays: { day: string; name: string; created_at: Timestamp };
  comments: {
    id: Generated<number>; target_type: string; target_id: number; author_id: number; parent_id: number | null;
    stance: 'pro' | 'con' | null; body: string; hidden: Generated<boolean>; created_at: Timestamp;
  };
}

// Kysely table types, kept by hand beside the SQL migrations (src/migrations) they describe.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;
/** A json column with a default: may be left out of an insert. */
type JsonDefault<T = unknown> = ColumnType<T, string | undefined, string>;

export interface DB {
  departments: { id: Generated<number>; code: string; name_ko: string; name_en: string; phone: string | null };
  persons: {
    id: Generated<number>; person_key: string; display_name: string; verification: 'dev' | 'oidc' | 'identity';
    birth_date: string | null; area_code: string | null; created_at: Timestamp; last_login_at: Date | null;
    /** Fingerprint of the SECRET that keyed the person (016); 'retired:…' once a rotation was finalized without them. */
    key_id: string | null; rekeyed_at: Date | null;
  };
  person_roles: {
    id: Generated<number>; person_id: number; role: 'official' | 'planning' | 'moderator' | 'admin';
    department_id: number | null; position: string | null; phone_ext: string | null;
  };
  sessions: { id_hash: string; person_id: number; csrf: string; created_at: Timestamp; last_seen_at: Timestamp; signed_in_at: Timestamp };
  form_submissions: { token: string; person_id: number | null; location: Generated<string>; created_at: Timestamp };
  auth_flows: { state: string; provider: string; code_verifier: string; nonce: string; return_to: string; created_at: Timestamp };
  spaces: { id: Generated<number>; slug: string; title_ko: string; title_en: string; created_at: Timestamp };
  components: {
    id: Generated<number>; space_id: number; type: string; slug: string; title_ko: string; title_en: string;
    settings: JsonDefault<Record<string, unknown>>; position: Generated<number>;
  };
  audit_log: {
    seq: Generated<number>; at: ColumnType<Date, Date | string, Date | string>; actor_id: number | null; actor_label: string; action: string;
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
    created_at: Timestamp; updated_at: Timestamp; closes_at: Date | null;
    title_norm: Generated<string>; title_choseong: Generated<string>; result: string | null;
    kind: Generated<string>; stage: Generated<string>; entered_at: Generated<Record<string, string>>; screened_suitable: Generated<boolean>;
    pii_hold: Generated<boolean>; pre_agreement_closes_at: Date | null; support_opened_at: Date | null;
    closure: { code: string; reason: string | null; duplicateOf?: string; pointer?: { label: { ko: string; en: string }; url?: string } } | null;
    reached_tiers: Generated<string[]>; implementation_updates: Generated<number>; implementation_progress: number | null;
    implementation_last_at: Date | null; topic: string | null; area: string | null; supports_count: Generated<number>; last_answer_at: Date | null;
  };
  proposal_tiers: {
    proposal_id: number; tier_key: string; answerer: string; count: number; reached_at: Date; due_at: Date | null; due_date: string | null;
    interim_answers: Generated<Date[]>; answered_at: Date | null;
  };
  proposal_updates: {
    id: Generated<number>; proposal_id: number; author_id: number; body: string; progress: number | null; completed: Generated<boolean>;
    responsible: string; created_at: Generated<Date>;
  };
  proposal_answers: {
    id: Generated<number>; proposal_id: number; department_id: number | null; author_id: number; kind: 'interim' | 'final';
    body: string; responsible: string; created_at: Timestamp; result: string | null; tier_key: string | null;
  };
  notifications: {
    id: Generated<number>; person_id: number; kind: string; target_type: string; target_id: number;
    text_ko: string; text_en: string; created_at: Timestamp; read_at: Date | null; path: string | null;
  };
  // delivery (src/migrations/011_delivery.sql)
  jobs: {
    id: Generated<number>; kind: string; payload: JsonDefault<Record<string, unknown>>; unique_key: string | null;
    state: Generated<'queued' | 'running' | 'done' | 'failed'>; run_at: Timestamp; attempts: Generated<number>; max_attempts: Generated<number>;
    last_error: string | null; outcome: string | null; locked_by: string | null; locked_until: Date | null; created_at: Timestamp; finished_at: Date | null;
  };
  person_contacts: {
    person_id: number; email_confirmed_at: Date | null; email_nonce: string | null; email_requested_at: Date | null;
    /** AES-256-GCM ciphertext and keyed blind index (016, platform/crypto.ts); the plaintext columns are emptied on start. */
    email_ct: string | null; email_bidx: string | null; phone_ct: string | null; phone_bidx: string | null; key_id: string | null;
    legacy_email: string | null; legacy_phone: string | null;
    email_notices: Generated<boolean>; phone_channel: Generated<'none' | 'sms' | 'kakao-alimtalk'>; lang: Generated<'ko' | 'en'>;
    phone_confirmed_at: Date | null; phone_nonce: string | null; phone_requested_at: Date | null; phone_tries: Generated<number>;
    updated_at: Timestamp;
  };
  follows: { person_id: number; target_type: string; target_id: number; created_at: Timestamp };
  adhoc_holidays: { day: string; name: string; created_at: Timestamp };
  comments: {
    id: Generated<number>; target_type: string; target_id: number; author_id: number; parent_id: number | null;
    stance: 'pro' | 'con' | null; body: string; hidden: Generated<boolean>; created_at: Timestamp;
    reports: Generated<number>; reviewed_reports: Generated<number>; hidden_reason: string | null; edited_at: Date | null;
  };
  comment_reports: { comment_id: number; reporter_id: number; reason: string; created_at: Timestamp };
  // pledges and evaluations (src/migrations/004_pledges.sql; issue 7)
  pledge_visions: { id: string; name: string; ord: Generated<number> };
  pledge_fields: { id: string; vision_id: string; name: string; ord: Generated<number> };
  pledges: {
    id: Generated<number>; code: string; vision_id: string | null; field_id: string | null; title: string; category: string | null; note: string | null;
    lead_department: string | null; status: string; progress_percent: number; type: string | null; funding: string | null; term: string | null;
    target_date: string | null; owner: string | null; period: string | null; target: string | null; required_budget: number | null;
    required_budget_note: string | null; as_of: string | null; report_from: string | null; published_at: string | null; layout: Generated<string>;
    goals: JsonDefault; content: JsonDefault; unit_projects: JsonDefault; indicator_tables: JsonDefault; progress: JsonDefault; suggestions: JsonDefault;
    problems: JsonDefault; achievements: JsonDefault; plans: JsonDefault;
    created_at: Timestamp; updated_at: Timestamp;
  };
  pledge_budget_periods: { pledge_id: number; key: string; label: string; prior: Generated<boolean>; start_date: string | null; end_date: string | null; basis: 'executed' | 'secured' | 'planned' | null; ord: number };
  pledge_budget_entries: { pledge_id: number; period_key: string; source: string; secured: number | null; executed: number | null; planned: number | null };
  pledge_officials: { pledge_id: number; ord: number; role: 'lead' | 'cooperating'; department: string; position: string; name: string; phone: Generated<string> };
  pledge_changes: { pledge_id: number; ord: number; day: string; item: 'target' | 'indicator' | 'budget' | 'status' | 'other'; before: Generated<string>; after: Generated<string>; reason: string; request_id: string | null };
  pledge_change_requests: { id: Generated<number>; pledge_id: number; state: string; data: Json; created_at: Timestamp; updated_at: Timestamp };
  pledge_communications: {
    id: Generated<number>; pledge_id: number; type: string; day: string; time: string | null; place: string | null; audience: string | null;
    title: string | null; content: string | null; media_name: string | null; photos: JsonDefault; created_by: number | null; created_at: Timestamp;
  };
  pledge_snapshots: { period: string; label: string; taken_at: string; pledges: Json; metrics: Json; layouts: ColumnType<Record<string, string>, string | undefined, string>; created_at: Timestamp };
  evaluation_runs: {
    id: Generated<number>; title: string; report_date: Generated<string>; organization: Generated<string>; intro: string | null; basis: JsonDefault;
    overview: JsonDefault; plans: JsonDefault; settings: JsonDefault; warnings: JsonDefault; created_at: Timestamp;
  };
  evaluation_results: {
    run_id: number; ord: number; code: string; strategy: string; project: string; task: string; indicator: Generated<string>; direction: 'higher' | 'lower';
    target: Generated<string>; actual: Generated<string>; reported_rate: number | null; status: 'evaluated' | 'excluded' | 'not-evaluated'; grade: string | null; reason: string | null;
  };
  panel_members: { id: Generated<number>; person_id: number | null; name: string; field: string | null; active: Generated<boolean>; created_at: Timestamp };
  panel_scores: { member_id: number; pledge_id: number; scores: Json; comment: string | null; created_at: Timestamp };
  pledge_links: {
    id: Generated<number>; pledge_id: number; kind: string; path: string; title: string | null; day: string | null; created_by: number | null; created_at: Timestamp;
    component_id: number | null; proposal_id: number | null;
  };
  pledge_photos: {
    id: Generated<number>; communication_id: number; ord: Generated<number>; content_type: 'image/jpeg' | 'image/png' | 'image/webp'; bytes: Uint8Array; size: number;
    sha256: string; alt: string; created_by: number | null; created_at: Timestamp;
  };
}

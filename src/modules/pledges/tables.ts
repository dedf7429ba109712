// The pledges module's tables (migrations/004, 005, 012 in this folder), merged into the platform's DB type for its store.
import type { ColumnType, Generated } from 'kysely';
import type { Json, JsonDefault, Timestamp } from '../../platform/schema.ts';

export interface PledgesTables {
  pledge_visions: { id: string; name: string; ord: Generated<number> };
  pledge_fields: { id: string; vision_id: string; name: string; ord: Generated<number> };
  pledges: {
    id: Generated<number>;
    code: string;
    vision_id: string | null;
    field_id: string | null;
    title: string;
    category: string | null;
    note: string | null;
    lead_department: string | null;
    status: string;
    progress_percent: number;
    type: string | null;
    funding: string | null;
    term: string | null;
    target_date: string | null;
    owner: string | null;
    period: string | null;
    target: string | null;
    required_budget: number | null;
    required_budget_note: string | null;
    as_of: string | null;
    report_from: string | null;
    published_at: string | null;
    layout: Generated<string>;
    goals: JsonDefault;
    content: JsonDefault;
    unit_projects: JsonDefault;
    indicator_tables: JsonDefault;
    progress: JsonDefault;
    suggestions: JsonDefault;
    problems: JsonDefault;
    achievements: JsonDefault;
    plans: JsonDefault;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  pledge_budget_periods: {
    pledge_id: number;
    key: string;
    label: string;
    prior: Generated<boolean>;
    start_date: string | null;
    end_date: string | null;
    basis: 'executed' | 'secured' | 'planned' | null;
    ord: number;
  };
  pledge_budget_entries: {
    pledge_id: number;
    period_key: string;
    source: string;
    secured: number | null;
    executed: number | null;
    planned: number | null;
  };
  pledge_officials: {
    pledge_id: number;
    ord: number;
    role: 'lead' | 'cooperating';
    department: string;
    position: string;
    name: string;
    phone: Generated<string>;
  };
  pledge_changes: {
    pledge_id: number;
    ord: number;
    day: string;
    item: 'target' | 'indicator' | 'budget' | 'status' | 'other';
    before: Generated<string>;
    after: Generated<string>;
    reason: string;
    request_id: string | null;
  };
  pledge_change_requests: {
    id: Generated<number>;
    pledge_id: number;
    state: string;
    data: Json;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  pledge_communications: {
    id: Generated<number>;
    pledge_id: number;
    type: string;
    day: string;
    time: string | null;
    place: string | null;
    audience: string | null;
    title: string | null;
    content: string | null;
    media_name: string | null;
    photos: JsonDefault;
    created_by: number | null;
    created_at: Timestamp;
  };
  pledge_snapshots: {
    period: string;
    label: string;
    taken_at: string;
    pledges: Json;
    metrics: Json;
    layouts: ColumnType<Record<string, string>, string | undefined, string>;
    created_at: Timestamp;
  };
  panel_members: {
    id: Generated<number>;
    person_id: number | null;
    name: string;
    field: string | null;
    active: Generated<boolean>;
    created_at: Timestamp;
  };
  panel_scores: { member_id: number; pledge_id: number; scores: Json; comment: string | null; created_at: Timestamp };
  pledge_links: {
    id: Generated<number>;
    pledge_id: number;
    kind: string;
    path: string;
    title: string | null;
    day: string | null;
    created_by: number | null;
    created_at: Timestamp;
    component_id: number | null;
    proposal_id: number | null;
  };
  pledge_photos: {
    id: Generated<number>;
    communication_id: number;
    ord: Generated<number>;
    content_type: 'image/jpeg' | 'image/png' | 'image/webp';
    bytes: Uint8Array;
    size: number;
    sha256: string;
    alt: string;
    created_by: number | null;
    created_at: Timestamp;
  };
}

declare module '../../platform/schema.ts' {
  interface DB extends PledgesTables {}
}

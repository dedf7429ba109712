-- 공약 이행 관리 (issue 7): the pledge tree, each pledge's card parts, change requests, the communication card,
-- half-yearly snapshots, evaluation runs (이행사항 점검) and the citizen panel. Nested item trees (사업내용,
-- 추진현황, 문제점 및 대책 …) are jsonb in the shape of src/modules/pledges/domain/model.ts; the budget ledger,
-- 정책실명제 and 사업변경내역 are rows so they can be summed and filtered in SQL.
create table pledge_visions (
  id text primary key,
  name text not null,
  ord int not null default 0
);

create table pledge_fields (
  id text primary key,
  vision_id text not null references pledge_visions(id),
  name text not null,
  ord int not null default 0
);

create table pledges (
  id serial primary key,
  code text not null unique,
  vision_id text references pledge_visions(id),
  field_id text references pledge_fields(id),
  title text not null,
  category text,
  note text,
  lead_department text,
  status text not null,
  progress_percent numeric not null check (progress_percent between 0 and 100),
  type text,
  funding text,
  term text,
  target_date text,
  owner text,
  period text,
  target text,
  required_budget numeric,
  required_budget_note text,
  as_of date,
  report_from text,
  published_at date,
  layout text not null default 'suwon-2021',
  goals jsonb not null default '[]',
  content jsonb not null default '[]',
  unit_projects jsonb not null default '[]',
  indicator_tables jsonb not null default '[]',
  progress jsonb not null default '[]',
  suggestions jsonb not null default '[]',
  problems jsonb not null default '[]',
  achievements jsonb not null default '[]',
  plans jsonb not null default '[]',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pledges_vision on pledges (vision_id, field_id);

create table pledge_budget_periods (
  pledge_id int not null references pledges(id) on delete cascade,
  key text not null,
  label text not null,
  prior boolean not null default false,
  start_date date,
  end_date date,
  basis text check (basis in ('executed', 'secured', 'planned')),
  ord int not null,
  primary key (pledge_id, key)
);

create table pledge_budget_entries (
  pledge_id int not null,
  period_key text not null,
  source text not null,
  secured numeric,
  executed numeric,
  planned numeric,
  primary key (pledge_id, period_key, source),
  foreign key (pledge_id, period_key) references pledge_budget_periods(pledge_id, key) on delete cascade
);

-- 정책실명제: responsible and cooperating officials, printed on every pledge.
create table pledge_officials (
  pledge_id int not null references pledges(id) on delete cascade,
  ord int not null,
  role text not null check (role in ('lead', 'cooperating')),
  department text not null,
  position text not null,
  name text not null,
  phone text not null default '',
  primary key (pledge_id, ord)
);
create index pledge_officials_department on pledge_officials (department);

-- 사업변경내역: the public change history.
create table pledge_changes (
  pledge_id int not null references pledges(id) on delete cascade,
  ord int not null,
  day date not null,
  item text not null check (item in ('target', 'indicator', 'budget', 'status', 'other')),
  before text not null default '',
  after text not null default '',
  reason text not null,
  request_id text,
  primary key (pledge_id, ord)
);

-- Change requests: department proposes → citizen panel reviews → published (domain/change-requests.ts).
create table pledge_change_requests (
  id serial primary key,
  pledge_id int not null references pledges(id) on delete cascade,
  state text not null,
  data jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pledge_change_requests_pledge on pledge_change_requests (pledge_id, id);

-- 구민소통 관리카드 entries (seed 004).
create table pledge_communications (
  id serial primary key,
  pledge_id int not null references pledges(id) on delete cascade,
  type text not null,
  day date not null,
  time text,
  place text,
  audience text,
  title text,
  content text,
  media_name text,
  photos jsonb not null default '[]',
  created_by int references persons(id),
  created_at timestamptz not null default now()
);
create index pledge_communications_pledge on pledge_communications (pledge_id, day);

-- 반기별 공개: frozen snapshots; rules make them unchangeable once taken.
create table pledge_snapshots (
  period text primary key,
  label text not null,
  taken_at date not null,
  pledges jsonb not null,
  metrics jsonb not null,
  created_at timestamptz not null default now()
);
create rule pledge_snapshots_no_update as on update to pledge_snapshots do instead nothing;
create rule pledge_snapshots_no_delete as on delete to pledge_snapshots do instead nothing;

-- 이행사항 점검 (seed 003): one run is one report; results are its 추진과제 rows.
create table evaluation_runs (
  id serial primary key,
  title text not null,
  report_date text not null default '',
  organization text not null default '',
  intro text,
  basis jsonb not null default '[]',
  overview jsonb not null default '{}',
  plans jsonb not null default '[]',
  settings jsonb not null default '{}',
  warnings jsonb not null default '[]',
  created_at timestamptz not null default now()
);

create table evaluation_results (
  run_id int not null references evaluation_runs(id) on delete cascade,
  ord int not null,
  code text not null,
  strategy text not null,
  project text not null,
  task text not null,
  indicator text not null default '',
  direction text not null check (direction in ('higher', 'lower')),
  target text not null default '',
  actual text not null default '',
  reported_rate numeric,
  status text not null check (status in ('evaluated', 'excluded', 'not-evaluated')),
  grade text,
  reason text,
  primary key (run_id, ord),
  unique (run_id, code)
);

-- Citizen panel (구민평가단): a member list and one scoring form per member and pledge.
create table panel_members (
  id serial primary key,
  person_id int references persons(id),
  name text not null,
  field text,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index panel_members_person on panel_members (person_id) where person_id is not null;

create table panel_scores (
  member_id int not null references panel_members(id),
  pledge_id int not null references pledges(id) on delete cascade,
  scores jsonb not null,
  comment text,
  created_at timestamptz not null default now(),
  primary key (member_id, pledge_id)
);

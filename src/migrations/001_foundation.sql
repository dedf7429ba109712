-- The platform: people, roles, sessions, spaces and components, the record, countable acts, the thin proposals board.
create extension if not exists pg_trgm;

create table departments (
  id serial primary key,
  code text not null unique,
  name_ko text not null,
  name_en text not null,
  phone text
);

-- A person is keyed by an HMAC of the verified identity (CI, or issuer+subject): never e-mail or phone.
create table persons (
  id serial primary key,
  person_key text not null unique,
  display_name text not null,
  verification text not null check (verification in ('dev', 'oidc', 'identity')),
  birth_date date,
  area_code text,
  created_at timestamptz not null default now(),
  last_login_at timestamptz
);

create table person_roles (
  id serial primary key,
  person_id int not null references persons(id) on delete cascade,
  role text not null check (role in ('official', 'planning', 'moderator', 'admin')),
  department_id int references departments(id),
  position text,
  phone_ext text,
  check ((role = 'official') = (department_id is not null))
);
create unique index person_roles_once on person_roles (person_id, role, coalesce(department_id, 0));

-- Server-side sessions; the cookie holds a random token, the table only its SHA-256.
create table sessions (
  id_hash text primary key,
  person_id int not null references persons(id) on delete cascade,
  csrf text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now()
);
create index sessions_person on sessions (person_id);

-- OpenID Connect round trips in flight (state → PKCE verifier, nonce). Short-lived.
create table auth_flows (
  state text primary key,
  provider text not null,
  code_verifier text not null,
  nonce text not null,
  return_to text not null,
  created_at timestamptz not null default now()
);

create table spaces (
  id serial primary key,
  slug text not null unique,
  title_ko text not null,
  title_en text not null,
  created_at timestamptz not null default now()
);

create table components (
  id serial primary key,
  space_id int not null references spaces(id),
  type text not null,
  slug text not null,
  title_ko text not null,
  title_en text not null,
  settings jsonb not null default '{}',
  position int not null default 0,
  unique (space_id, slug)
);

-- Append-only, hash-chained record of every official, moderator and admin act.
create table audit_log (
  seq bigserial primary key,
  at timestamptz not null,
  actor_id int,
  actor_label text not null,
  action text not null,
  target_type text not null,
  target_id text not null,
  reason text,
  before jsonb,
  after jsonb,
  prev_hash text not null,
  hash text not null unique
);
create rule audit_log_no_update as on update to audit_log do instead nothing;
create rule audit_log_no_delete as on delete to audit_log do instead nothing;

-- One row per (kind, target, person key): the unique constraint is what makes "one person, one voice" true.
create table acts (
  id bigserial primary key,
  kind text not null check (kind in ('support', 'signature', 'vote', 'ballot')),
  target_type text not null,
  target_id int not null,
  person_key text not null,
  payload jsonb,
  created_at timestamptz not null default now(),
  unique (kind, target_type, target_id, person_key)
);

-- Tallies split over shards so that a hot target does not serialise every writer on one row.
create table tallies (
  kind text not null,
  target_type text not null,
  target_id int not null,
  shard smallint not null,
  n int not null,
  primary key (kind, target_type, target_id, shard)
);

-- 개인정보 접속기록: who looked at whose personal data, when and why.
create table personal_data_access (
  id bigserial primary key,
  at timestamptz not null default now(),
  accessor_id int not null references persons(id),
  subject_id int references persons(id),
  purpose text not null,
  detail text
);

create table proposals (
  id serial primary key,
  component_id int not null references components(id),
  author_id int not null references persons(id),
  department_id int references departments(id),
  title text not null,
  body text not null,
  status text not null default 'open',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  closes_at timestamptz
);
create index proposals_component_created on proposals (component_id, created_at desc, id desc);
create index proposals_title_trgm on proposals using gin (title gin_trgm_ops);

create table proposal_answers (
  id serial primary key,
  proposal_id int not null references proposals(id),
  department_id int not null references departments(id),
  author_id int not null references persons(id),
  kind text not null check (kind in ('interim', 'final')),
  body text not null,
  responsible text not null,
  created_at timestamptz not null default now()
);
create index proposal_answers_proposal on proposal_answers (proposal_id);

create table comments (
  id serial primary key,
  target_type text not null,
  target_id int not null,
  author_id int not null references persons(id),
  parent_id int references comments(id),
  stance text check (stance in ('pro', 'con')),
  body text not null,
  hidden boolean not null default false,
  created_at timestamptz not null default now()
);
create index comments_target on comments (target_type, target_id, id);

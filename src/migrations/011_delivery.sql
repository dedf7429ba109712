-- Delivery of notices beyond the in-app inbox (e-mail, SMS, 카카오 알림톡) and the job queue that carries it.
--
-- jobs: a durable queue in PostgreSQL. Workers claim due rows with FOR UPDATE SKIP LOCKED and hold a lease
-- (locked_until); a worker that dies leaves its lease to expire and another worker takes the job again. unique_key
-- makes a job idempotent: notify() keys delivery jobs by notice and channel, the daily scheduler by name and date.
create table jobs (
  id bigserial primary key,
  kind text not null,
  payload jsonb not null default '{}',
  unique_key text unique,
  state text not null default 'queued' check (state in ('queued', 'running', 'done', 'failed')),
  run_at timestamptz not null default now(),
  attempts int not null default 0,
  max_attempts int not null default 10,
  last_error text,
  outcome text,
  locked_by text,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);
create index jobs_due on jobs (run_at, id) where state = 'queued';
create index jobs_leased on jobs (locked_until) where state = 'running';
create index jobs_failed on jobs (finished_at desc) where state = 'failed';
create index jobs_finished on jobs (finished_at) where state = 'done';

-- A person's contacts and notification choices, kept apart from persons (who are keyed by a verified identity and
-- need none of this): only the person sees them; administrators see them masked, and that view is logged.
-- Notices go to an e-mail address only once it is confirmed by a link sent to it (email_confirmed_at).
create table person_contacts (
  person_id int primary key references persons(id) on delete cascade,
  email text,
  email_confirmed_at timestamptz,
  -- random per confirmation request; the link carries an HMAC of (person, address, nonce), never the nonce itself
  email_nonce text,
  email_requested_at timestamptz,
  email_notices boolean not null default false,
  -- digits only, e.g. 01012345678
  phone text,
  phone_channel text not null default 'none' check (phone_channel in ('none', 'sms', 'kakao-alimtalk')),
  lang text not null default 'ko' check (lang in ('ko', 'en')),
  updated_at timestamptz not null default now()
);

-- Where a notice points (a module knows its own pages); older notices fall back to their target type.
alter table notifications add column path text;

-- The proposal lifecycle of workflow/lifecycle.ts, stored: the stage and when each stage was entered, screening and
-- closure (반려, 중복, 민원 안내), the pre-agreement and support windows, every threshold tier reached with its answerer
-- and due date (fixed when reached), answers per tier, implementation updates (이행), topic and area for filters, and
-- a supports count for sorting that is refreshed in the background (the exact count stays in the sharded tallies).
alter table proposals add column kind text not null default 'proposal';
alter table proposals add column stage text not null default 'collecting';
alter table proposals add column entered_at jsonb not null default '{}';
alter table proposals add column screened_suitable boolean not null default false;
alter table proposals add column pii_hold boolean not null default false;
alter table proposals add column pre_agreement_closes_at timestamptz;
alter table proposals add column support_opened_at timestamptz;
alter table proposals add column closure jsonb;
alter table proposals add column reached_tiers text[] not null default '{}';
alter table proposals add column implementation_updates int not null default 0;
alter table proposals add column implementation_progress int;
alter table proposals add column implementation_last_at timestamptz;
alter table proposals add column topic text;
alter table proposals add column area text;
alter table proposals add column supports_count int not null default 0;
alter table proposals add column last_answer_at timestamptz;

update proposals set
  stage = case status when 'held' then 'submitted' when 'answered' then 'answered' else 'collecting' end,
  pii_hold = status = 'held',
  screened_suitable = status <> 'held',
  support_opened_at = case when status <> 'held' then created_at end,
  last_answer_at = answered_at,
  entered_at = jsonb_build_object('draft', created_at, 'submitted', created_at)
    || case when status <> 'held' then jsonb_build_object('screening', created_at, 'collecting', created_at) else '{}'::jsonb end
    || case when tier_reached_at is not null then jsonb_build_object('answering', tier_reached_at) else '{}'::jsonb end
    || case when answered_at is not null then jsonb_build_object('answered', answered_at) else '{}'::jsonb end,
  reached_tiers = case when tier_reached_at is not null then array['department'] else '{}' end;
update proposals p set supports_count = t.n
  from (select target_id, sum(n)::int as n from tallies where kind = 'support' and target_type = 'proposal' group by target_id) t
  where p.id = t.target_id;
update proposals p set kind = coalesce(c.settings->>'kind', 'proposal') from components c where c.id = p.component_id;

create table proposal_tiers (
  proposal_id int not null references proposals(id) on delete cascade,
  tier_key text not null,
  answerer text not null,
  count int not null,
  reached_at timestamptz not null,
  due_at timestamptz,
  due_date date,
  interim_answers timestamptz[] not null default '{}',
  answered_at timestamptz,
  primary key (proposal_id, tier_key)
);
-- Queues, reminders and overdue flags read the open tiers by due date.
create index proposal_tiers_open on proposal_tiers (due_at) where answered_at is null;
insert into proposal_tiers (proposal_id, tier_key, answerer, count, reached_at, due_at, due_date, interim_answers, answered_at)
  select id, 'department', 'department', 0, tier_reached_at, answer_due_at, answer_due_date,
    case when interim_at is null then '{}'::timestamptz[] else array[interim_at] end, answered_at
  from proposals where tier_reached_at is not null;

alter table proposal_answers add column tier_key text;
update proposal_answers set tier_key = 'department';

create table proposal_updates (
  id serial primary key,
  proposal_id int not null references proposals(id) on delete cascade,
  author_id int not null references persons(id),
  body text not null,
  progress int check (progress between 0 and 100),
  completed boolean not null default false,
  responsible text not null,
  created_at timestamptz not null default now()
);
create index proposal_updates_proposal on proposal_updates (proposal_id);

alter table proposals drop column status;
alter table proposals drop column tier_reached_at;
alter table proposals drop column answer_due_at;
alter table proposals drop column answer_due_date;
alter table proposals drop column interim_at;
alter table proposals drop column answered_at;

-- List orders (keyset pagination on each): newest, most supported, closing soon, recently answered.
create index proposals_component_supported on proposals (component_id, supports_count desc, id desc);
create index proposals_component_closing on proposals (component_id, closes_at, id);
create index proposals_component_answered on proposals (component_id, last_answer_at desc, id desc) where last_answer_at is not null;
create index proposals_department_stage on proposals (department_id, stage);

alter table comments add column edited_at timestamptz;

-- The mayor's or a deliberation body's answer is posted by the planning office, perhaps before a department is set.
alter table proposal_answers alter column department_id drop not null;

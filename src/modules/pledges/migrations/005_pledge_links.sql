-- Madang activity linked to a pledge (a survey, a debate, a briefing board, a proposal): counted on the
-- communication card by itself, never copied into it (domain/communication.ts, LinkedActivity).
create table pledge_links (
  id serial primary key,
  pledge_id int not null references pledges(id) on delete cascade,
  kind text not null,
  path text not null,
  title text not null,
  day date not null,
  created_by int references persons(id),
  created_at timestamptz not null default now(),
  unique (pledge_id, path)
);

-- Comment reports (신고): one per person per comment. After N reports since a moderator last looked, the comment is
-- hidden pending a moderator (hidden_reason 'auto'); the moderator keeps or hides it with a reason the author sees.
create table comment_reports (
  comment_id int not null references comments(id) on delete cascade,
  reporter_id int not null references persons(id) on delete cascade,
  reason text not null,
  created_at timestamptz not null default now(),
  primary key (comment_id, reporter_id)
);
alter table comments add column reports int not null default 0;
alter table comments add column reviewed_reports int not null default 0;
alter table comments add column hidden_reason text;
create index comments_pending on comments (id) where reports > reviewed_reports or hidden_reason = 'auto';

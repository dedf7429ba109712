-- In-app notifications (알림) and follows (관심 등록). A notification is written in the same transaction as the act it
-- reports, so an answer is never posted without its notice; other channels (e-mail, SMS, 알림톡) deliver from here.
create table notifications (
  id bigserial primary key,
  person_id int not null references persons(id) on delete cascade,
  kind text not null,
  target_type text not null,
  target_id int not null,
  text_ko text not null,
  text_en text not null,
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notifications_unread on notifications (person_id, id desc) where read_at is null;
create index notifications_person on notifications (person_id, id desc);

create table follows (
  person_id int not null references persons(id) on delete cascade,
  target_type text not null,
  target_id int not null,
  created_at timestamptz not null default now(),
  primary key (target_type, target_id, person_id)
);

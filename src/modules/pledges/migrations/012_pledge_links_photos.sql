-- 공약 (issue 7), the rest: linked Madang activity counted live, photos of communication-card entries, and the card
-- layout of each pledge frozen with a half-yearly snapshot.

-- A link names a component (a proposal board, a debate, a survey) or one proposal; its counts (activities,
-- participants, supports, comments, dates) are computed from the proposals, comments and acts tables whenever the
-- card is shown, never copied. Links made before (a path, a title and a day typed by hand) keep counting once.
alter table pledge_links add column component_id int references components(id) on delete cascade;
alter table pledge_links add column proposal_id int references proposals(id) on delete cascade;
alter table pledge_links alter column title drop not null;
alter table pledge_links alter column day drop not null;
update pledge_links l set proposal_id = p.id
  from proposals p where l.path ~ '^/proposals/[0-9]{1,9}$' and p.id = substring(l.path from 12)::int;
update pledge_links l set component_id = c.id
  from components c join spaces s on s.id = c.space_id where l.path = '/s/' || s.slug || '/' || c.slug;
alter table pledge_links add constraint pledge_links_one_target check (component_id is null or proposal_id is null);
create index pledge_links_component on pledge_links (component_id) where component_id is not null;

-- Photos of communication-card entries (관련사진), in the database so every app instance and every backup has them.
-- The bytes never change after upload (the address is immutable and cached as such); alt text is required.
create table pledge_photos (
  id serial primary key,
  communication_id int not null references pledge_communications(id) on delete cascade,
  ord int not null default 0,
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'image/webp')),
  bytes bytea not null,
  size int not null,
  sha256 text not null,
  alt text not null check (length(alt) > 0),
  created_by int references persons(id),
  created_at timestamptz not null default now()
);
create index pledge_photos_communication on pledge_photos (communication_id, ord);

-- The card layout of each pledge at the moment of the snapshot (code → layout id), so the printed snapshot card
-- keeps its seed layout. Older snapshots have '{}' and print in the pledge's current layout.
alter table pledge_snapshots add column layouts jsonb not null default '{}';

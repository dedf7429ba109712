-- Double submits (issue 12): every create form carries a one-time token (platform/ui/forms.tsx), and the token is
-- stored here in the same transaction as the row the form created. A repeat of the form (a double click, a second
-- tab, a retried request) finds the token and is sent to what the first one created instead of creating it again;
-- a concurrent repeat waits on the unique key until the first commits. Rows are pruned after two days.
create table form_submissions (
  token text primary key,
  person_id int references persons(id) on delete cascade,
  location text not null default '',
  created_at timestamptz not null default now()
);
create index form_submissions_created on form_submissions (created_at);

-- When the person last proved who they are (a sign-in): sensitive acts ask for a new sign-in once this is older than
-- REAUTH_MINUTES. created_at stays the start of the session, which SESSION_MAX_HOURS bounds.
alter table sessions add column signed_in_at timestamptz not null default now();
-- Sessions open before this migration count from their sign-in, not from the upgrade (re-authentication holds at once).
update sessions set signed_in_at = created_at;

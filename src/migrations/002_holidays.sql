-- 임시공휴일 and other ad-hoc days off that administrators add at run time; the statutory holidays are data in
-- src/rules/calendar. Deadlines in working days read both.
create table adhoc_holidays (
  day date primary key,
  name text not null,
  created_at timestamptz not null default now()
);

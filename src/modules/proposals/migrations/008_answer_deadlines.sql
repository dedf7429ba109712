-- The department's answer tier: when supports reach the board's threshold the proposal enters the department's
-- queue with a due date (working days or months, by the board's settings and the city's holidays). The due date is
-- fixed when the threshold is reached, so a promise made to citizens does not move when settings change.
alter table proposals add column tier_reached_at timestamptz;
alter table proposals add column answer_due_at timestamptz;
alter table proposals add column answer_due_date date;
alter table proposals add column interim_at timestamptz;
alter table proposals add column answered_at timestamptz;
create index proposals_due on proposals (department_id, answer_due_at) where tier_reached_at is not null and answered_at is null;

-- The outcome of a final answer (채택 / 부분채택 / 불채택 / 장기검토 / 정책반영), on the answer and on the proposal.
alter table proposal_answers add column result text check (result in ('adopted', 'partially-adopted', 'not-adopted', 'long-term-review', 'policy-reflected'));
alter table proposals add column result text;

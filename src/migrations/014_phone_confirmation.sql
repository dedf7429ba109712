-- A mobile number receives notices only after its owner typed the code sent to it (본인 확인): without this anyone
-- could have a stranger's phone sent SMS at the city's cost. The code is never stored: it is derived from an HMAC of
-- (person, number, nonce) with the instance secret, and the nonce changes with every request.
alter table person_contacts add column phone_confirmed_at timestamptz;
alter table person_contacts add column phone_nonce text;
alter table person_contacts add column phone_requested_at timestamptz;
-- wrong codes typed for the current nonce; at 5 the code is spent and a new one must be asked for
alter table person_contacts add column phone_tries int not null default 0;

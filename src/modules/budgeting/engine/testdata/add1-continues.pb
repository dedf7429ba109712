META
key;value
description;Hand-written: Add1 goes on past the first exhaustive per-voter budget while the outcome stays within budget
country;Madang test data
num_projects;3
num_votes;4
budget;20
vote_type;approval
rule;equalshares/add1
PROJECTS
project_id;cost;votes
p;12;3
q;8;2
r;6;1
VOTES
voter_id;vote
v0;p
v1;p
v2;p,q
v3;q,r

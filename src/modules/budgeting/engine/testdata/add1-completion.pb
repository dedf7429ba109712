META
key;value
description;Hand-written: Add1 stops below the budget and greedy completion then adds a project equal shares could not pay for
country;Madang test data
num_projects;4
num_votes;4
budget;10
vote_type;approval
rule;equalshares/add1
PROJECTS
project_id;cost;votes
a;4;2
b;7;2
c;2;1
d;3;1
VOTES
voter_id;vote
v0;a,d
v1;a
v2;b
v3;b,c

META
key;value
description;Hand-written: greedy skips a project that does not fit, greedy-no-skip stops there
country;Madang test data
num_projects;4
num_votes;10
budget;100
vote_type;approval
rule;greedy
PROJECTS
project_id;cost;votes
a;60;7
b;50;6
c;30;4
d;20;2
VOTES
voter_id;vote
v0;a,b
v1;a,b
v2;a,b
v3;a,b
v4;a,c
v5;a,c
v6;a,d
v7;b,c
v8;b,c
v9;d

META
key;value
description;Hand-written: seven voters share three projects and three voters want one - equal shares gives the three their project
country;Madang test data
num_projects;4
num_votes;10
budget;100
vote_type;approval
rule;equalshares
PROJECTS
project_id;cost;votes
m1;40;7
m2;41;7
m3;42;7
n1;30;3
VOTES
voter_id;vote
v0;m1,m2,m3
v1;m1,m2,m3
v2;m1,m2,m3
v3;m1,m2,m3
v4;m1,m2,m3
v5;m1,m2,m3
v6;m1,m2,m3
v7;n1
v8;n1
v9;n1

// Reader/writer: quoting, BOM and decimals; malformed input fails with a line number and an expectation.
// The real Pabulib files (parse, agree with their META and columns, round-trip): pbfile.elections.test.ts.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tinyPb } from './fixtures.ts';
import { parsePb, writePb } from './pbfile.ts';
import { buildElection } from './election.ts';
import { PbFormatError } from './types.ts';
import { rat } from './rational.ts';

describe('quoting, BOM, decimals', () => {
  it('round-trips ; " and line breaks inside fields', () => {
    const text = tinyPb({ a: 10, b: 20 }, 30, [['a'], ['a', 'b']])
      .replace('project_id;cost', 'project_id;cost;name')
      .replace('a;10', 'a;10;"Zielona obwodnica; ETAP II"')
      .replace('b;20', 'b;20;"""Konikowo"" - plac\nzabaw"');
    const pb = parsePb(text);
    assert.equal(pb.projects[0].name, 'Zielona obwodnica; ETAP II');
    assert.equal(pb.projects[1].name, '"Konikowo" - plac\nzabaw');
    assert.deepEqual(parsePb(writePb(pb)), pb);
  });
  it('strips a BOM, accepts CRLF and decimal costs exactly', () => {
    const pb = parsePb('\ufeff' + tinyPb({ a: '0.9', b: '1.09' }, '4', [['a']]).replace(/\n/g, '\r\n'));
    assert.deepEqual(
      pb.projects.map((p) => p.cost),
      [rat(9, 10), rat(109, 100)],
    );
    assert.equal(buildElection(pb).scale, 100n);
  });
});

function failsAt(text: string, line: number, expected: RegExp): void {
  assert.throws(
    () => parsePb(text),
    (err: unknown) => {
      assert.ok(err instanceof PbFormatError, String(err));
      assert.equal(err.line, line, err.message);
      assert.match(err.message, expected);
      return true;
    },
  );
}

describe('malformed files', () => {
  const good = tinyPb({ a: 10, b: 20 }, 30, [['a'], ['a', 'b']]);
  // Lines: 1 META, 2 key;value, 3 num_projects, 4 num_votes, 5 budget, 6 vote_type, 7 rule,
  // 8 PROJECTS, 9 header, 10 a, 11 b, 12 VOTES, 13 header, 14 v0, 15 v1.
  it('missing META title', () => failsAt(good.replace('META\n', 'METADATA\n'), 1, /META section title/));
  it('bad budget', () => failsAt(good.replace('budget;30', 'budget;30,5'), 5, /decimal number \(with a dot/));
  it('unknown vote type', () => failsAt(good.replace('vote_type;approval', 'vote_type;ranked'), 6, /vote_type/));
  it('missing cost column', () => failsAt(good.replace('project_id;cost', 'project_id;price'), 9, /"cost" column/));
  it('negative cost', () => failsAt(good.replace('a;10', 'a;-10'), 10, /non-negative/));
  it('duplicate project', () => failsAt(good.replace('b;20', 'a;20'), 11, /project_id not used before/));
  it('wrong number of fields', () => failsAt(good.replace('b;20', 'b;20;x'), 11, /2 fields/));
  it('vote for an unknown project', () =>
    failsAt(good.replace('v1;a,b', 'v1;a,zz'), 15, /project ids from the PROJECTS/));
  it('project twice in a vote', () => failsAt(good.replace('v1;a,b', 'v1;a,a'), 15, /at most once/));
  it('duplicate voter', () => failsAt(good.replace('v1;a,b', 'v0;a,b'), 15, /voter_id not used before/));
  it('num_votes disagrees with the rows', () =>
    failsAt(good.replace('num_votes;2', 'num_votes;3'), 4, /num_votes equal to the number of rows \(2\)/));
  it('unterminated quote', () => failsAt(good.replace('a;10', 'a;"10'), 10, /closing quote/));
  it('truncated file', () => failsAt(good.slice(0, good.indexOf('VOTES')), 12, /VOTES section title/));
  it('cumulative without points', () =>
    failsAt(good.replace('vote_type;approval', 'vote_type;cumulative'), 13, /"points" column/));
  it('points that do not match the vote', () => {
    const text = good
      .replace('vote_type;approval', 'vote_type;cumulative')
      .replace('voter_id;vote', 'voter_id;vote;points')
      .replace('v0;a', 'v0;a;5')
      .replace('v1;a,b', 'v1;a,b;5');
    failsAt(text, 15, /2 comma-separated points/);
  });
});

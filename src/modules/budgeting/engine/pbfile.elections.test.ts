// Reader/writer on the real Pabulib files (npm run test:elections, PABULIB_DIR): every file parses, agrees with
// its own META and columns, and survives a round trip byte for byte.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readShared, SHARED_FILES } from './fixtures.ts';
import { parsePb, writePb } from './pbfile.ts';
import { buildElection } from './election.ts';
import { rat } from './rational.ts';

describe('shared Pabulib files', () => {
  for (const name of SHARED_FILES) {
    it(`${name}: counts, recomputed votes/score, round trip`, () => {
      const text = readShared(name);
      const pb = parsePb(text);
      assert.equal(pb.projects.length, Number(pb.meta.num_projects));
      assert.equal(pb.votes.length, Number(pb.meta.num_votes));
      const e = buildElection(pb);
      pb.projects.forEach((p, i) => {
        if (p.votes !== undefined) assert.equal(e.votes[i], p.votes, `votes of ${p.id}`);
        if (p.score !== undefined) assert.equal(e.scores[i], p.score, `score of ${p.id}`);
      });
      const written = writePb(pb);
      assert.deepEqual(parsePb(written), pb);
      // Byte for byte, apart from line endings and a missing final newline.
      assert.equal(written.trimEnd(), text.replace(/\r\n/g, '\n').trimEnd());
    });
  }
  it('typed fields: categories, target groups, voter attributes', () => {
    const pb = parsePb(readShared('Poland_Warszawa_2017_Marymont-Potok-Zoliborz_Dziennikarski.pb'));
    const p619 = pb.projects.find((p) => p.id === '619')!;
    assert.deepEqual(p619.categories, ['public space', 'urban greenery']);
    assert.deepEqual(p619.beneficiaries, []); // "None"
    assert.deepEqual(pb.projects[0].beneficiaries, ['children', 'youth', 'adults']);
    assert.deepEqual([pb.votes[0].age, pb.votes[0].sex, pb.votes[0].votingMethod], ['40', 'M', 'internet']);
    const krakow = parsePb(readShared('Poland_Krakow_2021_Bienczyce.pb'));
    assert.equal(krakow.voteType, 'ordinal');
    assert.deepEqual(krakow.votes[0].points, [3, 2, 1]);
  });
  it('Stanford file: parsed and validated, no outcome column', () => {
    const pb = parsePb(readShared('US_Stanford_Dataset_PB_Chicago_49th_Ward_2015_vote_approvals.pb'));
    assert.equal(pb.rule, 'unknown');
    assert.deepEqual(pb.budget, rat(1000000));
    assert.ok(pb.projects.every((p) => p.selected === undefined));
    assert.equal(pb.votes.length, 355);
  });
});

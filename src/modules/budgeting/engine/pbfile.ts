// Pabulib `.pb` reader and writer (format: pabulib.org "format" page, see
// shared/research/anchors-algorithms.md §1.1). The reader is strict where a lenient reading
// could change an outcome (unknown project in a vote, duplicate ids, counts that disagree)
// and throws a PbFormatError with the line number; it never returns a half-read file.
import { readRecords, writeRecord, type CsvRecord } from './csv.ts';
import { parseDecimal, toDecimalString, type Rational } from './rational.ts';
import { PbFormatError, VOTE_TYPES, type PbFile, type PbProject, type PbVote, type VoteType } from './types.ts';

const SECTIONS = ['meta', 'projects', 'votes'] as const;

function sectionName(rec: CsvRecord): string | null {
  if (rec.cells.length !== 1 && !(rec.cells.length > 1 && rec.cells.slice(1).every((c) => c === ''))) return null;
  const name = rec.cells[0].toLowerCase();
  return (SECTIONS as readonly string[]).includes(name) ? name : null;
}

/** "None" (any case) and "" mean "no value", as in the reference parser. */
function present(v: string | undefined): v is string {
  return v !== undefined && v !== '' && v.toLowerCase() !== 'none';
}

function list(v: string | undefined): string[] {
  if (!present(v)) return [];
  return v
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function intCell(v: string | undefined, line: number, what: string): number | undefined {
  if (!present(v)) return undefined;
  if (!/^[+-]?\d+$/.test(v)) throw new PbFormatError(line, `an integer in ${what}`, v);
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new PbFormatError(line, `an integer of at most 15 digits in ${what}`, v);
  return n;
}

function amount(v: string | undefined, line: number, what: string): Rational {
  if (!present(v)) throw new PbFormatError(line, `a ${what}`, v ?? '');
  const r = parseDecimal(v);
  if (r === null) {
    const hint = v.includes(',') ? ' (with a dot, not a comma)' : '';
    throw new PbFormatError(line, `a decimal number${hint} as ${what}`, v);
  }
  if (r.n < 0n) throw new PbFormatError(line, `a non-negative ${what}`, v);
  return r;
}

function header(rec: CsvRecord | undefined, section: string, required: string[], eofLine: number): string[] {
  if (!rec) throw new PbFormatError(eofLine, `the column header line of ${section}`, '<end of file>');
  const cols = rec.cells.map((c) => c.toLowerCase());
  for (const r of required) {
    if (!cols.includes(r))
      throw new PbFormatError(rec.line, `a ${section} header with a "${r}" column`, rec.cells.join(';'));
  }
  const seen = new Set<string>();
  for (const c of cols) {
    if (c === '' || seen.has(c))
      throw new PbFormatError(
        rec.line,
        `distinct, non-empty column names in the ${section} header`,
        rec.cells.join(';'),
      );
    seen.add(c);
  }
  return cols;
}

function rowFields(rec: CsvRecord, cols: string[], section: string): Record<string, string> {
  if (rec.cells.length !== cols.length) {
    throw new PbFormatError(
      rec.line,
      `${cols.length} fields separated by ";" in ${section} (${cols.join(';')})`,
      `${rec.cells.length} fields`,
    );
  }
  const out: Record<string, string> = {};
  for (let i = 0; i < cols.length; i++) out[cols[i]] = rec.cells[i];
  return out;
}

/** Reads a whole `.pb` file. Throws PbFormatError (line + expectation) on anything malformed. */
export function parsePb(text: string): PbFile {
  const recs = readRecords(text);
  const eofLine = text.split(/\r\n|\n|\r/).length;
  let i = 0;
  const expectSection = (name: string): number => {
    const rec = recs[i];
    if (!rec) throw new PbFormatError(eofLine, `the ${name.toUpperCase()} section title`, '<end of file>');
    if (sectionName(rec) !== name)
      throw new PbFormatError(rec.line, `the ${name.toUpperCase()} section title`, rec.cells.join(';'));
    i++;
    return rec.line;
  };

  // META
  expectSection('meta');
  const metaHeader = recs[i];
  if (
    !metaHeader ||
    metaHeader.cells.length !== 2 ||
    metaHeader.cells[0].toLowerCase() !== 'key' ||
    metaHeader.cells[1].toLowerCase() !== 'value'
  ) {
    throw new PbFormatError(
      metaHeader?.line ?? eofLine,
      'the META header "key;value"',
      metaHeader?.cells.join(';') ?? '<end of file>',
    );
  }
  i++;
  const meta: Record<string, string> = {};
  const metaLine: Record<string, number> = {};
  while (i < recs.length && sectionName(recs[i]) === null) {
    const rec = recs[i++];
    if (rec.cells.length !== 2)
      throw new PbFormatError(
        rec.line,
        'a META line "key;value" (quote a value that contains ";")',
        rec.cells.join(';'),
      );
    const key = rec.cells[0].toLowerCase();
    if (key === '') throw new PbFormatError(rec.line, 'a non-empty META key', rec.cells.join(';'));
    if (key in meta) throw new PbFormatError(rec.line, `META key "${key}" only once`, rec.cells.join(';'));
    meta[key] = rec.cells[1];
    metaLine[key] = rec.line;
  }
  const budget = amount(meta.budget, metaLine.budget ?? eofLine, 'META budget');
  const vt = (meta.vote_type ?? '').toLowerCase();
  if (!(VOTE_TYPES as readonly string[]).includes(vt)) {
    throw new PbFormatError(
      metaLine.vote_type ?? eofLine,
      `META vote_type, one of ${VOTE_TYPES.join(', ')}`,
      meta.vote_type ?? '<missing>',
    );
  }
  const voteType = vt as VoteType;

  // PROJECTS
  expectSection('projects');
  const projectColumns = header(recs[i++], 'PROJECTS', ['project_id', 'cost'], eofLine);
  const projects: PbProject[] = [];
  const projectIds = new Set<string>();
  while (i < recs.length && sectionName(recs[i]) === null) {
    const rec = recs[i++];
    const f = rowFields(rec, projectColumns, 'PROJECTS');
    const id = f.project_id;
    if (id === '') throw new PbFormatError(rec.line, 'a project_id', '');
    if (projectIds.has(id)) throw new PbFormatError(rec.line, `a project_id not used before`, id);
    projectIds.add(id);
    const cost = amount(f.cost, rec.line, `cost of project ${id}`);
    delete f.project_id;
    delete f.cost;
    const p: PbProject = {
      id,
      cost,
      categories: list(f.category ?? f.categories),
      beneficiaries: list(f.beneficiaries ?? f.target ?? f.targets),
      fields: f,
    };
    if (present(f.name)) p.name = f.name;
    const sel = intCell(f.selected, rec.line, 'selected');
    if (sel !== undefined) p.selected = sel;
    const votes = intCell(f.votes, rec.line, 'votes');
    if (votes !== undefined) p.votes = votes;
    const score = intCell(f.score, rec.line, 'score');
    if (score !== undefined) p.score = score;
    projects.push(p);
  }

  // VOTES
  expectSection('votes');
  const voteColumns = header(recs[i++], 'VOTES', ['voter_id', 'vote'], eofLine);
  const hasPoints = voteColumns.includes('points');
  if ((voteType === 'cumulative' || voteType === 'scoring') && !hasPoints) {
    throw new PbFormatError(recs[i - 1].line, `a "points" column for ${voteType} ballots`, voteColumns.join(';'));
  }
  const votes: PbVote[] = [];
  const voterIds = new Set<string>();
  while (i < recs.length) {
    const rec = recs[i++];
    if (sectionName(rec) !== null)
      throw new PbFormatError(rec.line, 'a VOTES line or the end of the file', rec.cells.join(';'));
    const f = rowFields(rec, voteColumns, 'VOTES');
    const voterId = f.voter_id;
    if (voterId === '') throw new PbFormatError(rec.line, 'a voter_id', '');
    if (voterIds.has(voterId)) throw new PbFormatError(rec.line, 'a voter_id not used before', voterId);
    voterIds.add(voterId);
    const ids = list(f.vote);
    const seen = new Set<string>();
    for (const id of ids) {
      if (!projectIds.has(id)) throw new PbFormatError(rec.line, 'project ids from the PROJECTS section in "vote"', id);
      if (seen.has(id)) throw new PbFormatError(rec.line, 'each project at most once in "vote"', id);
      seen.add(id);
    }
    const v: PbVote = { voterId, projects: ids, fields: f };
    if (hasPoints && (present(f.points) || ids.length > 0)) {
      const pts = list(f.points);
      if (pts.length !== ids.length)
        throw new PbFormatError(rec.line, `${ids.length} comma-separated points, one per project in "vote"`, f.points);
      v.points = pts.map((s) => {
        const n = intCell(s, rec.line, 'points');
        if (n === undefined) throw new PbFormatError(rec.line, 'an integer in points', s);
        return n;
      });
    }
    delete f.voter_id;
    delete f.vote;
    delete f.points;
    if (present(f.age)) v.age = f.age;
    if (present(f.sex)) v.sex = f.sex;
    if (present(f.voting_method)) v.votingMethod = f.voting_method;
    const nb = f.neighborhood ?? f.neighbourhood;
    if (present(nb)) v.neighborhood = nb;
    votes.push(v);
  }

  // Counts in META must agree with the data: a mismatch means a truncated or edited file.
  for (const [key, actual] of [
    ['num_projects', projects.length],
    ['num_votes', votes.length],
  ] as const) {
    if (present(meta[key])) {
      const declared = intCell(meta[key], metaLine[key], key);
      if (declared !== actual)
        throw new PbFormatError(metaLine[key], `${key} equal to the number of rows (${actual})`, meta[key]);
    }
  }
  return {
    meta,
    budget,
    voteType,
    rule: present(meta.rule) ? meta.rule : 'unknown',
    projectColumns,
    voteColumns,
    projects,
    votes,
  };
}

function projectCell(p: PbProject, col: string): string {
  switch (col) {
    case 'project_id':
      return p.id;
    case 'cost':
      return toDecimalString(p.cost);
    default:
      return p.fields[col] ?? '';
  }
}

function voteCell(v: PbVote, col: string): string {
  switch (col) {
    case 'voter_id':
      return v.voterId;
    case 'vote':
      return v.projects.join(',');
    case 'points':
      return v.points ? v.points.join(',') : '';
    default:
      return v.fields[col] ?? '';
  }
}

/**
 * Writes a `.pb` file. `meta`, columns and `fields` are written as read; the counts are
 * recomputed, and ids, costs, votes and points come from the typed properties.
 */
export function writePb(file: PbFile, eol = '\n'): string {
  const lines: string[] = ['META', 'key;value'];
  const meta = { ...file.meta };
  meta.budget = toDecimalString(file.budget);
  meta.vote_type = file.voteType;
  if ('num_projects' in meta) meta.num_projects = String(file.projects.length);
  if ('num_votes' in meta) meta.num_votes = String(file.votes.length);
  for (const [k, v] of Object.entries(meta)) lines.push(writeRecord([k, v]));
  lines.push('PROJECTS', writeRecord(file.projectColumns));
  for (const p of file.projects) lines.push(writeRecord(file.projectColumns.map((c) => projectCell(p, c))));
  lines.push('VOTES', writeRecord(file.voteColumns));
  for (const v of file.votes) lines.push(writeRecord(file.voteColumns.map((c) => voteCell(v, c))));
  return lines.join(eol) + eol;
}

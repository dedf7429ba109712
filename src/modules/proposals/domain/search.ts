// Korean-aware text normalisation for search and duplicate detection.
//
// Korean spacing is inconsistent ("버스정류장" / "버스 정류장"), so search compares text with
// spaces and punctuation removed. 초성 search ("ㅂㅅㅈㄹㅈ" finds "버스 정류장") compares the
// initial consonants. Duplicate detection compares *jamo* trigrams: a syllable trigram is
// too coarse for Korean (one different syllable breaks three trigrams), while jamo
// trigrams survive small differences such as particles and 받침 typos.
//
// The functions produce the strings stored in indexed columns, so PostgreSQL (pg_trgm GIN
// indexes) and this module agree; `similarity` reproduces pg_trgm's measure for tests and
// for ranking small candidate lists in memory.
import { canBeChoseong, disassemble, getChoseong } from 'es-hangul';

/** NFC, full-width ASCII folded, lower-case, then only letters and digits kept. Not NFKC: it
 * would turn compatibility jamo (ㄱ U+3131) into conjoining jamo and break 초성 queries. */
export function normalizeForSearch(text: string): string {
  const folded = text
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toLowerCase();
  return folded.replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Initial consonants of the Hangul syllables; letters and digits of other scripts dropped,
 * compatibility jamo already typed as jamo kept ("ㅋㅋ"). */
export function choseongOf(text: string): string {
  return [...getChoseong(normalizeForSearch(text))].filter((ch) => canBeChoseong(ch)).join('');
}

/** Jamo string of the normalised text ("값" → "ㄱㅏㅂㅅ"). */
export function jamoOf(text: string): string {
  return disassemble(normalizeForSearch(text));
}

const COMPAT_JAMO = /[\u3131-\u318E]/;

/** A query made only of 초성 (at least one), spaces allowed: "ㅂㅅ ㅈㄹㅈ". */
export function isChoseongQuery(query: string): boolean {
  const q = query.replace(/\s+/g, '');
  return q.length > 0 && [...q].every((ch) => canBeChoseong(ch));
}

/** Does a title (or any text) match a search query?
 * - only 초성: the text's 초성 string contains the query's;
 * - otherwise partial-word match on normalised text ("정류" finds "버스 정류장");
 * - a query ending in a half-typed syllable ("버ㅅ") matches on jamo. */
export function matches(query: string, text: string): boolean {
  const q = normalizeForSearch(query);
  if (q.length === 0) return true;
  if (isChoseongQuery(query)) return choseongOf(text).includes(q);
  if (normalizeForSearch(text).includes(q)) return true;
  return COMPAT_JAMO.test(q) && jamoOf(text).includes(disassemble(q));
}

/** Columns to store with each proposal, each with a pg_trgm GIN index:
 * `title_norm`/`body_norm` for partial-word search (ILIKE '%…%' uses the trigram index),
 * `title_choseong` for 초성 search, `title_jamo` for duplicate similarity. */
export interface SearchColumns {
  titleNorm: string;
  titleChoseong: string;
  titleJamo: string;
  bodyNorm: string;
}

/** The body is capped: searching the first few thousand characters is enough and keeps the
 * index small at 100,000 proposals. */
export function searchColumns(title: string, body: string, bodyCap = 4000): SearchColumns {
  return {
    titleNorm: normalizeForSearch(title),
    titleChoseong: choseongOf(title),
    titleJamo: jamoOf(title),
    bodyNorm: normalizeForSearch(body).slice(0, bodyCap),
  };
}

/** What to compare a query with, and against which column. The caller escapes % and _ for LIKE. */
export function searchPlan(
  query: string,
): { column: 'title_choseong' | 'title_norm' | 'title_jamo'; needle: string } | null {
  const q = normalizeForSearch(query);
  if (!q) return null;
  if (isChoseongQuery(query)) return { column: 'title_choseong', needle: q };
  if (COMPAT_JAMO.test(q)) return { column: 'title_jamo', needle: disassemble(q) };
  return { column: 'title_norm', needle: q };
}

/** Trigrams as pg_trgm makes them for one word: padded with two spaces before and one after. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  if (!s) return out;
  const chars = ['  ', ...s, ' '].join('');
  const cps = [...chars];
  for (let i = 0; i + 3 <= cps.length; i++) out.add(cps.slice(i, i + 3).join(''));
  return out;
}

/** pg_trgm `similarity`: shared trigrams / all distinct trigrams, 0..1. */
export function similarity(a: string, b: string): number {
  const ta = trigrams(a),
    tb = trigrams(b);
  if (ta.size === 0 && tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

export interface DuplicateCandidate<T> {
  item: T;
  score: number;
}

/** Existing proposals similar to a draft title, best first, for "support this one instead".
 * In production the database pre-selects with `title_jamo % $1` (pg_trgm); this ranks. The
 * default cut-off 0.3 is pg_trgm's default `similarity_threshold`. */
export function duplicateCandidates<T extends { title: string }>(
  draftTitle: string,
  existing: readonly T[],
  opts: { minScore?: number; limit?: number } = {},
): DuplicateCandidate<T>[] {
  const min = opts.minScore ?? 0.3;
  const draft = jamoOf(draftTitle);
  return existing
    .map((item) => ({ item, score: similarity(draft, jamoOf(item.title)) }))
    .filter((c) => c.score >= min)
    .sort((a, b) => b.score - a.score)
    .slice(0, opts.limit ?? 5);
}

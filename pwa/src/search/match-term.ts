import type { CompiledTerm } from './compile-term.js';

/** Where a query matched inside a term, in compiled characters: [start, end). */
export interface TermMatch {
  start: number;
  end: number;
}

let scratch = new Int16Array(256);

/** Two-letter initials people type for 知 / 吃 / 是. */
const DOUBLE_INITIALS = ['zh', 'ch', 'sh'];

/**
 * Matches a normalised query against a term, anywhere in it. The query is
 * consumed character by character of the term, contiguously; each term
 * character takes one piece of the query:
 * - the character itself (营, or a letter or digit),
 * - its full syllable (ying),
 * - its initial (y, or zh / ch / sh),
 * - a prefix of its syllable (yin), only as the last piece.
 * Returns the match starting earliest, ending latest (so an exact or prefix
 * match is found when there is one), or null.
 */
export function matchTerm(term: CompiledTerm, query: string): TermMatch | null {
  const n = term.chars.length;
  if (query.length === 0 || n === 0) return null;
  const first = query[0];
  // Memo of furthest end from (query index, term index); -2 = not computed yet.
  // One buffer, reused: a search calls this for thousands of terms.
  const size = (query.length + 1) * (n + 1);
  if (scratch.length < size) scratch = new Int16Array(Math.max(size, scratch.length * 2));
  const memo = scratch.fill(-2, 0, size);
  for (let start = 0; start < n; start += 1) {
    if (term.chars[start] !== first && term.syllables[start][0] !== first) continue;
    const end = furthestEnd(term, query, 0, start, memo);
    if (end >= 0) return { start, end };
  }
  return null;
}

/** Furthest term index the rest of the query can reach from term index `ti`, or -1. */
function furthestEnd(term: CompiledTerm, query: string, qi: number, ti: number, memo: Int16Array): number {
  if (qi === query.length) return ti;
  if (ti === term.chars.length) return -1;
  const key = qi * (term.chars.length + 1) + ti;
  if (memo[key] !== -2) return memo[key];

  const char = term.chars[ti];
  const syllable = term.syllables[ti];
  let best = -1;
  const tryNext = (consumed: number) => {
    best = Math.max(best, furthestEnd(term, query, qi + consumed, ti + 1, memo));
  };

  if (query.startsWith(char, qi)) tryNext(char.length);
  if (syllable !== char) {
    if (query.startsWith(syllable, qi)) tryNext(syllable.length);
    if (query[qi] === syllable[0]) tryNext(1);
    const double = syllable.slice(0, 2);
    if (syllable.length > 2 && DOUBLE_INITIALS.includes(double) && query.startsWith(double, qi)) tryNext(2);
    // The last piece may be any prefix of the syllable: typing is still going on.
    const rest = query.length - qi;
    if (rest < syllable.length && syllable.startsWith(query.slice(qi))) best = Math.max(best, ti + 1);
  }
  memo[key] = best;
  return best;
}

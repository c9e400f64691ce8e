import type { GuideDoc, SearchTerm } from '../../../sync-protocol/index.js';
import { compileTerm, type CompiledTerm } from './compile-term.js';
import { matchTerm } from './match-term.js';
import { normalizeQuery } from './normalize.js';

/** Where a term comes from, best first: the guide's name, what people call it, everything else. */
export type TermField = 'name' | 'keyword' | 'other';
const FIELD_RANK: Record<TermField, number> = { name: 0, keyword: 1, other: 2 };

/** How a match sits in its term, best first. */
export type MatchPosition = 'exact' | 'prefix' | 'infix';
const POSITION_RANK: Record<MatchPosition, number> = { exact: 0, prefix: 1, infix: 2 };

/** What the index needs of a guide. */
export type SearchableGuide = Pick<GuideDoc, 'id' | 'name' | 'keywords' | 'search'> & Partial<Pick<GuideDoc, 'department' | 'lifeEvents' | 'materials'>>;

/** One guide found, with the term that matched for highlighting. */
export interface SearchHit {
  guideId: string;
  /** The matched term's text as published, e.g. 营业执照. */
  term: string;
  field: TermField;
  position: MatchPosition;
  /** The matched part of `term`, in code points: [start, end). */
  start: number;
  end: number;
}

export interface SearchIndex {
  readonly size: number;
  /** Guides matching the query, best first; [] for an empty query. */
  search(query: string, limit?: number): SearchHit[];
}

interface Owner {
  guide: number;
  field: TermField;
}

/**
 * Builds the index once from the guides' search terms (computed by the
 * gateway). Identical terms are compiled once (many guides share a
 * department or a material), and every term is listed under each letter or
 * character a match can start with, so a query only looks at terms that can
 * match its first character.
 */
export function buildSearchIndex(guides: readonly SearchableGuide[]): SearchIndex {
  const terms: CompiledTerm[] = [];
  const owners: Owner[][] = [];
  const termIds = new Map<string, number>();
  const starts = new Map<string, number[]>();

  guides.forEach((guide, guideIndex) => {
    for (const term of termsOf(guide)) {
      let id = termIds.get(term.text);
      if (id === undefined) {
        id = terms.length;
        termIds.set(term.text, id);
        const compiled = compileTerm(term);
        terms.push(compiled);
        owners.push([]);
        for (const head of new Set([...compiled.chars, ...compiled.syllables.map((s) => s[0])])) {
          const list = starts.get(head) ?? [];
          list.push(id);
          starts.set(head, list);
        }
      }
      owners[id].push({ guide: guideIndex, field: fieldOf(guide, term.text) });
    }
  });

  type Found = Map<number, { hit: SearchHit; rank: number; length: number }>;

  /** Each guide's best-matching term for one normalised query. */
  const find = (query: string): Found => {
    const best: Found = new Map();
    for (const id of starts.get(query[0]) ?? []) {
      const term = terms[id];
      const match = matchTerm(term, query);
      if (!match) continue;
      const position: MatchPosition = match.start > 0 ? 'infix' : match.end === term.chars.length ? 'exact' : 'prefix';
      for (const owner of owners[id]) {
        const rank = FIELD_RANK[owner.field] * 3 + POSITION_RANK[position];
        const current = best.get(owner.guide);
        if (current && (current.rank < rank || (current.rank === rank && current.length <= term.chars.length))) continue;
        best.set(owner.guide, {
          rank,
          length: term.chars.length,
          hit: {
            guideId: guides[owner.guide].id,
            term: term.text,
            field: owner.field,
            position,
            start: term.offsets[match.start],
            end: term.offsets[match.end - 1] + 1,
          },
        });
      }
    }
    return best;
  };

  return {
    size: guides.length,
    search(raw, limit = Infinity) {
      const query = normalizeQuery(raw);
      if (!query) return [];
      const found = find(query);
      // "营业执照 遂昌": words typed apart may sit in different terms of one
      // guide (its name and its department). Such guides come after those
      // matching the whole query in one term, ranked by their first word.
      const words = raw.split(WORD_BREAK).map(normalizeQuery).filter(Boolean);
      if (words.length > 1) {
        const perWord = words.map(find);
        for (const [guide, entry] of perWord[0]) {
          if (found.has(guide) || !perWord.every((w) => w.has(guide))) continue;
          found.set(guide, { ...entry, rank: entry.rank + SPLIT_PENALTY });
        }
      }
      return [...found.entries()]
        .sort(([ga, a], [gb, b]) => a.rank - b.rank || a.length - b.length || ga - gb)
        .slice(0, limit)
        .map(([, entry]) => entry.hit);
    },
  };
}

/** Where a typed query splits into words: spaces (half- or full-width) and list punctuation. */
const WORD_BREAK = /[\s,，、;；]+/u;
/** Ranks a guide matched word by word after every guide matched by a single term. */
const SPLIT_PENALTY = 100;

/** The guide's published terms; an older guide without them is searched by its own texts, Chinese only. */
function termsOf(guide: SearchableGuide): SearchTerm[] {
  if (guide.search?.terms.length) return guide.search.terms;
  const texts = [guide.name, ...(guide.keywords ?? []), guide.department, ...(guide.lifeEvents ?? []), ...(guide.materials ?? []).map((m) => m.name)];
  return [...new Set(texts.filter((t): t is string => Boolean(t)))].map((text) => ({ text, syllables: [] }));
}

function fieldOf(guide: SearchableGuide, text: string): TermField {
  if (text === guide.name) return 'name';
  if (guide.keywords?.includes(text)) return 'keyword';
  return 'other';
}

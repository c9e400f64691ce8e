export { buildSearchIndex, type MatchPosition, type SearchableGuide, type SearchHit, type SearchIndex, type TermField } from './search-index.js';
export { normalizeQuery } from './normalize.js';

/**
 * @module crdt/search
 * Search across every cartella on the device by name, codice fiscale and text (diary,
 * relazioni, verbali, valutazioni, segretariato), built on the device and stored only sealed
 * for it. See docs/SEARCH.md.
 */
export { SearchIndex, buildSearchIndex, isRevision, type CartellaToIndex } from './searchIndex';
export { storeSearchIndex, restoreSearchIndex, type RestoredSearchIndex } from './storage';
export {
  encodeSearchIndex, parseSearchIndex, SEARCH_INDEX_FORMAT_VERSION, SEARCH_INDEX_LIMITS, type SearchIndexErrorCode,
} from './serialize';
export { revisioneCartella } from './revision';
export { queryTerms, foldWord, MAX_QUERY_TERMS, MAX_TERM_CHARS } from './tokens';
export { MIN_CF_TERM, DEFAULT_LIMIT, DEFAULT_HITS_PER_CARTELLA } from './query';
export { SEARCH_WHERE, type SearchWhere, type SearchField, type SearchUnit } from './units';
export {
  MATCH_RANKS, type MatchRank, type SearchHit, type CartellaMatch, type SearchResults, type SearchOptions, type Snippet,
  type SnippetPart,
} from './types';

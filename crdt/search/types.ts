/**
 * @module crdt/search/types
 * Owns the shape of search results (docs/SEARCH.md, "Results"): cartelle in rank order, each
 * with where it matched and a short snippet per place, the matched words marked. Plain values
 * with no markup: the screen decides how to show a mark.
 */
import type { CartellaId, DataIso } from '../model';
import type { SearchField, SearchWhere } from './units';

/** A piece of a snippet; `match` pieces are the words that matched a query term. */
export interface SnippetPart {
  readonly text: string;
  readonly match: boolean;
}

/** A short extract of a text around its matches, whitespace collapsed to single spaces. */
export interface Snippet {
  readonly parts: readonly SnippetPart[];
  /** Text was left out before the first part (show an ellipsis). */
  readonly cutStart: boolean;
  /** Text was left out after the last part. */
  readonly cutEnd: boolean;
}

/**
 * Why a cartella matched, best first: the person's codice fiscale exactly, a household member's
 * exactly, part of the person's codice fiscale, the person's name, a household member's name
 * or partial codice fiscale, some text of the cartella; `spread`: no single place holds every
 * term, the cartella as a whole does.
 */
export type MatchRank = 'cf_exact' | 'cf_exact_nucleo' | 'cf_partial' | 'name' | 'nucleo' | 'text' | 'spread';

/** Every `MatchRank`, best first. */
export const MATCH_RANKS: readonly MatchRank[] = ['cf_exact', 'cf_exact_nucleo', 'cf_partial', 'name', 'nucleo', 'text', 'spread'];

/** One place of a cartella that matched. */
export interface SearchHit {
  readonly where: SearchWhere;
  /** Diary entry, relazione, verbale, valutazione or household member id; null for anagrafica and segretariato. */
  readonly id: string | null;
  /** The day of the entry (diary, verbale, valutazione, segretariato access; a relazione's definitive day). */
  readonly data: DataIso | null;
  /** The text the snippet comes from. */
  readonly field: SearchField;
  /** This place alone holds every term of the query. */
  readonly complete: boolean;
  readonly snippet: Snippet;
}

/** A cartella that matched the query. */
export interface CartellaMatch {
  readonly cartellaId: CartellaId;
  /** "Cognome Nome" of the person ('' when not recorded yet). */
  readonly nominativo: string;
  readonly codiceFiscale: string | null;
  readonly rank: MatchRank;
  /** The best places, at most `hitsPerCartella`. */
  readonly hits: readonly SearchHit[];
  /** How many places matched in all. */
  readonly totalHits: number;
}

/** The answer to a query. */
export interface SearchResults {
  /** The folded terms the query was read as (empty: nothing to search). */
  readonly terms: readonly string[];
  /** How many cartelle matched in all (more than `cartelle.length` when cut at `limit`). */
  readonly total: number;
  readonly cartelle: readonly CartellaMatch[];
}

/** Options of a query. */
export interface SearchOptions {
  /** Most cartelle returned: 1..1000, default 50. */
  readonly limit?: number;
  /** Most hits per cartella: 1..50, default 3. */
  readonly hitsPerCartella?: number;
  /** Search only these places (default: all). */
  readonly where?: readonly SearchWhere[];
}

/**
 * @module crdt/search/searchIndex
 * Owns the search index of a device: every cartella it holds, cut into units (units.ts),
 * with the inverted index over their terms (postings.ts). Updating one cartella touches only
 * that cartella's units and postings; a full build is the same update for every cartella.
 * The index lives in memory; `encodeSearchIndex` gives its bytes only for sealing
 * (storage.ts), never for writing as they are.
 */
import { comeCartellaId, type VistaCartella } from '../model';
import { indexCartella, termDelta, type IndexedCartella } from './indexed';
import { Postings } from './postings';
import { runQuery } from './query';
import type { SearchOptions, SearchResults } from './types';
import { unitsOfView, type SearchUnit } from './units';

/** A revision: 1..200 characters of base64url or '.', as `revisioneCartella` makes them. */
const REVISION = /^[A-Za-z0-9_.-]{1,200}$/;

/** Whether a revision string is acceptable (the caller's opaque version of a cartella's documents). */
export function isRevision(v: unknown): v is string {
  return typeof v === 'string' && REVISION.test(v);
}

/** What a caller hands over to index a cartella. */
export interface CartellaToIndex {
  readonly id: string;
  readonly view: VistaCartella;
  /** The documents' revision (`revisioneCartella`), to skip unchanged cartelle after a restart. */
  readonly revision?: string;
}

export class SearchIndex {
  readonly #cartelle = new Map<string, IndexedCartella>();
  readonly #postings = new Postings();

  /**
   * Indexes (or re-indexes) one cartella from its current view. Only what changed since the
   * last update of this cartella is re-tokenised.
   * @throws RangeError on an invalid cartella id or revision (programming errors).
   */
  update(cartellaId: string, view: VistaCartella, revision?: string): void {
    this.updateUnits(cartellaId, unitsOfView(view), revision);
  }

  /**
   * Indexes a cartella from its units (what `update` does after reading the view; also how a
   * restored index is filled).
   * @throws RangeError on an invalid cartella id or revision.
   */
  updateUnits(cartellaId: string, units: readonly SearchUnit[], revision?: string): void {
    if (comeCartellaId(cartellaId) === undefined) throw new RangeError(`not a cartella id: ${String(cartellaId)}`);
    if (revision !== undefined && !isRevision(revision)) throw new RangeError('not a revision');
    const before = this.#cartelle.get(cartellaId);
    const after = indexCartella(cartellaId, units, revision ?? null, before, (t) => this.#postings.canonical(t));
    this.#postings.apply(cartellaId, termDelta(before, after));
    this.#cartelle.set(cartellaId, after);
  }

  /** Drops a cartella (no longer on the device). Returns whether it was indexed. */
  remove(cartellaId: string): boolean {
    const before = this.#cartelle.get(cartellaId);
    if (!before) return false;
    this.#postings.apply(cartellaId, termDelta(before, undefined));
    this.#cartelle.delete(cartellaId);
    return true;
  }

  /** Whether the cartella is indexed. */
  has(cartellaId: string): boolean {
    return this.#cartelle.has(cartellaId);
  }

  /**
   * The revision the cartella was indexed at: null when indexed without one, undefined when not
   * indexed. Re-index when it differs from the documents' current revision.
   */
  revision(cartellaId: string): string | null | undefined {
    return this.#cartelle.get(cartellaId)?.revision;
  }

  /** Ids of the indexed cartelle, sorted. */
  ids(): string[] {
    return [...this.#cartelle.keys()].sort();
  }

  /** Number of indexed cartelle. */
  get size(): number {
    return this.#cartelle.size;
  }

  /** Number of distinct terms (for measurements). */
  get terms(): number {
    return this.#postings.size;
  }

  /** Finds cartelle by name, codice fiscale and text (docs/SEARCH.md). Never throws on any query text. */
  query(text: string, options?: SearchOptions): SearchResults {
    return runQuery(this.#cartelle, this.#postings, typeof text === 'string' ? text : '', options);
  }

  /** The indexed cartelle, sorted by id: what `encodeSearchIndex` writes. */
  *entries(): IterableIterator<{ readonly id: string; readonly revision: string | null; readonly units: readonly SearchUnit[] }> {
    for (const id of this.ids()) {
      const c = this.#cartelle.get(id) as IndexedCartella;
      yield { id, revision: c.revision, units: c.units.map((u) => u.unit) };
    }
  }

  /** Every (term, cartella, unit count) of the inverted index, sorted: for tests comparing two indexes. */
  postingsSnapshot(): string[] {
    return [...this.#postings.entries()].map(([t, id, n]) => `${t}\u0000${id}\u0000${n}`).sort();
  }
}

/** A new index of the given cartelle (a full build). */
export function buildSearchIndex(cartelle: Iterable<CartellaToIndex>): SearchIndex {
  const index = new SearchIndex();
  for (const c of cartelle) index.update(c.id, c.view, c.revision);
  return index;
}

/**
 * @module crdt/search/postings
 * Owns the inverted index: for each term, the cartelle holding it (with how many of their
 * units do, so a cartella leaves a term's list exactly when its last unit with the term goes),
 * and the sorted vocabulary that turns a prefix into a range of terms. Small changes are
 * spliced into the vocabulary; a large batch (a full build) just marks it for one sort.
 */
import { lowerBound } from './tokens';

/** Beyond this many new or vanished terms in one change, the vocabulary is re-sorted lazily. */
const SPLICE_LIMIT = 256;

export class Postings {
  readonly #byTerm = new Map<string, Map<string, number>>();
  /** term → the string instance first indexed for it. */
  readonly #canonical = new Map<string, string>();
  #sorted: string[] | null = [];

  /** Applies a cartella's term count changes (see `termDelta`). */
  apply(cartellaId: string, delta: ReadonlyMap<string, number>): void {
    const added: string[] = [];
    const removed: string[] = [];
    for (const [term, d] of delta) {
      if (d === 0) continue;
      let holders = this.#byTerm.get(term);
      if (holders === undefined) {
        holders = new Map();
        this.#byTerm.set(term, holders);
        this.#canonical.set(term, term);
        added.push(term);
      }
      const count = (holders.get(cartellaId) ?? 0) + d;
      if (count > 0) holders.set(cartellaId, count);
      else holders.delete(cartellaId);
      if (holders.size === 0) {
        this.#byTerm.delete(term);
        this.#canonical.delete(term);
        removed.push(term);
      }
    }
    this.#updateVocabulary(added, removed);
  }

  #updateVocabulary(added: readonly string[], removed: readonly string[]): void {
    if (this.#sorted === null || added.length + removed.length === 0) return;
    if (added.length + removed.length > SPLICE_LIMIT) {
      this.#sorted = null;
      return;
    }
    const v = this.#sorted;
    for (const t of removed) {
      const i = lowerBound(v, t);
      if (v[i] === t) v.splice(i, 1);
    }
    for (const t of added) {
      const i = lowerBound(v, t);
      if (v[i] !== t) v.splice(i, 0, t);
    }
  }

  /** The sorted vocabulary (sorted now if a large change left it stale). */
  vocabulary(): readonly string[] {
    if (this.#sorted === null) this.#sorted = [...this.#byTerm.keys()].sort();
    return this.#sorted;
  }

  /** Ids of the cartelle holding a term that starts with `prefix`, added to `into`. */
  cartelleWithPrefix(prefix: string, into: Set<string>): void {
    const v = this.vocabulary();
    for (let i = lowerBound(v, prefix); i < v.length; i++) {
      const term = v[i] as string;
      if (!term.startsWith(prefix)) break;
      for (const id of (this.#byTerm.get(term) ?? new Map<string, number>()).keys()) into.add(id);
    }
  }

  /**
   * The instance of `term` already held as a key, or `term` itself: units share one string per
   * term instead of each keeping its own copy (most of the index's memory otherwise).
   */
  canonical(term: string): string {
    return this.#canonical.get(term) ?? term;
  }

  /** Number of distinct terms. */
  get size(): number {
    return this.#byTerm.size;
  }

  /** Every (term, cartella, count), for tests comparing two indexes. */
  *entries(): IterableIterator<readonly [string, string, number]> {
    for (const [term, holders] of this.#byTerm) for (const [id, n] of holders) yield [term, id, n];
  }
}

/**
 * @module crdt/search/indexed
 * Owns the in-memory form of an indexed cartella: its units, each with its distinct terms
 * sorted (so a term is matched by binary search) and its folded codici fiscali. A unit whose
 * content did not change keeps its indexed form across updates, so updating a cartella after
 * one keystroke re-tokenises one diary entry, not the whole diary.
 */
import { distinctTerms, foldCodiceFiscale } from './tokens';
import { sameUnit, unitKey, type SearchUnit } from './units';

/** A unit with what matching needs. */
export interface IndexedUnit {
  readonly unit: SearchUnit;
  /** Distinct folded terms of its word-matched fields, sorted. */
  readonly terms: readonly string[];
  /** Its folded codice fiscale ('' when none). */
  readonly cf: string;
}

/** A cartella as the index holds it. */
export interface IndexedCartella {
  readonly id: string;
  /** The caller's revision of the documents it was indexed from (docs/SEARCH.md, "Staleness"). */
  readonly revision: string | null;
  readonly units: readonly IndexedUnit[];
  /** "Cognome Nome" of the person ('' when unknown). */
  readonly nominativo: string;
  /** The person's codice fiscale as written, or null. */
  readonly codiceFiscale: string | null;
  /** Folded name, for ordering results. */
  readonly sortKey: string;
}

/** Maps a term to a shared instance of the same string (see `Postings.canonical`). */
export type Canonical = (term: string) => string;
const asIs: Canonical = (t) => t;

/** Indexes one unit. */
export function indexUnit(unit: SearchUnit, canonical: Canonical = asIs): IndexedUnit {
  const words: string[] = [];
  let cf = '';
  for (const f of unit.fields) {
    if (f.field === 'codiceFiscale') cf = foldCodiceFiscale(f.text);
    else words.push(f.text);
  }
  return { unit, terms: distinctTerms(words).map(canonical), cf };
}

/**
 * Indexes a cartella's units, reusing the indexed form of every unit of `previous` whose
 * content is unchanged (same key, same texts).
 */
export function indexCartella(
  id: string, units: readonly SearchUnit[], revision: string | null, previous?: IndexedCartella, canonical: Canonical = asIs,
): IndexedCartella {
  const before = new Map<string, IndexedUnit>();
  if (previous) for (const u of previous.units) before.set(unitKey(u.unit), u);
  const indexed = units.map((u) => {
    const old = before.get(unitKey(u));
    return old && sameUnit(old.unit, u) ? old : indexUnit(u, canonical);
  });
  const anagrafica = units.find((u) => u.where === 'anagrafica');
  const nominativo = anagrafica?.fields.find((f) => f.field === 'nominativo')?.text ?? '';
  const codiceFiscale = anagrafica?.fields.find((f) => f.field === 'codiceFiscale')?.text ?? null;
  return {
    id,
    revision,
    units: indexed,
    nominativo,
    codiceFiscale,
    // Unnamed cartelle sort last.
    sortKey: nominativo === '' ? '\uffff' : nominativo.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
  };
}

/**
 * How the term counts of a cartella change from `before` to `after`: +1 for each unit that
 * gained a term, -1 for each that lost it. Units shared by both (same object) cancel out and
 * are not even looked at.
 */
export function termDelta(before: IndexedCartella | undefined, after: IndexedCartella | undefined): Map<string, number> {
  const delta = new Map<string, number>();
  const kept = new Set<IndexedUnit>(after?.units ?? []);
  const had = new Set<IndexedUnit>(before?.units ?? []);
  for (const u of before?.units ?? []) {
    if (kept.has(u)) continue;
    for (const t of u.terms) delta.set(t, (delta.get(t) ?? 0) - 1);
  }
  for (const u of after?.units ?? []) {
    if (had.has(u)) continue;
    for (const t of u.terms) delta.set(t, (delta.get(t) ?? 0) + 1);
  }
  return delta;
}

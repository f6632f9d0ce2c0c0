/**
 * @module crdt/search/query
 * Owns matching and ranking (docs/SEARCH.md, "Matching", "Ranking"). A query is a list of
 * terms; a cartella matches when every term is found somewhere in it — as the prefix of a word,
 * or (from `MIN_CF_TERM` characters) inside a codice fiscale. The inverted index narrows the
 * candidates; each candidate's units are then matched by binary search over their terms, ranked,
 * and only the hits returned get a snippet.
 */
import type { CartellaId, DataIso } from '../model';
import type { IndexedCartella, IndexedUnit } from './indexed';
import type { Postings } from './postings';
import { codiceFiscaleSpans, makeSnippet, wordSpans } from './snippet';
import { prefixMatch, queryTerms } from './tokens';
import { MATCH_RANKS, type CartellaMatch, type SearchHit, type SearchOptions, type SearchResults } from './types';
import { SEARCH_WHERE, type SearchField, type SearchWhere } from './units';

/** Shortest term looked for inside a codice fiscale (shorter ones would match almost any code). */
export const MIN_CF_TERM = 3;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;
export const DEFAULT_HITS_PER_CARTELLA = 3;
export const MAX_HITS_PER_CARTELLA = 50;

/** How a term matched a unit: not at all, prefix of a word, a whole word, inside a codice fiscale, the whole code. */
type Quality = 0 | 1 | 2 | 3 | 4;
const Quality = { None: 0, Prefix: 1, Word: 2, CfPartial: 3, CfExact: 4 } as const;

/** Rank classes, best first (indexes into MATCH_RANKS; 6 = spread). */
function rankClass(where: SearchWhere, q: Quality): number {
  if (where === 'anagrafica') return q === Quality.CfExact ? 0 : q === Quality.CfPartial ? 2 : 3;
  if (where === 'nucleo') return q === Quality.CfExact ? 1 : 4;
  return 5;
}

function quality(u: IndexedUnit, term: string): Quality {
  if (u.cf !== '' && term.length >= MIN_CF_TERM) {
    if (u.cf === term) return Quality.CfExact;
    if (u.cf.includes(term)) return Quality.CfPartial;
  }
  return prefixMatch(u.terms, term);
}

/** A unit that matched at least one term. */
interface UnitHit {
  readonly u: IndexedUnit;
  /** Bit i set: term i matched. */
  readonly mask: number;
  /** Terms matched as a whole word or a whole codice fiscale. */
  readonly exact: number;
  readonly cls: number;
  readonly complete: boolean;
}

interface Ranked {
  readonly c: IndexedCartella;
  readonly hits: UnitHit[];
  readonly cls: number;
  readonly exact: number;
  readonly recent: string;
}

const whereOrder = new Map<SearchWhere, number>(SEARCH_WHERE.map((w, i) => [w, i]));

function byHit(a: UnitHit, b: UnitHit): number {
  return Number(b.complete) - Number(a.complete) || a.cls - b.cls || b.exact - a.exact ||
    (a.u.unit.data < b.u.unit.data ? 1 : a.u.unit.data > b.u.unit.data ? -1 : 0) ||
    (whereOrder.get(a.u.unit.where) ?? 0) - (whereOrder.get(b.u.unit.where) ?? 0) ||
    (a.u.unit.id < b.u.unit.id ? -1 : a.u.unit.id > b.u.unit.id ? 1 : 0);
}

function byCartella(a: Ranked, b: Ranked): number {
  const textual = a.cls >= 5 && b.cls >= 5;
  return a.cls - b.cls || b.exact - a.exact ||
    (textual ? (a.recent < b.recent ? 1 : a.recent > b.recent ? -1 : 0) : 0) ||
    (a.c.sortKey < b.c.sortKey ? -1 : a.c.sortKey > b.c.sortKey ? 1 : 0) ||
    (a.c.id < b.c.id ? -1 : a.c.id > b.c.id ? 1 : 0);
}

/** Matches one cartella; null when some term is found nowhere in it. Hits are left unsorted. */
function rank(c: IndexedCartella, terms: readonly string[], where: ReadonlySet<SearchWhere> | null): Ranked | null {
  const all = (1 << terms.length) - 1;
  const hits: UnitHit[] = [];
  let covered = 0;
  for (const u of c.units) {
    if (where && !where.has(u.unit.where)) continue;
    let mask = 0;
    let exact = 0;
    let cls = 99;
    for (let i = 0; i < terms.length; i++) {
      const q = quality(u, terms[i] as string);
      if (q === Quality.None) continue;
      mask |= 1 << i;
      if (q === Quality.Word || q === Quality.CfExact) exact++;
      cls = Math.min(cls, rankClass(u.unit.where, q));
    }
    if (mask === 0) continue;
    covered |= mask;
    hits.push({ u, mask, exact, cls, complete: mask === all });
  }
  if (covered !== all) return null;
  // One pass for the cartella's rank: the best class among the places holding every term
  // (or among all places, for a spread match), its best exactness, the latest day.
  const anyComplete = hits.some((h) => h.complete);
  let best = 99;
  for (const h of hits) if (h.complete || !anyComplete) best = Math.min(best, h.cls);
  let exact = 0;
  let recent = '';
  for (const h of hits) {
    if (anyComplete && !h.complete) continue;
    if (h.cls === best) exact = Math.max(exact, h.exact);
    if (h.u.unit.data > recent) recent = h.u.unit.data;
  }
  return { c, hits, cls: anyComplete ? best : 6, exact, recent };
}

/** The hit as returned: its best field's snippet. */
function describe(h: UnitHit, terms: readonly string[]): SearchHit {
  let bestField: SearchField = h.u.unit.fields[0]?.field ?? 'testo';
  let best = { spans: [] as { start: number; end: number }[], matched: -1 };
  let bestText = '';
  for (const f of h.u.unit.fields) {
    const found = f.field === 'codiceFiscale' ? codiceFiscaleSpans(f.text, terms, MIN_CF_TERM) : wordSpans(f.text, terms);
    if (found.matched > best.matched) {
      best = found;
      bestField = f.field;
      bestText = f.text;
    }
  }
  const { where, id, data } = h.u.unit;
  return {
    where,
    id: id === '' ? null : id,
    data: data === '' ? null : (data as DataIso),
    field: bestField,
    complete: h.complete,
    snippet: makeSnippet(bestText, best.spans),
  };
}

function bounded(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(1, Math.floor(value)));
}

/** Runs a query over the indexed cartelle. */
export function runQuery(
  cartelle: ReadonlyMap<string, IndexedCartella>, postings: Postings, text: string, options: SearchOptions = {},
): SearchResults {
  const terms = queryTerms(text);
  if (terms.length === 0 || cartelle.size === 0) return { terms, total: 0, cartelle: [] };
  const limit = bounded(options.limit, DEFAULT_LIMIT, MAX_LIMIT);
  const perCartella = bounded(options.hitsPerCartella, DEFAULT_HITS_PER_CARTELLA, MAX_HITS_PER_CARTELLA);
  const where = options.where ? new Set(options.where) : null;

  // Candidates: for each term, the cartelle where it can match; keep those in every set.
  const sets = terms.map((t) => {
    const s = new Set<string>();
    postings.cartelleWithPrefix(t, s);
    if (t.length >= MIN_CF_TERM) {
      for (const c of cartelle.values()) if (c.units.some((u) => u.cf !== '' && u.cf.includes(t))) s.add(c.id);
    }
    return s;
  }).sort((a, b) => a.size - b.size);
  const [smallest, ...rest] = sets;
  const ranked: Ranked[] = [];
  for (const id of smallest ?? []) {
    if (!rest.every((s) => s.has(id))) continue;
    const c = cartelle.get(id);
    const r = c ? rank(c, terms, where) : null;
    if (r) ranked.push(r);
  }
  ranked.sort(byCartella);
  return {
    terms,
    total: ranked.length,
    cartelle: ranked.slice(0, limit).map((r): CartellaMatch => ({
      cartellaId: r.c.id as CartellaId,
      nominativo: r.c.nominativo,
      codiceFiscale: r.c.codiceFiscale,
      rank: MATCH_RANKS[Math.min(r.cls, 6)] ?? 'spread',
      // Only the cartelle returned pay for sorting their hits and building snippets.
      hits: r.hits.sort(byHit).slice(0, perCartella).map((h) => describe(h, terms)),
      totalHits: r.hits.length,
    })),
  };
}

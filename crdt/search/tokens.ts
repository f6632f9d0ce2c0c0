/**
 * @module crdt/search/tokens
 * Owns how text becomes search terms (docs/SEARCH.md, "Normalisation"): words are runs of
 * letters and digits; each is folded (compatibility decomposition, accents and case dropped,
 * a few letters without a decomposition spelled out), so "Niccolò", "NICCOLO" and "niccolo"
 * are one term. Italian apostrophes split words ("D'Angelo" → d, angelo) and the joined run is
 * a term too (dangelo); in a query an apostrophe joins, so "d'angelo", "D’Angelo" and
 * "dangelo" all look for the same thing. Offsets always point into the original text, for
 * the snippets.
 */

/** Terms longer than this are cut (both in the index and in queries, so prefixes still agree). */
export const MAX_TERM_CHARS = 64;
/** At most this many terms of a query are used. */
export const MAX_QUERY_TERMS = 12;
/** Only the first this many characters of a query are read. */
export const MAX_QUERY_CHARS = 512;

/**
 * Characters typed as an apostrophe: typewriter, typographic (left and right quote), modifier
 * letters, grave and acute accents, prime. All are one UTF-16 unit, so replacing them keeps offsets.
 */
const APOSTROPHES = /[\u0027\u2018\u2019\u02BC\u02B9\u0060\u00B4\u2032]/g;
/** A word: letters, combining marks (text in NFD form) and digits. */
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const MARKS = /\p{M}/gu;
/** Letters that have no canonical decomposition but are commonly typed without their stroke. */
const SPELLED: Readonly<Record<string, string>> = {
  'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'ð': 'd', 'þ': 'th', 'ı': 'i',
};
const SPELLED_RE = /[ßæœøłđðþı]/g;
const NOT_WORD = /[^\p{L}\p{N}]/gu;
const PLAIN = /^[a-z0-9]*$/;
const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Folding is pure and words repeat a lot (diary templates, names): cache the last results. */
const foldCache = new Map<string, string>();
const FOLD_CACHE_MAX = 50_000;

/** The folded form of one word: what is indexed and what a query term is compared with. */
export function foldWord(word: string): string {
  // Fast path: plain ASCII letters and digits only need lower case.
  if (ASCII_WORD.test(word)) return word.length > MAX_TERM_CHARS ? word.slice(0, MAX_TERM_CHARS).toLowerCase() : word.toLowerCase();
  const cached = foldCache.get(word);
  if (cached !== undefined) return cached;
  let s = word.normalize('NFKD').toLowerCase().replace(MARKS, '');
  if (!PLAIN.test(s)) s = s.replace(SPELLED_RE, (c) => SPELLED[c] ?? c).replace(NOT_WORD, '');
  if (s.length > MAX_TERM_CHARS) s = s.slice(0, MAX_TERM_CHARS);
  if (foldCache.size >= FOLD_CACHE_MAX) foldCache.clear();
  foldCache.set(word, s);
  return s;
}

/** Whether `src[from, to)` is one or more apostrophes (already unified to U+0027). */
function onlyApostrophes(src: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) if (src.charCodeAt(i) !== 0x27) return false;
  return true;
}

const cut = (term: string): string => (term.length > MAX_TERM_CHARS ? term.slice(0, MAX_TERM_CHARS) : term);

/**
 * Calls `visit` with every term of a text and where it lies in the original text (`end`
 * exclusive), in order: every word, and after a run of words joined by apostrophes
 * ("dell'Orto", "Sant'Anna d'Alessio" → two runs) the run's concatenation. The one scanner
 * behind indexing, snippets and `tokenize`, so they always agree.
 */
export function scanTerms(text: string, visit: (term: string, start: number, end: number) => void): void {
  const src = text.replace(APOSTROPHES, "'");
  const re = new RegExp(WORD.source, 'gu');
  let run = '';
  let parts = 0;
  let runStart = -1;
  let runEnd = -1;
  for (let m = re.exec(src); m !== null; m = re.exec(src)) {
    const start = m.index;
    const end = start + m[0].length;
    const term = foldWord(m[0]);
    if (term === '') continue;
    if (parts > 0 && onlyApostrophes(src, runEnd, start)) {
      run += term;
      parts++;
      runEnd = end;
    } else {
      if (parts > 1) visit(cut(run), runStart, runEnd);
      run = term;
      parts = 1;
      runStart = start;
      runEnd = end;
    }
    visit(term, start, end);
  }
  if (parts > 1) visit(cut(run), runStart, runEnd);
}

/** One term of a text and where it lies in the original text (`end` exclusive). */
export interface Token {
  readonly term: string;
  readonly start: number;
  readonly end: number;
}

/** The terms of a text with their offsets (see `scanTerms`). */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanTerms(text, (term, start, end) => out.push({ term, start, end }));
  return out;
}

/** Adds the terms of a text to `into`. */
export function collectTerms(text: string, into: Set<string>): void {
  scanTerms(text, (term) => into.add(term));
}

/** The distinct terms of some texts, sorted (code-unit order): what a unit is matched on. */
export function distinctTerms(texts: readonly string[]): string[] {
  const set = new Set<string>();
  for (const t of texts) collectTerms(t, set);
  return [...set].sort();
}

/**
 * The terms of a query: words separated by anything but letters, digits and apostrophes,
 * apostrophes joining (so "d'angelo" is the one term dangelo), folded, without repeats, at
 * most `MAX_QUERY_TERMS`. A query of only spaces or punctuation has no terms.
 */
export function queryTerms(query: string): string[] {
  const q = query.slice(0, MAX_QUERY_CHARS).replace(APOSTROPHES, "'");
  const out: string[] = [];
  for (const chunk of q.split(/[^\p{L}\p{M}\p{N}']+/u)) {
    const term = foldWord(chunk.replace(/'/g, ''));
    if (term !== '' && !out.includes(term)) out.push(term);
    if (out.length === MAX_QUERY_TERMS) break;
  }
  return out;
}

/** The first index of sorted `terms` whose value is >= `term` (binary search). */
export function lowerBound(terms: readonly string[], term: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((terms[mid] as string) < term) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How `term` matches sorted distinct `terms`: 2 = a whole word equals it, 1 = a word starts
 * with it, 0 = no word does.
 */
export function prefixMatch(terms: readonly string[], term: string): 0 | 1 | 2 {
  const i = lowerBound(terms, term);
  const found = terms[i];
  if (found === undefined || !found.startsWith(term)) return 0;
  return found === term ? 2 : 1;
}

/** A codice fiscale as it is compared: upper-case letters and digits only, folded to lower case. */
export function foldCodiceFiscale(cf: string): string {
  return cf.replace(/[^A-Za-z0-9]/g, '').toLowerCase();
}

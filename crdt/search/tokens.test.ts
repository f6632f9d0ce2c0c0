/**
 * Normalisation and tokenisation (docs/SEARCH.md, "Normalisation"): folding, Italian
 * apostrophes, offsets into the original text, query terms, and the agreement between the
 * lean indexing path and the offset-keeping snippet path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  collectTerms, foldCodiceFiscale, foldWord, lowerBound, MAX_QUERY_TERMS, MAX_TERM_CHARS, prefixMatch, queryTerms, tokenize,
} from './tokens';

const terms = (text: string): string[] => tokenize(text).map((t) => t.term);

describe('folding a word', () => {
  it.each([
    ['Niccolò', 'niccolo'], ['NICCOLÒ', 'niccolo'], ['Niccolo\u0300', 'niccolo'], ['perché', 'perche'], ['Città', 'citta'],
    ['Ünal', 'unal'], ['Łukasz', 'lukasz'], ['Øystein', 'oystein'], ['Straße', 'strasse'], ['İlknur', 'ilknur'],
    ['ﬁore', 'fiore'], ['ＲＯＳＳＩ', 'rossi'], ['A1', 'a1'],
  ])('%s → %s', (word, folded) => {
    expect(foldWord(word)).toBe(folded);
  });

  it('cuts very long words to the term length, the same way in index and query', () => {
    const long = 'a'.repeat(MAX_TERM_CHARS + 50);
    expect(foldWord(long)).toHaveLength(MAX_TERM_CHARS);
    expect(queryTerms(long)).toEqual([foldWord(long)]);
    expect(foldWord(`È${'b'.repeat(100)}`)).toHaveLength(MAX_TERM_CHARS);
  });
});

describe('tokenising a text', () => {
  it('splits on anything but letters and digits, keeping offsets into the original text', () => {
    const text = 'Visita  del 12/03: "Niccolò", (ok)';
    const toks = tokenize(text);
    expect(toks.map((t) => t.term)).toEqual(['visita', 'del', '12', '03', 'niccolo', 'ok']);
    for (const t of toks) expect(foldWord(text.slice(t.start, t.end))).toBe(t.term);
  });

  it("adds the joined run after Italian apostrophes (D'Angelo → d, angelo, dangelo), whatever apostrophe was typed", () => {
    for (const a of ["'", '’', 'ʼ', '‘', '`', '´']) {
      expect(terms(`D${a}Angelo`), a).toEqual(['d', 'angelo', 'dangelo']);
    }
    const at = (term: string): [number, number] | undefined => {
      const t = tokenize("Sig. D'Angelo").find((x) => x.term === term);
      return t ? [t.start, t.end] : undefined;
    };
    expect([at('d'), at('angelo'), at('dangelo')]).toEqual([[5, 6], [7, 13], [5, 13]]);
  });

  it('joins a whole run, and starts a new run after a space', () => {
    expect(terms("Sant'Anna d'Alessio")).toEqual(['sant', 'anna', 'santanna', 'd', 'alessio', 'dalessio']);
    expect(terms("a'b'c")).toEqual(['a', 'b', 'c', 'abc']);
    expect(terms("a''b")).toEqual(['a', 'b', 'ab']);
    expect(terms("l' altro")).toEqual(['l', 'altro']);
  });

  it('keeps words written with combining accents (NFD) whole', () => {
    const text = 'Nicolo\u0300 e Citta\u0300';
    expect(terms(text)).toEqual(['nicolo', 'e', 'citta']);
    expect(tokenize(text)[0]?.end).toBe(7);
  });

  it('every term points at the original text it came from, and a query for that text reads that very term', () => {
    const alphabet = fc.constantFrom(...'aàbcdeèé iìoòuù\'’ʼ-.,\n1234AÈÒ'.split(''), 'ﬁ', 'ß', 'e\u0301');
    fc.assert(fc.property(fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join('')), (text) => {
      const set = new Set<string>();
      collectTerms(text, set);
      const toks = tokenize(text);
      expect([...set].sort()).toEqual([...new Set(toks.map((t) => t.term))].sort());
      for (const t of toks) {
        const slice = text.slice(t.start, t.end);
        expect(queryTerms(slice), JSON.stringify(slice)).toEqual([t.term]);
      }
    }), { numRuns: 500 });
  });
});

describe('reading a query', () => {
  it('folds, drops repeats and punctuation, and joins across apostrophes', () => {
    expect(queryTerms("  D'Angelo, NICCOLÒ; niccolo  ")).toEqual(['dangelo', 'niccolo']);
    expect(queryTerms('RSS MRA 80A01')).toEqual(['rss', 'mra', '80a01']);
    expect(queryTerms("dell'")).toEqual(['dell']);
    expect(queryTerms('—¿?')).toEqual([]);
  });

  it(`uses at most ${MAX_QUERY_TERMS} terms`, () => {
    expect(queryTerms(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_QUERY_TERMS);
  });

  it('a query typed like the indexed text always finds its own words (prefix of some indexed term)', () => {
    const word = fc.stringMatching(/^[A-Za-zàèéìòùÀÈ']{1,12}$/);
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')), (text) => {
      const indexed = new Set<string>();
      collectTerms(text, indexed);
      for (const q of queryTerms(text)) expect([...indexed].some((t) => t.startsWith(q)), q).toBe(true);
    }), { numRuns: 300 });
  });
});

describe('matching helpers', () => {
  const sorted = ['angelo', 'd', 'dangelo', 'niccolo', 'rossi'];
  it('binary search and prefix match tell a whole word from a prefix', () => {
    expect(lowerBound(sorted, 'dan')).toBe(2);
    expect(prefixMatch(sorted, 'rossi')).toBe(2);
    expect(prefixMatch(sorted, 'ross')).toBe(1);
    expect(prefixMatch(sorted, 'rossini')).toBe(0);
    expect(prefixMatch(sorted, 'z')).toBe(0);
    expect(prefixMatch([], 'a')).toBe(0);
  });

  it('a codice fiscale is compared without separators, in lower case', () => {
    expect(foldCodiceFiscale('rss mra-85E45 x002h')).toBe('rssmra85e45x002h');
  });
});

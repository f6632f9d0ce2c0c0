/**
 * Snippets (docs/SEARCH.md, "Results"): the extract around the first match, cut at spaces,
 * every match inside it marked, whitespace collapsed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codiceFiscaleSpans, makeSnippet, SNIPPET_MAX, wordSpans } from './snippet';
import type { Snippet } from './types';

const show = (s: Snippet): string =>
  `${s.cutStart ? '…' : ''}${s.parts.map((p) => (p.match ? `[${p.text}]` : p.text)).join('')}${s.cutEnd ? '…' : ''}`;
const snippet = (text: string, terms: string[]): string => show(makeSnippet(text, wordSpans(text, terms).spans));
const words = (n: number, w = 'parola'): string => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

describe('snippets', () => {
  it('keeps a short text whole, marking every match', () => {
    expect(snippet('Rossi Maria, detta Rossina', ['ross'])).toBe('[Rossi] Maria, detta [Rossina]');
  });

  it('marks whole words, including letters beyond the typed prefix and accents as written', () => {
    expect(snippet('La città è grande', ['cit'])).toBe('La [città] è grande');
  });

  it('cuts a long text around a match in the middle, at spaces, on both sides', () => {
    const text = `${words(40)} sfratto ${words(40, 'altro')}`;
    const s = makeSnippet(text, wordSpans(text, ['sfratto']).spans);
    expect([s.cutStart, s.cutEnd]).toEqual([true, true]);
    const shown = show(s);
    expect(shown).toContain('[sfratto]');
    expect(shown.length).toBeLessThanOrEqual(SNIPPET_MAX + 2);
    const inner = shown.slice(1, -1).replace(/[[\]]/g, '');
    expect(text.includes(` ${inner} `)).toBe(true);
  });

  it('a match at the very end is shown with the text before it, and no ellipsis after', () => {
    const text = `${words(60)} fine`;
    const s = makeSnippet(text, wordSpans(text, ['fine']).spans);
    expect([s.cutStart, s.cutEnd]).toEqual([true, false]);
    expect(show(s).endsWith('[fine]')).toBe(true);
  });

  it('collapses line breaks and runs of spaces', () => {
    expect(snippet('Prima riga\n\n  seconda   riga', ['seconda'])).toBe('Prima riga [seconda] riga');
  });

  it('marks the matched characters of a codice fiscale, even when typed with separators', () => {
    const s = codiceFiscaleSpans('RSS MRA 85E45', ['mra85e'], 3);
    expect(show(makeSnippet('RSS MRA 85E45', s.spans))).toBe('RSS [MRA 85E]45');
    expect(codiceFiscaleSpans('RSSMRA85E45X002H', ['rs'], 3).matched).toBe(0);
  });

  it('always gives back text of the original, in order, with at least one mark when a term matched', () => {
    const word = fc.stringMatching(/^[a-zàè]{1,10}$/);
    fc.assert(fc.property(fc.array(word, { minLength: 1, maxLength: 80 }), fc.nat(), (ws, k) => {
      const text = ws.join(' ');
      const term = (ws[k % ws.length] as string).slice(0, 2).normalize('NFKD').replace(/\p{M}/gu, '');
      const s = makeSnippet(text, wordSpans(text, [term]).spans);
      expect(s.parts.some((p) => p.match)).toBe(true);
      expect(text.replace(/\s+/g, ' ')).toContain(s.parts.map((p) => p.text).join(''));
    }), { numRuns: 300 });
  });
});

/**
 * The plaintext form of the index (docs/SEARCH.md, "Plaintext"): deterministic encoding,
 * round trip, and the one validating parser refusing every malformed field without throwing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ID, ufficio, vistaUfficio } from './fixture';
import { buildSearchIndex } from './searchIndex';
import { encodeSearchIndex, parseSearchIndex, SEARCH_INDEX_LIMITS } from './serialize';

const u = ufficio();
const index = buildSearchIndex(vistaUfficio(u));
const bytes = encodeSearchIndex(index);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const enc = (v: unknown): Uint8Array => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const code = (b: Uint8Array): string => {
  const r = parseSearchIndex(b);
  return r.ok ? 'ok' : r.code;
};

const DIARIO = ['diario', 'ab12-3', '2024-01-02', ['testo', 'Colloquio.']];
const one = (unita: unknown[], extra: Record<string, unknown> = {}): unknown => ({ v: 1, cartelle: [{ id: ID.rossi, unita, ...extra }] });

describe('encoding', () => {
  it('round-trips: parsing the bytes gives an index that encodes to the same bytes and answers the same', () => {
    const parsed = parseSearchIndex(bytes);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(text(encodeSearchIndex(parsed.value))).toBe(text(bytes));
    for (const q of ['rossi', "d'angelo", 'sfratto', 'RSSMRA', 'bando']) expect(parsed.value.query(q), q).toEqual(index.query(q));
    expect(parsed.value.postingsSnapshot()).toEqual(index.postingsSnapshot());
  });

  it('is deterministic: the same cartelle indexed in another order give the same bytes', () => {
    const reversed = buildSearchIndex([...vistaUfficio(u)].reverse());
    expect(text(encodeSearchIndex(reversed))).toBe(text(bytes));
  });

  it('writes the documented shape: version, cartelle by id, units as [where, id, day, [field, text, …]]', () => {
    const json = JSON.parse(text(bytes)) as { v: number; cartelle: Array<{ id: string; unita: unknown[][] }> };
    expect(json.v).toBe(1);
    expect(json.cartelle.map((c) => c.id)).toEqual([...Object.values(ID)].sort());
    const rossi = json.cartelle.find((c) => c.id === ID.rossi);
    expect(rossi?.unita[0]).toEqual(['anagrafica', '', '', ['nominativo', 'Rossi Maria', 'codiceFiscale', expect.any(String)]]);
    expect(rossi?.unita[1]).toEqual(['diario', expect.any(String), '2024-02-01', ['testo', 'Colloquio sulla domanda di assegno di cura.']]);
  });

  it('reads an empty index and one with a revision', () => {
    expect(code(enc({ v: 1, cartelle: [] }))).toBe('ok');
    const r = parseSearchIndex(enc(one([DIARIO], { rev: 'abc_-.9' })));
    expect(r.ok && r.value.revision(ID.rossi)).toBe('abc_-.9');
  });
});

describe('the parser refuses, never throws', () => {
  it.each<[string, Uint8Array, string]>([
    ['not UTF-8', Uint8Array.of(0x7b, 0xff, 0x7d), 'search_index_malformed'],
    ['a byte-order mark', enc(`\uFEFF${JSON.stringify({ v: 1, cartelle: [] })}`), 'search_index_malformed'],
    ['not JSON', enc('{"v":1,'), 'search_index_malformed'],
    ['an array', enc([]), 'search_index_malformed'],
    ['another version', enc({ v: 2, cartelle: [] }), 'search_index_version'],
    ['a version as text', enc({ v: '1', cartelle: [] }), 'search_index_version'],
    ['no version', enc({ cartelle: [] }), 'search_index_malformed'],
    ['an unknown key', enc({ v: 1, cartelle: [], extra: 1 }), 'search_index_malformed'],
    ['a __proto__ key', enc('{"v":1,"cartelle":[],"__proto__":{"x":1}}'), 'search_index_malformed'],
    ['cartelle not an array', enc({ v: 1, cartelle: {} }), 'search_index_malformed'],
    ['a bad cartella id', enc({ v: 1, cartelle: [{ id: 'x', unita: [] }] }), 'search_index_malformed'],
    ['a cartella twice', enc({ v: 1, cartelle: [{ id: ID.rossi, unita: [] }, { id: ID.rossi, unita: [] }] }), 'search_index_malformed'],
    ['a cartella with an unknown key', enc(one([], { nome: 'x' })), 'search_index_malformed'],
    ['a bad revision', enc(one([], { rev: 'a b' })), 'search_index_malformed'],
    ['an empty revision', enc(one([], { rev: '' })), 'search_index_malformed'],
    ['an unknown place', enc(one([['agenda', 'ab12-3', '', ['testo', 'x']]])), 'search_index_malformed'],
    ['an id on anagrafica', enc(one([['anagrafica', 'ab12-3', '', ['nominativo', 'x']]])), 'search_index_malformed'],
    ['a malformed item id', enc(one([['diario', '../x', '2024-01-02', ['testo', 'x']]])), 'search_index_malformed'],
    ['an impossible day', enc(one([['diario', 'ab12-3', '2024-02-30', ['testo', 'x']]])), 'search_index_malformed'],
    ['fields not in pairs', enc(one([['diario', 'ab12-3', '', ['testo']]])), 'search_index_malformed'],
    ['no fields', enc(one([['diario', 'ab12-3', '', []]])), 'search_index_malformed'],
    ['a field of another place', enc(one([['diario', 'ab12-3', '', ['titolo', 'x']]])), 'search_index_malformed'],
    ['a field twice', enc(one([['relazione', 'ab12-3', '', ['titolo', 'x', 'titolo', 'y']]])), 'search_index_malformed'],
    ['fields out of order', enc(one([['relazione', 'ab12-3', '', ['testo', 'x', 'titolo', 'y']]])), 'search_index_malformed'],
    ['an empty text', enc(one([['diario', 'ab12-3', '', ['testo', '  ']]])), 'search_index_malformed'],
    ['a text that is not a string', enc(one([['diario', 'ab12-3', '', ['testo', 5]]])), 'search_index_malformed'],
    ['a text over the limit', enc(one([['diario', 'ab12-3', '', ['testo', 'x'.repeat(SEARCH_INDEX_LIMITS.textChars + 1)]]])), 'search_index_malformed'],
    ['a unit with five items', enc(one([[...DIARIO, 'x']])), 'search_index_malformed'],
    ['a unit with three items', enc(one([DIARIO.slice(0, 3)])), 'search_index_malformed'],
    ['the same unit twice', enc(one([DIARIO, DIARIO])), 'search_index_malformed'],
  ])('%s', (_label, input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it('names the offending field in the message', () => {
    const r = parseSearchIndex(enc(one([DIARIO, ['diario', 'ab12-4', '2024-13-01', ['testo', 'x']]])));
    expect(r.ok ? '' : r.message).toContain('index.cartelle[0].unita[1][2]');
  });

  it('never throws on random bytes or on random JSON', () => {
    const codes = ['ok', 'search_index_malformed', 'search_index_version'];
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
      expect(codes).toContain(code(b));
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(codes).toContain(code(enc(v)));
    }), { numRuns: 300 });
  });

  it('never throws on a valid index with one value replaced at random', () => {
    const json = JSON.parse(text(bytes)) as { cartelle: Array<{ unita: unknown[][] }> };
    fc.assert(fc.property(fc.nat(), fc.nat(), fc.jsonValue(), (i, j, value) => {
      const copy = structuredClone(json);
      const c = copy.cartelle[i % copy.cartelle.length];
      const unit = c?.unita[j % Math.max(1, c.unita.length)];
      if (unit) unit[j % 4] = value;
      expect(() => parseSearchIndex(enc(copy))).not.toThrow();
    }), { numRuns: 300 });
  });
});

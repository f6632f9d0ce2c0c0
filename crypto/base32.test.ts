/** Crockford base32: round trip, forgiving normalisation of what people type, strict decoding. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CROCKFORD_ALPHABET, fromCrockford, groupSymbols, normalizeCrockford, toCrockford } from './base32';
import { toHex } from './bytes';

describe('Crockford base32', () => {
  it('round-trips any bytes, and each byte string has one accepted form (fast-check)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        const text = toCrockford(bytes);
        expect(text.length).toBe(Math.ceil((bytes.length * 8) / 5));
        expect([...text].every((c) => CROCKFORD_ALPHABET.includes(c))).toBe(true);
        const back = fromCrockford(text);
        expect(back.ok && toHex(back.value)).toBe(toHex(bytes));
      }),
    );
  });

  it('encodes a known vector (RFC 4648 test strings in the Crockford alphabet)', () => {
    expect(toCrockford(new TextEncoder().encode('foobar'))).toBe('CSQPYRK1E8');
    expect(toCrockford(new Uint8Array(0))).toBe('');
  });

  it('has no look-alike symbols: no I, L, O, U', () => {
    expect(CROCKFORD_ALPHABET).toHaveLength(32);
    for (const c of 'ILOU') expect(CROCKFORD_ALPHABET.includes(c)).toBe(false);
  });

  it('normalises typing: case, spaces, hyphens, O→0, I/L→1', () => {
    expect(normalizeCrockford(' csqp-yrk1 e8\n')).toBe('CSQPYRK1E8');
    expect(normalizeCrockford('oOiIlL')).toBe('001111');
  });

  it('refuses symbols outside the alphabet, impossible lengths and non-zero trailing bits', () => {
    expect(fromCrockford('CSQPYRKUE8').ok).toBe(false); // U
    expect(fromCrockford('csqpyrk1e8').ok).toBe(false); // not normalised
    expect(fromCrockford('C').ok).toBe(false); // 5 bits: no byte
    expect(fromCrockford('CSQ').ok).toBe(false); // 15 bits: 1 byte + 7 bits
    expect(fromCrockford('CSQPYRK1E9').ok).toBe(false); // trailing bits set
  });

  it('groups symbols by four with hyphens', () => {
    expect(groupSymbols('ABCDEFGHJK')).toBe('ABCD-EFGH-JK');
  });
});

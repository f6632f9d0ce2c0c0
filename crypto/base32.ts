/**
 * @module crypto/base32
 * Owns Crockford's base32 (https://www.crockford.com/base32.html), the text form of what a
 * person reads aloud, types or prints: the one-time passphrase, "il mio codice", the recovery
 * key. Its 32 symbols (0-9, A-Z without I, L, O, U) have no look-alikes; on input, lower case
 * is accepted and O, I, L are read as 0, 1, 1, so the usual slips of the eye don't matter. Upper
 * case digits and letters plus '-' and ':' also fit a QR code's compact alphanumeric mode.
 * Pure JavaScript (no libsodium).
 */
import { err, ok } from './result';
import type { Result } from './result';

/** The 32 symbols, in value order. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const VALUE = new Map<string, number>([...CROCKFORD_ALPHABET].map((c, i) => [c, i]));

/** Upper-case base32 of `bytes`, no padding (unused trailing bits are zero). */
export function toCrockford(bytes: Uint8Array): string {
  let out = '';
  let acc = 0;
  let bits = 0;
  for (const b of bytes) {
    acc = ((acc << 8) | b) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET.charAt((acc >> bits) & 31);
    }
  }
  if (bits > 0) out += CROCKFORD_ALPHABET.charAt((acc << (5 - bits)) & 31);
  return out;
}

/**
 * What a person typed, made canonical: white space and hyphens removed, upper case, O read as
 * 0 and I, L as 1. Anything else is left for `fromCrockford` to refuse.
 */
export function normalizeCrockford(text: string): string {
  return text.replace(/[\s-]+/gu, '').toUpperCase().replace(/O/g, '0').replace(/[IL]/g, '1');
}

/**
 * Decodes canonical base32 (see `normalizeCrockford`). Strict: a symbol outside the alphabet
 * (U included), a length no byte string encodes to, or non-zero unused trailing bits are
 * `base32_malformed`, so each byte string has exactly one accepted form.
 */
export function fromCrockford(text: string): Result<Uint8Array, 'base32_malformed'> {
  const totalBits = text.length * 5;
  const length = Math.floor(totalBits / 8);
  if (totalBits - length * 8 >= 5) return err('base32_malformed', 'impossible base32 length');
  const out = new Uint8Array(length);
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    const v = VALUE.get(ch);
    if (v === undefined) return err('base32_malformed', 'not a base32 symbol');
    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return err('base32_malformed', 'non-canonical base32 ending');
  return ok(out);
}

/** `text` cut into groups of `size` joined by '-' (for reading aloud and copying by hand). */
export function groupSymbols(text: string, size = 4): string {
  const groups: string[] = [];
  for (let i = 0; i < text.length; i += size) groups.push(text.slice(i, i + size));
  return groups.join('-');
}

/**
 * @module crypto/bytes
 * Owns byte-level helpers shared by the envelope codec, the relay and the key-sharing code:
 * concatenation, comparison, base64url and hex text forms, and big-endian integers.
 * Pure JavaScript (no libsodium), so it works before `initSodium()` and on the relay.
 */
import { err, ok } from './result';
import type { Result } from './result';

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const BASE64URL_VALUE = new Map<string, number>([...BASE64URL].map((c, i) => [c, i]));

/** Concatenates byte arrays into one new array. */
export function concatBytes(...parts: ReadonlyArray<Uint8Array>): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/**
 * Whether two arrays hold the same bytes. NOT constant-time: use it for public values (ids,
 * public keys); compare secrets and MACs with `sodium().memcmp`.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Bytewise lexicographic order (-1, 0, 1); a proper prefix sorts first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): -1 | 0 | 1 {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

/** Unpadded base64url (RFC 4648 §5), the text form of ids and keys in links. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] as number;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const n = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += BASE64URL.charAt((n >> 18) & 63) + BASE64URL.charAt((n >> 12) & 63);
    if (b1 !== undefined) out += BASE64URL.charAt((n >> 6) & 63);
    if (b2 !== undefined) out += BASE64URL.charAt(n & 63);
  }
  return out;
}

/**
 * Parses unpadded base64url. Strict: refuses `=`, `+`, `/`, whitespace, impossible lengths and
 * non-zero unused trailing bits, so every byte string has exactly one accepted text form (ids
 * compared as text then agree with ids compared as bytes).
 */
export function fromBase64Url(text: string): Result<Uint8Array, 'base64_malformed'> {
  if (text.length % 4 === 1) return err('base64_malformed', 'base64url length is impossible');
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const ch of text) {
    const v = BASE64URL_VALUE.get(ch);
    if (v === undefined) return err('base64_malformed', 'not a base64url character');
    acc = ((acc << 6) | v) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  if ((acc & ((1 << bits) - 1)) !== 0) return err('base64_malformed', 'non-canonical base64url ending');
  return ok(out);
}

/** Lowercase hex, for logs and test vectors. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function checkUint(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${what} out of range: ${value}`);
  }
}

/** Writes a big-endian u16. @throws RangeError on a value or offset out of range. */
export function writeU16(target: Uint8Array, offset: number, value: number): void {
  checkUint(value, 0xffff, 'u16');
  view(target).setUint16(offset, value);
}

/** Reads a big-endian u16. @throws RangeError past the end (check lengths first). */
export function readU16(source: Uint8Array, offset: number): number {
  return view(source).getUint16(offset);
}

/** Writes a big-endian u32. @throws RangeError on a value or offset out of range. */
export function writeU32(target: Uint8Array, offset: number, value: number): void {
  checkUint(value, 0xffffffff, 'u32');
  view(target).setUint32(offset, value);
}

/** Reads a big-endian u32. @throws RangeError past the end (check lengths first). */
export function readU32(source: Uint8Array, offset: number): number {
  return view(source).getUint32(offset);
}

/**
 * Writes a big-endian u64 from a JS number.
 * @throws RangeError unless 0 <= value <= Number.MAX_SAFE_INTEGER (2^53-1).
 */
export function writeU64(target: Uint8Array, offset: number, value: number): void {
  checkUint(value, Number.MAX_SAFE_INTEGER, 'u64');
  const dv = view(target);
  dv.setUint32(offset, Math.floor(value / 2 ** 32));
  dv.setUint32(offset + 4, value >>> 0);
}

/**
 * Reads a big-endian u64 as a JS number; `undefined` when it exceeds 2^53-1, because such a
 * value cannot be represented exactly and the format forbids it.
 * @throws RangeError past the end (check lengths first).
 */
export function readU64(source: Uint8Array, offset: number): number | undefined {
  const dv = view(source);
  const high = dv.getUint32(offset);
  const low = dv.getUint32(offset + 4);
  if (high > 0x1fffff) return undefined;
  return high * 2 ** 32 + low;
}

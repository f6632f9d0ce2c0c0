/**
 * @module crypto/padding
 * Owns the size buckets that hide plaintext lengths (docs/ENVELOPE.md, "Padding"): the relay
 * and an observer learn only the bucket, never the exact size of a diary entry or an update.
 */
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** Smallest bucket: even an empty plaintext pads to this. */
export const PAD_MIN_BYTES = 64;
/** Up to this size buckets are powers of two; beyond it, multiples of it. */
export const PAD_LARGE_STEP_BYTES = 65_536;

/**
 * The padded size of a plaintext of `length` bytes: the smallest power of two >=
 * max(64, length + 1) up to 65,536, then the next multiple of 65,536. Always > length,
 * because sodium_pad needs room for its 0x80 marker.
 * @throws RangeError on a negative or fractional length.
 */
export function padBucket(length: number): number {
  if (!Number.isSafeInteger(length) || length < 0) throw new RangeError(`invalid plaintext length: ${length}`);
  const need = Math.max(PAD_MIN_BYTES, length + 1);
  if (need > PAD_LARGE_STEP_BYTES) return Math.ceil(need / PAD_LARGE_STEP_BYTES) * PAD_LARGE_STEP_BYTES;
  let bucket = PAD_MIN_BYTES;
  while (bucket < need) bucket *= 2;
  return bucket;
}

/** Pads `plaintext` (ISO/IEC 7816-4, via sodium_pad) to its bucket. Returns a new array. */
export function padPlaintext(plaintext: Uint8Array): Uint8Array {
  return sodium().pad(plaintext, padBucket(plaintext.length));
}

/**
 * Removes the padding (block size = padded length, as the format says). Never throws.
 * Also refuses padding that is well-formed but not to the canonical bucket, so one plaintext
 * has exactly one padded form and the bucket rule can't be bypassed by a careless sealer.
 */
export function unpadPlaintext(padded: Uint8Array): Result<Uint8Array, 'padding_invalid'> {
  if (!(padded instanceof Uint8Array) || padded.length < PAD_MIN_BYTES) {
    return err('padding_invalid', 'padded plaintext shorter than the smallest bucket');
  }
  let plaintext: Uint8Array;
  try {
    plaintext = sodium().unpad(padded, padded.length);
  } catch {
    return err('padding_invalid', 'no padding marker');
  }
  if (padBucket(plaintext.length) !== padded.length) {
    return err('padding_invalid', 'padded length is not the bucket of the plaintext length');
  }
  return ok(plaintext);
}

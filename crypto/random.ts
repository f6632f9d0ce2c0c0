/**
 * @module crypto/random
 * Random bytes from the platform's CSPRNG (Web Crypto `getRandomValues`, in browsers and in
 * Node ≥ 19 alike). libsodium-wrappers' `randombytes_buf` reaches the same source through the
 * WASM boundary a few bytes at a time and costs 150–300 µs per call here — more than the
 * Ed25519 signature of an envelope — so nonces and ids come from here instead.
 */

const MAX_PER_CALL = 65_536; // getRandomValues refuses more in one call

/** `length` cryptographically secure random bytes. */
export function randomBytes(length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let offset = 0; offset < length; offset += MAX_PER_CALL) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + MAX_PER_CALL)));
  }
  return out;
}

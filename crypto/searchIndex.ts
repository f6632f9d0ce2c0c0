/**
 * @module crypto/searchIndex
 * Owns the sealed form of the device's search index (docs/SEARCH.md, "Storage"): the index
 * holds names, codici fiscali and case text in clear, so it is only ever written as
 *
 *   "CRTSRCH1" | u8 version 1 | 24 nonce | XChaCha20-Poly1305(key = K_search,
 *       ad = magic | version | the device's Ed25519 public key, plaintext = sodium_pad(index))
 *
 * K_search is derived from the device identity's secret (the Ed25519 seed) with
 * `crypto_kdf_derive_from_key` under its own context, so it needs no new keyring field, exists
 * only while the keyring is unlocked, and is never the key of anything else. The public key in
 * the additional data binds a blob to the identity that sealed it. Opening never throws: every
 * refusal is a `Result`, and the caller's policy for all of them is the same (rebuild).
 */
import { concatBytes } from './bytes';
import type { DeviceIdentity } from './identity';
import { padPlaintext, PAD_MIN_BYTES, unpadPlaintext } from './padding';
import {
  aeadDecrypt, aeadEncrypt, AEAD_KEY_BYTES, AEAD_NONCE_BYTES, AEAD_TAG_BYTES, ED25519_PRIVATE_KEY_BYTES,
  ED25519_PUBLIC_KEY_BYTES,
} from './primitives';
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** The first 8 bytes of a sealed search index (ASCII). */
export const SEARCH_INDEX_MAGIC = 'CRTSRCH1';
/** The sealed format version this code writes and reads. */
export const SEARCH_INDEX_SEAL_VERSION = 1;
/** `crypto_kdf` context of K_search: exactly 8 bytes, never used for another purpose. */
export const SEARCH_INDEX_KDF_CONTEXT = 'crtsrch1';
/** `crypto_kdf` subkey id of K_search under that context. */
export const SEARCH_INDEX_SUBKEY_ID = 1;
/** Offsets of the sealed layout. */
export const SEARCH_INDEX_OFFSETS = { magic: 0, version: 8, nonce: 9, ciphertext: 9 + AEAD_NONCE_BYTES } as const;
/** Bytes before the ciphertext. */
export const SEARCH_INDEX_HEADER_BYTES = SEARCH_INDEX_OFFSETS.ciphertext;
/** The shortest blob a sealer produces: header, smallest padded plaintext, tag. */
export const SEARCH_INDEX_MIN_BYTES = SEARCH_INDEX_HEADER_BYTES + PAD_MIN_BYTES + AEAD_TAG_BYTES;

/**
 * Refusals of `openSearchIndex`. Policy for all of them: drop the blob and rebuild the index
 * from the cartelle (never shown to the user).
 * - `search_seal_malformed`: not a sealed index (too short, wrong magic, or padding wrong
 *   inside an authentic ciphertext);
 * - `search_seal_version`: a version this code does not read;
 * - `search_seal_key`: not sealed with this device identity's key, or altered (indistinguishable).
 */
export type SearchSealErrorCode = 'search_seal_malformed' | 'search_seal_version' | 'search_seal_key';

const MAGIC_BYTES = new TextEncoder().encode(SEARCH_INDEX_MAGIC);

function requireIdentity(identity: DeviceIdentity): void {
  if (
    typeof identity !== 'object' || identity === null ||
    !(identity.signPrivateKey instanceof Uint8Array) || identity.signPrivateKey.length !== ED25519_PRIVATE_KEY_BYTES ||
    !(identity.signPublicKey instanceof Uint8Array) || identity.signPublicKey.length !== ED25519_PUBLIC_KEY_BYTES
  ) {
    throw new RangeError('a device identity with a 64-byte Ed25519 secret key and its 32-byte public key is required');
  }
}

/**
 * K_search of a device identity (32 bytes). Deterministic: the same identity always gives the
 * same key, so nothing new is stored; a new identity gives an unrelated key (and the old index
 * is rebuilt). The caller should wipe it (`sodium().memzero`) when done.
 * @throws RangeError if `identity` has no Ed25519 secret key of the right length.
 */
export function deriveSearchIndexKey(identity: DeviceIdentity): Uint8Array {
  requireIdentity(identity);
  const s = sodium();
  // libsodium's Ed25519 secret key is seed | public key: the seed is the identity's secret.
  const seed = identity.signPrivateKey.slice(0, 32);
  try {
    return s.crypto_kdf_derive_from_key(AEAD_KEY_BYTES, SEARCH_INDEX_SUBKEY_ID, SEARCH_INDEX_KDF_CONTEXT, seed);
  } finally {
    s.memzero(seed);
  }
}

function additionalData(version: number, identity: DeviceIdentity): Uint8Array {
  return concatBytes(MAGIC_BYTES, Uint8Array.of(version), identity.signPublicKey);
}

/**
 * Seals a serialized search index for this device: padded to its size bucket, fresh random
 * nonce (sealing twice gives different bytes). `plaintext` is not changed; the caller should
 * wipe it once sealed.
 * @throws RangeError on a malformed identity (a programming error).
 */
export function sealSearchIndex(plaintext: Uint8Array, identity: DeviceIdentity): Uint8Array {
  requireIdentity(identity);
  if (!(plaintext instanceof Uint8Array)) throw new RangeError('the search index plaintext must be bytes');
  const s = sodium();
  const key = deriveSearchIndexKey(identity);
  const padded = padPlaintext(plaintext);
  try {
    const nonce = s.randombytes_buf(AEAD_NONCE_BYTES);
    const ad = additionalData(SEARCH_INDEX_SEAL_VERSION, identity);
    const ciphertext = aeadEncrypt(key, nonce, padded, ad);
    return concatBytes(ad.subarray(0, SEARCH_INDEX_OFFSETS.nonce), nonce, ciphertext);
  } finally {
    s.memzero(padded);
    s.memzero(key);
  }
}

/**
 * Opens a sealed search index with this device's identity. Never throws on any input: checks
 * shape and magic (`search_seal_malformed`) → version (`search_seal_version`) → AEAD under
 * K_search with the identity's public key as additional data (`search_seal_key`) → padding
 * (`search_seal_malformed`). The plaintext returned is the caller's to parse and wipe.
 * @throws RangeError only on a malformed identity (a programming error, not the blob's).
 */
export function openSearchIndex(sealed: Uint8Array, identity: DeviceIdentity): Result<Uint8Array, SearchSealErrorCode> {
  requireIdentity(identity);
  if (!(sealed instanceof Uint8Array) || sealed.length < SEARCH_INDEX_OFFSETS.nonce) {
    return err('search_seal_malformed', 'search index: too short');
  }
  for (let i = 0; i < MAGIC_BYTES.length; i++) {
    if (sealed[i] !== MAGIC_BYTES[i]) return err('search_seal_malformed', 'search index: wrong magic');
  }
  const version = sealed[SEARCH_INDEX_OFFSETS.version] as number;
  if (version !== SEARCH_INDEX_SEAL_VERSION) return err('search_seal_version', `search index: version ${version} not readable`);
  if (sealed.length < SEARCH_INDEX_MIN_BYTES) return err('search_seal_malformed', 'search index: truncated');
  const s = sodium();
  const key = deriveSearchIndexKey(identity);
  let padded: Uint8Array;
  try {
    const opened = aeadDecrypt(
      key,
      sealed.subarray(SEARCH_INDEX_OFFSETS.nonce, SEARCH_INDEX_OFFSETS.ciphertext),
      sealed.subarray(SEARCH_INDEX_OFFSETS.ciphertext),
      additionalData(version, identity),
    );
    if (!opened.ok) return err('search_seal_key', 'search index: not sealed by this device, or altered');
    padded = opened.value;
  } finally {
    s.memzero(key);
  }
  const plaintext = unpadPlaintext(padded);
  s.memzero(padded);
  if (!plaintext.ok) return err('search_seal_malformed', `search index: ${plaintext.message}`);
  return ok(plaintext.value);
}

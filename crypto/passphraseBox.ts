/**
 * @module crypto/passphraseBox
 * Owns the one passphrase-sealed file layout that the keyring (CRTKEYR1), the one-time
 * passphrase share file (CRTSHAR1) and the keyring backup (CRTBACK1) all use, differing only
 * in their 8-byte magic: magic | version | kdf | Argon2 params | salt | nonce |
 * XChaCha20-Poly1305(padded plaintext, ad = header). The file states its own Argon2
 * parameters, so they are checked against a fixed window BEFORE any hashing: a crafted file
 * can never make the device hash for minutes or allocate gigabytes. Codes here are generic
 * (`malformed`, `version`, `params`, `passphrase`); each format maps them to its own.
 */
import { randomBytes } from './random';
import { concatBytes, readU32, writeU32 } from './bytes';
import { padBucket, padPlaintext, PAD_MIN_BYTES, unpadPlaintext } from './padding';
import { AEAD_KEY_BYTES, AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt } from './primitives';
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** KDF id 1: Argon2id v1.3 (`crypto_pwhash_ALG_ARGON2ID13`). */
export const PASSPHRASE_BOX_KDF_ARGON2ID13 = 1;
/** Argon2 salt length. */
export const PASSPHRASE_BOX_SALT_BYTES = 16;
/** Offsets of the header fields (the same in every format; docs/KEYRING.md, "Layout"). */
export const PASSPHRASE_BOX_OFFSETS = { magic: 0, version: 8, kdf: 9, opslimit: 10, memlimitKiB: 14, salt: 18, nonce: 34, ciphertext: 58 } as const;
/** Header length: everything before the ciphertext, all of it additional data of the AEAD. */
export const PASSPHRASE_BOX_HEADER_BYTES = PASSPHRASE_BOX_OFFSETS.ciphertext;
/** The Argon2 parameters a file may state (inclusive). Outside: `params`, nothing hashed. */
export const PASSPHRASE_BOX_OPSLIMIT_MIN = 1;
export const PASSPHRASE_BOX_OPSLIMIT_MAX = 10;
/** 8 MiB .. 1 GiB, in KiB. */
export const PASSPHRASE_BOX_MEMLIMIT_KIB_MIN = 8 * 1024;
export const PASSPHRASE_BOX_MEMLIMIT_KIB_MAX = 1024 * 1024;

/** What tells one passphrase-sealed format from another. */
export interface PassphraseBoxFormat {
  /** Exactly 8 ASCII bytes. */
  readonly magic: Uint8Array;
  /** The only version byte this format reads and writes. */
  readonly version: number;
}

/** Argon2id cost parameters as stored in the file. */
export interface PassphraseParams {
  opslimit: number;
  /** Memory in KiB (libsodium's `memlimit` is this × 1024 bytes). */
  memlimitKiB: number;
}

/** A passphrase-derived key and what it was derived with. Wipe with `wipePassphraseWrap`. */
export interface PassphraseWrap {
  key: Uint8Array;
  salt: Uint8Array;
  opslimit: number;
  memlimitKiB: number;
}

/** The header of a passphrase-sealed file, once its shape and parameters are accepted. */
export interface PassphraseBoxHeader extends PassphraseParams {
  salt: Uint8Array;
  nonce: Uint8Array;
  /** Bytes 0..58: the AEAD's additional data. */
  header: Uint8Array;
  ciphertext: Uint8Array;
}

/** Generic refusals; each format renames them (`keyring_*`, `bundle_*`, `backup_*`). */
export type PassphraseBoxErrorCode = 'malformed' | 'version' | 'params' | 'passphrase';

/**
 * A format descriptor.
 * @throws RangeError unless `magic` is 8 ASCII characters and `version` a byte.
 */
export function passphraseBoxFormat(magic: string, version: number): PassphraseBoxFormat {
  if (!/^[\x20-\x7e]{8}$/.test(magic)) throw new RangeError('a magic is 8 printable ASCII characters');
  if (!Number.isInteger(version) || version < 0 || version > 255) throw new RangeError('a version is a byte');
  return { magic: new TextEncoder().encode(magic), version };
}

/** Whether a file may ask for these parameters. */
export function passphraseParamsAllowed(params: PassphraseParams): boolean {
  const { opslimit, memlimitKiB } = params;
  return (
    Number.isInteger(opslimit) && opslimit >= PASSPHRASE_BOX_OPSLIMIT_MIN && opslimit <= PASSPHRASE_BOX_OPSLIMIT_MAX &&
    Number.isInteger(memlimitKiB) && memlimitKiB >= PASSPHRASE_BOX_MEMLIMIT_KIB_MIN && memlimitKiB <= PASSPHRASE_BOX_MEMLIMIT_KIB_MAX
  );
}

/** Argon2id of the NFC-normalised passphrase. Throws whatever libsodium throws (e.g. out of memory). */
function argon2id(passphrase: string, salt: Uint8Array, params: PassphraseParams): Uint8Array {
  const s = sodium();
  // NFC: "è" typed as one code point or as e + accent must give the same key.
  const password = new TextEncoder().encode(passphrase.normalize('NFC'));
  try {
    return s.crypto_pwhash(AEAD_KEY_BYTES, password, salt, params.opslimit, params.memlimitKiB * 1024, s.crypto_pwhash_ALG_ARGON2ID13);
  } finally {
    s.memzero(password);
  }
}

/**
 * Derives a wrapping key from a passphrase (Argon2id v1.3, passphrase normalised to NFC).
 * `salt` defaults to 16 fresh random bytes: pass one only to re-derive a known wrap.
 * @throws RangeError on parameters outside the window, a salt that is not 16 bytes, or a
 * passphrase that is not a string.
 */
export function derivePassphraseWrap(passphrase: string, params: PassphraseParams, salt?: Uint8Array): PassphraseWrap {
  if (typeof passphrase !== 'string') throw new RangeError('the passphrase must be a string');
  if (!passphraseParamsAllowed(params)) {
    throw new RangeError(
      `Argon2 parameters outside the window: opslimit ${PASSPHRASE_BOX_OPSLIMIT_MIN}..${PASSPHRASE_BOX_OPSLIMIT_MAX}, ` +
        `memlimit ${PASSPHRASE_BOX_MEMLIMIT_KIB_MIN}..${PASSPHRASE_BOX_MEMLIMIT_KIB_MAX} KiB`,
    );
  }
  if (salt !== undefined && (!(salt instanceof Uint8Array) || salt.length !== PASSPHRASE_BOX_SALT_BYTES)) {
    throw new RangeError(`the salt must be ${PASSPHRASE_BOX_SALT_BYTES} bytes`);
  }
  const ownSalt = salt !== undefined ? salt.slice() : randomBytes(PASSPHRASE_BOX_SALT_BYTES);
  return { key: argon2id(passphrase, ownSalt, params), salt: ownSalt, opslimit: params.opslimit, memlimitKiB: params.memlimitKiB };
}

/** Overwrites the wrap's key with zeros. */
export function wipePassphraseWrap(wrap: PassphraseWrap): void {
  sodium().memzero(wrap.key);
}

/**
 * Checks `wrap` is one `derivePassphraseWrap` could have made (so a file sealed with it opens).
 * @throws RangeError otherwise.
 */
export function requirePassphraseWrap(wrap: PassphraseWrap): void {
  if (!(wrap.key instanceof Uint8Array) || wrap.key.length !== AEAD_KEY_BYTES) throw new RangeError('the wrap key must be 32 bytes');
  if (!(wrap.salt instanceof Uint8Array) || wrap.salt.length !== PASSPHRASE_BOX_SALT_BYTES) throw new RangeError('the wrap salt must be 16 bytes');
  if (!passphraseParamsAllowed(wrap)) throw new RangeError('the wrap parameters are outside the window');
}

/**
 * Seals `plaintext` (padded to its size bucket) under `wrap` with a fresh random nonce.
 * The plaintext is not wiped: that is the caller's job.
 * @throws RangeError if `wrap` is not one `derivePassphraseWrap` could have made.
 */
export function sealPassphraseBox(format: PassphraseBoxFormat, plaintext: Uint8Array, wrap: PassphraseWrap): Uint8Array {
  requirePassphraseWrap(wrap);
  const padded = padPlaintext(plaintext);
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const header = new Uint8Array(PASSPHRASE_BOX_HEADER_BYTES);
  header.set(format.magic, PASSPHRASE_BOX_OFFSETS.magic);
  header[PASSPHRASE_BOX_OFFSETS.version] = format.version;
  header[PASSPHRASE_BOX_OFFSETS.kdf] = PASSPHRASE_BOX_KDF_ARGON2ID13;
  writeU32(header, PASSPHRASE_BOX_OFFSETS.opslimit, wrap.opslimit);
  writeU32(header, PASSPHRASE_BOX_OFFSETS.memlimitKiB, wrap.memlimitKiB);
  header.set(wrap.salt, PASSPHRASE_BOX_OFFSETS.salt);
  header.set(nonce, PASSPHRASE_BOX_OFFSETS.nonce);
  const ciphertext = aeadEncrypt(wrap.key, nonce, padded, header);
  sodium().memzero(padded);
  return concatBytes(header, ciphertext);
}

/** Whether `n` is a padded length the sealer can produce (a size bucket). */
function isBucket(n: number): boolean {
  return n >= PAD_MIN_BYTES && padBucket(n - 1) === n;
}

/**
 * Reads and checks the header without hashing: shape and magic (`malformed`), version
 * (`version`), KDF id and Argon2 parameters (`params`), and a ciphertext length the sealer
 * can produce (`malformed`). Never throws. The views share memory with `bytes`.
 */
export function parsePassphraseBoxHeader(
  format: PassphraseBoxFormat,
  bytes: Uint8Array,
): Result<PassphraseBoxHeader, Exclude<PassphraseBoxErrorCode, 'passphrase'>> {
  if (!(bytes instanceof Uint8Array)) return err('malformed', 'not bytes');
  if (bytes.length < PASSPHRASE_BOX_OFFSETS.version + 1) return err('malformed', 'too short');
  for (let i = 0; i < format.magic.length; i++) {
    if (bytes[i] !== format.magic[i]) return err('malformed', 'wrong magic');
  }
  // Version before the length check: a future version may have a different header length.
  if (bytes[PASSPHRASE_BOX_OFFSETS.version] !== format.version) {
    return err('version', `version ${String(bytes[PASSPHRASE_BOX_OFFSETS.version])} is not supported`);
  }
  if (bytes.length < PASSPHRASE_BOX_HEADER_BYTES) return err('malformed', 'truncated header');
  if (bytes[PASSPHRASE_BOX_OFFSETS.kdf] !== PASSPHRASE_BOX_KDF_ARGON2ID13) return err('params', 'unknown key derivation function');
  const opslimit = readU32(bytes, PASSPHRASE_BOX_OFFSETS.opslimit);
  const memlimitKiB = readU32(bytes, PASSPHRASE_BOX_OFFSETS.memlimitKiB);
  if (!passphraseParamsAllowed({ opslimit, memlimitKiB })) {
    return err('params', `Argon2 parameters outside the allowed window (opslimit ${opslimit}, memlimit ${memlimitKiB} KiB)`);
  }
  const ciphertext = bytes.subarray(PASSPHRASE_BOX_HEADER_BYTES);
  // The sealer always pads to a bucket, so any other length is truncation or trailing junk.
  if (!isBucket(ciphertext.length - AEAD_TAG_BYTES)) return err('malformed', 'ciphertext length is not one the sealer produces');
  return ok({
    opslimit,
    memlimitKiB,
    salt: bytes.subarray(PASSPHRASE_BOX_OFFSETS.salt, PASSPHRASE_BOX_OFFSETS.nonce),
    nonce: bytes.subarray(PASSPHRASE_BOX_OFFSETS.nonce, PASSPHRASE_BOX_OFFSETS.ciphertext),
    header: bytes.subarray(0, PASSPHRASE_BOX_HEADER_BYTES),
    ciphertext,
  });
}

/**
 * Opens a passphrase-sealed file. Never throws. Order: header (`parsePassphraseBoxHeader`)
 * → Argon2id (`params` if libsodium cannot run it, e.g. out of memory) → AEAD (`passphrase`:
 * wrong passphrase or any tampering, indistinguishable) → padding (`malformed`). Returns the
 * unpadded plaintext (the caller parses and wipes it) and the wrap (the caller keeps or wipes it).
 */
export function openPassphraseBox(
  format: PassphraseBoxFormat,
  bytes: Uint8Array,
  passphrase: string,
): Result<{ plaintext: Uint8Array; wrap: PassphraseWrap }, PassphraseBoxErrorCode> {
  const header = parsePassphraseBoxHeader(format, bytes);
  if (!header.ok) return header;
  if (typeof passphrase !== 'string') return err('passphrase', 'wrong passphrase or damaged file');
  const h = header.value;
  const s = sodium();
  let key: Uint8Array;
  try {
    key = argon2id(passphrase, h.salt, h);
  } catch {
    return err('params', 'the key derivation failed with these parameters (out of memory?)');
  }
  const padded = aeadDecrypt(key, h.nonce, h.ciphertext, h.header);
  if (!padded.ok) {
    s.memzero(key);
    return err('passphrase', 'wrong passphrase or damaged file');
  }
  const plaintext = unpadPlaintext(padded.value);
  s.memzero(padded.value);
  if (!plaintext.ok) {
    s.memzero(key);
    return err('malformed', `decrypted content has invalid padding: ${plaintext.message}`);
  }
  return ok({ plaintext: plaintext.value, wrap: { key, salt: h.salt.slice(), opslimit: h.opslimit, memlimitKiB: h.memlimitKiB } });
}

/**
 * @module crypto/keyring
 * Owns the sealed keyring file (docs/KEYRING.md): the device's identity and case keys,
 * encrypted under a key derived from the worker's passphrase with Argon2id. The file states
 * its own Argon2 parameters, so they are checked against a fixed window BEFORE any hashing:
 * a crafted file can never make the device hash for minutes or allocate gigabytes. A wrong
 * passphrase and a tampered file are the same refusal (`keyring_passphrase`).
 */
import { randomBytes } from './random';
import { concatBytes, readU32, writeU32 } from './bytes';
import { encodeKeyringData, parseKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { padBucket, padPlaintext, PAD_MIN_BYTES, unpadPlaintext } from './padding';
import { AEAD_KEY_BYTES, AEAD_NONCE_BYTES, AEAD_TAG_BYTES, aeadDecrypt, aeadEncrypt } from './primitives';
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** The first 8 bytes of every keyring file (ASCII). */
export const KEYRING_MAGIC = 'CRTKEYR1';
/** The file format version this code writes and reads. */
export const KEYRING_VERSION = 1;
/** KDF id 1: Argon2id v1.3 (`crypto_pwhash_ALG_ARGON2ID13`). */
export const KEYRING_KDF_ARGON2ID13 = 1;
/** Argon2 salt length. */
export const KEYRING_SALT_BYTES = 16;
/** Offsets of the header fields (docs/KEYRING.md, "Layout"). */
export const KEYRING_OFFSETS = { magic: 0, version: 8, kdf: 9, opslimit: 10, memlimitKiB: 14, salt: 18, nonce: 34, ciphertext: 58 } as const;
/** Header length: everything before the ciphertext, all of it additional data of the AEAD. */
export const KEYRING_HEADER_BYTES = KEYRING_OFFSETS.ciphertext;
/** The shortest file a sealer can produce: header, smallest padded plaintext, tag. */
export const KEYRING_MIN_BYTES = KEYRING_HEADER_BYTES + PAD_MIN_BYTES + AEAD_TAG_BYTES;
/** The Argon2 parameters a file may state (inclusive). Outside: `keyring_params`, nothing hashed. */
export const KEYRING_OPSLIMIT_MIN = 1;
export const KEYRING_OPSLIMIT_MAX = 10;
/** 8 MiB .. 1 GiB, in KiB. */
export const KEYRING_MEMLIMIT_KIB_MIN = 8 * 1024;
export const KEYRING_MEMLIMIT_KIB_MAX = 1024 * 1024;

const MAGIC_BYTES = new TextEncoder().encode(KEYRING_MAGIC);

/** Argon2id cost parameters as stored in the file. */
export interface KeyringParams {
  opslimit: number;
  /** Memory in KiB (libsodium's `memlimit` is this × 1024 bytes). */
  memlimitKiB: number;
}

/**
 * The passphrase-derived key and what it was derived with. Kept in memory while the keyring
 * is unlocked, so the app re-seals after each change without asking for the passphrase;
 * wipe it with `wipeKeyringWrap` when locking.
 */
export interface KeyringWrap {
  key: Uint8Array;
  salt: Uint8Array;
  opslimit: number;
  memlimitKiB: number;
}

/** The header of a keyring file, once its shape and parameters are accepted. */
export interface KeyringHeader extends KeyringParams {
  salt: Uint8Array;
  nonce: Uint8Array;
  /** Bytes 0..58: the AEAD's additional data. */
  header: Uint8Array;
  ciphertext: Uint8Array;
}

/** Refusals of `openKeyring`. */
export type OpenKeyringErrorCode = 'keyring_malformed' | 'keyring_version' | 'keyring_params' | 'keyring_passphrase';

/** The defaults: libsodium's INTERACTIVE limits (opslimit 2, 64 MiB; ~80–110 ms here). */
export function defaultKeyringParams(): KeyringParams {
  const s = sodium();
  return { opslimit: s.crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimitKiB: s.crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024 };
}

/** Whether a file may ask for these parameters. */
export function keyringParamsAllowed(params: KeyringParams): boolean {
  const { opslimit, memlimitKiB } = params;
  return (
    Number.isInteger(opslimit) && opslimit >= KEYRING_OPSLIMIT_MIN && opslimit <= KEYRING_OPSLIMIT_MAX &&
    Number.isInteger(memlimitKiB) && memlimitKiB >= KEYRING_MEMLIMIT_KIB_MIN && memlimitKiB <= KEYRING_MEMLIMIT_KIB_MAX
  );
}

/** Argon2id of the NFC-normalised passphrase. Throws whatever libsodium throws (e.g. out of memory). */
function argon2id(passphrase: string, salt: Uint8Array, params: KeyringParams): Uint8Array {
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
 * Derives the wrapping key from a passphrase (Argon2id v1.3; the passphrase is normalised to
 * NFC). `salt` defaults to 16 fresh random bytes: pass one only to re-derive a known wrap.
 * Takes ~80–110 ms with the default parameters.
 * @throws RangeError on parameters outside the window (a file sealed with them could never be
 * opened), a salt that is not 16 bytes, or a passphrase that is not a string.
 */
export function deriveKeyringWrap(passphrase: string, params: KeyringParams = defaultKeyringParams(), salt?: Uint8Array): KeyringWrap {
  if (typeof passphrase !== 'string') throw new RangeError('the passphrase must be a string');
  if (!keyringParamsAllowed(params)) {
    throw new RangeError(
      `Argon2 parameters outside the window: opslimit ${KEYRING_OPSLIMIT_MIN}..${KEYRING_OPSLIMIT_MAX}, ` +
        `memlimit ${KEYRING_MEMLIMIT_KIB_MIN}..${KEYRING_MEMLIMIT_KIB_MAX} KiB`,
    );
  }
  if (salt !== undefined && (!(salt instanceof Uint8Array) || salt.length !== KEYRING_SALT_BYTES)) {
    throw new RangeError(`the salt must be ${KEYRING_SALT_BYTES} bytes`);
  }
  const ownSalt = salt !== undefined ? salt.slice() : randomBytes(KEYRING_SALT_BYTES);
  return { key: argon2id(passphrase, ownSalt, params), salt: ownSalt, opslimit: params.opslimit, memlimitKiB: params.memlimitKiB };
}

/** Overwrites the wrap's key with zeros (call when the app locks). */
export function wipeKeyringWrap(wrap: KeyringWrap): void {
  sodium().memzero(wrap.key);
}

function encodeHeader(wrap: KeyringWrap, nonce: Uint8Array): Uint8Array {
  const header = new Uint8Array(KEYRING_HEADER_BYTES);
  header.set(MAGIC_BYTES, KEYRING_OFFSETS.magic);
  header[KEYRING_OFFSETS.version] = KEYRING_VERSION;
  header[KEYRING_OFFSETS.kdf] = KEYRING_KDF_ARGON2ID13;
  writeU32(header, KEYRING_OFFSETS.opslimit, wrap.opslimit);
  writeU32(header, KEYRING_OFFSETS.memlimitKiB, wrap.memlimitKiB);
  header.set(wrap.salt, KEYRING_OFFSETS.salt);
  header.set(nonce, KEYRING_OFFSETS.nonce);
  return header;
}

/**
 * Seals `data` under `wrap` with a fresh random nonce, so sealing the same data twice gives
 * different files. The plaintext is padded to a size bucket (the file size reveals only
 * roughly how many cartelle the device holds).
 * @throws RangeError if `data` is not a valid keyring (see `encodeKeyringData`) or `wrap` is
 * not one `deriveKeyringWrap` could have made.
 */
export function sealKeyring(data: KeyringData, wrap: KeyringWrap): Uint8Array {
  if (!(wrap.key instanceof Uint8Array) || wrap.key.length !== AEAD_KEY_BYTES) throw new RangeError('the wrap key must be 32 bytes');
  if (!(wrap.salt instanceof Uint8Array) || wrap.salt.length !== KEYRING_SALT_BYTES) throw new RangeError('the wrap salt must be 16 bytes');
  if (!keyringParamsAllowed(wrap)) throw new RangeError('the wrap parameters are outside the window');
  const s = sodium();
  const encoded = encodeKeyringData(data);
  const padded = padPlaintext(encoded);
  const nonce = randomBytes(AEAD_NONCE_BYTES);
  const header = encodeHeader(wrap, nonce);
  const ciphertext = aeadEncrypt(wrap.key, nonce, padded, header);
  s.memzero(encoded);
  s.memzero(padded);
  return concatBytes(header, ciphertext);
}

/** Whether `n` is a padded length the sealer can produce (a size bucket). */
function isBucket(n: number): boolean {
  return n >= PAD_MIN_BYTES && padBucket(n - 1) === n;
}

/**
 * Reads and checks the header, without the passphrase and without hashing: shape and magic
 * (`keyring_malformed`), version (`keyring_version`), KDF id and Argon2 parameters
 * (`keyring_params`), and a ciphertext length the sealer can produce (`keyring_malformed`).
 * Never throws. The views share memory with `bytes`.
 */
export function parseKeyringHeader(bytes: Uint8Array): Result<KeyringHeader, Exclude<OpenKeyringErrorCode, 'keyring_passphrase'>> {
  if (!(bytes instanceof Uint8Array)) return err('keyring_malformed', 'not bytes');
  if (bytes.length < KEYRING_OFFSETS.version + 1) return err('keyring_malformed', 'too short for a keyring');
  for (let i = 0; i < MAGIC_BYTES.length; i++) {
    if (bytes[i] !== MAGIC_BYTES[i]) return err('keyring_malformed', 'not a keyring file (magic)');
  }
  // Version before the length check: a future version may have a different header length.
  if (bytes[KEYRING_OFFSETS.version] !== KEYRING_VERSION) {
    return err('keyring_version', `keyring version ${String(bytes[KEYRING_OFFSETS.version])} is not supported`);
  }
  if (bytes.length < KEYRING_HEADER_BYTES) return err('keyring_malformed', 'truncated header');
  if (bytes[KEYRING_OFFSETS.kdf] !== KEYRING_KDF_ARGON2ID13) return err('keyring_params', 'unknown key derivation function');
  const opslimit = readU32(bytes, KEYRING_OFFSETS.opslimit);
  const memlimitKiB = readU32(bytes, KEYRING_OFFSETS.memlimitKiB);
  if (!keyringParamsAllowed({ opslimit, memlimitKiB })) {
    return err('keyring_params', `Argon2 parameters outside the allowed window (opslimit ${opslimit}, memlimit ${memlimitKiB} KiB)`);
  }
  const ciphertext = bytes.subarray(KEYRING_HEADER_BYTES);
  // The sealer always pads to a bucket, so any other length is truncation or trailing junk.
  if (!isBucket(ciphertext.length - AEAD_TAG_BYTES)) return err('keyring_malformed', 'ciphertext length is not one the sealer produces');
  return ok({
    opslimit,
    memlimitKiB,
    salt: bytes.subarray(KEYRING_OFFSETS.salt, KEYRING_OFFSETS.nonce),
    nonce: bytes.subarray(KEYRING_OFFSETS.nonce, KEYRING_OFFSETS.ciphertext),
    header: bytes.subarray(0, KEYRING_HEADER_BYTES),
    ciphertext,
  });
}

/**
 * Opens a keyring file with the passphrase. Never throws. Checks in this order, hashing only
 * after the header is accepted: shape (`keyring_malformed`) → version (`keyring_version`) →
 * KDF and parameters (`keyring_params`) → Argon2id and AEAD (`keyring_passphrase`: wrong
 * passphrase or any tampering, indistinguishable) → padding and plaintext
 * (`keyring_malformed`). If libsodium cannot run Argon2 with accepted parameters (e.g. no
 * memory for 1 GiB), that is `keyring_params`. The English `message` is for logs; the UI words
 * its own Italian text from `code`.
 */
export function openKeyring(
  bytes: Uint8Array,
  passphrase: string,
): Result<{ data: KeyringData; wrap: KeyringWrap }, OpenKeyringErrorCode> {
  const header = parseKeyringHeader(bytes);
  if (!header.ok) return header;
  if (typeof passphrase !== 'string') return err('keyring_passphrase', 'wrong passphrase or damaged keyring');
  const h = header.value;
  const s = sodium();
  let key: Uint8Array;
  try {
    key = argon2id(passphrase, h.salt, h);
  } catch {
    return err('keyring_params', 'the key derivation failed with these parameters (out of memory?)');
  }
  const padded = aeadDecrypt(key, h.nonce, h.ciphertext, h.header);
  if (!padded.ok) {
    s.memzero(key);
    return err('keyring_passphrase', 'wrong passphrase or damaged keyring');
  }
  const plaintext = unpadPlaintext(padded.value);
  s.memzero(padded.value);
  if (!plaintext.ok) {
    s.memzero(key);
    return err('keyring_malformed', `decrypted keyring has invalid padding: ${plaintext.message}`);
  }
  const data = parseKeyringData(plaintext.value);
  s.memzero(plaintext.value);
  if (!data.ok) {
    s.memzero(key);
    return err('keyring_malformed', `decrypted keyring is invalid: ${data.message}`);
  }
  return ok({
    data: data.value,
    wrap: { key, salt: h.salt.slice(), opslimit: h.opslimit, memlimitKiB: h.memlimitKiB },
  });
}

/**
 * Opens the file with `oldPassphrase` and seals the same data under `newPassphrase` with a
 * fresh salt. The Argon2 parameters stay those of the file unless `params` is given (a way to
 * raise them over time). Judging the new passphrase (`passphraseProblems`) is the caller's
 * job. Refusals are those of `openKeyring`, for the old passphrase.
 * @throws RangeError if `newPassphrase` is not a string or `params` is outside the window
 * (programming errors).
 */
export function changeKeyringPassphrase(
  bytes: Uint8Array,
  oldPassphrase: string,
  newPassphrase: string,
  params?: KeyringParams,
): Result<{ bytes: Uint8Array; wrap: KeyringWrap }, OpenKeyringErrorCode> {
  if (typeof newPassphrase !== 'string') throw new RangeError('the new passphrase must be a string');
  if (params !== undefined && !keyringParamsAllowed(params)) throw new RangeError('the new parameters are outside the window');
  const opened = openKeyring(bytes, oldPassphrase);
  if (!opened.ok) return opened;
  const { data, wrap: oldWrap } = opened.value;
  wipeKeyringWrap(oldWrap);
  const wrap = deriveKeyringWrap(newPassphrase, params ?? { opslimit: oldWrap.opslimit, memlimitKiB: oldWrap.memlimitKiB });
  return ok({ bytes: sealKeyring(data, wrap), wrap });
}

/**
 * @module crypto/keyring
 * Owns the sealed keyring file (docs/KEYRING.md): the device's identity and case keys,
 * encrypted under a key derived from the worker's passphrase with Argon2id. The file states
 * its own Argon2 parameters, so they are checked against a fixed window BEFORE any hashing:
 * a crafted file can never make the device hash for minutes or allocate gigabytes. A wrong
 * passphrase and a tampered file are the same refusal (`keyring_passphrase`).
 */
import { encodeKeyringData, parseKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { PAD_MIN_BYTES } from './padding';
import {
  derivePassphraseWrap,
  openPassphraseBox,
  parsePassphraseBoxHeader,
  passphraseBoxFormat,
  PASSPHRASE_BOX_HEADER_BYTES,
  PASSPHRASE_BOX_KDF_ARGON2ID13,
  PASSPHRASE_BOX_MEMLIMIT_KIB_MAX,
  PASSPHRASE_BOX_MEMLIMIT_KIB_MIN,
  PASSPHRASE_BOX_OFFSETS,
  PASSPHRASE_BOX_OPSLIMIT_MAX,
  PASSPHRASE_BOX_OPSLIMIT_MIN,
  PASSPHRASE_BOX_SALT_BYTES,
  passphraseParamsAllowed,
  requirePassphraseWrap,
  sealPassphraseBox,
  wipePassphraseWrap,
} from './passphraseBox';
import type { PassphraseBoxErrorCode, PassphraseBoxHeader, PassphraseParams, PassphraseWrap } from './passphraseBox';
import { AEAD_TAG_BYTES } from './primitives';
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** The first 8 bytes of every keyring file (ASCII). */
export const KEYRING_MAGIC = 'CRTKEYR1';
/** The file format version this code writes and reads. */
export const KEYRING_VERSION = 1;
/** KDF id 1: Argon2id v1.3 (`crypto_pwhash_ALG_ARGON2ID13`). */
export const KEYRING_KDF_ARGON2ID13 = PASSPHRASE_BOX_KDF_ARGON2ID13;
/** Argon2 salt length. */
export const KEYRING_SALT_BYTES = PASSPHRASE_BOX_SALT_BYTES;
/** Offsets of the header fields (docs/KEYRING.md, "Layout"). */
export const KEYRING_OFFSETS = PASSPHRASE_BOX_OFFSETS;
/** Header length: everything before the ciphertext, all of it additional data of the AEAD. */
export const KEYRING_HEADER_BYTES = PASSPHRASE_BOX_HEADER_BYTES;
/** The shortest file a sealer can produce: header, smallest padded plaintext, tag. */
export const KEYRING_MIN_BYTES = KEYRING_HEADER_BYTES + PAD_MIN_BYTES + AEAD_TAG_BYTES;
/** The Argon2 parameters a file may state (inclusive). Outside: `keyring_params`, nothing hashed. */
export const KEYRING_OPSLIMIT_MIN = PASSPHRASE_BOX_OPSLIMIT_MIN;
export const KEYRING_OPSLIMIT_MAX = PASSPHRASE_BOX_OPSLIMIT_MAX;
/** 8 MiB .. 1 GiB, in KiB. */
export const KEYRING_MEMLIMIT_KIB_MIN = PASSPHRASE_BOX_MEMLIMIT_KIB_MIN;
export const KEYRING_MEMLIMIT_KIB_MAX = PASSPHRASE_BOX_MEMLIMIT_KIB_MAX;

/** The keyring's passphrase-sealed format (crypto/passphraseBox.ts, shared with the backup and share files). */
const KEYRING_FORMAT = passphraseBoxFormat(KEYRING_MAGIC, KEYRING_VERSION);

/** Argon2id cost parameters as stored in the file. */
export type KeyringParams = PassphraseParams;

/**
 * The passphrase-derived key and what it was derived with. Kept in memory while the keyring
 * is unlocked, so the app re-seals after each change without asking for the passphrase;
 * wipe it with `wipeKeyringWrap` when locking.
 */
export type KeyringWrap = PassphraseWrap;

/** The header of a keyring file, once its shape and parameters are accepted. */
export type KeyringHeader = PassphraseBoxHeader;

/** Refusals of `openKeyring`. */
export type OpenKeyringErrorCode = 'keyring_malformed' | 'keyring_version' | 'keyring_params' | 'keyring_passphrase';

const KEYRING_CODES: Readonly<Record<PassphraseBoxErrorCode, OpenKeyringErrorCode>> = {
  malformed: 'keyring_malformed',
  version: 'keyring_version',
  params: 'keyring_params',
  passphrase: 'keyring_passphrase',
};

/** The defaults: libsodium's INTERACTIVE limits (opslimit 2, 64 MiB; ~80–110 ms here). */
export function defaultKeyringParams(): KeyringParams {
  const s = sodium();
  return { opslimit: s.crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimitKiB: s.crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024 };
}

/** Whether a file may ask for these parameters. */
export function keyringParamsAllowed(params: KeyringParams): boolean {
  return passphraseParamsAllowed(params);
}

/**
 * Derives the wrapping key from a passphrase (Argon2id v1.3; the passphrase is normalised to
 * NFC). `salt` defaults to 16 fresh random bytes: pass one only to re-derive a known wrap.
 * Takes ~80–110 ms with the default parameters.
 * @throws RangeError on parameters outside the window (a file sealed with them could never be
 * opened), a salt that is not 16 bytes, or a passphrase that is not a string.
 */
export function deriveKeyringWrap(passphrase: string, params: KeyringParams = defaultKeyringParams(), salt?: Uint8Array): KeyringWrap {
  return derivePassphraseWrap(passphrase, params, salt);
}

/** Overwrites the wrap's key with zeros (call when the app locks). */
export function wipeKeyringWrap(wrap: KeyringWrap): void {
  wipePassphraseWrap(wrap);
}

/**
 * Seals `data` under `wrap` with a fresh random nonce, so sealing the same data twice gives
 * different files. The plaintext is padded to a size bucket (the file size reveals only
 * roughly how many cartelle the device holds).
 * @throws RangeError if `data` is not a valid keyring (see `encodeKeyringData`) or `wrap` is
 * not one `deriveKeyringWrap` could have made.
 */
export function sealKeyring(data: KeyringData, wrap: KeyringWrap): Uint8Array {
  // Check the wrap before encoding, so a bad wrap never leaves a plaintext copy behind.
  requirePassphraseWrap(wrap);
  const encoded = encodeKeyringData(data);
  try {
    return sealPassphraseBox(KEYRING_FORMAT, encoded, wrap);
  } finally {
    sodium().memzero(encoded);
  }
}

/**
 * Reads and checks the header, without the passphrase and without hashing: shape and magic
 * (`keyring_malformed`), version (`keyring_version`), KDF id and Argon2 parameters
 * (`keyring_params`), and a ciphertext length the sealer can produce (`keyring_malformed`).
 * Never throws. The views share memory with `bytes`.
 */
export function parseKeyringHeader(bytes: Uint8Array): Result<KeyringHeader, Exclude<OpenKeyringErrorCode, 'keyring_passphrase'>> {
  const header = parsePassphraseBoxHeader(KEYRING_FORMAT, bytes);
  return header.ok ? header : err(KEYRING_CODES[header.code] as Exclude<OpenKeyringErrorCode, 'keyring_passphrase'>, `keyring: ${header.message}`);
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
  const opened = openPassphraseBox(KEYRING_FORMAT, bytes, passphrase);
  if (!opened.ok) return err(KEYRING_CODES[opened.code], `keyring: ${opened.message}`);
  const { plaintext, wrap } = opened.value;
  const data = parseKeyringData(plaintext);
  sodium().memzero(plaintext);
  if (!data.ok) {
    wipeKeyringWrap(wrap);
    return err('keyring_malformed', `decrypted keyring is invalid: ${data.message}`);
  }
  return ok({ data: data.value, wrap });
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

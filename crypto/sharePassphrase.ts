/**
 * @module crypto/sharePassphrase
 * Owns the passphrase form of a share bundle (docs/SHARING.md, "Passphrase file and QR"): the
 * bundle sealed in the passphrase file layout of the keyring (crypto/passphraseBox.ts) under
 * the magic CRTSHAR1, with a one-time passphrase the app generates (80 random bits as 16
 * Crockford base32 symbols, read aloud or sent by another channel). The file can travel by
 * e-mail or USB stick, or as text in a QR code; without the passphrase it is useless.
 */
import { CROCKFORD_ALPHABET, fromCrockford, groupSymbols, normalizeCrockford, toCrockford } from './base32';
import { padBucket } from './padding';
import {
  derivePassphraseWrap,
  openPassphraseBox,
  parsePassphraseBoxHeader,
  passphraseBoxFormat,
  PASSPHRASE_BOX_HEADER_BYTES,
  sealPassphraseBox,
  wipePassphraseWrap,
} from './passphraseBox';
import type { PassphraseBoxErrorCode, PassphraseParams } from './passphraseBox';
import { AEAD_TAG_BYTES } from './primitives';
import { randomBytes } from './random';
import { ok } from './result';
import type { Result } from './result';
import { decodeShareBundle, parseShareBundle, SHARE_BUNDLE_MAX_BYTES } from './shareBundle';
import type { ParseShareBundleOptions, ShareBundle } from './shareBundle';
import { shareErr } from './shareErrors';
import type { BundleErrorCode } from './shareErrors';
import { sodium } from './sodium';

/** The first 8 bytes of a passphrase-wrapped bundle (ASCII). */
export const SHARE_FILE_MAGIC = 'CRTSHAR1';
/** The file version this code writes and reads. */
export const SHARE_FILE_VERSION = 1;
/** Symbols of a one-time passphrase: 16 × 5 = 80 random bits. */
export const ONE_TIME_PASSPHRASE_SYMBOLS = 16;
/** The largest file a valid bundle gives. */
export const SHARE_FILE_MAX_BYTES = PASSPHRASE_BOX_HEADER_BYTES + padBucket(SHARE_BUNDLE_MAX_BYTES) + AEAD_TAG_BYTES;
/** Prefix of the QR text form (upper case: with base32 it fits the QR alphanumeric mode). */
export const SHARE_QR_PREFIX = 'CARTELLA-CHIAVI:';
/** The longest QR text `parseWrappedBundleText` looks at. */
export const SHARE_QR_MAX_CHARS = 2 * (SHARE_QR_PREFIX.length + Math.ceil((SHARE_FILE_MAX_BYTES * 8) / 5));

const SHARE_FILE_FORMAT = passphraseBoxFormat(SHARE_FILE_MAGIC, SHARE_FILE_VERSION);

const FILE_CODES: Readonly<Record<PassphraseBoxErrorCode, BundleErrorCode>> = {
  malformed: 'bundle_malformed',
  version: 'bundle_version',
  params: 'bundle_params',
  passphrase: 'bundle_passphrase',
};

/**
 * Argon2id for a share file: libsodium's INTERACTIVE limits (opslimit 2, 64 MiB, ~0.1 s). The
 * passphrase already has 80 random bits; Argon2 adds a margin, not the strength.
 */
export function defaultShareFileParams(): PassphraseParams {
  const s = sodium();
  return { opslimit: s.crypto_pwhash_OPSLIMIT_INTERACTIVE, memlimitKiB: s.crypto_pwhash_MEMLIMIT_INTERACTIVE / 1024 };
}

/** A fresh one-time passphrase: 16 Crockford base32 symbols (80 bits) as `XXXX-XXXX-XXXX-XXXX`. */
export function generateOneTimePassphrase(): string {
  return groupSymbols(toCrockford(randomBytes((ONE_TIME_PASSPHRASE_SYMBOLS * 5) / 8)));
}

/**
 * The canonical form of a typed one-time passphrase (16 upper-case symbols, no separators):
 * spaces, hyphens and case are ignored, O is read as 0 and I, L as 1. Anything that is not 16
 * symbols of the alphabet is `bundle_passphrase_format`.
 */
export function normalizeOneTimePassphrase(text: string): Result<string, 'bundle_passphrase_format'> {
  if (typeof text !== 'string' || text.length > 200) return shareErr('bundle_passphrase_format');
  const canonical = normalizeCrockford(text);
  if (canonical.length !== ONE_TIME_PASSPHRASE_SYMBOLS || [...canonical].some((c) => !CROCKFORD_ALPHABET.includes(c))) {
    return shareErr('bundle_passphrase_format');
  }
  return ok(canonical);
}

/**
 * Seals a bundle under a one-time passphrase (in any of its typed forms; Argon2id runs on the
 * canonical 16 symbols, so "k7qm 2xpa …" and "K7QM-2XPA-…" open the same file).
 * @throws RangeError if `passphrase` is not a one-time passphrase (a person-chosen phrase would
 * be far weaker than 80 bits), `bundleBytes` is not a valid signed bundle, or `params` is
 * outside the window.
 */
export function wrapBundleWithPassphrase(bundleBytes: Uint8Array, passphrase: string, params: PassphraseParams = defaultShareFileParams()): Uint8Array {
  const canonical = normalizeOneTimePassphrase(passphrase);
  if (!canonical.ok) throw new RangeError('not a one-time passphrase (use generateOneTimePassphrase)');
  const bundle = decodeShareBundle(bundleBytes);
  if (!bundle.ok) throw new RangeError(`not a valid bundle: ${bundle.code}`);
  const wrap = derivePassphraseWrap(canonical.value, params);
  try {
    return sealPassphraseBox(SHARE_FILE_FORMAT, bundleBytes, wrap);
  } finally {
    wipePassphraseWrap(wrap);
  }
}

/**
 * Opens a passphrase file and validates the bundle inside for acceptance. Never throws (except
 * on a bad `options.now`). Order: file header, without hashing (`bundle_malformed`,
 * `bundle_version`, `bundle_params` for Argon2 parameters outside the window) → passphrase
 * format (`bundle_passphrase_format`, no hashing) → Argon2id and AEAD (`bundle_passphrase`: wrong
 * passphrase or tampered file) → `parseShareBundle(…, options)`.
 */
export function unwrapBundleWithPassphrase(
  fileBytes: Uint8Array,
  passphrase: string,
  options: ParseShareBundleOptions,
): Result<ShareBundle, BundleErrorCode> {
  const header = parsePassphraseBoxHeader(SHARE_FILE_FORMAT, fileBytes);
  if (!header.ok) return shareErr(FILE_CODES[header.code]);
  const canonical = normalizeOneTimePassphrase(passphrase);
  if (!canonical.ok) return canonical;
  const opened = openPassphraseBox(SHARE_FILE_FORMAT, fileBytes, canonical.value);
  if (!opened.ok) return shareErr(FILE_CODES[opened.code]);
  wipePassphraseWrap(opened.value.wrap);
  const parsed = parseShareBundle(opened.value.plaintext, options);
  opened.value.plaintext.fill(0);
  return parsed;
}

/** The QR text form of a passphrase file: `CARTELLA-CHIAVI:` then Crockford base32 (no groups). */
export function wrappedBundleToText(fileBytes: Uint8Array): string {
  if (!(fileBytes instanceof Uint8Array) || fileBytes.length > SHARE_FILE_MAX_BYTES) throw new RangeError('not a share file');
  return `${SHARE_QR_PREFIX}${toCrockford(fileBytes)}`;
}

/**
 * The file bytes from a QR text (or the same text pasted): prefix (any case) and base32, white
 * space ignored. Anything else, or a length no share file has, is `qr_malformed`; the bytes
 * still go to `unwrapBundleWithPassphrase`.
 */
export function parseWrappedBundleText(text: string): Result<Uint8Array, 'qr_malformed'> {
  if (typeof text !== 'string' || text.length > SHARE_QR_MAX_CHARS) return shareErr('qr_malformed', 'testo troppo lungo');
  const compact = text.replace(/\s+/gu, '');
  if (compact.slice(0, SHARE_QR_PREFIX.length).toUpperCase() !== SHARE_QR_PREFIX) return shareErr('qr_malformed', 'prefisso mancante');
  const decoded = fromCrockford(normalizeCrockford(compact.slice(SHARE_QR_PREFIX.length)));
  if (!decoded.ok) return shareErr('qr_malformed', 'caratteri non validi');
  if (decoded.value.length < PASSPHRASE_BOX_HEADER_BYTES || decoded.value.length > SHARE_FILE_MAX_BYTES) {
    return shareErr('qr_malformed', 'lunghezza non valida');
  }
  return ok(decoded.value);
}

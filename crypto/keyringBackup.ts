/**
 * @module crypto/keyringBackup
 * Owns the keyring backup file (docs/SHARING.md, "Keyring backup"), for moving a worker's keys
 * to a new laptop: the keyring plaintext sealed in the passphrase file layout of the keyring
 * itself (crypto/passphraseBox.ts), under its own magic CRTBACK1 and a passphrase of its own,
 * with stronger Argon2 parameters by default (the file leaves the device and can be attacked
 * offline for as long as it exists).
 */
import { parseKeyringData, encodeKeyringData } from './keyringData';
import type { KeyringData } from './keyringData';
import { passphraseProblems } from './passphrase';
import { derivePassphraseWrap, openPassphraseBox, passphraseBoxFormat, sealPassphraseBox, wipePassphraseWrap } from './passphraseBox';
import type { PassphraseBoxErrorCode, PassphraseParams } from './passphraseBox';
import { ok } from './result';
import type { Result } from './result';
import { shareErr } from './shareErrors';
import type { BackupErrorCode } from './shareErrors';
import { sodium } from './sodium';

/** The first 8 bytes of a backup file (ASCII). */
export const KEYRING_BACKUP_MAGIC = 'CRTBACK1';
/** The file version this code writes and reads. */
export const KEYRING_BACKUP_VERSION = 1;

const BACKUP_FORMAT = passphraseBoxFormat(KEYRING_BACKUP_MAGIC, KEYRING_BACKUP_VERSION);

const BACKUP_CODES: Readonly<Record<PassphraseBoxErrorCode, BackupErrorCode>> = {
  malformed: 'backup_malformed',
  version: 'backup_version',
  params: 'backup_params',
  passphrase: 'backup_passphrase',
};

/** libsodium's MODERATE limits: opslimit 3, 256 MiB (~0.5–1 s), inside the window. */
export function defaultBackupParams(): PassphraseParams {
  const s = sodium();
  return { opslimit: s.crypto_pwhash_OPSLIMIT_MODERATE, memlimitKiB: s.crypto_pwhash_MEMLIMIT_MODERATE / 1024 };
}

/**
 * The backup file of `data` under `backupPassphrase` (NFC-normalised, fresh salt and nonce).
 * Check the passphrase with `passphraseProblems` first (or offer `generateOneTimePassphrase`).
 * @throws RangeError if the passphrase has `passphraseProblems`, `params` is outside the
 * window, or `data` is not a valid keyring.
 */
export function exportKeyringBackup(data: KeyringData, backupPassphrase: string, params: PassphraseParams = defaultBackupParams()): Uint8Array {
  if (typeof backupPassphrase !== 'string' || passphraseProblems(backupPassphrase).length > 0) {
    throw new RangeError('the backup passphrase is too weak (check passphraseProblems first)');
  }
  const encoded = encodeKeyringData(data);
  const wrap = derivePassphraseWrap(backupPassphrase, params);
  try {
    return sealPassphraseBox(BACKUP_FORMAT, encoded, wrap);
  } finally {
    wipePassphraseWrap(wrap);
    sodium().memzero(encoded);
  }
}

/**
 * The keyring inside a backup file. Never throws. Order (as the keyring's, docs/KEYRING.md):
 * magic and shape (`backup_malformed`) → version (`backup_version`) → KDF and Argon2 window,
 * before any hashing (`backup_params`) → Argon2id and AEAD (`backup_passphrase`: wrong
 * passphrase or altered file) → padding and the keyring parser (`backup_malformed`). The caller
 * then seals it as this device's keyring under the worker's passphrase.
 */
export function importKeyringBackup(bytes: Uint8Array, passphrase: string): Result<KeyringData, BackupErrorCode> {
  const opened = openPassphraseBox(BACKUP_FORMAT, bytes, passphrase);
  if (!opened.ok) return shareErr(BACKUP_CODES[opened.code]);
  wipePassphraseWrap(opened.value.wrap);
  const data = parseKeyringData(opened.value.plaintext);
  sodium().memzero(opened.value.plaintext);
  if (!data.ok) return shareErr('backup_malformed', 'contenuto non valido');
  return ok(data.value);
}

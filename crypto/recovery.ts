/**
 * @module crypto/recovery
 * Owns continuity (docs/SHARING.md, "Recovery"): the ente's recovery key pair (X25519),
 * generated once by the responsabile, whose private half is printed and kept offline and whose
 * public half is configured on every device (keyring `settings.recoveryPublicKey`). Each device
 * seals every cartella's keys to the public half (`sealToRecovery`); the opaque blob can be
 * stored anywhere, the relay included. With the private half the responsabile recovers the
 * keys of a cartella whose only device was lost (`openWithRecoveryKey`). The blob is signed by
 * the sealing device, so the responsabile sees which device vouched for the keys.
 */
import { ByteReader, ByteWriter, Malformed, Truncated } from './byteCursor';
import { bytesEqual, concatBytes } from './bytes';
import type { DeviceIdentity } from './identity';
import type { CartellaKeys } from './keyringData';
import { encodeKeyText, parseKeyText } from './keyText';
import { padBucket, padPlaintext, unpadPlaintext } from './padding';
import { CARTELLA_ID_MAX_BYTES, PART_KEYS_MAX_BYTES, readCartellaId, readPartKeys, writeCartellaId, writePartKeys } from './partKeysCodec';
import { blake2b, ED25519_PUBLIC_KEY_BYTES, ED25519_SIGNATURE_BYTES, ed25519Sign, ed25519Verify, X25519_BYTES } from './primitives';
import { isUsableEd25519PublicKey, isUsableX25519PublicKey } from './publicKeys';
import { ok } from './result';
import type { Result } from './result';
import { shareErr } from './shareErrors';
import type { KeyTextErrorCode, RecoveryErrorCode } from './shareErrors';
import { sodium } from './sodium';

/** The first 8 bytes of a recovery blob (ASCII). */
export const RECOVERY_MAGIC = 'CRTRECV1';
/** The version this code writes and reads. */
export const RECOVERY_VERSION = 1;
/** Domain string of the sealing device's signature. */
export const RECOVERY_SIGNATURE_DOMAIN = 'cartella-recovery-v1';
/** Magic and version. */
export const RECOVERY_HEADER_BYTES = 9;
/** Flag bit: the prof part follows. Other bits must be zero. */
export const RECOVERY_FLAG_PROF = 0x01;
/** The largest payload: time, sealer, flags, id, two parts, signature. */
export const RECOVERY_PAYLOAD_MAX_BYTES = 8 + ED25519_PUBLIC_KEY_BYTES + 1 + CARTELLA_ID_MAX_BYTES + 2 * PART_KEYS_MAX_BYTES + ED25519_SIGNATURE_BYTES;
/** The largest blob. */
export const RECOVERY_MAX_BYTES = RECOVERY_HEADER_BYTES + 48 + padBucket(RECOVERY_PAYLOAD_MAX_BYTES);

const MAGIC_BYTES = new TextEncoder().encode(RECOVERY_MAGIC);
const DOMAIN_BYTES = new TextEncoder().encode(RECOVERY_SIGNATURE_DOMAIN);

/** The ente's recovery key pair. The private half never enters a device's keyring. */
export interface RecoveryKeyPair {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

/** A cartella recovered from a blob. */
export interface RecoveredCartella {
  /** The keys, `addedAt` = the `now` of `openWithRecoveryKey`. */
  keys: CartellaKeys;
  /** The Ed25519 key of the device that sealed them (compare with the rosters the ente knows). */
  sealedBy: Uint8Array;
  /** When they were sealed, ms since the Unix epoch (of several blobs, the latest has the most epochs). */
  sealedAt: number;
}

/** A fresh recovery key pair (for the responsabile, once). */
export function generateRecoveryKey(): RecoveryKeyPair {
  const pair = sodium().crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

/** The public half as `RECUPERO-PUBBLICA:XXXX-…`, to configure on every device. */
export function recoveryPublicKeyToText(publicKey: Uint8Array): string {
  return encodeKeyText('recupero_pubblica', publicKey);
}

/** The private half as `RECUPERO-PRIVATA:XXXX-…`, to print (text or QR) and keep offline. */
export function recoveryPrivateKeyToText(pair: RecoveryKeyPair): string {
  return encodeKeyText('recupero_privata', pair.privateKey);
}

/** The public half from its text; `key_text_key` for a low-order point. */
export function parseRecoveryPublicKeyText(text: string): Result<Uint8Array, KeyTextErrorCode> {
  const key = parseKeyText('recupero_pubblica', text);
  if (!key.ok) return key;
  return isUsableX25519PublicKey(key.value) ? key : shareErr('key_text_key');
}

/** The pair from the printed private half (the public half is recomputed from it). */
export function parseRecoveryPrivateKeyText(text: string): Result<RecoveryKeyPair, KeyTextErrorCode> {
  const key = parseKeyText('recupero_privata', text);
  if (!key.ok) return key;
  return ok({ publicKey: sodium().crypto_scalarmult_base(key.value), privateKey: key.value });
}

function signedDigest(recoveryPublicKey: Uint8Array, body: Uint8Array): Uint8Array {
  return blake2b(64, concatBytes(DOMAIN_BYTES, recoveryPublicKey, body));
}

/**
 * Seals a cartella's keys to the ente's recovery key: `CRTRECV1 | 1 | crypto_box_seal(padded
 * payload)`, payload = u64 sealedAt | 32 sealer | flags | id | admin | prof? | signature of the
 * sealer over BLAKE2b-512("cartella-recovery-v1" | recovery public key | everything before).
 * @throws RangeError on an unusable recovery key, a `now` that is not a time, or keys the
 * format cannot hold (they come from the validated keyring).
 */
export function sealToRecovery(recoveryPublicKey: Uint8Array, keys: CartellaKeys, sealer: DeviceIdentity, now: number): Uint8Array {
  if (!isUsableX25519PublicKey(recoveryPublicKey)) throw new RangeError('not a usable recovery public key');
  if (!Number.isSafeInteger(now) || now < 0) throw new RangeError('now is milliseconds since the Unix epoch');
  if (!(sealer.signPublicKey instanceof Uint8Array) || sealer.signPublicKey.length !== ED25519_PUBLIC_KEY_BYTES) {
    throw new RangeError('the sealer identity has no valid signing key');
  }
  const w = new ByteWriter().u64(now).bytes(sealer.signPublicKey).u8(keys.prof !== undefined ? RECOVERY_FLAG_PROF : 0);
  writeCartellaId(w, keys.cartellaId);
  writePartKeys(w, keys.admin);
  if (keys.prof !== undefined) writePartKeys(w, keys.prof);
  const body = w.finish();
  const payload = concatBytes(body, ed25519Sign(sealer.signPrivateKey, signedDigest(recoveryPublicKey, body)));
  const padded = padPlaintext(payload);
  try {
    return concatBytes(MAGIC_BYTES, Uint8Array.of(RECOVERY_VERSION), sodium().crypto_box_seal(padded, recoveryPublicKey));
  } finally {
    body.fill(0);
    payload.fill(0);
    padded.fill(0);
  }
}

function readPayload(payload: Uint8Array, now: Date): { recovered: RecoveredCartella; signedLength: number; signature: Uint8Array } {
  const r = new ByteReader(payload);
  const sealedAt = r.u64('data');
  const sealedBy = r.take(ED25519_PUBLIC_KEY_BYTES).slice();
  if (!isUsableEd25519PublicKey(sealedBy)) throw new Malformed('chiave del dispositivo non valida');
  const flags = r.u8();
  if ((flags & ~RECOVERY_FLAG_PROF) !== 0) throw new Malformed('bit riservati non nulli');
  const cartellaId = readCartellaId(r);
  const admin = readPartKeys(r, 'parte amministrativa');
  const prof = (flags & RECOVERY_FLAG_PROF) !== 0 ? readPartKeys(r, 'parte professionale') : undefined;
  if (prof !== undefined && bytesEqual(admin.roomId, prof.roomId)) throw new Malformed('le due parti hanno la stessa stanza');
  const signedLength = r.position;
  if (r.remaining !== ED25519_SIGNATURE_BYTES) throw new Malformed('lunghezza della firma');
  const signature = r.take(ED25519_SIGNATURE_BYTES);
  const keys: CartellaKeys = { cartellaId, admin, ...(prof !== undefined ? { prof } : {}), addedAt: now.toISOString() };
  return { recovered: { keys, sealedBy, sealedAt }, signedLength, signature };
}

/**
 * Opens a recovery blob with the private half (its printed text, or the pair). Never throws
 * (except on an invalid `now`, a programming error).
 * Order: the key text (its `key_text_*` refusals) → magic (`recovery_malformed`) → version
 * (`recovery_version`) → a length the sealer can produce (`recovery_malformed`) →
 * `crypto_box_seal_open` (`recovery_key`: another recovery key, or altered) → padding and
 * payload (`recovery_malformed`) → the sealer's signature (`recovery_signature`).
 */
export function openWithRecoveryKey(
  key: string | RecoveryKeyPair,
  blob: Uint8Array,
  now: Date,
): Result<RecoveredCartella, RecoveryErrorCode | KeyTextErrorCode> {
  let pair: RecoveryKeyPair;
  if (typeof key === 'string') {
    const parsed = parseRecoveryPrivateKeyText(key);
    if (!parsed.ok) return parsed;
    pair = parsed.value;
  } else {
    pair = key;
  }
  if (!(blob instanceof Uint8Array) || blob.length < RECOVERY_HEADER_BYTES) return shareErr('recovery_malformed', 'troppo corto');
  for (let i = 0; i < MAGIC_BYTES.length; i++) {
    if (blob[i] !== MAGIC_BYTES[i]) return shareErr('recovery_malformed', 'non è un salvataggio di recupero');
  }
  if (blob[MAGIC_BYTES.length] !== RECOVERY_VERSION) return shareErr('recovery_version', `versione ${String(blob[MAGIC_BYTES.length])}`);
  const sealed = blob.subarray(RECOVERY_HEADER_BYTES);
  const paddedLength = sealed.length - 48;
  if (blob.length > RECOVERY_MAX_BYTES || paddedLength < 64 || padBucket(paddedLength - 1) !== paddedLength) {
    return shareErr('recovery_malformed', 'lunghezza non valida');
  }
  if (!(pair.publicKey instanceof Uint8Array) || pair.publicKey.length !== X25519_BYTES ||
      !(pair.privateKey instanceof Uint8Array) || pair.privateKey.length !== X25519_BYTES) {
    return shareErr('recovery_key', 'chiave di lunghezza errata');
  }
  let padded: Uint8Array;
  try {
    padded = sodium().crypto_box_seal_open(sealed, pair.publicKey, pair.privateKey);
  } catch {
    return shareErr('recovery_key');
  }
  const payload = unpadPlaintext(padded);
  padded.fill(0);
  if (!payload.ok) return shareErr('recovery_malformed', 'riempimento non valido');
  try {
    const { recovered, signedLength, signature } = readPayload(payload.value, now);
    const body = payload.value.subarray(0, signedLength);
    if (!ed25519Verify(recovered.sealedBy, signedDigest(pair.publicKey, body), signature)) return shareErr('recovery_signature');
    return ok(recovered);
  } catch (e) {
    if (e instanceof Truncated) return shareErr('recovery_malformed', 'incompleto');
    if (e instanceof Malformed) return shareErr('recovery_malformed', e.message);
    throw e;
  } finally {
    payload.value.fill(0);
  }
}

/**
 * @module crypto/shareSealed
 * Owns the hand-over to one colleague's device (docs/SHARING.md, "Sealed box"): the colleague
 * shows or sends "il mio codice" (their device's public keys as a key text with a checksum);
 * the issuer makes a bundle naming that recipient and seals it with `crypto_box_seal` to the
 * colleague's X25519 key. Only that device opens it, and the bundle inside must name it, so a
 * sealed box re-sealed to someone else, or a bundle meant for another device, is refused.
 */
import { bytesEqual, concatBytes } from './bytes';
import type { DeviceIdentity } from './identity';
import { KEY_TEXT_KINDS, encodeKeyText, parseKeyText } from './keyText';
import { padBucket, padPlaintext, unpadPlaintext } from './padding';
import { ED25519_PUBLIC_KEY_BYTES, X25519_BYTES } from './primitives';
import { isUsableEd25519PublicKey, isUsableX25519PublicKey } from './publicKeys';
import { ok } from './result';
import type { Result } from './result';
import { decodeShareBundle, parseShareBundle, SHARE_BUNDLE_MAX_BYTES } from './shareBundle';
import type { ParseShareBundleOptions, ShareBundle, SharePublicKeys } from './shareBundle';
import { shareErr } from './shareErrors';
import type { BundleErrorCode, KeyTextErrorCode } from './shareErrors';
import { sodium } from './sodium';

/** The first 8 bytes of a sealed bundle (ASCII). */
export const SEALED_BUNDLE_MAGIC = 'CRTSEAL1';
/** The version this code writes and reads. */
export const SEALED_BUNDLE_VERSION = 1;
/** Magic and version. */
export const SEALED_BUNDLE_HEADER_BYTES = 9;
/** What `crypto_box_seal` adds: an ephemeral public key and a tag. */
export const SEALED_BOX_OVERHEAD_BYTES = 48;
/** The largest sealed bundle a valid bundle gives. */
export const SEALED_BUNDLE_MAX_BYTES = SEALED_BUNDLE_HEADER_BYTES + SEALED_BOX_OVERHEAD_BYTES + padBucket(SHARE_BUNDLE_MAX_BYTES);

const MAGIC_BYTES = new TextEncoder().encode(SEALED_BUNDLE_MAGIC);

/** "Il mio codice": this device's two public keys as `CODICE:XXXX-…` (111 symbols with the checksum). */
export function encodeMyKeyCode(keys: SharePublicKeys): string {
  if (!(keys.signPublicKey instanceof Uint8Array) || keys.signPublicKey.length !== ED25519_PUBLIC_KEY_BYTES ||
      !(keys.boxPublicKey instanceof Uint8Array) || keys.boxPublicKey.length !== X25519_BYTES) {
    throw new RangeError('a key code holds a 32-byte signing key and a 32-byte box key');
  }
  return encodeKeyText('codice', concatBytes(keys.signPublicKey, keys.boxPublicKey));
}

/**
 * A colleague's public keys from their typed or pasted code. Refusals are those of
 * `parseKeyText` (`key_text_checksum` for a typo), plus `key_text_key` when a key is not usable
 * (a small-order or non-canonical point: a box sealed to it could be opened by anyone).
 */
export function parseMyKeyCode(text: string): Result<SharePublicKeys, KeyTextErrorCode> {
  const payload = parseKeyText('codice', text);
  if (!payload.ok) return payload;
  const half = KEY_TEXT_KINDS.codice.payloadBytes / 2;
  const signPublicKey = payload.value.slice(0, half);
  const boxPublicKey = payload.value.slice(half);
  if (!isUsableEd25519PublicKey(signPublicKey) || !isUsableX25519PublicKey(boxPublicKey)) return shareErr('key_text_key');
  return ok({ signPublicKey, boxPublicKey });
}

/**
 * Seals `bundleBytes` (padded to its size bucket, so the size does not tell équipe from
 * amministrativo) to the recipient's X25519 key: `CRTSEAL1 | 1 | crypto_box_seal(...)`.
 * @throws RangeError if the key is not usable, or the bundle is not a valid signed bundle that
 * names this very recipient (a bearer bundle must not be sent as if it were bound).
 */
export function sealBundleTo(recipientBoxPublicKey: Uint8Array, bundleBytes: Uint8Array): Uint8Array {
  if (!isUsableX25519PublicKey(recipientBoxPublicKey)) throw new RangeError('not a usable X25519 public key');
  const bundle = decodeShareBundle(bundleBytes);
  if (!bundle.ok) throw new RangeError(`not a valid bundle: ${bundle.code}`);
  const recipient = bundle.value.recipient;
  if (recipient === undefined || !bytesEqual(recipient.boxPublicKey, recipientBoxPublicKey)) {
    throw new RangeError('the bundle must name this recipient (createShareBundle with recipient)');
  }
  const padded = padPlaintext(bundleBytes);
  try {
    return concatBytes(MAGIC_BYTES, Uint8Array.of(SEALED_BUNDLE_VERSION), sodium().crypto_box_seal(padded, recipientBoxPublicKey));
  } finally {
    padded.fill(0);
  }
}

/** Whether `n` is a padded length the sealer can produce (a size bucket). */
function isBucket(n: number): boolean {
  return n >= 64 && padBucket(n - 1) === n;
}

/**
 * Opens a sealed bundle with this device's identity and validates the bundle for acceptance.
 * Never throws (except on a bad `options.now`). Order: magic (`bundle_malformed`; a prefix of
 * the header is `bundle_truncated`) → version (`bundle_version`) → a length the sealer can
 * produce (`bundle_malformed`) → `crypto_box_seal_open` (`bundle_sealed`: sealed to another
 * device, or altered) → padding (`bundle_malformed`) → `parseShareBundle` with `me` = this
 * device → the bundle must name a recipient (`bundle_recipient`).
 */
export function openSealedBundle(
  identity: DeviceIdentity,
  bytes: Uint8Array,
  options: Omit<ParseShareBundleOptions, 'me'>,
): Result<ShareBundle, BundleErrorCode> {
  if (!(bytes instanceof Uint8Array)) return shareErr('bundle_malformed', 'non sono byte');
  const head = Math.min(bytes.length, MAGIC_BYTES.length);
  for (let i = 0; i < head; i++) if (bytes[i] !== MAGIC_BYTES[i]) return shareErr('bundle_malformed', 'non è un pacchetto sigillato');
  if (bytes.length < SEALED_BUNDLE_HEADER_BYTES) return shareErr('bundle_truncated');
  if (bytes[MAGIC_BYTES.length] !== SEALED_BUNDLE_VERSION) return shareErr('bundle_version', `versione ${String(bytes[MAGIC_BYTES.length])}`);
  const sealed = bytes.subarray(SEALED_BUNDLE_HEADER_BYTES);
  if (bytes.length > SEALED_BUNDLE_MAX_BYTES || !isBucket(sealed.length - SEALED_BOX_OVERHEAD_BYTES)) {
    return shareErr('bundle_malformed', 'lunghezza non valida');
  }
  let padded: Uint8Array;
  try {
    padded = sodium().crypto_box_seal_open(sealed, identity.boxPublicKey, identity.boxPrivateKey);
  } catch {
    return shareErr('bundle_sealed');
  }
  const inner = unpadPlaintext(padded);
  padded.fill(0);
  if (!inner.ok) return shareErr('bundle_malformed', 'riempimento non valido');
  const parsed = parseShareBundle(inner.value, { ...options, me: identity });
  inner.value.fill(0);
  if (!parsed.ok) return parsed;
  if (parsed.value.recipient === undefined) return shareErr('bundle_recipient', 'il pacchetto non nomina un destinatario');
  return ok(parsed.value);
}

/**
 * @module crypto/primitives
 * Owns the thin wrappers over libsodium that the rest of crypto/ goes through, so the
 * Wycheproof vectors test exactly the calls the app makes. The wrappers fix the rules
 * libsodium leaves to callers: what throws (our own programming errors: a wrong key or nonce
 * length when sealing) and what is refused quietly (anything an attacker controls).
 */
import { err, ok } from './result';
import type { Result } from './result';
import { sodium } from './sodium';

/** XChaCha20-Poly1305-IETF key length. */
export const AEAD_KEY_BYTES = 32;
/** XChaCha20-Poly1305-IETF nonce length (long enough to draw at random). */
export const AEAD_NONCE_BYTES = 24;
/** Poly1305 tag length appended to every ciphertext. */
export const AEAD_TAG_BYTES = 16;
/** Ed25519 public key length. */
export const ED25519_PUBLIC_KEY_BYTES = 32;
/** Ed25519 secret key length in libsodium form (seed | public key). */
export const ED25519_PRIVATE_KEY_BYTES = 64;
/** Ed25519 signature length. */
export const ED25519_SIGNATURE_BYTES = 64;
/** X25519 scalar, point and output length. */
export const X25519_BYTES = 32;

function requireLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new RangeError(`${what} must be ${length} bytes`);
  }
}

/**
 * XChaCha20-Poly1305-IETF encryption; returns ciphertext | tag.
 * @throws RangeError on a wrong key or nonce length (the sealer chooses both).
 */
export function aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, ad: Uint8Array): Uint8Array {
  requireLength(key, AEAD_KEY_BYTES, 'AEAD key');
  requireLength(nonce, AEAD_NONCE_BYTES, 'AEAD nonce');
  return sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, ad, null, nonce, key);
}

/**
 * XChaCha20-Poly1305-IETF decryption of ciphertext | tag. Never throws: a forged tag, a short
 * ciphertext and a wrong key or nonce length are all `aead_failed`.
 */
export function aeadDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertext: Uint8Array,
  ad: Uint8Array,
): Result<Uint8Array, 'aead_failed'> {
  if (!(key instanceof Uint8Array) || key.length !== AEAD_KEY_BYTES) return err('aead_failed', 'wrong key length');
  if (!(nonce instanceof Uint8Array) || nonce.length !== AEAD_NONCE_BYTES) return err('aead_failed', 'wrong nonce length');
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length < AEAD_TAG_BYTES) {
    return err('aead_failed', 'ciphertext shorter than the tag');
  }
  try {
    return ok(sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, ad, nonce, key));
  } catch {
    return err('aead_failed', 'authentication failed');
  }
}

/**
 * Ed25519 detached signature.
 * @throws RangeError if `privateKey` is not a 64-byte libsodium secret key.
 */
export function ed25519Sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  requireLength(privateKey, ED25519_PRIVATE_KEY_BYTES, 'Ed25519 private key');
  return sodium().crypto_sign_detached(message, privateKey);
}

/**
 * Ed25519 verification with libsodium's strict rules (canonical S and R, no small-order
 * keys). Never throws: any wrong length is simply `false`.
 */
export function ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_BYTES) return false;
  if (!(message instanceof Uint8Array)) return false;
  try {
    return sodium().crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

/**
 * X25519 (`crypto_scalarmult`). The point is untrusted, so problems with it are a Result:
 * a wrong length is `x25519_malformed`, and an all-zero output (a low-order point, which
 * would make the "shared" secret public) is `x25519_weak_point`.
 * @throws RangeError if `scalar` is not 32 bytes (our own secret: a programming error).
 */
export function x25519(scalar: Uint8Array, point: Uint8Array): Result<Uint8Array, 'x25519_malformed' | 'x25519_weak_point'> {
  requireLength(scalar, X25519_BYTES, 'X25519 scalar');
  if (!(point instanceof Uint8Array) || point.length !== X25519_BYTES) {
    return err('x25519_malformed', `an X25519 point is ${X25519_BYTES} bytes`);
  }
  const s = sodium();
  let shared: Uint8Array;
  try {
    shared = s.crypto_scalarmult(scalar, point);
  } catch {
    // libsodium itself refuses an all-zero result ("weak public key").
    return err('x25519_weak_point', 'low-order point: the shared secret would be zero');
  }
  if (s.is_zero(shared)) return err('x25519_weak_point', 'low-order point: the shared secret would be zero');
  return ok(shared);
}

/**
 * BLAKE2b (`crypto_generichash`) with `outLen` in 16..64 and an optional 16..64-byte key.
 * @throws if `outLen` or the key length is out of range (programming errors).
 */
export function blake2b(outLen: number, data: Uint8Array, key?: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(outLen, data, key ?? null);
}

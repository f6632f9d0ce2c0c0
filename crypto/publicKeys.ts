/**
 * @module crypto/publicKeys
 * Owns the checks on public keys that arrive from outside (a colleague's "mio codice", a share
 * bundle, the ente's recovery key, a keyring field). A low-order X25519 point would make a
 * sealed box readable by anyone (the shared secret is public), and a small-order or
 * non-canonical Ed25519 point can never carry a valid signature: both are refused at the door.
 */
import { ED25519_PUBLIC_KEY_BYTES, X25519_BYTES, x25519 } from './primitives';
import { sodium } from './sodium';

/** Any fixed non-zero scalar: clamping makes it a multiple of 8, so every low-order point maps to zero. */
const PROBE_SCALAR = new Uint8Array(X25519_BYTES).fill(0x5a);

/** Whether `key` is a 32-byte X25519 public key that a sealed box may safely be made to. */
export function isUsableX25519PublicKey(key: unknown): key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== X25519_BYTES) return false;
  const shared = x25519(PROBE_SCALAR, key);
  if (!shared.ok) return false;
  sodium().memzero(shared.value);
  return true;
}

/** Whether `key` is a canonical Ed25519 point of large order (one a signature can verify under). */
export function isUsableEd25519PublicKey(key: unknown): key is Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  try {
    return sodium().crypto_core_ed25519_is_valid_point(key);
  } catch {
    return false;
  }
}

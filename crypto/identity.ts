/**
 * @module crypto/identity
 * Owns a worker device's long-term identity: an Ed25519 pair that signs every envelope the
 * device writes, and an independent X25519 pair on which colleagues seal keys to it. Two
 * independent pairs (rather than converting Ed25519 to X25519) keep signing and key
 * agreement from ever sharing a secret.
 */
import { sodium } from './sodium';

/** The keys of one worker device. Private halves live only in the encrypted keyring. */
export interface DeviceIdentity {
  /** Ed25519 public key (32 bytes): the `author` of this device's envelopes. */
  signPublicKey: Uint8Array;
  /** Ed25519 secret key in libsodium form (64 bytes: seed | public key). */
  signPrivateKey: Uint8Array;
  /** X25519 public key (32 bytes) for `crypto_box_seal`. */
  boxPublicKey: Uint8Array;
  /** X25519 secret key (32 bytes). */
  boxPrivateKey: Uint8Array;
}

/** A fresh device identity. */
export function generateDeviceIdentity(): DeviceIdentity {
  const s = sodium();
  const sign = s.crypto_sign_keypair();
  const box = s.crypto_box_keypair();
  return {
    signPublicKey: sign.publicKey,
    signPrivateKey: sign.privateKey,
    boxPublicKey: box.publicKey,
    boxPrivateKey: box.privateKey,
  };
}

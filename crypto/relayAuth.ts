/**
 * @module crypto/relayAuth
 * Owns the two proofs a client gives the relay, both Ed25519 signatures with the room's
 * relay-auth key (derived from the part key, so only key holders can make them):
 * - auth: "I hold this room's key", over the relay's fresh challenge nonce;
 * - create: "this room starts at this epoch with this public key", proving possession of
 *   the private half so nobody can claim a room with a key they don't hold.
 * Each digest starts with its own domain string so neither proof, nor an envelope signature,
 * can stand in for another. The verify half is key-free: the relay imports it.
 */
import { randomBytes } from './random';
import { concatBytes, writeU32 } from './bytes';
import { blake2b, ED25519_PRIVATE_KEY_BYTES, ED25519_PUBLIC_KEY_BYTES, ed25519Sign, ed25519Verify } from './primitives';
import { ROOM_ID_BYTES } from './roomId';
import { sodium } from './sodium';

/** Length of the relay's challenge nonce. */
export const RELAY_NONCE_BYTES = 32;
/** Domain string of the auth proof. */
export const RELAY_AUTH_DOMAIN = 'cartella-relay-auth-v1';
/** Domain string of the room-creation proof. */
export const RELAY_CREATE_DOMAIN = 'cartella-relay-create-v1';

const AUTH_DOMAIN = new TextEncoder().encode(RELAY_AUTH_DOMAIN);
const CREATE_DOMAIN = new TextEncoder().encode(RELAY_CREATE_DOMAIN);

/** A fresh challenge nonce (the relay sends one per hello). */
export function generateRelayNonce(): Uint8Array {
  return randomBytes(RELAY_NONCE_BYTES);
}

function shapeOk(roomId: Uint8Array, nonce: Uint8Array): boolean {
  return (
    roomId instanceof Uint8Array &&
    roomId.length === ROOM_ID_BYTES &&
    nonce instanceof Uint8Array &&
    nonce.length === RELAY_NONCE_BYTES
  );
}

function requireShape(roomId: Uint8Array, nonce: Uint8Array): void {
  if (!shapeOk(roomId, nonce)) throw new RangeError(`room id must be ${ROOM_ID_BYTES} bytes and nonce ${RELAY_NONCE_BYTES}`);
}

function authDigest(roomId: Uint8Array, nonce: Uint8Array): Uint8Array {
  return blake2b(64, concatBytes(AUTH_DOMAIN, roomId, nonce));
}

function createDigest(roomId: Uint8Array, epoch: number, publicKey: Uint8Array, nonce: Uint8Array): Uint8Array {
  const epochBytes = new Uint8Array(4);
  writeU32(epochBytes, 0, epoch);
  return blake2b(64, concatBytes(CREATE_DOMAIN, roomId, epochBytes, publicKey, nonce));
}

/**
 * Signs the auth proof: Ed25519 over BLAKE2b-512("cartella-relay-auth-v1" | room | nonce).
 * @throws RangeError on wrong lengths (programming errors).
 */
export function signRelayAuth(relayAuthPrivateKey: Uint8Array, roomId: Uint8Array, nonce: Uint8Array): Uint8Array {
  requireShape(roomId, nonce);
  return ed25519Sign(relayAuthPrivateKey, authDigest(roomId, nonce));
}

/** Checks an auth proof against the room's stored relay-auth public key. Never throws. */
export function verifyRelayAuth(
  relayAuthPublicKey: Uint8Array,
  roomId: Uint8Array,
  nonce: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!shapeOk(roomId, nonce)) return false;
  return ed25519Verify(relayAuthPublicKey, authDigest(roomId, nonce), signature);
}

/**
 * Signs the creation proof: Ed25519 over
 * BLAKE2b-512("cartella-relay-create-v1" | room | u32 epoch | publicKey | nonce).
 * @throws RangeError on wrong lengths, an epoch that is not a u32, or a private key that
 * does not belong to `publicKey`.
 */
export function signRoomCreate(
  privateKey: Uint8Array,
  roomId: Uint8Array,
  epoch: number,
  publicKey: Uint8Array,
  nonce: Uint8Array,
): Uint8Array {
  requireShape(roomId, nonce);
  if (
    privateKey.length !== ED25519_PRIVATE_KEY_BYTES ||
    publicKey.length !== ED25519_PUBLIC_KEY_BYTES ||
    !sodium().memcmp(privateKey.subarray(ED25519_PRIVATE_KEY_BYTES - ED25519_PUBLIC_KEY_BYTES), publicKey)
  ) {
    throw new RangeError('privateKey does not belong to publicKey');
  }
  return ed25519Sign(privateKey, createDigest(roomId, epoch, publicKey, nonce));
}

/** Checks a creation proof made with the private half of `publicKey`. Never throws. */
export function verifyRoomCreate(
  publicKey: Uint8Array,
  roomId: Uint8Array,
  epoch: number,
  nonce: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!shapeOk(roomId, nonce)) return false;
  if (!Number.isInteger(epoch) || epoch < 0 || epoch > 0xffffffff) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  return ed25519Verify(publicKey, createDigest(roomId, epoch, publicKey, nonce), signature);
}

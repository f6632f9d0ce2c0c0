/**
 * @module crypto/relayAuth
 * Owns the three proofs a client gives the relay, all Ed25519 signatures with a room's
 * relay-auth key (derived from the part key, so only key holders can make them):
 * - auth: "I hold this room's key", over the relay's fresh challenge nonce;
 * - create: "this room starts at this epoch with this public key", proving possession of
 *   the private half so nobody can claim a room with a key they don't hold;
 * - rotate: "the room moves from epoch e to e + 1 under this new public key, with these key
 *   boxes", signed with the OLD key (revocation by rotation, docs/PROTOCOL.md §4.9).
 * Each digest starts with its own domain string so no proof, nor an envelope signature, can
 * stand in for another. The verify half is key-free: the relay imports it.
 *
 * It also owns the recovery escrow's mailbox id and list proof (docs/PROTOCOL.md §4.11): the
 * ente's recovery key is X25519 only, so holding its private half is proved by a Diffie-Hellman
 * with a fresh key of the relay's, hashed under its own domain (no Ed25519 key to add to the
 * recovery key's printed text, nothing new on the devices that deposit).
 */
import { randomBytes } from './random';
import { ok } from './result';
import type { Result } from './result';
import { concatBytes, writeU32 } from './bytes';
import { blake2b, ED25519_PRIVATE_KEY_BYTES, ED25519_PUBLIC_KEY_BYTES, ed25519Sign, ed25519Verify, X25519_BYTES, x25519 } from './primitives';
import { ROOM_ID_BYTES } from './roomId';
import { sodium } from './sodium';

/** Length of the relay's challenge nonce. */
export const RELAY_NONCE_BYTES = 32;
/** Domain string of the auth proof. */
export const RELAY_AUTH_DOMAIN = 'cartella-relay-auth-v1';
/** Domain string of the room-creation proof. */
export const RELAY_CREATE_DOMAIN = 'cartella-relay-create-v1';
/** Domain string of the rotation proof. */
export const RELAY_ROTATE_DOMAIN = 'cartella-relay-rotate-v1';
/** Length of the key-boxes hash bound by the rotation proof (BLAKE2b-256). */
export const KEY_BOXES_HASH_BYTES = 32;

/** Domain string of an escrow mailbox id. */
export const ESCROW_MAILBOX_DOMAIN = 'cartella-escrow-mailbox-v1';
/** Domain string of the escrow list proof. */
export const ESCROW_LIST_DOMAIN = 'cartella-escrow-list-v1';
/** Length of a mailbox id (BLAKE2b-256). */
export const ESCROW_MAILBOX_BYTES = 32;
/** Length of the escrow list proof (BLAKE2b-256). */
export const ESCROW_LIST_PROOF_BYTES = 32;

const AUTH_DOMAIN = new TextEncoder().encode(RELAY_AUTH_DOMAIN);
const MAILBOX_DOMAIN = new TextEncoder().encode(ESCROW_MAILBOX_DOMAIN);
const LIST_DOMAIN = new TextEncoder().encode(ESCROW_LIST_DOMAIN);
const CREATE_DOMAIN = new TextEncoder().encode(RELAY_CREATE_DOMAIN);
const ROTATE_DOMAIN = new TextEncoder().encode(RELAY_ROTATE_DOMAIN);

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

const isU32 = (value: number): boolean => Number.isInteger(value) && value >= 0 && value <= 0xffffffff;

function u32Bytes(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  writeU32(bytes, 0, value);
  return bytes;
}

function createDigest(roomId: Uint8Array, epoch: number, publicKey: Uint8Array, nonce: Uint8Array): Uint8Array {
  return blake2b(64, concatBytes(CREATE_DOMAIN, roomId, u32Bytes(epoch), publicKey, nonce));
}

function rotateDigest(
  roomId: Uint8Array,
  fromEpoch: number,
  toEpoch: number,
  newPublicKey: Uint8Array,
  keyBoxes: Uint8Array,
  nonce: Uint8Array,
): Uint8Array {
  const boxesHash = blake2b(KEY_BOXES_HASH_BYTES, keyBoxes);
  return blake2b(64, concatBytes(ROTATE_DOMAIN, roomId, u32Bytes(fromEpoch), u32Bytes(toEpoch), newPublicKey, boxesHash, nonce));
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
  if (!isU32(epoch)) return false;
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  return ed25519Verify(publicKey, createDigest(roomId, epoch, publicKey, nonce), signature);
}

/**
 * Signs the rotation proof with the room's CURRENT (old) relay-auth private key: Ed25519 over
 * BLAKE2b-512("cartella-relay-rotate-v1" | room | u32 fromEpoch | u32 toEpoch | newPublicKey |
 * BLAKE2b-256(keyBoxes) | nonce). `nonce` is the challenge of the socket that sends `rotate`.
 * The relay requires toEpoch = fromEpoch + 1; this function only signs what it is given.
 * @throws RangeError on wrong lengths or epochs that are not u32 (programming errors).
 */
export function signRoomRotate(
  oldPrivateKey: Uint8Array,
  roomId: Uint8Array,
  fromEpoch: number,
  toEpoch: number,
  newPublicKey: Uint8Array,
  keyBoxes: Uint8Array,
  nonce: Uint8Array,
): Uint8Array {
  requireShape(roomId, nonce);
  if (!isU32(fromEpoch) || !isU32(toEpoch)) throw new RangeError('epochs must be u32');
  if (newPublicKey.length !== ED25519_PUBLIC_KEY_BYTES) throw new RangeError(`newPublicKey must be ${ED25519_PUBLIC_KEY_BYTES} bytes`);
  return ed25519Sign(oldPrivateKey, rotateDigest(roomId, fromEpoch, toEpoch, newPublicKey, keyBoxes, nonce));
}

/**
 * Checks a rotation proof against the room's current (old) relay-auth public key. Never throws.
 * Clients that receive a `rotation` record check it too (with the old epoch's key they derive),
 * so a relay cannot hand them key boxes no member signed.
 */
export function verifyRoomRotate(
  oldPublicKey: Uint8Array,
  roomId: Uint8Array,
  fromEpoch: number,
  toEpoch: number,
  newPublicKey: Uint8Array,
  keyBoxes: Uint8Array,
  nonce: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (!shapeOk(roomId, nonce)) return false;
  if (!isU32(fromEpoch) || !isU32(toEpoch)) return false;
  if (!(newPublicKey instanceof Uint8Array) || newPublicKey.length !== ED25519_PUBLIC_KEY_BYTES) return false;
  if (!(keyBoxes instanceof Uint8Array)) return false;
  return ed25519Verify(oldPublicKey, rotateDigest(roomId, fromEpoch, toEpoch, newPublicKey, keyBoxes, nonce), signature);
}

// ---- recovery escrow (docs/PROTOCOL.md §4.11) ------------------------------------------------

/**
 * The escrow mailbox of an ente: BLAKE2b-256("cartella-escrow-mailbox-v1" | recovery public key).
 * Devices deposit under it; the relay never needs the key itself until someone lists.
 * @throws RangeError if the key is not 32 bytes (it comes from the validated keyring).
 */
export function escrowMailbox(recoveryPublicKey: Uint8Array): Uint8Array {
  if (!(recoveryPublicKey instanceof Uint8Array) || recoveryPublicKey.length !== X25519_BYTES) {
    throw new RangeError(`a recovery public key is ${X25519_BYTES} bytes`);
  }
  return blake2b(ESCROW_MAILBOX_BYTES, concatBytes(MAILBOX_DOMAIN, recoveryPublicKey));
}

/** The relay's one-use X25519 pair for one list challenge (its private half never leaves the socket's state). */
export interface EscrowChallengeKey {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/** A fresh challenge key pair (the relay makes one per `escrowHello`). */
export function generateEscrowChallenge(): EscrowChallengeKey {
  const pair = sodium().crypto_box_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

function listProof(shared: Uint8Array, challengePublicKey: Uint8Array, recoveryPublicKey: Uint8Array): Uint8Array {
  return blake2b(ESCROW_LIST_PROOF_BYTES, concatBytes(LIST_DOMAIN, shared, challengePublicKey, recoveryPublicKey));
}

/**
 * The list proof, made by the device that holds the recovery private key:
 * BLAKE2b-256("cartella-escrow-list-v1" | X25519(recovery private, challenge) | challenge |
 * recovery public). The challenge comes from the relay (untrusted): a low-order point is
 * refused (`x25519_weak_point`), since with it anyone could compute the "proof". The output is
 * a hash under its own domain, so a relay that sends the ephemeral key of a sealed blob as its
 * challenge learns nothing that opens the blob.
 * @throws RangeError if the private half does not belong to the public half (a programming error).
 */
export function proveEscrowMailbox(
  recovery: { readonly publicKey: Uint8Array; readonly privateKey: Uint8Array },
  challengePublicKey: Uint8Array,
): Result<Uint8Array, 'x25519_malformed' | 'x25519_weak_point'> {
  const s = sodium();
  if (
    recovery.publicKey.length !== X25519_BYTES ||
    recovery.privateKey.length !== X25519_BYTES ||
    !s.memcmp(s.crypto_scalarmult_base(recovery.privateKey), recovery.publicKey)
  ) {
    throw new RangeError('the recovery private key does not belong to the public key');
  }
  const shared = x25519(recovery.privateKey, challengePublicKey);
  if (!shared.ok) return shared;
  try {
    return ok(listProof(shared.value, challengePublicKey, recovery.publicKey));
  } finally {
    shared.value.fill(0);
  }
}

/**
 * Checks a list proof on the relay: `mailbox` must be the mailbox of `recoveryPublicKey`, and
 * the proof the hash of the Diffie-Hellman between that key and this socket's challenge.
 * Never throws (every input but `challenge` comes from the network).
 */
export function verifyEscrowMailboxProof(
  challenge: EscrowChallengeKey,
  mailbox: Uint8Array,
  recoveryPublicKey: Uint8Array,
  proof: Uint8Array,
): boolean {
  const s = sodium();
  if (!(mailbox instanceof Uint8Array) || mailbox.length !== ESCROW_MAILBOX_BYTES) return false;
  if (!(proof instanceof Uint8Array) || proof.length !== ESCROW_LIST_PROOF_BYTES) return false;
  if (!(recoveryPublicKey instanceof Uint8Array) || recoveryPublicKey.length !== X25519_BYTES) return false;
  if (!s.memcmp(escrowMailbox(recoveryPublicKey), mailbox)) return false;
  const shared = x25519(challenge.privateKey, recoveryPublicKey);
  if (!shared.ok) return false;
  try {
    return s.memcmp(listProof(shared.value, challenge.publicKey, recoveryPublicKey), proof);
  } finally {
    shared.value.fill(0);
  }
}

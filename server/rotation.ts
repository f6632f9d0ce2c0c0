/**
 * @module server/rotation
 * Decides a `rotate` frame inside the room's queue (docs/PROTOCOL.md §4.9): the epoch
 * compare-and-swap against the room as stored, the socket's right to rotate, the old key's
 * signature over the socket's challenge, and the store's own atomic compare-and-swap. Also
 * recognises an `auth` made with one of the room's older keys. What a decision means for the
 * sockets (answer, cut-off, announcements) is the session's and hub's job.
 */
import type { ErrorCodeName, Frame } from '../crdt/wire';
import { verifyRelayAuth, verifyRoomRotate } from '../crypto/relayAuth';
import type { RelayContext } from './relayContext';
import type { RoomHub } from './roomHub';
import type { RotationRecord } from './store/RelayStore';

/** A `rotate` frame's fields, copied out of the frame (the queue runs after the input is gone). */
export interface RotateRequest {
  readonly fromEpoch: number;
  readonly toEpoch: number;
  readonly newRelayAuthPublicKey: Uint8Array;
  readonly signature: Uint8Array;
  readonly keyBoxes: Uint8Array;
}

/** Copies a `rotate` frame's fields (decoded frames are views of the socket's input). */
export function rotateRequestOf(frame: Extract<Frame, { type: 'rotate' }>): RotateRequest {
  return {
    fromEpoch: frame.fromEpoch,
    toEpoch: frame.toEpoch,
    newRelayAuthPublicKey: frame.newRelayAuthPublicKey.slice(),
    signature: frame.signature.slice(),
    keyBoxes: frame.keyBoxes.slice(),
  };
}

/**
 * The epoch of the room's older relay-auth key that made an `auth` signature, if one did. Tries
 * at most `maxOldKeysChecked` keys, newest first, so a stranger's bad proof costs a bounded
 * number of signature checks however often the room was rotated.
 */
export async function findOldKeyEpoch(
  ctx: RelayContext,
  room: Uint8Array,
  currentEpoch: number,
  nonce: Uint8Array,
  signature: Uint8Array,
): Promise<number | undefined> {
  const keys = await ctx.store.relayAuthKeys(room, ctx.limits.maxOldKeysChecked + 1);
  for (const { epoch, relayAuthPublicKey } of keys) {
    if (epoch < currentEpoch && verifyRelayAuth(relayAuthPublicKey, room, nonce, signature)) return epoch;
  }
  return undefined;
}

/** Where the rotating socket stands in the room when the rotation's turn comes. */
export type RotatorStanding =
  /** Joined with the key of `epoch`, whose challenge was `nonce`. */
  | { readonly kind: 'joined'; readonly epoch: number; readonly nonce: Uint8Array }
  /** Its key was rotated out. */
  | { readonly kind: 'stale' }
  /** It left or said hello again since the frame arrived: its proof is gone. */
  | { readonly kind: 'gone' };

export type RotateDecision =
  | { readonly kind: 'rotated'; readonly record: RotationRecord }
  /** fromEpoch is not the room's epoch: answer `rotate_conflict`, then the records from fromEpoch on. */
  | { readonly kind: 'conflict'; readonly epoch: number }
  | { readonly kind: 'refused'; readonly code: ErrorCodeName; readonly message: string };

/**
 * Runs inside `hub.queue`. Rotations of other processes are announced first (`observeEpoch`),
 * so `standing()` is read after any cut-off they cause. Commits only when the answer is
 * `rotated`.
 */
export async function decideRotation(
  ctx: RelayContext,
  hub: RoomHub,
  request: RotateRequest,
  standing: () => RotatorStanding,
): Promise<RotateDecision> {
  const { store } = ctx;
  await hub.load(store);
  const room = await store.getRoom(hub.room);
  if (room === null) return { kind: 'refused', code: 'room_not_found', message: 'no such room' };
  await hub.observeEpoch(store, room.epoch);
  if (request.fromEpoch !== room.epoch) return { kind: 'conflict', epoch: room.epoch };
  const rotator = standing();
  if (rotator.kind === 'gone') return { kind: 'refused', code: 'not_authenticated', message: 'the socket left the room before its rotation was applied' };
  if (rotator.kind === 'stale' || rotator.epoch !== room.epoch) {
    return { kind: 'refused', code: 'key_rotated', message: `this socket's key is not the key of epoch ${room.epoch}` };
  }
  const { fromEpoch, toEpoch, newRelayAuthPublicKey, keyBoxes, signature } = request;
  if (!verifyRoomRotate(room.relayAuthPublicKey, hub.room, fromEpoch, toEpoch, newRelayAuthPublicKey, keyBoxes, rotator.nonce, signature)) {
    return { kind: 'refused', code: 'rotate_invalid', message: "the signature is not the room key's over this rotation and this socket's challenge" };
  }
  const rotation = { fromEpoch, toEpoch, relayAuthPublicKey: newRelayAuthPublicKey, keyBoxes, nonce: rotator.nonce, signature, rotatedAt: Date.now() };
  const result = await store.rotate(hub.room, rotation);
  switch (result.status) {
    case 'rotated':
      return { kind: 'rotated', record: { ...rotation, head: result.head } };
    case 'conflict':
      // Another process won between our read and the store's transaction.
      await hub.observeEpoch(store, result.epoch);
      return { kind: 'conflict', epoch: result.epoch };
    case 'invalid':
      return { kind: 'refused', code: 'rotate_invalid', message: result.message };
    case 'room_not_found':
      return { kind: 'refused', code: 'room_not_found', message: 'no such room' };
  }
}

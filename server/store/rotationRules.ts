/**
 * @module server/store/rotationRules
 * The rules of `RelayStore.rotate`, written once over a small synchronous view of one room inside
 * one transaction (as `appendRules.ts` does for `append`), so the SQLite and in-memory stores
 * decide rotations identically: the epoch compare-and-swap, the +1 step, and no key reused.
 */
import type { NewRotation, RotateResult } from './RelayStore';

/** One room, seen from inside the store's transaction. */
export interface RotationTransaction {
  readonly epoch: number;
  readonly head: number;
  /** Whether the room has ever had this relay-auth public key (at any epoch). */
  hasKey(publicKey: Uint8Array): boolean;
  /**
   * Sets the room's epoch and key only if its epoch is still `fromEpoch` (the compare-and-swap
   * repeated at the write, a second line of defence); false when it is not, which inside one
   * transaction means the store is broken.
   */
  swapKey(fromEpoch: number, toEpoch: number, publicKey: Uint8Array): boolean;
  /** Stores the rotation record and the new key under `toEpoch`. */
  insertRotation(rotation: NewRotation, head: number): void;
}

/** Decides one rotation. Changes nothing unless the result is `rotated`. */
export function applyRotation(room: RotationTransaction, rotation: NewRotation): RotateResult {
  const { fromEpoch, toEpoch } = rotation;
  if (toEpoch !== fromEpoch + 1) return { status: 'invalid', message: `toEpoch ${toEpoch} is not fromEpoch ${fromEpoch} + 1` };
  if (room.epoch !== fromEpoch) return { status: 'conflict', epoch: room.epoch };
  // A key the room had before would let whoever held it back in.
  if (room.hasKey(rotation.relayAuthPublicKey)) return { status: 'invalid', message: 'the new relay-auth key was used by this room before' };
  if (!room.swapKey(fromEpoch, toEpoch, rotation.relayAuthPublicKey)) {
    throw new Error(`the room left epoch ${fromEpoch} inside the rotation's transaction`);
  }
  room.insertRotation(rotation, room.head);
  return { status: 'rotated', epoch: toEpoch, head: room.head };
}

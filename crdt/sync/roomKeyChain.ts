/**
 * @module crdt/sync/roomKeyChain
 * A room's keys as the engine holds them while it runs: the epochs it was opened with (from the
 * keyring) plus the epochs adopted since (a rotation), and the current epoch it seals under.
 * The epoch only moves forward, and only to an epoch whose key is held.
 */
import type { PartSubkeys, RoomId } from '../../crypto';
import type { RoomKeys } from './roomTypes';

export class RoomKeyChain implements RoomKeys {
  readonly roomId: RoomId;
  private current: number;
  private readonly added = new Map<number, PartSubkeys>();

  constructor(private readonly base: RoomKeys) {
    this.roomId = base.roomId;
    this.current = base.epoch;
  }

  /** The epoch new envelopes are sealed under. */
  get epoch(): number {
    return this.current;
  }

  subkeysForEpoch(epoch: number): PartSubkeys | undefined {
    return this.added.get(epoch) ?? this.base.subkeysForEpoch(epoch);
  }

  /** The relay-auth public key of `epoch`, when its key is held (to check a rotation record). */
  relayAuthPublicKey(epoch: number): Uint8Array | undefined {
    return this.subkeysForEpoch(epoch)?.relayAuth.publicKey;
  }

  /** Holds `epoch`'s subkeys from now on; it becomes the current epoch when it is later. */
  add(epoch: number, subkeys: PartSubkeys): void {
    this.added.set(epoch, subkeys);
    if (epoch > this.current) this.current = epoch;
  }
}

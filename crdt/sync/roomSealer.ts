/**
 * @module crdt/sync/roomSealer
 * A room's keys and this device's identity bound together: seal updates, ephemeral and
 * snapshot envelopes for the current epoch, and open anything of any epoch the device holds.
 */
import { openEnvelope, sealEnvelope, type OpenedEnvelope, type EnvelopeErrorCode, type PartSubkeys, type Result, type SnapshotHeader } from '../../crypto';
import type { RoomKeys } from './roomTypes';

export class RoomSealer {
  constructor(
    private readonly keys: RoomKeys,
    private readonly author: { readonly signPublicKey: Uint8Array; readonly signPrivateKey: Uint8Array },
  ) {}

  /** Verifies and decrypts an envelope of this room (any epoch we hold a key for). */
  open(bytes: Uint8Array): Result<OpenedEnvelope, EnvelopeErrorCode> {
    return openEnvelope(bytes, { roomId: this.keys.roomId, subkeysForEpoch: (e) => this.keys.subkeysForEpoch(e) });
  }

  update(clock: number, plaintext: Uint8Array): Uint8Array {
    return this.seal('update', clock, plaintext);
  }

  ephemeral(clock: number, plaintext: Uint8Array): Uint8Array {
    return this.seal('ephemeral', clock, plaintext);
  }

  snapshot(header: SnapshotHeader, state: Uint8Array): Uint8Array {
    return this.seal('snapshot', 0, state, header);
  }

  private seal(kind: 'update' | 'ephemeral' | 'snapshot', clock: number, plaintext: Uint8Array, snapshot?: SnapshotHeader): Uint8Array {
    return sealEnvelope({
      kind, roomId: this.keys.roomId, epoch: this.keys.epoch, clock, author: this.author, subkeys: this.current(), plaintext,
      ...(snapshot ? { snapshot } : {}),
    });
  }

  private current(): PartSubkeys {
    const subkeys = this.keys.subkeysForEpoch(this.keys.epoch);
    if (!subkeys) throw new Error(`no subkeys for the current epoch ${this.keys.epoch}`);
    return subkeys;
  }
}

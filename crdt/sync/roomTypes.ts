/**
 * @module crdt/sync/roomTypes
 * The types a room's engine is configured with and reports through.
 */
import type * as Y from 'yjs';
import type { PartSubkeys, RoomId } from '../../crypto';
import type { Scheduler } from './outgoingBatcher';
import type { EnvelopeStore } from './ports';

/** Origin of transactions that apply remote or stored updates (never re-sent). */
export const REMOTE_ORIGIN = Symbol('cartella-remote');

/** The keys a room needs: the current epoch to seal with, and every epoch it can open. */
export interface RoomKeys {
  readonly roomId: RoomId;
  readonly epoch: number;
  subkeysForEpoch(epoch: number): PartSubkeys | undefined;
}

export interface RoomSyncOptions {
  readonly doc: Y.Doc;
  readonly keys: RoomKeys;
  readonly author: { readonly signPublicKey: Uint8Array; readonly signPrivateKey: Uint8Array };
  readonly store: EnvelopeStore;
  /** Upper bound of the updates past the last snapshot after which this device snapshots (default 300; adaptive below it, see docs/SYNC.md). */
  readonly snapshotEvery?: number;
  /** Quiet time after this device's last change before it snapshots a tail of ≥ 10 updates (default 5000 ms; 0: never). */
  readonly idleSnapshotMs?: number;
  /** Lower bound of the adaptive snapshot interval for small documents (default 50; see docs/SYNC.md). */
  readonly minSnapshotEvery?: number;
  /** Minimum gap between two envelopes while online (default 30 ms); offline batch (default 500 ms). */
  readonly batchIntervalMs?: number;
  readonly offlineBatchMs?: number;
  /** Largest envelope worth pushing (the relay's frame limit minus framing). */
  readonly maxEnvelopeBytes?: number;
  readonly scheduler?: Scheduler;
  /** Called with an awareness (ephemeral) payload from another device. */
  readonly onEphemeral?: (payload: Uint8Array, authorHex: string) => void;
  readonly onEvent?: (event: RoomEvent) => void;
}

/** What the engine tells the UI and the logs. */
export type RoomEvent =
  | { type: 'status'; status: RoomStatus }
  | { type: 'problem'; code: string; message: string; seq?: number };

export interface RoomStatus {
  readonly phase: RoomPhase;
  /** Changes not yet acknowledged by the relay (sealed envelopes + unsealed edits). */
  readonly pending: number;
  readonly head: number;
  /** Last moment this room was known in step with the relay: end of a catch-up, an ack, a live envelope. */
  readonly lastSyncedAt: number | undefined;
}

export type RoomPhase = 'offline' | 'authenticating' | 'catching-up' | 'live' | 'refused';

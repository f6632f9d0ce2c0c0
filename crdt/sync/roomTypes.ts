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
  /**
   * A rotation record of this room arrived and its relay-auth signature verified (docs/ROTATION.md):
   * open this device's key box, check the rotator, and SAVE the new key durably before resolving
   * `adopt`. Without it, a rotation stops the room (`revoked`).
   */
  readonly onRotation?: (record: RotationRecord) => Promise<RotationDecision>;
}

/** A rotation record whose signature by the old epoch's relay-auth key has been checked. */
export interface RotationRecord {
  readonly roomId: RoomId;
  readonly fromEpoch: number;
  readonly toEpoch: number;
  readonly newRelayAuthPublicKey: Uint8Array;
  /** Opaque to the engine: crypto/keyBoxes.ts. */
  readonly keyBoxes: Uint8Array;
}

/** What the device makes of a rotation record. */
export type RotationDecision =
  /** This device's box opened and the key is saved durably: switch to `toEpoch`. */
  | { readonly kind: 'adopt'; readonly key: Uint8Array }
  /** No box for this device: it was removed. The room stops; what is on the device stays. */
  | { readonly kind: 'revoked'; readonly code: string; readonly message: string }
  /** The rotation cannot be trusted (not by an active member, boxes refused): do not follow it; `retryRotation()` re-examines it. */
  | { readonly kind: 'untrusted'; readonly code: string; readonly message: string };

/** The answer to this device's own `rotate` request. */
export type RotateOutcome =
  | { readonly ok: true; readonly epoch: number }
  | { readonly ok: false; readonly code: RotateRefusal; readonly message: string };

/**
 * `not_live` (not joined now), `rotation_in_progress`, `rotate_conflict` (another rotation won:
 * its records follow and are handled like any record), `rotate_invalid`, `key_rotated`,
 * `not_authenticated`, `rate_limited` (nothing changed: try again later), `offline` (the socket closed before the answer: the outcome is unknown
 * until the next join), `store_failed` (the relay switched but the key could not be saved).
 */
export type RotateRefusal =
  | 'not_live' | 'rotation_in_progress' | 'rotate_conflict' | 'rotate_invalid' | 'key_rotated' | 'not_authenticated' | 'rate_limited'
  | 'offline' | 'store_failed';

/** What the engine tells the UI and the logs. */
export type RoomEvent =
  | { type: 'status'; status: RoomStatus }
  | { type: 'problem'; code: string; message: string; seq?: number };

export interface RoomStatus {
  readonly phase: RoomPhase;
  /** The epoch this device seals under (it moves forward at each rotation it follows). */
  readonly epoch: number;
  /** Changes not yet acknowledged by the relay (sealed envelopes + unsealed edits). */
  readonly pending: number;
  readonly head: number;
  /** Last moment this room was known in step with the relay: end of a catch-up, an ack, a live envelope. */
  readonly lastSyncedAt: number | undefined;
}

/**
 * `rekeying`: the relay said this device's key is old and the rotation records are being
 * handled. `revoked`: a rotation gave this device no key (it was removed): terminal, the doc
 * stays as it was. `untrusted-rotation`: the room was rotated by someone this device does not
 * trust (not an active member on its roster): not followed, terminal until `retryRotation()`.
 */
export type RoomPhase =
  | 'offline' | 'authenticating' | 'catching-up' | 'live' | 'refused' | 'rekeying' | 'revoked' | 'untrusted-rotation';

/** Phases the room does not leave by itself (no hello on reconnect). */
export const TERMINAL_PHASES: ReadonlySet<RoomPhase> = new Set<RoomPhase>(['revoked', 'untrusted-rotation']);

/**
 * @module server/store/RelayStore
 * The relay's storage port: rooms, the append-only envelope log with its sequence numbers, the
 * per-author clocks, the snapshot chain, the key rotations (every relay-auth key a room has
 * had, with the rotation records), and the recovery escrows (each room's keys sealed to an
 * ente's recovery key, opaque, one per room and mailbox). Everything that needs the room's current state to decide
 * (epoch, uniqueness, clock continuity, snapshot compare-and-swap, seq assignment, the epoch
 * compare-and-swap of a rotation, the depositor's key epoch and the escrow bounds) happens
 * INSIDE `append`, `rotate` or `depositEscrow`, in the store's own
 * transaction, so that an implementation shared by several relay processes (PostgreSQL) stays
 * correct without a process-wide lock. The relay itself only does the stateless checks (shape,
 * kind, room, signatures) before calling it.
 *
 * Implementations: SQLite (better-sqlite3, the embedded default) and in-memory (tests, benches).
 * Both pass `relayStore.contract.ts`. Methods are async so that a networked database fits the
 * same shape; a resolved `append` means durable.
 */

/** Why the store refused one envelope (names match `ErrorCode` of crdt/wire.ts). */
export type AppendRefusalCode =
  | 'room_not_found'
  | 'key_rotated'
  | 'envelope_epoch'
  | 'envelope_clock_gap'
  | 'envelope_clock_replay'
  | 'snapshot_conflict'
  | 'snapshot_invalid';

/** The room's current snapshot, as far as the log is concerned (bytes are read separately). */
export interface SnapshotPointer {
  /** The snapshot id from the envelope header (16 bytes). */
  readonly snapshotId: Uint8Array;
  /** Relay seq up to which the snapshot includes everything. */
  readonly covers: number;
  /** Envelope id (BLAKE2b-128 of the bytes) of the snapshot envelope. */
  readonly envelopeId: Uint8Array;
}

/** A room as the relay sees it: who may enter (relay-auth key), which epoch, how far the log goes. */
export interface RoomRecord {
  readonly roomId: Uint8Array;
  readonly epoch: number;
  /** Ed25519 public key that signs challenges (auth) for this room. */
  readonly relayAuthPublicKey: Uint8Array;
  /** Highest seq in the log (0 = empty). */
  readonly head: number;
  readonly snapshot: SnapshotPointer | null;
  readonly createdAt: number;
}

/** What `createRoom` needs. */
export interface NewRoom {
  readonly roomId: Uint8Array;
  readonly epoch: number;
  readonly relayAuthPublicKey: Uint8Array;
  /** Milliseconds since the epoch (metadata only). */
  readonly createdAt: number;
}

/** An update envelope that passed the relay's stateless checks. */
export interface UpdateCandidate {
  readonly kind: 'update';
  /** Envelope id, BLAKE2b-128 of `bytes` (16 bytes). */
  readonly id: Uint8Array;
  readonly epoch: number;
  readonly author: Uint8Array;
  readonly clock: number;
  readonly bytes: Uint8Array;
}

/** A snapshot envelope that passed the relay's stateless checks. */
export interface SnapshotCandidate {
  readonly kind: 'snapshot';
  readonly id: Uint8Array;
  readonly epoch: number;
  readonly author: Uint8Array;
  readonly snapshotId: Uint8Array;
  /** Parent snapshot id; 16 zero bytes = the room's first snapshot. */
  readonly parentId: Uint8Array;
  readonly covers: number;
  readonly bytes: Uint8Array;
}

export type AppendCandidate = UpdateCandidate | SnapshotCandidate;

/**
 * The fate of one candidate. `stored` and `duplicate` are acknowledged with `seq` (for a
 * snapshot, seq = covers); a `duplicate` is an envelope id already stored (idempotent re-push).
 */
export type AppendOutcome =
  | { readonly status: 'stored'; readonly id: Uint8Array; readonly seq: number }
  | { readonly status: 'duplicate'; readonly id: Uint8Array; readonly seq: number }
  | { readonly status: 'refused'; readonly id: Uint8Array; readonly code: AppendRefusalCode; readonly message: string };

/** Result of one `append` call: one outcome per candidate, in order, and the room afterwards. */
export interface AppendResult {
  readonly outcomes: readonly AppendOutcome[];
  /** The log's head after the transaction. */
  readonly head: number;
  /** The room's current snapshot after the transaction. */
  readonly snapshot: SnapshotPointer | null;
  /** The room's epoch during the transaction (0 for an unknown room). */
  readonly epoch: number;
}

/**
 * One accepted key rotation of a room. The relay cannot read `keyBoxes` (the new key sealed to
 * each remaining member); it keeps them, with the proof, for members who were offline.
 */
export interface RotationRecord {
  readonly fromEpoch: number;
  /** Always fromEpoch + 1. */
  readonly toEpoch: number;
  /** The room's relay-auth public key from `toEpoch` on. */
  readonly relayAuthPublicKey: Uint8Array;
  readonly keyBoxes: Uint8Array;
  /** The challenge nonce of the rotating socket and the old key's signature (crypto/relayAuth). */
  readonly nonce: Uint8Array;
  readonly signature: Uint8Array;
  /** The log's head when the rotation was applied (for the audit trail). */
  readonly head: number;
  /** Milliseconds since the epoch (metadata only). */
  readonly rotatedAt: number;
}

/** What `rotate` needs: the record without `head`, which the store fills in its transaction. */
export type NewRotation = Omit<RotationRecord, 'head'>;

/** Outcome of `rotate`: exactly one of several concurrent rotations from one epoch wins. */
export type RotateResult =
  | { readonly status: 'rotated'; readonly epoch: number; readonly head: number }
  /** The room's epoch is not `fromEpoch` (another rotation won, or the caller is behind). */
  | { readonly status: 'conflict'; readonly epoch: number }
  /** toEpoch is not fromEpoch + 1, or the new key is one the room has had. */
  | { readonly status: 'invalid'; readonly message: string }
  | { readonly status: 'room_not_found' };

/** A relay-auth public key of a room and the epoch it belongs to. */
export interface EpochKey {
  readonly epoch: number;
  readonly relayAuthPublicKey: Uint8Array;
}

/** One stored log entry as streamed to clients. */
export interface StoredEnvelope {
  readonly seq: number;
  readonly envelope: Uint8Array;
}

/** Bounds of one `readAfter` page. */
export interface ReadPage {
  /** At most this many envelopes. */
  readonly limit: number;
  /** Stop before exceeding this many envelope bytes (a page always holds at least one envelope). */
  readonly maxBytes: number;
  /** Only seqs <= upTo (default: the head). */
  readonly upTo?: number;
}

/** The current snapshot envelope of a room. */
export interface StoredSnapshotEnvelope {
  readonly pointer: SnapshotPointer;
  readonly bytes: Uint8Array;
}

/** Notification that a room's log advanced or its key rotated (from this or another relay process). */
export interface HeadAdvanced {
  readonly roomId: Uint8Array;
  readonly head: number;
  /** The room's epoch after the commit. */
  readonly epoch: number;
}

/** What `depositEscrow` stores: `blob` for `roomId` under `mailbox` (docs/PROTOCOL.md §4.11). */
export interface NewEscrow {
  readonly roomId: Uint8Array;
  /** BLAKE2b-256 of the ente's recovery public key (32 bytes). */
  readonly mailbox: Uint8Array;
  /** Opaque to the relay: the cartella's keys sealed to the recovery key (1..64 KiB). */
  readonly blob: Uint8Array;
  /** Milliseconds since the epoch (relay clock). */
  readonly storedAt: number;
}

/** One stored escrow as `listEscrow` returns it (the mailbox is the one asked for). */
export interface EscrowRecord {
  readonly roomId: Uint8Array;
  /** The room's key epoch when the blob was deposited (= the depositing socket's key epoch). */
  readonly epoch: number;
  readonly blob: Uint8Array;
  readonly storedAt: number;
}

/** How many escrows may pile up: bounds checked when a (room, mailbox) pair is new. */
export interface EscrowBounds {
  /** Rooms one mailbox may hold (a whole ente's cartelle, two rooms each). */
  readonly maxRoomsPerMailbox: number;
  /** Mailboxes one room may deposit to (a new recovery key, a transfer to another ente). */
  readonly maxMailboxesPerRoom: number;
}

/** Outcome of `depositEscrow`. Nothing is changed unless it is `stored`. */
export type EscrowResult =
  /** Stored durably; `replaced` when the pair already had a blob (now gone). */
  | { readonly status: 'stored'; readonly epoch: number; readonly replaced: boolean }
  /** The room's epoch is not `authEpoch`: the depositing socket's key was rotated out. */
  | { readonly status: 'key_rotated'; readonly epoch: number }
  /** A new pair would take the mailbox above `maxRoomsPerMailbox`. */
  | { readonly status: 'mailbox_full' }
  /** A new pair would take the room above `maxMailboxesPerRoom`. */
  | { readonly status: 'room_full' }
  | { readonly status: 'room_not_found' };

/** Bounds of one `listEscrow` page. */
export interface EscrowPage {
  /** At most this many records. */
  readonly limit: number;
  /** Stop before exceeding this many blob bytes (a page always holds at least one record). */
  readonly maxBytes: number;
}

/** Relay storage. See the module comment for which checks live here and why. */
export interface RelayStore {
  /** Creates a room; false when it already exists (first writer wins, nothing is changed). */
  createRoom(room: NewRoom): Promise<boolean>;
  /** The room, or null when unknown. */
  getRoom(roomId: Uint8Array): Promise<RoomRecord | null>;
  /**
   * Checks and stores candidates IN ORDER within ONE transaction: when `authEpoch` is given and
   * is not the room's epoch (the pushing socket's key was rotated out), nothing is stored and
   * every candidate is refused with `key_rotated`. Otherwise: uniqueness by id (a stored id is a
   * `duplicate` with its original seq, checked first), epoch = the room's epoch, then for
   * updates clock = last + 1 per (room, epoch, author) and the next seq; for snapshots
   * parent = current snapshot (else `snapshot_conflict`) and a sane `covers` (else
   * `snapshot_invalid`). A refused candidate does not stop the others. Resolves only once the
   * transaction is durable; rejects (nothing stored) on a storage failure.
   */
  append(roomId: Uint8Array, candidates: readonly AppendCandidate[], authEpoch?: number): Promise<AppendResult>;
  /** Log entries with afterSeq < seq <= upTo, ascending, bounded by `page`. */
  readAfter(roomId: Uint8Array, afterSeq: number, page: ReadPage): Promise<StoredEnvelope[]>;
  /** The room's current snapshot envelope, or null. */
  readSnapshot(roomId: Uint8Array): Promise<StoredSnapshotEnvelope | null>;
  /**
   * Rotates the room's key by compare-and-swap on the epoch, in ONE transaction: only if the
   * room's epoch is `fromEpoch`, toEpoch = fromEpoch + 1 and the new key is not one the room has
   * had, it stores the record, the new key and switches the epoch. Of concurrent rotations from
   * one epoch exactly one is `rotated`; the others get `conflict` with the epoch that won.
   * Resolves once durable; rejects (nothing changed) on a storage failure.
   */
  rotate(roomId: Uint8Array, rotation: NewRotation): Promise<RotateResult>;
  /** Rotation records with fromEpoch >= `fromEpoch`, ascending, at most `limit`. */
  readRotations(roomId: Uint8Array, fromEpoch: number, limit: number): Promise<RotationRecord[]>;
  /** The room's relay-auth keys, newest epoch first (the current one first), at most `limit`. */
  relayAuthKeys(roomId: Uint8Array, limit: number): Promise<EpochKey[]>;
  /**
   * Stores `escrow` for (room, mailbox) in ONE transaction, replacing the blob the pair had:
   * only if the room exists and its epoch is `authEpoch` (else `key_rotated`: a socket whose key
   * was rotated out must not overwrite the escrow with keys that lack the new epoch), and, for a
   * pair not stored yet, within `bounds`. Resolves once durable; rejects (nothing changed) on a
   * storage failure.
   */
  depositEscrow(escrow: NewEscrow, authEpoch: number, bounds: EscrowBounds): Promise<EscrowResult>;
  /** The escrows of `mailbox` whose room is >= `fromRoom` in byte order, ascending, bounded by `page`. */
  listEscrow(mailbox: Uint8Array, fromRoom: Uint8Array, page: EscrowPage): Promise<EscrowRecord[]>;
  /** Number of rooms stored. */
  countRooms(): Promise<number>;
  /**
   * Optional: called whenever any process sharing this store commits to a room (PostgreSQL:
   * LISTEN/NOTIFY). Single-process stores leave it out: the relay fans out its own commits.
   * Returns an unsubscribe function.
   */
  subscribe?(listener: (event: HeadAdvanced) => void): () => void;
  /** Releases the database (after the relay finished its last commit). */
  close(): Promise<void>;
}

/** 16 zero bytes: "no snapshot" / "not applicable" on the wire. */
export const NO_SNAPSHOT_ID = new Uint8Array(16);

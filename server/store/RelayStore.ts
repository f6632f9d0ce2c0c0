/**
 * @module server/store/RelayStore
 * The relay's storage port: rooms, the append-only envelope log with its sequence numbers, the
 * per-author clocks and the snapshot chain. Everything that needs the log's current state to
 * decide (epoch, uniqueness, clock continuity, snapshot compare-and-swap, seq assignment) happens
 * INSIDE `append`, in the store's own transaction, so that an implementation shared by several
 * relay processes (PostgreSQL) stays correct without a process-wide lock. The relay itself only
 * does the stateless checks (shape, kind, room, signature) before calling it.
 *
 * Implementations: SQLite (better-sqlite3, the embedded default) and in-memory (tests, benches).
 * Both pass `relayStore.contract.ts`. Methods are async so that a networked database fits the
 * same shape; a resolved `append` means durable.
 */

/** Why the store refused one envelope (names match `ErrorCode` of crdt/wire.ts). */
export type AppendRefusalCode =
  | 'room_not_found'
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

/** Notification that a room's log advanced (from this or another relay process). */
export interface HeadAdvanced {
  readonly roomId: Uint8Array;
  readonly head: number;
}

/** Relay storage. See the module comment for which checks live here and why. */
export interface RelayStore {
  /** Creates a room; false when it already exists (first writer wins, nothing is changed). */
  createRoom(room: NewRoom): Promise<boolean>;
  /** The room, or null when unknown. */
  getRoom(roomId: Uint8Array): Promise<RoomRecord | null>;
  /**
   * Checks and stores candidates IN ORDER within ONE transaction: uniqueness by id (a stored id
   * is a `duplicate` with its original seq, checked first), epoch = the room's epoch, then for
   * updates clock = last + 1 per (room, epoch, author) and the next seq; for snapshots
   * parent = current snapshot (else `snapshot_conflict`) and a sane `covers` (else
   * `snapshot_invalid`). A refused candidate does not stop the others. Resolves only once the
   * transaction is durable; rejects (nothing stored) on a storage failure.
   */
  append(roomId: Uint8Array, candidates: readonly AppendCandidate[]): Promise<AppendResult>;
  /** Log entries with afterSeq < seq <= upTo, ascending, bounded by `page`. */
  readAfter(roomId: Uint8Array, afterSeq: number, page: ReadPage): Promise<StoredEnvelope[]>;
  /** The room's current snapshot envelope, or null. */
  readSnapshot(roomId: Uint8Array): Promise<StoredSnapshotEnvelope | null>;
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

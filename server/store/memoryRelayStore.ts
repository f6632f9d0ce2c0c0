/**
 * @module server/store/memoryRelayStore
 * In-memory `RelayStore` for tests and benches. Several store handles may share one
 * `MemoryRelayBackend`; they then behave like relay processes sharing one PostgreSQL database:
 * each handle's `subscribe` hears every commit, which is how the multi-process fan-out path of
 * the relay is tested without a database server.
 */
import { applyCandidates } from './appendRules';
import { applyEscrow } from './escrowRules';
import type { RoomTransaction } from './appendRules';
import type {
  AppendCandidate,
  AppendResult,
  EpochKey,
  EscrowBounds,
  EscrowPage,
  EscrowRecord,
  EscrowResult,
  HeadAdvanced,
  NewEscrow,
  NewRoom,
  NewRotation,
  ReadPage,
  RelayStore,
  RoomRecord,
  RotateResult,
  RotationRecord,
  SnapshotCandidate,
  SnapshotPointer,
  StoredEnvelope,
  StoredSnapshotEnvelope,
} from './RelayStore';
import { applyRotation } from './rotationRules';

interface MemoryRoom {
  readonly roomId: Uint8Array;
  epoch: number;
  relayAuthPublicKey: Uint8Array;
  readonly createdAt: number;
  /** Every relay-auth key the room has had, ascending epoch. */
  readonly keys: EpochKey[];
  /** Rotation records, ascending fromEpoch. */
  readonly rotations: RotationRecord[];
  /** log[i] has seq i + 1. */
  readonly log: Uint8Array[];
  /** envelope id (hex) -> seq (snapshots: covers). */
  readonly seqById: Map<string, number>;
  /** `${epoch}:${authorHex}` -> last clock. */
  readonly clocks: Map<string, number>;
  readonly snapshots: Map<string, Uint8Array>;
  snapshot: SnapshotPointer | null;
  snapshotBytes: Uint8Array | null;
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
const copy = (bytes: Uint8Array): Uint8Array => Uint8Array.prototype.slice.call(bytes);

/** The data behind one or more `MemoryRelayStore` handles. */
export class MemoryRelayBackend {
  readonly rooms = new Map<string, MemoryRoom>();
  readonly listeners = new Set<(event: HeadAdvanced) => void>();
  /** mailbox (hex) -> room (hex) -> escrow. Lower-case hex sorts like the bytes. */
  readonly escrows = new Map<string, Map<string, EscrowRecord>>();
  /** room (hex) -> the mailboxes (hex) it deposited to. */
  readonly escrowMailboxesByRoom = new Map<string, Set<string>>();
}

/** In-memory relay store. */
export class MemoryRelayStore implements RelayStore {
  readonly subscribe?: (listener: (event: HeadAdvanced) => void) => () => void;
  readonly #backend: MemoryRelayBackend;
  #closed = false;

  /** @param backend a shared backend (simulates several relay processes on one database). */
  constructor(backend?: MemoryRelayBackend) {
    this.#backend = backend ?? new MemoryRelayBackend();
    if (backend !== undefined) {
      this.subscribe = (listener) => {
        this.#backend.listeners.add(listener);
        return () => this.#backend.listeners.delete(listener);
      };
    }
  }

  #room(roomId: Uint8Array): MemoryRoom | undefined {
    if (this.#closed) throw new Error('MemoryRelayStore is closed');
    return this.#backend.rooms.get(hex(roomId));
  }

  async createRoom(room: NewRoom): Promise<boolean> {
    const key = hex(room.roomId);
    if (this.#room(room.roomId) !== undefined) return false;
    this.#backend.rooms.set(key, {
      roomId: copy(room.roomId),
      epoch: room.epoch,
      relayAuthPublicKey: copy(room.relayAuthPublicKey),
      createdAt: room.createdAt,
      keys: [{ epoch: room.epoch, relayAuthPublicKey: copy(room.relayAuthPublicKey) }],
      rotations: [],
      log: [],
      seqById: new Map(),
      clocks: new Map(),
      snapshots: new Map(),
      snapshot: null,
      snapshotBytes: null,
    });
    return true;
  }

  async getRoom(roomId: Uint8Array): Promise<RoomRecord | null> {
    const room = this.#room(roomId);
    if (room === undefined) return null;
    return {
      roomId: room.roomId,
      epoch: room.epoch,
      relayAuthPublicKey: room.relayAuthPublicKey,
      head: room.log.length,
      snapshot: room.snapshot,
      createdAt: room.createdAt,
    };
  }

  async append(roomId: Uint8Array, candidates: readonly AppendCandidate[], authEpoch?: number): Promise<AppendResult> {
    const room = this.#room(roomId);
    if (room === undefined) {
      return {
        outcomes: candidates.map((c) => ({ status: 'refused', id: c.id, code: 'room_not_found', message: 'unknown room' }) as const),
        head: 0,
        snapshot: null,
        epoch: 0,
      };
    }
    let pendingSnapshotBytes: Uint8Array | null = null;
    const txn: RoomTransaction = {
      epoch: room.epoch,
      head: room.log.length,
      snapshot: room.snapshot,
      storedSeqOf: (id) => room.seqById.get(hex(id)),
      lastClock: (epoch, author) => room.clocks.get(`${epoch}:${hex(author)}`) ?? 0,
      hasSnapshotId: (snapshotId) => room.snapshots.has(hex(snapshotId)),
      insertUpdate: (c, seq) => {
        room.log.push(copy(c.bytes));
        room.seqById.set(hex(c.id), seq);
      },
      setLastClock: (epoch, author, clock) => room.clocks.set(`${epoch}:${hex(author)}`, clock),
      insertSnapshot: (c: SnapshotCandidate) => {
        pendingSnapshotBytes = copy(c.bytes);
        // as in SQLite: older snapshots keep their entry, not their bytes
        for (const key of room.snapshots.keys()) room.snapshots.set(key, new Uint8Array(0));
        room.snapshots.set(hex(c.snapshotId), pendingSnapshotBytes);
        room.seqById.set(hex(c.id), c.covers);
      },
      saveRoomState: () => {
        room.snapshot = txn.snapshot;
        if (pendingSnapshotBytes !== null) room.snapshotBytes = pendingSnapshotBytes;
      },
    };
    const before = room.log.length;
    const result = applyCandidates(txn, candidates, authEpoch);
    if (result.head !== before) this.#notify(room);
    return result;
  }

  async rotate(roomId: Uint8Array, rotation: NewRotation): Promise<RotateResult> {
    const room = this.#room(roomId);
    if (room === undefined) return { status: 'room_not_found' };
    // Synchronous from here on: nothing else runs in between, which is this store's transaction.
    const result = applyRotation(
      {
        epoch: room.epoch,
        head: room.log.length,
        hasKey: (publicKey) => room.keys.some((k) => hex(k.relayAuthPublicKey) === hex(publicKey)),
        swapKey: (fromEpoch, toEpoch, publicKey) => {
          if (room.epoch !== fromEpoch) return false;
          room.epoch = toEpoch;
          room.relayAuthPublicKey = copy(publicKey);
          return true;
        },
        insertRotation: (r, head) => {
          room.keys.push({ epoch: r.toEpoch, relayAuthPublicKey: copy(r.relayAuthPublicKey) });
          room.rotations.push({
            fromEpoch: r.fromEpoch,
            toEpoch: r.toEpoch,
            relayAuthPublicKey: copy(r.relayAuthPublicKey),
            keyBoxes: copy(r.keyBoxes),
            nonce: copy(r.nonce),
            signature: copy(r.signature),
            head,
            rotatedAt: r.rotatedAt,
          });
        },
      },
      rotation,
    );
    if (result.status === 'rotated') this.#notify(room);
    return result;
  }

  async readRotations(roomId: Uint8Array, fromEpoch: number, limit: number): Promise<RotationRecord[]> {
    const room = this.#room(roomId);
    if (room === undefined) return [];
    return room.rotations.filter((r) => r.fromEpoch >= fromEpoch).slice(0, limit);
  }

  async relayAuthKeys(roomId: Uint8Array, limit: number): Promise<EpochKey[]> {
    const room = this.#room(roomId);
    if (room === undefined) return [];
    return [...room.keys].reverse().slice(0, limit);
  }

  #notify(room: MemoryRoom): void {
    for (const listener of this.#backend.listeners) listener({ roomId: room.roomId, head: room.log.length, epoch: room.epoch });
  }

  async readAfter(roomId: Uint8Array, afterSeq: number, page: ReadPage): Promise<StoredEnvelope[]> {
    const room = this.#room(roomId);
    if (room === undefined) return [];
    const upTo = Math.min(page.upTo ?? room.log.length, room.log.length);
    const out: StoredEnvelope[] = [];
    let bytes = 0;
    for (let seq = Math.max(afterSeq, 0) + 1; seq <= upTo && out.length < page.limit; seq++) {
      const envelope = room.log[seq - 1] as Uint8Array;
      if (out.length > 0 && bytes + envelope.length > page.maxBytes) break;
      bytes += envelope.length;
      out.push({ seq, envelope });
    }
    return out;
  }

  async readSnapshot(roomId: Uint8Array): Promise<StoredSnapshotEnvelope | null> {
    const room = this.#room(roomId);
    if (room === undefined || room.snapshot === null || room.snapshotBytes === null) return null;
    return { pointer: room.snapshot, bytes: room.snapshotBytes };
  }

  async depositEscrow(escrow: NewEscrow, authEpoch: number, bounds: EscrowBounds): Promise<EscrowResult> {
    const room = this.#room(escrow.roomId);
    if (room === undefined) return { status: 'room_not_found' };
    const backend = this.#backend;
    const mailboxKey = hex(escrow.mailbox);
    const roomKey = hex(escrow.roomId);
    // Synchronous from here on: this store's transaction.
    return applyEscrow(
      {
        epoch: room.epoch,
        hasPair: () => backend.escrows.get(mailboxKey)?.has(roomKey) ?? false,
        roomsInMailbox: () => backend.escrows.get(mailboxKey)?.size ?? 0,
        mailboxesOfRoom: () => backend.escrowMailboxesByRoom.get(roomKey)?.size ?? 0,
        write: (epoch) => {
          let mailbox = backend.escrows.get(mailboxKey);
          if (mailbox === undefined) backend.escrows.set(mailboxKey, (mailbox = new Map()));
          mailbox.set(roomKey, { roomId: copy(escrow.roomId), epoch, blob: copy(escrow.blob), storedAt: escrow.storedAt });
          let mailboxes = backend.escrowMailboxesByRoom.get(roomKey);
          if (mailboxes === undefined) backend.escrowMailboxesByRoom.set(roomKey, (mailboxes = new Set()));
          mailboxes.add(mailboxKey);
        },
      },
      authEpoch,
      bounds,
    );
  }

  async listEscrow(mailbox: Uint8Array, fromRoom: Uint8Array, page: EscrowPage): Promise<EscrowRecord[]> {
    if (this.#closed) throw new Error('MemoryRelayStore is closed');
    const records = this.#backend.escrows.get(hex(mailbox));
    if (records === undefined) return [];
    const from = hex(fromRoom);
    const out: EscrowRecord[] = [];
    let bytes = 0;
    for (const key of [...records.keys()].filter((k) => k >= from).sort()) {
      if (out.length >= page.limit) break;
      const record = records.get(key) as EscrowRecord;
      if (out.length > 0 && bytes + record.blob.length > page.maxBytes) break;
      bytes += record.blob.length;
      out.push(record);
    }
    return out;
  }

  async countRooms(): Promise<number> {
    if (this.#closed) throw new Error('MemoryRelayStore is closed');
    return this.#backend.rooms.size;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }
}

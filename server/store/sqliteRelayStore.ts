/**
 * @module server/store/sqliteRelayStore
 * The embedded `RelayStore`: one SQLite file (better-sqlite3 12) in WAL mode with
 * `synchronous = FULL`, so a resolved `append` has its WAL frames fsynced: it survives SIGKILL
 * of the relay and also a power cut or kernel panic. (NORMAL would survive SIGKILL too — WAL
 * pages sit in the OS page cache — but could lose the last commits on power loss, and an ack
 * is a promise to a social worker that her note is safe.) One push is one transaction, i.e.
 * one fsync, however many envelopes it holds.
 *
 * better-sqlite3 is synchronous: a commit blocks the event loop for its fsync. That is the
 * embedded trade-off (no thread hops, no lost wakeups); a deployment that outgrows it moves to
 * the PostgreSQL store, not to a thread pool here.
 */
import Database from 'better-sqlite3';
import { applyCandidates } from './appendRules';
import type { RoomTransaction } from './appendRules';
import { applyEscrow } from './escrowRules';
import type {
  AppendCandidate,
  AppendResult,
  EpochKey,
  EscrowBounds,
  EscrowPage,
  EscrowRecord,
  EscrowResult,
  NewEscrow,
  NewRoom,
  NewRotation,
  ReadPage,
  RelayStore,
  RoomRecord,
  RotateResult,
  RotationRecord,
  SnapshotPointer,
  StoredEnvelope,
  StoredSnapshotEnvelope,
} from './RelayStore';
import { applyRotation } from './rotationRules';
import { migrate } from './sqliteSchema';

/** Envelope kind byte as stored (ENVELOPE.md numbering). */
const KIND_UPDATE = 1;

/** Options of the SQLite store. */
export interface SqliteRelayStoreOptions {
  /**
   * 'full' (default): every commit is fsynced — durable across power loss.
   * 'normal': durable across a crash of the relay process only (benchmarks, throwaway relays).
   */
  readonly synchronous?: 'full' | 'normal';
}

interface RoomRow {
  room: Buffer;
  epoch: number;
  relay_auth_key: Buffer;
  head: number;
  snapshot_id: Buffer | null;
  snapshot_covers: number | null;
  snapshot_envelope_id: Buffer | null;
  created_at: number;
}

interface EscrowRow {
  room: Buffer;
  epoch: number;
  blob: Buffer;
  stored_at: number;
}

interface RotationRow {
  from_epoch: number;
  to_epoch: number;
  relay_auth_key: Buffer;
  key_boxes: Buffer;
  nonce: Buffer;
  signature: Buffer;
  head: number;
  rotated_at: number;
}

const buf = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

function pointerOf(row: RoomRow): SnapshotPointer | null {
  if (row.snapshot_id === null || row.snapshot_covers === null || row.snapshot_envelope_id === null) return null;
  return { snapshotId: row.snapshot_id, covers: row.snapshot_covers, envelopeId: row.snapshot_envelope_id };
}

/** Opens (creating if needed) the relay database at `file`. The folder must exist. */
export function openSqliteRelayStore(file: string, options: SqliteRelayStoreOptions = {}): SqliteRelayStore {
  return new SqliteRelayStore(file, options);
}

/** SQLite relay store. */
export class SqliteRelayStore implements RelayStore {
  readonly #db: Database.Database;
  readonly #stmt;
  readonly #appendTxn: (roomId: Uint8Array, candidates: readonly AppendCandidate[], authEpoch?: number) => AppendResult;
  readonly #rotateTxn: (roomId: Uint8Array, rotation: NewRotation) => RotateResult;
  readonly #createTxn: (room: NewRoom) => boolean;
  readonly #escrowTxn: (escrow: NewEscrow, authEpoch: number, bounds: EscrowBounds) => EscrowResult;

  constructor(file: string, options: SqliteRelayStoreOptions = {}) {
    const db = new Database(file);
    this.#db = db;
    try {
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal' && file !== ':memory:') throw new Error(`SQLite refused WAL mode (got ${String(mode)})`);
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    this.#stmt = {
      insertRoom: db.prepare(
        'INSERT INTO rooms (room, epoch, relay_auth_key, head, created_at) VALUES (?, ?, ?, 0, ?) ON CONFLICT (room) DO NOTHING',
      ),
      getRoom: db.prepare('SELECT * FROM rooms WHERE room = ?'),
      seqOfEnvelope: db.prepare('SELECT seq FROM envelopes WHERE id = ? AND room = ?').pluck(),
      coversOfSnapshot: db.prepare('SELECT covers FROM snapshots WHERE id = ? AND room = ?').pluck(),
      lastClock: db.prepare('SELECT clock FROM author_clocks WHERE room = ? AND epoch = ? AND author = ?').pluck(),
      setClock: db.prepare(
        'INSERT INTO author_clocks (room, epoch, author, clock) VALUES (?, ?, ?, ?) ON CONFLICT (room, epoch, author) DO UPDATE SET clock = excluded.clock',
      ),
      hasSnapshotId: db.prepare('SELECT 1 FROM snapshots WHERE room = ? AND snapshot_id = ?').pluck(),
      insertEnvelope: db.prepare(
        'INSERT INTO envelopes (room, seq, id, author, epoch, clock, kind, bytes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertSnapshot: db.prepare(
        'INSERT INTO snapshots (room, snapshot_id, parent_id, covers, id, author, epoch, bytes, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      saveRoom: db.prepare(
        'UPDATE rooms SET head = ?, snapshot_id = ?, snapshot_covers = ?, snapshot_envelope_id = ? WHERE room = ?',
      ),
      readAfter: db.prepare(
        'SELECT seq, bytes FROM envelopes WHERE room = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ?',
      ),
      snapshotBytes: db.prepare('SELECT bytes FROM snapshots WHERE id = ? AND room = ?').pluck(),
      // Only the current snapshot's bytes are served; older ones keep their row (the parent
      // chain is part of the audit trail, and a re-push is still recognised) but not their
      // bytes, which the full log makes redundant. Without this a busy document would store
      // a full copy of itself every few hundred keystrokes.
      pruneSnapshotBytes: db.prepare("UPDATE snapshots SET bytes = x'' WHERE room = ? AND id != ? AND length(bytes) > 0"),
      countRooms: db.prepare('SELECT COUNT(*) FROM rooms').pluck(),
      insertKey: db.prepare('INSERT INTO room_keys (room, epoch, relay_auth_key) VALUES (?, ?, ?)'),
      hasKey: db.prepare('SELECT 1 FROM room_keys WHERE room = ? AND relay_auth_key = ?').pluck(),
      keysNewestFirst: db.prepare('SELECT epoch, relay_auth_key FROM room_keys WHERE room = ? ORDER BY epoch DESC LIMIT ?'),
      // The compare-and-swap on the epoch: changes nothing unless the room is still at from.
      swapKey: db.prepare('UPDATE rooms SET epoch = ?, relay_auth_key = ? WHERE room = ? AND epoch = ?'),
      insertRotation: db.prepare(
        'INSERT INTO rotations (room, from_epoch, to_epoch, relay_auth_key, key_boxes, nonce, signature, head, rotated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      readRotations: db.prepare('SELECT * FROM rotations WHERE room = ? AND from_epoch >= ? ORDER BY from_epoch LIMIT ?'),
      hasEscrow: db.prepare('SELECT 1 FROM escrows WHERE mailbox = ? AND room = ?').pluck(),
      roomsInMailbox: db.prepare('SELECT COUNT(*) FROM escrows WHERE mailbox = ?').pluck(),
      mailboxesOfRoom: db.prepare('SELECT COUNT(*) FROM escrows WHERE room = ?').pluck(),
      writeEscrow: db.prepare(
        'INSERT INTO escrows (mailbox, room, epoch, blob, stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (mailbox, room) DO UPDATE SET epoch = excluded.epoch, blob = excluded.blob, stored_at = excluded.stored_at',
      ),
      listEscrow: db.prepare('SELECT room, epoch, blob, stored_at FROM escrows WHERE mailbox = ? AND room >= ? ORDER BY room LIMIT ?'),
    };
    // IMMEDIATE: take the write lock up front, so a second process can only make us wait
    // (busy_timeout), never fail half-way through a push.
    const txn = db.transaction((roomId: Uint8Array, candidates: readonly AppendCandidate[], authEpoch?: number) =>
      this.#applyInTransaction(roomId, candidates, authEpoch),
    );
    this.#appendTxn = (roomId, candidates, authEpoch) => txn.immediate(roomId, candidates, authEpoch);
    const rotate = db.transaction((roomId: Uint8Array, rotation: NewRotation) => this.#rotateInTransaction(roomId, rotation));
    this.#rotateTxn = (roomId, rotation) => rotate.immediate(roomId, rotation);
    const create = db.transaction((room: NewRoom): boolean => {
      const s = this.#stmt;
      const info = s.insertRoom.run(buf(room.roomId), room.epoch, buf(room.relayAuthPublicKey), room.createdAt);
      if (info.changes !== 1) return false;
      s.insertKey.run(buf(room.roomId), room.epoch, buf(room.relayAuthPublicKey));
      return true;
    });
    this.#createTxn = (room) => create.immediate(room);
    const escrow = db.transaction((e: NewEscrow, authEpoch: number, bounds: EscrowBounds) => this.#escrowInTransaction(e, authEpoch, bounds));
    this.#escrowTxn = (e, authEpoch, bounds) => escrow.immediate(e, authEpoch, bounds);
  }

  #roomRow(roomId: Uint8Array): RoomRow | undefined {
    return this.#stmt.getRoom.get(buf(roomId)) as RoomRow | undefined;
  }

  #applyInTransaction(roomId: Uint8Array, candidates: readonly AppendCandidate[], authEpoch?: number): AppendResult {
    const s = this.#stmt;
    const room = buf(roomId);
    const row = this.#roomRow(roomId);
    if (row === undefined) {
      return {
        outcomes: candidates.map((c) => ({ status: 'refused', id: c.id, code: 'room_not_found', message: 'unknown room' }) as const),
        head: 0,
        snapshot: null,
        epoch: 0,
      };
    }
    const now = Date.now();
    const txn: RoomTransaction = {
      epoch: row.epoch,
      head: row.head,
      snapshot: pointerOf(row),
      storedSeqOf: (id) =>
        (s.seqOfEnvelope.get(buf(id), room) as number | undefined) ?? (s.coversOfSnapshot.get(buf(id), room) as number | undefined),
      lastClock: (epoch, author) => (s.lastClock.get(room, epoch, buf(author)) as number | undefined) ?? 0,
      hasSnapshotId: (snapshotId) => s.hasSnapshotId.get(room, buf(snapshotId)) !== undefined,
      insertUpdate: (c, seq) => {
        s.insertEnvelope.run(room, seq, buf(c.id), buf(c.author), c.epoch, c.clock, KIND_UPDATE, buf(c.bytes), now);
      },
      setLastClock: (epoch, author, clock) => {
        s.setClock.run(room, epoch, buf(author), clock);
      },
      insertSnapshot: (c) => {
        s.insertSnapshot.run(room, buf(c.snapshotId), buf(c.parentId), c.covers, buf(c.id), buf(c.author), c.epoch, buf(c.bytes), now);
        s.pruneSnapshotBytes.run(room, buf(c.id));
      },
      saveRoomState: () => {
        const p = txn.snapshot;
        s.saveRoom.run(
          txn.head,
          p === null ? null : buf(p.snapshotId),
          p === null ? null : p.covers,
          p === null ? null : buf(p.envelopeId),
          room,
        );
      },
    };
    return applyCandidates(txn, candidates, authEpoch);
  }

  #rotateInTransaction(roomId: Uint8Array, rotation: NewRotation): RotateResult {
    const s = this.#stmt;
    const room = buf(roomId);
    const row = this.#roomRow(roomId);
    if (row === undefined) return { status: 'room_not_found' };
    return applyRotation(
      {
        epoch: row.epoch,
        head: row.head,
        hasKey: (publicKey) => s.hasKey.get(room, buf(publicKey)) !== undefined,
        swapKey: (fromEpoch, toEpoch, publicKey) => s.swapKey.run(toEpoch, buf(publicKey), room, fromEpoch).changes === 1,
        insertRotation: (r, head) => {
          s.insertKey.run(room, r.toEpoch, buf(r.relayAuthPublicKey));
          s.insertRotation.run(
            room,
            r.fromEpoch,
            r.toEpoch,
            buf(r.relayAuthPublicKey),
            buf(r.keyBoxes),
            buf(r.nonce),
            buf(r.signature),
            head,
            r.rotatedAt,
          );
        },
      },
      rotation,
    );
  }

  #escrowInTransaction(escrow: NewEscrow, authEpoch: number, bounds: EscrowBounds): EscrowResult {
    const s = this.#stmt;
    const row = this.#roomRow(escrow.roomId);
    if (row === undefined) return { status: 'room_not_found' };
    const room = buf(escrow.roomId);
    const mailbox = buf(escrow.mailbox);
    return applyEscrow(
      {
        epoch: row.epoch,
        hasPair: () => s.hasEscrow.get(mailbox, room) !== undefined,
        roomsInMailbox: () => s.roomsInMailbox.get(mailbox) as number,
        mailboxesOfRoom: () => s.mailboxesOfRoom.get(room) as number,
        write: (epoch) => {
          s.writeEscrow.run(mailbox, room, epoch, buf(escrow.blob), escrow.storedAt);
        },
      },
      authEpoch,
      bounds,
    );
  }

  async createRoom(room: NewRoom): Promise<boolean> {
    return this.#createTxn(room);
  }

  async getRoom(roomId: Uint8Array): Promise<RoomRecord | null> {
    const row = this.#roomRow(roomId);
    if (row === undefined) return null;
    return {
      roomId: row.room,
      epoch: row.epoch,
      relayAuthPublicKey: row.relay_auth_key,
      head: row.head,
      snapshot: pointerOf(row),
      createdAt: row.created_at,
    };
  }

  async append(roomId: Uint8Array, candidates: readonly AppendCandidate[], authEpoch?: number): Promise<AppendResult> {
    return this.#appendTxn(roomId, candidates, authEpoch);
  }

  async rotate(roomId: Uint8Array, rotation: NewRotation): Promise<RotateResult> {
    return this.#rotateTxn(roomId, rotation);
  }

  async readRotations(roomId: Uint8Array, fromEpoch: number, limit: number): Promise<RotationRecord[]> {
    const rows = this.#stmt.readRotations.all(buf(roomId), fromEpoch, limit) as RotationRow[];
    return rows.map((r) => ({
      fromEpoch: r.from_epoch,
      toEpoch: r.to_epoch,
      relayAuthPublicKey: r.relay_auth_key,
      keyBoxes: r.key_boxes,
      nonce: r.nonce,
      signature: r.signature,
      head: r.head,
      rotatedAt: r.rotated_at,
    }));
  }

  async relayAuthKeys(roomId: Uint8Array, limit: number): Promise<EpochKey[]> {
    const rows = this.#stmt.keysNewestFirst.all(buf(roomId), limit) as Array<{ epoch: number; relay_auth_key: Buffer }>;
    return rows.map((r) => ({ epoch: r.epoch, relayAuthPublicKey: r.relay_auth_key }));
  }

  async readAfter(roomId: Uint8Array, afterSeq: number, page: ReadPage): Promise<StoredEnvelope[]> {
    const out: StoredEnvelope[] = [];
    let bytes = 0;
    const upTo = page.upTo ?? Number.MAX_SAFE_INTEGER;
    // iterate() streams rows, so a page of large envelopes stops reading once maxBytes is hit.
    for (const row of this.#stmt.readAfter.iterate(buf(roomId), afterSeq, upTo, page.limit) as Iterable<{ seq: number; bytes: Buffer }>) {
      if (out.length > 0 && bytes + row.bytes.length > page.maxBytes) break;
      bytes += row.bytes.length;
      out.push({ seq: row.seq, envelope: row.bytes });
    }
    return out;
  }

  async readSnapshot(roomId: Uint8Array): Promise<StoredSnapshotEnvelope | null> {
    const row = this.#roomRow(roomId);
    if (row === undefined) return null;
    const pointer = pointerOf(row);
    if (pointer === null) return null;
    const bytes = this.#stmt.snapshotBytes.get(buf(pointer.envelopeId), row.room) as Buffer | undefined;
    return bytes === undefined ? null : { pointer, bytes };
  }

  async depositEscrow(escrow: NewEscrow, authEpoch: number, bounds: EscrowBounds): Promise<EscrowResult> {
    return this.#escrowTxn(escrow, authEpoch, bounds);
  }

  async listEscrow(mailbox: Uint8Array, fromRoom: Uint8Array, page: EscrowPage): Promise<EscrowRecord[]> {
    const out: EscrowRecord[] = [];
    let bytes = 0;
    // iterate() streams rows, so a page of large blobs stops reading once maxBytes is hit.
    for (const row of this.#stmt.listEscrow.iterate(buf(mailbox), buf(fromRoom), page.limit) as Iterable<EscrowRow>) {
      if (out.length > 0 && bytes + row.blob.length > page.maxBytes) break;
      bytes += row.blob.length;
      out.push({ roomId: row.room, epoch: row.epoch, blob: row.blob, storedAt: row.stored_at });
    }
    return out;
  }

  async countRooms(): Promise<number> {
    return this.#stmt.countRooms.get() as number;
  }

  /** The durability settings in force on this connection (for the startup log and tests). */
  durability(): { journalMode: string; synchronous: 'full' | 'normal' | 'other' } {
    const journalMode = String(this.#db.pragma('journal_mode', { simple: true }));
    const level = this.#db.pragma('synchronous', { simple: true });
    return { journalMode, synchronous: level === 2 ? 'full' : level === 1 ? 'normal' : 'other' };
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }
}

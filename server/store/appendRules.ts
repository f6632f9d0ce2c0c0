/**
 * @module server/store/appendRules
 * The stateful rules of `RelayStore.append`, written once over a small synchronous view of one
 * room inside one transaction, so the SQLite and in-memory stores cannot drift apart. A store
 * for an asynchronous database applies the same rules in the same order (see server/README.md).
 */
import type {
  AppendCandidate,
  AppendOutcome,
  AppendResult,
  SnapshotCandidate,
  SnapshotPointer,
  UpdateCandidate,
} from './RelayStore';

/** One room, seen from inside the store's transaction. Writes must be visible to later reads. */
export interface RoomTransaction {
  readonly epoch: number;
  head: number;
  snapshot: SnapshotPointer | null;
  /** Seq an envelope id was acknowledged with (snapshots: their covers), if stored. */
  storedSeqOf(id: Uint8Array): number | undefined;
  /** Last accepted update clock of (epoch, author); 0 when none. */
  lastClock(epoch: number, author: Uint8Array): number;
  /** Whether a snapshot with this snapshot id was ever accepted in the room. */
  hasSnapshotId(snapshotId: Uint8Array): boolean;
  insertUpdate(candidate: UpdateCandidate, seq: number): void;
  setLastClock(epoch: number, author: Uint8Array, clock: number): void;
  insertSnapshot(candidate: SnapshotCandidate): void;
  /** Persists `head` and `snapshot` of this object at the end of the transaction. */
  saveRoomState(): void;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}

function applyUpdate(room: RoomTransaction, c: UpdateCandidate): AppendOutcome {
  const last = room.lastClock(c.epoch, c.author);
  if (c.clock <= last) {
    return { status: 'refused', id: c.id, code: 'envelope_clock_replay', message: `clock ${c.clock} already used (last ${last})` };
  }
  if (c.clock !== last + 1) {
    return { status: 'refused', id: c.id, code: 'envelope_clock_gap', message: `clock ${c.clock} skips ahead (expected ${last + 1})` };
  }
  const seq = room.head + 1;
  room.insertUpdate(c, seq);
  room.setLastClock(c.epoch, c.author, c.clock);
  room.head = seq;
  return { status: 'stored', id: c.id, seq };
}

function applySnapshot(room: RoomTransaction, c: SnapshotCandidate): AppendOutcome {
  const current = room.snapshot;
  const expectedParent = current === null ? null : current.snapshotId;
  const parentMatches = expectedParent === null ? isZero(c.parentId) : sameBytes(c.parentId, expectedParent);
  if (!parentMatches) {
    return { status: 'refused', id: c.id, code: 'snapshot_conflict', message: 'parent is not the current snapshot' };
  }
  const refuse = (message: string): AppendOutcome => ({ status: 'refused', id: c.id, code: 'snapshot_invalid', message });
  if (isZero(c.snapshotId)) return refuse('snapshot id is all zero');
  if (room.hasSnapshotId(c.snapshotId)) return refuse('snapshot id already used in this room');
  if (c.covers > room.head) return refuse(`covers ${c.covers} is past the head ${room.head}`);
  if (current !== null && c.covers < current.covers) return refuse(`covers ${c.covers} is before the parent's ${current.covers}`);
  room.insertSnapshot(c);
  room.snapshot = { snapshotId: c.snapshotId, covers: c.covers, envelopeId: c.id };
  return { status: 'stored', id: c.id, seq: c.covers };
}

/**
 * Applies candidates in order: the pusher's key epoch first (a socket whose key was rotated out
 * stores nothing, not even a re-push), then uniqueness (a re-push re-acks, even from an older
 * epoch), then epoch, then clock continuity or snapshot compare-and-swap. Refusals do not stop
 * the rest.
 */
export function applyCandidates(room: RoomTransaction, candidates: readonly AppendCandidate[], authEpoch?: number): AppendResult {
  if (authEpoch !== undefined && authEpoch !== room.epoch) {
    const message = `this socket proved the key of epoch ${authEpoch}; the room is at epoch ${room.epoch}`;
    return {
      outcomes: candidates.map((c) => ({ status: 'refused', id: c.id, code: 'key_rotated', message }) as const),
      head: room.head,
      snapshot: room.snapshot,
      epoch: room.epoch,
    };
  }
  const outcomes: AppendOutcome[] = [];
  let changed = false;
  for (const c of candidates) {
    const storedSeq = room.storedSeqOf(c.id);
    if (storedSeq !== undefined) {
      outcomes.push({ status: 'duplicate', id: c.id, seq: storedSeq });
      continue;
    }
    if (c.epoch !== room.epoch) {
      outcomes.push({ status: 'refused', id: c.id, code: 'envelope_epoch', message: `epoch ${c.epoch} is not the room's epoch ${room.epoch}` });
      continue;
    }
    const outcome = c.kind === 'update' ? applyUpdate(room, c) : applySnapshot(room, c);
    if (outcome.status === 'stored') changed = true;
    outcomes.push(outcome);
  }
  if (changed) room.saveRoomState();
  return { outcomes, head: room.head, snapshot: room.snapshot, epoch: room.epoch };
}

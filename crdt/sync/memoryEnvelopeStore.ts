/**
 * @module crdt/sync/memoryEnvelopeStore
 * In-memory `EnvelopeStore` for tests and benchmarks. Passes the same contract suite as the
 * IndexedDB store, so tests that use it say something true about the real one.
 */
import type { EnvelopeStore, LogEntry, RoomKey, RoomLog, StoredSnapshot } from './ports';

interface RoomData {
  snapshot: StoredSnapshot | undefined;
  /** Insertion-ordered (Map keeps order), keyed by envelope id. */
  entries: Map<string, LogEntry>;
}

/** Creates an empty in-memory envelope store. */
export function makeMemoryEnvelopeStore(): EnvelopeStore {
  const rooms = new Map<RoomKey, RoomData>();
  let closed = false;
  const room = (key: RoomKey): RoomData => {
    if (closed) throw new Error('envelope store is closed');
    let data = rooms.get(key);
    if (!data) {
      data = { snapshot: undefined, entries: new Map() };
      rooms.set(key, data);
    }
    return data;
  };
  const load = (key: RoomKey): RoomLog => {
    const data = rooms.get(key);
    if (!data) return { snapshot: undefined, entries: [] };
    const all = [...data.entries.values()];
    const acked = all.filter((e) => e.seq !== null).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const pending = all.filter((e) => e.seq === null);
    return { snapshot: data.snapshot, entries: [...acked, ...pending] };
  };
  return {
    loadRoom(key) {
      return Promise.resolve(load(key));
    },
    loadRooms(keys) {
      return Promise.resolve(new Map(keys.map((key) => [key, load(key)])));
    },
    append(key, entries) {
      const data = room(key);
      for (const entry of entries) {
        if (!data.entries.has(entry.id)) data.entries.set(entry.id, { id: entry.id, bytes: entry.bytes, seq: entry.seq });
      }
      return Promise.resolve();
    },
    acknowledge(key, acks) {
      const data = room(key);
      for (const { id, seq } of acks) {
        const entry = data.entries.get(id);
        if (entry) data.entries.set(id, { ...entry, seq });
      }
      return Promise.resolve();
    },
    compact(key, snapshot) {
      const data = room(key);
      if (data.snapshot && data.snapshot.covers >= snapshot.covers) return Promise.resolve();
      data.snapshot = snapshot;
      for (const [id, entry] of data.entries) {
        if (entry.seq !== null && entry.seq <= snapshot.covers) data.entries.delete(id);
      }
      return Promise.resolve();
    },
    remove(key, ids) {
      const data = room(key);
      for (const id of ids) if (data.entries.get(id)?.seq === null) data.entries.delete(id);
      return Promise.resolve();
    },
    listRooms() {
      return Promise.resolve([...rooms.keys()]);
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}

/**
 * @module crdt/sync/indexedDbEnvelopeStore
 * `EnvelopeStore` on IndexedDB: the PWA's local log. It holds only sealed envelopes
 * (ciphertext), never plaintext updates — which is why y-indexeddb is not used.
 * Entries live in one object store with an auto-increment key (their local append order)
 * and a unique [room, id] index; snapshots in another, keyed by room.
 */
import type { EnvelopeStore, LogEntry, RoomKey, RoomLog, StoredSnapshot } from './ports';
import { done, request } from './idb';

const DB_VERSION = 1;
const ENTRIES = 'entries';
const SNAPSHOTS = 'snapshots';

interface EntryRow { n?: number; room: string; id: string; bytes: Uint8Array; seq: number | null }
interface SnapshotRow { room: string; id: string; bytes: Uint8Array; covers: number }

/** Opens (creating when needed) the envelope database `name` with the given IndexedDB factory. */
export async function openIndexedDbEnvelopeStore(name: string, factory: IDBFactory = indexedDB): Promise<EnvelopeStore> {
  const open = factory.open(name, DB_VERSION);
  open.onupgradeneeded = () => {
    const db = open.result;
    const entries = db.createObjectStore(ENTRIES, { keyPath: 'n', autoIncrement: true });
    entries.createIndex('roomId', ['room', 'id'], { unique: true });
    entries.createIndex('room', 'room');
    db.createObjectStore(SNAPSHOTS, { keyPath: 'room' });
  };
  const db = await request(open);

  /** Both reads of one room, issued inside `tx` without waiting (many rooms share one transaction). */
  const readRoom = async (tx: IDBTransaction, room: RoomKey): Promise<RoomLog> => {
    const [rows, snap] = await Promise.all([
      request(tx.objectStore(ENTRIES).index('room').getAll(room) as IDBRequest<EntryRow[]>),
      request(tx.objectStore(SNAPSHOTS).get(room) as IDBRequest<SnapshotRow | undefined>),
    ]);
    rows.sort((a, b) => (a.n ?? 0) - (b.n ?? 0));
    const toEntry = (r: EntryRow): LogEntry => ({ id: r.id, bytes: r.bytes, seq: r.seq });
    const acked = rows.filter((r) => r.seq !== null).sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
    const pending = rows.filter((r) => r.seq === null);
    const snapshot: StoredSnapshot | undefined = snap ? { id: snap.id, bytes: snap.bytes, covers: snap.covers } : undefined;
    return { snapshot, entries: [...acked, ...pending].map(toEntry) };
  };

  return {
    loadRoom(room): Promise<RoomLog> {
      return readRoom(db.transaction([ENTRIES, SNAPSHOTS], 'readonly'), room);
    },
    async loadRooms(rooms) {
      // One transaction, every request issued at once: the 2 × N reads are pipelined instead
      // of N transactions waiting for each other (a device with 500 cartelle opens 1,000 rooms).
      const tx = db.transaction([ENTRIES, SNAPSHOTS], 'readonly');
      const logs = await Promise.all(rooms.map((room) => readRoom(tx, room)));
      return new Map(rooms.map((room, i) => [room, logs[i] as RoomLog]));
    },
    async append(room, entries) {
      const tx = db.transaction(ENTRIES, 'readwrite');
      const store = tx.objectStore(ENTRIES);
      const index = store.index('roomId');
      for (const e of entries) {
        const existing = await request(index.getKey([room, e.id]));
        if (existing === undefined) store.add({ room, id: e.id, bytes: e.bytes, seq: e.seq } satisfies EntryRow);
      }
      await done(tx);
    },
    async acknowledge(room, acks) {
      const tx = db.transaction(ENTRIES, 'readwrite');
      const index = tx.objectStore(ENTRIES).index('roomId');
      for (const { id, seq } of acks) {
        const cursor = await request(index.openCursor([room, id]));
        if (cursor) cursor.update({ ...(cursor.value as EntryRow), seq });
      }
      await done(tx);
    },
    async compact(room, snapshot) {
      const tx = db.transaction([ENTRIES, SNAPSHOTS], 'readwrite');
      const snaps = tx.objectStore(SNAPSHOTS);
      const current = (await request(snaps.get(room))) as SnapshotRow | undefined;
      if (current && current.covers >= snapshot.covers) {
        await done(tx);
        return;
      }
      snaps.put({ room, id: snapshot.id, bytes: snapshot.bytes, covers: snapshot.covers } satisfies SnapshotRow);
      const index = tx.objectStore(ENTRIES).index('room');
      await new Promise<void>((resolve, reject) => {
        const req = index.openCursor(room);
        req.onerror = () => reject(req.error ?? new Error('cursor failed'));
        req.onsuccess = () => {
          const cursor = req.result;
          if (!cursor) return resolve();
          const row = cursor.value as EntryRow;
          if (row.seq !== null && row.seq <= snapshot.covers) cursor.delete();
          cursor.continue();
        };
      });
      await done(tx);
    },
    async remove(room, ids) {
      const tx = db.transaction(ENTRIES, 'readwrite');
      const index = tx.objectStore(ENTRIES).index('roomId');
      for (const id of ids) {
        const cursor = await request(index.openCursor([room, id]));
        if (cursor && (cursor.value as EntryRow).seq === null) cursor.delete();
      }
      await done(tx);
    },
    async listRooms() {
      const tx = db.transaction([ENTRIES, SNAPSHOTS], 'readonly');
      const rooms = new Set<string>();
      await new Promise<void>((resolve, reject) => {
        const req = tx.objectStore(ENTRIES).index('room').openKeyCursor(null, 'nextunique');
        req.onerror = () => reject(req.error ?? new Error('cursor failed'));
        req.onsuccess = () => {
          const cursor = req.result;
          if (!cursor) return resolve();
          rooms.add(String(cursor.key));
          cursor.continue();
        };
      });
      for (const k of await request(tx.objectStore(SNAPSHOTS).getAllKeys())) rooms.add(String(k));
      return [...rooms] as RoomKey[];
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

/**
 * `EnvelopeStore.loadRooms`: many rooms read at once give exactly what `loadRoom` gives for each
 * (snapshot, acknowledged tail in seq order, outbox in append order), for both stores.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import { openIndexedDbEnvelopeStore } from '../../crdt/sync/indexedDbEnvelopeStore';
import type { EnvelopeStore, RoomKey } from '../../crdt/sync/ports';

const bytes = (n: number): Uint8Array => new Uint8Array([n, n + 1, n + 2]);
const uno = 'c3RhbnphLXVubw' as RoomKey;
const due = 'c3RhbnphLWR1ZQ' as RoomKey;
const ignota = 'aWdub3Rh' as RoomKey;

for (const [nome, apri] of [
  ['in memory', (): Promise<EnvelopeStore> => Promise.resolve(makeMemoryEnvelopeStore())],
  ['IndexedDB', (): Promise<EnvelopeStore> => openIndexedDbEnvelopeStore('load-rooms', new IDBFactory())],
] as const) {
  describe(`loadRooms (${nome})`, () => {
    it('gives every room what loadRoom gives, an unknown room as an empty log', async () => {
      const store = await apri();
      await store.append(uno, [{ id: 'a1', bytes: bytes(1), seq: 1 }, { id: 'a2', bytes: bytes(2), seq: 2 }, { id: 'a4', bytes: bytes(4), seq: 4 }]);
      await store.compact(uno, { id: 's', bytes: bytes(9), covers: 2 });
      await store.append(uno, [{ id: 'p1', bytes: bytes(5), seq: null }, { id: 'a3', bytes: bytes(3), seq: 3 }]);
      await store.append(due, [{ id: 'p2', bytes: bytes(6), seq: null }]);
      const logs = await store.loadRooms([uno, due, ignota]);
      expect([...logs.keys()]).toEqual([uno, due, ignota]);
      expect(logs.get(uno)).toEqual(await store.loadRoom(uno));
      expect(logs.get(uno)?.snapshot?.id).toBe('s');
      expect(logs.get(uno)?.entries.map((e) => e.id)).toEqual(['a3', 'a4', 'p1']);
      expect(logs.get(due)).toEqual(await store.loadRoom(due));
      expect(logs.get(ignota)).toEqual({ snapshot: undefined, entries: [] });
      expect(await store.loadRooms([])).toEqual(new Map());
      await store.close();
    });
  });
}

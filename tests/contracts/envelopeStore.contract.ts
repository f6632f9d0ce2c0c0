/**
 * The contract every `EnvelopeStore` passes (in-memory and IndexedDB alike): the engine's
 * correctness after a reload rests on exactly these behaviours.
 */
import { describe, expect, it } from 'vitest';
import type { EnvelopeStore, RoomKey } from '../../crdt/sync/ports';

const room = 'cm9vbS1vbmU' as RoomKey;
const other = 'cm9vbS10d28' as RoomKey;
const bytes = (n: number): Uint8Array => new Uint8Array([n, n + 1, n + 2]);

export function envelopeStoreContract(
  name: string,
  make: () => Promise<{ store: EnvelopeStore; reopen?: () => Promise<EnvelopeStore> }>,
  persistent: boolean,
): void {
  describe(`EnvelopeStore contract: ${name}`, () => {
    it('an unknown room loads as an empty log', async () => {
      const { store } = await make();
      expect(await store.loadRoom(room)).toEqual({ snapshot: undefined, entries: [] });
    });

    it('loads acknowledged entries in seq order, then pending ones in append order', async () => {
      const { store } = await make();
      await store.append(room, [{ id: 'p1', bytes: bytes(1), seq: null }]);
      await store.append(room, [{ id: 'a3', bytes: bytes(3), seq: 3 }, { id: 'a2', bytes: bytes(2), seq: 2 }]);
      await store.append(room, [{ id: 'p2', bytes: bytes(4), seq: null }]);
      const log = await store.loadRoom(room);
      expect(log.entries.map((e) => e.id)).toEqual(['a2', 'a3', 'p1', 'p2']);
      expect(log.entries[0]?.bytes).toEqual(bytes(2));
    });

    it('append is idempotent by id', async () => {
      const { store } = await make();
      await store.append(room, [{ id: 'x', bytes: bytes(1), seq: null }]);
      await store.append(room, [{ id: 'x', bytes: bytes(9), seq: 5 }]);
      const log = await store.loadRoom(room);
      expect(log.entries).toEqual([{ id: 'x', bytes: bytes(1), seq: null }]);
    });

    it('acknowledge moves a pending entry out of the outbox with its seq', async () => {
      const { store } = await make();
      await store.append(room, [{ id: 'p1', bytes: bytes(1), seq: null }, { id: 'p2', bytes: bytes(2), seq: null }]);
      await store.acknowledge(room, [{ id: 'p2', seq: 7 }, { id: 'unknown', seq: 8 }]);
      const log = await store.loadRoom(room);
      expect(log.entries.map((e) => [e.id, e.seq])).toEqual([['p2', 7], ['p1', null]]);
    });

    it('compact stores the snapshot and drops acknowledged entries it covers, never pending ones', async () => {
      const { store } = await make();
      await store.append(room, [{ id: 'a1', bytes: bytes(1), seq: 1 }, { id: 'a2', bytes: bytes(2), seq: 2 },
        { id: 'a3', bytes: bytes(3), seq: 3 }, { id: 'p', bytes: bytes(4), seq: null }]);
      await store.compact(room, { id: 's', bytes: bytes(10), covers: 2 });
      const log = await store.loadRoom(room);
      expect(log.snapshot).toEqual({ id: 's', bytes: bytes(10), covers: 2 });
      expect(log.entries.map((e) => e.id)).toEqual(['a3', 'p']);
    });

    it('an older snapshot never replaces a newer one', async () => {
      const { store } = await make();
      await store.compact(room, { id: 'new', bytes: bytes(1), covers: 10 });
      await store.compact(room, { id: 'old', bytes: bytes(2), covers: 5 });
      expect((await store.loadRoom(room)).snapshot?.id).toBe('new');
    });

    it('remove drops pending entries only', async () => {
      const { store } = await make();
      await store.append(room, [{ id: 'a', bytes: bytes(1), seq: 1 }, { id: 'p', bytes: bytes(2), seq: null }]);
      await store.remove(room, ['a', 'p']);
      expect((await store.loadRoom(room)).entries.map((e) => e.id)).toEqual(['a']);
    });

    it('loadRooms gives every room asked for exactly what loadRoom gives, unknown rooms empty', async () => {
      const { store } = await make();
      const unknown = 'cm9vbS10aHJlZQ' as RoomKey;
      await store.append(room, [{ id: 'p1', bytes: bytes(1), seq: null }, { id: 'a2', bytes: bytes(2), seq: 2 }, { id: 'a1', bytes: bytes(3), seq: 1 }]);
      await store.compact(room, { id: 's', bytes: bytes(10), covers: 1 });
      await store.append(other, [{ id: 'o', bytes: bytes(4), seq: 1 }]);
      const all = await store.loadRooms([room, other, unknown]);
      expect([...all.keys()].sort()).toEqual([room, other, unknown].sort());
      expect(all.get(room)).toEqual(await store.loadRoom(room));
      expect(all.get(other)).toEqual(await store.loadRoom(other));
      expect(all.get(unknown)).toEqual({ snapshot: undefined, entries: [] });
    });

    it('rooms are independent and listed', async () => {
      const { store } = await make();
      await store.append(room, [{ id: 'same', bytes: bytes(1), seq: 1 }]);
      await store.append(other, [{ id: 'same', bytes: bytes(2), seq: null }]);
      expect((await store.loadRoom(other)).entries).toEqual([{ id: 'same', bytes: bytes(2), seq: null }]);
      expect((await store.listRooms()).sort()).toEqual([room, other].sort());
    });

    if (persistent) it('what was written survives closing and reopening', async () => {
      const { store, reopen } = await make();
      if (!reopen) throw new Error('a persistent store must offer reopen');
      await store.append(room, [{ id: 'p', bytes: bytes(1), seq: null }]);
      await store.compact(room, { id: 's', bytes: bytes(2), covers: 4 });
      await store.close();
      const again = await reopen();
      const log = await again.loadRoom(room);
      expect(log.snapshot?.covers).toBe(4);
      expect(log.entries.map((e) => e.id)).toEqual(['p']);
      await again.close();
    });
  });
}

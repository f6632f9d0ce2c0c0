/**
 * @module server/store/relayStore.contract
 * The one contract every `RelayStore` passes (SQLite, in-memory; PostgreSQL when it comes).
 * Candidates are synthetic (random ids and bytes): the store trusts the relay's stateless
 * checks and is tested for its stateful rules only.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppendCandidate, EscrowBounds, EscrowRecord, NewRotation, RelayStore, SnapshotCandidate, UpdateCandidate } from './RelayStore';
import { NO_SNAPSHOT_ID } from './RelayStore';

/** How the suite gets stores: `open` a fresh one; `reopen` a new handle on the same data. */
export interface RelayStoreHarness {
  open(): Promise<RelayStore>;
  /** Closes `store` and opens the same data again (a relay restart). */
  reopen(store: RelayStore): Promise<RelayStore>;
}

const rand = (n: number): Uint8Array => new Uint8Array(randomBytes(n));

function update(author: Uint8Array, clock: number, epoch = 1, size = 200): UpdateCandidate {
  return { kind: 'update', id: rand(16), epoch, author, clock, bytes: rand(size) };
}

function snapshot(parentId: Uint8Array, covers: number, snapshotId = rand(16), epoch = 1): SnapshotCandidate {
  return { kind: 'snapshot', id: rand(16), epoch, author: rand(32), snapshotId, parentId, covers, bytes: rand(300) };
}

function rotation(fromEpoch: number, toEpoch = fromEpoch + 1, key = rand(32)): NewRotation {
  return {
    fromEpoch,
    toEpoch,
    relayAuthPublicKey: key,
    keyBoxes: rand(1000),
    nonce: rand(32),
    signature: rand(64),
    rotatedAt: 1_700_000_000_000 + fromEpoch,
  };
}

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

const BOUNDS: EscrowBounds = { maxRoomsPerMailbox: 1000, maxMailboxesPerRoom: 4 };
const ALL = { limit: 10_000, maxBytes: 1 << 30 };
const FROM_START = new Uint8Array(16);

/** An escrow record with its byte fields as hex (stores may return Buffers or Uint8Arrays). */
function escrowHex(r: EscrowRecord): Record<string, unknown> {
  return { room: hexOf(r.roomId), epoch: r.epoch, blob: hexOf(r.blob), storedAt: r.storedAt };
}

/** A rotation record with its byte fields as hex (stores may return Buffers or Uint8Arrays). */
function recordHex(r: NewRotation & { head?: number }): Record<string, unknown> {
  return { ...r, relayAuthPublicKey: hexOf(r.relayAuthPublicKey), keyBoxes: hexOf(r.keyBoxes), nonce: hexOf(r.nonce), signature: hexOf(r.signature) };
}

/** Registers the contract tests for one implementation. */
export function describeRelayStoreContract(name: string, harness: RelayStoreHarness): void {
  describe(`RelayStore contract: ${name}`, () => {
    const open: RelayStore[] = [];
    const fresh = async (): Promise<RelayStore> => {
      const store = await harness.open();
      open.push(store);
      return store;
    };
    const reopen = async (store: RelayStore): Promise<RelayStore> => {
      const again = await harness.reopen(store);
      open.push(again);
      return again;
    };
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
    });

    async function roomWith(store: RelayStore, epoch = 1, key = rand(32)): Promise<Uint8Array> {
      const roomId = rand(16);
      expect(await store.createRoom({ roomId, epoch, relayAuthPublicKey: key, createdAt: Date.now() })).toBe(true);
      return roomId;
    }

    async function appendOk(store: RelayStore, roomId: Uint8Array, candidates: AppendCandidate[]): Promise<number[]> {
      const result = await store.append(roomId, candidates);
      return result.outcomes.map((o) => {
        if (o.status === 'refused') throw new Error(`unexpected refusal ${o.code}: ${o.message}`);
        return o.seq;
      });
    }

    it('creates a room once: the first writer wins and keeps its key', async () => {
      const store = await fresh();
      const roomId = rand(16);
      const key = rand(32);
      expect(await store.getRoom(roomId)).toBeNull();
      expect(await store.createRoom({ roomId, epoch: 3, relayAuthPublicKey: key, createdAt: 1 })).toBe(true);
      expect(await store.createRoom({ roomId, epoch: 9, relayAuthPublicKey: rand(32), createdAt: 2 })).toBe(false);
      const room = await store.getRoom(roomId);
      expect(room).not.toBeNull();
      expect(Buffer.from(room!.relayAuthPublicKey)).toEqual(Buffer.from(key));
      expect(room!.epoch).toBe(3);
      expect(room!.head).toBe(0);
      expect(room!.snapshot).toBeNull();
      expect(await store.countRooms()).toBe(1);
    });

    it('assigns consecutive seqs across appends, starting at 1', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      const b = rand(32);
      expect(await appendOk(store, roomId, [update(a, 1), update(b, 1), update(a, 2)])).toEqual([1, 2, 3]);
      expect(await appendOk(store, roomId, [update(b, 2)])).toEqual([4]);
      expect((await store.getRoom(roomId))!.head).toBe(4);
    });

    it('keeps seqs per room: another room starts at 1', async () => {
      const store = await fresh();
      const one = await roomWith(store);
      const two = await roomWith(store);
      const a = rand(32);
      await appendOk(store, one, [update(a, 1), update(a, 2)]);
      expect(await appendOk(store, two, [update(a, 1)])).toEqual([1]);
    });

    it('refuses an append to an unknown room', async () => {
      const store = await fresh();
      const result = await store.append(rand(16), [update(rand(32), 1)]);
      expect(result.outcomes[0]).toMatchObject({ status: 'refused', code: 'room_not_found' });
    });

    it('answers a duplicate id with its original seq and stores nothing new', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      const first = update(a, 1);
      await appendOk(store, roomId, [first, update(a, 2)]);
      const again = await store.append(roomId, [first, first]);
      expect(again.outcomes).toEqual([
        { status: 'duplicate', id: first.id, seq: 1 },
        { status: 'duplicate', id: first.id, seq: 1 },
      ]);
      expect(again.head).toBe(2);
      const within = update(a, 3);
      const twice = await store.append(roomId, [within, within]);
      expect(twice.outcomes.map((o) => [o.status, 'seq' in o ? o.seq : 0])).toEqual([['stored', 3], ['duplicate', 3]]);
    });

    it('requires each author clock to be exactly last + 1, starting at 1', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      const gapAtStart = await store.append(roomId, [update(a, 2)]);
      expect(gapAtStart.outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_clock_gap' });
      await appendOk(store, roomId, [update(a, 1), update(a, 2)]);
      const replay = await store.append(roomId, [update(a, 2)]);
      expect(replay.outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_clock_replay' });
      const older = await store.append(roomId, [update(a, 1)]);
      expect(older.outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_clock_replay' });
      const gap = await store.append(roomId, [update(a, 4)]);
      expect(gap.outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_clock_gap' });
      expect(await appendOk(store, roomId, [update(a, 3)])).toEqual([3]);
      expect(await appendOk(store, roomId, [update(rand(32), 1)])).toEqual([4]);
    });

    it('stores the valid envelopes of a batch and refuses the others, in order', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      const result = await store.append(roomId, [update(a, 1), update(a, 3), update(a, 2), update(a, 2, 7)]);
      expect(result.outcomes.map((o) => (o.status === 'refused' ? o.code : o.seq))).toEqual([
        1,
        'envelope_clock_gap',
        2,
        'envelope_epoch',
      ]);
      expect(result.head).toBe(2);
    });

    it("refuses an envelope whose epoch is not the room's", async () => {
      const store = await fresh();
      const roomId = await roomWith(store, 2);
      const result = await store.append(roomId, [update(rand(32), 1, 1)]);
      expect(result.outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_epoch' });
      expect(await appendOk(store, roomId, [update(rand(32), 1, 2)])).toEqual([1]);
    });

    it('accepts snapshots by compare-and-swap on the parent and acks them with covers', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      await appendOk(store, roomId, [update(a, 1), update(a, 2), update(a, 3)]);
      const first = snapshot(NO_SNAPSHOT_ID, 2);
      expect(await appendOk(store, roomId, [first])).toEqual([2]);
      expect((await store.getRoom(roomId))!.head).toBe(3);
      const stale = await store.append(roomId, [snapshot(NO_SNAPSHOT_ID, 3)]);
      expect(stale.outcomes[0]).toMatchObject({ status: 'refused', code: 'snapshot_conflict' });
      const wrongParent = await store.append(roomId, [snapshot(rand(16), 3)]);
      expect(wrongParent.outcomes[0]).toMatchObject({ status: 'refused', code: 'snapshot_conflict' });
      const second = snapshot(first.snapshotId, 3);
      const result = await store.append(roomId, [second]);
      expect(result.outcomes[0]).toMatchObject({ status: 'stored', seq: 3 });
      expect(Buffer.from(result.snapshot!.snapshotId)).toEqual(Buffer.from(second.snapshotId));
      const room = await store.getRoom(roomId);
      expect(Buffer.from(room!.snapshot!.snapshotId)).toEqual(Buffer.from(second.snapshotId));
      expect(room!.snapshot!.covers).toBe(3);
      const current = await store.readSnapshot(roomId);
      expect(Buffer.from(current!.bytes)).toEqual(Buffer.from(second.bytes));
      expect(Buffer.from(current!.pointer.envelopeId)).toEqual(Buffer.from(second.id));
    });

    it('answers a re-pushed snapshot as a duplicate with its covers', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      await appendOk(store, roomId, [update(rand(32), 1)]);
      const first = snapshot(NO_SNAPSHOT_ID, 1);
      await appendOk(store, roomId, [first]);
      const again = await store.append(roomId, [first]);
      expect(again.outcomes[0]).toEqual({ status: 'duplicate', id: first.id, seq: 1 });
    });

    it('refuses an invalid snapshot: covers past the head, before its parent, a reused or zero id', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      await appendOk(store, roomId, [update(a, 1), update(a, 2)]);
      const past = await store.append(roomId, [snapshot(NO_SNAPSHOT_ID, 3)]);
      expect(past.outcomes[0]).toMatchObject({ status: 'refused', code: 'snapshot_invalid' });
      const zero = await store.append(roomId, [snapshot(NO_SNAPSHOT_ID, 1, new Uint8Array(16))]);
      expect(zero.outcomes[0]).toMatchObject({ status: 'refused', code: 'snapshot_invalid' });
      const first = snapshot(NO_SNAPSHOT_ID, 2);
      await appendOk(store, roomId, [first]);
      const backwards = await store.append(roomId, [snapshot(first.snapshotId, 1)]);
      expect(backwards.outcomes[0]).toMatchObject({ status: 'refused', code: 'snapshot_invalid' });
      const reused = await store.append(roomId, [snapshot(first.snapshotId, 2, first.snapshotId)]);
      expect(reused.outcomes[0]).toMatchObject({ status: 'refused', code: 'snapshot_invalid' });
      expect(await store.readSnapshot(roomId)).toMatchObject({ pointer: { covers: 2 } });
    });

    it('sees envelopes earlier in the same batch when checking a snapshot', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      expect(await appendOk(store, roomId, [update(a, 1), update(a, 2), snapshot(NO_SNAPSHOT_ID, 2), update(a, 3)])).toEqual([
        1, 2, 2, 3,
      ]);
    });

    it('reads after a seq in pages bounded by count, bytes and upTo', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      const batch = Array.from({ length: 10 }, (_, i) => update(a, i + 1, 1, 100));
      await appendOk(store, roomId, batch);
      const all = await store.readAfter(roomId, 0, { limit: 100, maxBytes: 1 << 20 });
      expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(Buffer.from(all[4]!.envelope)).toEqual(Buffer.from(batch[4]!.bytes));
      expect((await store.readAfter(roomId, 3, { limit: 4, maxBytes: 1 << 20 })).map((e) => e.seq)).toEqual([4, 5, 6, 7]);
      expect((await store.readAfter(roomId, 0, { limit: 100, maxBytes: 350 })).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect((await store.readAfter(roomId, 0, { limit: 100, maxBytes: 10 })).map((e) => e.seq)).toEqual([1]);
      expect((await store.readAfter(roomId, 2, { limit: 100, maxBytes: 1 << 20, upTo: 5 })).map((e) => e.seq)).toEqual([3, 4, 5]);
      expect(await store.readAfter(roomId, 10, { limit: 100, maxBytes: 1 << 20 })).toEqual([]);
      expect(await store.readAfter(roomId, 99, { limit: 100, maxBytes: 1 << 20 })).toEqual([]);
      expect(await store.readAfter(rand(16), 0, { limit: 100, maxBytes: 1 << 20 })).toEqual([]);
    });

    it('keeps rooms, log, clocks and snapshots across a reopen', async () => {
      const store = await fresh();
      const roomId = await roomWith(store);
      const a = rand(32);
      const first = update(a, 1);
      await appendOk(store, roomId, [first, update(a, 2)]);
      const snap = snapshot(NO_SNAPSHOT_ID, 2);
      await appendOk(store, roomId, [snap]);
      const again = await reopen(store);
      const room = await again.getRoom(roomId);
      expect(room!.head).toBe(2);
      expect(room!.snapshot!.covers).toBe(2);
      expect((await again.append(roomId, [update(a, 2)])).outcomes[0]).toMatchObject({ code: 'envelope_clock_replay' });
      expect((await again.append(roomId, [first])).outcomes[0]).toMatchObject({ status: 'duplicate', seq: 1 });
      expect(await appendOk(again, roomId, [update(a, 3)])).toEqual([3]);
      expect((await again.readAfter(roomId, 0, { limit: 10, maxBytes: 1 << 20 })).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect(Buffer.from((await again.readSnapshot(roomId))!.bytes)).toEqual(Buffer.from(snap.bytes));
      expect(await again.countRooms()).toBe(1);
    });

    describe('recovery escrow', () => {
      const deposit = (store: RelayStore, roomId: Uint8Array, mailbox: Uint8Array, blob: Uint8Array, epoch = 1, storedAt = 1_700_000_000_000, bounds = BOUNDS) =>
        store.depositEscrow({ roomId, mailbox, blob, storedAt }, epoch, bounds);

      it('stores a blob per (room, mailbox) byte for byte and lists it with the epoch and time of the deposit', async () => {
        const store = await fresh();
        const roomId = await roomWith(store, 3);
        const mailbox = rand(32);
        const blob = rand(700);
        expect(await deposit(store, roomId, mailbox, blob, 3, 1234)).toEqual({ status: 'stored', epoch: 3, replaced: false });
        const listed = await store.listEscrow(mailbox, FROM_START, ALL);
        expect(listed.map(escrowHex)).toEqual([{ room: hexOf(roomId), epoch: 3, blob: hexOf(blob), storedAt: 1234 }]);
        expect(await store.listEscrow(rand(32), FROM_START, ALL)).toEqual([]);
      });

      it('replaces the blob of a pair on a later deposit and keeps other mailboxes apart', async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const [ente, other] = [rand(32), rand(32)];
        await deposit(store, roomId, ente, rand(300), 1, 1);
        await deposit(store, roomId, other, rand(300), 1, 2);
        const newer = rand(400);
        expect(await deposit(store, roomId, ente, newer, 1, 3)).toEqual({ status: 'stored', epoch: 1, replaced: true });
        expect((await store.listEscrow(ente, FROM_START, ALL)).map(escrowHex)).toEqual([{ room: hexOf(roomId), epoch: 1, blob: hexOf(newer), storedAt: 3 }]);
        expect((await store.listEscrow(other, FROM_START, ALL)).map((r) => r.storedAt)).toEqual([2]);
      });

      it('refuses a deposit whose socket proved an older epoch (key_rotated) and changes nothing', async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const mailbox = rand(32);
        const before = rand(300);
        await deposit(store, roomId, mailbox, before, 1);
        expect(await store.rotate(roomId, rotation(1))).toMatchObject({ status: 'rotated' });
        expect(await deposit(store, roomId, mailbox, rand(300), 1)).toEqual({ status: 'key_rotated', epoch: 2 });
        expect((await store.listEscrow(mailbox, FROM_START, ALL)).map((r) => [r.epoch, hexOf(r.blob)])).toEqual([[1, hexOf(before)]]);
        const after = rand(300);
        expect(await deposit(store, roomId, mailbox, after, 2)).toEqual({ status: 'stored', epoch: 2, replaced: true });
        expect((await store.listEscrow(mailbox, FROM_START, ALL)).map((r) => [r.epoch, hexOf(r.blob)])).toEqual([[2, hexOf(after)]]);
      });

      it('refuses a deposit for an unknown room', async () => {
        const store = await fresh();
        const mailbox = rand(32);
        expect(await deposit(store, rand(16), mailbox, rand(100))).toEqual({ status: 'room_not_found' });
        expect(await store.listEscrow(mailbox, FROM_START, ALL)).toEqual([]);
      });

      it('lists a mailbox in room byte order from a room on (inclusive), in pages bounded by count and bytes', async () => {
        const store = await fresh();
        const mailbox = rand(32);
        const rooms: Uint8Array[] = [];
        for (let i = 0; i < 7; i++) {
          const roomId = await roomWith(store);
          rooms.push(roomId);
          await deposit(store, roomId, mailbox, new Uint8Array(1000).fill(i));
        }
        const sorted = rooms.map(hexOf).sort();
        const pages: string[][] = [];
        for (let from: Uint8Array = FROM_START; ; ) {
          const page = await store.listEscrow(mailbox, from, { limit: 3, maxBytes: 1 << 20 });
          if (page.length === 0) break;
          pages.push(page.map((r) => hexOf(r.roomId)));
          const last = page[page.length - 1]!.roomId;
          from = Buffer.from((BigInt(`0x${hexOf(last)}`) + 1n).toString(16).padStart(32, '0'), 'hex');
        }
        expect(pages).toEqual([sorted.slice(0, 3), sorted.slice(3, 6), sorted.slice(6)]);
        const third = Buffer.from(sorted[2]!, 'hex');
        expect((await store.listEscrow(mailbox, third, ALL)).map((r) => hexOf(r.roomId))).toEqual(sorted.slice(2));
        expect((await store.listEscrow(mailbox, FROM_START, { limit: 10, maxBytes: 2500 })).length).toBe(2);
        expect((await store.listEscrow(mailbox, FROM_START, { limit: 10, maxBytes: 10 })).length).toBe(1);
      });

      it('bounds rooms per mailbox and mailboxes per room, but always lets a pair be replaced', async () => {
        const store = await fresh();
        const bounds = { maxRoomsPerMailbox: 2, maxMailboxesPerRoom: 2 };
        const mailbox = rand(32);
        const [a, b, c] = [await roomWith(store), await roomWith(store), await roomWith(store)];
        expect(await deposit(store, a, mailbox, rand(10), 1, 1, bounds)).toMatchObject({ status: 'stored' });
        expect(await deposit(store, b, mailbox, rand(10), 1, 1, bounds)).toMatchObject({ status: 'stored' });
        expect(await deposit(store, c, mailbox, rand(10), 1, 1, bounds)).toEqual({ status: 'mailbox_full' });
        expect(await deposit(store, a, mailbox, rand(10), 1, 1, bounds)).toMatchObject({ status: 'stored', replaced: true });
        expect(await deposit(store, a, rand(32), rand(10), 1, 1, bounds)).toMatchObject({ status: 'stored' });
        expect(await deposit(store, a, rand(32), rand(10), 1, 1, bounds)).toEqual({ status: 'room_full' });
        expect((await store.listEscrow(mailbox, FROM_START, ALL)).map((r) => hexOf(r.roomId)).sort()).toEqual([a, b].map(hexOf).sort());
      });

      it('keeps every escrow across a reopen', async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const mailbox = rand(32);
        const blob = rand(65_536);
        await deposit(store, roomId, mailbox, blob, 1, 99);
        const again = await reopen(store);
        expect((await again.listEscrow(mailbox, FROM_START, ALL)).map(escrowHex)).toEqual([{ room: hexOf(roomId), epoch: 1, blob: hexOf(blob), storedAt: 99 }]);
        expect(await deposit(again, roomId, mailbox, rand(10))).toMatchObject({ status: 'stored', replaced: true });
      });
    });

    describe('key rotation', () => {
      it('rotates by compare-and-swap on the epoch: stores the record, the new key and the new epoch', async () => {
        const store = await fresh();
        const firstKey = rand(32);
        const roomId = await roomWith(store, 1, firstKey);
        await appendOk(store, roomId, [update(rand(32), 1), update(rand(32), 1)]);
        const r = rotation(1);
        expect(await store.rotate(roomId, r)).toEqual({ status: 'rotated', epoch: 2, head: 2 });
        const room = await store.getRoom(roomId);
        expect(room!.epoch).toBe(2);
        expect(hexOf(room!.relayAuthPublicKey)).toBe(hexOf(r.relayAuthPublicKey));
        expect(room!.head).toBe(2);
        const records = await store.readRotations(roomId, 1, 10);
        expect(records.map(recordHex)).toEqual([recordHex({ ...r, head: 2 })]);
        const keys = await store.relayAuthKeys(roomId, 10);
        expect(keys.map((k) => [k.epoch, hexOf(k.relayAuthPublicKey)])).toEqual([
          [2, hexOf(r.relayAuthPublicKey)],
          [1, hexOf(firstKey)],
        ]);
        expect((await store.relayAuthKeys(roomId, 1)).map((k) => k.epoch)).toEqual([2]);
      });

      it('lets exactly one of two concurrent rotations from the same epoch win; the other learns the epoch', async () => {
        const store = await fresh();
        const roomId = await roomWith(store, 4);
        const a = rotation(4);
        const b = rotation(4);
        const results = await Promise.all([store.rotate(roomId, a), store.rotate(roomId, b)]);
        expect(results.filter((r) => r.status === 'rotated')).toHaveLength(1);
        expect(results.filter((r) => r.status === 'conflict')).toEqual([{ status: 'conflict', epoch: 5 }]);
        const winner = results[0]!.status === 'rotated' ? a : b;
        expect(hexOf((await store.getRoom(roomId))!.relayAuthPublicKey)).toBe(hexOf(winner.relayAuthPublicKey));
        const records = await store.readRotations(roomId, 0, 10);
        expect(records.map((x) => hexOf(x.keyBoxes))).toEqual([hexOf(winner.keyBoxes)]);
      });

      it('refuses a rotation from an epoch that is not current (conflict), a step other than +1 and an unknown room', async () => {
        const store = await fresh();
        const roomId = await roomWith(store, 2);
        expect(await store.rotate(roomId, rotation(1))).toEqual({ status: 'conflict', epoch: 2 });
        expect(await store.rotate(roomId, rotation(3))).toEqual({ status: 'conflict', epoch: 2 });
        expect(await store.rotate(roomId, rotation(2, 4))).toMatchObject({ status: 'invalid' });
        expect(await store.rotate(roomId, rotation(2, 2))).toMatchObject({ status: 'invalid' });
        expect(await store.rotate(rand(16), rotation(1))).toEqual({ status: 'room_not_found' });
        const room = await store.getRoom(roomId);
        expect(room!.epoch).toBe(2);
        expect(await store.readRotations(roomId, 0, 10)).toEqual([]);
      });

      it('refuses a new key the room has had at any epoch, so no old key comes back', async () => {
        const store = await fresh();
        const firstKey = rand(32);
        const roomId = await roomWith(store, 1, firstKey);
        const second = rotation(1);
        expect(await store.rotate(roomId, second)).toMatchObject({ status: 'rotated' });
        expect(await store.rotate(roomId, rotation(2, 3, firstKey))).toMatchObject({ status: 'invalid' });
        expect(await store.rotate(roomId, rotation(2, 3, second.relayAuthPublicKey))).toMatchObject({ status: 'invalid' });
        expect((await store.getRoom(roomId))!.epoch).toBe(2);
      });

      it("refuses envelopes of the old epoch afterwards and keeps the old epoch's envelopes in the log", async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const a = rand(32);
        const old = update(a, 1, 1);
        await appendOk(store, roomId, [old, update(a, 2, 1)]);
        await store.rotate(roomId, rotation(1));
        const late = await store.append(roomId, [update(a, 3, 1)]);
        expect(late.outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_epoch' });
        expect(late.epoch).toBe(2);
        expect(await appendOk(store, roomId, [update(a, 1, 2)])).toEqual([3]);
        expect((await store.append(roomId, [old])).outcomes[0]).toEqual({ status: 'duplicate', id: old.id, seq: 1 });
        expect((await store.readAfter(roomId, 0, { limit: 10, maxBytes: 1 << 20 })).map((e) => e.seq)).toEqual([1, 2, 3]);
      });

      it('refuses every envelope of a push whose socket proved an old epoch key (key_rotated) and stores none', async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const a = rand(32);
        await store.rotate(roomId, rotation(1));
        const forged = [update(a, 1, 2), update(a, 2, 2)];
        const result = await store.append(roomId, forged, 1);
        expect(result.outcomes.map((o) => o.status === 'refused' && o.code)).toEqual(['key_rotated', 'key_rotated']);
        expect(result).toMatchObject({ head: 0, epoch: 2 });
        expect(await appendOk(store, roomId, [update(a, 1, 2)])).toEqual([1]);
        expect((await store.append(roomId, [update(a, 2, 2)], 2)).outcomes[0]).toMatchObject({ status: 'stored', seq: 2 });
      });

      it("accepts a snapshot of the new epoch whose parent is the old epoch's snapshot (the chain goes on)", async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const a = rand(32);
        await appendOk(store, roomId, [update(a, 1), update(a, 2)]);
        const before = snapshot(NO_SNAPSHOT_ID, 2, rand(16), 1);
        await appendOk(store, roomId, [before]);
        await appendOk(store, roomId, [update(a, 3)]);
        await store.rotate(roomId, rotation(1));
        const stale = snapshot(before.snapshotId, 3, rand(16), 1);
        expect((await store.append(roomId, [stale])).outcomes[0]).toMatchObject({ status: 'refused', code: 'envelope_epoch' });
        const after = snapshot(before.snapshotId, 3, rand(16), 2);
        expect(await appendOk(store, roomId, [after])).toEqual([3]);
        expect(hexOf((await store.getRoom(roomId))!.snapshot!.snapshotId)).toBe(hexOf(after.snapshotId));
      });

      it('serves rotation records in epoch order from a given epoch, bounded by limit', async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const made: NewRotation[] = [];
        for (let epoch = 1; epoch <= 3; epoch++) {
          await appendOk(store, roomId, [update(rand(32), 1, epoch)]);
          const r = rotation(epoch);
          made.push(r);
          expect(await store.rotate(roomId, r)).toEqual({ status: 'rotated', epoch: epoch + 1, head: epoch });
        }
        const all = await store.readRotations(roomId, 0, 10);
        expect(all.map((r) => [r.fromEpoch, r.toEpoch, r.head])).toEqual([[1, 2, 1], [2, 3, 2], [3, 4, 3]]);
        expect(all.map((r) => hexOf(r.keyBoxes))).toEqual(made.map((r) => hexOf(r.keyBoxes)));
        expect((await store.readRotations(roomId, 2, 10)).map((r) => r.fromEpoch)).toEqual([2, 3]);
        expect((await store.readRotations(roomId, 2, 1)).map((r) => r.fromEpoch)).toEqual([2]);
        expect(await store.readRotations(roomId, 4, 10)).toEqual([]);
        expect((await store.relayAuthKeys(roomId, 10)).map((k) => k.epoch)).toEqual([4, 3, 2, 1]);
        expect(await store.readRotations(rand(16), 0, 10)).toEqual([]);
        expect(await store.relayAuthKeys(rand(16), 10)).toEqual([]);
      });

      it('reads the whole log of every epoch, also before the current snapshot, in bounded pages (history)', async () => {
        const store = await fresh();
        const roomId = await roomWith(store);
        const a = rand(32);
        await appendOk(store, roomId, Array.from({ length: 5 }, (_, i) => update(a, i + 1, 1, 100)));
        await appendOk(store, roomId, [snapshot(NO_SNAPSHOT_ID, 5)]);
        await store.rotate(roomId, rotation(1));
        await appendOk(store, roomId, Array.from({ length: 3 }, (_, i) => update(a, i + 1, 2, 100)));
        const pages: number[][] = [];
        for (let after = 0; ; ) {
          const page = await store.readAfter(roomId, after, { limit: 3, maxBytes: 1 << 20 });
          if (page.length === 0) break;
          pages.push(page.map((e) => e.seq));
          after = page[page.length - 1]!.seq;
        }
        expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7, 8]]);
      });

      it('keeps the rotation, every key and the new epoch across a reopen', async () => {
        const store = await fresh();
        const firstKey = rand(32);
        const roomId = await roomWith(store, 1, firstKey);
        await appendOk(store, roomId, [update(rand(32), 1)]);
        const r = rotation(1);
        await store.rotate(roomId, r);
        const again = await reopen(store);
        const room = await again.getRoom(roomId);
        expect(room!.epoch).toBe(2);
        expect(hexOf(room!.relayAuthPublicKey)).toBe(hexOf(r.relayAuthPublicKey));
        expect((await again.readRotations(roomId, 0, 10)).map(recordHex)).toEqual([recordHex({ ...r, head: 1 })]);
        expect((await again.relayAuthKeys(roomId, 10)).map((k) => hexOf(k.relayAuthPublicKey))).toEqual([
          hexOf(r.relayAuthPublicKey),
          hexOf(firstKey),
        ]);
        expect(await again.rotate(roomId, rotation(1))).toEqual({ status: 'conflict', epoch: 2 });
        expect((await again.append(roomId, [update(rand(32), 1, 1)])).outcomes[0]).toMatchObject({ code: 'envelope_epoch' });
        expect(await again.rotate(roomId, rotation(2, 3, firstKey))).toMatchObject({ status: 'invalid' });
      });
    });
  });
}

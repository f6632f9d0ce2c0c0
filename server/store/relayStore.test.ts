/**
 * Runs the RelayStore contract against every implementation: in-memory and SQLite (a real file
 * in a temp folder, reopened to prove persistence).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRelayStoreContract } from './relayStore.contract';
import type { RelayStore } from './RelayStore';
import { MemoryRelayBackend, MemoryRelayStore } from './memoryRelayStore';
import { openSqliteRelayStore } from './sqliteRelayStore';
import { MIGRATIONS } from './sqliteSchema';
import Database from 'better-sqlite3';

const memoryBackends = new WeakMap<RelayStore, MemoryRelayBackend>();
describeRelayStoreContract('memory', {
  async open() {
    const backend = new MemoryRelayBackend();
    const store = new MemoryRelayStore(backend);
    memoryBackends.set(store, backend);
    return store;
  },
  async reopen(store) {
    await store.close();
    const backend = memoryBackends.get(store)!;
    const again = new MemoryRelayStore(backend);
    memoryBackends.set(again, backend);
    return again;
  },
});

const dir = mkdtempSync(join(tmpdir(), 'cartella-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sqliteFiles = new WeakMap<RelayStore, string>();
let fileCounter = 0;
describeRelayStoreContract('sqlite', {
  async open() {
    const file = join(dir, `relay-${++fileCounter}.sqlite`);
    const store = openSqliteRelayStore(file);
    sqliteFiles.set(store, file);
    return store;
  },
  async reopen(store) {
    await store.close();
    const file = sqliteFiles.get(store)!;
    const again = openSqliteRelayStore(file);
    sqliteFiles.set(again, file);
    return again;
  },
});

describe('SqliteRelayStore file', () => {
  it('opens in WAL mode with synchronous FULL and records the schema version', async () => {
    const file = join(dir, 'pragmas.sqlite');
    const store = openSqliteRelayStore(file);
    expect(store.durability()).toEqual({ journalMode: 'wal', synchronous: 'full' });
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('keeps every snapshot row but only the bytes of the current snapshot', async () => {
    const file = join(dir, 'prune.sqlite');
    const store = openSqliteRelayStore(file);
    const roomId = new Uint8Array(16).fill(9);
    expect(await store.createRoom({ roomId, epoch: 1, relayAuthPublicKey: new Uint8Array(32).fill(1), createdAt: 1 })).toBe(true);
    const author = new Uint8Array(32).fill(2);
    const update = (clock: number) => ({ kind: 'update' as const, id: new Uint8Array(16).fill(100 + clock), epoch: 1, author, clock, bytes: new Uint8Array(250).fill(clock) });
    let parent = new Uint8Array(16);
    for (let i = 1; i <= 3; i++) {
      await store.append(roomId, [update(i)]);
      const snapshotId = new Uint8Array(16).fill(10 + i);
      const r = await store.append(roomId, [{ kind: 'snapshot', id: new Uint8Array(16).fill(20 + i), epoch: 1, author, snapshotId, parentId: parent, covers: i, bytes: new Uint8Array(5000).fill(i) }]);
      expect(r.outcomes[0]).toMatchObject({ status: 'stored' });
      parent = snapshotId;
    }
    expect((await store.readSnapshot(roomId))?.bytes.byteLength).toBe(5000);
    await store.close();
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT covers, length(bytes) AS n FROM snapshots ORDER BY covers').all();
    db.close();
    expect(rows).toEqual([{ covers: 1, n: 0 }, { covers: 2, n: 0 }, { covers: 3, n: 5000 }]);
  });

  it('upgrades a file of schema 1: its rooms keep their key as the key of their epoch', async () => {
    const file = join(dir, 'schema1.sqlite');
    const db = new Database(file);
    db.exec(MIGRATIONS[0] as string);
    db.pragma('user_version = 1');
    const roomId = new Uint8Array(16).fill(3);
    const key = new Uint8Array(32).fill(4);
    db.prepare('INSERT INTO rooms (room, epoch, relay_auth_key, head, created_at) VALUES (?, 7, ?, 0, 1)').run(Buffer.from(roomId), Buffer.from(key));
    db.close();
    const store = openSqliteRelayStore(file);
    expect(await store.relayAuthKeys(roomId, 10)).toEqual([{ epoch: 7, relayAuthPublicKey: Buffer.from(key) }]);
    const rotation = { fromEpoch: 7, toEpoch: 8, relayAuthPublicKey: key, keyBoxes: new Uint8Array(1), nonce: new Uint8Array(32), signature: new Uint8Array(64), rotatedAt: 1 };
    expect(await store.rotate(roomId, rotation)).toMatchObject({ status: 'invalid' });
    await store.close();
  });

  it('upgrades a file of schema 2: its rooms and rotations stay, and escrows can be deposited', async () => {
    const file = join(dir, 'schema2.sqlite');
    const db = new Database(file);
    db.exec(MIGRATIONS[0] as string);
    db.exec(MIGRATIONS[1] as string);
    db.pragma('user_version = 2');
    const roomId = new Uint8Array(16).fill(5);
    db.prepare('INSERT INTO rooms (room, epoch, relay_auth_key, head, created_at) VALUES (?, 2, ?, 0, 1)').run(Buffer.from(roomId), Buffer.from(new Uint8Array(32).fill(6)));
    db.close();
    const store = openSqliteRelayStore(file);
    const mailbox = new Uint8Array(32).fill(7);
    const bounds = { maxRoomsPerMailbox: 10, maxMailboxesPerRoom: 1 };
    expect(await store.depositEscrow({ roomId, mailbox, blob: new Uint8Array(40).fill(8), storedAt: 5 }, 2, bounds)).toEqual({ status: 'stored', epoch: 2, replaced: false });
    expect((await store.getRoom(roomId))?.epoch).toBe(2);
    await store.close();
    const check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(3);
    expect(check.prepare('SELECT epoch, length(blob) AS n, stored_at FROM escrows').all()).toEqual([{ epoch: 2, n: 40, stored_at: 5 }]);
    check.close();
  });

  it('refuses a file written by a newer schema', () => {
    const file = join(dir, 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteRelayStore(file)).toThrow(/newer than this relay/);
  });
});

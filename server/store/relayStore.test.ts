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

  it('refuses a file written by a newer schema', () => {
    const file = join(dir, 'newer.sqlite');
    const db = new Database(file);
    db.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteRelayStore(file)).toThrow(/newer than this relay/);
  });
});

/**
 * Runs the BlobStore contract against every implementation: in-memory, and SQLite with chunk
 * files (a real folder, reopened to prove persistence); then what only the file store has: the
 * chunk files themselves, and the orphans a crash can leave.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initSodium } from '../../crypto/sodium';
import { describeBlobStoreContract, testBlob } from './blobStore.contract';
import type { BlobStore } from './BlobStore';
import { MemoryBlobStore } from './memoryBlobStore';
import { BLOB_MIGRATIONS, openSqliteBlobStore } from './sqliteBlobStore';

const memories = new WeakMap<BlobStore, MemoryBlobStore>();
describeBlobStoreContract('memory', {
  async open() {
    const store = new MemoryBlobStore();
    memories.set(store, store);
    return store;
  },
  async reopen(store) {
    // One process's memory is its storage: the "restart" keeps the same object.
    return memories.get(store) ?? store;
  },
});

const root = mkdtempSync(join(tmpdir(), 'cartella-blobs-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const places = new WeakMap<BlobStore, string>();
let counter = 0;
describeBlobStoreContract('sqlite + chunk files', {
  async open() {
    const dir = join(root, `relay-${++counter}`);
    const store = openSqliteBlobStore(join(dir, 'blobs.sqlite'), join(dir, 'blobs'));
    places.set(store, dir);
    return store;
  },
  async reopen(store) {
    await store.close();
    const dir = places.get(store)!;
    const again = openSqliteBlobStore(join(dir, 'blobs.sqlite'), join(dir, 'blobs'));
    places.set(again, dir);
    return again;
  },
});

describe('SqliteBlobStore files', () => {
  beforeAll(initSodium);
  const T0 = 1_750_000_000_000;
  const bounds = { maxBlobBytes: 1e9, quotaBytes: 1e9 };

  it('writes each chunk to <room hex>/<blob hex>/<index> and keeps only metadata in SQLite', async () => {
    const dir = join(root, 'layout');
    const store = openSqliteBlobStore(join(dir, 'blobs.sqlite'), join(dir, 'blobs'));
    const room = new Uint8Array(16).fill(0xab);
    const { chunks, manifest } = testBlob([4000, 10]);
    await store.begin(room, manifest, bounds, T0);
    await store.putChunk(room, manifest.id, 0, chunks[0]!, T0);
    await store.putChunk(room, manifest.id, 1, chunks[1]!, T0);
    await store.close();
    const blobDir = join(dir, 'blobs', 'ab'.repeat(16), Buffer.from(manifest.id).toString('hex'));
    expect(readdirSync(blobDir).sort()).toEqual(['0', '1']);
    expect(readFileSync(join(blobDir, '0')).equals(Buffer.from(chunks[0]!))).toBe(true);
    const db = new Database(join(dir, 'blobs.sqlite'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(BLOB_MIGRATIONS.length);
    const row = db.prepare('SELECT stored, bytes, length(manifest) AS m FROM blobs').get();
    db.close();
    expect(row).toEqual({ stored: 2, bytes: 4010, m: 4 + 2 * 36 });
  });

  it('removes the chunk folder of a collected blob, and folders no row names (orphans of a crash)', async () => {
    const dir = join(root, 'orphans');
    const store = openSqliteBlobStore(join(dir, 'blobs.sqlite'), join(dir, 'blobs'));
    const room = new Uint8Array(16).fill(1);
    const { chunks, manifest } = testBlob([100]);
    await store.begin(room, manifest, bounds, T0);
    await store.putChunk(room, manifest.id, 0, chunks[0]!, T0);
    const orphan = join(dir, 'blobs', '02'.repeat(16), '03'.repeat(32));
    mkdirSync(orphan, { recursive: true });
    writeFileSync(join(orphan, '0'), 'x');
    await store.declareLive(room, { covers: 0, ids: [] }, T0);
    expect(await store.collect(T0 + 10, 5)).toEqual({ blobs: 1, bytes: 100 });
    expect(existsSync(join(dir, 'blobs', '01'.repeat(16), Buffer.from(manifest.id).toString('hex')))).toBe(false);
    expect(existsSync(orphan)).toBe(false);
    await store.close();
  });

  it('refuses a blob database written by a newer relay', () => {
    const dir = join(root, 'newer');
    mkdirSync(dir, { recursive: true });
    const db = new Database(join(dir, 'blobs.sqlite'));
    db.pragma(`user_version = ${BLOB_MIGRATIONS.length + 1}`);
    db.close();
    expect(() => openSqliteBlobStore(join(dir, 'blobs.sqlite'), join(dir, 'blobs'))).toThrow(/newer than this relay/);
  });
});

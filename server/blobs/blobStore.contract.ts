/**
 * @module server/blobs/blobStore.contract
 * The one contract every `BlobStore` passes (SQLite + chunk files, in-memory). Blobs are random
 * chunks with their real manifest: the store checks chunk hashes against it.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manifestOfChunks } from '../../crdt/wire';
import type { BlobManifest } from '../../crdt/wire';
import { initSodium } from '../../crypto/sodium';
import type { BeginBounds, BlobStore } from './BlobStore';

/** How the suite gets stores: `open` a fresh one; `reopen` a new handle on the same data. */
export interface BlobStoreHarness {
  open(): Promise<BlobStore>;
  /** Closes `store` and opens the same data again (a relay restart). */
  reopen(store: BlobStore): Promise<BlobStore>;
}

const rand = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const BOUNDS: BeginBounds = { maxBlobBytes: 10_000_000, quotaBytes: 100_000_000 };
const DAY = 24 * 3_600_000;
const T0 = 1_750_000_000_000;

/** A blob of `sizes.length` random chunks. */
export function testBlob(sizes: readonly number[] = [1000, 1000, 300]): { chunks: Uint8Array[]; manifest: BlobManifest } {
  const chunks = sizes.map(rand);
  return { chunks, manifest: manifestOfChunks(chunks) };
}

/** Registers the contract tests for one implementation. */
export function describeBlobStoreContract(name: string, harness: BlobStoreHarness): void {
  describe(`BlobStore contract: ${name}`, () => {
    beforeAll(initSodium);
    const opened: BlobStore[] = [];
    const fresh = async (): Promise<BlobStore> => {
      const store = await harness.open();
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    async function upload(store: BlobStore, room: Uint8Array, blob = testBlob(), now = T0): Promise<typeof blob> {
      expect((await store.begin(room, blob.manifest, BOUNDS, now)).status).toBe('created');
      for (let i = 0; i < blob.chunks.length; i++) {
        expect((await store.putChunk(room, blob.manifest.id, i, blob.chunks[i]!, now)).status).toBe('stored');
      }
      return blob;
    }

    it('reports a blob it never saw as absent', async () => {
      const store = await fresh();
      expect(await store.status(rand(16), rand(32))).toEqual({ state: 'absent', chunks: 0, stored: 0, bytes: 0 });
    });

    it('begins a blob once: a second begin names the existing upload and where it stands', async () => {
      const store = await fresh();
      const room = rand(16);
      const blob = testBlob();
      expect(await store.begin(room, blob.manifest, BOUNDS, T0)).toEqual({ status: 'created', blob: { state: 'partial', chunks: 3, stored: 0, bytes: 2300 } });
      await store.putChunk(room, blob.manifest.id, 0, blob.chunks[0]!, T0);
      expect(await store.begin(room, blob.manifest, BOUNDS, T0)).toEqual({ status: 'exists', blob: { state: 'partial', chunks: 3, stored: 1, bytes: 2300 } });
    });

    it('keeps rooms apart: the same id in another room is another blob', async () => {
      const store = await fresh();
      const blob = await upload(store, rand(16));
      expect((await store.status(rand(16), blob.manifest.id)).state).toBe('absent');
    });

    it('stores chunks in order only, and completes with the last', async () => {
      const store = await fresh();
      const room = rand(16);
      const { chunks, manifest } = testBlob();
      await store.begin(room, manifest, BOUNDS, T0);
      expect(await store.putChunk(room, manifest.id, 1, chunks[1]!, T0)).toEqual({ status: 'order', stored: 0 });
      expect((await store.putChunk(room, manifest.id, 0, chunks[0]!, T0)).status).toBe('stored');
      expect(await store.putChunk(room, manifest.id, 2, chunks[2]!, T0)).toEqual({ status: 'order', stored: 1 });
      expect((await store.putChunk(room, manifest.id, 1, chunks[1]!, T0)).status).toBe('stored');
      expect(await store.putChunk(room, manifest.id, 2, chunks[2]!, T0)).toEqual({ status: 'stored', blob: { state: 'complete', chunks: 3, stored: 3, bytes: 2300 } });
    });

    it('accepts a stored chunk sent again with the same bytes (a resumed upload after a lost answer), changing nothing', async () => {
      const store = await fresh();
      const room = rand(16);
      const { chunks, manifest } = testBlob();
      await store.begin(room, manifest, BOUNDS, T0);
      await store.putChunk(room, manifest.id, 0, chunks[0]!, T0);
      expect(await store.putChunk(room, manifest.id, 0, chunks[0]!, T0)).toEqual({ status: 'stored', blob: { state: 'partial', chunks: 3, stored: 1, bytes: 2300 } });
    });

    it('refuses a chunk whose bytes are not the manifest\'s, and an index past the last chunk', async () => {
      const store = await fresh();
      const room = rand(16);
      const { chunks, manifest } = testBlob();
      await store.begin(room, manifest, BOUNDS, T0);
      const forged = chunks[0]!.slice();
      forged[10] = (forged[10] as number) ^ 1;
      expect(await store.putChunk(room, manifest.id, 0, forged, T0)).toEqual({ status: 'mismatch' });
      expect(await store.putChunk(room, manifest.id, 0, chunks[0]!.subarray(1), T0)).toEqual({ status: 'mismatch' });
      expect(await store.putChunk(room, manifest.id, 3, chunks[0]!, T0)).toEqual({ status: 'mismatch' });
      expect((await store.status(room, manifest.id)).stored).toBe(0);
    });

    it('refuses a chunk of a blob never begun', async () => {
      const store = await fresh();
      const { chunks, manifest } = testBlob();
      expect(await store.putChunk(rand(16), manifest.id, 0, chunks[0]!, T0)).toEqual({ status: 'unknown' });
    });

    it('serialises concurrent uploads of the same chunk: both succeed, it is stored once', async () => {
      const store = await fresh();
      const room = rand(16);
      const { chunks, manifest } = testBlob();
      await store.begin(room, manifest, BOUNDS, T0);
      const [a, b] = await Promise.all([
        store.putChunk(room, manifest.id, 0, chunks[0]!, T0),
        store.putChunk(room, manifest.id, 0, chunks[0]!, T0),
      ]);
      expect([a.status, b.status]).toEqual(['stored', 'stored']);
      expect((await store.status(room, manifest.id)).stored).toBe(1);
    });

    it('serves the chunks of a complete blob only', async () => {
      const store = await fresh();
      const room = rand(16);
      const { chunks, manifest } = testBlob();
      await store.begin(room, manifest, BOUNDS, T0);
      await store.putChunk(room, manifest.id, 0, chunks[0]!, T0);
      expect(await store.readChunk(room, manifest.id, 0)).toEqual({ status: 'incomplete' });
      await store.putChunk(room, manifest.id, 1, chunks[1]!, T0);
      await store.putChunk(room, manifest.id, 2, chunks[2]!, T0);
      for (let i = 0; i < 3; i++) {
        const read = await store.readChunk(room, manifest.id, i);
        expect(read.status === 'ok' && Buffer.from(read.bytes).equals(Buffer.from(chunks[i]!))).toBe(true);
      }
      expect(await store.readChunk(room, manifest.id, 3)).toEqual({ status: 'absent' });
      expect(await store.readChunk(room, rand(32), 0)).toEqual({ status: 'absent' });
    });

    it('refuses a blob above the size bound, and one that would take the room above its quota (partial uploads count)', async () => {
      const store = await fresh();
      const room = rand(16);
      const big = testBlob([5000, 5000]);
      expect(await store.begin(room, big.manifest, { maxBlobBytes: 9999, quotaBytes: 1e9 }, T0)).toEqual({ status: 'too_large' });
      const bounds = { maxBlobBytes: 1e9, quotaBytes: 12_000 };
      expect((await store.begin(room, big.manifest, bounds, T0)).status).toBe('created');
      expect(await store.usage(room)).toBe(10_000);
      const more = testBlob([3000]);
      expect(await store.begin(room, more.manifest, bounds, T0)).toEqual({ status: 'quota', usedBytes: 10_000 });
      expect((await store.begin(rand(16), more.manifest, bounds, T0)).status).toBe('created');
      const fits = testBlob([2000]);
      expect((await store.begin(room, fits.manifest, bounds, T0)).status).toBe('created');
    });

    it('keeps the live set with the highest covers: a lower one is stale, an equal or higher one replaces it', async () => {
      const store = await fresh();
      const room = rand(16);
      const a = await upload(store, room);
      expect(await store.declareLive(room, { covers: 10, ids: [a.manifest.id] }, T0)).toEqual({ status: 'accepted', covers: 10, missing: [] });
      expect(await store.declareLive(room, { covers: 9, ids: [] }, T0)).toEqual({ status: 'stale', covers: 10 });
      expect((await store.declareLive(room, { covers: 10, ids: [] }, T0)).status).toBe('accepted');
      expect((await store.declareLive(room, { covers: 11, ids: [a.manifest.id] }, T0)).status).toBe('accepted');
    });

    it('names the declared ids it has no complete blob for, so a device holding them uploads them again', async () => {
      const store = await fresh();
      const room = rand(16);
      const done = await upload(store, room);
      const partial = testBlob();
      await store.begin(room, partial.manifest, BOUNDS, T0);
      const never = rand(32);
      const result = await store.declareLive(room, { covers: 1, ids: [done.manifest.id, partial.manifest.id, never] }, T0);
      expect(result.status === 'accepted' && result.missing.map((id) => Buffer.from(id).toString('hex')).sort()).toEqual(
        [partial.manifest.id, never].map((id) => Buffer.from(id).toString('hex')).sort(),
      );
    });

    it('collects a blob unreferenced for the grace period and keeps a referenced one', async () => {
      const store = await fresh();
      const room = rand(16);
      const kept = await upload(store, room);
      const dropped = await upload(store, room, testBlob([700]));
      await store.declareLive(room, { covers: 5, ids: [kept.manifest.id] }, T0 + DAY);
      expect(await store.collect(T0 + 7 * DAY, 7 * DAY)).toEqual({ blobs: 0, bytes: 0 });
      expect(await store.collect(T0 + 8 * DAY, 7 * DAY)).toEqual({ blobs: 1, bytes: 700 });
      expect((await store.status(room, dropped.manifest.id)).state).toBe('absent');
      expect((await store.status(room, kept.manifest.id)).state).toBe('complete');
      expect(await store.usage(room)).toBe(2300);
      expect(await store.collect(T0 + 100 * DAY, 7 * DAY)).toEqual({ blobs: 0, bytes: 0 });
    });

    it('keeps a blob that a later live set lists again before the grace period ends (an honest device heals a stale declaration)', async () => {
      const store = await fresh();
      const room = rand(16);
      const blob = await upload(store, room);
      await store.declareLive(room, { covers: 5, ids: [] }, T0);
      await store.declareLive(room, { covers: 6, ids: [blob.manifest.id] }, T0 + 6 * DAY);
      await store.declareLive(room, { covers: 7, ids: [] }, T0 + 6 * DAY + 1);
      expect(await store.collect(T0 + 8 * DAY, 7 * DAY)).toEqual({ blobs: 0, bytes: 0 });
      expect(await store.collect(T0 + 13 * DAY + 1, 7 * DAY)).toEqual({ blobs: 1, bytes: 2300 });
    });

    it('never collects a complete blob of a room that never declared a live set, nor one completed after the last declaration', async () => {
      const store = await fresh();
      const quiet = rand(16);
      await upload(store, quiet);
      const room = rand(16);
      const later = testBlob();
      await store.begin(room, later.manifest, BOUNDS, T0);
      await store.declareLive(room, { covers: 1, ids: [] }, T0);
      for (let i = 0; i < 3; i++) await store.putChunk(room, later.manifest.id, i, later.chunks[i]!, T0 + DAY);
      expect(await store.collect(T0 + 30 * DAY, 7 * DAY)).toEqual({ blobs: 0, bytes: 0 });
    });

    it('collects an upload left unfinished for the grace period, and keeps one still moving', async () => {
      const store = await fresh();
      const room = rand(16);
      const stale = testBlob();
      await store.begin(room, stale.manifest, BOUNDS, T0);
      await store.putChunk(room, stale.manifest.id, 0, stale.chunks[0]!, T0);
      const moving = testBlob();
      await store.begin(room, moving.manifest, BOUNDS, T0);
      await store.putChunk(room, moving.manifest.id, 0, moving.chunks[0]!, T0 + 5 * DAY);
      expect(await store.collect(T0 + 7 * DAY, 7 * DAY)).toEqual({ blobs: 1, bytes: 2300 });
      expect((await store.status(room, stale.manifest.id)).state).toBe('absent');
      expect(await store.putChunk(room, stale.manifest.id, 1, stale.chunks[1]!, T0 + 7 * DAY)).toEqual({ status: 'unknown' });
      expect((await store.status(room, moving.manifest.id)).stored).toBe(1);
    });

    it('keeps uploads, chunks and the live set across a restart, so an upload resumes where it stopped', async () => {
      let store = await fresh();
      const room = rand(16);
      const { chunks, manifest } = testBlob();
      await store.begin(room, manifest, BOUNDS, T0);
      await store.putChunk(room, manifest.id, 0, chunks[0]!, T0);
      await store.declareLive(room, { covers: 4, ids: [manifest.id] }, T0);
      store = await harness.reopen(store);
      opened.push(store);
      expect(await store.begin(room, manifest, BOUNDS, T0)).toEqual({ status: 'exists', blob: { state: 'partial', chunks: 3, stored: 1, bytes: 2300 } });
      await store.putChunk(room, manifest.id, 1, chunks[1]!, T0);
      await store.putChunk(room, manifest.id, 2, chunks[2]!, T0);
      const read = await store.readChunk(room, manifest.id, 1);
      expect(read.status === 'ok' && Buffer.from(read.bytes).equals(Buffer.from(chunks[1]!))).toBe(true);
      expect(await store.declareLive(room, { covers: 3, ids: [] }, T0)).toEqual({ status: 'stale', covers: 4 });
    });
  });
}

/**
 * @module server/blobs/memoryBlobStore
 * In-memory `BlobStore` for tests and for relays built without a data folder. Same rules as the
 * SQLite store (`blobRules.ts`); chunks are kept as copies.
 */
import type { BlobManifest, BlobStatusBody, LiveSet } from '../../crdt/wire';
import { toHex } from '../../crypto/bytes';
import { afterChunk, collectable, judgeChunk, liveSetAccepted, statusOf, unreferencedAfter } from './blobRules';
import type { BlobRow } from './blobRules';
import type { BeginBounds, BeginResult, BlobStore, CollectResult, DeclareLiveResult, PutChunkResult, ReadChunkResult } from './BlobStore';

interface MemoryBlob {
  row: BlobRow;
  readonly chunks: Uint8Array[];
}

interface MemoryRoom {
  readonly blobs: Map<string, MemoryBlob>;
  liveCovers: number | undefined;
}

/** In-memory blob store. */
export class MemoryBlobStore implements BlobStore {
  readonly #rooms = new Map<string, MemoryRoom>();

  #room(room: Uint8Array): MemoryRoom {
    const key = toHex(room);
    let r = this.#rooms.get(key);
    if (r === undefined) {
      r = { blobs: new Map(), liveCovers: undefined };
      this.#rooms.set(key, r);
    }
    return r;
  }

  async status(room: Uint8Array, id: Uint8Array): Promise<BlobStatusBody> {
    return statusOf(this.#room(room).blobs.get(toHex(id))?.row);
  }

  async begin(room: Uint8Array, manifest: BlobManifest, bounds: BeginBounds, now: number): Promise<BeginResult> {
    const r = this.#room(room);
    const existing = r.blobs.get(toHex(manifest.id));
    if (existing !== undefined) return { status: 'exists', blob: statusOf(existing.row) };
    if (manifest.bytes > bounds.maxBlobBytes) return { status: 'too_large' };
    const used = this.#used(r);
    if (used + manifest.bytes > bounds.quotaBytes) return { status: 'quota', usedBytes: used };
    const row: BlobRow = {
      entries: manifest.entries.map((e) => ({ length: e.length, hash: e.hash.slice() })),
      bytes: manifest.bytes,
      stored: 0,
      createdAt: now,
      touchedAt: now,
      completedAt: null,
      unreferencedSince: null,
    };
    r.blobs.set(toHex(manifest.id), { row, chunks: [] });
    return { status: 'created', blob: statusOf(row) };
  }

  async putChunk(room: Uint8Array, id: Uint8Array, index: number, bytes: Uint8Array, now: number): Promise<PutChunkResult> {
    const blob = this.#room(room).blobs.get(toHex(id));
    if (blob === undefined) return { status: 'unknown' };
    const verdict = judgeChunk(blob.row, index, bytes);
    if (verdict === 'order') return { status: 'order', stored: blob.row.stored };
    if (verdict === 'mismatch') return { status: 'mismatch' };
    if (verdict === 'next') {
      blob.chunks.push(bytes.slice());
      blob.row = afterChunk(blob.row, now);
    }
    return { status: 'stored', blob: statusOf(blob.row) };
  }

  async readChunk(room: Uint8Array, id: Uint8Array, index: number): Promise<ReadChunkResult> {
    const blob = this.#room(room).blobs.get(toHex(id));
    if (blob === undefined) return { status: 'absent' };
    if (blob.row.completedAt === null) return { status: 'incomplete' };
    const chunk = blob.chunks[index];
    return chunk === undefined ? { status: 'absent' } : { status: 'ok', bytes: chunk.slice() };
  }

  async usage(room: Uint8Array): Promise<number> {
    return this.#used(this.#room(room));
  }

  #used(r: MemoryRoom): number {
    let used = 0;
    for (const blob of r.blobs.values()) used += blob.row.bytes;
    return used;
  }

  async declareLive(room: Uint8Array, set: LiveSet, now: number): Promise<DeclareLiveResult> {
    const r = this.#room(room);
    if (!liveSetAccepted(r.liveCovers, set.covers)) return { status: 'stale', covers: r.liveCovers ?? 0 };
    r.liveCovers = set.covers;
    const listed = new Set(set.ids.map(toHex));
    for (const [key, blob] of r.blobs) blob.row = { ...blob.row, unreferencedSince: unreferencedAfter(blob.row.unreferencedSince, listed.has(key), now) };
    const missing = set.ids.filter((id) => {
      const blob = r.blobs.get(toHex(id));
      return blob === undefined || blob.row.completedAt === null;
    });
    return { status: 'accepted', covers: set.covers, missing: missing.map((id) => id.slice()) };
  }

  async collect(now: number, graceMs: number): Promise<CollectResult> {
    let blobs = 0;
    let bytes = 0;
    for (const r of this.#rooms.values()) {
      for (const [key, blob] of r.blobs) {
        if (!collectable(blob.row, now, graceMs)) continue;
        r.blobs.delete(key);
        blobs++;
        bytes += blob.row.bytes;
      }
    }
    return { blobs, bytes };
  }

  async close(): Promise<void> {}
}

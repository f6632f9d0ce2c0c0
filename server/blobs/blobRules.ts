/**
 * @module server/blobs/blobRules
 * The rules of `BlobStore`, written once over a plain view of one blob's row, so the SQLite and
 * in-memory stores decide identically (as `store/appendRules.ts` does for the log): the status a
 * row reports, whether an uploaded chunk is the next one and the manifest's, what a live-set
 * declaration does to a row, and when the garbage collector may delete it.
 */
import { blobChunkHash } from '../../crdt/wire';
import type { BlobChunkEntry, BlobStatusBody } from '../../crdt/wire';
import { bytesEqual } from '../../crypto/bytes';

/** One blob as a store keeps it. Times are ms since the Unix epoch (relay clock). */
export interface BlobRow {
  readonly entries: readonly BlobChunkEntry[];
  readonly bytes: number;
  /** Chunks stored: always the first `stored` ones. */
  readonly stored: number;
  readonly createdAt: number;
  /** The last chunk stored (or the begin). */
  readonly touchedAt: number;
  /** When the last chunk was stored; null while partial. */
  readonly completedAt: number | null;
  /** Since when no live set lists it; null while referenced (or never declared otherwise). */
  readonly unreferencedSince: number | null;
}

/** What the relay answers about a row (absent when there is none). */
export function statusOf(row: BlobRow | undefined): BlobStatusBody {
  if (row === undefined) return { state: 'absent', chunks: 0, stored: 0, bytes: 0 };
  const chunks = row.entries.length;
  return { state: row.stored === chunks ? 'complete' : 'partial', chunks, stored: row.stored, bytes: row.bytes };
}

/** How an uploaded chunk relates to the row. */
export type ChunkVerdict = 'next' | 'again' | 'order' | 'mismatch';

/**
 * `next`: chunk `stored`, matching the manifest (store it); `again`: an already stored chunk
 * sent again with the right bytes (nothing to do); `order`: beyond the next one; `mismatch`:
 * not the manifest's bytes for that index, or no such index.
 */
export function judgeChunk(row: BlobRow, index: number, bytes: Uint8Array): ChunkVerdict {
  const entry = row.entries[index];
  if (entry === undefined) return 'mismatch';
  if (index > row.stored) return 'order';
  if (bytes.length !== entry.length || !bytesEqual(blobChunkHash(bytes), entry.hash)) return 'mismatch';
  return index < row.stored ? 'again' : 'next';
}

/** The row after chunk `stored` was stored at `now`. A completed blob starts referenced. */
export function afterChunk(row: BlobRow, now: number): BlobRow {
  const stored = row.stored + 1;
  const complete = stored === row.entries.length;
  return {
    ...row,
    stored,
    touchedAt: now,
    completedAt: complete ? now : null,
    unreferencedSince: complete ? null : row.unreferencedSince,
  };
}

/** Whether a live set with `covers` replaces the one in force (`current`, undefined when none). */
export function liveSetAccepted(current: number | undefined, covers: number): boolean {
  return current === undefined || covers >= current;
}

/** A row's `unreferencedSince` (now `current`) after a live set was accepted at `now`. */
export function unreferencedAfter(current: number | null, listed: boolean, now: number): number | null {
  return listed ? null : (current ?? now);
}

/**
 * Whether the collector may delete the row at `now`: an upload unfinished and untouched for the
 * grace period, or a complete blob that no live set has listed for the grace period.
 */
export function collectable(row: BlobRow, now: number, graceMs: number): boolean {
  if (row.completedAt === null) return row.touchedAt + graceMs <= now;
  return row.unreferencedSince !== null && row.unreferencedSince + graceMs <= now;
}

/**
 * @module server/blobs/BlobStore
 * The relay's storage port for attachment blobs (docs/ATTACHMENTS.md): opaque, content-addressed
 * blobs per room (id = BLAKE2b-256 of the manifest of chunk hashes, crdt/wire/blob.ts), uploaded
 * in order one chunk at a time so an interrupted upload resumes from the last stored chunk, each
 * room's quota, the room's live set (the blobs its devices still reference, declared as of a log
 * seq), and the garbage collection that deletes what is neither referenced nor being uploaded
 * once the grace period has passed. The relay can read none of it: ids and hashes only.
 *
 * Implementations: SQLite metadata + chunk files under DATA_DIR (the default) and in-memory
 * (tests). Both pass `blobStore.contract.ts` and decide through the same rules (`blobRules.ts`).
 * A resolved write means durable.
 */
import type { BlobManifest, BlobStatusBody, LiveSet } from '../../crdt/wire';

/** The bounds a `begin` is checked against. */
export interface BeginBounds {
  /** Largest blob accepted (bytes of ciphertext, `blobBytesForFile(maxFileBytes)`). */
  readonly maxBlobBytes: number;
  /** Bytes all of a room's blobs (complete or being uploaded) may take together. */
  readonly quotaBytes: number;
}

/** Outcome of `begin`. Nothing changes unless it is `created`. */
export type BeginResult =
  /** New blob recorded, no chunk yet. */
  | { readonly status: 'created'; readonly blob: BlobStatusBody }
  /** The blob exists (partly or completely): resume, or nothing to do. */
  | { readonly status: 'exists'; readonly blob: BlobStatusBody }
  | { readonly status: 'too_large' }
  | { readonly status: 'quota'; readonly usedBytes: number };

/** Outcome of `putChunk`. */
export type PutChunkResult =
  /** Stored (or already stored with these very bytes: idempotent). */
  | { readonly status: 'stored'; readonly blob: BlobStatusBody }
  /** No such blob: never begun, or collected. */
  | { readonly status: 'unknown' }
  /** `index` is beyond the next chunk expected (`stored`). */
  | { readonly status: 'order'; readonly stored: number }
  /** The bytes are not the manifest's chunk `index` (or `index` is past the last chunk). */
  | { readonly status: 'mismatch' };

/** Outcome of `readChunk`. */
export type ReadChunkResult =
  | { readonly status: 'ok'; readonly bytes: Uint8Array }
  | { readonly status: 'absent' }
  | { readonly status: 'incomplete' };

/** Outcome of `declareLive`. */
export type DeclareLiveResult =
  /** The set is now the room's; `missing`: declared ids with no complete blob here. */
  | { readonly status: 'accepted'; readonly covers: number; readonly missing: readonly Uint8Array[] }
  /** A set with a higher `covers` is in force; nothing changed. */
  | { readonly status: 'stale'; readonly covers: number };

/** What one garbage collection removed. */
export interface CollectResult {
  readonly blobs: number;
  readonly bytes: number;
}

/** Attachment blob storage. */
export interface BlobStore {
  /** Where `id` stands in `room`. */
  status(room: Uint8Array, id: Uint8Array): Promise<BlobStatusBody>;
  /**
   * Records a new blob from its manifest (whose id the caller computed), unless the room already
   * has it (then `exists`, whatever its state). A new blob must fit `bounds.maxBlobBytes` and the
   * room's quota (the bytes of every blob it holds, complete or not).
   */
  begin(room: Uint8Array, manifest: BlobManifest, bounds: BeginBounds, now: number): Promise<BeginResult>;
  /**
   * Stores chunk `index` if it is the next one (`stored`) and its bytes are the manifest's; a
   * chunk below `stored` with the right bytes is `stored` again (an upload resumed after a lost
   * answer). The last chunk completes the blob. Concurrent calls for one blob are serialised.
   */
  putChunk(room: Uint8Array, id: Uint8Array, index: number, bytes: Uint8Array, now: number): Promise<PutChunkResult>;
  /** Chunk `index` of a complete blob. */
  readChunk(room: Uint8Array, id: Uint8Array, index: number): Promise<ReadChunkResult>;
  /** Bytes the room's blobs take (complete and being uploaded). */
  usage(room: Uint8Array): Promise<number>;
  /**
   * Replaces the room's live set unless one with a higher `covers` is in force. Every blob of the
   * room in the set is referenced again; every blob not in it is unreferenced from `now` on (if it
   * was not already). A blob completed later starts referenced.
   */
  declareLive(room: Uint8Array, set: LiveSet, now: number): Promise<DeclareLiveResult>;
  /**
   * Deletes, in every room, the blobs that are complete and unreferenced since at least `graceMs`,
   * and the uploads left unfinished (no chunk) for at least `graceMs`.
   */
  collect(now: number, graceMs: number): Promise<CollectResult>;
  /** Releases the database. */
  close(): Promise<void>;
}

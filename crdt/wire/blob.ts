/**
 * @module crdt/wire/blob
 * Owns what the device and the relay must agree on about attachment blobs beyond the frames
 * (docs/ATTACHMENTS.md, docs/PROTOCOL.md §4.12): the manifest (each transfer chunk's length and
 * BLAKE2b-256 hash), the blob id (BLAKE2b-256 of the manifest under its own domain), the live
 * set a device declares for garbage collection, the JSON bodies of the HTTP answers and their
 * refusal codes, and the largest blob a file of a given size can make. No keys: the relay checks
 * ids and chunk hashes with exactly these functions, and so does the device that downloads.
 * Parsers of untrusted input return a Result and never throw.
 */
import { fromBase64Url, readU32, readU64, toBase64Url, writeU32, writeU64 } from '../../crypto/bytes';
import { err, ok } from '../../crypto/result';
import type { Result } from '../../crypto/result';
import { sodium } from '../../crypto/sodium';

/** Length of a blob id and of a chunk hash (BLAKE2b-256). */
export const BLOB_ID_BYTES = 32;
/** Domain string of the blob id. */
export const BLOB_ID_DOMAIN = 'cartella-blob-id-v1';
/** Largest transfer chunk: 1 MiB of plaintext, its tag, and the 69-byte header of chunk 0, rounded up. */
export const BLOB_CHUNK_MAX_BYTES = 1024 * 1024 + 128;
/** Most chunks a manifest may list (a 4 GiB blob; relays refuse far smaller ones by size). */
export const BLOB_MAX_CHUNKS = 4096;
/** Bytes of a manifest entry: u32 length, 32-byte hash. */
export const BLOB_MANIFEST_ENTRY_BYTES = 4 + BLOB_ID_BYTES;
/** Most ids one live-set declaration may carry. */
export const LIVE_SET_MAX_IDS = 65_536;

const ID_DOMAIN = new TextEncoder().encode(BLOB_ID_DOMAIN);

/** One transfer chunk as the manifest lists it. */
export interface BlobChunkEntry {
  readonly length: number;
  readonly hash: Uint8Array;
}

/** A parsed manifest with its encoding and the blob id it names. */
export interface BlobManifest {
  readonly entries: readonly BlobChunkEntry[];
  /** Sum of the chunk lengths: the blob's size. */
  readonly bytes: number;
  /** The manifest's bytes (what the device uploads to begin). */
  readonly encoded: Uint8Array;
  readonly id: Uint8Array;
}

/** BLAKE2b-256 of one transfer chunk. Needs `initSodium()`. */
export function blobChunkHash(chunk: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(BLOB_ID_BYTES, chunk, null);
}

/** The blob id of an encoded manifest: BLAKE2b-256("cartella-blob-id-v1" | manifest). */
export function blobIdOf(manifest: Uint8Array): Uint8Array {
  const message = new Uint8Array(ID_DOMAIN.length + manifest.length);
  message.set(ID_DOMAIN, 0);
  message.set(manifest, ID_DOMAIN.length);
  return sodium().crypto_generichash(BLOB_ID_BYTES, message, null);
}

/**
 * The manifest of a blob's transfer chunks: `u32 n | n × (u32 length | 32 hash)`, and its id.
 * @throws RangeError when the chunks cannot be a blob (none, too many, empty or oversized).
 */
export function manifestOfChunks(chunks: readonly Uint8Array[]): BlobManifest {
  if (chunks.length < 1 || chunks.length > BLOB_MAX_CHUNKS) throw new RangeError(`a blob has 1..${BLOB_MAX_CHUNKS} chunks`);
  const encoded = new Uint8Array(4 + chunks.length * BLOB_MANIFEST_ENTRY_BYTES);
  writeU32(encoded, 0, chunks.length);
  const entries: BlobChunkEntry[] = [];
  let bytes = 0;
  chunks.forEach((chunk, i) => {
    if (chunk.length < 1 || chunk.length > BLOB_CHUNK_MAX_BYTES) throw new RangeError(`chunk ${i} has ${chunk.length} bytes`);
    const hash = blobChunkHash(chunk);
    const at = 4 + i * BLOB_MANIFEST_ENTRY_BYTES;
    writeU32(encoded, at, chunk.length);
    encoded.set(hash, at + 4);
    entries.push({ length: chunk.length, hash });
    bytes += chunk.length;
  });
  return { entries, bytes, encoded, id: blobIdOf(encoded) };
}

/** Parses a manifest (untrusted bytes). Never throws; hashes are views of `bytes`. */
export function decodeBlobManifest(bytes: Uint8Array): Result<BlobManifest, 'blob_request_malformed'> {
  if (bytes.length < 4) return err('blob_request_malformed', 'manifest shorter than its count');
  const count = readU32(bytes, 0);
  if (count < 1 || count > BLOB_MAX_CHUNKS) return err('blob_request_malformed', `manifest of ${count} chunks`);
  if (bytes.length !== 4 + count * BLOB_MANIFEST_ENTRY_BYTES) return err('blob_request_malformed', 'manifest length does not match its count');
  const entries: BlobChunkEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const at = 4 + i * BLOB_MANIFEST_ENTRY_BYTES;
    const length = readU32(bytes, at);
    if (length < 1 || length > BLOB_CHUNK_MAX_BYTES) return err('blob_request_malformed', `chunk ${i} of ${length} bytes`);
    entries.push({ length, hash: bytes.subarray(at + 4, at + BLOB_MANIFEST_ENTRY_BYTES) });
    total += length;
  }
  return ok({ entries, bytes: total, encoded: bytes, id: blobIdOf(bytes) });
}

/**
 * The size of the blob a file of `fileBytes` makes (the CRTALLG1 formula of docs/ATTACHMENTS.md:
 * 69-byte header, the Padmé-padded stream with a 64 KiB floor, a 16-byte tag per 1 MiB chunk).
 * The relay refuses blobs above `blobBytesForFile(maxFileBytes)`; crypto/attachmentsFormat.ts
 * computes the same (`attachmentBlobBytes`, tested equal).
 */
export function blobBytesForFile(fileBytes: number): number {
  const x = 8 + fileBytes;
  const e = Math.floor(Math.log2(x));
  const s = Math.floor(Math.log2(e)) + 1;
  const step = Math.max(64 * 1024, 2 ** Math.max(0, e - s));
  const padded = Math.ceil(x / step) * step;
  return 69 + padded + 16 * Math.ceil(padded / (1024 * 1024));
}

// ---- live set ------------------------------------------------------------------------------

/** The blobs a device's copy of a room references, as of the room's log up to `covers`. */
export interface LiveSet {
  /** The relay seq up to which the declaring device has applied the room's log. */
  readonly covers: number;
  readonly ids: readonly Uint8Array[];
}

/** `u64 covers | u32 n | n × 32 id`. @throws RangeError on values the layout cannot carry. */
export function encodeLiveSet(set: LiveSet): Uint8Array {
  if (set.ids.length > LIVE_SET_MAX_IDS) throw new RangeError(`at most ${LIVE_SET_MAX_IDS} ids`);
  const out = new Uint8Array(12 + set.ids.length * BLOB_ID_BYTES);
  writeU64(out, 0, set.covers);
  writeU32(out, 8, set.ids.length);
  set.ids.forEach((id, i) => {
    if (id.length !== BLOB_ID_BYTES) throw new RangeError(`a blob id is ${BLOB_ID_BYTES} bytes`);
    out.set(id, 12 + i * BLOB_ID_BYTES);
  });
  return out;
}

/** Parses a live set (untrusted bytes). Never throws. */
export function decodeLiveSet(bytes: Uint8Array): Result<LiveSet, 'blob_request_malformed'> {
  if (bytes.length < 12) return err('blob_request_malformed', 'live set shorter than its header');
  const covers = readU64(bytes, 0);
  if (covers === undefined) return err('blob_request_malformed', 'covers above 2^53 - 1');
  const count = readU32(bytes, 8);
  if (count > LIVE_SET_MAX_IDS || bytes.length !== 12 + count * BLOB_ID_BYTES) return err('blob_request_malformed', 'live set length does not match its count');
  const ids: Uint8Array[] = [];
  for (let i = 0; i < count; i++) ids.push(bytes.subarray(12 + i * BLOB_ID_BYTES, 12 + (i + 1) * BLOB_ID_BYTES));
  return ok({ covers, ids });
}

// ---- text forms and HTTP bodies -------------------------------------------------------------

/** A blob id (or ticket) as it appears in URLs and JSON: unpadded base64url (43 characters). */
export function blobIdToText(id: Uint8Array): string {
  return toBase64Url(id);
}

/** Parses a 32-byte id or ticket from its base64url text. Never throws. */
export function blobIdFromText(text: string): Result<Uint8Array, 'blob_request_malformed'> {
  if (text.length !== 43) return err('blob_request_malformed', 'a blob id is 43 base64url characters');
  const bytes = fromBase64Url(text);
  return bytes.ok && bytes.value.length === BLOB_ID_BYTES ? ok(bytes.value) : err('blob_request_malformed', 'not base64url');
}

/** Refusal codes of the blob HTTP endpoints (docs/ERRORS.md, "Attachments"). */
export const BLOB_REFUSAL_CODES = [
  'blob_ticket_invalid',
  'blob_ticket_room',
  'blob_request_malformed',
  'blob_id_mismatch',
  'blob_too_large',
  'blob_quota',
  'blob_unknown',
  'blob_not_found',
  'blob_incomplete',
  'blob_chunk_order',
  'blob_chunk_mismatch',
  'blob_live_stale',
  'blob_live_invalid',
  'shutting_down',
  'internal',
] as const;
export type BlobRefusalCode = (typeof BLOB_REFUSAL_CODES)[number];

/** Where a blob stands on the relay. */
export type BlobState = 'absent' | 'partial' | 'complete';

/** The JSON answer to a status request, a begin and a chunk upload. */
export interface BlobStatusBody {
  readonly state: BlobState;
  /** Chunks in the manifest (0 when absent). */
  readonly chunks: number;
  /** Chunks stored, always the first `stored` ones (uploads go in order). */
  readonly stored: number;
  /** The blob's size (0 when absent). */
  readonly bytes: number;
}

/** The JSON body of a refusal. Optional numbers say what a limit was. */
export interface BlobRefusalBody {
  readonly code: BlobRefusalCode;
  readonly message: string;
  /** blob_too_large: the relay's largest file, and the largest blob it makes. */
  readonly maxFileBytes?: number;
  readonly maxBlobBytes?: number;
  /** blob_quota: the room's quota and what it uses. */
  readonly quotaBytes?: number;
  readonly usedBytes?: number;
  /** blob_chunk_order: how many chunks are stored (the next one to send). */
  readonly stored?: number;
  /** blob_live_stale: the covers of the live set the relay keeps. */
  readonly covers?: number;
}

/** The JSON answer to a live-set declaration. */
export interface LiveSetAnswerBody {
  /** The covers of the live set now in force. */
  readonly covers: number;
  /** Ids of the declared set the relay has no complete blob for (text form). */
  readonly missing: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const count = (v: unknown): number | undefined => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : undefined);
const own = (o: Record<string, unknown>, k: string): unknown => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/** Parses a status body from the relay (untrusted JSON). Never throws. */
export function parseBlobStatusBody(v: unknown): Result<BlobStatusBody, 'blob_answer_malformed'> {
  if (!isRecord(v)) return err('blob_answer_malformed', 'status is not an object');
  const state = own(v, 'state');
  const chunks = count(own(v, 'chunks'));
  const stored = count(own(v, 'stored'));
  const bytes = count(own(v, 'bytes'));
  if ((state !== 'absent' && state !== 'partial' && state !== 'complete') || chunks === undefined || stored === undefined || bytes === undefined) {
    return err('blob_answer_malformed', 'status fields missing or wrong');
  }
  if (stored > chunks || (state === 'complete' && stored !== chunks) || (state === 'absent' && chunks !== 0)) {
    return err('blob_answer_malformed', 'status fields contradict each other');
  }
  return ok({ state, chunks, stored, bytes });
}

/** Parses a refusal body from the relay (untrusted JSON). Never throws; an unknown code is `internal`. */
export function parseBlobRefusalBody(v: unknown): BlobRefusalBody {
  if (!isRecord(v)) return { code: 'internal', message: 'answer without a refusal body' };
  const raw = own(v, 'code');
  const code = (BLOB_REFUSAL_CODES as readonly unknown[]).includes(raw) ? (raw as BlobRefusalCode) : 'internal';
  const message = own(v, 'message');
  const out: { -readonly [K in keyof BlobRefusalBody]: BlobRefusalBody[K] } = {
    code,
    message: typeof message === 'string' ? message.slice(0, 1024) : '',
  };
  for (const k of ['maxFileBytes', 'maxBlobBytes', 'quotaBytes', 'usedBytes', 'stored', 'covers'] as const) {
    const n = count(own(v, k));
    if (n !== undefined) out[k] = n;
  }
  return out;
}

/** Parses a live-set answer (untrusted JSON). Never throws. */
export function parseLiveSetAnswerBody(v: unknown): Result<LiveSetAnswerBody, 'blob_answer_malformed'> {
  if (!isRecord(v)) return err('blob_answer_malformed', 'answer is not an object');
  const covers = count(own(v, 'covers'));
  const missing = own(v, 'missing');
  if (covers === undefined || !Array.isArray(missing) || missing.length > LIVE_SET_MAX_IDS) return err('blob_answer_malformed', 'answer fields missing or wrong');
  const ids: string[] = [];
  for (const m of missing as unknown[]) {
    if (typeof m !== 'string' || !blobIdFromText(m).ok) return err('blob_answer_malformed', 'a missing id is not a blob id');
    ids.push(m);
  }
  return ok({ covers, missing: ids });
}

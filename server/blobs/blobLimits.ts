/**
 * @module server/blobs/blobLimits
 * The relay's attachment limits and their defaults (env names in server/README.md). The size
 * limit is stated for the file a person picks (20 MiB by default, as the app's own check); the
 * relay refuses blobs larger than the ciphertext such a file makes (`blobBytesForFile`).
 */
import { blobBytesForFile } from '../../crdt/wire';

/** Configurable attachment limits. */
export interface BlobLimits {
  /** Largest file (plaintext bytes) an attachment may hold. */
  readonly maxFileBytes: number;
  /** Bytes all blobs of one room may take (complete and being uploaded). */
  readonly roomQuotaBytes: number;
  /** How long an unreferenced blob, or an unfinished upload, is kept before it is deleted. */
  readonly graceMs: number;
  /** How often the relay collects garbage. */
  readonly collectEveryMs: number;
  /** How long a ticket is good for (it also dies with its socket's membership). */
  readonly ticketMs: number;
}

const MiB = 1024 * 1024;
const HOUR = 60 * 60 * 1000;

export const DEFAULT_BLOB_LIMITS: BlobLimits = {
  maxFileBytes: 20 * MiB,
  roomQuotaBytes: 512 * MiB,
  graceMs: 7 * 24 * HOUR,
  collectEveryMs: HOUR,
  ticketMs: 10 * 60 * 1000,
};

/** The largest blob the relay accepts under `limits`. */
export function maxBlobBytes(limits: BlobLimits): number {
  return blobBytesForFile(limits.maxFileBytes);
}

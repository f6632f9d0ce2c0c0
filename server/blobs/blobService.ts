/**
 * @module server/blobs/blobService
 * What the relay's parts share about attachments: the blob store, the limits, the ticket desk and
 * the clock (injected, so tests can move time for the garbage collector and ticket expiry).
 */
import { DEFAULT_BLOB_LIMITS } from './blobLimits';
import type { BlobLimits } from './blobLimits';
import { BlobTicketDesk } from './blobTickets';
import type { BlobStore } from './BlobStore';
import { MemoryBlobStore } from './memoryBlobStore';

/** The relay's attachment side. */
export interface BlobService {
  readonly store: BlobStore;
  readonly limits: BlobLimits;
  readonly tickets: BlobTicketDesk;
  /** ms since the Unix epoch. */
  now(): number;
}

/** Options of `createBlobService`. */
export interface BlobServiceOptions {
  readonly store?: BlobStore;
  readonly limits?: Partial<BlobLimits>;
  readonly now?: () => number;
}

/** A blob service; without a store, an in-memory one (tests, relays without a data folder). */
export function createBlobService(options: BlobServiceOptions = {}): BlobService {
  const limits = { ...DEFAULT_BLOB_LIMITS, ...options.limits };
  const now = options.now ?? Date.now;
  return {
    store: options.store ?? new MemoryBlobStore(),
    limits,
    tickets: new BlobTicketDesk(now, limits.ticketMs),
    now,
  };
}

/**
 * @module server/limits
 * The relay's per-socket bounds and their defaults, plus the token bucket that enforces the
 * envelope rate. Defaults let a fast typist (the engine batches while an envelope is in flight,
 * so typing costs a few envelopes per second) and a device coming back online with a long
 * outbox through, while one socket cannot monopolise a relay shared by a whole ente.
 */
import { DEFAULT_MAX_FRAME_BYTES } from '../crdt/wire';

/** Configurable limits (env names in server/README.md). */
export interface RelayLimits {
  /** Largest frame accepted (bytes); a bigger one gets frame_too_large and close 1009. */
  readonly maxFrameBytes: number;
  /** Sustained envelopes per second per socket (push items, ephemerals, auth/create/rotate proofs, history requests, escrow deposits, escrow challenges and lists). */
  readonly envelopesPerSecond: number;
  /** Bucket size: how many envelopes a socket may send at once after being quiet. */
  readonly envelopeBurst: number;
  /** Bytes queued towards one socket beyond which it is closed with 1013 (slow reader). */
  readonly maxPendingBytes: number;
  /** Rooms one socket may have open (challenged or joined) at the same time. */
  readonly maxRoomsPerSocket: number;
  /** Catch-up frames hold at most this many envelopes... */
  readonly catchUpEnvelopesPerFrame: number;
  /** ...and at most this many bytes (unless a single envelope is bigger). */
  readonly catchUpBytesPerFrame: number;
  /** Envelopes one `history` request may return at most (its `limit` is capped to this). */
  readonly historyEnvelopesPerRequest: number;
  /** Older relay-auth keys of a room an `auth` is tried against (newest first) when the current one fails. */
  readonly maxOldKeysChecked: number;
  /** Escrows one `escrowList` request may return at most (its `limit` is capped to this). */
  readonly escrowItemsPerRequest: number;
  /** Rooms one recovery mailbox may hold (checked when a room deposits there for the first time). */
  readonly maxEscrowRoomsPerMailbox: number;
  /** Mailboxes one room may deposit to (the ente's key, a replacement key, another ente's after a transfer). */
  readonly maxEscrowMailboxesPerRoom: number;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  maxFrameBytes: DEFAULT_MAX_FRAME_BYTES,
  envelopesPerSecond: 200,
  envelopeBurst: 1000,
  maxPendingBytes: 8 * 1024 * 1024,
  maxRoomsPerSocket: 4096,
  catchUpEnvelopesPerFrame: 256,
  catchUpBytesPerFrame: 256 * 1024,
  historyEnvelopesPerRequest: 1024,
  maxOldKeysChecked: 32,
  escrowItemsPerRequest: 1024,
  maxEscrowRoomsPerMailbox: 200_000,
  maxEscrowMailboxesPerRoom: 4,
};

/**
 * Token bucket that may go into debt: a request is let through whenever the bucket is not
 * empty and then charged in full. So a single push larger than the burst (an outbox of 3,000
 * small envelopes fits in one 1 MiB frame) is never refused forever; it simply makes the socket
 * wait longer before its next one. The long-run rate is still `ratePerSecond`.
 */
export class TokenBucket {
  #tokens: number;
  #last: number;
  readonly #rate: number;
  readonly #burst: number;
  readonly #now: () => number;

  constructor(ratePerSecond: number, burst: number, now: () => number = () => performance.now()) {
    this.#rate = ratePerSecond;
    this.#burst = burst;
    this.#now = now;
    this.#tokens = burst;
    this.#last = now();
  }

  /** Charges `cost` tokens if the bucket is not empty; false (nothing charged) otherwise. */
  take(cost: number): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.#rate);
    this.#last = now;
    if (this.#tokens <= 0) return false;
    this.#tokens -= cost;
    return true;
  }
}

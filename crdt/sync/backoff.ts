/**
 * @module crdt/sync/backoff
 * Reconnect delays: exponential with "full jitter", so that a relay restart (close 1012)
 * does not bring every client back in the same millisecond.
 */

export interface BackoffOptions {
  /** First retry ceiling in ms. */
  readonly minMs: number;
  /** Largest ceiling in ms. */
  readonly maxMs: number;
  /** Source of randomness in [0, 1); injectable for tests. */
  readonly random?: () => number;
}

/** Delay before attempt number `attempt` (0-based): uniform in [0, min(max, min·2^attempt)], at least 50 ms. */
export function backoffDelay(attempt: number, { minMs, maxMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30));
  return Math.max(50, Math.floor(random() * ceiling));
}

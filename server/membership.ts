/**
 * @module server/membership
 * Where one socket stands in one room, as the session tracks it. Each state is its own object:
 * a task that captured one (a catch-up, a history answer, a rotation) checks by identity that
 * it is still the socket's current standing, so a `leave`, a new `hello` or a cut-off by a
 * rotation ends that task without any further bookkeeping.
 */
import type { RoomHub } from './roomHub';

/** The relay sent a challenge; the socket has not answered yet. */
export interface Challenged {
  readonly state: 'challenged';
  readonly nonce: Uint8Array;
  readonly since: number;
}

/** The answer to the challenge is being checked against the store. */
export interface Verifying {
  readonly state: 'verifying';
}

/** Authenticated with the room's current key: catch-up, then live. */
export interface Joined {
  readonly state: 'joined';
  readonly hub: RoomHub;
  /** The challenge this socket answered (a rotation signs over it). */
  readonly nonce: Uint8Array;
  /** Epoch of the key the socket proved; moves only when this socket's own rotation wins. */
  epoch: number;
}

/** Authenticated with a key the room rotated away from: rotation records only. */
export interface Stale {
  readonly state: 'stale';
  readonly hub: RoomHub;
  /** Epoch of the key the socket proved. */
  readonly epoch: number;
  /** True once the stored records were sent: later rotations are forwarded as they happen. */
  listening: boolean;
}

export type Membership = Challenged | Verifying | Joined | Stale;

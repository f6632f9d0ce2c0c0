/**
 * @module server/store/escrowRules
 * The rules of `RelayStore.depositEscrow`, written once over a small synchronous view of one
 * room inside one transaction (as `rotationRules.ts` does for `rotate`), so the SQLite and
 * in-memory stores decide deposits identically: the depositor's key epoch, then the bounds for
 * a new (room, mailbox) pair, then the replacing write.
 */
import type { EscrowBounds, EscrowResult } from './RelayStore';

/** One room and one mailbox, seen from inside the store's transaction. */
export interface EscrowTransaction {
  /** The room's current key epoch. */
  readonly epoch: number;
  /** Whether this (room, mailbox) pair has a blob already (a deposit then replaces it). */
  hasPair(): boolean;
  /** How many rooms the mailbox holds. */
  roomsInMailbox(): number;
  /** How many mailboxes the room has deposited to. */
  mailboxesOfRoom(): number;
  /** Writes the pair (insert or replace) with the room's epoch. */
  write(epoch: number): void;
}

/** Decides one deposit. Writes nothing unless the result is `stored`. */
export function applyEscrow(txn: EscrowTransaction, authEpoch: number, bounds: EscrowBounds): EscrowResult {
  if (txn.epoch !== authEpoch) return { status: 'key_rotated', epoch: txn.epoch };
  const replaced = txn.hasPair();
  if (!replaced) {
    // Replacing is always allowed: a full mailbox must still take the keys of a rotation.
    if (txn.roomsInMailbox() >= bounds.maxRoomsPerMailbox) return { status: 'mailbox_full' };
    if (txn.mailboxesOfRoom() >= bounds.maxMailboxesPerRoom) return { status: 'room_full' };
  }
  txn.write(txn.epoch);
  return { status: 'stored', epoch: txn.epoch, replaced };
}

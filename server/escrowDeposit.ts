/**
 * @module server/escrowDeposit
 * The second half of an `escrow` frame (docs/PROTOCOL.md §4.11), run inside the room's queue so
 * that it comes after every frame of the room received before it: a deposit sent right behind a
 * winning `rotate` is judged at the new epoch, and one from a socket a rotation cut off is
 * refused. The store checks the socket's key epoch again inside its transaction (several relay
 * processes), applies the bounds and replaces the pair's blob; `escrowed` is sent only after
 * the commit resolved.
 */
import { encodeFrame } from '../crdt/wire';
import type { ErrorCodeName } from '../crdt/wire';
import { roomTag } from './log';
import type { Joined } from './membership';
import type { RelayContext } from './relayContext';
import type { HubMember } from './roomHub';
import type { EscrowResult } from './store/RelayStore';

/** An `escrow` frame's fields, copied out of the socket's input (the queue runs later). */
export interface EscrowRequest {
  readonly mailbox: Uint8Array;
  readonly blob: Uint8Array;
  /** BLAKE2b-128 of the blob: names it in `escrowed` and in refusals. */
  readonly blobId: Uint8Array;
}

/** The depositing session, as the commit needs it. */
export interface Depositor {
  readonly id: number;
  readonly member: HubMember;
  refuse(room: Uint8Array, code: ErrorCodeName, message: string, envelopeId?: Uint8Array): void;
}

/**
 * Stores `request` for `joined`'s room with the socket's key epoch as it is NOW (a rotation this
 * socket won in between counts; one that cut it off makes the deposit `key_rotated`).
 */
export async function commitEscrow(ctx: RelayContext, depositor: Depositor, joined: Joined, request: EscrowRequest): Promise<void> {
  const { hub } = joined;
  const { store, limits } = ctx;
  const { blobId } = request;
  await hub.load(store);
  const storedAt = Date.now();
  let result: EscrowResult;
  try {
    result = await store.depositEscrow({ roomId: hub.room, mailbox: request.mailbox, blob: request.blob, storedAt }, joined.epoch, {
      maxRoomsPerMailbox: limits.maxEscrowRoomsPerMailbox,
      maxMailboxesPerRoom: limits.maxEscrowMailboxesPerRoom,
    });
  } catch (error) {
    ctx.log('error', 'escrow_failed', { socket: depositor.id, room: hub.tag, error: error instanceof Error ? error.message : String(error) });
    depositor.refuse(hub.room, 'internal', 'the relay could not store this escrow; nothing changed, deposit again later', blobId);
    return;
  }
  switch (result.status) {
    case 'stored':
      ctx.log('info', 'escrow_stored', {
        socket: depositor.id,
        room: hub.tag,
        mailbox: roomTag(request.mailbox),
        epoch: result.epoch,
        bytes: request.blob.length,
        replaced: result.replaced,
      });
      depositor.member.sendFrame(encodeFrame({ type: 'escrowed', room: hub.room, mailbox: request.mailbox, blobId, storedAt }));
      return;
    case 'key_rotated':
      // A rotation by another process: this process's old-key sockets are cut off first.
      await hub.observeEpoch(store, result.epoch);
      depositor.refuse(hub.room, 'key_rotated', `the room is at epoch ${result.epoch}; deposit with its key`, blobId);
      return;
    case 'mailbox_full':
      depositor.refuse(hub.room, 'escrow_full', `this mailbox holds ${limits.maxEscrowRoomsPerMailbox} rooms already`, blobId);
      return;
    case 'room_full':
      depositor.refuse(hub.room, 'escrow_full', `this room deposits to ${limits.maxEscrowMailboxesPerRoom} mailboxes already`, blobId);
      return;
    case 'room_not_found':
      depositor.refuse(hub.room, 'room_not_found', 'no such room', blobId);
      return;
  }
}

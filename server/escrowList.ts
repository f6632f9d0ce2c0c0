/**
 * @module server/escrowList
 * Answers an authenticated `escrowList` (docs/PROTOCOL.md §4.11): the escrows of one mailbox in
 * room byte order from a room on, at most `escrowItemsPerRequest` per request, in frames of
 * catch-up size with time for the socket to drain between them, then `escrowEnd` with the room
 * to ask from next. It reads outside any room queue: a deposit meanwhile is either in the
 * answer or not, and the next request sees it (records are replaced in place, never moved).
 */
import { encodeFrame, ESCROW_ITEM_HEADER_BYTES, ESCROW_ITEMS_FRAME_HEADER_BYTES, ZERO_ID } from '../crdt/wire';
import type { EscrowItem } from '../crdt/wire';
import type { RelayLimits } from './limits';
import type { RelayContext } from './relayContext';
import type { HubMember } from './roomHub';

/** The session side of one list answer. */
export interface EscrowListTarget {
  readonly member: HubMember;
  /** False once the socket closed or the relay stops. */
  isCurrent(): boolean;
  bufferedAmount(): number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Blob bytes that fit in one `escrowItems` frame next to the item headers. */
export function escrowPageBytes(limits: RelayLimits): number {
  return Math.max(1, limits.catchUpBytesPerFrame - ESCROW_ITEMS_FRAME_HEADER_BYTES - ESCROW_ITEM_HEADER_BYTES * limits.catchUpEnvelopesPerFrame);
}

/** The room id right after `room` in byte order, or undefined after the last one (all 0xff). */
export function nextRoomId(room: Uint8Array): Uint8Array | undefined {
  const next = room.slice();
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i] !== 0xff) {
      next[i] = (next[i] as number) + 1;
      return next;
    }
    next[i] = 0;
  }
  return undefined;
}

/**
 * Sends `escrowItems` frames with the mailbox's escrows whose room >= `fromRoom` (at most
 * `limit`, capped by the relay), then `escrowEnd {nextRoom, complete}`. `complete` means no
 * escrow with room >= nextRoom existed when it was read. Stops without `escrowEnd` when the
 * target stops being current.
 */
export async function streamEscrowList(
  ctx: RelayContext,
  target: EscrowListTarget,
  mailbox: Uint8Array,
  fromRoom: Uint8Array,
  limit: number,
): Promise<void> {
  const { store, limits } = ctx;
  let cursor: Uint8Array | undefined = fromRoom;
  let left = Math.min(limit, limits.escrowItemsPerRequest);
  while (cursor !== undefined && left > 0) {
    if (!target.isCurrent()) return;
    const page = await store.listEscrow(mailbox, cursor, { limit: Math.min(left, limits.catchUpEnvelopesPerFrame), maxBytes: escrowPageBytes(limits) });
    const last = page[page.length - 1];
    if (last === undefined) {
      cursor = undefined;
      break;
    }
    if (!target.isCurrent()) return;
    const items: EscrowItem[] = page.map((r) => ({ room: r.roomId, epoch: r.epoch, storedAt: r.storedAt, blob: r.blob }));
    target.member.sendFrame(encodeFrame({ type: 'escrowItems', mailbox, items }));
    left -= page.length;
    cursor = nextRoomId(last.roomId);
    while (target.isCurrent() && target.bufferedAmount() > limits.catchUpBytesPerFrame) await sleep(2);
  }
  // The limit ran out: one more look tells the client whether to ask again.
  if (cursor !== undefined && (await store.listEscrow(mailbox, cursor, { limit: 1, maxBytes: 1 })).length === 0) cursor = undefined;
  if (!target.isCurrent()) return;
  target.member.sendFrame(encodeFrame({ type: 'escrowEnd', mailbox, nextRoom: cursor ?? ZERO_ID, complete: cursor === undefined }));
}

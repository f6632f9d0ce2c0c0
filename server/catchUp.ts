/**
 * @module server/catchUp
 * Brings one authenticated socket up to date in one room, then makes it live. A socket whose key
 * the room rotated away from meanwhile is handed back to the session instead. Each page is one
 * task of the room's serial queue, and the last one (which sends `synced` and adds the socket
 * to the live set) runs in the same task that reads the final page — so every commit is either
 * in a page or in the fan-out, never both and never neither. Between pages the socket gets time
 * to drain, without holding up the room's commits.
 */
import { encodeEnvelopesFrame, encodeFrame, ZERO_ID } from '../crdt/wire';
import type { RelayContext } from './relayContext';
import { pageBytes } from './roomHub';
import type { HubMember, RoomHub } from './roomHub';

/** The session side of one catch-up. */
export interface CatchUpTarget {
  /** The session; it joins the room's live set at the end. */
  readonly member: HubMember;
  /** False once the socket closed, left or re-said hello for this room, or the relay stops. */
  isCurrent(): boolean;
  /** Bytes waiting to be sent on the socket. */
  bufferedAmount(): number;
  /** The epoch of the relay-auth key the socket proved. */
  epoch(): number;
  /**
   * The room rotated past the socket's key before the socket got its first page (it proved a
   * key that was current when checked); the session turns it into an old-key socket.
   */
  outdated(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams the room after `since` (from the latest snapshot when `since` is 0) in bounded frames,
 * then `synced`, then joins the live set. Resolves when done or abandoned.
 */
export async function catchUp(ctx: RelayContext, hub: RoomHub, target: CatchUpTarget, since: number): Promise<void> {
  const { store, limits } = ctx;
  let cursor = since;
  let first = true;
  for (;;) {
    if (!target.isCurrent()) return;
    const done = await hub.queue.run(async () => {
      if (!target.isCurrent()) return true;
      await hub.load(store);
      const room = await store.getRoom(hub.room);
      if (room === null) return true;
      // Rotations of another process are announced first: they may cut this socket off.
      await hub.observeEpoch(store, room.epoch);
      if (!target.isCurrent()) return true;
      if (target.epoch() < room.epoch) {
        target.outdated();
        return true;
      }
      // A shared store may be ahead of what this process has fanned out: catch the live sockets
      // up first, so that this socket's bound below is the live sockets' bound.
      if (room.head > hub.deliveredHead) await hub.deliverUpTo(store, room.head, limits);
      if (first) {
        first = false;
        if (since === 0 && room.snapshot !== null) {
          const snapshot = await store.readSnapshot(hub.room);
          if (snapshot !== null && snapshot.pointer.covers <= hub.deliveredHead) {
            target.member.sendFrame(encodeFrame({ type: 'snapshot', room: hub.room, covers: snapshot.pointer.covers, envelope: snapshot.bytes }));
            cursor = snapshot.pointer.covers;
          }
        }
      }
      const head = hub.deliveredHead;
      if (cursor < head) {
        const page = await store.readAfter(hub.room, cursor, { limit: limits.catchUpEnvelopesPerFrame, maxBytes: pageBytes(limits), upTo: head });
        const last = page[page.length - 1];
        if (last !== undefined) {
          target.member.sendFrame(encodeEnvelopesFrame(hub.room, page));
          cursor = last.seq;
          if (cursor < head) return false;
        }
      }
      target.member.sendFrame(
        encodeFrame({
          type: 'synced',
          room: hub.room,
          head,
          snapshotId: room.snapshot?.snapshotId ?? ZERO_ID,
          snapshotCovers: room.snapshot?.covers ?? 0,
        }),
      );
      hub.live.add(target.member);
      return true;
    });
    if (done) return;
    while (target.isCurrent() && target.bufferedAmount() > limits.catchUpBytesPerFrame) await sleep(2);
  }
}

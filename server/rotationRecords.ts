/**
 * @module server/rotationRecords
 * Sends a socket the stored rotation records of a room from an epoch on, one `rotation` frame
 * per record, each sent from a task of the room's queue (so a rotation committed meanwhile is
 * either streamed here or announced by the hub, in order) and with time for the socket to
 * drain between records (a record can be 256 KiB). Used for a socket that proved an old key,
 * and after a `rotate_conflict`.
 */
import type { RelayContext } from './relayContext';
import { rotationFrame } from './roomHub';
import type { HubMember, RoomHub } from './roomHub';

/** The session side of one stream of records. */
export interface RotationTarget {
  readonly member: HubMember;
  /** False once the socket closed, left or said hello again for this room, or the relay stops. */
  isCurrent(): boolean;
  bufferedAmount(): number;
  /** Runs in the queue task that found no further record (the hub announces later ones). */
  finished(): void;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Streams the records with fromEpoch >= `fromEpoch` that the hub has announced (toEpoch <= its
 * epoch; later ones reach the socket as announcements), then calls `finished` in the same task.
 */
export async function streamRotations(ctx: RelayContext, hub: RoomHub, target: RotationTarget, fromEpoch: number): Promise<void> {
  const { store, limits } = ctx;
  let cursor = fromEpoch;
  for (;;) {
    if (!target.isCurrent()) return;
    const done = await hub.queue.run(async () => {
      if (!target.isCurrent()) return true;
      await hub.load(store);
      const room = await store.getRoom(hub.room);
      if (room !== null) await hub.observeEpoch(store, room.epoch);
      if (!target.isCurrent()) return true;
      const [record] = await store.readRotations(hub.room, cursor, 1);
      if (record === undefined || record.toEpoch > hub.epoch) {
        target.finished();
        return true;
      }
      target.member.sendFrame(rotationFrame(hub.room, record));
      cursor = record.toEpoch;
      return false;
    });
    if (done) return;
    while (target.isCurrent() && target.bufferedAmount() > limits.catchUpBytesPerFrame) await sleep(2);
  }
}

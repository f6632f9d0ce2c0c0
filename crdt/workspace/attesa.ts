/**
 * @module crdt/workspace/attesa
 * Waiting for a room to reach a state (joined, at a new epoch, outbox drained), bounded in
 * time: key operations talk to the relay and must give an answer even when it never comes.
 */
import type { RoomStatus, RoomSync } from '../sync/roomSync';
import { TERMINAL_PHASES } from '../sync/roomSync';

/** Resolves true as soon as `ok(room.status)` holds, false after `ms` without it. */
export function attendiStanza(room: RoomSync, ok: (s: RoomStatus) => boolean, ms: number): Promise<boolean> {
  if (ok(room.status)) return Promise.resolve(true);
  return new Promise<boolean>((resolve) => {
    const stop = (value: boolean): void => {
      clearTimeout(timer);
      off();
      resolve(value);
    };
    const timer = setTimeout(() => stop(ok(room.status)), ms);
    const off = room.subscribe((e) => {
      if (e.type === 'status' && ok(room.status)) stop(true);
    });
  });
}

/** Live, or in a phase it will not leave by itself. */
export const decisa = (s: RoomStatus): boolean => s.phase === 'live' || s.phase === 'refused' || TERMINAL_PHASES.has(s.phase);

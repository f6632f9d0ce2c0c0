/**
 * @module server/relayContext
 * The seams between the relay's parts: the socket it talks through (any transport: a
 * WebSocket, or a plain object in tests) and what a session needs from the relay around it.
 * Kept in their own file so that relay.ts, session.ts and roomHub.ts do not import each other
 * in a circle.
 */
import type { BlobService } from './blobs/blobService';
import type { LogFields, LogLevel } from './log';
import type { RelayLimits } from './limits';
import type { RoomHub } from './roomHub';
import type { RelayStore } from './store/RelayStore';

/** The transport under one client connection. Frames are whole binary messages. */
export interface RelaySocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued for sending and not yet handed to the network. */
  readonly bufferedAmount: number;
}

/** What a session needs from the relay. */
export interface RelayContext {
  readonly store: RelayStore;
  readonly limits: RelayLimits;
  /** Attachments: blob store, limits, the tickets of the HTTP endpoints (docs/PROTOCOL.md §4.12). */
  readonly blobs: BlobService;
  /** False once shutdown has begun: no new rooms, no new commits. */
  readonly accepting: boolean;
  log(level: LogLevel, event: string, fields?: LogFields): void;
  /** The hub of an active room (created on first use). */
  hub(room: Uint8Array): RoomHub;
  /** Called when a session left `hub`; the relay drops hubs nobody uses. */
  released(hub: RoomHub): void;
  /** Registers work started for a frame, so that shutdown waits for it before closing the store. */
  track(work: Promise<unknown>): void;
}

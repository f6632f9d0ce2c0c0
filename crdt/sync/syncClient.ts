/**
 * @module crdt/sync/syncClient
 * One connection to the relay shared by many rooms: it owns the `Transport`, decodes frames
 * (one validating decoder; bad bytes are reported, never thrown) and routes them to the
 * `RoomSync` of their room. Rooms joining while connected say hello at once; all of them
 * say hello again after every reconnect, with `since` = their head.
 */
import { toHex } from '../../crypto';
import { decodeFrame, encodeFrame, errorCodeName, type Frame } from '../wire';
import type { RoomLog, Transport, TransportState } from './ports';
import { RoomSync, type RoomSyncOptions } from './roomSync';

export interface SyncClientOptions {
  readonly transport: Transport;
  /** Connection-level problems (frames that can't be decoded, errors not tied to a room). */
  readonly onProblem?: (code: string, message: string) => void;
  readonly onState?: (state: TransportState, detail?: { code?: number; reason?: string }) => void;
}

/** Offered every decoded frame before the rooms; returns true when the frame was its own. */
export type FrameListener = (frame: Frame) => boolean;

export class SyncClient {
  private readonly rooms = new Map<string, RoomSync>();
  private readonly frameListeners = new Set<FrameListener>();
  private readonly transport: Transport;

  constructor(private readonly o: SyncClientOptions) {
    this.transport = o.transport;
    this.transport.onFrame((bytes) => this.onFrame(bytes));
    this.transport.onState((state, detail) => {
      if (state === 'open') for (const room of this.rooms.values()) room.connected(this.send);
      else for (const room of this.rooms.values()) room.disconnected();
      o.onState?.(state, detail);
    });
  }

  get state(): TransportState {
    return this.transport.state;
  }

  /** Opens a room from the local store (or from its log already read: `preloaded`) and joins it on the relay. */
  async addRoom(options: RoomSyncOptions, preloaded?: RoomLog): Promise<RoomSync> {
    const room = new RoomSync(options);
    const key = toHex(room.roomBytes);
    if (this.rooms.has(key)) throw new Error('room already added');
    await room.open(preloaded);
    this.rooms.set(key, room);
    if (this.transport.state === 'open') room.connected(this.send);
    return room;
  }

  /** Seals what waits, leaves the room and forgets it. */
  async removeRoom(room: RoomSync): Promise<void> {
    this.rooms.delete(toHex(room.roomBytes));
    await room.close();
    room.disconnected();
  }

  /** Seals every room's pending edits into the store (e.g. on page hide). */
  async flush(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((r) => r.flush()));
  }

  /** Closes every room and the transport. */
  async close(): Promise<void> {
    await Promise.all([...this.rooms.values()].map((r) => r.close()));
    this.rooms.clear();
    this.transport.close();
  }

  /**
   * Lets a desk that speaks over this connection (blob tickets, escrow deposits, an escrow
   * listing) see every frame first: the answers to its own requests, including `error` frames
   * naming its request ids, are consumed there and never reach a room. Returns its removal.
   */
  addFrameListener(listener: FrameListener): () => void {
    this.frameListeners.add(listener);
    return () => this.frameListeners.delete(listener);
  }

  /** Encodes and sends one frame on the connection; false when it is not open. */
  sendFrame(frame: Frame): boolean {
    return this.transport.send(encodeFrame(frame));
  }

  private readonly send = (frame: Uint8Array): boolean => this.transport.send(frame);

  private onFrame(bytes: Uint8Array): void {
    const decoded = decodeFrame(bytes, Number.MAX_SAFE_INTEGER);
    if (!decoded.ok) return this.o.onProblem?.(decoded.code, decoded.message);
    const frame = decoded.value;
    for (const listener of this.frameListeners) if (listener(frame)) return;
    if (!('room' in frame)) return;
    const room = this.rooms.get(toHex(frame.room));
    if (room) return room.handle(frame);
    if (frame.type === 'error') this.o.onProblem?.(errorCodeName(frame.code) ?? `error_${frame.code}`, frame.message);
  }
}

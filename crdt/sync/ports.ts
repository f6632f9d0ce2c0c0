/**
 * @module crdt/sync/ports
 * The two interfaces the sync engine talks to, so the same engine runs in the browser, in
 * Node tests and in benchmarks: `EnvelopeStore` (the device's local log of sealed envelopes)
 * and `Transport` (a frame pipe to the relay). Every implementation, fakes included, passes
 * one contract suite per interface (tests/contracts/).
 */

/** A room's id as base64url text (the store's key; the wire uses the 16 raw bytes). */
export type RoomKey = string & { readonly __brand: 'RoomKey' };

/**
 * One sealed envelope in the local log. `seq` is the relay's sequence number, or null while
 * the envelope is our own and not yet acknowledged (the outbox). Bytes are ciphertext only.
 */
export interface LogEntry {
  /** Envelope id (BLAKE2b-128 of the bytes) as hex. */
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly seq: number | null;
}

/** The room's latest snapshot envelope and the relay seq it covers. */
export interface StoredSnapshot {
  readonly id: string;
  readonly bytes: Uint8Array;
  readonly covers: number;
}

/** Everything a room holds on this device, in the order to apply it. */
export interface RoomLog {
  readonly snapshot: StoredSnapshot | undefined;
  /** Acknowledged entries with seq > snapshot.covers in seq order, then pending ones in the order they were appended. */
  readonly entries: readonly LogEntry[];
}

/**
 * The device's local log. Writes resolve only once durable. Implementations:
 * in-memory (tests, benches) and IndexedDB (the PWA).
 */
export interface EnvelopeStore {
  /** Snapshot plus log of one room (an empty log for an unknown room). */
  loadRoom(room: RoomKey): Promise<RoomLog>;
  /**
   * `loadRoom` of many rooms at once (a device opening all its cartelle): one read for all of
   * them instead of one per room. Every room asked for is in the result (unknown: an empty log).
   */
  loadRooms(rooms: readonly RoomKey[]): Promise<Map<RoomKey, RoomLog>>;
  /** Adds entries; an id already present is left as it is (idempotent). */
  append(room: RoomKey, entries: readonly LogEntry[]): Promise<void>;
  /** Gives pending entries their relay seq (they leave the outbox). Unknown ids are ignored. */
  acknowledge(room: RoomKey, acks: ReadonlyArray<{ id: string; seq: number }>): Promise<void>;
  /**
   * Stores a newer snapshot and drops acknowledged entries with seq <= covers. Pending entries
   * stay. An older snapshot than the stored one is ignored.
   */
  compact(room: RoomKey, snapshot: StoredSnapshot): Promise<void>;
  /** Drops pending entries (the outbox re-sealed under new clocks). Acknowledged entries are never removed. */
  remove(room: RoomKey, ids: readonly string[]): Promise<void>;
  /** Rooms with anything stored. */
  listRooms(): Promise<RoomKey[]>;
  /** Releases resources (closing a database). */
  close(): Promise<void>;
}

/** Connection state reported by a transport. */
export type TransportState = 'connecting' | 'open' | 'closed';

/**
 * A pipe of binary frames to the relay. One transport carries many rooms. `send` on a
 * transport that is not open returns false and drops the frame (the engine re-sends what
 * matters from its outbox after the next `open`).
 */
export interface Transport {
  readonly state: TransportState;
  send(frame: Uint8Array): boolean;
  /** Registers the handler of incoming frames (one handler: the engine). */
  onFrame(handler: (frame: Uint8Array) => void): void;
  /** Registers the handler of state changes. */
  onState(handler: (state: TransportState, detail?: { code?: number; reason?: string }) => void): void;
  /** Stops for good (no reconnect). */
  close(): void;
}

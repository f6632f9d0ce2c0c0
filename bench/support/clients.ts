/**
 * The clients the benchmarks drive, behind one small interface: a Cartella device (identity,
 * room key, in-memory envelope store, `SyncClient` over a real WebSocket — the same parts as
 * tests/support/cartellaClient.ts, kept here so the bench does not depend on the tests), a
 * y-websocket `WebsocketProvider` (disableBc, so nothing bypasses the server) and a Hocuspocus
 * provider. Every socket is built through a counting subclass of `ws` so frames and bytes
 * received are measured the same way for all three.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import {
  derivePartSubkeys, generateDeviceIdentity, generatePartKey, generateRoomId, type DeviceIdentity, type PartSubkeys, type RoomId,
} from '../../crypto';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import type { RoomEvent, RoomPhase, RoomSync, RoomSyncOptions } from '../../crdt/sync/roomSync';
import { SyncClient } from '../../crdt/sync/syncClient';
import { makeWebSocketTransport, type WebSocketConstructor } from '../../crdt/sync/webSocketTransport';
import type { ServerKind } from './processes';

/** Frames and bytes received (and frames sent) by the sockets of one counter. */
export interface WireCounter {
  framesIn: number;
  bytesIn: number;
  framesOut: number;
  bytesOut: number;
  /** Optional look at every received message (e.g. to tally Cartella frame types). */
  inspect?: (bytes: Uint8Array) => void;
}

export const newCounter = (): WireCounter => ({ framesIn: 0, bytesIn: 0, framesOut: 0, bytesOut: 0 });

/** What a Cartella client received, by frame type: snapshot frames and envelopes inside `envelopes` frames. */
export interface CartellaTally {
  snapshots: number;
  snapshotBytes: number;
  envelopeFrames: number;
  envelopes: number;
  /** performance.now() when the first frame of each type arrived (challenge, snapshot, envelopes, synced). */
  firstAt: Partial<Record<'challenge' | 'snapshot' | 'envelopes' | 'synced', number>>;
  /** performance.now() when the last `envelopes` frame arrived. */
  lastEnvelopesAt?: number;
}

const FRAME_NAMES: Partial<Record<number, keyof CartellaTally['firstAt']>> = { 0x02: 'challenge', 0x0c: 'snapshot', 0x05: 'envelopes', 0x06: 'synced' };

/** Makes `counter` tally Cartella frames (docs/PROTOCOL.md §5: 0x0c snapshot, 0x05 envelopes with u32 count at 17). */
export function tallyCartellaFrames(counter: WireCounter): CartellaTally {
  const tally: CartellaTally = { snapshots: 0, snapshotBytes: 0, envelopeFrames: 0, envelopes: 0, firstAt: {} };
  counter.inspect = (bytes) => {
    const name = FRAME_NAMES[bytes[0] ?? -1];
    if (name !== undefined) tally.firstAt[name] ??= performance.now();
    if (name === 'envelopes') tally.lastEnvelopesAt = performance.now();
    if (bytes[0] === 0x0c) {
      tally.snapshots++;
      tally.snapshotBytes += bytes.byteLength;
    } else if (bytes[0] === 0x05 && bytes.byteLength >= 21) {
      tally.envelopeFrames++;
      tally.envelopes += new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(17);
    }
  };
  return tally;
}

function rawSize(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.byteLength, 0);
  return data.byteLength;
}

function byteLength(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data);
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return data.byteLength;
  return 0;
}

export type CountingWebSocketClass = new (address: string, protocols?: string | string[]) => WebSocket;

/** A `ws` WebSocket class that counts into `counter`. */
export function countingWebSocket(counter: WireCounter): CountingWebSocketClass {
  return class CountingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: WebSocket.RawData) => {
        counter.framesIn++;
        counter.bytesIn += rawSize(data);
        if (counter.inspect) {
          if (Array.isArray(data)) counter.inspect(Buffer.concat(data));
          else counter.inspect(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
        }
      });
    }

    override send(data: unknown, ...rest: unknown[]): void {
      counter.framesOut++;
      counter.bytesOut += byteLength(data);
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  };
}

/** One shared document: the Cartella room secret and the baselines' room name. */
export interface BenchRoom {
  readonly name: string;
  readonly roomId: RoomId;
  readonly key: Uint8Array;
  readonly epoch: number;
  readonly subkeys: PartSubkeys;
}

let roomCounter = 0;
export function newRoom(prefix = 'bench'): BenchRoom {
  const key = generatePartKey();
  return { name: `${prefix}-${process.pid}-${++roomCounter}`, roomId: generateRoomId(), key, epoch: 1, subkeys: derivePartSubkeys(key) };
}

/** A client of one document, whatever the server. */
export interface BenchClient {
  readonly kind: ServerKind;
  readonly doc: Y.Doc;
  readonly counter: WireCounter;
  /** True once the client reports synced (baselines) or live (Cartella). */
  isReady(): boolean;
  /** Calls `fn` whenever readiness may have changed. */
  onReadyChange(fn: () => void): void;
  /** Problems reported by the engine (Cartella) — a correct run has none. */
  readonly problems: string[];
  close(): Promise<void>;
  /** Cartella only: the room engine (status, pending). */
  readonly room?: RoomSync;
}

export interface ClientOptions {
  readonly counter?: WireCounter;
  readonly doc?: Y.Doc;
  /** Cartella: engine options (batch interval, snapshotEvery…). Defaults are the production ones. */
  readonly engine?: Partial<Pick<RoomSyncOptions, 'batchIntervalMs' | 'snapshotEvery' | 'offlineBatchMs'>>;
  /** Cartella: the device identity (generated when absent). */
  readonly identity?: DeviceIdentity;
}

export async function makeClient(kind: ServerKind, wsBase: string, room: BenchRoom, options: ClientOptions = {}): Promise<BenchClient> {
  switch (kind) {
    case 'cartella':
      return makeCartellaClient(wsBase, room, options);
    case 'y-websocket':
      return makeYWebsocketClient(wsBase, room, options);
    case 'hocuspocus':
      return makeHocuspocusClient(wsBase, room, options);
  }
}

/** Engine options for one room of a Cartella device. */
function roomOptions(room: BenchRoom, doc: Y.Doc, identity: DeviceIdentity, options: ClientOptions, onEvent: (e: RoomEvent) => void): RoomSyncOptions {
  return {
    ...options.engine,
    doc,
    store: makeMemoryEnvelopeStore(),
    keys: { roomId: room.roomId, epoch: room.epoch, subkeysForEpoch: (e) => (e === room.epoch ? room.subkeys : undefined) },
    author: identity,
    onEvent,
  };
}

async function makeCartellaClient(wsBase: string, room: BenchRoom, options: ClientOptions): Promise<BenchClient> {
  const counter = options.counter ?? newCounter();
  const doc = options.doc ?? new Y.Doc();
  const identity = options.identity ?? generateDeviceIdentity();
  const problems: string[] = [];
  const listeners: Array<() => void> = [];
  let phase: RoomPhase = 'offline';
  const transport = makeWebSocketTransport({ url: `${wsBase}/sync`, WebSocket: countingWebSocket(counter) as unknown as WebSocketConstructor });
  const client = new SyncClient({ transport, onProblem: (code, message) => problems.push(`${code}: ${message}`) });
  const roomSync = await client.addRoom(
    roomOptions(room, doc, identity, options, (e) => {
      if (e.type === 'problem') problems.push(`${e.code}: ${e.message}`);
      else if (e.status.phase !== phase) {
        phase = e.status.phase;
        for (const fn of listeners) fn();
      }
    }),
  );
  return {
    kind: 'cartella',
    doc,
    counter,
    problems,
    room: roomSync,
    isReady: () => roomSync.status.phase === 'live',
    onReadyChange: (fn) => listeners.push(fn),
    close: () => client.close(),
  };
}

function makeYWebsocketClient(wsBase: string, room: BenchRoom, options: ClientOptions): BenchClient {
  const counter = options.counter ?? newCounter();
  const doc = options.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(wsBase, room.name, doc, {
    WebSocketPolyfill: countingWebSocket(counter) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  return {
    kind: 'y-websocket',
    doc,
    counter,
    problems: [],
    isReady: () => provider.synced,
    onReadyChange: (fn) => provider.on('sync', () => fn()),
    close: async () => {
      provider.destroy();
    },
  };
}

function makeHocuspocusClient(wsBase: string, room: BenchRoom, options: ClientOptions): BenchClient {
  const counter = options.counter ?? newCounter();
  const doc = options.doc ?? new Y.Doc();
  const socket = new HocuspocusProviderWebsocket({ url: wsBase, WebSocketPolyfill: countingWebSocket(counter) });
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: room.name, document: doc });
  provider.attach();
  return {
    kind: 'hocuspocus',
    doc,
    counter,
    problems: [],
    isReady: () => provider.synced,
    onReadyChange: (fn) => provider.on('synced', () => fn()),
    close: async () => {
      provider.destroy();
      socket.destroy();
    },
  };
}

/**
 * Several rooms over a few shared sockets (memory benchmark): Cartella multiplexes rooms on
 * one `SyncClient`; Hocuspocus attaches several providers to one `HocuspocusProviderWebsocket`.
 * y-websocket has one socket per document by design (returns undefined).
 */
export interface SharedSocketGroup {
  addRoom(room: BenchRoom): Promise<() => boolean>;
  close(): Promise<void>;
}

export function makeSharedSocketGroup(kind: ServerKind, wsBase: string): SharedSocketGroup | undefined {
  if (kind === 'y-websocket') return undefined;
  const counter = newCounter();
  if (kind === 'cartella') {
    const identity = generateDeviceIdentity();
    const transport = makeWebSocketTransport({ url: `${wsBase}/sync`, WebSocket: countingWebSocket(counter) as unknown as WebSocketConstructor });
    const client = new SyncClient({ transport });
    return {
      async addRoom(room) {
        const sync = await client.addRoom(roomOptions(room, new Y.Doc(), identity, {}, () => {}));
        return () => sync.status.phase === 'live';
      },
      close: () => client.close(),
    };
  }
  const socket = new HocuspocusProviderWebsocket({ url: wsBase, WebSocketPolyfill: countingWebSocket(counter) });
  const providers: HocuspocusProvider[] = [];
  return {
    async addRoom(room) {
      const provider = new HocuspocusProvider({ websocketProvider: socket, name: room.name, document: new Y.Doc() });
      provider.attach();
      providers.push(provider);
      return () => provider.synced;
    },
    async close() {
      for (const p of providers) p.destroy();
      socket.destroy();
    },
  };
}

/** Resolves when `check` holds (re-checked on `onChange` and every `pollMs`), or rejects after `timeoutMs`. */
export function waitFor(check: () => boolean, what: string, timeoutMs: number, pollMs = 5, onChange?: (fn: () => void) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      clearInterval(poll);
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    const test = (): void => {
      if (!done && check()) finish();
    };
    const poll = setInterval(test, pollMs);
    const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    onChange?.(test);
  });
}

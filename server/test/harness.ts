/**
 * @module server/test/harness
 * Test support for the relay: rooms with real keys, authors that seal real envelopes, and a
 * `ws` client that decodes frames and lets a test await them in order. Test-only: it imports
 * crypto's sealing side, which the relay itself never does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, errorCodeName, PROTOCOL_VERSION } from '../../crdt/wire';
import type { Frame } from '../../crdt/wire';
import {
  derivePartSubkeys,
  generateDeviceIdentity,
  generatePartKey,
  generateRoomId,
  sealEnvelope,
  signRelayAuth,
  signRoomCreate,
  signRoomRotate,
} from '../../crypto';
import type { DeviceIdentity, PartSubkeys, RoomId, SnapshotHeader } from '../../crypto';
import { createRelayServer } from '../app';
import type { RelayServer, RelayServerOptions } from '../app';

export type FrameOf<T extends Frame['type']> = Extract<Frame, { type: T }>;

/** A room with its part key material at one epoch, as a client holding that key has it. */
export class TestRoom {
  readonly roomId: RoomId;
  readonly epoch: number;
  readonly subkeys: PartSubkeys;

  constructor(epoch = 1, roomId: RoomId = generateRoomId(), subkeys: PartSubkeys = derivePartSubkeys(generatePartKey())) {
    this.roomId = roomId;
    this.epoch = epoch;
    this.subkeys = subkeys;
  }

  /** The same room at the next epoch, with a fresh random part key (what a rotation makes). */
  next(): TestRoom {
    return new TestRoom(this.epoch + 1, this.roomId);
  }

  /** A device writing to this room (its own clock). */
  author(): TestAuthor {
    return new TestAuthor(this);
  }
}

/** One device's identity and update clock in one room. */
export class TestAuthor {
  readonly identity: DeviceIdentity = generateDeviceIdentity();
  clock = 0;
  readonly #room: TestRoom;

  constructor(room: TestRoom) {
    this.#room = room;
  }

  /** The next update envelope (clock + 1) with `size` bytes of plaintext. */
  update(size = 64, over: { clock?: number; epoch?: number; roomId?: RoomId; subkeys?: PartSubkeys } = {}): Uint8Array {
    const clock = over.clock ?? ++this.clock;
    return sealEnvelope({
      kind: 'update',
      roomId: over.roomId ?? this.#room.roomId,
      epoch: over.epoch ?? this.#room.epoch,
      clock,
      author: this.identity,
      subkeys: over.subkeys ?? this.#room.subkeys,
      plaintext: new Uint8Array(size).fill(0x61),
    });
  }

  /** A snapshot envelope naming `parent` and covering seqs up to `covers`. */
  snapshot(parent: Uint8Array, covers: number, id: Uint8Array = randomId(), room: TestRoom = this.#room): Uint8Array {
    const snapshot: SnapshotHeader = { id, parent, covers, coveredClocks: [] };
    return sealEnvelope({
      kind: 'snapshot',
      roomId: room.roomId,
      epoch: room.epoch,
      clock: 0,
      snapshot,
      author: this.identity,
      subkeys: room.subkeys,
      plaintext: new TextEncoder().encode('stato completo'),
    });
  }

  /** An awareness envelope. */
  ephemeral(): Uint8Array {
    return sealEnvelope({
      kind: 'ephemeral',
      roomId: this.#room.roomId,
      epoch: this.#room.epoch,
      clock: Date.now() * 1000 + Math.floor(Math.random() * 1000),
      author: this.identity,
      subkeys: this.#room.subkeys,
      plaintext: new TextEncoder().encode('{"cursor":3}'),
    });
  }
}

export function randomId(): Uint8Array {
  return new Uint8Array(16).map(() => Math.floor(Math.random() * 256));
}

/** Describes a frame for assertion messages (error frames by code name). */
export function describeFrame(frame: Frame): string {
  if (frame.type === 'error') return `error ${errorCodeName(frame.code) ?? frame.code}: ${frame.message}`;
  return frame.type;
}

/** A `ws` client speaking frames. Frames are queued; tests take them in order. */
export class TestClient {
  readonly ws: WebSocket;
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Encoded size of each received frame. */
  readonly sizes = new WeakMap<Frame, number>();
  /** Messages from the relay that were not valid frames (must stay empty). */
  readonly violations: string[] = [];
  readonly #queue: Frame[] = [];
  /** The last challenge nonce per room (hex), which a rotation signs over. */
  readonly #nonces = new Map<string, Uint8Array>();
  #wake: (() => void) | undefined;
  #closeInfo: { code: number; reason: string } | undefined;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.#closeInfo = { code, reason: reason.toString() };
        resolve(this.#closeInfo);
        this.#wake?.();
      });
    });
    ws.on('message', (data: Buffer, isBinary) => {
      const decoded = isBinary
        ? decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 64 * 1024 * 1024)
        : ({ ok: false, message: 'a text message' } as const);
      if (decoded.ok) {
        this.#queue.push(decoded.value);
        this.sizes.set(decoded.value, data.byteLength);
      }
      else this.violations.push(`the relay sent ${decoded.message}`);
      this.#wake?.();
    });
  }

  static async connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(frame: Frame): void {
    this.ws.send(encodeFrame(frame));
  }

  sendRaw(bytes: Uint8Array | string): void {
    this.ws.send(bytes);
  }

  /** Frames received and not yet taken. */
  get pending(): readonly Frame[] {
    return this.#queue;
  }

  /** The next frame, waiting up to `timeoutMs`. */
  async next(timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.#queue.length === 0) {
      if (this.violations.length > 0) throw new Error(this.violations.join('; '));
      if (this.#closeInfo !== undefined) throw new Error(`socket closed (${this.#closeInfo.code} ${this.#closeInfo.reason}) while waiting for a frame`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('timed out waiting for a frame');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
    return this.#queue.shift() as Frame;
  }

  /** The next frame, which must be of `type`. */
  async expect<T extends Frame['type']>(type: T, timeoutMs?: number): Promise<FrameOf<T>> {
    const frame = await this.next(timeoutMs);
    if (frame.type !== type) throw new Error(`expected a ${type} frame, got ${describeFrame(frame)}`);
    return frame as FrameOf<T>;
  }

  /** The next frame, which must be an error with this code name. */
  async expectError(code: string, timeoutMs?: number): Promise<FrameOf<'error'>> {
    const frame = await this.expect('error', timeoutMs);
    if (errorCodeName(frame.code) !== code) throw new Error(`expected error ${code}, got ${describeFrame(frame)}`);
    return frame;
  }

  /** Waits `ms` and returns what arrived meanwhile (tests assert it is empty). */
  async quiet(ms = 150): Promise<Frame[]> {
    await new Promise((r) => setTimeout(r, ms));
    return this.#queue.splice(0);
  }

  /** Says hello and returns the challenge. */
  async hello(room: TestRoom | Uint8Array, since = 0): Promise<FrameOf<'challenge'>> {
    const roomId = room instanceof TestRoom ? room.roomId : room;
    this.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: roomId, since });
    const challenge = await this.expect('challenge');
    this.#nonces.set(Buffer.from(roomId).toString('hex'), challenge.nonce.slice());
    return challenge;
  }

  /** The nonce of this socket's last challenge for `room`. */
  nonceOf(room: TestRoom): Uint8Array {
    const nonce = this.#nonces.get(Buffer.from(room.roomId).toString('hex'));
    if (nonce === undefined) throw new Error('no challenge for this room on this socket');
    return nonce;
  }

  /** Sends `rotate` from `from` to `to` (signed with from's key over this socket's challenge). */
  sendRotate(from: TestRoom, to: TestRoom, keyBoxes: Uint8Array = new Uint8Array(300).fill(0x6b)): void {
    const newKey = to.subkeys.relayAuth.publicKey;
    this.send({
      type: 'rotate',
      room: from.roomId,
      fromEpoch: from.epoch,
      toEpoch: to.epoch,
      newRelayAuthPublicKey: newKey,
      signature: signRoomRotate(from.subkeys.relayAuth.privateKey, from.roomId, from.epoch, to.epoch, newKey, keyBoxes, this.nonceOf(from)),
      keyBoxes,
    });
  }

  /** hello + auth with a key the room rotated away from: the rotation records until `key_rotated`. */
  async joinStale(room: TestRoom, since = 0): Promise<FrameOf<'rotation'>[]> {
    const challenge = await this.hello(room, since);
    this.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, challenge.nonce) });
    const records: FrameOf<'rotation'>[] = [];
    for (;;) {
      const frame = await this.next();
      if (frame.type === 'rotation') records.push(frame);
      else if (frame.type === 'error' && errorCodeName(frame.code) === 'key_rotated') return records;
      else throw new Error(`expected rotation records and key_rotated, got ${describeFrame(frame)}`);
    }
  }

  /** hello + create; returns the frames up to and including `synced`. */
  async create(room: TestRoom): Promise<Frame[]> {
    const challenge = await this.hello(room);
    const { publicKey, privateKey } = room.subkeys.relayAuth;
    this.send({
      type: 'create',
      room: room.roomId,
      epoch: room.epoch,
      relayAuthPublicKey: publicKey,
      signature: signRoomCreate(privateKey, room.roomId, room.epoch, publicKey, challenge.nonce),
    });
    return this.untilSynced();
  }

  /** hello + auth; returns the frames up to and including `synced`. */
  async join(room: TestRoom, since = 0): Promise<Frame[]> {
    const challenge = await this.hello(room, since);
    this.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, challenge.nonce) });
    return this.untilSynced();
  }

  /** Collects frames until `synced` (included). */
  async untilSynced(timeoutMs = 10_000): Promise<Frame[]> {
    const frames: Frame[] = [];
    for (;;) {
      const frame = await this.next(timeoutMs);
      frames.push(frame);
      if (frame.type === 'synced') return frames;
      if (frame.type === 'error') throw new Error(`refused during catch-up: ${describeFrame(frame)}`);
    }
  }

  /** Pushes and waits for the ack. */
  async push(room: TestRoom, envelopes: Uint8Array[]): Promise<FrameOf<'ack'>> {
    this.send({ type: 'push', room: room.roomId, envelopes });
    return this.expect('ack');
  }

  close(): void {
    this.ws.close();
  }
}

/** A relay on 127.0.0.1, port 0, with its SQLite file in a fresh temp folder. */
export interface TestRelay {
  readonly server: RelayServer;
  readonly wsUrl: string;
  readonly dataDir: string;
  connect(): Promise<TestClient>;
  /** Closes clients, the relay, and removes the folder. */
  stop(): Promise<void>;
}

export async function startTestRelay(options: Partial<RelayServerOptions> = {}): Promise<TestRelay> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cartella-relay-'));
  const server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir, staticDir: join(dataDir, 'no-dist'), ...options });
  const wsUrl = `${server.url.replace('http', 'ws')}/sync`;
  const clients: TestClient[] = [];
  return {
    server,
    wsUrl,
    dataDir,
    async connect() {
      const client = await TestClient.connect(wsUrl);
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) client.ws.terminate();
      await server.close();
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

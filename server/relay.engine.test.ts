/**
 * The relay engine without a network: fake sockets driven frame by frame. Covers what real
 * sockets make hard to stage — several relay processes sharing one store, a failing store,
 * a commit in flight during shutdown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, decodeFrame, encodeFrame, errorCodeName, PROTOCOL_VERSION, ZERO_ID } from '../crdt/wire';
import type { Frame } from '../crdt/wire';
import { initSodium, signRelayAuth, signRoomCreate } from '../crypto';
import { Relay } from './relay';
import type { RelayConnection, RelaySocket } from './relay';
import { MemoryRelayBackend, MemoryRelayStore } from './store/memoryRelayStore';
import type { RelayStore } from './store/RelayStore';
import { TestRoom } from './test/harness';
import type { FrameOf } from './test/harness';

beforeAll(async () => {
  await initSodium();
});

/** A socket that records what the relay sends. */
class FakeSocket implements RelaySocket {
  readonly frames: Frame[] = [];
  closedWith: { code: number; reason: string } | undefined;
  bufferedAmount = 0;
  #taken = 0;
  readonly connection: RelayConnection;

  constructor(relay: Relay) {
    this.connection = relay.connect(this);
  }

  send(bytes: Uint8Array): void {
    const decoded = decodeFrame(bytes, 64 * 1024 * 1024);
    if (!decoded.ok) throw new Error(decoded.message);
    this.frames.push(decoded.value);
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  deliver(frame: Frame): void {
    this.connection.receive(encodeFrame(frame));
  }

  /** Waits for the next frame not taken yet. */
  async next<T extends Frame['type']>(type: T): Promise<FrameOf<T>> {
    for (let i = 0; i < 500 && this.frames.length <= this.#taken; i++) await new Promise((r) => setTimeout(r, 2));
    const frame = this.frames[this.#taken++];
    if (frame === undefined) throw new Error(`no ${type} frame arrived`);
    if (frame.type !== type) {
      throw new Error(`expected ${type}, got ${frame.type === 'error' ? `error ${errorCodeName(frame.code)}` : frame.type}`);
    }
    return frame as FrameOf<T>;
  }

  async create(room: TestRoom): Promise<void> {
    this.deliver({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: room.roomId, since: 0 });
    const { nonce } = await this.next('challenge');
    const { publicKey, privateKey } = room.subkeys.relayAuth;
    this.deliver({ type: 'create', room: room.roomId, epoch: 1, relayAuthPublicKey: publicKey, signature: signRoomCreate(privateKey, room.roomId, 1, publicKey, nonce) });
    await this.next('synced');
  }

  async join(room: TestRoom): Promise<void> {
    this.deliver({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: room.roomId, since: 0 });
    const { nonce } = await this.next('challenge');
    this.deliver({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, nonce) });
    for (;;) {
      const frame = this.frames[this.#taken];
      if (frame?.type === 'synced') {
        this.#taken++;
        return;
      }
      if (frame !== undefined) this.#taken++;
      else await new Promise((r) => setTimeout(r, 2));
    }
  }
}

/** A store whose appends can be held back or made to fail. */
class ControlledStore extends MemoryRelayStore {
  failNext = false;
  gate: Promise<void> | undefined;

  override async append(...args: Parameters<RelayStore['append']>): ReturnType<RelayStore['append']> {
    if (this.gate !== undefined) await this.gate;
    if (this.failNext) {
      this.failNext = false;
      throw new Error('disk I/O error');
    }
    return super.append(...args);
  }
}

describe('relay engine', () => {
  it('fans out across relay processes that share one store, in seq order', async () => {
    const backend = new MemoryRelayBackend();
    const one = new Relay({ store: new MemoryRelayStore(backend) });
    const two = new Relay({ store: new MemoryRelayStore(backend) });
    const room = new TestRoom();
    const a = new FakeSocket(one);
    await a.create(room);
    const b = new FakeSocket(two);
    await b.join(room);
    const c = new FakeSocket(two);
    await c.join(room);
    const writerA = room.author();
    const writerC = room.author();
    a.deliver({ type: 'push', room: room.roomId, envelopes: [writerA.update(), writerA.update()] });
    c.deliver({ type: 'push', room: room.roomId, envelopes: [writerC.update()] });
    await a.next('ack');
    await c.next('ack');
    const seen: number[] = [];
    while (seen.length < 3) seen.push(...(await b.next('envelopes')).items.map((i) => i.seq));
    expect(seen).toEqual([1, 2, 3]);
    const seenByA: number[] = [];
    while (seenByA.length < 1) seenByA.push(...(await a.next('envelopes')).items.map((i) => i.seq));
    expect(seenByA).toHaveLength(1);
  });

  it('answers a storage failure with internal, acks nothing, and carries on', async () => {
    const store = new ControlledStore();
    const relay = new Relay({ store });
    const room = new TestRoom();
    const socket = new FakeSocket(relay);
    await socket.create(room);
    const author = room.author();
    store.failNext = true;
    const lost = author.update();
    socket.deliver({ type: 'push', room: room.roomId, envelopes: [lost] });
    const error = await socket.next('error');
    expect(errorCodeName(error.code)).toBe('internal');
    expect(Buffer.from(error.envelopeId)).toEqual(Buffer.from(ZERO_ID));
    socket.deliver({ type: 'push', room: room.roomId, envelopes: [lost] });
    expect((await socket.next('ack')).items.map((i) => i.seq)).toEqual([1]);
  });

  it('finishes a commit in flight before closing sockets with 1012 on shutdown, and refuses new pushes', async () => {
    const store = new ControlledStore();
    const relay = new Relay({ store });
    const room = new TestRoom();
    const socket = new FakeSocket(relay);
    await socket.create(room);
    const author = room.author();
    let open!: () => void;
    store.gate = new Promise((resolve) => (open = resolve));
    socket.deliver({ type: 'push', room: room.roomId, envelopes: [author.update()] });
    await new Promise((r) => setTimeout(r, 10));
    const stopped = relay.shutdown();
    socket.deliver({ type: 'push', room: room.roomId, envelopes: [author.update()] });
    expect(errorCodeName((await socket.next('error')).code)).toBe('shutting_down');
    expect(socket.closedWith).toBeUndefined();
    open();
    await stopped;
    expect((await socket.next('ack')).items.map((i) => i.seq)).toEqual([1]);
    expect(socket.closedWith?.code).toBe(CloseCode.restart);
    expect((await store.getRoom(room.roomId))?.head).toBe(1);
    const late = new FakeSocket(relay);
    expect(late.closedWith?.code).toBe(CloseCode.restart);
  });

  it('closes a live socket whose send queue passes the limit with backpressure and 1013', async () => {
    const relay = new Relay({ store: new MemoryRelayStore(), limits: { maxPendingBytes: 10_000 } });
    const room = new TestRoom();
    const writer = new FakeSocket(relay);
    await writer.create(room);
    const reader = new FakeSocket(relay);
    await reader.join(room);
    reader.bufferedAmount = 20_000;
    writer.deliver({ type: 'push', room: room.roomId, envelopes: [room.author().update()] });
    await writer.next('ack');
    await reader.next('envelopes');
    expect(errorCodeName((await reader.next('error')).code)).toBe('backpressure');
    expect(reader.closedWith?.code).toBe(CloseCode.tryAgainLater);
    expect(relay.stats().rooms).toBe(1);
  });

  it('drops a room hub once its last socket is gone', async () => {
    const relay = new Relay({ store: new MemoryRelayStore() });
    const room = new TestRoom();
    const socket = new FakeSocket(relay);
    await socket.create(room);
    expect(relay.stats()).toEqual({ sockets: 1, rooms: 1 });
    socket.connection.closed(1000);
    await new Promise((r) => setTimeout(r, 10));
    expect(relay.stats()).toEqual({ sockets: 0, rooms: 0 });
  });
});

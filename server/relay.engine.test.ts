/**
 * The relay engine without a network: fake sockets driven frame by frame. Covers what real
 * sockets make hard to stage — several relay processes sharing one store, a failing store,
 * a commit in flight during shutdown.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, decodeFrame, encodeFrame, errorCodeName, PROTOCOL_VERSION, ZERO_ID } from '../crdt/wire';
import type { Frame } from '../crdt/wire';
import { initSodium, signRelayAuth, signRoomCreate, signRoomRotate } from '../crypto';
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
  /** The nonce of the last challenge this socket got (a rotation signs over it). */
  nonce: Uint8Array = new Uint8Array(32);
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
    this.nonce = nonce.slice();
    const { publicKey, privateKey } = room.subkeys.relayAuth;
    this.deliver({ type: 'create', room: room.roomId, epoch: 1, relayAuthPublicKey: publicKey, signature: signRoomCreate(privateKey, room.roomId, 1, publicKey, nonce) });
    await this.next('synced');
  }

  async join(room: TestRoom): Promise<void> {
    this.deliver({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: room.roomId, since: 0 });
    const { nonce } = await this.next('challenge');
    this.nonce = nonce.slice();
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

  /** Sends `rotate` from `from` to `to`, signed with from's key over this socket's challenge. */
  rotate(from: TestRoom, to: TestRoom, keyBoxes = new Uint8Array(100).fill(1)): void {
    const newKey = to.subkeys.relayAuth.publicKey;
    const signature = signRoomRotate(from.subkeys.relayAuth.privateKey, from.roomId, from.epoch, to.epoch, newKey, keyBoxes, this.nonce);
    this.deliver({ type: 'rotate', room: from.roomId, fromEpoch: from.epoch, toEpoch: to.epoch, newRelayAuthPublicKey: newKey, signature, keyBoxes });
  }

  /** Frames received and not taken yet (waits briefly so that in-flight work lands). */
  async rest(): Promise<Frame[]> {
    await new Promise((r) => setTimeout(r, 30));
    const rest = this.frames.slice(this.#taken);
    this.#taken = this.frames.length;
    return rest;
  }
}

/** A store of one process that never hears other processes' commits (no subscribe). */
class DeafStore extends MemoryRelayStore {
  override readonly subscribe = undefined;
}

/** A store whose appends can be held back or made to fail, and whose next room read can be held. */
class ControlledStore extends MemoryRelayStore {
  failNext = false;
  gate: Promise<void> | undefined;
  /** Holds the next getRoom's answer (read at call time) until this promise settles. */
  holdNextRead: Promise<void> | undefined;

  override async getRoom(...args: Parameters<RelayStore['getRoom']>): ReturnType<RelayStore['getRoom']> {
    const hold = this.holdNextRead;
    this.holdNextRead = undefined;
    const room = await super.getRoom(...args);
    if (hold !== undefined) await hold;
    return room;
  }

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

  it('cuts old-key sockets of another relay process when a rotation commits there, before its new envelopes', async () => {
    const backend = new MemoryRelayBackend();
    const one = new Relay({ store: new MemoryRelayStore(backend) });
    const two = new Relay({ store: new MemoryRelayStore(backend) });
    const room = new TestRoom();
    const next = room.next();
    const a = new FakeSocket(one);
    await a.create(room);
    const b = new FakeSocket(two);
    await b.join(room);
    a.rotate(room, next, new Uint8Array(50).fill(9));
    expect(await a.next('rotated')).toMatchObject({ epoch: 2 });
    expect(await b.next('rotation')).toMatchObject({ fromEpoch: 1, toEpoch: 2, keyBoxes: new Uint8Array(50).fill(9) });
    expect(errorCodeName((await b.next('error')).code)).toBe('key_rotated');
    const c = new FakeSocket(two);
    await c.join(next);
    a.deliver({ type: 'push', room: room.roomId, envelopes: [next.author().update()] });
    await a.next('ack');
    expect((await c.next('envelopes')).items.map((i) => i.seq)).toEqual([1]);
    expect(await b.rest()).toEqual([]);
  });

  it("refuses a push from an old-key socket on a process that has not heard of the rotation yet (key_rotated), storing nothing", async () => {
    const backend = new MemoryRelayBackend();
    const one = new Relay({ store: new MemoryRelayStore(backend) });
    const two = new Relay({ store: new DeafStore(backend) });
    const room = new TestRoom();
    const next = room.next();
    const a = new FakeSocket(one);
    await a.create(room);
    const removed = new FakeSocket(two);
    await removed.join(room);
    a.rotate(room, next);
    await a.next('rotated');
    // A removed member labels an envelope with the new epoch; the relay cannot tell its key.
    const forged = room.author().update(64, { epoch: 2 });
    removed.deliver({ type: 'push', room: room.roomId, envelopes: [forged] });
    expect(await removed.next('rotation')).toMatchObject({ toEpoch: 2 });
    expect(errorCodeName((await removed.next('error')).code)).toBe('key_rotated');
    const refusal = await removed.next('error');
    expect(errorCodeName(refusal.code)).toBe('key_rotated');
    expect(Buffer.from(refusal.envelopeId)).toEqual(Buffer.from(ZERO_ID));
    expect((await new MemoryRelayStore(backend).getRoom(room.roomId))?.head).toBe(0);
  });

  it('turns a socket that proved the old key just before a rotation into an old-key socket at its first catch-up step', async () => {
    const store = new ControlledStore();
    const relay = new Relay({ store });
    const room = new TestRoom();
    const next = room.next();
    const a = new FakeSocket(relay);
    await a.create(room);
    const late = new FakeSocket(relay);
    late.deliver({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: room.roomId, since: 0 });
    const { nonce } = await late.next('challenge');
    let release!: () => void;
    store.holdNextRead = new Promise((resolve) => (release = resolve));
    late.deliver({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, nonce) });
    await new Promise((r) => setTimeout(r, 10));
    a.rotate(room, next);
    await a.next('rotated');
    release();
    expect(await late.next('rotation')).toMatchObject({ fromEpoch: 1, toEpoch: 2 });
    expect(errorCodeName((await late.next('error')).code)).toBe('key_rotated');
    a.deliver({ type: 'push', room: room.roomId, envelopes: [next.author().update()] });
    await a.next('ack');
    expect(await late.rest()).toEqual([]);
  });

  it('refuses a second history request for a room while the first is still streaming (rate_limited)', async () => {
    const relay = new Relay({ store: new MemoryRelayStore(), limits: { catchUpEnvelopesPerFrame: 1 } });
    const room = new TestRoom();
    const socket = new FakeSocket(relay);
    await socket.create(room);
    const author = room.author();
    socket.deliver({ type: 'push', room: room.roomId, envelopes: [author.update(), author.update(), author.update()] });
    await socket.next('ack');
    socket.bufferedAmount = 300_000;
    socket.deliver({ type: 'history', room: room.roomId, fromSeq: 1, limit: 10 });
    expect((await socket.next('historyEnvelopes')).items.map((i) => i.seq)).toEqual([1]);
    socket.deliver({ type: 'history', room: room.roomId, fromSeq: 1, limit: 10 });
    expect(errorCodeName((await socket.next('error')).code)).toBe('rate_limited');
    socket.bufferedAmount = 0;
    expect((await socket.next('historyEnvelopes')).items.map((i) => i.seq)).toEqual([2]);
    expect((await socket.next('historyEnvelopes')).items.map((i) => i.seq)).toEqual([3]);
    expect(await socket.next('historyEnd')).toMatchObject({ nextSeq: 4, head: 3 });
    socket.deliver({ type: 'history', room: room.roomId, fromSeq: 3, limit: 10 });
    expect((await socket.next('historyEnvelopes')).items.map((i) => i.seq)).toEqual([3]);
  });

  it('keeps a bad rotate in one room from touching another room of the same socket', async () => {
    const relay = new Relay({ store: new MemoryRelayStore() });
    const calm = new TestRoom();
    const noisy = new TestRoom();
    const socket = new FakeSocket(relay);
    await socket.create(calm);
    const listener = new FakeSocket(relay);
    await listener.join(calm);
    socket.deliver({ type: 'rotate', room: noisy.roomId, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: new Uint8Array(32), signature: new Uint8Array(64), keyBoxes: new Uint8Array(1) });
    expect(errorCodeName((await socket.next('error')).code)).toBe('not_authenticated');
    const next = calm.next();
    socket.rotate(calm, next);
    await socket.next('rotated');
    expect(await listener.next('rotation')).toMatchObject({ toEpoch: 2 });
    socket.deliver({ type: 'push', room: calm.roomId, envelopes: [next.author().update()] });
    expect((await socket.next('ack')).items.map((i) => i.seq)).toEqual([1]);
  });
});

/**
 * The recovery escrow over real WebSockets (docs/PROTOCOL.md §4.11): who may deposit (a socket
 * joined with the room's CURRENT key only, also after a rotation and across relay processes),
 * replacement, durable storage across a restart, the responsabile's listing (challenge, proof,
 * pages), the limits (blob size, rate, bounds, one list at a time) and hostile frames.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodeName, MAX_ESCROW_BLOB_BYTES, PROTOCOL_VERSION, ZERO_ID } from '../crdt/wire';
import type { Frame } from '../crdt/wire';
import { envelopeId, generateRecoveryKey, initSodium, proveEscrowMailbox } from '../crypto';
import type { RecoveryKeyPair } from '../crypto';
import { MemoryRelayBackend, MemoryRelayStore } from './store/memoryRelayStore';
import type { RelayStore } from './store/RelayStore';
import { deposit, escrowChallenge, listAll, listOnce, mailboxOf } from './test/escrow';
import { startTestRelay, TestRoom } from './test/harness';
import type { TestClient, TestRelay } from './test/harness';

let relay: TestRelay;
beforeAll(async () => {
  await initSodium();
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.stop();
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const blobOf = (fill: number, size = 400): Uint8Array => new Uint8Array(size).map((_, i) => (fill + i) & 0xff);

/** A room created by a fresh socket on `on` (joined with the current key). */
async function createdRoom(on: TestRelay = relay): Promise<{ room: TestRoom; owner: TestClient }> {
  const room = new TestRoom();
  const owner = await on.connect();
  await owner.create(room);
  return { room, owner };
}

async function expectRefusal(client: TestClient, code: string, blob: Uint8Array): Promise<void> {
  const error = await client.expectError(code);
  expect(hex(error.envelopeId)).toBe(hex(envelopeId(blob)));
}

describe('deposit (§4.11)', () => {
  it('stores a blob from a socket joined with the current key and names it by its BLAKE2b-128 id', async () => {
    const ente = generateRecoveryKey();
    const { room, owner } = await createdRoom();
    const blob = blobOf(1, 1234);
    const before = Date.now();
    const escrowed = await deposit(owner, room, mailboxOf(ente), blob);
    expect(hex(escrowed.room)).toBe(hex(room.roomId));
    expect(hex(escrowed.mailbox)).toBe(hex(mailboxOf(ente)));
    expect(hex(escrowed.blobId)).toBe(hex(envelopeId(blob)));
    expect(escrowed.storedAt).toBeGreaterThanOrEqual(before);
    const items = await listAll(await relay.connect(), ente);
    expect(items.map((i) => [hex(i.room), i.epoch, hex(i.blob), i.storedAt])).toEqual([[hex(room.roomId), 1, hex(blob), escrowed.storedAt]]);
  });

  it('refuses a deposit from a socket that has not authenticated in the room (not_authenticated) and stores nothing', async () => {
    const ente = generateRecoveryKey();
    const { room } = await createdRoom();
    const stranger = await relay.connect();
    const blob = blobOf(2);
    stranger.send({ type: 'escrow', room: room.roomId, mailbox: mailboxOf(ente), blob });
    await expectRefusal(stranger, 'not_authenticated', blob);
    await stranger.hello(room);
    stranger.send({ type: 'escrow', room: room.roomId, mailbox: mailboxOf(ente), blob });
    await expectRefusal(stranger, 'not_authenticated', blob);
    expect(await listAll(await relay.connect(), ente)).toEqual([]);
  });

  it('replaces the earlier blob of the same room and mailbox (keys change on rotation)', async () => {
    const ente = generateRecoveryKey();
    const { room, owner } = await createdRoom();
    await deposit(owner, room, mailboxOf(ente), blobOf(3));
    const newer = blobOf(4, 900);
    await deposit(owner, room, mailboxOf(ente), newer);
    const items = await listAll(await relay.connect(), ente);
    expect(items.map((i) => hex(i.blob))).toEqual([hex(newer)]);
  });

  it('after a rotation, refuses the old key (key_rotated) — cut-off and old-key sockets alike — and accepts the new one', async () => {
    const ente = generateRecoveryKey();
    const mailbox = mailboxOf(ente);
    const { room, owner } = await createdRoom();
    const cutOff = await relay.connect();
    await cutOff.join(room);
    const first = blobOf(5);
    await deposit(cutOff, room, mailbox, first);
    const next = room.next();
    owner.sendRotate(room, next);
    // Pipelined right behind the rotate: judged after it, at the new epoch.
    const fresh = blobOf(6, 500);
    owner.send({ type: 'escrow', room: room.roomId, mailbox, blob: fresh });
    expect(await owner.expect('rotated')).toMatchObject({ epoch: 2 });
    expect(hex((await owner.expect('escrowed')).blobId)).toBe(hex(envelopeId(fresh)));

    await cutOff.expect('rotation');
    await cutOff.expectError('key_rotated');
    const stale = blobOf(7);
    cutOff.send({ type: 'escrow', room: room.roomId, mailbox, blob: stale });
    await expectRefusal(cutOff, 'key_rotated', stale);
    const oldKey = await relay.connect();
    await oldKey.joinStale(room);
    oldKey.send({ type: 'escrow', room: room.roomId, mailbox, blob: stale });
    await expectRefusal(oldKey, 'key_rotated', stale);

    const items = await listAll(await relay.connect(), ente);
    expect(items.map((i) => [i.epoch, hex(i.blob)])).toEqual([[2, hex(fresh)]]);
  });

  it('keeps a room\'s escrows under each mailbox apart, and several rooms under one mailbox', async () => {
    const [ente, other] = [generateRecoveryKey(), generateRecoveryKey()];
    const a = await createdRoom();
    const b = await createdRoom();
    await deposit(a.owner, a.room, mailboxOf(ente), blobOf(8));
    await deposit(a.owner, a.room, mailboxOf(other), blobOf(9));
    await deposit(b.owner, b.room, mailboxOf(ente), blobOf(10));
    const lister = await relay.connect();
    expect((await listAll(lister, ente)).map((i) => hex(i.room)).sort()).toEqual([a.room, b.room].map((r) => hex(r.roomId)).sort());
    expect((await listAll(lister, other)).map((i) => hex(i.blob))).toEqual([hex(blobOf(9))]);
  });

  it('keeps the escrows across a relay restart on the same SQLite file (acked after commit)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cartella-escrow-'));
    const ente = generateRecoveryKey();
    const blob = blobOf(11, 3000);
    try {
      const first = await startTestRelay({ dataDir });
      const { room, owner } = await createdRoom(first);
      await deposit(owner, room, mailboxOf(ente), blob);
      await first.stop();
      const second = await startTestRelay({ dataDir });
      const items = await listAll(await second.connect(), ente);
      expect(items.map((i) => [hex(i.room), hex(i.blob)])).toEqual([[hex(room.roomId), hex(blob)]]);
      await second.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('listing a mailbox (§4.11)', () => {
  it('refuses escrowList without a challenge for that mailbox (no_challenge)', async () => {
    const ente = generateRecoveryKey();
    const client = await relay.connect();
    client.send({ type: 'escrowList', mailbox: mailboxOf(ente), recoveryPublicKey: ente.publicKey, proof: new Uint8Array(32), fromRoom: ZERO_ID, limit: 10 });
    const error = await client.expectError('no_challenge');
    expect(hex(error.room)).toBe(hex(ZERO_ID));
    await escrowChallenge(client, generateRecoveryKey());
    client.send({ type: 'escrowList', mailbox: mailboxOf(ente), recoveryPublicKey: ente.publicKey, proof: new Uint8Array(32), fromRoom: ZERO_ID, limit: 10 });
    await client.expectError('no_challenge');
  });

  it('refuses a proof by another recovery key or for a mailbox that is not the key\'s (escrow_auth_failed), which uses the challenge up', async () => {
    const ente = generateRecoveryKey();
    const { room, owner } = await createdRoom();
    await deposit(owner, room, mailboxOf(ente), blobOf(12));
    const thief = generateRecoveryKey();
    const client = await relay.connect();
    const challengeFor = async (mailbox: Uint8Array): Promise<Uint8Array> => {
      client.send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox });
      const proof = proveEscrowMailbox(thief, (await client.expect('escrowChallenge')).ephemeralPublicKey);
      if (!proof.ok) throw new Error(proof.message);
      return proof.value;
    };
    // The thief names the ente's public key but can only prove with its own private key.
    const forged = await challengeFor(mailboxOf(ente));
    client.send({ type: 'escrowList', mailbox: mailboxOf(ente), recoveryPublicKey: ente.publicKey, proof: forged, fromRoom: ZERO_ID, limit: 10 });
    await client.expectError('escrow_auth_failed');
    client.send({ type: 'escrowList', mailbox: mailboxOf(ente), recoveryPublicKey: ente.publicKey, proof: forged, fromRoom: ZERO_ID, limit: 10 });
    await client.expectError('no_challenge');
    // A right proof for the thief's own key, presented for the ente's mailbox.
    const own = await challengeFor(mailboxOf(ente));
    client.send({ type: 'escrowList', mailbox: mailboxOf(ente), recoveryPublicKey: thief.publicKey, proof: own, fromRoom: ZERO_ID, limit: 10 });
    await client.expectError('escrow_auth_failed');
    expect(await client.quiet()).toEqual([]);
  });

  it('pages by room: limit, nextRoom and complete, every room once and in byte order', async () => {
    const ente = generateRecoveryKey();
    const rooms: TestRoom[] = [];
    for (let i = 0; i < 5; i++) {
      const { room, owner } = await createdRoom();
      await deposit(owner, room, mailboxOf(ente), blobOf(20 + i));
      rooms.push(room);
    }
    const sorted = rooms.map((r) => hex(r.roomId)).sort();
    const client = await relay.connect();
    const proof = await escrowChallenge(client, ente);
    const first = await listOnce(client, ente, proof, ZERO_ID, 2);
    expect(first.items.map((i) => hex(i.room))).toEqual(sorted.slice(0, 2));
    expect(first.end.complete).toBe(false);
    const second = await listOnce(client, ente, proof, first.end.nextRoom, 2);
    expect(second.items.map((i) => hex(i.room))).toEqual(sorted.slice(2, 4));
    const third = await listOnce(client, ente, proof, second.end.nextRoom, 2);
    expect(third.items.map((i) => hex(i.room))).toEqual(sorted.slice(4));
    expect(third.end).toMatchObject({ complete: true });
    expect(hex(third.end.nextRoom)).toBe(hex(ZERO_ID));
    const exact = await listOnce(client, ente, proof, ZERO_ID, 5);
    expect(exact.items).toHaveLength(5);
    expect(exact.end.complete).toBe(true);
    const from = await listOnce(client, ente, proof, Buffer.from(sorted[3]!, 'hex'), 100);
    expect(from.items.map((i) => hex(i.room))).toEqual(sorted.slice(3));
    const none = await listOnce(client, ente, proof, ZERO_ID, 0);
    expect(none.items).toEqual([]);
    expect(none.end.complete).toBe(false);
  });

  it('sends a large answer in frames bounded like catch-up chunks, blobs byte for byte', async () => {
    const small = await startTestRelay({ limits: { catchUpBytesPerFrame: 64 * 1024, catchUpEnvelopesPerFrame: 3 } });
    try {
      const ente = generateRecoveryKey();
      const blobs = new Map<string, string>();
      for (let i = 0; i < 7; i++) {
        const { room, owner } = await createdRoom(small);
        const blob = blobOf(30 + i, i === 3 ? MAX_ESCROW_BLOB_BYTES : 20_000);
        await deposit(owner, room, mailboxOf(ente), blob);
        blobs.set(hex(room.roomId), hex(blob));
      }
      const client = await small.connect();
      const answer = await listOnce(client, ente, await escrowChallenge(client, ente));
      expect(new Map(answer.items.map((i) => [hex(i.room), hex(i.blob)]))).toEqual(blobs);
      expect(answer.frames.length).toBeGreaterThan(2);
      for (const frame of answer.frames) {
        expect(frame.items.length).toBeLessThanOrEqual(3);
        if (frame.items.length > 1) expect(client.sizes.get(frame)).toBeLessThanOrEqual(64 * 1024);
      }
    } finally {
      await small.stop();
    }
  });
});

describe('limits and hostile frames', () => {
  it('refuses a blob above MAX_ESCROW_BLOB_BYTES as frame_malformed and stores nothing', async () => {
    const ente = generateRecoveryKey();
    const { room, owner } = await createdRoom();
    const bytes = new Uint8Array(1 + 16 + 32 + 4 + MAX_ESCROW_BLOB_BYTES + 1);
    bytes[0] = 0x14;
    bytes.set(room.roomId, 1);
    bytes.set(mailboxOf(ente), 17);
    new DataView(bytes.buffer).setUint32(49, MAX_ESCROW_BLOB_BYTES + 1);
    owner.sendRaw(bytes);
    await owner.expectError('frame_malformed');
    expect(await listAll(await relay.connect(), ente)).toEqual([]);
  });

  it('rate-limits deposits and list requests per socket (rate_limited, nothing stored)', async () => {
    // A bucket of 2 that practically never refills: the create takes one token, a deposit the
    // next (the bucket may go into debt once), and everything after that is refused.
    const slow = await startTestRelay({ limits: { envelopesPerSecond: 0.001, envelopeBurst: 2 } });
    try {
      const ente = generateRecoveryKey();
      const room = new TestRoom();
      const owner = await slow.connect();
      await owner.create(room);
      const blobs = [blobOf(40), blobOf(41), blobOf(42), blobOf(43)];
      for (const blob of blobs) owner.send({ type: 'escrow', room: room.roomId, mailbox: mailboxOf(ente), blob });
      const answers = new Map<string, string>();
      for (let i = 0; i < blobs.length; i++) {
        const frame = await owner.next();
        if (frame.type === 'escrowed') answers.set(hex(frame.blobId), 'escrowed');
        else if (frame.type === 'error') answers.set(hex(frame.envelopeId), errorCodeName(frame.code) ?? '?');
      }
      const outcome = blobs.map((b) => answers.get(hex(envelopeId(b))));
      expect(outcome[0]).toBe('escrowed');
      expect(outcome.slice(2)).toEqual(['rate_limited', 'rate_limited']);
      const lastAccepted = blobs[outcome.lastIndexOf('escrowed')]!;
      const client = await slow.connect();
      expect((await listAll(client, ente)).map((i) => hex(i.blob))).toEqual([hex(lastAccepted)]);
      client.send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox: mailboxOf(ente) });
      client.send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox: mailboxOf(ente) });
      client.send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION, mailbox: mailboxOf(ente) });
      const kinds = [await client.next(), await client.next(), await client.next()].map((f) => (f.type === 'error' ? errorCodeName(f.code) : f.type));
      expect(kinds).toContain('rate_limited');
    } finally {
      await slow.stop();
    }
  });

  it('refuses a new room in a full mailbox, and a new mailbox for a room at its bound (escrow_full), but lets a pair be replaced', async () => {
    const tight = await startTestRelay({ limits: { maxEscrowRoomsPerMailbox: 1, maxEscrowMailboxesPerRoom: 2 } });
    try {
      const ente = generateRecoveryKey();
      const a = await createdRoom(tight);
      const b = await createdRoom(tight);
      await deposit(a.owner, a.room, mailboxOf(ente), blobOf(50));
      const refused = blobOf(51);
      b.owner.send({ type: 'escrow', room: b.room.roomId, mailbox: mailboxOf(ente), blob: refused });
      await expectRefusal(b.owner, 'escrow_full', refused);
      await deposit(a.owner, a.room, mailboxOf(ente), blobOf(52));
      await deposit(a.owner, a.room, mailboxOf(generateRecoveryKey()), blobOf(53));
      const third = blobOf(54);
      a.owner.send({ type: 'escrow', room: a.room.roomId, mailbox: mailboxOf(generateRecoveryKey()), blob: third });
      await expectRefusal(a.owner, 'escrow_full', third);
      expect((await listAll(await tight.connect(), ente)).map((i) => hex(i.blob))).toEqual([hex(blobOf(52))]);
    } finally {
      await tight.stop();
    }
  });

  it('answers the relay-to-client escrow frames with frame_unknown_type', async () => {
    const client = await relay.connect();
    const mailbox = new Uint8Array(32).fill(1);
    const sent: Frame[] = [
      { type: 'escrowed', room: new TestRoom().roomId, mailbox, blobId: new Uint8Array(16), storedAt: 1 },
      { type: 'escrowChallenge', mailbox, ephemeralPublicKey: new Uint8Array(32) },
      { type: 'escrowItems', mailbox, items: [] },
      { type: 'escrowEnd', mailbox, nextRoom: ZERO_ID, complete: true },
    ];
    for (const frame of sent) {
      client.send(frame);
      await client.expectError('frame_unknown_type');
    }
  });

  it('closes with 1002 after an escrowHello of another protocol version', async () => {
    const client = await relay.connect();
    client.send({ type: 'escrowHello', protocolVersion: PROTOCOL_VERSION + 1, mailbox: new Uint8Array(32) });
    await client.expectError('protocol_version');
    expect((await client.closed).code).toBe(1002);
  });

  it('survives random bodies behind the escrow frame types and keeps serving the socket', async () => {
    const ente = generateRecoveryKey();
    const { room, owner } = await createdRoom();
    let seed = 0xe5c;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    // Every escrow type but escrowHello, whose random version could close the socket (1002).
    const types = [0x14, 0x15, 0x17, 0x18, 0x19, 0x1a];
    for (let i = 0; i < 72; i++) {
      const body = new Uint8Array(random() % 300).map(() => random() & 0xff);
      owner.sendRaw(Uint8Array.of(types[i % types.length]!, ...body));
    }
    const blob = blobOf(60);
    owner.send({ type: 'escrow', room: room.roomId, mailbox: mailboxOf(ente), blob });
    for (;;) {
      const frame = await owner.next();
      if (frame.type === 'escrowed' && hex(frame.blobId) === hex(envelopeId(blob))) break;
      expect(frame.type).toBe('error');
      if (frame.type === 'error') expect(['frame_malformed', 'frame_unknown_type', 'not_authenticated', 'no_challenge']).toContain(errorCodeName(frame.code));
    }
    expect((await listAll(await relay.connect(), ente)).map((i) => hex(i.blob))).toEqual([hex(blob)]);
  });
});

/** A memory store whose escrow reads wait for a gate, and whose next deposit can fail. */
class GatedStore extends MemoryRelayStore {
  gate: Promise<void> | undefined;
  failNextDeposit = false;

  override async listEscrow(...args: Parameters<RelayStore['listEscrow']>): ReturnType<RelayStore['listEscrow']> {
    if (this.gate !== undefined) await this.gate;
    return super.listEscrow(...args);
  }

  override async depositEscrow(...args: Parameters<RelayStore['depositEscrow']>): ReturnType<RelayStore['depositEscrow']> {
    if (this.failNextDeposit) {
      this.failNextDeposit = false;
      throw new Error('disk I/O error');
    }
    return super.depositEscrow(...args);
  }
}

/** One relay process that never hears the other's commits (no subscribe). */
class DeafStore extends MemoryRelayStore {
  override readonly subscribe = undefined;
}

describe('engine edges', () => {
  it('lets one list stream at a time per socket (a second gets rate_limited)', async () => {
    const store = new GatedStore();
    const gated = await startTestRelay({ store });
    try {
      const ente: RecoveryKeyPair = generateRecoveryKey();
      const { room, owner } = await createdRoom(gated);
      await deposit(owner, room, mailboxOf(ente), blobOf(70));
      const client = await gated.connect();
      const proof = await escrowChallenge(client, ente);
      let open: () => void = () => {};
      store.gate = new Promise((resolve) => (open = resolve));
      const list = { type: 'escrowList', mailbox: mailboxOf(ente), recoveryPublicKey: ente.publicKey, proof, fromRoom: ZERO_ID, limit: 10 } as const;
      client.send(list);
      client.send(list);
      await client.expectError('rate_limited');
      open();
      store.gate = undefined;
      expect((await client.expect('escrowItems')).items).toHaveLength(1);
      expect(await client.expect('escrowEnd')).toMatchObject({ complete: true });
    } finally {
      await gated.stop();
    }
  });

  it('answers a storage failure with internal, naming the blob, and stores nothing', async () => {
    const store = new GatedStore();
    const failing = await startTestRelay({ store });
    try {
      const ente = generateRecoveryKey();
      const { room, owner } = await createdRoom(failing);
      store.failNextDeposit = true;
      const blob = blobOf(71);
      owner.send({ type: 'escrow', room: room.roomId, mailbox: mailboxOf(ente), blob });
      await expectRefusal(owner, 'internal', blob);
      expect(await listAll(await failing.connect(), ente)).toEqual([]);
      await deposit(owner, room, mailboxOf(ente), blob);
    } finally {
      await failing.stop();
    }
  });

  it('refuses a deposit on another relay process whose socket\'s key was rotated there (checked in the store) and cuts it off', async () => {
    const backend = new MemoryRelayBackend();
    const one = await startTestRelay({ store: new MemoryRelayStore(backend) });
    const two = await startTestRelay({ store: new DeafStore(backend) });
    try {
      const ente = generateRecoveryKey();
      const { room, owner } = await createdRoom(one);
      const elsewhere = await two.connect();
      await elsewhere.join(room);
      owner.sendRotate(room, room.next());
      await owner.expect('rotated');
      const stale = blobOf(72);
      elsewhere.send({ type: 'escrow', room: room.roomId, mailbox: mailboxOf(ente), blob: stale });
      await elsewhere.expect('rotation');
      await elsewhere.expectError('key_rotated');
      await expectRefusal(elsewhere, 'key_rotated', stale);
      expect(await listAll(await one.connect(), ente)).toEqual([]);
    } finally {
      await two.stop();
      await one.stop();
    }
  });
});

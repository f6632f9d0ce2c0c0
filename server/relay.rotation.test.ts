/**
 * Revocation by rotation and the history request over real WebSockets and a real SQLite file
 * (docs/PROTOCOL.md §4.9, §4.10): the epoch compare-and-swap, who is cut off and what they are
 * still given, old-key sockets, the new epoch's snapshot chain, and history before the snapshot.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFrame, errorCodeName, ZERO_ID } from '../crdt/wire';
import type { Frame } from '../crdt/wire';
import { envelopeId, initSodium, signRelayAuth, signRoomRotate, verifyRoomRotate } from '../crypto';
import { randomId, startTestRelay, TestRoom } from './test/harness';
import type { FrameOf, TestClient, TestRelay } from './test/harness';

let relay: TestRelay;
beforeAll(async () => {
  await initSodium();
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay.stop();
});

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const boxes = (fill: number, size = 300): Uint8Array => new Uint8Array(size).fill(fill);

/** A room created by one socket at epoch 1, with a second socket joined and live. */
async function roomWithTwo(): Promise<{ room: TestRoom; rotator: TestClient; other: TestClient }> {
  const room = new TestRoom();
  const rotator = await relay.connect();
  await rotator.create(room);
  const other = await relay.connect();
  await other.join(room);
  return { room, rotator, other };
}

/** `rotator` rotates `room` to its next epoch and gets `rotated`. */
async function rotate(rotator: TestClient, room: TestRoom, keyBoxes = boxes(0x6b)): Promise<TestRoom> {
  const next = room.next();
  rotator.sendRotate(room, next, keyBoxes);
  expect(await rotator.expect('rotated')).toMatchObject({ epoch: next.epoch });
  return next;
}

async function expectKeyRotated(client: TestClient): Promise<FrameOf<'error'>> {
  const error = await client.expectError('key_rotated');
  expect(hex(error.envelopeId)).toBe(hex(ZERO_ID));
  return error;
}

function seqsOf(frames: readonly Frame[], type: 'envelopes' | 'historyEnvelopes' = 'envelopes'): number[] {
  return frames.flatMap((f) => (f.type === type ? f.items.map((i) => i.seq) : []));
}

describe('rotate (§4.9)', () => {
  it('switches the epoch: the rotator gets rotated and stays live, and pushes of the new epoch are acked', async () => {
    const { room, rotator } = await roomWithTwo();
    const author = room.author();
    await rotator.push(room, [author.update()]);
    const next = await rotate(rotator, room);
    const newAuthor = next.author();
    expect((await rotator.push(next, [newAuthor.update()])).items[0]?.seq).toBe(2);
    const stale = author.update();
    rotator.send({ type: 'push', room: room.roomId, envelopes: [stale] });
    expect(hex((await rotator.expectError('envelope_epoch')).envelopeId)).toBe(hex(envelopeId(stale)));
  });

  it('tells every other socket with the record, cuts it off from new envelopes, and refuses its pushes', async () => {
    const { room, rotator, other } = await roomWithTwo();
    const keyBoxes = boxes(0x42, 2000);
    const next = await rotate(rotator, room, keyBoxes);
    const record = await other.expect('rotation');
    expect(record).toMatchObject({ fromEpoch: 1, toEpoch: 2 });
    expect(hex(record.keyBoxes)).toBe(hex(keyBoxes));
    expect(hex(record.newRelayAuthPublicKey)).toBe(hex(next.subkeys.relayAuth.publicKey));
    // A member checks the record was signed by the old key, so the relay cannot swap the boxes.
    const { fromEpoch, toEpoch, newRelayAuthPublicKey, nonce, signature } = record;
    expect(verifyRoomRotate(room.subkeys.relayAuth.publicKey, room.roomId, fromEpoch, toEpoch, newRelayAuthPublicKey, record.keyBoxes, nonce, signature)).toBe(true);
    expect(hex(nonce)).toBe(hex(rotator.nonceOf(room)));
    await expectKeyRotated(other);

    await rotator.push(next, [next.author().update()]);
    rotator.send({ type: 'ephemeral', room: room.roomId, envelope: next.author().ephemeral() });
    expect(await other.quiet()).toEqual([]);
    other.send({ type: 'push', room: room.roomId, envelopes: [room.author().update()] });
    await expectKeyRotated(other);
    other.send({ type: 'push', room: room.roomId, envelopes: [next.author().update()] });
    await expectKeyRotated(other);
    other.send({ type: 'ephemeral', room: room.roomId, envelope: room.author().ephemeral() });
    await expectKeyRotated(other);
    other.send({ type: 'history', room: room.roomId, fromSeq: 1, limit: 10 });
    await expectKeyRotated(other);
    const check = await relay.connect();
    expect((await check.join(next)).at(-1)).toMatchObject({ type: 'synced', head: 1 });
  });

  it('refuses a rotation whose signature is not the room key over this socket challenge (rotate_invalid)', async () => {
    const { room, rotator, other } = await roomWithTwo();
    const next = room.next();
    const keyBoxes = boxes(1);
    const newKey = next.subkeys.relayAuth.publicKey;
    const send = (signature: Uint8Array, boxesSent = keyBoxes): void =>
      rotator.send({ type: 'rotate', room: room.roomId, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: newKey, signature, keyBoxes: boxesSent });
    send(signRoomRotate(next.subkeys.relayAuth.privateKey, room.roomId, 1, 2, newKey, keyBoxes, rotator.nonceOf(room)));
    await rotator.expectError('rotate_invalid');
    send(signRoomRotate(room.subkeys.relayAuth.privateKey, room.roomId, 1, 2, newKey, keyBoxes, other.nonceOf(room)));
    await rotator.expectError('rotate_invalid');
    send(signRoomRotate(room.subkeys.relayAuth.privateKey, room.roomId, 1, 2, newKey, keyBoxes, rotator.nonceOf(room)), boxes(2));
    await rotator.expectError('rotate_invalid');
    expect(await other.quiet()).toEqual([]);
    const check = await relay.connect();
    await check.join(room);
  });

  it('refuses toEpoch other than fromEpoch + 1 (rotate_invalid) and a new key the room had (rotate_invalid)', async () => {
    const { room, rotator } = await roomWithTwo();
    const skip = new TestRoom(3, room.roomId);
    rotator.sendRotate(room, skip);
    await rotator.expectError('rotate_invalid');
    rotator.sendRotate(room, new TestRoom(2, room.roomId, room.subkeys));
    expect((await rotator.expectError('rotate_invalid')).message).toMatch(/used by this room before/);
  });

  it('refuses a rotation from a non-current epoch (rotate_conflict), then sends the records from that epoch on', async () => {
    const { room, rotator } = await roomWithTwo();
    const next = await rotate(rotator, room, boxes(7));
    rotator.sendRotate(room, next);
    const conflict = await rotator.expectError('rotate_conflict');
    expect(conflict.message).toMatch(/epoch 2/);
    const record = await rotator.expect('rotation');
    expect(record).toMatchObject({ fromEpoch: 1, toEpoch: 2 });
    expect(hex(record.keyBoxes)).toBe(hex(boxes(7)));
    const ahead = new TestRoom(5, room.roomId);
    rotator.sendRotate(ahead, ahead.next());
    await rotator.expectError('rotate_conflict');
    expect(await rotator.quiet()).toEqual([]);
  });

  it('lets exactly one of two concurrent rotations win; the loser gets rotate_conflict and the winner key boxes', async () => {
    const { room, rotator: a, other: b } = await roomWithTwo();
    const toA = room.next();
    const toB = room.next();
    a.sendRotate(room, toA, boxes(0xaa));
    b.sendRotate(room, toB, boxes(0xbb));
    const [firstA, firstB] = await Promise.all([a.next(), b.next()]);
    const winner = firstA.type === 'rotated' ? { client: a, key: toA, loser: b, boxes: boxes(0xaa) } : { client: b, key: toB, loser: a, boxes: boxes(0xbb) };
    expect([firstA.type, firstB.type].filter((t) => t === 'rotated')).toHaveLength(1);
    const loserFrames = [firstA.type === 'rotated' ? firstB : firstA];
    while (!loserFrames.some((f) => f.type === 'error' && errorCodeName(f.code) === 'rotate_conflict')) loserFrames.push(await winner.loser.next());
    loserFrames.push(...(await winner.loser.quiet(200)));
    const records = loserFrames.filter((f): f is FrameOf<'rotation'> => f.type === 'rotation');
    expect(records.length).toBeGreaterThan(0);
    for (const r of records) expect(hex(r.keyBoxes)).toBe(hex(winner.boxes));
    const check = await relay.connect();
    await check.join(winner.key);
    expect(await winner.client.quiet()).toEqual([]);
  });

  it('lets the rotator push envelopes of the new epoch right behind its rotate, before rotated arrives', async () => {
    const { room, rotator } = await roomWithTwo();
    const next = room.next();
    rotator.sendRotate(room, next);
    rotator.send({ type: 'push', room: room.roomId, envelopes: [next.author().update()] });
    expect(await rotator.expect('rotated')).toMatchObject({ epoch: 2 });
    expect((await rotator.expect('ack')).items[0]?.seq).toBe(1);
  });

  it('refuses a rotate before authentication (not_authenticated) and counts it against the rate', async () => {
    const room = new TestRoom();
    const owner = await relay.connect();
    await owner.create(room);
    const stranger = await relay.connect();
    stranger.send({ type: 'rotate', room: room.roomId, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: new Uint8Array(32), signature: new Uint8Array(64), keyBoxes: boxes(1) });
    await stranger.expectError('not_authenticated');
    const limited = await startTestRelay({ limits: { envelopesPerSecond: 0.001, envelopeBurst: 1 } });
    try {
      const client = await limited.connect();
      const r = new TestRoom();
      await client.create(r);
      const future = new TestRoom(7, r.roomId);
      client.sendRotate(future, future.next());
      await client.expectError('rotate_conflict');
      client.sendRotate(future, future.next());
      await client.expectError('rate_limited');
    } finally {
      await limited.stop();
    }
  });

  it('answers a rotate frame with empty or oversized key boxes with frame_malformed and keeps the socket', async () => {
    const { room, rotator } = await roomWithTwo();
    const bytes = encodeFrame({ type: 'rotate', room: room.roomId, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: new Uint8Array(32), signature: new Uint8Array(64), keyBoxes: boxes(1, 1) });
    const empty = bytes.slice(0, bytes.length - 1);
    new DataView(empty.buffer).setUint32(empty.length - 4, 0);
    rotator.sendRaw(empty);
    await rotator.expectError('frame_malformed');
    const oversized = new Uint8Array(bytes.length - 1 + 256 * 1024 + 1);
    oversized.set(bytes.subarray(0, bytes.length - 1));
    new DataView(oversized.buffer).setUint32(bytes.length - 5, 256 * 1024 + 1);
    rotator.sendRaw(oversized);
    await rotator.expectError('frame_malformed');
    expect((await rotator.push(room, [room.author().update()])).items[0]?.seq).toBe(1);
  });
});

describe('hostile input (§6)', () => {
  it('answers relay-to-client rotation and history frames sent by a client with frame_unknown_type', async () => {
    const { room, rotator } = await roomWithTwo();
    const sent: Frame[] = [
      { type: 'rotated', room: room.roomId, epoch: 2 },
      { type: 'rotation', room: room.roomId, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: new Uint8Array(32), nonce: new Uint8Array(32), signature: new Uint8Array(64), keyBoxes: boxes(1) },
      { type: 'historyEnvelopes', room: room.roomId, items: [{ seq: 1, envelope: boxes(1, 10) }] },
      { type: 'historyEnd', room: room.roomId, nextSeq: 1, head: 0 },
    ];
    for (const frame of sent) {
      rotator.send(frame);
      await rotator.expectError('frame_unknown_type');
    }
  });

  it('survives random bodies behind the new frame types and keeps serving another room of the socket', async () => {
    const { room: noisy, rotator } = await roomWithTwo();
    const calm = new TestRoom();
    await rotator.create(calm);
    const listener = await relay.connect();
    await listener.join(calm);
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    for (let i = 0; i < 60; i++) {
      const type = 0x0e + (i % 6);
      const body = new Uint8Array(random() % 400).map(() => random() & 0xff);
      const bytes = new Uint8Array(1 + 16 + body.length);
      bytes[0] = type;
      bytes.set(noisy.roomId, 1);
      bytes.set(body, 17);
      rotator.sendRaw(bytes);
    }
    const writer = calm.author();
    rotator.send({ type: 'push', room: calm.roomId, envelopes: [writer.update()] });
    for (;;) {
      const frame = await rotator.next();
      if (frame.type === 'ack') break;
      expect(frame.type).toBe('error');
      if (frame.type === 'error') expect(['frame_malformed', 'frame_unknown_type']).toContain(errorCodeName(frame.code));
    }
    expect(seqsOf([await listener.expect('envelopes')])).toEqual([1]);
    expect((await relay.connect().then((c) => c.join(noisy))).at(-1)).toMatchObject({ type: 'synced', head: 0 });
  });
});

describe('old keys after a rotation (§4.9)', () => {
  it('gives a socket with the old key the rotation records but no envelopes, and refuses its pushes', async () => {
    const { room, rotator } = await roomWithTwo();
    await rotator.push(room, [room.author().update()]);
    const next = await rotate(rotator, room, boxes(0x11));
    await rotator.push(next, [next.author().update()]);
    const removed = await relay.connect();
    const records = await removed.joinStale(room);
    expect(records.map((r) => [r.fromEpoch, r.toEpoch, hex(r.keyBoxes)])).toEqual([[1, 2, hex(boxes(0x11))]]);
    removed.send({ type: 'push', room: room.roomId, envelopes: [next.author().update()] });
    await expectKeyRotated(removed);
    await rotator.push(next, [next.author().update()]);
    expect(await removed.quiet()).toEqual([]);
  });

  it('gives a socket two epochs behind every record in order, and later rotations as they happen', async () => {
    const { room, rotator } = await roomWithTwo();
    const second = await rotate(rotator, room, boxes(2));
    const third = await rotate(rotator, second, boxes(3));
    const offline = await relay.connect();
    const records = await offline.joinStale(room);
    expect(records.map((r) => [r.fromEpoch, r.toEpoch, r.keyBoxes[0]])).toEqual([[1, 2, 2], [2, 3, 3]]);
    const middle = await relay.connect();
    expect((await middle.joinStale(second)).map((r) => r.toEpoch)).toEqual([3]);
    await rotate(rotator, third, boxes(4));
    expect(await offline.expect('rotation')).toMatchObject({ fromEpoch: 3, toEpoch: 4 });
    expect(await middle.expect('rotation')).toMatchObject({ fromEpoch: 3, toEpoch: 4 });
    expect(await offline.quiet()).toEqual([]);
  });

  it('still refuses a key the room never had (auth_failed)', async () => {
    const { room, rotator } = await roomWithTwo();
    await rotate(rotator, room);
    const intruder = await relay.connect();
    const challenge = await intruder.hello(room);
    const stranger = new TestRoom(1, room.roomId);
    intruder.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(stranger.subkeys.relayAuth.privateKey, room.roomId, challenge.nonce) });
    await intruder.expectError('auth_failed');
  });

  it('syncs a fresh socket with the new key normally: the log of both epochs, then live', async () => {
    const { room, rotator } = await roomWithTwo();
    await rotator.push(room, [room.author().update(), room.author().update()]);
    const next = await rotate(rotator, room);
    await rotator.push(next, [next.author().update()]);
    const member = await relay.connect();
    const frames = await member.join(next);
    expect(seqsOf(frames)).toEqual([1, 2, 3]);
    expect(frames.at(-1)).toMatchObject({ type: 'synced', head: 3 });
    await rotator.push(next, [next.author().update()]);
    expect(seqsOf([await member.expect('envelopes')])).toEqual([4]);
    expect((await member.push(next, [next.author().update()])).items[0]?.seq).toBe(5);
  });

  it("accepts the new epoch's snapshot naming the old epoch's snapshot as parent, and serves it to newcomers", async () => {
    const { room, rotator } = await roomWithTwo();
    const author = room.author();
    await rotator.push(room, [author.update(), author.update()]);
    const oldId = randomId();
    await rotator.push(room, [author.snapshot(ZERO_ID, 2, oldId)]);
    const next = await rotate(rotator, room);
    const stale = author.snapshot(oldId, 2);
    rotator.send({ type: 'push', room: room.roomId, envelopes: [stale] });
    await rotator.expectError('envelope_epoch');
    const newId = randomId();
    const snap = next.author().snapshot(oldId, 2, newId);
    expect((await rotator.push(next, [snap])).items).toEqual([{ id: envelopeId(snap), seq: 2 }]);
    const newcomer = await relay.connect();
    const frames = await newcomer.join(next);
    expect(frames[0]).toMatchObject({ type: 'snapshot', covers: 2 });
    expect(hex((frames[0] as FrameOf<'snapshot'>).envelope)).toBe(hex(snap));
    const synced = frames.at(-1) as FrameOf<'synced'>;
    expect(synced.type).toBe('synced');
    expect(hex(synced.snapshotId)).toBe(hex(newId));
  });
});

describe('history (§4.10)', () => {
  it('returns the envelopes of every epoch from fromSeq, including those before the snapshot, then historyEnd', async () => {
    const { room, rotator } = await roomWithTwo();
    const author = room.author();
    const early = [author.update(), author.update(), author.update()];
    await rotator.push(room, early);
    await rotator.push(room, [author.snapshot(ZERO_ID, 3)]);
    await rotator.push(room, [author.update()]);
    const next = await rotate(rotator, room);
    await rotator.push(next, [next.author().update()]);
    const reader = await relay.connect();
    const joined = await reader.join(next);
    expect(seqsOf(joined)).toEqual([4, 5]);
    reader.send({ type: 'history', room: room.roomId, fromSeq: 1, limit: 100 });
    const page = await reader.expect('historyEnvelopes');
    expect(page.items.map((i) => i.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(page.items.slice(0, 3).map((i) => hex(i.envelope))).toEqual(early.map(hex));
    expect(await reader.expect('historyEnd')).toMatchObject({ nextSeq: 6, head: 5 });
    reader.send({ type: 'history', room: room.roomId, fromSeq: 2, limit: 2 });
    expect((await reader.expect('historyEnvelopes')).items.map((i) => i.seq)).toEqual([2, 3]);
    expect(await reader.expect('historyEnd')).toMatchObject({ nextSeq: 4, head: 5 });
    reader.send({ type: 'history', room: room.roomId, fromSeq: 6, limit: 10 });
    expect(await reader.expect('historyEnd')).toMatchObject({ nextSeq: 6, head: 5 });
  });

  it('answers in bounded chunks and caps the limit at the relay maximum', async () => {
    const small = await startTestRelay({ limits: { catchUpEnvelopesPerFrame: 2, historyEnvelopesPerRequest: 5 } });
    try {
      const room = new TestRoom();
      const client = await small.connect();
      await client.create(room);
      const author = room.author();
      await client.push(room, Array.from({ length: 8 }, () => author.update()));
      client.send({ type: 'history', room: room.roomId, fromSeq: 0, limit: 0xffff_ffff });
      const chunks = [await client.expect('historyEnvelopes'), await client.expect('historyEnvelopes'), await client.expect('historyEnvelopes')];
      expect(chunks.map((c) => c.items.map((i) => i.seq))).toEqual([[1, 2], [3, 4], [5]]);
      expect(await client.expect('historyEnd')).toMatchObject({ nextSeq: 6, head: 8 });
    } finally {
      await small.stop();
    }
  });

  it('refuses history to a socket that is not authenticated in the room', async () => {
    const room = new TestRoom();
    const owner = await relay.connect();
    await owner.create(room);
    const stranger = await relay.connect();
    stranger.send({ type: 'history', room: room.roomId, fromSeq: 1, limit: 10 });
    await stranger.expectError('not_authenticated');
  });
});

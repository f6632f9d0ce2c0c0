/**
 * The relay's protocol over real WebSockets (ws clients on 127.0.0.1, a real SQLite file):
 * the handshake, every refusal code, push → ack → fan-out, snapshots and ephemerals.
 * Rule references (§) are to docs/PROTOCOL.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, encodeFrame, errorCodeName, PROTOCOL_VERSION, ZERO_ID } from '../crdt/wire';
import { envelopeId, initSodium, signRelayAuth, signRoomCreate } from '../crypto';
import { randomId, startTestRelay, TestRoom } from './test/harness';
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

/** A room created by one socket; returns it and that socket. */
async function createdRoom(): Promise<{ room: TestRoom; owner: TestClient }> {
  const room = new TestRoom();
  const owner = await relay.connect();
  await owner.create(room);
  return { room, owner };
}

describe('handshake (§4.1)', () => {
  it('creates a room on a fresh socket and answers synced with head 0 and no snapshot', async () => {
    const room = new TestRoom();
    const client = await relay.connect();
    const challenge = await client.hello(room);
    expect(challenge.roomExists).toBe(false);
    expect(challenge.nonce.length).toBe(32);
    const { publicKey, privateKey } = room.subkeys.relayAuth;
    client.send({ type: 'create', room: room.roomId, epoch: 1, relayAuthPublicKey: publicKey, signature: signRoomCreate(privateKey, room.roomId, 1, publicKey, challenge.nonce) });
    const synced = await client.expect('synced');
    expect(synced).toMatchObject({ head: 0, snapshotCovers: 0 });
    expect(hex(synced.snapshotId)).toBe(hex(ZERO_ID));
  });

  it('authenticates a second socket with the room key and says the room exists', async () => {
    const { room } = await createdRoom();
    const other = await relay.connect();
    const challenge = await other.hello(room);
    expect(challenge.roomExists).toBe(true);
    other.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, challenge.nonce) });
    expect(await other.expect('synced')).toMatchObject({ head: 0 });
  });

  it('sends a fresh nonce for every hello', async () => {
    const room = new TestRoom();
    const client = await relay.connect();
    const first = await client.hello(room);
    const second = await client.hello(room);
    expect(hex(first.nonce)).not.toBe(hex(second.nonce));
  });

  it('refuses auth with a key that is not the room key (auth_failed) and uses the challenge up', async () => {
    const { room } = await createdRoom();
    const intruder = await relay.connect();
    const challenge = await intruder.hello(room);
    const wrong = new TestRoom().subkeys.relayAuth.privateKey;
    intruder.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(wrong, room.roomId, challenge.nonce) });
    const error = await intruder.expectError('auth_failed');
    expect(hex(error.room)).toBe(hex(room.roomId));
    intruder.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, challenge.nonce) });
    await intruder.expectError('no_challenge');
  });

  it('refuses auth made for another nonce (a replayed proof)', async () => {
    const { room } = await createdRoom();
    const client = await relay.connect();
    await client.hello(room);
    client.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, new Uint8Array(32)) });
    await client.expectError('auth_failed');
  });

  it('refuses auth without a hello (no_challenge)', async () => {
    const { room } = await createdRoom();
    const client = await relay.connect();
    client.send({ type: 'auth', room: room.roomId, signature: new Uint8Array(64) });
    await client.expectError('no_challenge');
  });

  it('refuses auth for a room that does not exist (room_not_found)', async () => {
    const room = new TestRoom();
    const client = await relay.connect();
    const challenge = await client.hello(room);
    client.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(room.subkeys.relayAuth.privateKey, room.roomId, challenge.nonce) });
    await client.expectError('room_not_found');
  });

  it('refuses to create a room twice (room_exists): the first writer keeps it', async () => {
    const { room } = await createdRoom();
    const usurper = new TestRoom();
    const client = await relay.connect();
    const challenge = await client.hello(room);
    const { publicKey, privateKey } = usurper.subkeys.relayAuth;
    client.send({ type: 'create', room: room.roomId, epoch: 1, relayAuthPublicKey: publicKey, signature: signRoomCreate(privateKey, room.roomId, 1, publicKey, challenge.nonce) });
    await client.expectError('room_exists');
    const again = await client.hello(room);
    client.send({ type: 'auth', room: room.roomId, signature: signRelayAuth(privateKey, room.roomId, again.nonce) });
    await client.expectError('auth_failed');
  });

  it('refuses a create whose signature does not prove the key (auth_failed)', async () => {
    const room = new TestRoom();
    const client = await relay.connect();
    const challenge = await client.hello(room);
    const { publicKey } = room.subkeys.relayAuth;
    const other = new TestRoom().subkeys.relayAuth;
    client.send({ type: 'create', room: room.roomId, epoch: 1, relayAuthPublicKey: publicKey, signature: signRoomCreate(other.privateKey, room.roomId, 1, other.publicKey, challenge.nonce) });
    await client.expectError('auth_failed');
    expect((await client.hello(room)).roomExists).toBe(false);
  });

  it('refuses a hello with another protocol version and closes with 1002', async () => {
    const client = await relay.connect();
    client.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION + 1, room: randomId(), since: 0 });
    await client.expectError('protocol_version');
    expect((await client.closed).code).toBe(CloseCode.protocolError);
  });
});

describe('bad frames (§6)', () => {
  it('answers a malformed frame with frame_malformed and keeps the socket', async () => {
    const client = await relay.connect();
    client.sendRaw(new Uint8Array([0x01, 0x00]));
    const error = await client.expectError('frame_malformed');
    expect(hex(error.room)).toBe(hex(ZERO_ID));
    client.sendRaw(new Uint8Array(0));
    await client.expectError('frame_malformed');
    await client.hello(new TestRoom());
  });

  it('answers a text message with frame_malformed', async () => {
    const client = await relay.connect();
    client.sendRaw('ciao');
    await client.expectError('frame_malformed');
  });

  it('answers an unknown frame type with frame_unknown_type and keeps the socket', async () => {
    const client = await relay.connect();
    client.sendRaw(new Uint8Array([0x7f, 1, 2, 3]));
    await client.expectError('frame_unknown_type');
    await client.hello(new TestRoom());
  });

  it('answers a relay-to-client frame sent by a client with frame_unknown_type', async () => {
    const client = await relay.connect();
    client.send({ type: 'synced', room: randomId(), head: 1, snapshotId: ZERO_ID, snapshotCovers: 0 });
    await client.expectError('frame_unknown_type');
  });

  it('answers a frame above the size limit with frame_too_large and closes with 1009', async () => {
    const { room, owner } = await createdRoom();
    const big = new Uint8Array(1024 * 1024 + 1);
    big.set(encodeFrame({ type: 'push', room: room.roomId, envelopes: [new Uint8Array(1)] }).subarray(0, 21));
    owner.sendRaw(big);
    await owner.expectError('frame_too_large');
    expect((await owner.closed).code).toBe(CloseCode.tooLarge);
  });

  it('keeps serving a second room on the same socket while the first gets garbage', async () => {
    const { room: noisy, owner } = await createdRoom();
    const calm = new TestRoom();
    await owner.create(calm);
    const listener = await relay.connect();
    await listener.join(calm);
    const writer = calm.author();
    for (let i = 0; i < 5; i++) {
      owner.sendRaw(new Uint8Array([0x07, ...noisy.roomId, 0xff, 0xff]));
      owner.send({ type: 'push', room: noisy.roomId, envelopes: [new Uint8Array(300).fill(i)] });
    }
    const ack = await (async () => {
      owner.send({ type: 'push', room: calm.roomId, envelopes: [writer.update()] });
      for (;;) {
        const frame = await owner.next();
        if (frame.type === 'ack') return frame;
        expect(frame.type).toBe('error');
        if (frame.type === 'error') expect(hex(frame.room)).not.toBe(hex(calm.roomId));
      }
    })();
    expect(ack.items[0]?.seq).toBe(1);
    expect((await listener.expect('envelopes')).items.map((i) => i.seq)).toEqual([1]);
  });
});

describe('push, ack and fan-out (§4.3, §4.4)', () => {
  it('acks after commit with consecutive seqs and fans out one envelopes frame to the other sockets', async () => {
    const { room, owner } = await createdRoom();
    const reader = await relay.connect();
    await reader.join(room);
    const author = room.author();
    const envelopes = [author.update(), author.update(), author.update()];
    const ack = await owner.push(room, envelopes);
    expect(ack.items.map((i) => [hex(i.id), i.seq])).toEqual(envelopes.map((e, i) => [hex(envelopeId(e)), i + 1]));
    const fanOut = await reader.expect('envelopes');
    expect(fanOut.items.map((i) => i.seq)).toEqual([1, 2, 3]);
    expect(fanOut.items.map((i) => hex(i.envelope))).toEqual(envelopes.map(hex));
    expect(await owner.quiet()).toEqual([]);
  });

  it('refuses a push before authentication (not_authenticated) and stores nothing', async () => {
    const { room } = await createdRoom();
    const stranger = await relay.connect();
    stranger.send({ type: 'push', room: room.roomId, envelopes: [room.author().update()] });
    const error = await stranger.expectError('not_authenticated');
    expect(hex(error.envelopeId)).toBe(hex(ZERO_ID));
    const check = await relay.connect();
    expect((await check.join(room)).at(-1)).toMatchObject({ type: 'synced', head: 0 });
  });

  it('refuses a push for a room only challenged, not authenticated', async () => {
    const { room } = await createdRoom();
    const client = await relay.connect();
    await client.hello(room);
    client.send({ type: 'push', room: room.roomId, envelopes: [room.author().update()] });
    await client.expectError('not_authenticated');
  });

  it('re-acks a duplicate push with the original seq and fans nothing out again', async () => {
    const { room, owner } = await createdRoom();
    const reader = await relay.connect();
    await reader.join(room);
    const author = room.author();
    const first = author.update();
    await owner.push(room, [first, author.update()]);
    await reader.expect('envelopes');
    const again = await owner.push(room, [first]);
    expect(again.items).toEqual([{ id: envelopeId(first), seq: 1 }]);
    expect(await reader.quiet()).toEqual([]);
  });

  it('refuses an envelope signed for another room (envelope_room) naming it, and stores the rest', async () => {
    const { room, owner } = await createdRoom();
    const elsewhere = new TestRoom();
    const author = room.author();
    const foreign = elsewhere.author().update();
    owner.send({ type: 'push', room: room.roomId, envelopes: [foreign, author.update()] });
    expect((await owner.expect('ack')).items.map((i) => i.seq)).toEqual([1]);
    const error = await owner.expectError('envelope_room');
    expect(hex(error.envelopeId)).toBe(hex(envelopeId(foreign)));
  });

  it("refuses an envelope of another epoch than the room's (envelope_epoch)", async () => {
    const { room, owner } = await createdRoom();
    const stale = room.author().update(64, { epoch: 2 });
    owner.send({ type: 'push', room: room.roomId, envelopes: [stale] });
    expect(hex((await owner.expectError('envelope_epoch')).envelopeId)).toBe(hex(envelopeId(stale)));
  });

  it('refuses an envelope whose signature does not match its bytes (envelope_signature)', async () => {
    const { room, owner } = await createdRoom();
    const tampered = room.author().update();
    tampered[100] = (tampered[100] as number) ^ 1;
    owner.send({ type: 'push', room: room.roomId, envelopes: [tampered] });
    expect(hex((await owner.expectError('envelope_signature')).envelopeId)).toBe(hex(envelopeId(tampered)));
  });

  it('refuses bytes that are no envelope (envelope_malformed) and an unknown version (envelope_version)', async () => {
    const { room, owner } = await createdRoom();
    const junk = new Uint8Array(120).fill(1);
    const future = room.author().update();
    future[0] = 2;
    owner.send({ type: 'push', room: room.roomId, envelopes: [junk, future] });
    expect(hex((await owner.expectError('envelope_malformed')).envelopeId)).toBe(hex(envelopeId(junk)));
    await owner.expectError('envelope_version');
  });

  it('refuses an ephemeral envelope in a push (envelope_kind)', async () => {
    const { room, owner } = await createdRoom();
    owner.send({ type: 'push', room: room.roomId, envelopes: [room.author().ephemeral()] });
    await owner.expectError('envelope_kind');
  });

  it('refuses a clock gap (envelope_clock_gap) and a replayed clock (envelope_clock_replay)', async () => {
    const { room, owner } = await createdRoom();
    const author = room.author();
    await owner.push(room, [author.update()]);
    owner.send({ type: 'push', room: room.roomId, envelopes: [author.update(64, { clock: 3 })] });
    await owner.expectError('envelope_clock_gap');
    owner.send({ type: 'push', room: room.roomId, envelopes: [author.update(80, { clock: 1 })] });
    await owner.expectError('envelope_clock_replay');
    author.clock = 1;
    expect((await owner.push(room, [author.update()])).items[0]?.seq).toBe(2);
  });

  it('ignores an empty push', async () => {
    const { room, owner } = await createdRoom();
    owner.send({ type: 'push', room: room.roomId, envelopes: [] });
    expect(await owner.quiet()).toEqual([]);
  });

  it('stops fanning out to a socket after leave', async () => {
    const { room, owner } = await createdRoom();
    const reader = await relay.connect();
    await reader.join(room);
    reader.send({ type: 'leave', room: room.roomId });
    await new Promise((r) => setTimeout(r, 50));
    await owner.push(room, [room.author().update()]);
    expect(await reader.quiet()).toEqual([]);
    reader.send({ type: 'push', room: room.roomId, envelopes: [room.author().update()] });
    await reader.expectError('not_authenticated');
  });
});

describe('snapshots (§4.5)', () => {
  it('accepts a snapshot by compare-and-swap, acks it with covers and tells the others', async () => {
    const { room, owner } = await createdRoom();
    const reader = await relay.connect();
    await reader.join(room);
    const author = room.author();
    await owner.push(room, [author.update(), author.update(), author.update()]);
    await reader.expect('envelopes');
    const id = randomId();
    const snap = author.snapshot(ZERO_ID, 2, id);
    const ack = await owner.push(room, [snap]);
    expect(ack.items).toEqual([{ id: envelopeId(snap), seq: 2 }]);
    const told = await reader.expect('snapshotted');
    expect(hex(told.snapshotId)).toBe(hex(id));
    expect(told.covers).toBe(2);

    const newcomer = await relay.connect();
    const frames = await newcomer.join(room);
    expect(frames.map((f) => f.type)).toEqual(['snapshot', 'envelopes', 'synced']);
    expect(frames[0]).toMatchObject({ type: 'snapshot', covers: 2 });
    expect(frames[1]?.type === 'envelopes' && frames[1].items.map((i) => i.seq)).toEqual([3]);
    const synced = frames[2];
    expect(synced?.type === 'synced' && [synced.head, hex(synced.snapshotId), synced.snapshotCovers]).toEqual([3, hex(id), 2]);

    const resumer = await relay.connect();
    const resumed = await resumer.join(room, 1);
    expect(resumed.map((f) => f.type)).toEqual(['envelopes', 'synced']);
  });

  it('refuses a snapshot with a stale parent (snapshot_conflict) and sends the current one', async () => {
    const { room, owner } = await createdRoom();
    const author = room.author();
    await owner.push(room, [author.update(), author.update()]);
    const current = author.snapshot(ZERO_ID, 1);
    await owner.push(room, [current]);
    const loser = author.snapshot(ZERO_ID, 2);
    owner.send({ type: 'push', room: room.roomId, envelopes: [loser] });
    expect(hex((await owner.expectError('snapshot_conflict')).envelopeId)).toBe(hex(envelopeId(loser)));
    const sent = await owner.expect('snapshot');
    expect(sent.covers).toBe(1);
    expect(hex(sent.envelope)).toBe(hex(current));
  });

  it('refuses a snapshot covering past the head (snapshot_invalid)', async () => {
    const { room, owner } = await createdRoom();
    owner.send({ type: 'push', room: room.roomId, envelopes: [room.author().snapshot(ZERO_ID, 5)] });
    await owner.expectError('snapshot_invalid');
  });
});

describe('ephemeral (§4.6)', () => {
  it('forwards an ephemeral envelope to the other sockets, byte for byte, and never stores it', async () => {
    const { room, owner } = await createdRoom();
    const reader = await relay.connect();
    await reader.join(room);
    const awareness = room.author().ephemeral();
    owner.send({ type: 'ephemeral', room: room.roomId, envelope: awareness });
    const got = await reader.expect('ephemeral');
    expect(hex(got.envelope)).toBe(hex(awareness));
    expect(await owner.quiet()).toEqual([]);
    const later = await relay.connect();
    expect((await later.join(room)).map((f) => f.type)).toEqual(['synced']);
  });

  it('refuses an ephemeral from a socket that is not authenticated', async () => {
    const { room } = await createdRoom();
    const stranger = await relay.connect();
    stranger.send({ type: 'ephemeral', room: room.roomId, envelope: room.author().ephemeral() });
    await stranger.expectError('not_authenticated');
  });

  it('refuses an update envelope sent as ephemeral (envelope_kind) and a forged one (envelope_signature)', async () => {
    const { room, owner } = await createdRoom();
    const reader = await relay.connect();
    await reader.join(room);
    owner.send({ type: 'ephemeral', room: room.roomId, envelope: room.author().update() });
    await owner.expectError('envelope_kind');
    const forged = room.author().ephemeral();
    forged[forged.length - 1] = (forged[forged.length - 1] as number) ^ 1;
    owner.send({ type: 'ephemeral', room: room.roomId, envelope: forged });
    await owner.expectError('envelope_signature');
    expect(await reader.quiet()).toEqual([]);
  });
});

describe('limits (§8)', () => {
  it('refuses pushes beyond the envelope rate (rate_limited) and stores nothing of them', async () => {
    const limited = await startTestRelay({ limits: { envelopesPerSecond: 1, envelopeBurst: 3 } });
    try {
      const room = new TestRoom();
      const client = await limited.connect();
      await client.create(room);
      const author = room.author();
      await client.push(room, [author.update(), author.update()]);
      client.send({ type: 'push', room: room.roomId, envelopes: [author.update(), author.update()] });
      expect((await client.expect('ack')).items.map((i) => i.seq)).toEqual([3, 4]);
      const refusedEnvelope = author.update();
      client.send({ type: 'push', room: room.roomId, envelopes: [refusedEnvelope] });
      expect(hex((await client.expectError('rate_limited')).envelopeId)).toBe(hex(ZERO_ID));
      client.send({ type: 'ephemeral', room: room.roomId, envelope: author.ephemeral() });
      await client.expectError('rate_limited');
      const other = await limited.connect();
      expect((await other.join(room)).at(-1)).toMatchObject({ type: 'synced', head: 4 });
    } finally {
      await limited.stop();
    }
  });

  it('refuses a hello beyond the rooms per socket (too_many_rooms) until one is left', async () => {
    const limited = await startTestRelay({ limits: { maxRoomsPerSocket: 2 } });
    try {
      const client = await limited.connect();
      const [a, b, c] = [new TestRoom(), new TestRoom(), new TestRoom()];
      await client.create(a);
      await client.hello(b);
      client.send({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: c.roomId, since: 0 });
      const error = await client.expectError('too_many_rooms');
      expect(hex(error.room)).toBe(hex(c.roomId));
      await client.hello(a);
      client.send({ type: 'leave', room: a.roomId });
      await client.create(c);
    } finally {
      await limited.stop();
    }
  });

  it('closes a socket that reads too slowly with backpressure and 1013, and keeps serving the writer', async () => {
    const limited = await startTestRelay({ limits: { maxPendingBytes: 256 * 1024, envelopesPerSecond: 100_000, envelopeBurst: 100_000 } });
    try {
      const room = new TestRoom();
      const writer = await limited.connect();
      await writer.create(room);
      const slow = await limited.connect();
      await slow.join(room);
      const tcp = (slow.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      tcp.pause();
      const author = room.author();
      for (let i = 0; i < 24; i++) await writer.push(room, [author.update(200_000), author.update(200_000), author.update(200_000)]);
      await new Promise((r) => setTimeout(r, 100));
      expect(limited.server.relay.stats().sockets).toBeLessThanOrEqual(2);
      tcp.resume();
      expect((await slow.closed).code).toBe(CloseCode.tryAgainLater);
      const errors = slow.pending.filter((f) => f.type === 'error');
      expect(errors.map((f) => f.type === 'error' && errorCodeName(f.code))).toEqual(['backpressure']);
      expect((await writer.push(room, [author.update()])).items[0]?.seq).toBe(73);
    } finally {
      await limited.stop();
    }
  }, 60_000);
});

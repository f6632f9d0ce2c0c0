/**
 * The engine facing a relay that misbehaves (hand-written frames on an in-memory link) and a
 * device restored with an old identity: nothing unverified is applied, gaps make it resync,
 * and clock collisions are resolved without losing what was written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  derivePartSubkeys, generateDeviceIdentity, generatePartKey, generateRoomId, initSodium, sealEnvelope,
} from '../../crypto';
import { decodeFrame, encodeFrame, type Frame } from '../../crdt/wire';
import { makeMemoryLink } from '../../crdt/sync/memoryTransport';
import { frameUpdate } from '../../crdt/sync/updateFraming';
import { makeDevice, until, type RoomSecret } from '../support/cartellaClient';
import { makeMemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const secret = (): RoomSecret => ({ roomId: generateRoomId(), key: generatePartKey(), epoch: 1 });

/** A device on a link whose far end is the test, already past the handshake. */
async function deviceOnFakeRelay(s: RoomSecret) {
  const link = makeMemoryLink();
  const sent: Frame[] = [];
  link.far.onFrame((bytes) => {
    const f = decodeFrame(bytes);
    if (!f.ok) throw new Error(f.message);
    sent.push(f.value);
    if (f.value.type === 'hello') {
      link.far.deliver(encodeFrame({ type: 'challenge', room: s.roomId, nonce: new Uint8Array(32), roomExists: true }));
    }
    if (f.value.type === 'auth') {
      link.far.deliver(encodeFrame({ type: 'synced', room: s.roomId, head: 0, snapshotId: new Uint8Array(16), snapshotCovers: 0 }));
    }
  });
  const device = await makeDevice(link.client, s);
  link.connect();
  await until(() => device.room.status.phase === 'live', 'live');
  return { device, link, sent };
}

function colleagueUpdate(s: RoomSecret, clock: number, text: string, author = generateDeviceIdentity()) {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  const envelope = sealEnvelope({
    kind: 'update', roomId: s.roomId, epoch: s.epoch, clock, author, subkeys: derivePartSubkeys(s.key),
    plaintext: frameUpdate(Y.encodeStateAsUpdate(doc))[0] as Uint8Array,
  });
  return { envelope, author };
}

describe('engine against a hostile relay', () => {
  it('does not apply an envelope whose bytes were altered on the relay, and reports it', async () => {
    const s = secret();
    const { device, link } = await deviceOnFakeRelay(s);
    const { envelope } = colleagueUpdate(s, 1, 'testo alterato');
    const tampered = envelope.slice();
    tampered[tampered.length - 100] = (tampered[tampered.length - 100] ?? 0) ^ 1;
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 1, envelope: tampered }] }));
    await until(() => device.problems.length > 0, 'problem reported');
    expect(device.problems[0]?.code).toBe('envelope_signature');
    expect(device.doc.getText('t').toString()).toBe('');
    expect(device.room.status.head).toBe(1);
  });

  it('refuses an envelope replayed under a new seq (same author clock)', async () => {
    const s = secret();
    const { device, link } = await deviceOnFakeRelay(s);
    const { envelope } = colleagueUpdate(s, 1, 'una volta');
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 1, envelope }, { seq: 2, envelope }] }));
    await until(() => device.room.status.head === 2, 'both seen');
    expect(device.problems.map((p) => p.code)).toEqual(['envelope_clock_replay']);
    expect(device.doc.getText('t').toString()).toBe('una volta');
  });

  it('refuses an envelope sealed for another room even if the relay files it here', async () => {
    const s = secret();
    const { device, link } = await deviceOnFakeRelay(s);
    const other = { ...s, roomId: generateRoomId() };
    const { envelope } = colleagueUpdate(other, 1, 'altra cartella');
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 1, envelope }] }));
    await until(() => device.problems.length > 0, 'problem reported');
    expect(device.problems[0]?.code).toBe('envelope_room');
    expect(device.doc.getText('t').toString()).toBe('');
  });

  it('resyncs from its head when the relay skips a seq', async () => {
    const s = secret();
    const { device, link, sent } = await deviceOnFakeRelay(s);
    const first = colleagueUpdate(s, 1, 'a');
    const third = colleagueUpdate(s, 2, 'c', first.author);
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 1, envelope: first.envelope }] }));
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 3, envelope: third.envelope }] }));
    await until(() => sent.filter((f) => f.type === 'hello').length >= 2, 'second hello');
    const second = sent.findIndex((f, i) => f.type === 'hello' && sent.slice(0, i).some((g) => g.type === 'hello'));
    expect(sent[second - 1]?.type).toBe('leave');
    expect(sent[second]).toMatchObject({ type: 'hello', since: 1 });
    expect(device.doc.getText('t').toString()).toBe('a');
  });
});

describe('a device restored with an identity that already wrote', () => {
  it('reseals its offline edits after the relay refuses their clocks, losing nothing', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const identity = generateDeviceIdentity();
    const l1 = relay.link();
    const before = await makeDevice(l1.client, s, { identity });
    l1.connect();
    before.doc.getText('t').insert(0, 'prima ');
    await until(() => before.room.status.head === 1 && before.room.status.pending === 0, 'first write acked');
    await before.client.close();

    // same identity, empty local store (e.g. keyring restored on a new laptop), writes offline first
    const l2 = relay.link();
    const restored = await makeDevice(l2.client, s, { identity });
    restored.doc.getText('t').insert(0, 'dopo ');
    await restored.room.flush();
    l2.connect();
    await until(() => restored.room.status.phase === 'live' && restored.room.status.pending === 0, 'restored drained');
    expect(restored.problems.map((p) => p.code)).toContain('envelope_clock_replay');

    const l3 = relay.link();
    const colleague = await makeDevice(l3.client, s);
    l3.connect();
    await until(() => colleague.doc.getText('t').toString().includes('dopo') && colleague.doc.getText('t').toString().includes('prima'), 'colleague has both');
    expect(restored.doc.getText('t').toString()).toBe(colleague.doc.getText('t').toString());
  });
});

describe('a relay that lost part of its log', () => {
  it('reports the rollback and keeps receiving new changes', async () => {
    const s = secret();
    const { device, link } = await deviceOnFakeRelay(s);
    const first = colleagueUpdate(s, 1, 'uno ');
    const second = colleagueUpdate(s, 2, 'due ', first.author);
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 1, envelope: first.envelope }, { seq: 2, envelope: second.envelope }] }));
    await until(() => device.room.status.head === 2, 'head 2');
    // reconnect: the relay now says its log ends at 1
    link.disconnect();
    await until(() => device.room.status.phase === 'offline', 'offline');
    link.far.onFrame((bytes) => {
      const f = decodeFrame(bytes);
      if (!f.ok) return;
      if (f.value.type === 'hello') link.far.deliver(encodeFrame({ type: 'challenge', room: s.roomId, nonce: new Uint8Array(32), roomExists: true }));
      if (f.value.type === 'auth') link.far.deliver(encodeFrame({ type: 'synced', room: s.roomId, head: 1, snapshotId: new Uint8Array(16), snapshotCovers: 0 }));
    });
    link.connect();
    await until(() => device.problems.some((p) => p.code === 'relay_rollback'), 'rollback reported');
    expect(device.room.status.head).toBe(1);
    const other = colleagueUpdate(s, 1, 'nuovo ');
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [{ seq: 2, envelope: other.envelope }] }));
    await until(() => device.doc.getText('t').toString().includes('nuovo'), 'new change applied');
  });
});

/**
 * The engine across key rotations (docs/PROTOCOL.md §4.9, docs/ROTATION.md) over the real relay
 * engine in memory: a device cut off by a colleague's rotation checks the record, saves the new
 * key before using it and carries on; a device that was offline catches up from the records and
 * re-seals its offline edits under the new epoch; a removed device stops, keeping what it had;
 * forged records and envelopes of an older epoch after a newer one are ignored; concurrent
 * rotations end in one epoch; the history fetch returns the whole log of every epoch.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  derivePartSubkeys, generateDeviceIdentity, generatePartKey, generateRoomId, initSodium, openEnvelope, readU32, sealEnvelope,
  signRoomRotate, type DeviceIdentity,
} from '../../crypto';
import { makeMemoryLink } from '../../crdt/sync/memoryTransport';
import { frameUpdate } from '../../crdt/sync/updateFraming';
import { decodeFrame, encodeFrame, type Frame } from '../../crdt/wire';
import { makeDevice, until, type RoomSecret, type TestDevice } from '../support/cartellaClient';
import { makeMemoryRelay, type MemoryRelay } from '../support/memoryRelay';
import { newRotationLog, openOwnBox, rotationFor, type RotationLog } from '../support/rotation';

beforeAll(initSodium);

const secret = (): RoomSecret => ({ roomId: generateRoomId(), key: generatePartKey(), epoch: 1 });
const text = (d: TestDevice): string => d.doc.getText('t').toString();
const live = (...ds: TestDevice[]): boolean => ds.every((d) => d.room.status.phase === 'live');

interface Member { device: TestDevice; identity: DeviceIdentity; log: RotationLog; link: ReturnType<MemoryRelay['link']> }

async function member(relay: MemoryRelay, s: RoomSecret, gate?: () => Promise<void>): Promise<Member> {
  const identity = generateDeviceIdentity();
  const log = newRotationLog();
  const link = relay.link();
  const device = await makeDevice(link.client, s, { identity, onRotation: openOwnBox(identity, log, gate), idleSnapshotMs: 0 });
  link.connect();
  return { device, identity, log, link };
}

/** `rotator` rotates to a fresh key boxed to `keep`; resolves with the outcome and K'. */
async function rotate(rotator: Member, s: RoomSecret, keep: readonly Member[]) {
  const { key, keyBoxes } = rotationFor(s.roomId, rotator.device.room.status.epoch, rotator.identity, [rotator, ...keep].map((m) => m.identity));
  const persisted: number[] = [];
  const outcome = await rotator.device.room.rotate(key, keyBoxes, async () => { persisted.push(rotator.device.room.status.epoch); });
  return { outcome, key, persisted };
}

describe('following a rotation', () => {
  it('a live colleague cut off by the rotation checks the record, saves the key first, rejoins and keeps syncing', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => { open = r; });
    const a = await member(relay, s);
    const b = await member(relay, s, () => gate);
    await until(() => live(a.device, b.device), 'live');
    a.device.doc.getText('t').insert(0, 'prima ');
    await until(() => text(b.device) === 'prima ', 'b has epoch 1');

    const { outcome, persisted } = await rotate(a, s, [b]);
    expect(outcome).toEqual({ ok: true, epoch: 2 });
    expect(persisted).toEqual([1]); // saved while the room still sealed under epoch 1
    a.device.doc.getText('t').insert(6, 'dopo');
    await until(() => b.log.records.length === 1, 'b got the record');
    expect(b.log.records[0]).toMatchObject({ fromEpoch: 1, toEpoch: 2 });
    // The key is not saved yet: b must not be back at work with it.
    await new Promise((r) => setTimeout(r, 30));
    expect(b.device.room.status.phase).toBe('rekeying');
    expect(b.device.room.status.epoch).toBe(1);
    open();
    await until(() => live(b.device) && b.device.room.status.epoch === 2, 'b live at epoch 2');
    await until(() => text(b.device) === 'prima dopo', 'b reads epoch 2');
    b.device.doc.getText('t').insert(0, '» ');
    await until(() => text(a.device) === '» prima dopo', 'a reads b at epoch 2');
    expect(b.device.problems.map((p) => p.code)).not.toContain('envelope_epoch');
  });

  it('the rotator pushes a snapshot of the new epoch, so a newcomer with K\' only reads the state', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const a = await member(relay, s);
    await until(() => live(a.device), 'live');
    a.device.doc.getText('t').insert(0, 'storia');
    await until(() => a.device.room.status.pending === 0, 'acked');
    const { outcome, key } = await rotate(a, s, []);
    expect(outcome.ok).toBe(true);
    let snapshot = await relay.store.readSnapshot(s.roomId);
    for (let i = 0; !snapshot && i < 200; i++) snapshot = await new Promise((r) => setTimeout(r, 5)).then(() => relay.store.readSnapshot(s.roomId));
    expect(snapshot && readU32(snapshot.bytes, 18)).toBe(2);
    const link = relay.link();
    const newcomer = await makeDevice(link.client, { roomId: s.roomId, key, epoch: 2 });
    link.connect();
    await until(() => live(newcomer), 'newcomer live');
    expect(text(newcomer)).toBe('storia');
    expect(newcomer.problems).toEqual([]);
  });

  it('a device offline during the rotation follows the records at auth and re-seals its offline edits under the new epoch', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const a = await member(relay, s);
    const b = await member(relay, s);
    await until(() => live(a.device, b.device), 'live');
    b.link.disconnect();
    await until(() => b.device.room.status.phase === 'offline', 'b offline');
    b.device.doc.getText('t').insert(0, 'scritto offline');
    await b.device.room.flush();
    expect(b.device.room.status.pending).toBeGreaterThan(0);
    const { outcome } = await rotate(a, s, [b]);
    expect(outcome.ok).toBe(true);
    a.device.doc.getText('t').insert(0, 'nuova epoca ');
    b.link.connect();
    await until(() => live(b.device) && b.device.room.status.epoch === 2 && b.device.room.status.pending === 0, 'b caught up at epoch 2');
    await until(() => text(a.device).includes('scritto offline') && text(b.device) === text(a.device), 'converged');
    // Everything the relay stored after the rotation is of epoch 2.
    const stored = await relay.store.readAfter(s.roomId, 0, { limit: 100, maxBytes: 1e9 });
    const epochs = stored.map((e) => readU32(e.envelope, 18));
    expect(epochs.slice(-2)).toEqual([2, 2]);
    expect(b.device.problems.map((p) => p.code)).not.toContain('envelope_epoch');
  });

  it('a removed device stops in revoked, keeps its document and its unsent edits, and reads nothing new', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const a = await member(relay, s);
    const b = await member(relay, s);
    await until(() => live(a.device, b.device), 'live');
    a.device.doc.getText('t').insert(0, 'condiviso');
    await until(() => text(b.device) === 'condiviso', 'b has it');
    const { outcome } = await rotate(a, s, []);
    expect(outcome.ok).toBe(true);
    await until(() => b.device.room.status.phase === 'revoked', 'b revoked');
    expect(b.device.problems.map((p) => p.code)).toContain('key_box_absent');
    a.device.doc.getText('t').insert(0, 'riservato ');
    await until(() => a.device.room.status.pending === 0, 'a acked');
    b.device.doc.getText('t').insert(0, 'tardi ');
    await b.device.room.flush();
    expect(text(b.device)).toBe('tardi condiviso');
    expect(b.device.room.status.pending).toBeGreaterThan(0);
    // A reconnect does not knock again, and nothing of epoch 2 arrives.
    b.link.disconnect(); b.link.connect();
    await new Promise((r) => setTimeout(r, 30));
    expect(b.device.room.status.phase).toBe('revoked');
    expect(text(a.device)).toBe('riservato condiviso');
  });
});

describe('what the engine does not follow', () => {
  it('ignores a rotation record not signed by the room key of its old epoch (a relay cannot hand out keys of its own)', async () => {
    const s = secret();
    const link = makeMemoryLink();
    link.far.onFrame((bytes) => {
      const f = decodeFrame(bytes);
      if (!f.ok) return;
      if (f.value.type === 'hello') link.far.deliver(encodeFrame({ type: 'challenge', room: s.roomId, nonce: new Uint8Array(32), roomExists: true }));
      if (f.value.type === 'auth') {
        const intruder = generateDeviceIdentity();
        const { key, keyBoxes } = rotationFor(s.roomId, 1, intruder, [intruder]);
        const newKey = derivePartSubkeys(key).relayAuth.publicKey;
        const nonce = new Uint8Array(32).fill(7);
        const wrongKey = derivePartSubkeys(generatePartKey()).relayAuth.privateKey;
        const signature = signRoomRotate(wrongKey, s.roomId, 1, 2, newKey, keyBoxes, nonce);
        link.far.deliver(encodeFrame({ type: 'rotation', room: s.roomId, fromEpoch: 1, toEpoch: 2, newRelayAuthPublicKey: newKey, nonce, signature, keyBoxes }));
        link.far.deliver(encodeFrame({ type: 'error', room: s.roomId, code: 25, envelopeId: new Uint8Array(16), message: 'key rotated' }));
      }
    });
    const identity = generateDeviceIdentity();
    const log = newRotationLog();
    const device = await makeDevice(link.client, s, { identity, onRotation: openOwnBox(identity, log) });
    link.connect();
    await until(() => device.room.status.phase === 'refused', 'refused');
    expect(log.records).toEqual([]);
    expect(device.problems.map((p) => p.code)).toEqual(expect.arrayContaining(['rotation_invalid', 'rotation_missing']));
    expect(device.room.status.epoch).toBe(1);
  });

  it('refuses an envelope of an older epoch that a relay slips in after one of a newer epoch', async () => {
    const s = secret();
    const key2 = generatePartKey();
    const link = makeMemoryLink();
    const sent: Frame[] = [];
    link.far.onFrame((bytes) => {
      const f = decodeFrame(bytes);
      if (!f.ok) return;
      sent.push(f.value);
      if (f.value.type === 'hello') link.far.deliver(encodeFrame({ type: 'challenge', room: s.roomId, nonce: new Uint8Array(32), roomExists: true }));
      if (f.value.type === 'auth') link.far.deliver(encodeFrame({ type: 'synced', room: s.roomId, head: 0, snapshotId: new Uint8Array(16), snapshotCovers: 0 }));
    });
    const device = await makeDevice(link.client, s);
    device.room.addEpochKeys([{ epoch: 2, subkeys: derivePartSubkeys(key2) }]);
    link.connect();
    await until(() => live(device), 'live');
    const removed = generateDeviceIdentity();
    const seal = (epoch: number, key: Uint8Array, words: string, author = generateDeviceIdentity()) => {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, words);
      return sealEnvelope({ kind: 'update', roomId: s.roomId, epoch, clock: 1, author, subkeys: derivePartSubkeys(key), plaintext: frameUpdate(Y.encodeStateAsUpdate(doc))[0] as Uint8Array });
    };
    link.far.deliver(encodeFrame({ type: 'envelopes', room: s.roomId, items: [
      { seq: 1, envelope: seal(2, key2, 'nuova') },
      { seq: 2, envelope: seal(1, s.key, 'intrusa', removed) },
    ] }));
    await until(() => device.room.status.head === 2, 'both read');
    expect(text(device)).toBe('nuova');
    expect(device.problems.map((p) => p.code)).toContain('envelope_epoch_regressed');
  });
});

describe('concurrent rotations', () => {
  it('end in one epoch: the loser gets rotate_conflict, adopts the winner key from the records and both carry on', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const a = await member(relay, s);
    const b = await member(relay, s);
    await until(() => live(a.device, b.device), 'live');
    const [ra, rb] = await Promise.all([rotate(a, s, [b]), rotate(b, s, [a])]);
    expect([ra.outcome.ok, rb.outcome.ok].filter(Boolean)).toHaveLength(1);
    const loser = ra.outcome.ok ? rb : ra;
    expect(loser.outcome).toMatchObject({ ok: false, code: expect.stringMatching(/rotate_conflict|key_rotated/) });
    await until(() => live(a.device, b.device) && a.device.room.status.epoch === 2 && b.device.room.status.epoch === 2, 'both at epoch 2');
    a.device.doc.getText('t').insert(0, 'A');
    b.device.doc.getText('t').insert(0, 'B');
    await until(() => text(a.device).length === 2 && text(a.device) === text(b.device), 'converged');
  });
});

describe('history fetch (§4.10)', () => {
  it('returns every stored update of every epoch in seq order, also those a snapshot covers, and leaves the room as it was', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const a = await member(relay, s);
    const b = await member(relay, s);
    await until(() => live(a.device, b.device), 'live');
    for (let i = 0; i < 4; i++) {
      (i % 2 ? b : a).device.doc.getText('t').insert(0, String(i));
      await until(() => a.device.room.status.pending === 0 && b.device.room.status.pending === 0 && text(a.device) === text(b.device), 'step');
    }
    const { outcome, key } = await rotate(a, s, [b]);
    expect(outcome.ok).toBe(true);
    await until(() => live(b.device) && b.device.room.status.epoch === 2, 'b at epoch 2');
    b.device.doc.getText('t').insert(0, 'z');
    await until(() => b.device.room.status.pending === 0, 'acked');
    const head = b.device.room.status.head;
    const before = text(b.device);
    const fetched = await b.device.room.fetchHistory();
    if (!fetched.ok) throw new Error(fetched.message);
    expect(fetched.value.items.map((i) => i.seq)).toEqual(Array.from({ length: head }, (_, i) => i + 1));
    const epochs = fetched.value.items.map((item) => {
      const opened = openEnvelope(item.bytes, { roomId: s.roomId, subkeysForEpoch: (e) => (e === 1 ? derivePartSubkeys(s.key) : e === 2 ? derivePartSubkeys(key) : undefined) });
      if (!opened.ok) throw new Error(opened.message);
      return opened.value.header.epoch;
    });
    expect(epochs[0]).toBe(1);
    expect(epochs.at(-1)).toBe(2);
    expect(b.device.room.status.head).toBe(head);
    expect(text(b.device)).toBe(before);
  });

  it('asks page after page until historyEnd says the log is complete, and asks again after rate_limited', async () => {
    const s = secret();
    const link = makeMemoryLink();
    const asked: number[] = [];
    let limited = false;
    const envelope = (seq: number) => new Uint8Array(200).fill(seq);
    link.far.onFrame((bytes) => {
      const f = decodeFrame(bytes);
      if (!f.ok) return;
      const v = f.value;
      if (v.type === 'hello') link.far.deliver(encodeFrame({ type: 'challenge', room: s.roomId, nonce: new Uint8Array(32), roomExists: true }));
      if (v.type === 'auth') link.far.deliver(encodeFrame({ type: 'synced', room: s.roomId, head: 0, snapshotId: new Uint8Array(16), snapshotCovers: 0 }));
      if (v.type !== 'history') return;
      asked.push(v.fromSeq);
      if (v.fromSeq === 3 && !limited) {
        limited = true;
        link.far.deliver(encodeFrame({ type: 'error', room: s.roomId, code: 5, envelopeId: new Uint8Array(16), message: 'rate' }));
        return;
      }
      const page = [v.fromSeq, v.fromSeq + 1].filter((q) => q <= 5);
      link.far.deliver(encodeFrame({ type: 'historyEnvelopes', room: s.roomId, items: page.map((seq) => ({ seq, envelope: envelope(seq) })) }));
      link.far.deliver(encodeFrame({ type: 'historyEnd', room: s.roomId, nextSeq: (page.at(-1) ?? v.fromSeq - 1) + 1, head: 5 }));
    });
    const device = await makeDevice(link.client, s, { scheduler: (fn) => { queueMicrotask(fn); return () => {}; } });
    link.connect();
    await until(() => live(device), 'live');
    const fetched = await device.room.fetchHistory();
    if (!fetched.ok) throw new Error(fetched.message);
    expect(fetched.value.items.map((i) => [i.seq, i.bytes[0]])).toEqual([[1, 1], [2, 2], [3, 3], [4, 4], [5, 5]]);
    expect(asked).toEqual([1, 3, 3, 5]);
    expect(device.room.status.head).toBe(0);
  });

  it('refuses to fetch when the room is not joined', async () => {
    const relay = makeMemoryRelay();
    const a = await makeDevice(relay.link().client, secret());
    expect(await a.room.fetchHistory()).toMatchObject({ ok: false, code: 'not_live' });
  });
});

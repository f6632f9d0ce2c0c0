/**
 * The sync engine end to end over the real relay engine (in memory): convergence, batching,
 * the durable outbox, snapshots and cold load, verification of what the relay hands over.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { generatePartKey, generateRoomId, initSodium } from '../../crypto';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import { makeDevice, until, type RoomSecret } from '../support/cartellaClient';
import { makeMemoryRelay } from '../support/memoryRelay';

beforeAll(initSodium);

const secret = (): RoomSecret => ({ roomId: generateRoomId(), key: generatePartKey(), epoch: 1 });
const text = (doc: Y.Doc): string => doc.getText('t').toString();

describe('sync engine over the relay', () => {
  it('an edit made on one device appears on the other', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link(); const lb = relay.link();
    const a = await makeDevice(la.client, s);
    const b = await makeDevice(lb.client, s);
    la.connect(); lb.connect();
    await until(() => a.room.status.phase === 'live' && b.room.status.phase === 'live', 'both live');
    a.doc.getText('t').insert(0, 'Colloquio con la signora R.');
    await until(() => text(b.doc) === 'Colloquio con la signora R.', 'b receives');
    b.doc.getText('t').insert(0, '» ');
    await until(() => text(a.doc) === '» Colloquio con la signora R.', 'a receives');
    expect(a.problems).toEqual([]);
    expect(b.problems).toEqual([]);
  });

  it('edits made while an envelope is in flight are merged into the next one', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    const a = await makeDevice(la.client, s);
    la.connect();
    await until(() => a.room.status.phase === 'live', 'live');
    for (let i = 0; i < 200; i++) a.doc.getText('t').insert(i, 'x');
    await until(() => a.room.status.pending === 0, 'all acked');
    const stored = await relay.store.readAfter(s.roomId, 0, { limit: 10_000, maxBytes: 1e9 });
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(20);
  });

  it('edits made offline survive a restart of the app and reach the colleague once back online', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const store = makeMemoryEnvelopeStore();
    const la = relay.link();
    const first = await makeDevice(la.client, s, { store });
    first.doc.getText('t').insert(0, 'scritto senza rete');
    await first.room.flush();
    expect(first.room.status.pending).toBe(1);
    await first.client.close();
    // the app restarts: a new doc from the same local store and identity
    const la2 = relay.link();
    const again = await makeDevice(la2.client, s, { store, identity: first.identity });
    expect(text(again.doc)).toBe('scritto senza rete');
    const lb = relay.link();
    const b = await makeDevice(lb.client, s);
    la2.connect(); lb.connect();
    await until(() => text(b.doc) === 'scritto senza rete', 'colleague receives the offline edit');
    await until(() => again.room.status.pending === 0, 'outbox drained');
  });

  it('a new device opens from the latest snapshot plus its tail', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    const a = await makeDevice(la.client, s, { snapshotEvery: 20 });
    la.connect();
    await until(() => a.room.status.phase === 'live', 'live');
    for (let i = 0; i < 70; i++) {
      a.doc.getText('t').insert(i, String(i % 10));
      await until(() => a.room.status.pending === 0, 'acked');
    }
    const snap = (await relay.store.readSnapshot(s.roomId))?.pointer;
    expect(snap?.covers).toBeGreaterThanOrEqual(20);
    const lb = relay.link();
    const b = await makeDevice(lb.client, s);
    lb.connect();
    await until(() => b.room.status.phase === 'live', 'b live');
    expect(text(b.doc)).toBe(text(a.doc));
    expect(b.room.status.head).toBe(a.room.status.head);
  });

  it('refuses an envelope the relay forwards from someone without the room key, keeping the document intact', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link(); const lb = relay.link();
    const a = await makeDevice(la.client, s);
    const b = await makeDevice(lb.client, s);
    la.connect(); lb.connect();
    await until(() => a.room.status.phase === 'live' && b.room.status.phase === 'live', 'live');
    a.doc.getText('t').insert(0, 'vero');
    await until(() => text(b.doc) === 'vero', 'b has it');
    // a forger who knows the room id but not the key cannot even authenticate
    const lf = relay.link();
    const forger = await makeDevice(lf.client, { ...s, key: generatePartKey() });
    lf.connect();
    await until(() => forger.room.status.phase === 'refused', 'forger refused');
    expect(forger.problems.map((p) => p.code)).toContain('auth_failed');
    expect(text(forger.doc)).toBe('');
  });

  it('carries awareness as ephemeral envelopes that are never stored', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link(); const lb = relay.link();
    const a = await makeDevice(la.client, s);
    const b = await makeDevice(lb.client, s);
    la.connect(); lb.connect();
    await until(() => a.room.status.phase === 'live' && b.room.status.phase === 'live', 'live');
    expect(a.room.sendEphemeral(new TextEncoder().encode('cursore 12'))).toBe(true);
    await until(() => b.ephemeral.length === 1, 'b gets awareness');
    expect(new TextDecoder().decode(b.ephemeral[0]?.payload)).toBe('cursore 12');
    expect(await relay.store.readAfter(s.roomId, 0, { limit: 100, maxBytes: 1e9 })).toEqual([]);
  });
});

describe('awareness over ephemeral envelopes', () => {
  it("shows a colleague's caret state and forgets it when the colleague leaves", async () => {
    const { Awareness } = await import('y-protocols/awareness');
    const { bindAwareness } = await import('../../crdt/sync/awareness');
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link(); const lb = relay.link();
    const a = await makeDevice(la.client, s);
    const b = await makeDevice(lb.client, s);
    const awA = new Awareness(a.doc); const awB = new Awareness(b.doc);
    const unbindA = bindAwareness(a.room, awA);
    bindAwareness(b.room, awB);
    la.connect(); lb.connect();
    await until(() => a.room.status.phase === 'live' && b.room.status.phase === 'live', 'live');
    awA.setLocalStateField('user', { name: 'Giulia R.', color: '#2c7a7b' });
    await until(() => (awB.getStates().get(awA.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Giulia R.', 'b sees a');
    unbindA();
    await until(() => !awB.getStates().has(awA.clientID), 'b forgets a');
    awA.destroy(); awB.destroy();
  });
});

describe('many rooms on one connection', () => {
  it('joins every room even when the relay rate-limits the handshakes', async () => {
    const relay = makeMemoryRelay({ limits: { envelopesPerSecond: 40, envelopeBurst: 10 } });
    const link = relay.link();
    const { SyncClient } = await import('../../crdt/sync/syncClient');
    const { derivePartSubkeys, generateDeviceIdentity } = await import('../../crypto');
    const client = new SyncClient({ transport: link.client });
    const identity = generateDeviceIdentity();
    const rooms: Array<{ status: { phase: string } }> = [];
    for (let i = 0; i < 30; i++) {
      const s = secret();
      const sub = derivePartSubkeys(s.key);
      rooms.push(await client.addRoom({
        doc: new Y.Doc(), store: makeMemoryEnvelopeStore(), author: identity,
        keys: { roomId: s.roomId, epoch: 1, subkeysForEpoch: (e) => (e === 1 ? sub : undefined) },
      }));
    }
    link.connect();
    await until(() => rooms.every((r) => r.status.phase === 'live'), 'all 30 rooms live', 20_000);
    await client.close();
  });
});

describe('a change larger than one envelope', () => {
  it('travels as several envelopes and arrives whole, also after a reload', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link(); const lb = relay.link();
    const store = makeMemoryEnvelopeStore();
    const a = await makeDevice(la.client, s);
    const b = await makeDevice(lb.client, s, { store });
    la.connect(); lb.connect();
    await until(() => a.room.status.phase === 'live' && b.room.status.phase === 'live', 'live');
    const big = 'relazione '.repeat(150_000); // 1.5 MB pasted at once
    a.doc.getText('t').insert(0, big);
    await until(() => text(b.doc).length === big.length, 'b has the whole paste', 20_000);
    expect((await relay.store.readAfter(s.roomId, 0, { limit: 100, maxBytes: 1e9 })).length).toBeGreaterThanOrEqual(3);
    await b.client.close();
    const again = await makeDevice(relay.link().client, s, { store });
    expect(text(again.doc)).toBe(big);
    expect(a.problems).toEqual([]);
  });
});

describe('adaptive snapshot interval', () => {
  it('snapshots a small document again after 50 updates, not 300', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    const a = await makeDevice(la.client, s, { snapshotEvery: 300 });
    la.connect();
    await until(() => a.room.status.phase === 'live', 'live');
    const covers: number[] = [];
    for (let i = 0; i < 420; i++) {
      a.doc.getText('t').insert(0, 'x');
      await until(() => a.room.status.pending === 0, 'acked');
      const snap = (await relay.store.readSnapshot(s.roomId))?.pointer.covers;
      if (snap !== undefined && snap !== covers.at(-1)) covers.push(snap);
    }
    expect(covers[0]).toBe(300);
    expect(covers[1]).toBe(350);
    expect(covers[2]).toBe(400);
  });
});

describe('one push in flight', () => {
  it('never re-sends a push still in flight when a snapshot ack arrives', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    let pushes = 0;
    const send = la.client.send.bind(la.client);
    const counting = Object.assign(Object.create(la.client) as typeof la.client, {
      send: (frame: Uint8Array) => { if (frame[0] === 0x07) pushes++; return send(frame); },
    });
    const a = await makeDevice(counting, s, { snapshotEvery: 10 });
    la.connect();
    await until(() => a.room.status.phase === 'live', 'live');
    for (let i = 0; i < 300; i++) {
      a.doc.getText('t').insert(0, 'x');
      await Promise.resolve(); // let the seal run, not the relay's answer
      if (i % 2 === 0) await new Promise((r) => setTimeout(r, 0));
    }
    await until(() => a.room.status.pending === 0, 'drained');
    const updates = (await relay.store.readAfter(s.roomId, 0, { limit: 10_000, maxBytes: 1e9 })).length;
    const snapshots = Math.floor(a.room.status.head / 10); // upper bound of snapshot pushes
    expect(pushes).toBeLessThanOrEqual(updates + snapshots);
    expect(a.problems).toEqual([]);
  });
});

describe('idle snapshot', () => {
  it('snapshots once the last writer stops typing, so a new device loads with no tail', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    const a = await makeDevice(la.client, s, { idleSnapshotMs: 200 });
    la.connect();
    await until(() => a.room.status.phase === 'live', 'live');
    for (let i = 0; i < 30; i++) {
      a.doc.getText('t').insert(0, 'x');
      await until(() => a.room.status.pending === 0, 'acked');
    }
    await until(() => a.room.status.pending === 0, 'drained');
    await expect.poll(async () => (await relay.store.readSnapshot(s.roomId))?.pointer.covers, { timeout: 5000 }).toBe(a.room.status.head);
  });

  it('does not snapshot a tail of fewer than 10 updates', async () => {
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    const a = await makeDevice(la.client, s, { idleSnapshotMs: 20 });
    la.connect();
    await until(() => a.room.status.phase === 'live', 'live');
    for (let i = 0; i < 5; i++) {
      a.doc.getText('t').insert(0, 'x');
      await until(() => a.room.status.pending === 0, 'acked');
    }
    await new Promise((r) => setTimeout(r, 80));
    expect(await relay.store.readSnapshot(s.roomId)).toBeNull();
  });
});

describe('awareness for a late joiner', () => {
  it('a colleague who joins later sees who is already there at once, not at the next renewal', async () => {
    const { Awareness } = await import('y-protocols/awareness');
    const { bindAwareness } = await import('../../crdt/sync/awareness');
    const relay = makeMemoryRelay();
    const s = secret();
    const la = relay.link();
    const a = await makeDevice(la.client, s);
    la.connect();
    await until(() => a.room.status.phase === 'live', 'a live');
    const awA = new Awareness(a.doc);
    awA.setLocalStateField('user', { name: 'Giulia R.' });
    bindAwareness(a.room, awA);
    const lb = relay.link();
    const b = await makeDevice(lb.client, s);
    const awB = new Awareness(b.doc);
    awB.setLocalStateField('user', { name: 'Marco V.' });
    bindAwareness(b.room, awB);
    lb.connect();
    await until(() => awB.getStates().has(awA.clientID), 'b sees a', 3000);
    await until(() => awA.getStates().has(awB.clientID), 'a sees b', 3000);
    awA.destroy(); awB.destroy();
  });
});

describe('desks sharing the connection', () => {
  it('a frame listener sees frames before the rooms and keeps the answers it consumes from them', async () => {
    const { SyncClient } = await import('../../crdt/sync/syncClient');
    const { makeMemoryLink } = await import('../../crdt/sync/memoryTransport');
    const { encodeFrame, errorFrame } = await import('../../crdt/wire');
    const { derivePartSubkeys, generateDeviceIdentity } = await import('../../crypto');
    const link = makeMemoryLink();
    const sent: Uint8Array[] = [];
    link.far.onFrame((f) => sent.push(f));
    const client = new SyncClient({ transport: link.client });
    const s = secret();
    const sub = derivePartSubkeys(s.key);
    const problems: string[] = [];
    await client.addRoom({
      doc: new Y.Doc(), store: makeMemoryEnvelopeStore(), author: generateDeviceIdentity(),
      keys: { roomId: s.roomId, epoch: 1, subkeysForEpoch: (e) => (e === 1 ? sub : undefined) },
      onEvent: (e) => { if (e.type === 'problem') problems.push(e.code); },
    });
    const mine = new Uint8Array(16).fill(7);
    const seen: string[] = [];
    const remove = client.addFrameListener((frame) => {
      seen.push(frame.type);
      return frame.type === 'error' && frame.envelopeId.every((b, i) => b === mine[i]);
    });
    expect(client.sendFrame({ type: 'escrowHello', protocolVersion: 1, mailbox: new Uint8Array(32) })).toBe(false);
    link.connect();
    await until(() => client.state === 'open', 'link open');
    expect(client.sendFrame({ type: 'escrowHello', protocolVersion: 1, mailbox: new Uint8Array(32) })).toBe(true);
    link.far.deliver(errorFrame(s.roomId, 'rate_limited', 'mine', mine));
    link.far.deliver(encodeFrame({ type: 'escrowChallenge', mailbox: new Uint8Array(32), ephemeralPublicKey: new Uint8Array(32).fill(9) }));
    await until(() => seen.length === 2, 'both frames offered to the listener');
    expect(seen).toEqual(['error', 'escrowChallenge']);
    expect(problems).toEqual([]);
    remove();
    link.far.deliver(errorFrame(s.roomId, 'rate_limited', 'not mine any more', mine));
    await until(() => problems.length === 1, 'the room sees the error once the listener is gone');
    expect(seen).toHaveLength(2);
    await until(() => sent.length >= 1, 'the escrowHello reached the far end');
    await client.close();
  });
});

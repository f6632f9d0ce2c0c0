/**
 * Three colleagues' devices on a real relay process over loopback: one works offline, the
 * relay is killed with SIGKILL mid-session and started again on the same SQLite file. Every
 * device converges, no acknowledged envelope is missing, a socket without the room key gets
 * nothing, and neither the SQLite file nor the relay's log holds a word of the plaintext.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { generatePartKey, generateRoomId, initSodium, toHex } from '../../crypto';
import { decodeFrame, encodeFrame, PROTOCOL_VERSION } from '../../crdt/wire';
import { makeMemoryEnvelopeStore } from '../../crdt/sync/memoryEnvelopeStore';
import type { EnvelopeStore } from '../../crdt/sync/ports';
import { makeWebSocketTransport, type WebSocketConstructor } from '../../crdt/sync/webSocketTransport';
import { makeDevice, until, type TestDevice } from '../support/cartellaClient';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relayProcess';

let dataDir: string;
let relay: RelayProcess;
let port: number;
const logs: string[] = [];

beforeAll(async () => {
  await initSodium();
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-crash-'));
  port = await freePort();
  relay = await startRelayProcess(port, dataDir);
});
afterAll(() => {
  relay.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

/** A TCP proxy in front of the relay that a test can unplug, like a laptop losing the network. */
async function cable(targetPort: number): Promise<{ port: number; unplug(): void; plug(): void; close(): void }> {
  let plugged = true;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    if (!plugged) return client.destroy();
    const upstream = new Socket();
    upstream.connect(targetPort, '127.0.0.1');
    sockets.add(client); sockets.add(upstream);
    client.pipe(upstream); upstream.pipe(client);
    const end = (): void => { client.destroy(); upstream.destroy(); sockets.delete(client); sockets.delete(upstream); };
    client.on('error', end); upstream.on('error', end); client.on('close', end); upstream.on('close', end);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const unplug = (): void => { plugged = false; for (const s of sockets) s.destroy(); sockets.clear(); };
  return {
    port: address.port,
    unplug,
    plug() { plugged = true; },
    close() { unplug(); server.close(); },
  };
}

/** Wraps a store to record every id the relay acknowledged. */
function recordingAcks(store: EnvelopeStore, acked: Set<string>): EnvelopeStore {
  return { ...store, acknowledge: async (room, acks) => { for (const a of acks) acked.add(a.id); await store.acknowledge(room, acks); } };
}

it('converges after an offline colleague and a SIGKILLed relay, losing no acknowledged envelope and leaking no plaintext', async () => {
  const secret = { roomId: generateRoomId(), key: generatePartKey(), epoch: 1 };
  const acked = new Set<string>();
  const markers = ['SEGRETO-ALFA-7731', 'SEGRETO-BETA-1902', 'SEGRETO-GAMMA-5540'];
  const cables = await Promise.all([0, 1, 2].map(() => cable(port)));
  const devices: TestDevice[] = [];
  for (const c of cables) {
    const transport = makeWebSocketTransport({ url: `ws://127.0.0.1:${c.port}/sync`, WebSocket: WebSocket as unknown as WebSocketConstructor, backoff: { minMs: 50, maxMs: 400 } });
    devices.push(await makeDevice(transport, secret, { store: recordingAcks(makeMemoryEnvelopeStore(), acked), batchIntervalMs: 10, snapshotEvery: 40 }));
  }
  const [a, b, c] = devices as [TestDevice, TestDevice, TestDevice];
  await until(() => devices.every((d) => d.room.status.phase === 'live'), 'all live');

  // C loses the network and keeps writing
  (cables[2] as { unplug(): void }).unplug();
  await until(() => c.room.status.phase !== 'live', 'c offline');
  c.doc.getText('t').insert(0, `${markers[2]} scritto in visita domiciliare. `);

  // A and B type; the relay dies mid-session
  for (let i = 0; i < 60; i++) {
    a.doc.getText('t').insert(0, i === 5 ? `${markers[0]} ` : 'a');
    b.doc.getText('t').insert(b.doc.getText('t').length, i === 7 ? ` ${markers[1]}` : 'b');
    if (i === 30) relay.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 3));
  }
  await relay.exited;
  logs.push(relay.output());
  const ackedBeforeRestart = new Set(acked);
  relay = await startRelayProcess(port, dataDir);
  (cables[2] as { plug(): void }).plug();

  await until(() => devices.every((d) => d.room.status.phase === 'live' && d.room.status.pending === 0), 'all drained', 30_000);
  await until(() => new Set(devices.map((d) => d.doc.getText('t').toString())).size === 1, 'all converge', 30_000);
  const final = a.doc.getText('t').toString();
  for (const m of markers) expect(final).toContain(m);
  expect(ackedBeforeRestart.size).toBeGreaterThan(0);

  // every acknowledged envelope is in the relay's file
  const db = new Database(join(dataDir, 'relay.sqlite'), { readonly: true });
  const stored = new Set([
    ...(db.prepare('SELECT id FROM envelopes').all() as Array<{ id: Buffer }>).map((r) => toHex(r.id)),
    ...(db.prepare('SELECT id FROM snapshots').all() as Array<{ id: Buffer }>).map((r) => toHex(r.id)),
  ]);
  db.close();
  for (const id of acked) expect(stored.has(id), `acknowledged envelope ${id} is stored`).toBe(true);

  // a socket without the room key receives nothing
  const intruder = new WebSocket(`ws://127.0.0.1:${port}/sync`);
  intruder.binaryType = 'arraybuffer';
  const received: string[] = [];
  intruder.on('message', (data: ArrayBuffer) => {
    const f = decodeFrame(new Uint8Array(data));
    if (f.ok) received.push(f.value.type);
    if (f.ok && f.value.type === 'challenge') {
      intruder.send(encodeFrame({ type: 'auth', room: secret.roomId, signature: new Uint8Array(64).fill(7) }));
    }
  });
  await new Promise<void>((r) => intruder.once('open', () => r()));
  intruder.send(encodeFrame({ type: 'hello', protocolVersion: PROTOCOL_VERSION, room: secret.roomId, since: 0 }));
  await until(() => received.includes('error'), 'intruder refused');
  await new Promise((r) => setTimeout(r, 200));
  expect(received).not.toContain('envelopes');
  expect(received).not.toContain('snapshot');
  intruder.close();

  await Promise.all(devices.map((d) => d.client.close()));
  for (const cb of cables) cb.close();
  relay.child.kill('SIGTERM');
  await relay.exited;
  logs.push(relay.output());

  // no plaintext at rest on the relay or in its logs
  // Every file the relay wrote, in subfolders too (attachment chunks live under blobs/).
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = join(entry.parentPath, entry.name);
    const bytes = readFileSync(file).toString('latin1');
    for (const m of markers) expect(bytes.includes(m), `${m} in ${file}`).toBe(false);
  }
  for (const log of logs) for (const m of markers) expect(log.includes(m)).toBe(false);
}, 120_000);

/**
 * A real concurrent editing trace (clownschool: three people typing into one document)
 * replayed with one device per typist through a real relay on loopback — real WebSockets,
 * real SQLite file — every device must end at the trace's `endContent`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { generatePartKey, generateRoomId, initSodium } from '../../crypto';
import { makeWebSocketTransport, type WebSocketConstructor } from '../../crdt/sync/webSocketTransport';
import { createRelayServer, type RelayServer } from '../../server/app';
import { makeDevice, until, type TestDevice } from '../support/cartellaClient';
import { concurrentTraceToUpdates, hasState, loadTrace, type ConcurrentTrace } from '../support/traces';

let server: RelayServer;
let dataDir: string;

beforeAll(async () => {
  await initSodium();
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-trace-'));
  server = await createRelayServer({ port: 0, host: '127.0.0.1', dataDir });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

it('replays the clownschool trace with one device per typist and every device ends at endContent', async () => {
  const trace = loadTrace<ConcurrentTrace>('concurrent-clownschool.json.gz');
  const steps = concurrentTraceToUpdates(trace);
  const secret = { roomId: generateRoomId(), key: generatePartKey(), epoch: 1 };
  const url = `${server.url.replace(/^http/, 'ws')}/sync`;
  const devices: TestDevice[] = [];
  for (let agent = 0; agent < trace.numAgents; agent++) {
    const transport = makeWebSocketTransport({ url, WebSocket: WebSocket as unknown as WebSocketConstructor });
    devices.push(await makeDevice(transport, secret, { batchIntervalMs: 0 }));
  }
  await until(() => devices.every((d) => d.room.status.phase === 'live'), 'all devices live');

  // Each typist works through their own transactions in trace order, concurrently with the
  // others, waiting only when a transaction's causal history has not reached their device yet.
  let waited = 0;
  await Promise.all(devices.map(async (device, agent) => {
    for (const step of steps) {
      if (step.agent !== agent) continue;
      if (!hasState(device.doc, step.needs)) {
        waited++;
        await until(() => hasState(device.doc, step.needs), 'causal history of a merge', 30_000);
      }
      // the typist's keystrokes, as a local change of their device
      Y.applyUpdate(device.doc, step.update, 'typist');
    }
  }));
  await until(() => devices.every((d) => d.room.status.pending === 0), 'every outbox drained', 60_000);
  await until(() => devices.every((d) => d.doc.getText('t').toString() === trace.endContent), 'every device at endContent', 60_000);
  for (const d of devices) {
    expect(d.doc.getText('t').toString()).toBe(trace.endContent);
    expect(d.problems).toEqual([]);
  }
  expect(waited).toBeGreaterThan(0); // the trace really exercised concurrent merges
  await Promise.all(devices.map((d) => d.client.close()));
}, 240_000);

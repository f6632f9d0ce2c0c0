import { describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { makeMemoryLink } from '../../crdt/sync/memoryTransport';
import { makeWebSocketTransport, type WebSocketConstructor } from '../../crdt/sync/webSocketTransport';
import { transportContract, type FarEnd } from './transport.contract';

function queue(): { push(f: Uint8Array): void; next(): Promise<Uint8Array> } {
  const frames: Uint8Array[] = [];
  const waiters: Array<(f: Uint8Array) => void> = [];
  return {
    push(f) { const w = waiters.shift(); if (w) w(f); else frames.push(f); },
    next() { const f = frames.shift(); return f ? Promise.resolve(f) : new Promise((r) => waiters.push(r)); },
  };
}

transportContract('in-memory link', () => {
  const link = makeMemoryLink();
  const q = queue();
  link.far.onFrame((f) => q.push(f));
  link.connect();
  const far: FarEnd = {
    nextFrame: () => q.next(),
    deliver: (f) => { link.far.deliver(f); },
    drop: () => link.far.drop(1012, 'restart'),
    dispose: () => Promise.resolve(),
  };
  return Promise.resolve({ transport: link.client, far, reconnects: false });
});

transportContract('WebSocket (ws, loopback)', async () => {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((r) => server.once('listening', () => r()));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('unexpected address');
  const q = queue();
  let current: WsSocket | undefined;
  server.on('connection', (ws) => {
    current = ws;
    ws.on('message', (data: Buffer) => q.push(new Uint8Array(data)));
  });
  const transport = makeWebSocketTransport({
    url: `ws://127.0.0.1:${address.port}/sync`,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    backoff: { minMs: 20, maxMs: 100 },
  });
  const far: FarEnd = {
    nextFrame: () => q.next(),
    deliver: (f) => current?.send(f),
    drop: () => current?.close(1012, 'restart'),
    dispose: () => new Promise<void>((r) => { for (const c of server.clients) c.terminate(); server.close(() => r()); }),
  };
  return { transport, far, reconnects: true };
});

describe('WebSocket transport: reconnectNow', () => {
  it('skips the backoff wait when the network comes back', async () => {
    let attempts = 0;
    class NeverOpens {
      binaryType = 'arraybuffer'; readyState = 0;
      onopen: ((ev: unknown) => void) | null = null;
      onclose: ((ev: { code: number; reason: string }) => void) | null = null;
      onerror: ((ev: unknown) => void) | null = null;
      onmessage: ((ev: { data: unknown }) => void) | null = null;
      constructor() { attempts++; queueMicrotask(() => this.onclose?.({ code: 1006, reason: '' })); }
      send(): void {}
      close(): void {}
    }
    const transport = makeWebSocketTransport({ url: 'ws://unused', WebSocket: NeverOpens as unknown as WebSocketConstructor, backoff: { minMs: 60_000, maxMs: 60_000 } });
    await expect.poll(() => attempts).toBe(1);
    transport.reconnectNow();
    await expect.poll(() => attempts).toBe(2);
    transport.close();
  });
});

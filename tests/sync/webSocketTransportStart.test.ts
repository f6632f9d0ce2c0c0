/**
 * `makeWebSocketTransport({start})`: the first connection waits for `start` (the PWA opens the
 * socket only once the attachments are wired to the rooms), then behaves as before.
 */
import { describe, expect, it } from 'vitest';
import { makeWebSocketTransport, type WebSocketLike } from '../../crdt/sync/webSocketTransport';

class FakeSocket implements WebSocketLike {
  static made: FakeSocket[] = [];
  binaryType = 'arraybuffer';
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onerror: (() => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  constructor(readonly url: string) { FakeSocket.made.push(this); }
  send(): void { /* not used */ }
  close(): void { this.readyState = 3; }
  open(): void { this.readyState = 1; this.onopen?.(); }
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

describe('webSocketTransport start', () => {
  it('opens no socket before start resolves, then connects and reports open', async () => {
    FakeSocket.made = [];
    let go: () => void = () => undefined;
    const t = makeWebSocketTransport({ url: 'ws://x/sync', WebSocket: FakeSocket, start: new Promise<void>((r) => { go = r; }) });
    const states: string[] = [];
    t.onState((s) => states.push(s));
    await tick();
    expect(FakeSocket.made).toHaveLength(0);
    expect(t.state).toBe('connecting');
    go();
    await tick();
    expect(FakeSocket.made).toHaveLength(1);
    FakeSocket.made[0]?.open();
    expect(t.state).toBe('open');
    expect(states).toEqual(['open']);
    t.close();
  });

  it('a transport closed before start never connects', async () => {
    FakeSocket.made = [];
    let go: () => void = () => undefined;
    const t = makeWebSocketTransport({ url: 'ws://x/sync', WebSocket: FakeSocket, start: new Promise<void>((r) => { go = r; }) });
    t.close();
    go();
    await tick();
    expect(FakeSocket.made).toHaveLength(0);
    expect(t.state).toBe('closed');
  });

  it('without start it connects at once', async () => {
    FakeSocket.made = [];
    const t = makeWebSocketTransport({ url: 'ws://x/sync', WebSocket: FakeSocket });
    await tick();
    expect(FakeSocket.made).toHaveLength(1);
    t.close();
  });
});

/**
 * @module crdt/sync/webSocketTransport
 * `Transport` over a WebSocket to the relay, reconnecting with jittered exponential backoff
 * whenever the socket closes (relay restart 1012, overload 1013, network loss) until
 * `close()` is called. The WebSocket constructor is passed in: the browser's global one, or
 * the `ws` package in Node (Node 20 has no global WebSocket).
 */
import { backoffDelay, type BackoffOptions } from './backoff';
import type { Transport, TransportState } from './ports';

/** The part of the WebSocket API this transport uses (browser WebSocket and `ws` both fit). */
export interface WebSocketLike {
  binaryType: string;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
}
export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** The WebSocket transport, plus a way to skip the backoff wait (the browser's `online` event). */
export interface WebSocketTransport extends Transport {
  /** If waiting to reconnect, try now and restart the backoff from its first step. */
  reconnectNow(): void;
}

export interface WebSocketTransportOptions {
  readonly url: string;
  readonly WebSocket: WebSocketConstructor;
  readonly backoff?: BackoffOptions;
  /**
   * The first connection waits for this (state `connecting` meanwhile; a rejection counts as a
   * resolution). The PWA lets the attachments look at the rooms before any of them can be live.
   * Default: connect at once.
   */
  readonly start?: Promise<unknown>;
}

const OPEN = 1;

/** Connects at once (or once `start` resolves) and keeps reconnecting until closed. */
export function makeWebSocketTransport(options: WebSocketTransportOptions): WebSocketTransport {
  const backoff = options.backoff ?? { minMs: 250, maxMs: 15_000 };
  let state: TransportState = 'connecting';
  let socket: WebSocketLike | undefined;
  let attempt = 0;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onFrame: (f: Uint8Array) => void = () => {};
  let onState: (s: TransportState, d?: { code?: number; reason?: string }) => void = () => {};

  const setState = (next: TransportState, detail?: { code?: number; reason?: string }): void => {
    if (state === next) return;
    state = next;
    onState(next, detail);
  };

  const toBytes = (data: unknown): Uint8Array | undefined => {
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (Array.isArray(data)) {
      // `ws` may hand over fragments as Buffer[]
      const parts = data.filter((p): p is Uint8Array => p instanceof Uint8Array);
      const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
      let o = 0;
      for (const p of parts) { out.set(p, o); o += p.byteLength; }
      return out;
    }
    return undefined; // text frames are not part of the protocol
  };

  const connect = (): void => {
    timer = undefined;
    if (stopped) return;
    setState('connecting');
    let ws: WebSocketLike;
    try {
      ws = new options.WebSocket(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      setState('open');
    };
    ws.onmessage = (ev) => {
      if (socket !== ws) return;
      const bytes = toBytes(ev.data);
      if (bytes) onFrame(bytes);
    };
    ws.onerror = () => { /* a close event follows; reconnect happens there */ };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = undefined;
      setState('closed', { code: ev.code, reason: ev.reason });
      scheduleReconnect();
    };
  };

  const scheduleReconnect = (): void => {
    if (stopped || timer) return;
    timer = setTimeout(connect, backoffDelay(attempt++, backoff));
  };

  if (options.start) options.start.then(() => { if (!socket && !timer) connect(); }, () => { if (!socket && !timer) connect(); });
  else queueMicrotask(connect);

  return {
    get state() { return state; },
    send(frame) {
      if (!socket || socket.readyState !== OPEN) return false;
      socket.send(frame);
      return true;
    },
    onFrame(h) { onFrame = h; },
    onState(h) { onState = h; },
    reconnectNow() {
      if (stopped || socket || !timer) return;
      clearTimeout(timer);
      attempt = 0;
      connect();
    },
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = undefined;
      const ws = socket;
      socket = undefined;
      ws?.close(1000, 'client closed');
      setState('closed');
    },
  };
}

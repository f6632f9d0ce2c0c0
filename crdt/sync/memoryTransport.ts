/**
 * @module crdt/sync/memoryTransport
 * An in-memory `Transport` pair that delivers frames on microtasks (never timers: timers
 * made other projects' tests flaky), in order, with a switch to cut and restore the link.
 * Tests put a relay (or a chaos filter) on the far end.
 */
import type { Transport, TransportState } from './ports';

/** The near end (a `Transport` for the engine) plus the controls of the link. */
export interface MemoryLink {
  /** The client's side. */
  readonly client: Transport;
  /** The far side: frames the client sent arrive here; `deliver` sends frames to the client. */
  readonly far: {
    onFrame(handler: (frame: Uint8Array) => void): void;
    onState(handler: (state: TransportState) => void): void;
    deliver(frame: Uint8Array): boolean;
    /** Closes from the relay's side (like a socket closed by the server); the link may be reopened. */
    drop(code?: number, reason?: string): void;
  };
  /** Opens (or reopens) the link; both sides see 'open' on a microtask. */
  connect(): void;
  /** Cuts the link (both sides see 'closed'); frames in flight are lost, like a dropped socket. */
  disconnect(code?: number, reason?: string): void;
}

/** Creates a link that starts closed; call `connect()` to open it. */
export function makeMemoryLink(): MemoryLink {
  let state: TransportState = 'closed';
  let generation = 0;
  let stopped = false;
  let clientFrame: (f: Uint8Array) => void = () => {};
  let clientState: (s: TransportState, d?: { code?: number; reason?: string }) => void = () => {};
  let farFrame: (f: Uint8Array) => void = () => {};
  let farState: (s: TransportState) => void = () => {};

  const setState = (next: TransportState, detail?: { code?: number; reason?: string }): void => {
    if (state === next) return;
    state = next;
    generation++;
    queueMicrotask(() => {
      clientState(next, detail);
      farState(next);
    });
  };
  // A frame is delivered only if the link is still the same open link when the microtask runs.
  const post = (handler: () => (f: Uint8Array) => void, frame: Uint8Array): boolean => {
    if (state !== 'open') return false;
    const gen = generation;
    queueMicrotask(() => {
      if (state === 'open' && gen === generation) handler()(frame);
    });
    return true;
  };

  const client: Transport = {
    get state() { return state; },
    send: (frame) => post(() => farFrame, frame),
    onFrame(h) { clientFrame = h; },
    onState(h) { clientState = h; },
    close() { stopped = true; setState('closed'); },
  };
  return {
    client,
    far: {
      onFrame(h) { farFrame = h; },
      onState(h) { farState = h; },
      deliver: (frame) => post(() => clientFrame, frame),
      drop: (code, reason) => setState('closed', { code, reason }),
    },
    connect() { if (!stopped) setState('open'); },
    disconnect(code, reason) { setState('closed', { code, reason }); },
  };
}

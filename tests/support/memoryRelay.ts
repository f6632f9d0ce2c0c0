/**
 * Test harness: the real relay engine (server/relay.ts over the in-memory RelayStore)
 * reached through in-memory links, with an optional seeded chaos filter that duplicates and
 * reorders frames — the conditions the sync engine must survive.
 */
import { makeMemoryLink, type MemoryLink } from '../../crdt/sync/memoryTransport';
import { Relay } from '../../server/relay';
import { MemoryRelayStore } from '../../server/store/memoryRelayStore';
import type { RelayStore } from '../../server/store/RelayStore';
import type { RelayLimits } from '../../server/limits';

export interface Chaos {
  readonly random: () => number;
  /** Probability that a frame is delivered twice. */
  readonly duplicate: number;
  /** Probability that a frame is held back and delivered after the next one. */
  readonly reorder: number;
}

export interface MemoryRelay {
  readonly relay: Relay;
  readonly store: RelayStore;
  /** A new link attached to the relay (call `connect()` on it). */
  link(chaos?: Chaos): MemoryLink;
  /** Frames the relay delivered to clients so far (all links). */
  readonly delivered: { frames: number; bytes: number };
}

export function makeMemoryRelay(options: { store?: RelayStore; limits?: Partial<RelayLimits> } = {}): MemoryRelay {
  const store = options.store ?? new MemoryRelayStore();
  const relay = new Relay({ store, limits: { envelopesPerSecond: 1e9, envelopeBurst: 1e9, ...options.limits } });
  const delivered = { frames: 0, bytes: 0 };
  return {
    relay,
    store,
    delivered,
    link(chaos) {
      const link = makeMemoryLink();
      let connection: ReturnType<Relay['connect']> | undefined;
      const toClient = chaotic((f) => { delivered.frames++; delivered.bytes += f.byteLength; link.far.deliver(f); }, chaos);
      const toRelay = chaotic((f) => connection?.receive(f), chaos);
      link.far.onState((state) => {
        // A new connection never carries frames of the old one (TCP): forget held frames.
        toClient.reset();
        toRelay.reset();
        if (state === 'open') {
          connection = relay.connect({
            send: (f) => toClient(f),
            close: (code, reason) => link.far.drop(code, reason),
            bufferedAmount: 0,
          });
        } else {
          connection?.closed(1006);
          connection = undefined;
        }
      });
      link.far.onFrame((f) => toRelay(f));
      return link;
    },
  };
}

type Pipe = ((f: Uint8Array) => void) & { reset(): void };

function chaotic(deliver: (f: Uint8Array) => void, chaos: Chaos | undefined): Pipe {
  let held: Uint8Array | undefined;
  const pipe = (frame: Uint8Array): void => {
    if (!chaos) return deliver(frame);
    const r = chaos.random();
    if (held) {
      deliver(frame);
      const h = held;
      held = undefined;
      deliver(h);
      return;
    }
    if (r < chaos.reorder) { held = frame; return; }
    deliver(frame);
    if (chaos.random() < chaos.duplicate) deliver(frame);
  };
  return Object.assign(pipe, { reset: () => { held = undefined; } });
}

/**
 * @module server/relay
 * The protocol engine of the relay, independent of any transport: hand it a socket-like object
 * (`connect`) and feed it the messages that arrive; it answers through the socket. It owns the
 * active rooms (`RoomHub`), the sessions, the store subscription of multi-process deployments,
 * and the graceful stop: no new work, every commit already started finished and acknowledged,
 * then every socket closed with 1012 so clients reconnect.
 */
import { CloseCode } from '../crdt/wire';
import { createBlobService } from './blobs/blobService';
import type { BlobService } from './blobs/blobService';
import { DEFAULT_RELAY_LIMITS } from './limits';
import type { RelayLimits } from './limits';
import { silentLog } from './log';
import type { LogFields, LogLevel, RelayLog } from './log';
import type { RelayContext, RelaySocket } from './relayContext';
import { RoomHub } from './roomHub';
import { RelaySession } from './session';
import type { HeadAdvanced, RelayStore } from './store/RelayStore';

export type { RelaySocket } from './relayContext';

/** What `createRelay` needs. */
export interface RelayOptions {
  readonly store: RelayStore;
  readonly limits?: Partial<RelayLimits>;
  readonly log?: RelayLog;
  /** Attachments (default: an in-memory blob store with the default limits). */
  readonly blobs?: BlobService;
}

/** The transport's handle on one connection. */
export interface RelayConnection {
  /** A message arrived (binary as bytes, text as string). */
  receive(data: Uint8Array | string): void;
  /** The socket closed. */
  closed(code?: number): void;
}

/** Counters for /health. */
export interface RelayStats {
  readonly sockets: number;
  /** Rooms with at least one socket on this process. */
  readonly rooms: number;
}

const roomKey = (room: Uint8Array): string => Buffer.from(room.buffer, room.byteOffset, room.byteLength).toString('hex');

/** The relay engine. */
export class Relay implements RelayContext {
  readonly store: RelayStore;
  readonly limits: RelayLimits;
  readonly blobs: BlobService;
  readonly #log: RelayLog;
  readonly #hubs = new Map<string, RoomHub>();
  readonly #sessions = new Set<RelaySession>();
  readonly #unsubscribe: (() => void) | undefined;
  readonly #inFlight = new Set<Promise<unknown>>();
  #nextSessionId = 1;
  #accepting = true;
  #stopping: Promise<void> | undefined;

  constructor(options: RelayOptions) {
    this.store = options.store;
    this.limits = { ...DEFAULT_RELAY_LIMITS, ...options.limits };
    this.blobs = options.blobs ?? createBlobService();
    this.#log = options.log ?? silentLog;
    this.#unsubscribe = options.store.subscribe?.((event) => this.#headAdvanced(event));
  }

  get accepting(): boolean {
    return this.#accepting;
  }

  log(level: LogLevel, event: string, fields?: LogFields): void {
    try {
      this.#log(level, event, fields);
    } catch {
      // a broken log sink must not take the relay down
    }
  }

  /** Attaches a new client connection. */
  connect(socket: RelaySocket): RelayConnection {
    if (!this.#accepting) {
      socket.close(CloseCode.restart, 'relay restarting');
      return { receive: () => {}, closed: () => {} };
    }
    const session = new RelaySession(this.#nextSessionId++, this, socket);
    this.#sessions.add(session);
    this.log('debug', 'socket_opened', { socket: session.id });
    return {
      receive: (data) => session.receive(data),
      closed: (code) => {
        session.socketClosed();
        if (this.#sessions.delete(session)) this.log('debug', 'socket_closed', { socket: session.id, code });
      },
    };
  }

  hub(room: Uint8Array): RoomHub {
    const key = roomKey(room);
    let hub = this.#hubs.get(key);
    if (hub === undefined) {
      hub = new RoomHub(room.slice(), key);
      this.#hubs.set(key, hub);
    }
    return hub;
  }

  released(hub: RoomHub): void {
    if (hub.members.size > 0) return;
    // Dropped from inside its own queue, so a commit still running for it finishes first and a
    // session joining meanwhile keeps it (a second hub for one room would break ordering).
    hub.queue
      .run(() => {
        if (hub.members.size === 0 && this.#hubs.get(hub.key) === hub) this.#hubs.delete(hub.key);
      })
      .catch(() => {});
  }

  track(work: Promise<unknown>): void {
    this.#inFlight.add(work);
    const done = (): void => {
      this.#inFlight.delete(work);
    };
    work.then(done, done);
  }

  /** Waits until no frame's work and no room task is left (work may queue more work). */
  async #drain(): Promise<void> {
    for (;;) {
      const hubs = [...this.#hubs.values()].filter((hub) => hub.queue.pending > 0);
      if (this.#inFlight.size === 0 && hubs.length === 0) return;
      await Promise.allSettled([...this.#inFlight, ...hubs.map((hub) => hub.queue.idle())]);
    }
  }

  #headAdvanced(event: HeadAdvanced): void {
    const hub = this.#hubs.get(roomKey(event.roomId));
    if (hub === undefined || !this.#accepting) return;
    hub.queue
      .run(async () => {
        await hub.load(this.store);
        // A rotation elsewhere cuts this process's old-key sockets before the new epoch's envelopes go out.
        await hub.observeEpoch(this.store, event.epoch);
        await hub.deliverUpTo(this.store, event.head, this.limits);
      })
      .catch((error: unknown) => this.log('error', 'fan_out_failed', { room: hub.tag, error: String(error) }));
  }

  stats(): RelayStats {
    return { sockets: this.#sessions.size, rooms: this.#hubs.size };
  }

  /**
   * Stops: refuses new rooms and pushes (`shutting_down`), waits for every queued commit to
   * finish (so each is acknowledged and fanned out, none is cut in half), then closes every
   * socket with 1012. Idempotent. Does not close the store (its owner does, afterwards).
   */
  shutdown(): Promise<void> {
    this.#stopping ??= (async () => {
      this.#accepting = false;
      this.#unsubscribe?.();
      await this.#drain();
      for (const session of this.#sessions) session.close(CloseCode.restart, 'relay restarting');
      this.log('info', 'relay_drained', { rooms: this.#hubs.size });
    })();
    return this.#stopping;
  }
}

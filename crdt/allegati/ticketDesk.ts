/**
 * @module crdt/allegati/ticketDesk
 * Gets tickets for the attachment endpoints over the device's sync connection (docs/PROTOCOL.md
 * §4.12): it sends `blobTicket {room, requestId}` through the connection's `send`, and the
 * connection hands it every frame it receives (`receive` consumes `blobTicketed`, and the `error`
 * frames naming one of its request ids). Tickets are cached per room until shortly before they
 * expire; concurrent requests for one room share one frame. The room must be joined on that
 * connection with the current key, which the sync engine does for every room of the keyring.
 */
import { randomBytes, toHex } from '../../crypto';
import type { Result } from '../../crypto';
import { errorCodeName } from '../wire';
import type { Frame } from '../wire';
import type { BlobTicket, TicketCode, TicketSource } from './ports';

/** What the desk needs from the connection. */
export interface TicketDeskOptions {
  /** Sends a frame on the sync connection; false when it is not open. */
  send(frame: Frame): boolean;
  /** ms since the Unix epoch; default Date.now. */
  readonly now?: () => number;
  /** How long to wait for an answer (default 15 s). */
  readonly timeoutMs?: number;
  /** A cached ticket is renewed this long before it expires (default 60 s). */
  readonly marginMs?: number;
}

interface Pending {
  readonly room: string;
  readonly promise: Promise<Result<BlobTicket, TicketCode>>;
  settle(result: Result<BlobTicket, TicketCode>): void;
}

/** The connection's ticket source. */
export class BlobTicketDesk implements TicketSource {
  readonly #options: TicketDeskOptions;
  readonly #cached = new Map<string, BlobTicket>();
  /** request id (hex) → the request in flight. */
  readonly #pending = new Map<string, Pending>();

  constructor(options: TicketDeskOptions) {
    this.#options = options;
  }

  ticket(room: Uint8Array, fresh = false): Promise<Result<BlobTicket, TicketCode>> {
    const key = toHex(room);
    const now = (this.#options.now ?? Date.now)();
    const cached = this.#cached.get(key);
    if (!fresh && cached !== undefined && cached.expiresAt - (this.#options.marginMs ?? 60_000) > now) {
      return Promise.resolve({ ok: true, value: cached });
    }
    this.#cached.delete(key);
    for (const p of this.#pending.values()) if (p.room === key) return p.promise;
    const requestId = randomBytes(16);
    const id = toHex(requestId);
    let settle: (result: Result<BlobTicket, TicketCode>) => void = () => {};
    const promise = new Promise<Result<BlobTicket, TicketCode>>((resolve) => {
      const timer = setTimeout(() => settle({ ok: false, code: 'ticket_timeout', message: 'no answer to blobTicket' }), this.#options.timeoutMs ?? 15_000);
      settle = (result) => {
        clearTimeout(timer);
        if (this.#pending.get(id)?.promise === promise) this.#pending.delete(id);
        if (result.ok) this.#cached.set(key, result.value);
        resolve(result);
      };
    });
    this.#pending.set(id, { room: key, promise, settle });
    if (!this.#options.send({ type: 'blobTicket', room, requestId })) {
      settle({ ok: false, code: 'rete', message: 'the sync connection is not open' });
    }
    return promise;
  }

  /** Offers a received frame; true when it was the answer to one of this desk's requests. */
  receive(frame: Frame): boolean {
    if (frame.type === 'blobTicketed') {
      const pending = this.#pending.get(toHex(frame.requestId));
      if (pending === undefined || pending.room !== toHex(frame.room)) return false;
      pending.settle({
        ok: true,
        value: {
          ticket: frame.ticket.slice(),
          expiresAt: frame.expiresAt,
          maxFileBytes: frame.maxFileBytes,
          quotaBytes: frame.quotaBytes,
          usedBytes: frame.usedBytes,
        },
      });
      return true;
    }
    if (frame.type === 'error') {
      const pending = this.#pending.get(toHex(frame.envelopeId));
      if (pending === undefined || pending.room !== toHex(frame.room)) return false;
      pending.settle({ ok: false, code: 'ticket_refused', message: `blobTicket refused: ${errorCodeName(frame.code) ?? frame.code}` });
      return true;
    }
    return false;
  }

  /** The connection dropped: tickets die with it, requests in flight fail with `rete`. */
  disconnected(): void {
    this.#cached.clear();
    for (const p of [...this.#pending.values()]) p.settle({ ok: false, code: 'rete', message: 'the sync connection closed' });
  }
}

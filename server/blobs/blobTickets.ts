/**
 * @module server/blobs/blobTickets
 * The tickets that authorise the attachment endpoints (docs/PROTOCOL.md §4.12). A socket joined
 * in a room with the room's current key asks for one with `blobTicket`; the relay answers with 32
 * random bytes, a bearer secret for `/blobs/<room>/…`. A ticket is good only while (a) it has not
 * expired and (b) the socket that obtained it is still joined in that room with the current key:
 * a `leave`, a new `hello`, the socket closing or a rotation that cuts it off ends every ticket
 * it holds at once. So HTTP adds no way in that the WebSocket's relay-auth proof does not give.
 *
 * Tickets live in this process's memory: a deployment of several relay processes routes a
 * device's HTTP requests to the process holding its socket, or shares this table.
 */
import { randomBytes } from 'node:crypto';
import { blobIdFromText } from '../../crdt/wire';
import { bytesEqual, toHex } from '../../crypto/bytes';

/** Who a ticket is for: the socket's id, the room, and whether the socket still stands in it. */
export interface TicketHolder {
  readonly sessionId: number;
  readonly room: Uint8Array;
  /** True while the socket is joined in the room with the key it proved and the room has not rotated it away. */
  isCurrent(): boolean;
}

/** Outcome of checking a presented ticket for a room. */
export type TicketCheck = 'ok' | 'invalid' | 'other_room';

interface Issued {
  readonly holder: TicketHolder;
  readonly expiresAt: number;
}

/** Tickets a socket may hold per room at once (a fresh one may be asked while an old one is in use). */
const TICKETS_PER_ROOM = 2;

/** Issues and checks tickets. */
export class BlobTicketDesk {
  readonly #tickets = new Map<string, Issued>();
  /** `${session}:${room hex}` → its tickets, oldest first. */
  readonly #bySocketRoom = new Map<string, string[]>();
  readonly #now: () => number;
  readonly #ttlMs: number;

  constructor(now: () => number, ttlMs: number) {
    this.#now = now;
    this.#ttlMs = ttlMs;
  }

  /** A new ticket for `holder`, good for the configured time. */
  issue(holder: TicketHolder): { readonly ticket: Uint8Array; readonly expiresAt: number } {
    const ticket = new Uint8Array(randomBytes(32));
    const expiresAt = this.#now() + this.#ttlMs;
    const key = toHex(ticket);
    this.#tickets.set(key, { holder: { ...holder, room: holder.room.slice(), isCurrent: holder.isCurrent }, expiresAt });
    const slot = `${holder.sessionId}:${toHex(holder.room)}`;
    const list = (this.#bySocketRoom.get(slot) ?? []).filter((t) => this.#tickets.has(t));
    list.push(key);
    while (list.length > TICKETS_PER_ROOM) this.#tickets.delete(list.shift() as string);
    this.#bySocketRoom.set(slot, list);
    return { ticket, expiresAt };
  }

  /** Checks the text form of a ticket (base64url) for `room`. Expired or orphaned tickets are dropped. */
  check(text: string, room: Uint8Array): TicketCheck {
    const bytes = blobIdFromText(text);
    if (!bytes.ok) return 'invalid';
    const key = toHex(bytes.value);
    const issued = this.#tickets.get(key);
    if (issued === undefined) return 'invalid';
    if (issued.expiresAt <= this.#now() || !issued.holder.isCurrent()) {
      this.#tickets.delete(key);
      return 'invalid';
    }
    return bytesEqual(issued.holder.room, room) ? 'ok' : 'other_room';
  }

  /** Drops every ticket of a socket (it closed). */
  forgetSession(sessionId: number): void {
    const prefix = `${sessionId}:`;
    for (const [slot, list] of this.#bySocketRoom) {
      if (!slot.startsWith(prefix)) continue;
      for (const key of list) this.#tickets.delete(key);
      this.#bySocketRoom.delete(slot);
    }
  }

  /** Tickets held (for tests and /health-style counters). */
  get size(): number {
    return this.#tickets.size;
  }
}

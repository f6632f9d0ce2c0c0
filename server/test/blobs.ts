/**
 * @module server/test/blobs
 * Test support for attachments (docs/PROTOCOL.md §4.12) on top of the `ws` test client: a ticket
 * asked over a joined socket, and the HTTP endpoints with that ticket. Test-only.
 */
import { randomBytes } from 'node:crypto';
import { blobIdToText, encodeLiveSet } from '../../crdt/wire';
import type { LiveSet } from '../../crdt/wire';
import { toBase64Url } from '../../crypto/bytes';
import type { FrameOf, TestClient, TestRoom } from './harness';

/** Asks for a ticket on `client` (joined in `room`) and returns the `blobTicketed` frame. */
export async function ticketFor(client: TestClient, room: TestRoom): Promise<FrameOf<'blobTicketed'>> {
  client.send({ type: 'blobTicket', room: room.roomId, requestId: new Uint8Array(randomBytes(16)) });
  return client.expect('blobTicketed');
}

/** An HTTP answer: status and parsed JSON (or raw bytes for a chunk download). */
export interface BlobAnswer {
  readonly status: number;
  readonly json: Record<string, unknown> | undefined;
  readonly bytes: Uint8Array | undefined;
}

/** The `/blobs` endpoints of one relay, as one device with `ticket` calls them. */
export class BlobHttp {
  constructor(
    readonly baseUrl: string,
    public ticket: Uint8Array | string | undefined,
  ) {}

  #url(room: Uint8Array, tail: string): string {
    return `${this.baseUrl}/blobs/${toBase64Url(room)}/${tail}`;
  }

  async #call(method: string, url: string, body?: Uint8Array): Promise<BlobAnswer> {
    const headers: Record<string, string> = {};
    if (this.ticket !== undefined) headers.authorization = `Bearer ${typeof this.ticket === 'string' ? this.ticket : toBase64Url(this.ticket)}`;
    if (body !== undefined) headers['content-type'] = 'application/octet-stream';
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body: body as Uint8Array<ArrayBuffer> } : {}) });
    const type = res.headers.get('content-type') ?? '';
    if (type.includes('application/json')) return { status: res.status, json: (await res.json()) as Record<string, unknown>, bytes: undefined };
    return { status: res.status, json: undefined, bytes: new Uint8Array(await res.arrayBuffer()) };
  }

  status(room: Uint8Array, id: Uint8Array): Promise<BlobAnswer> {
    return this.#call('GET', this.#url(room, blobIdToText(id)));
  }

  begin(room: Uint8Array, id: Uint8Array, manifest: Uint8Array): Promise<BlobAnswer> {
    return this.#call('PUT', this.#url(room, blobIdToText(id)), manifest);
  }

  put(room: Uint8Array, id: Uint8Array, index: number, chunk: Uint8Array): Promise<BlobAnswer> {
    return this.#call('PUT', this.#url(room, `${blobIdToText(id)}/${index}`), chunk);
  }

  get(room: Uint8Array, id: Uint8Array, index: number): Promise<BlobAnswer> {
    return this.#call('GET', this.#url(room, `${blobIdToText(id)}/${index}`));
  }

  live(room: Uint8Array, set: LiveSet): Promise<BlobAnswer> {
    return this.#call('POST', this.#url(room, 'live'), encodeLiveSet(set));
  }

  raw(method: string, room: Uint8Array, tail: string, body?: Uint8Array): Promise<BlobAnswer> {
    return this.#call(method, this.#url(room, tail), body);
  }
}

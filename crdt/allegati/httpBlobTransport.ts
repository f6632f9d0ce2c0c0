/**
 * @module crdt/allegati/httpBlobTransport
 * `BlobTransport` over the relay's `/blobs` endpoints (docs/PROTOCOL.md §4.12) with `fetch`
 * (the browser's, or Node's; injected for tests). Every request carries the room's ticket as a
 * bearer token (never in the URL, so it stays out of logs and history); a 401 gets one retry
 * with a fresh ticket. Answers are untrusted: JSON is parsed by crdt/wire's validating parsers.
 */
import { toBase64Url } from '../../crypto';
import { blobIdToText, encodeLiveSet, parseBlobRefusalBody, parseBlobStatusBody, parseLiveSetAnswerBody } from '../wire';
import type { BlobManifest, BlobStatusBody, LiveSet, LiveSetAnswerBody } from '../wire';
import type { BlobTransport, TicketSource, TransportFailure, TransportResult } from './ports';

/** The part of a `fetch` Response the transport reads. */
export interface ResponseLike {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
}

/** The part of `fetch` the transport calls. */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array<ArrayBuffer> },
) => Promise<ResponseLike>;

/** What the HTTP transport needs. */
export interface HttpBlobTransportOptions {
  /** The relay's origin, e.g. `https://cartella.comune.example` (no trailing slash). */
  readonly baseUrl: string;
  readonly tickets: TicketSource;
  /** Default: the global `fetch`. */
  readonly fetch?: FetchLike;
}

function failure(code: TransportFailure['code'], message: string): TransportFailure {
  return { ok: false, code, message };
}

/** The relay's endpoints as a `BlobTransport`. */
export function httpBlobTransport(options: HttpBlobTransportOptions): BlobTransport {
  const doFetch: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const base = options.baseUrl.replace(/\/+$/, '');

  async function call(room: Uint8Array, method: string, tail: string, body?: Uint8Array): Promise<TransportResult<ResponseLike>> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const ticket = await options.tickets.ticket(room, attempt > 0);
      if (!ticket.ok) return failure(ticket.code, ticket.message);
      const headers: Record<string, string> = { authorization: `Bearer ${toBase64Url(ticket.value.ticket)}` };
      if (body !== undefined) headers['content-type'] = 'application/octet-stream';
      let res: ResponseLike;
      try {
        res = await doFetch(`${base}/blobs/${toBase64Url(room)}/${tail}`, {
          method,
          headers,
          ...(body !== undefined ? { body: body as Uint8Array<ArrayBuffer> } : {}),
        });
      } catch (error) {
        return failure('rete', error instanceof Error ? error.message : 'network failure');
      }
      if (res.status === 401 && attempt === 0) continue;
      if (res.status >= 200 && res.status < 300) return { ok: true, value: res };
      let json: unknown;
      try {
        json = await res.json();
      } catch {
        json = undefined;
      }
      const refusal = parseBlobRefusalBody(json);
      return { ok: false, code: refusal.code, message: refusal.message || `HTTP ${res.status}`, refusal };
    }
    return failure('blob_ticket_invalid', 'the relay refused a fresh ticket');
  }

  async function jsonOf<T>(r: TransportResult<ResponseLike>, parse: (v: unknown) => { ok: true; value: T } | { ok: false; message: string }): Promise<TransportResult<T>> {
    if (!r.ok) return r;
    try {
      const parsed = parse(await r.value.json());
      return parsed.ok ? parsed : failure('blob_answer_malformed', parsed.message);
    } catch {
      return failure('blob_answer_malformed', 'the answer is not JSON');
    }
  }

  return {
    async status(room, id): Promise<TransportResult<BlobStatusBody>> {
      return jsonOf(await call(room, 'GET', blobIdToText(id)), parseBlobStatusBody);
    },
    async begin(room, manifest: BlobManifest): Promise<TransportResult<BlobStatusBody>> {
      return jsonOf(await call(room, 'PUT', blobIdToText(manifest.id), manifest.encoded), parseBlobStatusBody);
    },
    async putChunk(room, id, index, chunk): Promise<TransportResult<BlobStatusBody>> {
      return jsonOf(await call(room, 'PUT', `${blobIdToText(id)}/${index}`, chunk), parseBlobStatusBody);
    },
    async getChunk(room, id, index): Promise<TransportResult<Uint8Array>> {
      const r = await call(room, 'GET', `${blobIdToText(id)}/${index}`);
      if (!r.ok) return r;
      try {
        return { ok: true, value: new Uint8Array(await r.value.arrayBuffer()) };
      } catch (error) {
        return failure('rete', error instanceof Error ? error.message : 'download cut');
      }
    },
    async declareLive(room, set: LiveSet): Promise<TransportResult<LiveSetAnswerBody>> {
      return jsonOf(await call(room, 'POST', 'live', encodeLiveSet(set)), parseLiveSetAnswerBody);
    },
  };
}

/** The HTTP transport against a scripted fetch: bearer tickets, one retry on 401, untrusted answers. */
import { beforeAll, describe, expect, it } from 'vitest';
import { initSodium, toBase64Url } from '../../crypto';
import { manifestOfChunks } from '../wire';
import { httpBlobTransport } from './httpBlobTransport';
import type { FetchLike, ResponseLike } from './httpBlobTransport';
import type { TicketSource } from './ports';

beforeAll(initSodium);

const ROOM = new Uint8Array(16).fill(1);
const ID = new Uint8Array(32).fill(2);

function json(status: number, body: unknown): ResponseLike {
  return { status, headers: { get: () => 'application/json' }, json: async () => body, arrayBuffer: async () => new ArrayBuffer(0) };
}

function tickets(): TicketSource & { fresh: number } {
  let n = 0;
  const source = {
    fresh: 0,
    async ticket(_room: Uint8Array, fresh = false) {
      if (fresh) source.fresh++;
      n++;
      return { ok: true as const, value: { ticket: new Uint8Array(32).fill(n), expiresAt: 0, maxFileBytes: 0, quotaBytes: 0, usedBytes: 0 } };
    },
  };
  return source;
}

describe('httpBlobTransport', () => {
  it('calls /blobs/<room>/<id> with the ticket as a bearer token, never in the URL', async () => {
    const calls: Array<{ url: string; auth: string | undefined; method: string }> = [];
    const fetch: FetchLike = async (url, init) => {
      calls.push({ url, auth: init.headers.authorization, method: init.method });
      return json(200, { state: 'absent', chunks: 0, stored: 0, bytes: 0 });
    };
    const t = httpBlobTransport({ baseUrl: 'https://relay.example/', tickets: tickets(), fetch });
    expect(await t.status(ROOM, ID)).toMatchObject({ ok: true, value: { state: 'absent' } });
    expect(calls).toEqual([{ url: `https://relay.example/blobs/${toBase64Url(ROOM)}/${toBase64Url(ID)}`, auth: `Bearer ${toBase64Url(new Uint8Array(32).fill(1))}`, method: 'GET' }]);
  });

  it('retries once with a fresh ticket after a 401, then gives up', async () => {
    let answers = [json(401, { code: 'blob_ticket_invalid', message: 'expired' }), json(200, { state: 'absent', chunks: 0, stored: 0, bytes: 0 })];
    const source = tickets();
    const t = httpBlobTransport({ baseUrl: 'http://r', tickets: source, fetch: async () => answers.shift()! });
    expect((await t.status(ROOM, ID)).ok).toBe(true);
    expect(source.fresh).toBe(1);
    answers = [json(401, { code: 'blob_ticket_invalid', message: 'no' }), json(401, { code: 'blob_ticket_invalid', message: 'no' })];
    expect(await t.status(ROOM, ID)).toMatchObject({ ok: false, code: 'blob_ticket_invalid' });
  });

  it('carries the relay\'s refusal with its limits, and reports network errors and malformed answers', async () => {
    const manifest = manifestOfChunks([new Uint8Array(10)]);
    const quota = httpBlobTransport({ baseUrl: 'http://r', tickets: tickets(), fetch: async () => json(507, { code: 'blob_quota', message: 'full', quotaBytes: 9, usedBytes: 8 }) });
    expect(await quota.begin(ROOM, manifest)).toMatchObject({ ok: false, code: 'blob_quota', refusal: { quotaBytes: 9, usedBytes: 8 } });
    const down = httpBlobTransport({ baseUrl: 'http://r', tickets: tickets(), fetch: async () => { throw new TypeError('fetch failed'); } });
    expect(await down.putChunk(ROOM, ID, 0, new Uint8Array(3))).toMatchObject({ ok: false, code: 'rete' });
    const liar = httpBlobTransport({ baseUrl: 'http://r', tickets: tickets(), fetch: async () => json(200, { state: 'complete', chunks: 2, stored: 1, bytes: 5 }) });
    expect(await liar.status(ROOM, ID)).toMatchObject({ ok: false, code: 'blob_answer_malformed' });
    const html = httpBlobTransport({ baseUrl: 'http://r', tickets: tickets(), fetch: async () => ({ ...json(502, null), json: async () => { throw new SyntaxError('html'); } }) });
    expect(await html.status(ROOM, ID)).toMatchObject({ ok: false, code: 'internal' });
  });
});

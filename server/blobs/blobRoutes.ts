/**
 * @module server/blobs/blobRoutes
 * The attachment endpoints under `/blobs` (docs/PROTOCOL.md §4.12, docs/ATTACHMENTS.md): status,
 * begin (the manifest), one chunk up, one chunk down, and the room's live set. Every request
 * carries `Authorization: Bearer <ticket>`, a ticket obtained over the WebSocket by a socket
 * joined in that room (`blobTicket`). Bodies are read with a hard cap before anything is parsed;
 * refusals are JSON `{code, message, …}` with the codes of docs/ERRORS.md ("Attachments").
 *
 * Why HTTP for the bytes: a 20 MiB upload on the sync socket would queue behind and ahead of every
 * cartella's live edits on the one socket a device shares across rooms, and the relay would have
 * to buffer it against the socket's 8 MiB backpressure limit. Plain requests give each chunk its
 * own flow control, keep the sync stream small, and let a chunk be retried alone.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  BLOB_CHUNK_MAX_BYTES,
  BLOB_ID_BYTES,
  BLOB_MANIFEST_ENTRY_BYTES,
  BLOB_MAX_CHUNKS,
  LIVE_SET_MAX_IDS,
  blobIdFromText,
  blobIdToText,
  decodeBlobManifest,
  decodeLiveSet,
} from '../../crdt/wire';
import type { BlobRefusalBody, BlobRefusalCode } from '../../crdt/wire';
import { bytesEqual, fromBase64Url } from '../../crypto/bytes';
import { roomTag } from '../log';
import type { LogFields, LogLevel } from '../log';
import type { RelayStore } from '../store/RelayStore';
import { maxBlobBytes } from './blobLimits';
import type { BlobService } from './blobService';

/** What the routes need from the relay around them. */
export interface BlobRouteDeps {
  readonly blobs: BlobService;
  /** The rooms (a live set may not claim a seq above the room's head). */
  readonly rooms: RelayStore;
  /** False once the relay is stopping. */
  accepting(): boolean;
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

const ROOM_TEXT = /^[A-Za-z0-9_-]{22}$/;
const INDEX_TEXT = /^(0|[1-9][0-9]{0,4})$/;
const MANIFEST_MAX_BYTES = 4 + BLOB_MAX_CHUNKS * BLOB_MANIFEST_ENTRY_BYTES;
const LIVE_SET_MAX_BYTES = 12 + LIVE_SET_MAX_IDS * BLOB_ID_BYTES;

type Refusal = Omit<BlobRefusalBody, 'code' | 'message'>;

/** A refusal the routes turn into a JSON answer. */
class BlobRefused extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: BlobRefusalCode,
    message: string,
    readonly extra: Refusal = {},
  ) {
    super(message);
  }
}

function parseRoom(text: string): Uint8Array {
  const room = ROOM_TEXT.test(text) ? fromBase64Url(text) : undefined;
  if (room === undefined || !room.ok || room.value.length !== 16) throw new BlobRefused(400, 'blob_request_malformed', 'the room is 22 base64url characters');
  return room.value;
}

function parseBlob(text: string): Uint8Array {
  const id = blobIdFromText(text);
  if (!id.ok) throw new BlobRefused(400, 'blob_request_malformed', id.message);
  return id.value;
}

function parseIndex(text: string): number {
  if (!INDEX_TEXT.test(text)) throw new BlobRefused(400, 'blob_request_malformed', 'a chunk index is a decimal number');
  return Number(text);
}

/**
 * Reads the request body, refusing (413, `code`) as soon as it exceeds `max` bytes, before
 * buffering more than that.
 */
async function readBody(c: Context, max: number, code: BlobRefusalCode, extra: Refusal = {}): Promise<Uint8Array> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > max) throw new BlobRefused(413, code, `the body is above ${max} bytes`, extra);
  const body = c.req.raw.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const parts: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > max) {
      await reader.cancel().catch(() => {});
      throw new BlobRefused(413, code, `the body is above ${max} bytes`, extra);
    }
    parts.push(value);
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The `/blobs` routes. */
export function blobRoutes(deps: BlobRouteDeps): Hono {
  const { blobs } = deps;
  const { store, limits } = blobs;
  const app = new Hono();

  /** Checks the relay state and the ticket; gives the room. */
  const authorise = (c: Context): Uint8Array => {
    if (!deps.accepting()) throw new BlobRefused(503, 'shutting_down', 'the relay is restarting');
    const room = parseRoom(c.req.param('room') ?? '');
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer ([A-Za-z0-9_-]{43})$/.exec(header);
    if (match === null) throw new BlobRefused(401, 'blob_ticket_invalid', 'no ticket: ask for one with blobTicket on a joined socket');
    const check = blobs.tickets.check(match[1] as string, room);
    if (check === 'invalid') throw new BlobRefused(401, 'blob_ticket_invalid', 'the ticket is unknown, expired, or its socket left the room');
    if (check === 'other_room') throw new BlobRefused(403, 'blob_ticket_room', 'the ticket is for another room');
    return room;
  };

  const answer = async (c: Context, what: string, work: () => Promise<Response>): Promise<Response> => {
    try {
      return await work();
    } catch (error) {
      c.header('Cache-Control', 'no-store');
      if (error instanceof BlobRefused) {
        deps.log('info', 'blob_refused', { what, code: error.code });
        return c.json({ code: error.code, message: error.message, ...error.extra }, error.status);
      }
      deps.log('error', 'blob_failed', { what, error: error instanceof Error ? error.message : String(error) });
      return c.json({ code: 'internal', message: 'the relay failed on this request' }, 500);
    }
  };

  app.get('/:room/:blob{[A-Za-z0-9_-]{43}}', (c) =>
    answer(c, 'status', async () => {
      const room = authorise(c);
      const status = await store.status(room, parseBlob(c.req.param('blob')));
      c.header('Cache-Control', 'no-store');
      return c.json(status, 200);
    }),
  );

  app.put('/:room/:blob{[A-Za-z0-9_-]{43}}', (c) =>
    answer(c, 'begin', async () => {
      const room = authorise(c);
      const id = parseBlob(c.req.param('blob'));
      const manifest = decodeBlobManifest(await readBody(c, MANIFEST_MAX_BYTES, 'blob_request_malformed'));
      if (!manifest.ok) throw new BlobRefused(400, 'blob_request_malformed', manifest.message);
      if (!bytesEqual(manifest.value.id, id)) throw new BlobRefused(400, 'blob_id_mismatch', 'the manifest does not hash to this blob id');
      const maxBlob = maxBlobBytes(limits);
      const result = await store.begin(room, manifest.value, { maxBlobBytes: maxBlob, quotaBytes: limits.roomQuotaBytes }, blobs.now());
      c.header('Cache-Control', 'no-store');
      switch (result.status) {
        case 'created':
          deps.log('info', 'blob_begun', { room: roomTag(room), bytes: manifest.value.bytes, chunks: manifest.value.entries.length });
          return c.json(result.blob, 201);
        case 'exists':
          return c.json(result.blob, 200);
        case 'too_large':
          throw new BlobRefused(413, 'blob_too_large', `the blob has ${manifest.value.bytes} bytes; at most ${maxBlob}`, {
            maxFileBytes: limits.maxFileBytes,
            maxBlobBytes: maxBlob,
          });
        case 'quota':
          throw new BlobRefused(507, 'blob_quota', `the room holds ${result.usedBytes} of ${limits.roomQuotaBytes} bytes`, {
            quotaBytes: limits.roomQuotaBytes,
            usedBytes: result.usedBytes,
          });
      }
    }),
  );

  app.put('/:room/:blob{[A-Za-z0-9_-]{43}}/:index', (c) =>
    answer(c, 'chunk_up', async () => {
      const room = authorise(c);
      const id = parseBlob(c.req.param('blob'));
      const index = parseIndex(c.req.param('index'));
      const bytes = await readBody(c, BLOB_CHUNK_MAX_BYTES, 'blob_chunk_mismatch');
      const result = await store.putChunk(room, id, index, bytes, blobs.now());
      c.header('Cache-Control', 'no-store');
      switch (result.status) {
        case 'stored':
          if (result.blob.state === 'complete' && index === result.blob.chunks - 1) {
            deps.log('info', 'blob_completed', { room: roomTag(room), bytes: result.blob.bytes });
          }
          return c.json(result.blob, 200);
        case 'unknown':
          throw new BlobRefused(404, 'blob_unknown', 'no upload of this blob: begin it first');
        case 'order':
          throw new BlobRefused(409, 'blob_chunk_order', `chunk ${index} sent, chunk ${result.stored} expected`, { stored: result.stored });
        case 'mismatch':
          throw new BlobRefused(422, 'blob_chunk_mismatch', `chunk ${index} is not the manifest's`);
      }
    }),
  );

  app.get('/:room/:blob{[A-Za-z0-9_-]{43}}/:index', (c) =>
    answer(c, 'chunk_down', async () => {
      const room = authorise(c);
      const id = parseBlob(c.req.param('blob'));
      const result = await store.readChunk(room, id, parseIndex(c.req.param('index')));
      switch (result.status) {
        case 'ok':
          return c.body(result.bytes as Uint8Array<ArrayBuffer>, 200, {
            'Content-Type': 'application/octet-stream',
            'Cache-Control': 'no-store',
          });
        case 'absent':
          throw new BlobRefused(404, 'blob_not_found', 'no such blob or chunk in this room');
        case 'incomplete':
          throw new BlobRefused(409, 'blob_incomplete', 'the blob is still being uploaded');
      }
    }),
  );

  app.post('/:room/live', (c) =>
    answer(c, 'live', async () => {
      const room = authorise(c);
      const set = decodeLiveSet(await readBody(c, LIVE_SET_MAX_BYTES, 'blob_request_malformed'));
      if (!set.ok) throw new BlobRefused(400, 'blob_request_malformed', set.message);
      const record = await deps.rooms.getRoom(room);
      if (record === null || set.value.covers > record.head) {
        throw new BlobRefused(400, 'blob_live_invalid', `covers ${set.value.covers} is above the room's head`);
      }
      const result = await store.declareLive(room, set.value, blobs.now());
      c.header('Cache-Control', 'no-store');
      if (result.status === 'stale') {
        throw new BlobRefused(409, 'blob_live_stale', `a live set covering ${result.covers} is in force`, { covers: result.covers });
      }
      deps.log('info', 'blob_live', { room: roomTag(room), covers: result.covers, ids: set.value.ids.length, missing: result.missing.length });
      return c.json({ covers: result.covers, missing: result.missing.map(blobIdToText) }, 200);
    }),
  );

  return app;
}

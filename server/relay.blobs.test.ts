/**
 * Attachments on the real relay (docs/PROTOCOL.md §4.12, docs/ATTACHMENTS.md): tickets asked over
 * the WebSocket (only a socket joined with the room's current key gets one, and a ticket dies with
 * that membership or when it expires), the HTTP endpoints with their refusals (no ticket, another
 * room's ticket, size limit, quota, chunk order and bytes, ids), an interrupted upload resumed on a
 * new connection, and the live set with the garbage collector.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blobBytesForFile, blobIdToText, manifestOfChunks, ZERO_ID } from '../crdt/wire';
import { concatBytes, deriveAttachmentKey, generatePartKey, initSodium, openAttachment, sealAttachment } from '../crypto';
import { BlobHttp, ticketFor } from './test/blobs';
import { startTestRelay, TestRoom } from './test/harness';
import type { TestClient, TestRelay } from './test/harness';

const KiB = 1024;
const MiB = 1024 * KiB;
const HOUR = 3_600_000;
let now = Date.UTC(2026, 3, 1, 9, 0, 0);

let relay: TestRelay;
beforeAll(async () => {
  await initSodium();
  relay = await startTestRelay({
    clock: () => now,
    blobLimits: { maxFileBytes: 3 * MiB, roomQuotaBytes: 8 * MiB, graceMs: 24 * HOUR, ticketMs: 10 * 60_000 },
  });
});
afterAll(async () => {
  await relay.stop();
});

const rand = (n: number): Uint8Array => new Uint8Array(randomBytes(n));
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** A room created by a fresh socket, with a ticket and the HTTP client of that ticket. */
async function roomWithTicket(): Promise<{ room: TestRoom; owner: TestClient; http: BlobHttp }> {
  const room = new TestRoom();
  const owner = await relay.connect();
  await owner.create(room);
  const ticket = await ticketFor(owner, room);
  return { room, owner, http: new BlobHttp(relay.server.url, ticket.ticket) };
}

/** A sealed attachment of `size` bytes for `room`: its chunks, manifest and key. */
function sealed(room: TestRoom, size: number) {
  const attachmentKey = deriveAttachmentKey(generatePartKey());
  const file = rand(size);
  const chunks = sealAttachment({ file, roomId: room.roomId, epoch: room.epoch, attachmentKey });
  return { file, chunks, manifest: manifestOfChunks(chunks), attachmentKey };
}

/** Polls `status` until it gives `expected` (the relay handles a close or a leave asynchronously). */
async function statusBecomes(http: BlobHttp, room: TestRoom, expected: number): Promise<number> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const status = (await http.status(room.roomId, rand(32))).status;
    if (status === expected || Date.now() > deadline) return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function uploadAll(http: BlobHttp, room: TestRoom, blob: ReturnType<typeof sealed>): Promise<void> {
  expect((await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded)).status).toBe(201);
  for (let i = 0; i < blob.chunks.length; i++) expect((await http.put(room.roomId, blob.manifest.id, i, blob.chunks[i]!)).status).toBe(200);
}

describe('tickets (§4.12)', () => {
  it('gives a socket joined in the room a ticket with the room\'s attachment limits', async () => {
    const room = new TestRoom();
    const owner = await relay.connect();
    await owner.create(room);
    const requestId = rand(16);
    owner.send({ type: 'blobTicket', room: room.roomId, requestId });
    const answer = await owner.expect('blobTicketed');
    expect(hex(answer.requestId)).toBe(hex(requestId));
    expect(answer.ticket.length).toBe(32);
    expect(answer).toMatchObject({ maxFileBytes: 3 * MiB, quotaBytes: 8 * MiB, usedBytes: 0, expiresAt: now + 10 * 60_000 });
  });

  it('refuses a ticket to a socket not joined in the room (only challenged, or not even that), naming the request', async () => {
    const room = new TestRoom();
    await (await relay.connect()).create(room);
    const stranger = await relay.connect();
    const requestId = rand(16);
    stranger.send({ type: 'blobTicket', room: room.roomId, requestId });
    expect(hex((await stranger.expectError('not_authenticated')).envelopeId)).toBe(hex(requestId));
    await stranger.hello(room);
    stranger.send({ type: 'blobTicket', room: room.roomId, requestId });
    expect(hex((await stranger.expectError('not_authenticated')).envelopeId)).toBe(hex(requestId));
  });

  it('refuses a ticket to a socket whose key a rotation made old (key_rotated)', async () => {
    const room = new TestRoom();
    const rotator = await relay.connect();
    await rotator.create(room);
    const old = await relay.connect();
    await old.join(room);
    const next = room.next();
    rotator.sendRotate(room, next);
    await rotator.expect('rotated');
    await old.expect('rotation');
    await old.expectError('key_rotated');
    old.send({ type: 'blobTicket', room: room.roomId, requestId: rand(16) });
    await old.expectError('key_rotated');
  });
});

describe('authorisation of the HTTP endpoints', () => {
  it('refuses a request without a ticket or with an unknown one (401 blob_ticket_invalid)', async () => {
    const { room } = await roomWithTicket();
    const blob = sealed(room, 1000);
    for (const ticket of [undefined, rand(32), 'not-a-ticket']) {
      const http = new BlobHttp(relay.server.url, ticket);
      const answer = await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded);
      expect(answer.status).toBe(401);
      expect(answer.json).toMatchObject({ code: 'blob_ticket_invalid' });
      expect((await http.status(room.roomId, blob.manifest.id)).status).toBe(401);
    }
  });

  it('refuses a ticket of one room for another room, for upload and download alike (403 blob_ticket_room)', async () => {
    const a = await roomWithTicket();
    const b = await roomWithTicket();
    const blob = sealed(b.room, 1000);
    await uploadAll(b.http, b.room, blob);
    const withA = a.http;
    expect((await withA.get(b.room.roomId, blob.manifest.id, 0)).json).toMatchObject({ code: 'blob_ticket_room' });
    expect((await withA.begin(b.room.roomId, blob.manifest.id, blob.manifest.encoded)).status).toBe(403);
    expect((await withA.live(b.room.roomId, { covers: 0, ids: [] })).status).toBe(403);
  });

  it('ends a ticket when its socket leaves the room, says hello again, or closes', async () => {
    for (const end of ['leave', 'hello', 'close'] as const) {
      const { room, owner, http } = await roomWithTicket();
      const blob = sealed(room, 1000);
      expect((await http.status(room.roomId, blob.manifest.id)).status).toBe(200);
      if (end === 'leave') owner.send({ type: 'leave', room: room.roomId });
      if (end === 'hello') await owner.hello(room);
      if (end === 'close') {
        owner.close();
        await owner.closed;
      }
      expect(await statusBecomes(http, room, 401)).toBe(401);
      expect((await http.status(room.roomId, blob.manifest.id)).json).toMatchObject({ code: 'blob_ticket_invalid' });
    }
  });

  it('ends a ticket when a rotation cuts its socket off, and when it expires', async () => {
    const { room, http } = await roomWithTicket();
    const rotator = await relay.connect();
    await rotator.join(room);
    rotator.sendRotate(room, room.next());
    await rotator.expect('rotated');
    expect(await statusBecomes(http, room, 401)).toBe(401);

    const other = await roomWithTicket();
    expect((await other.http.status(other.room.roomId, rand(32))).status).toBe(200);
    now += 10 * 60_000;
    expect((await other.http.status(other.room.roomId, rand(32))).status).toBe(401);
    other.http.ticket = (await ticketFor(other.owner, other.room)).ticket;
    expect((await other.http.status(other.room.roomId, rand(32))).status).toBe(200);
  });
});

describe('upload and download', () => {
  it('stores a sealed attachment chunk by chunk and serves it back byte for byte, which then opens', async () => {
    const { room, http } = await roomWithTicket();
    const blob = sealed(room, 2 * MiB + 5000);
    expect((await http.status(room.roomId, blob.manifest.id)).json).toEqual({ state: 'absent', chunks: 0, stored: 0, bytes: 0 });
    const begun = await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded);
    expect(begun).toMatchObject({ status: 201, json: { state: 'partial', chunks: 3, stored: 0, bytes: blob.manifest.bytes } });
    for (let i = 0; i < 3; i++) {
      const put = await http.put(room.roomId, blob.manifest.id, i, blob.chunks[i]!);
      expect(put.json).toMatchObject({ stored: i + 1, state: i === 2 ? 'complete' : 'partial' });
    }
    const down: Uint8Array[] = [];
    for (let i = 0; i < 3; i++) {
      const got = await http.get(room.roomId, blob.manifest.id, i);
      expect(got.status).toBe(200);
      down.push(got.bytes!);
    }
    expect(hex(manifestOfChunks(down).id)).toBe(hex(blob.manifest.id));
    const opened = openAttachment(down, { roomId: room.roomId, keyForEpoch: () => blob.attachmentKey });
    expect(opened.ok && Buffer.from(opened.value.file).equals(Buffer.from(blob.file))).toBe(true);
  });

  it('resumes an upload interrupted with its connection: a new socket and ticket continue from the last stored chunk', async () => {
    const { room, owner, http } = await roomWithTicket();
    const blob = sealed(room, 2 * MiB + 70_000);
    await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded);
    await http.put(room.roomId, blob.manifest.id, 0, blob.chunks[0]!);
    owner.ws.terminate();
    await owner.closed;
    expect(await statusBecomes(http, room, 401)).toBe(401);
    expect((await http.put(room.roomId, blob.manifest.id, 1, blob.chunks[1]!)).status).toBe(401);

    const again = await relay.connect();
    await again.join(room);
    const resumed = new BlobHttp(relay.server.url, (await ticketFor(again, room)).ticket);
    expect((await resumed.begin(room.roomId, blob.manifest.id, blob.manifest.encoded))).toMatchObject({ status: 200, json: { state: 'partial', stored: 1 } });
    expect((await resumed.put(room.roomId, blob.manifest.id, 0, blob.chunks[0]!)).json).toMatchObject({ stored: 1 });
    for (let i = 1; i < 3; i++) expect((await resumed.put(room.roomId, blob.manifest.id, i, blob.chunks[i]!)).status).toBe(200);
    expect((await resumed.status(room.roomId, blob.manifest.id)).json).toMatchObject({ state: 'complete', stored: 3 });
    expect(hex(concatBytes(...await Promise.all([0, 1, 2].map(async (i) => (await resumed.get(room.roomId, blob.manifest.id, i)).bytes!))))).toBe(
      hex(concatBytes(...blob.chunks)),
    );
  });

  it('refuses chunks out of order (409 blob_chunk_order, naming the next) and bytes not in the manifest (422)', async () => {
    const { room, http } = await roomWithTicket();
    const blob = sealed(room, 2 * MiB);
    await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded);
    expect(await http.put(room.roomId, blob.manifest.id, 1, blob.chunks[1]!)).toMatchObject({ status: 409, json: { code: 'blob_chunk_order', stored: 0 } });
    const forged = blob.chunks[0]!.slice();
    forged[100] = (forged[100] as number) ^ 1;
    expect(await http.put(room.roomId, blob.manifest.id, 0, forged)).toMatchObject({ status: 422, json: { code: 'blob_chunk_mismatch' } });
    expect((await http.put(room.roomId, blob.manifest.id, 0, rand(1024 * 1024 + 129))).status).toBe(413);
    expect(await http.put(room.roomId, rand(32), 0, blob.chunks[0]!)).toMatchObject({ status: 404, json: { code: 'blob_unknown' } });
  });

  it('refuses a manifest that does not hash to the id, and malformed ids, indexes and manifests (400)', async () => {
    const { room, http } = await roomWithTicket();
    const blob = sealed(room, 1000);
    expect(await http.begin(room.roomId, rand(32), blob.manifest.encoded)).toMatchObject({ status: 400, json: { code: 'blob_id_mismatch' } });
    expect(await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded.subarray(1))).toMatchObject({ status: 400, json: { code: 'blob_request_malformed' } });
    expect((await http.raw('GET', room.roomId, `${blobIdToText(blob.manifest.id)}/x1`)).status).toBe(400);
    expect((await http.raw('GET', room.roomId, `${blobIdToText(blob.manifest.id)}/007`)).status).toBe(400);
  });

  it('serves nothing of a blob still being uploaded (409 blob_incomplete) or absent (404 blob_not_found)', async () => {
    const { room, http } = await roomWithTicket();
    const blob = sealed(room, 2 * MiB);
    await http.begin(room.roomId, blob.manifest.id, blob.manifest.encoded);
    await http.put(room.roomId, blob.manifest.id, 0, blob.chunks[0]!);
    expect(await http.get(room.roomId, blob.manifest.id, 0)).toMatchObject({ status: 409, json: { code: 'blob_incomplete' } });
    expect(await http.get(room.roomId, rand(32), 0)).toMatchObject({ status: 404, json: { code: 'blob_not_found' } });
  });
});

describe('limits', () => {
  it('refuses a blob of a file above the size limit (413 blob_too_large, with the limit) and accepts one at the limit', async () => {
    const { room, http } = await roomWithTicket();
    // The relay sees padded sizes, so it enforces the limit to the padding bucket; the app checks the exact size.
    expect(blobBytesForFile(3 * MiB + 1)).toBe(blobBytesForFile(3 * MiB));
    const over = sealed(room, 3 * MiB + 200_000);
    const answer = await http.begin(room.roomId, over.manifest.id, over.manifest.encoded);
    expect(answer).toMatchObject({ status: 413, json: { code: 'blob_too_large', maxFileBytes: 3 * MiB, maxBlobBytes: blobBytesForFile(3 * MiB) } });
    const at = sealed(room, 3 * MiB);
    expect((await http.begin(room.roomId, at.manifest.id, at.manifest.encoded)).status).toBe(201);
  });

  it('refuses a blob that would take the room above its quota (507 blob_quota), counting unfinished uploads; other rooms are not affected', async () => {
    const { room, http } = await roomWithTicket();
    const blobs = [0, 1, 2].map(() => sealed(room, 2 * MiB + 900_000));
    expect((await http.begin(room.roomId, blobs[0]!.manifest.id, blobs[0]!.manifest.encoded)).status).toBe(201);
    expect((await http.begin(room.roomId, blobs[1]!.manifest.id, blobs[1]!.manifest.encoded)).status).toBe(201);
    const used = blobs[0]!.manifest.bytes + blobs[1]!.manifest.bytes;
    const refused = await http.begin(room.roomId, blobs[2]!.manifest.id, blobs[2]!.manifest.encoded);
    expect(refused).toMatchObject({ status: 507, json: { code: 'blob_quota', quotaBytes: 8 * MiB, usedBytes: used } });
    const other = await roomWithTicket();
    expect((await other.http.begin(other.room.roomId, blobs[2]!.manifest.id, blobs[2]!.manifest.encoded)).status).toBe(201);
    const fresh = await ticketFor(await (async () => {
      const c = await relay.connect();
      await c.join(room);
      return c;
    })(), room);
    expect(fresh.usedBytes).toBe(used);
  });
});

describe('live set and garbage collection', () => {
  it('refuses a live set claiming a seq above the room\'s head (400 blob_live_invalid) and a stale one (409)', async () => {
    const { room, owner, http } = await roomWithTicket();
    expect(await http.live(room.roomId, { covers: 1, ids: [] })).toMatchObject({ status: 400, json: { code: 'blob_live_invalid' } });
    const author = room.author();
    await owner.push(room, [author.update(), author.update()]);
    expect(await http.live(room.roomId, { covers: 2, ids: [] })).toMatchObject({ status: 200, json: { covers: 2, missing: [] } });
    expect(await http.live(room.roomId, { covers: 1, ids: [] })).toMatchObject({ status: 409, json: { code: 'blob_live_stale', covers: 2 } });
  });

  it('collects a blob no live set lists once the grace period has passed, and keeps the referenced one', async () => {
    const { room, owner, http } = await roomWithTicket();
    const kept = sealed(room, 100_000);
    const dropped = sealed(room, 100_000);
    await uploadAll(http, room, kept);
    await uploadAll(http, room, dropped);
    await owner.push(room, [room.author().update()]);
    const missingId = rand(32);
    const live = await http.live(room.roomId, { covers: 1, ids: [kept.manifest.id, missingId] });
    expect(live.json).toEqual({ covers: 1, missing: [blobIdToText(missingId)] });
    now += 23 * HOUR;
    await relay.server.collectBlobs();
    http.ticket = (await ticketFor(owner, room)).ticket;
    expect((await http.status(room.roomId, dropped.manifest.id)).json).toMatchObject({ state: 'complete' });
    now += 2 * HOUR;
    http.ticket = (await ticketFor(owner, room)).ticket;
    const removed = await relay.server.collectBlobs();
    expect(removed.blobs).toBeGreaterThanOrEqual(1);
    expect((await http.status(room.roomId, dropped.manifest.id)).json).toMatchObject({ state: 'absent' });
    expect((await http.status(room.roomId, kept.manifest.id)).json).toMatchObject({ state: 'complete' });
    expect((await http.get(room.roomId, kept.manifest.id, 0)).status).toBe(200);
  });

  it('keeps ids out of its error frames: a refused ticket names only the request id', async () => {
    const stranger = await relay.connect();
    stranger.send({ type: 'blobTicket', room: ZERO_ID, requestId: rand(16) });
    const error = await stranger.expectError('not_authenticated');
    expect(hex(error.room)).toBe(hex(ZERO_ID));
  });
});

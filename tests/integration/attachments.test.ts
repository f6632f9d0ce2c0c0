/**
 * Attachments end to end on a real relay (SQLite + chunk files under DATA_DIR, WebSockets, HTTP):
 * device A scans a 15 MiB PDF of a checklist document, the model links it and marks the document
 * acquired, and the upload is cut halfway by killing A's connection; after a "reload" (new socket,
 * new ticket desk, the same IndexedDB cache) A resumes from the last stored chunk. Device B gets
 * the cartella's admin log, finds the attachment, downloads and opens it byte for byte, and opens
 * it again offline. The relay's files hold no plaintext. An over-limit file is refused with the
 * Italian message (by the app, and by a relay with a lower limit). Garbage collection removes a
 * blob no live set references once the grace period has passed, and keeps the referenced one.
 *
 * The admin document travels as real sealed envelopes; the sync engine's framing and batching are
 * left out (tests/sync covers them): B applies the Yjs updates it opens.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Allegati,
  BlobTicketDesk,
  httpBlobTransport,
  makeMemoryBlobCache,
  openIndexedDbBlobCache,
} from '../../crdt/allegati';
import type { BlobCache, ChiaviAllegati, FetchLike } from '../../crdt/allegati';
import {
  allegaADocumento,
  blobReferenziati,
  checklist,
  creaCartella,
  leggiAllegati,
  leggiCartella,
  registraDocumento,
} from '../../crdt/model';
import type { AuthorKey, Cartella } from '../../crdt/model';
import { decodeFrame } from '../../crdt/wire';
import {
  deriveAttachmentKey,
  derivePartSubkeys,
  generateDeviceIdentity,
  generatePartKey,
  generateRoomId,
  initSodium,
  openEnvelope,
  sealEnvelope,
  toBase64Url,
  toHex,
} from '../../crypto';
import type { DeviceIdentity } from '../../crypto';
import { startTestRelay, TestRoom } from '../../server/test/harness';
import type { TestClient, TestRelay } from '../../server/test/harness';

const MiB = 1024 * 1024;
const HOUR = 3_600_000;
const MARKER = 'MARCATORE-RISERVATO-ROSSI-MARIO-RSSMRA80A01H501U';
let now = Date.UTC(2026, 4, 4, 8, 30, 0);

let relay: TestRelay;
let dataDir: string;
beforeAll(async () => {
  await initSodium();
  dataDir = mkdtempSync(join(tmpdir(), 'cartella-allegati-'));
  relay = await startTestRelay({ dataDir, clock: () => now, blobLimits: { graceMs: 72 * HOUR } });
});
afterAll(async () => {
  await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A 15 MiB "scan": a PDF header, a marker a careless relay would leak, and noise. */
function scannedPdf(size: number): Uint8Array {
  const bytes = new Uint8Array(randomBytes(size));
  const head = new TextEncoder().encode(`%PDF-1.7\n%\u00e2\u00e3\n1 0 obj << /Title (${MARKER}) >> endobj\n`);
  bytes.set(head, 0);
  bytes.set(new TextEncoder().encode(MARKER), Math.floor(size / 2));
  return bytes;
}

await initSodium();

/** The admin part of one cartella: its key, room, and the relay's view of it. */
const K = generatePartKey();
const ADMIN = new TestRoom(1, generateRoomId(), derivePartSubkeys(K));
const chiavi: ChiaviAllegati = {
  attuale: (room) => (toHex(room) === toHex(ADMIN.roomId) ? { epoch: 1, key: deriveAttachmentKey(K) } : undefined),
  perEpoca: (room, epoch) => (toHex(room) === toHex(ADMIN.roomId) && epoch === 1 ? deriveAttachmentKey(K) : undefined),
};

/** A device: a socket joined in the admin room, its ticket desk fed by that socket, and its attachments. */
interface Device {
  readonly client: TestClient;
  readonly allegati: Allegati;
  readonly cache: BlobCache;
  /** Chunk uploads sent through this device's fetch. */
  readonly puts: { count: number };
}

async function device(cache: BlobCache, options: { create?: boolean; killAtPut?: number; maxFileBytes?: number } = {}): Promise<Device> {
  const client = await relay.connect();
  if (options.create === true) await client.create(ADMIN);
  else await client.join(ADMIN);
  const desk = new BlobTicketDesk({
    send: (frame) => {
      if (client.ws.readyState !== WebSocket.OPEN) return false;
      client.send(frame);
      return true;
    },
    now: () => now,
  });
  client.ws.on('message', (data: Buffer) => {
    const frame = decodeFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 64 * MiB);
    if (frame.ok) desk.receive(frame.value);
  });
  client.ws.on('close', () => desk.disconnected());
  const puts = { count: 0 };
  const fetch: FetchLike = async (url, init) => {
    const isChunkPut = init.method === 'PUT' && /\/\d+$/.test(url);
    if (isChunkPut && options.killAtPut !== undefined && puts.count === options.killAtPut) {
      // The connection dies mid-upload: the socket is cut and the chunk request aborted in flight.
      client.ws.terminate();
      const abort = new AbortController();
      const inFlight = globalThis.fetch(url, { ...init, signal: abort.signal });
      setTimeout(() => abort.abort(), 1);
      await inFlight;
    }
    if (isChunkPut) puts.count++;
    return globalThis.fetch(url, init);
  };
  const transport = httpBlobTransport({ baseUrl: relay.server.url, tickets: desk, fetch });
  return { client, cache, puts, allegati: new Allegati({ transport, cache, chiavi, now: () => now, ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}) }) };
}

/** Pushes the admin document's new state as one sealed update envelope. */
async function pushDoc(client: TestClient, author: DeviceIdentity, doc: Y.Doc, since: Uint8Array, clock: number): Promise<number> {
  const envelope = sealEnvelope({
    kind: 'update', roomId: ADMIN.roomId, epoch: 1, clock, author, subkeys: ADMIN.subkeys,
    plaintext: Y.encodeStateAsUpdate(doc, since),
  });
  const ack = await client.push(ADMIN, [envelope]);
  return ack.items[0]!.seq;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('attachments end to end', () => {
  const factory = new IDBFactory();
  const pdf = scannedPdf(15 * MiB);
  const author: DeviceIdentity = generateDeviceIdentity();
  const io = toBase64Url(author.signPublicKey) as AuthorKey;
  let cartella: Cartella;
  let blob = '';
  let head = 0;

  it('uploads a 15 MiB PDF from device A, cut halfway by a dead connection and resumed after a reload', async () => {
    const cacheA = await openIndexedDbBlobCache('device-a', factory);
    const a = await device(cacheA, { create: true, killAtPut: 8 });
    const ctx = { autore: io, now: new Date(now) };
    cartella = { admin: new Y.Doc(), prof: null };
    const created = creaCartella({ id: 'cartella-allegati-1', nome: 'Giulia Verdi', ruolo: 'assistente_sociale' }, ctx, cartella);
    expect(created.ok).toBe(true);
    const documento = registraDocumento(cartella, { tipo: 'stato_famiglia', stato: 'mancante' }, ctx);
    if (!documento.ok) throw new Error(documento.message);

    const ready = await a.allegati.prepare(ADMIN.roomId, { nome: 'stato-famiglia-rossi.pdf', bytes: pdf });
    if (!ready.ok) throw new Error(ready.message);
    blob = ready.value.blob;
    const linked = allegaADocumento(cartella, { documento: documento.value, ...ready.value }, ctx);
    expect(linked).toMatchObject({ ok: true, value: { acquisito: true } });
    expect(checklist(leggiCartella(cartella), 'apertura').voci.find((v) => v.requisito === 'stato_famiglia')?.stato).toBe('presente');
    head = await pushDoc(a.client, author, cartella.admin, new Uint8Array([0]), 1);

    const cut = await a.allegati.upload(ADMIN.roomId, blob, { nome: 'stato-famiglia-rossi.pdf' });
    expect(cut).toMatchObject({ ok: false, code: 'rete' });
    expect((await cacheA.list()).find((v) => v.id === blob)?.stato).toBe('da_caricare');
    await a.client.closed;

    // The app reloads: same IndexedDB, a new socket and ticket desk.
    await cacheA.close();
    const reloaded = await device(await openIndexedDbBlobCache('device-a', factory));
    const again = await reloaded.allegati.resumeUploads();
    expect(again).toEqual([{ room: toBase64Url(ADMIN.roomId), blob, esito: { ok: true, value: undefined } }]);
    // 16 chunks in all; at least the 8 stored before the cut are not sent again.
    expect(reloaded.puts.count).toBeGreaterThanOrEqual(7);
    expect(reloaded.puts.count).toBeLessThanOrEqual(8);
    expect((await reloaded.cache.list()).find((v) => v.id === blob)?.stato).toBe('caricato');
  });

  it('downloads it on device B from the cartella\'s log, byte for byte, and opens it again offline', async () => {
    const b = await device(makeMemoryBlobCache());
    const frames = await b.client.join(ADMIN);
    const doc = new Y.Doc();
    for (const frame of frames) {
      if (frame.type !== 'envelopes') continue;
      for (const item of frame.items) {
        const opened = openEnvelope(item.envelope, { roomId: ADMIN.roomId, subkeysForEpoch: (e) => (e === 1 ? ADMIN.subkeys : undefined) });
        if (!opened.ok) throw new Error(opened.message);
        Y.applyUpdate(doc, opened.value.plaintext);
      }
    }
    const [allegato] = leggiAllegati({ admin: doc, prof: null }).admin;
    expect(allegato).toMatchObject({ blob, nome: 'stato-famiglia-rossi.pdf', formato: 'pdf', byte: 15 * MiB });
    const opened = await b.allegati.open(ADMIN.roomId, allegato!.blob, allegato!.formato);
    expect(opened.ok).toBe(true);
    if (!opened.ok) return;
    expect(Buffer.from(opened.value.bytes).equals(Buffer.from(pdf))).toBe(true);
    b.client.ws.terminate();
    await b.client.closed;
    const offline = await b.allegati.open(ADMIN.roomId, blob, 'pdf');
    expect(offline.ok && Buffer.from(offline.value.bytes).equals(Buffer.from(pdf))).toBe(true);
  });

  it('leaves no plaintext on the relay: neither the marker nor the file name is in any of its files', () => {
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.includes(`${join('blobs', toHex(ADMIN.roomId))}`))).toBe(true);
    expect(files.some((f) => f.endsWith('blobs.sqlite'))).toBe(true);
    for (const needle of [MARKER, 'stato-famiglia-rossi.pdf', '%PDF-1.7']) {
      for (const file of files) expect(readFileSync(file).indexOf(Buffer.from(needle)), `${needle} in ${file}`).toBe(-1);
    }
  });

  it('refuses a file over the limit with the Italian message, on the device and from a relay with a lower limit', async () => {
    const a = await device(makeMemoryBlobCache());
    const big = scannedPdf(20 * MiB + 300_000);
    const refused = await a.allegati.prepare(ADMIN.roomId, { nome: 'fascicolo-completo.pdf', bytes: big });
    expect(refused).toEqual({
      ok: false,
      code: 'allegato_troppo_grande',
      message: 'Il file «fascicolo-completo.pdf» pesa 20,3 MB: il limite per un allegato è 20 MB. Riduci la risoluzione della scansione o dividi il documento in più file.',
    });

    const strict = await startTestRelay({ blobLimits: { maxFileBytes: 5 * MiB } });
    try {
      const client = await strict.connect();
      await client.create(ADMIN);
      const desk = new BlobTicketDesk({ send: (frame) => (client.send(frame), true) });
      client.ws.on('message', (data: Buffer) => {
        const frame = decodeFrame(new Uint8Array(data));
        if (frame.ok) desk.receive(frame.value);
      });
      const lenient = new Allegati({ transport: httpBlobTransport({ baseUrl: strict.server.url, tickets: desk }), cache: makeMemoryBlobCache(), chiavi });
      const ready = await lenient.prepare(ADMIN.roomId, { nome: 'verbale-udienza.pdf', bytes: scannedPdf(6 * MiB) });
      if (!ready.ok) throw new Error(ready.message);
      const upload = await lenient.upload(ADMIN.roomId, ready.value.blob, { nome: 'verbale-udienza.pdf' });
      expect(upload).toEqual({
        ok: false,
        code: 'allegato_troppo_grande',
        message: 'Il file «verbale-udienza.pdf» supera il limite di 5 MB fissato dal server per un allegato. Riduci la risoluzione della scansione o dividi il documento in più file.',
      });
    } finally {
      await strict.stop();
    }
  });

  it('collects a blob no live set references after the grace period, and keeps the referenced one', async () => {
    const a = await device(makeMemoryBlobCache());
    // A scan picked and uploaded, then never linked to the cartella (the person chose another file).
    const stray = await a.allegati.prepare(ADMIN.roomId, { nome: 'scartato.jpg', bytes: Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, ...randomBytes(200_000)]) });
    if (!stray.ok) throw new Error(stray.message);
    expect(await a.allegati.upload(ADMIN.roomId, stray.value.blob)).toEqual({ ok: true, value: undefined });
    const strayDir = join(dataDir, 'blobs', toHex(ADMIN.roomId), Buffer.from(stray.value.blob, 'base64url').toString('hex'));
    expect(readdirSync(strayDir)).toEqual(['0']);

    const live = blobReferenziati(cartella.admin, 'admin');
    expect(live).toEqual([blob]);
    expect(await a.allegati.declareLive(ADMIN.roomId, head, live)).toEqual({ ok: true, value: { accettato: true, mancanti: [] } });

    now += 71 * HOUR;
    expect(await relay.server.collectBlobs()).toEqual({ blobs: 0, bytes: 0 });
    now += 2 * HOUR;
    const removed = await relay.server.collectBlobs();
    expect(removed.blobs).toBe(1);
    expect(() => readdirSync(strayDir)).toThrow();

    const c = await device(makeMemoryBlobCache());
    const kept = await c.allegati.open(ADMIN.roomId, blob, 'pdf');
    expect(kept.ok && Buffer.from(kept.value.bytes).equals(Buffer.from(pdf))).toBe(true);
    expect(await c.allegati.open(ADMIN.roomId, stray.value.blob)).toMatchObject({ ok: false, code: 'non_disponibile' });
  });
});

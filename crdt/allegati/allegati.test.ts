/**
 * The device's attachment logic over a fake relay (the relay's own in-memory blob store behind a
 * `BlobTransport` that can drop the connection): checks before sealing (type by magic bytes,
 * size limit with its Italian message), the cache as the source of uploads, resumable uploads,
 * downloads checked against the blob id and kept for offline use, the keys (admin vs prof), the
 * live set and the pruning of the cache. The HTTP transport and tickets are exercised against
 * the real relay in tests/integration/attachments.test.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveAttachmentKey, generatePartKey, generateRoomId, initSodium, toBase64Url, toHex } from '../../crypto';
import { MemoryBlobStore } from '../../server/blobs/memoryBlobStore';
import { blobBytesForFile, blobIdFromText } from '../wire';
import type { BlobManifest } from '../wire';
import { Allegati } from './allegati';
import { makeMemoryBlobCache } from './memoryBlobCache';
import type { BlobCache, BlobTransport, ChiaviAllegati, TransportResult } from './ports';

beforeAll(initSodium);

const MiB = 1024 * 1024;

/** A PDF-looking file of `size` bytes with a marker in it. */
function pdf(size: number, seed = 1): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  out.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
  return out;
}

/** A relay in memory, with counters and a switch that drops the "connection" after N chunk uploads. */
class FakeRelay {
  readonly store = new MemoryBlobStore();
  puts = 0;
  gets = 0;
  online = true;
  dropAfterPuts: number | undefined;
  quota = 100 * MiB;
  maxFile = 20 * MiB;
  /** Replaces served chunk i with other bytes (a hostile relay). */
  corrupt: number | undefined;

  transport(): BlobTransport {
    const offline = <T>(): TransportResult<T> => ({ ok: false, code: 'rete', message: 'offline' });
    return {
      status: async (room, id) => (this.online ? { ok: true, value: await this.store.status(room, id) } : offline()),
      begin: async (room, manifest: BlobManifest) => {
        if (!this.online) return offline();
        const r = await this.store.begin(room, manifest, { maxBlobBytes: blobBytesForFile(this.maxFile), quotaBytes: this.quota }, Date.now());
        if (r.status === 'too_large') return { ok: false, code: 'blob_too_large', message: '', refusal: { code: 'blob_too_large', message: '', maxFileBytes: this.maxFile } };
        if (r.status === 'quota') return { ok: false, code: 'blob_quota', message: '', refusal: { code: 'blob_quota', message: '', usedBytes: r.usedBytes, quotaBytes: this.quota } };
        return { ok: true, value: r.blob };
      },
      putChunk: async (room, id, index, chunk) => {
        if (!this.online) return offline();
        if (this.dropAfterPuts !== undefined && this.puts >= this.dropAfterPuts) {
          this.online = false;
          return offline();
        }
        this.puts++;
        const r = await this.store.putChunk(room, id, index, chunk, Date.now());
        if (r.status === 'stored') return { ok: true, value: r.blob };
        return { ok: false, code: r.status === 'order' ? 'blob_chunk_order' : r.status === 'unknown' ? 'blob_unknown' : 'blob_chunk_mismatch', message: r.status };
      },
      getChunk: async (room, id, index) => {
        if (!this.online) return offline();
        this.gets++;
        const r = await this.store.readChunk(room, id, index);
        if (r.status !== 'ok') return { ok: false, code: r.status === 'absent' ? 'blob_not_found' : 'blob_incomplete', message: r.status };
        if (this.corrupt === index) {
          const bad = r.bytes.slice();
          bad[bad.length - 1] = (bad[bad.length - 1] as number) ^ 1;
          return { ok: true, value: bad };
        }
        return { ok: true, value: r.bytes };
      },
      declareLive: async (room, set) => {
        if (!this.online) return offline();
        const r = await this.store.declareLive(room, set, Date.now());
        if (r.status === 'stale') return { ok: false, code: 'blob_live_stale', message: '', refusal: { code: 'blob_live_stale', message: '', covers: r.covers } };
        return { ok: true, value: { covers: r.covers, missing: r.missing.map((id) => toBase64Url(id)) } };
      },
    };
  }
}

/** One cartella's two parts, as keys. */
function cartella() {
  const admin = { room: generateRoomId(), key: deriveAttachmentKey(generatePartKey()) };
  const prof = { room: generateRoomId(), key: deriveAttachmentKey(generatePartKey()) };
  return { admin, prof };
}

/** A device holding `parts` (équipe: both; administrative staff: admin only). */
function device(relay: FakeRelay, parts: ReadonlyArray<{ room: Uint8Array; key: Uint8Array }>, cache: BlobCache = makeMemoryBlobCache(), maxFileBytes?: number) {
  const chiavi: ChiaviAllegati = {
    attuale: (room) => {
      const p = parts.find((x) => toHex(x.room) === toHex(room));
      return p === undefined ? undefined : { epoch: 1, key: p.key };
    },
    perEpoca: (room, epoch) => (epoch === 1 ? parts.find((x) => toHex(x.room) === toHex(room))?.key : undefined),
  };
  return { allegati: new Allegati({ transport: relay.transport(), cache, chiavi, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}) }), cache };
}

describe('prepare: checks before anything is sealed or sent', () => {
  it('refuses a file above the limit with an Italian message naming both sizes', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const { allegati } = device(relay, [c.admin]);
    const r = await allegati.prepare(c.admin.room, { nome: 'verbale.pdf', bytes: pdf(20 * MiB + 1) });
    expect(r).toMatchObject({ ok: false, code: 'allegato_troppo_grande' });
    expect(!r.ok && r.message).toBe(
      'Il file «verbale.pdf» pesa 20,0 MB: il limite per un allegato è 20 MB. Riduci la risoluzione della scansione o dividi il documento in più file.',
    );
    const small = device(relay, [c.admin], makeMemoryBlobCache(), 5 * MiB).allegati;
    expect(await small.prepare(c.admin.room, { nome: 'scan.pdf', bytes: pdf(6 * MiB) })).toMatchObject({ code: 'allegato_troppo_grande' });
    expect(relay.puts).toBe(0);
  });

  it('refuses a file that is not PDF, JPEG or PNG by its content, whatever its name says', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const { allegati, cache } = device(relay, [c.admin]);
    const zip = Uint8Array.from([0x50, 0x4b, 3, 4, 1, 2, 3]);
    const r = await allegati.prepare(c.admin.room, { nome: 'istanza.pdf', bytes: zip });
    expect(r).toMatchObject({ ok: false, code: 'formato_non_supportato' });
    expect(!r.ok && r.message).toMatch(/non è un PDF né un'immagine JPEG o PNG/);
    expect(await allegati.prepare(c.admin.room, { nome: 'vuoto.pdf', bytes: new Uint8Array(0) })).toMatchObject({ code: 'allegato_vuoto' });
    expect(await cache.list()).toEqual([]);
  });

  it('refuses to seal for a part whose key the device does not hold', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const { allegati } = device(relay, [c.admin]);
    expect(await allegati.prepare(c.prof.room, { nome: 'a.pdf', bytes: pdf(1000) })).toMatchObject({ ok: false, code: 'chiave_assente' });
  });

  it('seals an accepted file into the cache as to-upload, sends nothing, and returns what the model records', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const { allegati, cache } = device(relay, [c.admin]);
    const r = await allegati.prepare(c.admin.room, { nome: 'stato di famiglia.pdf', bytes: pdf(300_000) });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ formato: 'pdf', byte: 300_000, nome: 'stato di famiglia.pdf', epoca: 1 });
    expect(blobIdFromText(r.value.blob).ok).toBe(true);
    expect(await cache.list()).toMatchObject([{ id: r.value.blob, stato: 'da_caricare', room: toBase64Url(c.admin.room) }]);
    expect(relay.puts).toBe(0);
    expect(await allegati.isAvailableOffline(c.admin.room, r.value.blob)).toBe(true);
    const offline = await allegati.open(c.admin.room, r.value.blob, 'pdf');
    expect(offline.ok && offline.value.bytes.length).toBe(300_000);
  });
});

describe('upload, download, offline', () => {
  it('uploads from the cache, and a colleague\'s device downloads, checks, caches and opens the same bytes', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin, c.prof]);
    const file = pdf(2 * MiB + 12_345);
    const ready = await a.allegati.prepare(c.prof.room, { nome: 'diario.pdf', bytes: file });
    if (!ready.ok) throw new Error(ready.message);
    const progress: number[] = [];
    expect(await a.allegati.upload(c.prof.room, ready.value.blob, { avanzamento: (p) => progress.push(p.inviati) })).toEqual({ ok: true, value: undefined });
    expect(progress).toHaveLength(3);
    expect((await a.cache.list())[0]?.stato).toBe('caricato');

    const b = device(relay, [c.admin, c.prof]);
    expect(await b.allegati.isAvailableOffline(c.prof.room, ready.value.blob)).toBe(false);
    const opened = await b.allegati.open(c.prof.room, ready.value.blob, 'pdf');
    expect(opened.ok && Buffer.from(opened.value.bytes).equals(Buffer.from(file))).toBe(true);
    expect(opened.ok && opened.value.mime).toBe('application/pdf');
    relay.online = false;
    const again = await b.allegati.open(c.prof.room, ready.value.blob, 'pdf');
    expect(again.ok && Buffer.from(again.value.bytes).equals(Buffer.from(file))).toBe(true);
  });

  it('resumes an upload cut by a dropped connection from the last chunk the relay stored', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const file = pdf(4 * MiB + 100);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'isee.pdf', bytes: file });
    if (!ready.ok) throw new Error(ready.message);
    relay.dropAfterPuts = 2;
    const cut = await a.allegati.upload(c.admin.room, ready.value.blob);
    expect(cut).toMatchObject({ ok: false, code: 'rete' });
    expect(!cut.ok && cut.message).toMatch(/resta su questo dispositivo/);
    expect(await relay.store.status(c.admin.room, blobIdFromText(ready.value.blob).ok ? (blobIdFromText(ready.value.blob) as { value: Uint8Array }).value : new Uint8Array())).toMatchObject({ stored: 2, chunks: 5 });
    relay.online = true;
    relay.dropAfterPuts = undefined;
    const resumed = await a.allegati.resumeUploads();
    expect(resumed).toEqual([{ room: toBase64Url(c.admin.room), blob: ready.value.blob, esito: { ok: true, value: undefined } }]);
    expect(relay.puts).toBe(5);
    const b = device(relay, [c.admin]);
    const opened = await b.allegati.open(c.admin.room, ready.value.blob);
    expect(opened.ok && Buffer.from(opened.value.bytes).equals(Buffer.from(file))).toBe(true);
  });

  it('stops between chunks when asked, leaving the rest for later', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'x.pdf', bytes: pdf(3 * MiB) });
    if (!ready.ok) throw new Error(ready.message);
    const stop = new AbortController();
    const r = await a.allegati.upload(c.admin.room, ready.value.blob, { segnale: stop.signal, avanzamento: () => stop.abort() });
    expect(r).toMatchObject({ ok: false, code: 'interrotto' });
    expect(relay.puts).toBe(1);
    expect((await a.cache.list())[0]?.stato).toBe('da_caricare');
  });

  it('turns the relay\'s quota and size refusals into Italian messages, keeping the file to upload', async () => {
    const relay = new FakeRelay();
    relay.quota = 1 * MiB;
    const c = cartella();
    const a = device(relay, [c.admin]);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'big.pdf', bytes: pdf(2 * MiB) });
    if (!ready.ok) throw new Error(ready.message);
    const full = await a.allegati.upload(c.admin.room, ready.value.blob, { nome: 'big.pdf' });
    expect(full).toMatchObject({ ok: false, code: 'spazio_esaurito' });
    expect(!full.ok && full.message).toMatch(/^Lo spazio per gli allegati di questa cartella sul server è esaurito \(0 kB usati su 1 MB\)/);
    relay.quota = 100 * MiB;
    relay.maxFile = 1 * MiB;
    const tooBig = await a.allegati.upload(c.admin.room, ready.value.blob, { nome: 'big.pdf' });
    expect(!tooBig.ok && tooBig.message).toBe(
      'Il file «big.pdf» supera il limite di 1 MB fissato dal server per un allegato. Riduci la risoluzione della scansione o dividi il documento in più file.',
    );
    expect((await a.cache.list())[0]?.stato).toBe('da_caricare');
  });

  it('refuses what a hostile or broken relay serves: bytes that do not match the blob id are not cached', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'x.pdf', bytes: pdf(1000) });
    if (!ready.ok) throw new Error(ready.message);
    await a.allegati.upload(c.admin.room, ready.value.blob);
    relay.corrupt = 0;
    const b = device(relay, [c.admin]);
    expect(await b.allegati.open(c.admin.room, ready.value.blob)).toMatchObject({ ok: false, code: 'allegato_danneggiato' });
    expect(await b.cache.list()).toEqual([]);
  });

  it('says an attachment is not available yet while its author has not finished the upload', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'x.pdf', bytes: pdf(1000) });
    if (!ready.ok) throw new Error(ready.message);
    const b = device(relay, [c.admin]);
    expect(await b.allegati.open(c.admin.room, ready.value.blob)).toMatchObject({ ok: false, code: 'non_disponibile' });
  });

  it('cannot open a diary attachment on a device holding only the admin key (administrative staff)', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const equipe = device(relay, [c.admin, c.prof]);
    const ready = await equipe.allegati.prepare(c.prof.room, { nome: 'relazione.pdf', bytes: pdf(5000) });
    if (!ready.ok) throw new Error(ready.message);
    await equipe.allegati.upload(c.prof.room, ready.value.blob);
    const amministrativo = device(relay, [c.admin]);
    expect(await amministrativo.allegati.open(c.prof.room, ready.value.blob)).toMatchObject({ ok: false, code: 'chiave_assente' });
  });

  it('refuses to open an attachment whose content is not the format the cartella recorded', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'foto.png', bytes: png });
    if (!ready.ok) throw new Error(ready.message);
    expect(ready.value.formato).toBe('png');
    expect(await a.allegati.open(c.admin.room, ready.value.blob, 'pdf')).toMatchObject({ ok: false, code: 'formato_diverso' });
    expect(await a.allegati.open(c.admin.room, ready.value.blob, 'png')).toMatchObject({ ok: true, value: { mime: 'image/png' } });
  });
});

describe('live set and cache pruning', () => {
  it('declares the referenced blobs plus this device\'s pending uploads, and queues again what the relay lacks', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const uploaded = await a.allegati.prepare(c.admin.room, { nome: 'a.pdf', bytes: pdf(1000, 1) });
    const pending = await a.allegati.prepare(c.admin.room, { nome: 'b.pdf', bytes: pdf(1000, 2) });
    if (!uploaded.ok || !pending.ok) throw new Error('prepare failed');
    await a.allegati.upload(c.admin.room, uploaded.value.blob);
    const r = await a.allegati.declareLive(c.admin.room, 7, [uploaded.value.blob]);
    expect(r).toEqual({ ok: true, value: { accettato: true, mancanti: [pending.value.blob] } });
    // The relay lost the uploaded blob (restored from an old backup): the device holding it sends it again.
    await relay.store.collect(Date.now() + 1, 0);
    await relay.store.declareLive(c.admin.room, { covers: 7, ids: [] }, Date.now());
    await relay.store.collect(Date.now() + 10, 1);
    const again = await a.allegati.declareLive(c.admin.room, 8, [uploaded.value.blob, pending.value.blob]);
    expect(again.ok && [...again.value.mancanti].sort()).toEqual([uploaded.value.blob, pending.value.blob].sort());
    expect((await a.cache.list()).every((v) => v.stato === 'da_caricare')).toBe(true);
    expect((await a.allegati.resumeUploads()).every((x) => x.esito.ok)).toBe(true);
    expect(await a.allegati.declareLive(c.admin.room, 6, [])).toEqual({ ok: true, value: { accettato: false, mancanti: [] } });
  });

  it('prunes uploaded blobs no longer referenced from the cache, never pending ones', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const keep = await a.allegati.prepare(c.admin.room, { nome: 'a.pdf', bytes: pdf(1000, 1) });
    const drop = await a.allegati.prepare(c.admin.room, { nome: 'b.pdf', bytes: pdf(1000, 2) });
    const pending = await a.allegati.prepare(c.admin.room, { nome: 'c.pdf', bytes: pdf(1000, 3) });
    if (!keep.ok || !drop.ok || !pending.ok) throw new Error('prepare failed');
    await a.allegati.upload(c.admin.room, keep.value.blob);
    await a.allegati.upload(c.admin.room, drop.value.blob);
    expect(await a.allegati.prune(c.admin.room, [keep.value.blob])).toBe(1);
    expect((await a.cache.list()).map((v) => v.id).sort()).toEqual([keep.value.blob, pending.value.blob].sort());
  });

  it('reads the references given as a function only after listing the cache', async () => {
    const relay = new FakeRelay();
    const c = cartella();
    const a = device(relay, [c.admin]);
    const ready = await a.allegati.prepare(c.admin.room, { nome: 'a.pdf', bytes: pdf(1000, 1) });
    if (!ready.ok) throw new Error('prepare failed');
    await a.allegati.upload(c.admin.room, ready.value.blob);
    const order: string[] = [];
    const list = a.cache.list.bind(a.cache);
    a.cache.list = async () => { order.push('list'); return list(); };
    expect(await a.allegati.prune(c.admin.room, () => { order.push('vivi'); return [ready.value.blob]; })).toBe(0);
    expect(order).toEqual(['list', 'vivi']);
  });
});

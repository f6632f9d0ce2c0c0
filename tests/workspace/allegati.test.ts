/**
 * Attachments wired on the device's workspace (crdt/workspace/allegati.ts, docs/ATTACHMENTS.md §11),
 * over the real relay engine in memory and its real `/blobs` routes (Hono's `app.request`, no
 * socket): tickets are asked on the workspace's one connection, a file attached to a checklist
 * document marks it acquired and is uploaded in the background, a colleague who received the keys
 * opens it byte for byte and again offline; an upload made offline waits and leaves when the room
 * is joined again (or, when only HTTP failed, on a later retry); refusals leave nothing behind; an administrative device holds no key for a
 * diary attachment; the live set is declared after the join and after a removal, which also drops
 * the copy from the device.
 */
import { Hono } from 'hono';
import { beforeAll, describe, expect, it } from 'vitest';
import { initSodium, toBase64Url } from '../../crypto';
import { httpBlobTransport, makeMemoryBlobCache, type BlobCache, type FetchLike } from '../../crdt/allegati';
import {
  aggiungiVoceDiario, allegatiDelDocumento, allegatiDellaVoce, leggiAdmin, registraDocumento, rimuoviAllegato,
} from '../../crdt/model';
import { AllegatiWorkspace, nomeAllegato } from '../../crdt/workspace/allegati';
import { blobRoutes } from '../../server/blobs/blobRoutes';
import { until } from '../support/cartellaClient';
import { accettata, collega, consegna, type Collega } from '../support/equipe';
import { makeMemoryRelay, type MemoryRelay } from '../support/memoryRelay';
import type { MemoryLink } from '../../crdt/sync/memoryTransport';

beforeAll(initSodium);

const NOW = new Date('2026-11-26T09:30:00Z');

/** A small PDF: a real header and some bytes that differ per call. */
function pdf(size = 3000, seme = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seme * 17) & 0xff;
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
  return bytes;
}
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4, 5, 6, 7, 8]);

interface Dispositivo {
  readonly d: Collega;
  readonly link: MemoryLink;
  readonly allegati: AllegatiWorkspace;
  readonly cache: BlobCache;
  /** HTTP reaches the relay only while `on`; `falliti` counts the requests refused meanwhile. */
  readonly rete: { on: boolean; falliti: number };
  /** Live sets declared, as blob lists per room. */
  readonly dichiarati: Array<{ room: string; blobs: string[] }>;
}

async function dispositivo(relay: MemoryRelay, nome: string, ruolo: 'assistente_sociale' | 'amministrativo', maxFileBytes?: number): Promise<Dispositivo> {
  const link = relay.link();
  const d = await collega(link.client, nome, ruolo, NOW);
  link.connect();
  const app = new Hono().route('/blobs', blobRoutes({ blobs: relay.relay.blobs, rooms: relay.store, accepting: () => true, log: () => undefined }));
  const rete = { on: true, falliti: 0 };
  const fetch: FetchLike = async (url, init) => {
    if (!rete.on) {
      rete.falliti++;
      throw new TypeError('Failed to fetch');
    }
    return app.request(url, init);
  };
  const dichiarati: Dispositivo['dichiarati'] = [];
  const cache = makeMemoryBlobCache();
  const allegati = await AllegatiWorkspace.open(d.ws, {
    cache,
    attesaDichiarazioneMs: 5,
    riprovaMs: 20,
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    transport: (tickets) => {
      const http = httpBlobTransport({ baseUrl: 'http://relay.test', tickets, fetch });
      return {
        ...http,
        declareLive: (room, set) => {
          dichiarati.push({ room: toBase64Url(room), blobs: set.ids.map((id) => toBase64Url(id)) });
          return http.declareLive(room, set);
        },
      };
    },
  });
  return { d, link, allegati, cache, rete, dichiarati };
}

async function cartellaConDocumento(relay: MemoryRelay) {
  const a = await dispositivo(relay, 'Anna Conti', 'assistente_sociale');
  const created = await a.d.ws.nuovaCartella({ nome: 'Anna Conti', ruolo: 'assistente_sociale' }, NOW);
  if (!created.ok) throw new Error(created.message);
  const { id, cartella } = created.value;
  const ctx = { autore: a.d.autore, now: NOW };
  const documento = registraDocumento(cartella, { tipo: 'stato_famiglia', stato: 'mancante' }, ctx);
  const voce = aggiungiVoceDiario(cartella, { data: '2026-11-25', tipo: 'visita_domiciliare', testo: 'visita' }, ctx);
  if (!documento.ok || !voce.ok) throw new Error('setup');
  return { a, id, documento: documento.value, voce: voce.value, ctx };
}

const stato = (a: Dispositivo, id: string, documento: string) =>
  leggiAdmin(a.d.ws.cartella(id)?.cartella.admin ?? (() => { throw new Error('open'); })()).vista.documenti.find((d) => d.id === documento)?.stato;

describe('AllegatiWorkspace', () => {
  it('attaches a PDF to a missing checklist document: acquired, uploaded over a ticket from the workspace connection, opened byte for byte by a colleague, then offline', async () => {
    const relay = makeMemoryRelay();
    const { a, id, documento, ctx } = await cartellaConDocumento(relay);
    await until(() => a.d.ws.cartella(id)?.admin.status.phase === 'live', 'a live');
    const file = pdf(5000);
    const r = await a.allegati.allega(id, { documento }, { nome: 'stato-famiglia.pdf', bytes: file }, ctx);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.acquisito).toBe(true);
    expect(stato(a, id, documento)).toBe('acquisito');
    await until(() => a.allegati.caricamento(r.value.blob) === undefined, 'uploaded');
    expect((await a.cache.list()).map((v) => [v.id, v.stato])).toEqual([[r.value.blob, 'caricato']]);

    const b = await dispositivo(relay, 'Bruno Esposito', 'assistente_sociale');
    await consegna(a.d, b.d, id, 'assistente_sociale', 'busta', NOW);
    await accettata(a.d, id, b.d.autore);
    const onB = b.d.ws.cartella(id);
    if (!onB) throw new Error('b has it');
    await until(() => allegatiDelDocumento(onB.cartella, documento).length === 1, 'b sees the record');
    const rec = allegatiDelDocumento(onB.cartella, documento)[0];
    if (!rec) throw new Error('record');
    expect(rec).toMatchObject({ nome: 'stato-famiglia.pdf', formato: 'pdf', byte: 5000, aggiuntoDa: a.d.autore });
    expect(b.allegati.disponibileOffline(id, rec)).toBe(false);
    const opened = await b.allegati.apri(id, rec);
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.value.bytes).toEqual(file);
    expect(opened.value.mime).toBe('application/pdf');

    b.rete.on = false;
    b.link.disconnect();
    expect(b.allegati.disponibileOffline(id, rec)).toBe(true);
    const again = await b.allegati.apri(id, rec);
    expect(again.ok && again.value.bytes).toEqual(file);
  });

  it('an attachment made offline waits ("in attesa") and is uploaded when the room is joined again', async () => {
    const relay = makeMemoryRelay();
    const { a, id, voce, ctx } = await cartellaConDocumento(relay);
    await until(() => a.d.ws.cartella(id)?.prof?.status.phase === 'live', 'a live');
    a.rete.on = false;
    a.link.disconnect();
    const r = await a.allegati.allega(id, { voce }, { nome: 'foto-visita.png', bytes: PNG }, ctx);
    if (!r.ok) throw new Error(r.message);
    const onA = a.d.ws.cartella(id);
    expect(onA && allegatiDellaVoce(onA.cartella, voce).map((x) => x.nome)).toEqual(['foto-visita.png']);
    await a.allegati.riprendi();
    expect(a.allegati.caricamento(r.value.blob)).toEqual({ fase: 'in_attesa' });

    const seen: string[] = [];
    a.allegati.subscribe(() => { const s = a.allegati.caricamento(r.value.blob); seen.push(s?.fase ?? 'fatto'); });
    a.rete.on = true;
    a.link.connect();
    await until(() => a.allegati.caricamento(r.value.blob) === undefined, 'uploaded after the join');
    expect(seen).toContain('in_corso');
    expect(seen.at(-1)).toBe('fatto');
    const status = await relay.relay.blobs.store.status(onA?.keys.prof?.roomId ?? new Uint8Array(16), Uint8Array.from(Buffer.from(r.value.blob, 'base64url')));
    expect(status.state).toBe('complete');
  });

  it('an upload whose HTTP fails while the socket stays up is tried again by itself', async () => {
    const relay = makeMemoryRelay();
    const { a, id, documento, ctx } = await cartellaConDocumento(relay);
    await until(() => a.d.ws.cartella(id)?.admin.status.phase === 'live', 'a live');
    a.rete.on = false;
    const r = await a.allegati.allega(id, { documento }, { nome: 'isee.pdf', bytes: pdf(800, 4) }, ctx);
    if (!r.ok) throw new Error(r.message);
    await until(() => a.rete.falliti >= 4, 'tried again while HTTP fails');
    expect(a.allegati.caricamento(r.value.blob)?.fase).not.toBe('errore');
    a.rete.on = true;
    await until(() => a.allegati.caricamento(r.value.blob) === undefined, 'uploaded by the retry');
    expect(a.d.ws.cartella(id)?.admin.status.phase).toBe('live');
  });

  it('refuses an over-limit or a wrong-type file with the Italian message, leaving nothing on the device or in the cartella', async () => {
    const relay = makeMemoryRelay();
    const a0 = await cartellaConDocumento(relay);
    const a = a0.a;
    const inviati: string[] = [];
    const offline = () => Promise.resolve({ ok: false as const, code: 'rete' as const, message: 'offline' });
    const small = await AllegatiWorkspace.open(a.d.ws, {
      cache: makeMemoryBlobCache(), maxFileBytes: 4096,
      transport: () => ({
        status: offline, getChunk: offline, declareLive: offline,
        begin: () => { inviati.push('begin'); return offline(); },
        putChunk: () => { inviati.push('chunk'); return offline(); },
      }),
    });
    const big = await small.allega(a0.id, { documento: a0.documento }, { nome: 'scansione.pdf', bytes: pdf(5000) }, a0.ctx);
    expect(big).toMatchObject({ ok: false, code: 'allegato_troppo_grande' });
    expect(!big.ok && big.message).toBe('Il file «scansione.pdf» pesa 5 kB: il limite per un allegato è 4 kB. Riduci la risoluzione della scansione o dividi il documento in più file.');
    expect(small.controllaDimensione('x.pdf', 5000)).toMatchObject({ ok: false, code: 'allegato_troppo_grande' });
    const docx = await a.allegati.allega(a0.id, { documento: a0.documento }, { nome: 'lettera.pdf', bytes: new TextEncoder().encode('PK\u0003\u0004 word') }, a0.ctx);
    expect(docx).toMatchObject({ ok: false, code: 'formato_non_supportato' });
    expect(!docx.ok && docx.message).toContain('non è un PDF né un\'immagine JPEG o PNG');
    // A model refusal (no such document) drops the sealed copy too.
    const nessuno = await a.allegati.allega(a0.id, { documento: 'inesistente1' }, { nome: 'x.pdf', bytes: pdf() }, a0.ctx);
    expect(nessuno).toMatchObject({ ok: false, code: 'documento_inesistente' });
    expect(await a.cache.list()).toEqual([]);
    expect(stato(a, a0.id, a0.documento)).toBe('mancante');
    const onA = a.d.ws.cartella(a0.id);
    expect(onA && allegatiDelDocumento(onA.cartella, a0.documento)).toEqual([]);
    expect(inviati).toEqual([]);
    await small.close();
  });

  it('an administrative device opens a checklist attachment but holds no key for a diary one', async () => {
    const relay = makeMemoryRelay();
    const { a, id, documento, voce, ctx } = await cartellaConDocumento(relay);
    await until(() => a.d.ws.cartella(id)?.prof?.status.phase === 'live', 'a live');
    const doc = await a.allegati.allega(id, { documento }, { nome: 'isee.pdf', bytes: pdf(2000, 2) }, ctx);
    const foto = await a.allegati.allega(id, { voce }, { nome: 'foto.png', bytes: PNG }, ctx);
    if (!doc.ok || !foto.ok) throw new Error('attach');
    await until(() => a.allegati.caricamento(doc.value.blob) === undefined && a.allegati.caricamento(foto.value.blob) === undefined, 'uploaded');

    const c = await dispositivo(relay, 'Carla Ferri', 'amministrativo');
    await consegna(a.d, c.d, id, 'amministrativo', 'busta', NOW);
    const onC = c.d.ws.cartella(id);
    if (!onC) throw new Error('c has it');
    expect(onC.cartella.prof).toBeNull();
    await until(() => allegatiDelDocumento(onC.cartella, documento).length === 1, 'c sees the record');
    const rec = allegatiDelDocumento(onC.cartella, documento)[0];
    if (!rec) throw new Error('record');
    const opened = await c.allegati.apri(id, rec);
    expect(opened.ok && opened.value.bytes).toEqual(pdf(2000, 2));
    const prof = await c.allegati.apri(id, { parte: 'prof', blob: foto.value.blob, formato: 'png' });
    expect(prof).toMatchObject({ ok: false, code: 'chiave_assente' });
    expect(await c.allegati.allega(id, { voce }, { nome: 'f.png', bytes: PNG }, { autore: c.d.autore, now: NOW })).toMatchObject({ ok: false, code: 'chiave_assente' });
  });

  it('declares nothing for a room that never had an attachment, then the live set after a change; a removal leaves it and drops the copy', async () => {
    const relay = makeMemoryRelay();
    const { a, id, documento, ctx } = await cartellaConDocumento(relay);
    const onA = a.d.ws.cartella(id);
    if (!onA) throw new Error('open');
    const adminRoom = toBase64Url(onA.keys.admin.roomId);
    await until(() => onA.admin.status.phase === 'live', 'joined');
    await new Promise((r) => setTimeout(r, 100));
    // No attachment ever recorded: no request (the relay keeps everything of a room that never declared).
    expect(a.dichiarati.filter((x) => x.room === adminRoom)).toEqual([]);
    const r = await a.allegati.allega(id, { documento }, { nome: 'verbale.pdf', bytes: pdf(1000, 3) }, ctx);
    if (!r.ok) throw new Error(r.message);
    await until(() => a.allegati.caricamento(r.value.blob) === undefined, 'uploaded');
    await until(() => a.dichiarati.some((x) => x.room === adminRoom && x.blobs.includes(r.value.blob)), 'declared with the blob');
    expect(a.allegati.disponibileOffline(id, { parte: 'admin', blob: r.value.blob })).toBe(true);

    const removed = rimuoviAllegato(onA.cartella, { id: r.value.id, motivo: 'Documento di un’altra persona' }, ctx);
    expect(removed.ok).toBe(true);
    await until(() => a.dichiarati.at(-1)?.room === adminRoom && a.dichiarati.at(-1)?.blobs.length === 0, 'declared without it');
    await until(() => !a.allegati.disponibileOffline(id, { parte: 'admin', blob: r.value.blob }), 'pruned from the device');
    expect(await a.cache.list()).toEqual([]);
  });
});

describe('nomeAllegato', () => {
  it('keeps a name the model accepts: no control characters, at most 200 characters with its extension', () => {
    expect(nomeAllegato('  scan\u0000.pdf ')).toBe('scan.pdf');
    expect(nomeAllegato('')).toBe('allegato');
    const lungo = nomeAllegato(`${'a'.repeat(300)}.pdf`);
    expect(lungo).toHaveLength(200);
    expect(lungo.endsWith('….pdf')).toBe(true);
  });
});

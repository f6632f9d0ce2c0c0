/**
 * @module crdt/allegati/caricamento
 * Owns one upload of a sealed blob from the device's cache to the relay, resumable: it asks the
 * relay where the blob stands, begins it if absent, then sends the chunks from the first one the
 * relay lacks, one at a time, in order. A dropped connection leaves the blob `da_caricare` in the
 * cache; the next attempt (after a reload too) continues from the last chunk the relay stored.
 */
import { blobIdToText, manifestOfChunks } from '../wire';
import type { BlobManifest, BlobStatusBody } from '../wire';
import { daTrasporto, erroreAllegato } from './errori';
import type { EsitoAllegato } from './errori';
import type { BlobCache, BlobTransport, CopiaBlob } from './ports';

/** Progress of an upload, for the UI. */
export interface Avanzamento {
  readonly inviati: number;
  readonly totale: number;
}

/** Options of one upload. */
export interface OpzioniCaricamento {
  /** Called after each chunk the relay stored. */
  readonly avanzamento?: (a: Avanzamento) => void;
  /** Stops between chunks (the blob stays `da_caricare`). */
  readonly segnale?: AbortSignal;
  /** Shown in refusals ("Il file «…»"). */
  readonly nome?: string;
}

/** How many times a refusal that the relay's state explains (order, a collected upload) is retried. */
const RIPRESE = 3;

/** Sends `copia` to the relay; on success it becomes `caricato` in the cache. */
export async function caricaCopia(
  transport: BlobTransport,
  cache: BlobCache,
  room: Uint8Array,
  copia: CopiaBlob,
  opzioni: OpzioniCaricamento = {},
): Promise<EsitoAllegato<void>> {
  if (copia.stato === 'caricato') return { ok: true, value: undefined };
  let manifest: BlobManifest;
  try {
    manifest = manifestOfChunks(copia.chunks);
  } catch {
    return erroreAllegato('archivio_locale', "La copia locale dell'allegato è danneggiata: aggiungi di nuovo il file.");
  }
  if (blobIdToText(manifest.id) !== copia.id) {
    return erroreAllegato('archivio_locale', "La copia locale dell'allegato è danneggiata: aggiungi di nuovo il file.");
  }
  const nome = opzioni.nome ?? 'allegato';
  const totale = manifest.bytes;
  let stato: BlobStatusBody | undefined;
  for (let tentativo = 0; tentativo <= RIPRESE; tentativo++) {
    const s = await transport.status(room, manifest.id);
    if (!s.ok) return daTrasporto(s, nome);
    stato = s.value;
    if (stato.state === 'absent') {
      const b = await transport.begin(room, manifest);
      if (!b.ok) return daTrasporto(b, nome);
      stato = b.value;
    }
    if (stato.chunks !== manifest.entries.length) return erroreAllegato('errore_server', 'Il server descrive un allegato diverso da quello da caricare.');
    const esito = await inviaDa(transport, room, manifest, copia.chunks, stato.stored, opzioni, totale);
    if (esito === 'fatto') {
      try {
        await cache.setStato(copia.room, copia.id, 'caricato');
      } catch {
        return erroreAllegato('archivio_locale', "L'allegato è sul server, ma questo dispositivo non è riuscito a registrarlo.");
      }
      return { ok: true, value: undefined };
    }
    if (esito === 'riprendi') continue;
    return esito;
  }
  return erroreAllegato('errore_server', "Il server non accetta l'allegato nell'ordine previsto: riprova più tardi.");
}

/** Sends chunks from `from` on. `riprendi`: the relay's state changed under us (ask it again). */
async function inviaDa(
  transport: BlobTransport,
  room: Uint8Array,
  manifest: BlobManifest,
  chunks: readonly Uint8Array[],
  from: number,
  opzioni: OpzioniCaricamento,
  totale: number,
): Promise<'fatto' | 'riprendi' | EsitoAllegato<never>> {
  let inviati = 0;
  for (let i = 0; i < from; i++) inviati += chunks[i]?.length ?? 0;
  for (let i = from; i < chunks.length; i++) {
    if (opzioni.segnale?.aborted === true) return erroreAllegato('interrotto', 'Caricamento interrotto: riprenderà dal punto in cui si è fermato.');
    const chunk = chunks[i] as Uint8Array;
    const r = await transport.putChunk(room, manifest.id, i, chunk);
    if (!r.ok) {
      if (r.code === 'blob_chunk_order' || r.code === 'blob_unknown') return 'riprendi';
      return daTrasporto(r, opzioni.nome);
    }
    inviati += chunk.length;
    opzioni.avanzamento?.({ inviati, totale });
  }
  return 'fatto';
}


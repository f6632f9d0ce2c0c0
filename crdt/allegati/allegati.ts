/**
 * @module crdt/allegati/allegati
 * The device's attachments (docs/ATTACHMENTS.md): prepare a picked file (type by magic bytes,
 * size limit, sealed in chunks under its part's key, kept in the local cache before anything goes
 * out, so it is on the device even offline), upload it resumably, open an attachment (from the
 * cache, else downloaded, checked against its id, cached, then decrypted), and tell the relay which
 * blobs the room still references (the live set that drives garbage collection).
 *
 * The caller records the attachment in the cartella with the model (`allegaADocumento`,
 * `allegaAVoceDiario`) using what `prepare` returns; for checklist documents that is the admin
 * room and key, for diary entries the prof room and key, so administrative staff (who hold only
 * K_admin) can neither read nor fetch a diary attachment.
 */
import { openAttachment, roomIdFromBase64Url, sealAttachment, toBase64Url } from '../../crypto';
import { blobIdFromText, blobIdToText, manifestOfChunks } from '../wire';
import type { LiveSet } from '../wire';
import { caricaCopia } from './caricamento';
import type { OpzioniCaricamento } from './caricamento';
import { daTrasporto, erroreAllegato, troppoGrande } from './errori';
import type { EsitoAllegato } from './errori';
import { MIME_ALLEGATO, riconosciFormato } from './formato';
import type { FormatoAllegato } from './formato';
import type { BlobCache, BlobTransport, ChiaviAllegati, CopiaBlob } from './ports';

/** The default limit of the file a person picks (the relay's default too). */
export const LIMITE_ALLEGATO_PREDEFINITO = 20 * 1024 * 1024;

/** What the attachment logic needs. */
export interface AllegatiOpzioni {
  readonly transport: BlobTransport;
  readonly cache: BlobCache;
  readonly chiavi: ChiaviAllegati;
  /** Largest file accepted (bytes); default 20 MiB. */
  readonly maxFileBytes?: number;
  /** ms since the Unix epoch; default Date.now. */
  readonly now?: () => number;
}

/** A file as the UI picked it. */
export interface FileScelto {
  readonly nome: string;
  readonly bytes: Uint8Array;
}

/** A prepared attachment: what the model records (`blob`, `formato`, `byte`, `nome`). */
export interface AllegatoPronto {
  /** The blob id (base64url, 43 characters). */
  readonly blob: string;
  readonly formato: FormatoAllegato;
  /** The file's size in bytes. */
  readonly byte: number;
  readonly nome: string;
  /** The key epoch it was sealed under. */
  readonly epoca: number;
}

/** An opened attachment, ready for a viewer (`new Blob([bytes], { type: mime })`). */
export interface AllegatoAperto {
  readonly bytes: Uint8Array;
  readonly formato: FormatoAllegato;
  readonly mime: string;
}

/** The result of a live-set declaration. */
export interface EsitoVivi {
  /** False when a newer declaration (higher covers) was already in force. */
  readonly accettato: boolean;
  /** Referenced blobs the relay lacks; those this device holds were queued for upload again. */
  readonly mancanti: readonly string[];
}

/**
 * The checks a picked file passes before anything else happens to it (not empty, within `maxFileBytes`,
 * PDF/JPEG/PNG by its bytes); a screen may run them as soon as the file is chosen.
 */
export function controllaFile(file: FileScelto, maxFileBytes: number): EsitoAllegato<FormatoAllegato> {
  const { nome, bytes } = file;
  if (bytes.length === 0) return erroreAllegato('allegato_vuoto', `Il file «${nome}» è vuoto.`);
  if (bytes.length > maxFileBytes) return troppoGrande(nome, bytes.length, maxFileBytes);
  const formato = riconosciFormato(bytes);
  if (formato === undefined) {
    return erroreAllegato(
      'formato_non_supportato',
      `Il file «${nome}» non è un PDF né un'immagine JPEG o PNG (il tipo si riconosce dal contenuto, non dal nome). ` +
        'Salva la scansione in uno di questi formati.',
    );
  }
  return { ok: true, value: formato };
}

/** Attachments of one device. */
export class Allegati {
  readonly #transport: BlobTransport;
  readonly #cache: BlobCache;
  readonly #chiavi: ChiaviAllegati;
  readonly #maxFileBytes: number;
  readonly #now: () => number;

  constructor(opzioni: AllegatiOpzioni) {
    this.#transport = opzioni.transport;
    this.#cache = opzioni.cache;
    this.#chiavi = opzioni.chiavi;
    this.#maxFileBytes = opzioni.maxFileBytes ?? LIMITE_ALLEGATO_PREDEFINITO;
    this.#now = opzioni.now ?? Date.now;
  }

  /** The size limit this device applies before sealing. */
  get maxFileBytes(): number {
    return this.#maxFileBytes;
  }

  /**
   * Checks a picked file (not empty, within the limit, PDF/JPEG/PNG by its bytes), seals it for
   * `room` under the room's current key and keeps it in the cache as `da_caricare`. Nothing leaves
   * the device: call `upload` (or `resumeUploads`) next.
   */
  async prepare(room: Uint8Array, file: FileScelto): Promise<EsitoAllegato<AllegatoPronto>> {
    const { nome, bytes } = file;
    const controllo = controllaFile(file, this.#maxFileBytes);
    if (!controllo.ok) return controllo;
    const formato = controllo.value;
    const chiave = this.#chiavi.attuale(room);
    if (chiave === undefined) return senzaChiave();
    const chunks = sealAttachment({ file: bytes, roomId: room, epoch: chiave.epoch, attachmentKey: chiave.key });
    const blob = blobIdToText(manifestOfChunks(chunks).id);
    try {
      await this.#cache.put({ room: toBase64Url(room), id: blob, chunks, stato: 'da_caricare', salvatoIl: this.#now() });
    } catch {
      return erroreAllegato('archivio_locale', 'Non è stato possibile salvare il file su questo dispositivo (spazio esaurito?).');
    }
    return { ok: true, value: { blob, formato, byte: bytes.length, nome, epoca: chiave.epoch } };
  }

  /** Uploads a prepared blob, resuming from the last chunk the relay stored. */
  async upload(room: Uint8Array, blob: string, opzioni: OpzioniCaricamento = {}): Promise<EsitoAllegato<void>> {
    const copia = await this.#copia(room, blob);
    if (copia === undefined) return erroreAllegato('non_disponibile', "Su questo dispositivo non c'è la copia da caricare: aggiungi di nuovo il file.");
    return caricaCopia(this.#transport, this.#cache, room, copia, opzioni);
  }

  /** Uploads every blob still `da_caricare` (after a reload or a reconnection), oldest first. */
  async resumeUploads(opzioni: Omit<OpzioniCaricamento, 'nome'> = {}): Promise<Array<{ readonly room: string; readonly blob: string; readonly esito: EsitoAllegato<void> }>> {
    const pending = (await this.#cache.list()).filter((v) => v.stato === 'da_caricare').sort((a, b) => a.salvatoIl - b.salvatoIl);
    const out: Array<{ room: string; blob: string; esito: EsitoAllegato<void> }> = [];
    for (const v of pending) {
      const room = roomOf(v.room);
      const esito = room === undefined ? erroreAllegato('archivio_locale', 'Copia locale con stanza illeggibile.') : await this.upload(room, v.id, opzioni);
      out.push({ room: v.room, blob: v.id, esito });
      if (!esito.ok && esito.code === 'rete') break;
    }
    return out;
  }

  /** Whether the blob is on this device (so it opens offline). */
  async isAvailableOffline(room: Uint8Array, blob: string): Promise<boolean> {
    return (await this.#copia(room, blob)) !== undefined;
  }

  /** Makes sure the blob is on this device (downloading it if needed), without decrypting it. */
  async fetch(room: Uint8Array, blob: string): Promise<EsitoAllegato<void>> {
    const copia = await this.#scarica(room, blob);
    return copia.ok ? { ok: true, value: undefined } : copia;
  }

  /**
   * Opens an attachment: from the cache, else downloaded (every chunk, checked against the blob id,
   * then cached so it opens offline next time), decrypted, and its bytes checked to be `formato`.
   */
  async open(room: Uint8Array, blob: string, formato?: FormatoAllegato): Promise<EsitoAllegato<AllegatoAperto>> {
    const copia = await this.#scarica(room, blob);
    if (!copia.ok) return copia;
    const opened = openAttachment(copia.value.chunks, { roomId: room, keyForEpoch: (epoch) => this.#chiavi.perEpoca(room, epoch) });
    if (!opened.ok) {
      if (opened.code === 'attachment_epoch') return senzaChiave();
      return erroreAllegato('allegato_danneggiato', "L'allegato non si apre: il contenuto è stato alterato o non appartiene a questa cartella.");
    }
    const trovato = riconosciFormato(opened.value.file);
    if (trovato === undefined || (formato !== undefined && trovato !== formato)) {
      return erroreAllegato('formato_diverso', "Il contenuto dell'allegato non corrisponde al tipo registrato nella cartella: non viene aperto.");
    }
    return { ok: true, value: { bytes: opened.value.file, formato: trovato, mime: MIME_ALLEGATO[trovato] } };
  }

  /**
   * Declares the blobs `room` references as of relay seq `covers` (the model's `blobReferenziati`),
   * plus this device's uploads still pending for the room. Blobs the relay reports missing that
   * this device holds are queued for upload again (call `resumeUploads`).
   */
  async declareLive(room: Uint8Array, covers: number, blobs: readonly string[]): Promise<EsitoAllegato<EsitoVivi>> {
    const roomText = toBase64Url(room);
    const ids = new Set(blobs);
    for (const v of await this.#cache.list()) if (v.room === roomText && v.stato === 'da_caricare') ids.add(v.id);
    const parsed: Uint8Array[] = [];
    for (const id of ids) {
      const bytes = blobIdFromText(id);
      if (bytes.ok) parsed.push(bytes.value);
    }
    const set: LiveSet = { covers, ids: parsed };
    const r = await this.#transport.declareLive(room, set);
    if (!r.ok) {
      if (r.code === 'blob_live_stale') return { ok: true, value: { accettato: false, mancanti: [] } };
      return daTrasporto(r);
    }
    for (const id of r.value.missing) {
      const copia = await this.#cache.get(roomText, id);
      if (copia?.stato === 'caricato') await this.#cache.setStato(roomText, id, 'da_caricare');
    }
    return { ok: true, value: { accettato: true, mancanti: r.value.missing } };
  }

  /**
   * Removes from this device the uploaded blobs of `room` that are no longer referenced. Given a
   * function, it reads the references after listing the cache: a blob is uploaded only after its
   * record is written, so one recorded and uploaded while this runs is kept.
   */
  async prune(room: Uint8Array, vivi: readonly string[] | (() => readonly string[])): Promise<number> {
    const roomText = toBase64Url(room);
    const voci = await this.#cache.list();
    const keep = new Set(typeof vivi === 'function' ? vivi() : vivi);
    let removed = 0;
    for (const v of voci) {
      if (v.room !== roomText || v.stato !== 'caricato' || keep.has(v.id)) continue;
      await this.#cache.delete(v.room, v.id);
      removed++;
    }
    return removed;
  }

  async #copia(room: Uint8Array, blob: string): Promise<CopiaBlob | undefined> {
    return this.#cache.get(toBase64Url(room), blob);
  }

  async #scarica(room: Uint8Array, blob: string): Promise<EsitoAllegato<CopiaBlob>> {
    const cached = await this.#copia(room, blob);
    if (cached !== undefined) return { ok: true, value: cached };
    const id = blobIdFromText(blob);
    if (!id.ok) return erroreAllegato('allegato_danneggiato', "L'allegato registrato nella cartella non ha un identificativo valido.");
    const status = await this.#transport.status(room, id.value);
    if (!status.ok) return daTrasporto(status);
    if (status.value.state !== 'complete') {
      return erroreAllegato('non_disponibile', "L'allegato non è ancora disponibile sul server: chi lo ha aggiunto non ha finito di caricarlo.");
    }
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < status.value.chunks; i++) {
      const chunk = await this.#transport.getChunk(room, id.value, i);
      if (!chunk.ok) return daTrasporto(chunk);
      chunks.push(chunk.value);
    }
    let same = false;
    try {
      same = blobIdToText(manifestOfChunks(chunks).id) === blob;
    } catch {
      same = false;
    }
    if (!same) return erroreAllegato('allegato_danneggiato', "L'allegato ricevuto dal server non corrisponde a quello registrato nella cartella.");
    const copia: CopiaBlob = { room: toBase64Url(room), id: blob, chunks, stato: 'caricato', salvatoIl: this.#now() };
    try {
      await this.#cache.put(copia);
    } catch {
      // Still usable now; it will simply be downloaded again next time.
    }
    return { ok: true, value: copia };
  }
}

function senzaChiave(): EsitoAllegato<never> {
  return erroreAllegato('chiave_assente', 'Su questo dispositivo manca la chiave di questa parte della cartella: l\'allegato non può essere cifrato o aperto.');
}

function roomOf(text: string): Uint8Array | undefined {
  const room = roomIdFromBase64Url(text);
  return room.ok ? room.value : undefined;
}

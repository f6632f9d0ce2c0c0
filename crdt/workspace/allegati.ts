/**
 * @module crdt/workspace/allegati
 * Attachments on the device's workspace (docs/ATTACHMENTS.md §11): the ticket desk on the
 * workspace's one relay connection, the `Allegati` facade with the keys of the keyring, and the
 * background work the screens never see — uploads resumed at start and whenever a room is joined
 * again, one at a time, and the live set of each room declared once the room is live and (debounced)
 * whenever its attachments change. The screens call `allega` (prepare → model op → upload), `apri`,
 * `disponibileOffline` and read each upload's state (`caricamento`, `subscribe`).
 */
import { toBase64Url } from '../../crypto';
import {
  Allegati, controllaFile, type AllegatoAperto, type BlobCache, type BlobTransport, type FileScelto, type FormatoAllegato, type TicketSource, type VoceCopia,
} from '../allegati';
import { erroreAllegato, troppoGrande, type CodiceAllegato, type EsitoAllegato } from '../allegati/errori';
import { BlobTicketDesk } from '../allegati/ticketDesk';
import {
  allegaADocumento, allegaAVoceDiario, blobReferenziati, MAPPA_ALLEGATI,
  type Allegato, type AllegatoId, type CodiceErrore, type Contesto,
} from '../model';
import type { RoomPhase } from '../sync/roomSync';
import { chiaviDaPortachiavi, stanzaDi, stanzeAperte, type StanzaAllegati } from './allegatiStanze';
import { MESSAGGI_WORKSPACE } from './esito';
import type { Workspace } from './workspace';

/** What the attachments need of the workspace (its public API). */
export type WorkspacePerAllegati = Pick<Workspace, 'connection' | 'subscribe' | 'cartella' | 'cartelle'>;

export interface AllegatiWorkspaceOptions {
  /** The relay's `/blobs` endpoints, given the ticket desk on the workspace's connection. */
  transport(tickets: TicketSource): BlobTransport;
  readonly cache: BlobCache;
  /** Largest file accepted (default 20 MiB). */
  readonly maxFileBytes?: number;
  /** ms since the Unix epoch; default Date.now. */
  readonly now?: () => number;
  /** Quiet time after a change of a room's attachments before its live set is declared (default 2 s). */
  readonly attesaDichiarazioneMs?: number;
  /** After a network failure while the connection is up, uploads are tried again this much later (default 15 s). */
  readonly riprovaMs?: number;
  /** Background refusals (a live set not accepted…), for the logs. */
  readonly onProblem?: (code: string, message: string) => void;
}

/** Where a file is attached: a checklist document (admin part) or a diary entry (prof part). */
export type Destinazione = { readonly documento: string } | { readonly voce: string };

/** An upload still to finish (absent once the relay holds the whole blob). */
export type StatoCaricamento =
  /** Waiting for the relay (offline, the room not joined yet, or another upload first). */
  | { readonly fase: 'in_attesa' }
  | { readonly fase: 'in_corso'; readonly inviati: number; readonly totale: number }
  /** Refused (quota, the relay's limit…): it stays on the device and is tried again at the next join. */
  | { readonly fase: 'errore'; readonly code: CodiceAllegato; readonly message: string };

/** What `allega` recorded. */
export interface AllegatoRegistrato {
  readonly id: AllegatoId;
  readonly blob: string;
  /** A checklist document still missing was marked acquired. */
  readonly acquisito: boolean;
}

export type EsitoAllega =
  | { readonly ok: true; readonly value: AllegatoRegistrato }
  | { readonly ok: false; readonly code: CodiceAllegato | CodiceErrore | 'cartella_sconosciuta'; readonly message: string };

const NOME_MAX = 200;
/** Rooms are looked at most this often (ms) while the workspace reports changes. */
const SCORSA_MS = 50;

/** A file name the model accepts (1–200 characters), keeping its extension when shortened. */
export function nomeAllegato(nome: string): string {
  const pulito = nome.replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  if (pulito === '') return 'allegato';
  if (pulito.length <= NOME_MAX) return pulito;
  const punto = pulito.lastIndexOf('.');
  const est = punto > 0 && pulito.length - punto <= 10 ? pulito.slice(punto) : '';
  return pulito.slice(0, NOME_MAX - est.length - 1).trimEnd() + '…' + est;
}

/** The attachments of one device's workspace. */
export class AllegatiWorkspace {
  readonly #ws: WorkspacePerAllegati;
  readonly #o: AllegatiWorkspaceOptions;
  readonly #desk: BlobTicketDesk;
  readonly #allegati: Allegati;
  readonly #stati = new Map<string, StatoCaricamento>();
  readonly #nomi = new Map<string, string>();
  /** `room/blob` of every copy in the cache, and how many copies `allega` added (to spot a stale listing). */
  #presenti = new Set<string>();
  #aggiunte = 0;
  readonly #listeners = new Set<() => void>();
  readonly #fasi = new Map<string, RoomPhase>();
  readonly #osservati = new Map<string, () => void>();
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  readonly #stop = new AbortController();
  readonly #smonta: Array<() => void> = [];
  #collegata = false;
  #giro: Promise<void> | undefined;
  #riprova: ReturnType<typeof setTimeout> | undefined;
  #guarda: ReturnType<typeof setTimeout> | undefined;
  #ancora = false;
  /** The rooms as last looked at (refreshed by `#guardaStanze` on every change of the workspace). */
  #stanze = new Map<string, StanzaAllegati>();

  private constructor(ws: WorkspacePerAllegati, o: AllegatiWorkspaceOptions) {
    this.#ws = ws;
    this.#o = o;
    const conn = ws.connection();
    this.#desk = new BlobTicketDesk({ send: (f) => conn.sendFrame(f) });
    this.#allegati = new Allegati({
      transport: o.transport(this.#desk),
      cache: o.cache,
      chiavi: chiaviDaPortachiavi(() => ws.cartelle()),
      ...(o.maxFileBytes !== undefined ? { maxFileBytes: o.maxFileBytes } : {}),
      ...(o.now ? { now: o.now } : {}),
    });
    this.#smonta.push(conn.addFrameListener((f) => this.#desk.receive(f)));
    this.#smonta.push(ws.subscribe(() => this.#cambiato()));
  }

  /** Wires attachments to `ws` and resumes the uploads left on the device (a reload, a crash). */
  static async open(ws: WorkspacePerAllegati, options: AllegatiWorkspaceOptions): Promise<AllegatiWorkspace> {
    const a = new AllegatiWorkspace(ws, options);
    for (const v of await a.#elenca()) if (v.stato === 'da_caricare') a.#stati.set(v.id, { fase: 'in_attesa' });
    a.#cambiato();
    a.#guardaStanze();
    void a.riprendi();
    return a;
  }

  /** The size limit checked before a file is read or sealed. */
  get maxFileBytes(): number {
    return this.#allegati.maxFileBytes;
  }

  /** Refuses a file above the limit from its name and size alone (before reading it). */
  controllaDimensione(nome: string, byte: number): EsitoAllegato<void> {
    return byte > this.maxFileBytes ? troppoGrande(nome, byte, this.maxFileBytes) : { ok: true, value: undefined };
  }

  /** Checks a picked file as `allega` will (empty, size, PDF/JPEG/PNG by its bytes), without sealing it. */
  controlla(file: FileScelto): EsitoAllegato<FormatoAllegato> {
    return controllaFile(file, this.maxFileBytes);
  }

  /**
   * Attaches a file: checked and sealed into the device's cache (nothing sent yet), recorded in
   * the cartella by the model (`allegaADocumento` marks a missing document acquired), then uploaded
   * in the background; `caricamento(blob)` follows the upload. A refusal leaves nothing behind.
   */
  async allega(cartellaId: string, dove: Destinazione, file: FileScelto, ctx: Contesto): Promise<EsitoAllega> {
    const aperta = this.#ws.cartella(cartellaId);
    if (!aperta) return { ok: false, code: 'cartella_sconosciuta', message: MESSAGGI_WORKSPACE.cartella_sconosciuta };
    const stanza = stanzaDi(aperta, 'documento' in dove ? 'admin' : 'prof');
    if (!stanza) return senzaParte();
    const nome = nomeAllegato(file.nome);
    const pronto = await this.#allegati.prepare(stanza.roomId, { nome, bytes: file.bytes });
    if (!pronto.ok) return pronto;
    const { blob, formato, byte } = pronto.value;
    const dati = { blob, nome, formato, byte };
    const registrato = 'documento' in dove
      ? allegaADocumento(aperta.cartella, { ...dati, documento: dove.documento }, ctx)
      : allegaAVoceDiario(aperta.cartella, { ...dati, voce: dove.voce }, ctx);
    if (!registrato.ok) {
      await this.#o.cache.delete(toBase64Url(stanza.roomId), blob).catch(() => undefined);
      return registrato;
    }
    const value = typeof registrato.value === 'string'
      ? { id: registrato.value, blob, acquisito: false }
      : { id: registrato.value.id, blob, acquisito: registrato.value.acquisito };
    this.#nomi.set(blob, nome);
    this.#presenti.add(`${toBase64Url(stanza.roomId)}/${blob}`);
    this.#aggiunte++;
    this.#imposta(blob, { fase: 'in_attesa' });
    void this.riprendi();
    return { ok: true, value };
  }

  /** Opens an attachment: from the device if there, else downloaded (then kept for offline use). */
  async apri(cartellaId: string, allegato: Pick<Allegato, 'parte' | 'blob' | 'formato'>): Promise<EsitoAllegato<AllegatoAperto>> {
    const aperta = this.#ws.cartella(cartellaId);
    const stanza = aperta ? stanzaDi(aperta, allegato.parte) : undefined;
    if (!stanza) return senzaParte();
    const r = await this.#allegati.open(stanza.roomId, allegato.blob, allegato.formato);
    await this.#elenca();
    this.#avvisa();
    return r;
  }

  /**
   * Whether the attachment's bytes are on this device (so it opens without the network). Answered
   * from the cache's listing, kept here, so a list of attachments never loads their bytes.
   */
  disponibileOffline(cartellaId: string, allegato: Pick<Allegato, 'parte' | 'blob'>): boolean {
    const aperta = this.#ws.cartella(cartellaId);
    const stanza = aperta ? stanzaDi(aperta, allegato.parte) : undefined;
    return stanza !== undefined && this.#presenti.has(`${toBase64Url(stanza.roomId)}/${allegato.blob}`);
  }

  /** The upload of `blob` still to finish on this device, if any. */
  caricamento(blob: string): StatoCaricamento | undefined {
    return this.#stati.get(blob);
  }

  /** Calls `listener` when an upload moves or a copy arrives on the device; returns its removal. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Uploads, oldest first and one at a time, every blob still to send whose room is joined now;
   * a call while a round runs asks for one more round. Resolves when nothing is left to try.
   */
  riprendi(): Promise<void> {
    if (this.#giro) {
      this.#ancora = true;
      return this.#giro;
    }
    const giro = (async () => {
      let rete = false;
      do {
        this.#ancora = false;
        rete = await this.#caricaInAttesa();
      } while (this.#ancora && !this.#stop.signal.aborted);
      // HTTP failed while the socket stayed up (a flaky network): no join will come to retry it.
      if (rete && this.#riprova === undefined && !this.#stop.signal.aborted) {
        this.#riprova = setTimeout(() => { this.#riprova = undefined; void this.riprendi(); }, this.#o.riprovaMs ?? 15_000);
      }
    })();
    this.#giro = giro.finally(() => { this.#giro = undefined; });
    return this.#giro;
  }

  /** Declares now the live set of a cartella's rooms (also done by itself after a sync and a change). */
  async dichiara(cartellaId: string): Promise<void> {
    const aperta = this.#ws.cartella(cartellaId);
    if (!aperta) return;
    for (const parte of ['admin', 'prof'] as const) {
      const s = stanzaDi(aperta, parte);
      if (s) await this.#dichiara(s);
    }
  }

  /** Stops the background work and closes the cache (call with the workspace's close). */
  async close(): Promise<void> {
    this.#stop.abort();
    for (const f of this.#smonta) f();
    for (const off of this.#osservati.values()) off();
    for (const t of this.#timers.values()) clearTimeout(t);
    clearTimeout(this.#riprova);
    clearTimeout(this.#guarda);
    this.#osservati.clear();
    this.#timers.clear();
    this.#listeners.clear();
    this.#desk.disconnected();
    await this.#giro?.catch(() => undefined);
    await this.#o.cache.close();
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * Any change of the workspace: the connection (handled at once: tickets die with the socket),
   * a room's phase or a cartella added (looked at once per burst: a device opening hundreds of
   * cartelle reports thousands of status changes, and each look walks every room).
   */
  #cambiato(): void {
    if (this.#stop.signal.aborted) return;
    const aperta = this.#ws.connection().state === 'open';
    if (this.#collegata && !aperta) this.#desk.disconnected();
    this.#collegata = aperta;
    if (this.#guarda !== undefined) return;
    this.#guarda = setTimeout(() => {
      this.#guarda = undefined;
      this.#guardaStanze();
    }, SCORSA_MS);
  }

  /** Observes new rooms' attachments; a room that became live declares its live set and resumes uploads. */
  #guardaStanze(): void {
    if (this.#stop.signal.aborted) return;
    let nuovaLive = false;
    this.#stanze = stanzeAperte(this.#ws.cartelle());
    for (const [key, s] of this.#stanze) {
      if (!this.#osservati.has(key)) {
        const mappa = s.doc.getMap(MAPPA_ALLEGATI);
        const f = (): void => this.#programma(key, this.#o.attesaDichiarazioneMs ?? 2_000);
        mappa.observeDeep(f);
        this.#osservati.set(key, () => mappa.unobserveDeep(f));
      }
      const fase = s.sync.status.phase;
      if (fase === 'live' && this.#fasi.get(key) !== 'live') {
        nuovaLive = true;
        this.#programma(key, 0);
      }
      this.#fasi.set(key, fase);
    }
    if (nuovaLive) void this.riprendi();
  }

  #programma(key: string, ms: number): void {
    if (this.#stop.signal.aborted) return;
    const prima = this.#timers.get(key);
    if (prima !== undefined) clearTimeout(prima);
    this.#timers.set(key, setTimeout(() => {
      this.#timers.delete(key);
      const s = this.#stanze.get(key);
      if (s) void this.#dichiara(s);
    }, ms));
  }

  async #dichiara(s: StanzaAllegati): Promise<void> {
    if (this.#stop.signal.aborted || s.sync.status.phase !== 'live') return;
    const vivi = blobReferenziati(s.doc, s.parte);
    // A room whose document never recorded an attachment has nothing on the relay to keep or let
    // go ("a room that never declared keeps everything", §7): no request at all. With 500 cartelle
    // this spares 1,000 HTTP requests at every start, and it never starts the grace period of a
    // colleague's upload whose record has not reached this device yet.
    if (vivi.length === 0 && s.doc.getMap(MAPPA_ALLEGATI).size === 0) return;
    const r = await this.#allegati.declareLive(s.roomId, s.sync.status.head, vivi);
    if (!r.ok) return this.#o.onProblem?.(r.code, r.message);
    // The references are read again after the cache is listed: the declaration above took time, and
    // an attachment recorded and uploaded meanwhile must not be dropped from the device.
    if ((await this.#allegati.prune(s.roomId, () => blobReferenziati(s.doc, s.parte))) > 0) {
      await this.#elenca();
      this.#avvisa();
    }
    if (r.value.mancanti.length > 0) {
      for (const id of r.value.mancanti) if (!this.#stati.has(id)) this.#stati.set(id, { fase: 'in_attesa' });
      this.#avvisa();
      await this.riprendi();
    }
  }

  /** One round over the blobs still to send; true when it stopped on a network failure. */
  async #caricaInAttesa(): Promise<boolean> {
    const pending = (await this.#elenca()).filter((v) => v.stato === 'da_caricare').sort((a, b) => a.salvatoIl - b.salvatoIl);
    const stanze = pending.length > 0 ? stanzeAperte(this.#ws.cartelle()) : this.#stanze;
    for (const v of pending) {
      if (this.#stop.signal.aborted) return false;
      const s = stanze.get(v.room);
      // Tickets need the room joined on the connection: a room not live waits for its next join.
      if (!s || s.sync.status.phase !== 'live') {
        if (this.#stati.get(v.id)?.fase !== 'errore') this.#imposta(v.id, { fase: 'in_attesa' });
        continue;
      }
      this.#imposta(v.id, { fase: 'in_corso', inviati: 0, totale: v.bytes });
      const esito = await this.#allegati.upload(s.roomId, v.id, {
        segnale: this.#stop.signal,
        nome: this.#nomi.get(v.id) ?? 'allegato',
        avanzamento: (a) => this.#imposta(v.id, { fase: 'in_corso', inviati: a.inviati, totale: a.totale }),
      });
      if (esito.ok) {
        this.#stati.delete(v.id);
        this.#avvisa();
      } else if (esito.code === 'rete' || esito.code === 'interrotto') {
        this.#imposta(v.id, { fase: 'in_attesa' });
        if (esito.code === 'rete') return true;
      } else {
        this.#imposta(v.id, { fase: 'errore', code: esito.code, message: esito.message });
        this.#o.onProblem?.(esito.code, esito.message);
      }
    }
    return false;
  }

  /** The cache's listing (no bytes), refreshing what `disponibileOffline` answers from. */
  async #elenca(): Promise<VoceCopia[]> {
    for (;;) {
      const prima = this.#aggiunte;
      const voci = await this.#o.cache.list();
      // A copy added while listing would be missing from this listing: list again.
      if (prima !== this.#aggiunte) continue;
      this.#presenti = new Set(voci.map((v) => `${v.room}/${v.id}`));
      return voci;
    }
  }

  #imposta(blob: string, stato: StatoCaricamento): void {
    this.#stati.set(blob, stato);
    this.#avvisa();
  }

  #avvisa(): void {
    for (const l of this.#listeners) l();
  }
}

function senzaParte(): { readonly ok: false; readonly code: CodiceAllegato; readonly message: string } {
  return erroreAllegato('chiave_assente', 'Su questo dispositivo manca la chiave di questa parte della cartella: l\'allegato non può essere cifrato o aperto.');
}

/**
 * @module crdt/workspace/workspace
 * Everything a device holds: the cartelle whose keys are in the worker's keyring, each as
 * its two Y.Docs (`admin`, and `prof` when this device holds the professional key) kept in
 * sync by one `SyncClient` over one transport, with the local envelope store. The PWA and the
 * tests drive cartelle through this and the model's operations; the UI holds no logic of
 * its own. Keys change here too (docs/ROTATION.md): following a colleague's rotation,
 * revoking a member, handing a cartella over and receiving one; and the signed history.
 */
import * as Y from 'yjs';
import {
  addCartellaKeys, acceptShareBundle, derivePartSubkeys, findCartellaKeys, generatePartKey, generateRoomId, mergeCartellaKeys, roomIdToBase64Url, toBase64Url,
  type CartellaKeys, type MergeChange, type PartKeyRecord, type PartSubkeys, type RecoveryKeyPair, type ShareBundle,
} from '../../crypto';
import { creaCartella, comeAuthorKey, leggiAdmin, livelloChiavi, registraChiaveBox, type AuthorKey, type CreaCartellaInput, type Risultato, type CartellaId } from '../model';
import type { RoomEnvelope } from '../history';
import type { RoomKey, RoomLog } from '../sync/ports';
import type { RotationDecision, RotationRecord, RoomSync } from '../sync/roomSync';
import { SyncClient } from '../sync/syncClient';
import { attendiStanza, decisa } from './attesa';
import { CodaCura } from './codaCura';
import { condividi, curaRegistro, registroDaCurare, type Condivisione, type CondividiInput } from './consegna';
import { MESSAGGI_WORKSPACE, rifiuto, type Esito } from './esito';
import { KeyringRefusal, saveEpochKey, type Parte } from './keyringPort';
import { revoca, ruotaChiavi, type EsitoRevoca, type ParteRuotata } from './revoca';
import { decidiRotazione } from './rotationDecision';
import {
  apriCopie, elencaCopie, MESSAGGI_RECUPERO, unisciCopie, type CartellaRecuperata, type CodiceElenco, type RapportoRecupero,
} from './recupero';
import { logCompleto, storiaDi, type StoriaCartella } from './storia';
import {
  statoParte, type AccessoCartella, type CartellaAperta, type Dispositivo, type RotazioneNota, type WorkspaceOptions, type WorkspaceStatus,
} from './types';

export * from './types';
export type { WorkspaceKeyring, Parte } from './keyringPort';
export type { Esito, CodiceEsito, CodiceWorkspace } from './esito';
export { CODICI_WORKSPACE, MESSAGGI_WORKSPACE } from './esito';
export type { EsitoRevoca, ParteRuotata } from './revoca';
export type { Condivisione, CondividiInput } from './consegna';
export type { StoriaCartella } from './storia';
export * from './depositi';
export { MESSAGGI_ELENCO, MESSAGGI_RECUPERO } from './recupero';
export type { CartellaRecuperata, CodiceElenco, RapportoRecupero, StatoRecupero } from './recupero';

const MAX_PROBLEMS = 50;

/** What `ricevi` did. */
export interface Ricezione {
  readonly cartella: CartellaAperta;
  /** What the keys changed on this device (`unchanged`: nothing new, the bundle is still marked used). */
  readonly cambiamento: MergeChange;
}

export class Workspace {
  /** The roster key of this device (base64url of its Ed25519 public key). */
  readonly autore: AuthorKey;
  private readonly open = new Map<string, CartellaAperta>();
  private readonly listeners = new Set<() => void>();
  private readonly teardowns: Array<() => Promise<void> | void> = [];
  private readonly problems: Array<{ code: string; message: string; at: number }> = [];
  private readonly client: SyncClient;
  private readonly rotazioni = new WeakMap<RoomSync, RotazioneNota>();
  /** Cartelle received here whose hand-over this device will accept once the roster shows it. */
  private readonly daAccettare = new Set<string>();
  /** Cartelle whose roster entry for this device needs nothing more. */
  private readonly registroCurato = new Set<string>();
  private readonly cura: CodaCura;
  private readonly saveKeys: (entry: CartellaKeys) => Promise<void>;
  private readonly dispositivo: Dispositivo;
  /** The ente's recovery key pair, only while `recupera` runs (then forgotten). */
  private recupero: RecoveryKeyPair | undefined;
  /** cartellaId → rotators adopted during a recovery before the roster could be read (checked at its end). */
  private readonly firmatariDaVerificare = new Map<string, Array<{ firmatario: string; parte: Parte }>>();

  private constructor(private readonly o: WorkspaceOptions) {
    const autore = comeAuthorKey(toBase64Url(o.identity.signPublicKey));
    if (!autore) throw new Error('identity public key is not a valid author key');
    this.autore = autore;
    const keyring = o.keyring;
    if (o.saveKeys) this.saveKeys = o.saveKeys;
    else if (keyring) {
      this.saveKeys = async (entry) => {
        await keyring.update((d) => {
          const added = addCartellaKeys(d, entry);
          if (!added.ok) throw new KeyringRefusal(added.code, added.message);
          return added.value;
        });
      };
    } else throw new Error('a workspace needs saveKeys or keyring');
    this.client = new SyncClient({
      transport: o.transport,
      onProblem: (code, message) => this.problem(code, message),
      onState: () => this.changed(),
    });
    this.cura = new CodaCura((id) => this.curaCartella(id), o.inizioCura ? { inizio: o.inizioCura } : {});
    this.dispositivo = {
      identity: o.identity,
      autore,
      keyring,
      attesaMs: o.attesaMs ?? 30_000,
      aperta: (id) => this.open.get(id),
      rotazioneNota: (room) => this.rotazioni.get(room),
      notaRotazione: (room, nota) => { this.rotazioni.set(room, nota); },
      salvaChiave: (id, parte, epoch, key) => this.salvaChiave(id, parte, epoch, key),
      problem: (code, message) => this.problem(code, message),
    };
  }

  /** Opens every cartella of the keyring from the local store and starts syncing them. */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const ws = new Workspace(options);
    // Every room's log in one read of the store (one IndexedDB transaction, not one per room).
    const rooms = options.cartelle.flatMap((k) => [k.admin, ...(k.prof ? [k.prof] : [])].map((p) => roomIdToBase64Url(p.roomId) as RoomKey));
    const logs = await options.store.loadRooms(rooms);
    for (const keys of options.cartelle) await ws.attach(keys, logs);
    return ws;
  }

  /** Every cartella on this device. */
  cartelle(): CartellaAperta[] {
    return [...this.open.values()];
  }

  cartella(id: string): CartellaAperta | undefined {
    return this.open.get(id);
  }

  /**
   * Creates a cartella with fresh keys (a random key and room per part), saves the keys,
   * then writes its first facts through the model, and this device's X25519 key on its roster
   * entry (so keys can be boxed to it at a rotation). Input is validated before any key exists.
   */
  async nuovaCartella(input: Omit<CreaCartellaInput, 'id'>, now: Date): Promise<Risultato<CartellaAperta>> {
    const adminRoom = generateRoomId();
    const id = roomIdToBase64Url(adminRoom);
    const ctx = { autore: this.autore, now };
    const dryRun = creaCartella({ ...input, id }, ctx, { admin: new Y.Doc(), prof: new Y.Doc() });
    if (!dryRun.ok) return dryRun;
    const part = (roomId = generateRoomId()): PartKeyRecord => ({ roomId, currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] });
    const keys: CartellaKeys = { cartellaId: id, admin: part(adminRoom), prof: part(), addedAt: now.toISOString() };
    await this.saveKeys(keys);
    const aperta = await this.attach(keys);
    const created = creaCartella({ ...input, id }, ctx, aperta.cartella);
    if (!created.ok) return created;
    const box = registraChiaveBox(aperta.cartella, { chiaveBox: toBase64Url(this.o.identity.boxPublicKey) }, ctx);
    if (!box.ok) this.problem(box.code, box.message);
    else this.registroCurato.add(id);
    return { ok: true, value: aperta };
  }

  /** Joins a cartella whose keys arrived on this device (hand-over) and saves them. */
  async aggiungiCartella(keys: CartellaKeys): Promise<CartellaAperta> {
    const existing = this.open.get(keys.cartellaId);
    if (existing) return existing;
    await this.saveKeys(keys);
    return this.attach(keys);
  }

  // ---- keys: revocation, hand-over ------------------------------------------------------

  /**
   * Removes a member (docs/ROTATION.md): records the revocation on the roster (`revocaMembro`,
   * today, with `motivo`), then rotates the prof part (équipe members) and the admin part, boxing
   * the new keys to every remaining active member with a box key, this device and the recovery
   * key. Refused with `non_collegato` before writing anything unless the rooms are joined.
   */
  revoca(cartellaId: string, membro: string, motivo: string, now: Date): Promise<Esito<EsitoRevoca>> {
    return revoca(this.dispositivo, cartellaId, membro, motivo, now);
  }

  /** Rotates the parts this device holds (or `parti`) without a roster change: finishing a revocation, a lost device. */
  ruotaChiavi(cartellaId: string, now: Date, parti?: readonly Parte[]): Promise<Esito<readonly ParteRuotata[]>> {
    return ruotaChiavi(this.dispositivo, cartellaId, now, parti);
  }

  /**
   * Hands the cartella over: a signed bundle of the keys `input.ruolo` may hold, to wrap with
   * `shareLink`, `wrapBundleWithPassphrase` or `sealBundleTo`; with a `destinatario` the bundle
   * names their device and the hand-over is recorded on the roster.
   */
  condividi(cartellaId: string, input: CondividiInput, now: Date): Esito<Condivisione> {
    const a = this.open.get(cartellaId);
    return a ? condividi(this.dispositivo, a, input, now) : rifiuto('cartella_sconosciuta');
  }

  /**
   * Receives a bundle already validated by crypto (`parseShareBundle`, `unwrapBundleWithPassphrase`
   * or `openSealedBundle`): merges its keys into the keyring and marks it used (durably), opens
   * the cartella (or adds the new keys and parts to it), and once the admin document has synced
   * and shows the hand-over, accepts it on the roster with this device's X25519 key.
   */
  async ricevi(bundle: ShareBundle, now: Date): Promise<Esito<Ricezione>> {
    const keyring = this.o.keyring;
    if (!keyring) return rifiuto('portachiavi_assente');
    let cambiamento: MergeChange = 'unchanged';
    try {
      await keyring.update((d) => {
        const accepted = acceptShareBundle(d, bundle, now);
        if (!accepted.ok) throw new KeyringRefusal(accepted.code, accepted.message);
        cambiamento = accepted.value.change;
        return accepted.value.data;
      });
    } catch (e) {
      if (e instanceof KeyringRefusal && (e.code === 'bundle_used' || e.code === 'keyring_conflict' || e.code === 'keyring_malformed')) {
        return { ok: false, code: e.code, message: e.message };
      }
      throw e;
    }
    const entry = findCartellaKeys(keyring.current(), bundle.cartellaId);
    if (!entry) throw new Error('the accepted cartella is missing from the keyring');
    const cartella = this.open.has(entry.cartellaId) ? await this.aggiornaChiavi(entry) : await this.attach(entry);
    // Only a bundle bound to this device can match a hand-over on the roster (which is keyed by it).
    if (bundle.recipient) this.daAccettare.add(entry.cartellaId);
    this.registroCurato.delete(entry.cartellaId);
    this.programmaCura(entry.cartellaId);
    return { ok: true, value: { cartella, cambiamento } };
  }

  /** Accepts now a hand-over to this device shown on the roster (the avviso "consegna da accettare"). */
  accettaConsegna(cartellaId: string, now: Date): Esito<'accettata' | 'chiave_registrata' | 'nulla'> {
    const a = this.open.get(cartellaId);
    if (!a) return rifiuto('cartella_sconosciuta');
    const r = curaRegistro(this.dispositivo, a, true, now);
    if (r.ok && r.value === 'accettata') this.daAccettare.delete(cartellaId);
    return r;
  }

  /** What this device may still do with a cartella's parts (revoked, untrusted rotation...). */
  accesso(cartellaId: string): AccessoCartella | undefined {
    const a = this.open.get(cartellaId);
    if (!a) return undefined;
    const admin = statoParte(a.admin.status.phase);
    const prof = a.prof ? statoParte(a.prof.status.phase) : null;
    const stati = [admin, prof];
    const solaLettura = stati.some((s) => s === 'revocata' || s === 'non_attendibile');
    const messaggio = stati.includes('revocata')
      ? 'Il tuo accesso a questa cartella è stato revocato: vedi ciò che avevi già ricevuto, ma non arrivano più aggiornamenti e le tue modifiche non vengono inviate.'
      : stati.includes('non_attendibile')
        ? 'Le chiavi di questa cartella sono state cambiate da una persona che non risulta nell\'équipe su questo dispositivo: la cartella non si sincronizza più. Avvisa il responsabile.'
        : stati.includes('rifiutata') ? 'Il server non riconosce le chiavi di questa cartella su questo dispositivo.' : undefined;
    return { admin, prof, solaLettura, ...(messaggio ? { messaggio } : {}) };
  }

  // ---- continuity: recovery with the ente's key -------------------------------------------

  /**
   * Recovers every cartella of the ente's escrow (docs/RECOVERY.md, "Client flow: recovering"):
   * lists it with `pair` (typed from the printed sheet; the caller wipes it afterwards), opens the
   * copies here, merges each cartella's keys into the keyring (only adding), joins its rooms —
   * following, while this runs, a rotation newer than the copy through the recovery entry of its
   * key boxes — and checks every sealing device against the cartella's roster.
   */
  async recupera(pair: RecoveryKeyPair, now: Date): Promise<
    { readonly ok: true; readonly value: RapportoRecupero } | { readonly ok: false; readonly code: CodiceElenco | 'portachiavi_assente'; readonly message: string }
  > {
    const keyring = this.o.keyring;
    if (!keyring) return { ok: false, code: 'portachiavi_assente', message: MESSAGGI_WORKSPACE.portachiavi_assente };
    const elenco = await elencaCopie(this.client, pair);
    if (!elenco.ok) return elenco;
    const { perCartella, nonApribili, ignorate } = apriCopie(elenco.value, pair, now);
    this.recupero = pair;
    try {
      const aperte: Array<{ aperta: CartellaAperta; copie: CartellaRecuperata['copie']; parti: CartellaRecuperata['parti'] }> = [];
      const cartelle: CartellaRecuperata[] = [];
      for (const [cartellaId, copie] of perCartella) {
        // One deposit lies under each room of the cartella: the same copy is listed once.
        const descritte = [...new Map(copie.map((c) => [`${c.sealedAt}|${c.sealedBy}`, { sealedAt: c.sealedAt, storedAt: c.storedAt, sealedBy: c.sealedBy }])).values()];
        const unite = unisciCopie(copie, this.o.identity, now);
        let entry: CartellaKeys | undefined;
        if (unite.ok) {
          try {
            await keyring.update((d) => {
              const merged = mergeCartellaKeys(d, unite.value);
              if (!merged.ok) throw new KeyringRefusal(merged.code, merged.message);
              return merged.value.data;
            });
            entry = findCartellaKeys(keyring.current(), cartellaId);
          } catch (e) {
            if (!(e instanceof KeyringRefusal)) throw e;
          }
        }
        if (!entry) {
          cartelle.push({ cartellaId, stato: 'conflitto', parti: [], copie: descritte, messaggio: MESSAGGI_RECUPERO.conflitto });
          continue;
        }
        const aperta = this.open.has(cartellaId) ? await this.aggiornaChiavi(entry) : await this.attach(entry);
        aperte.push({ aperta, copie: descritte, parti: entry.prof ? ['admin', 'prof'] : ['admin'] });
      }
      await Promise.all(aperte.flatMap(({ aperta }) => [aperta.admin, aperta.prof].flatMap((r) => (r ? [attendiStanza(r, decisa, this.dispositivo.attesaMs)] : []))));
      for (const { aperta, copie, parti } of aperte) {
        const current = this.open.get(aperta.id) ?? aperta;
        const rooms = [current.admin, current.prof].filter((r) => r !== null);
        const membri = leggiAdmin(current.cartella.admin).vista.membri;
        const nominate = copie.map((c) => {
          const m = membri.find((x) => x.chiave === c.sealedBy);
          return m ? { ...c, nome: m.nome } : c;
        });
        // A rotation followed before the roster was readable: its rotator must be on it, with
        // équipe keys for the prof part (what `decidiRotazione` checks on a device with the roster).
        const rotatori = this.firmatariDaVerificare.get(aperta.id) ?? [];
        this.firmatariDaVerificare.delete(aperta.id);
        const rotatoriIgnoti = rotatori.some(({ firmatario, parte }) => {
          const m = membri.find((x) => x.chiave === firmatario);
          return !m || (parte === 'prof' && livelloChiavi(m.ruolo) !== 'equipe');
        });
        const stato = !rooms.every((r) => r.status.phase === 'live') ? 'non_raggiungibile'
          : nominate.some((c) => c.nome === undefined) || rotatoriIgnoti ? 'da_verificare' : 'recuperata';
        cartelle.push({ cartellaId: aperta.id, stato, parti, copie: nominate, ...(stato === 'recuperata' ? {} : { messaggio: MESSAGGI_RECUPERO[stato] }) });
      }
      return { ok: true, value: { cartelle, nonApribili, ignorate } };
    } finally {
      this.recupero = undefined;
    }
  }

  // ---- history -------------------------------------------------------------------------

  /** The signed history of both parts (crdt/history), from the relay's whole log when joined. */
  async storia(cartellaId: string): Promise<Esito<StoriaCartella>> {
    const a = this.open.get(cartellaId);
    if (!a) return rifiuto('cartella_sconosciuta');
    return { ok: true, value: await storiaDi(a, this.o.store) };
  }

  /** One part's whole log from the relay (every epoch, seq order), then this device's unacknowledged changes. */
  async logCompleto(cartellaId: string, parte: Parte): Promise<Esito<readonly RoomEnvelope[]>> {
    const a = this.open.get(cartellaId);
    if (!a) return rifiuto('cartella_sconosciuta');
    const room = parte === 'admin' ? a.admin : a.prof;
    if (!room) return { ok: false, code: 'parte_professionale_assente', message: 'La parte professionale non è su questo dispositivo.' };
    return logCompleto(room, this.o.store);
  }

  /** The device's one relay connection, for desks that speak over it (blob tickets, escrow). */
  connection(): Pick<SyncClient, 'addFrameListener' | 'sendFrame' | 'state'> {
    return this.client;
  }

  // ---- status --------------------------------------------------------------------------

  status(): WorkspaceStatus {
    let pending = 0;
    let refused = 0;
    let revoked = 0;
    let untrusted = 0;
    let lastSyncedAt: number | undefined = Infinity;
    for (const c of this.open.values()) {
      for (const room of [c.admin, c.prof]) {
        if (!room) continue;
        const s = room.status;
        pending += s.pending;
        if (s.phase === 'refused') refused++;
        if (s.phase === 'revoked') revoked++;
        if (s.phase === 'untrusted-rotation') untrusted++;
        lastSyncedAt = s.lastSyncedAt === undefined || lastSyncedAt === undefined ? undefined : Math.min(lastSyncedAt, s.lastSyncedAt);
      }
    }
    return {
      connection: this.client.state,
      pending,
      lastSyncedAt: lastSyncedAt === Infinity ? undefined : lastSyncedAt,
      refused,
      revoked,
      untrusted,
      problems: [...this.problems],
    };
  }

  /** Calls `listener` after any change of sync state; returns its removal. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Seals every pending edit into the local store (call on page hide). */
  flush(): Promise<void> {
    return this.client.flush();
  }

  /** Runs `teardown` first when the workspace closes (desks speaking over its connection: attachments, deposits). */
  onClose(teardown: () => Promise<void> | void): void {
    this.teardowns.push(teardown);
  }

  async close(): Promise<void> {
    this.cura.chiudi();
    for (const teardown of this.teardowns.splice(0)) {
      try { await teardown(); } catch (e) { this.problem('chiusura', String(e)); }
    }
    await this.client.close();
    for (const c of this.open.values()) {
      c.cartella.admin.destroy();
      c.cartella.prof?.destroy();
    }
    this.open.clear();
  }

  // ---- internals -----------------------------------------------------------------------

  private async attach(keys: CartellaKeys, logs?: ReadonlyMap<RoomKey, RoomLog>): Promise<CartellaAperta> {
    const id = keys.cartellaId;
    const admin = new Y.Doc({ guid: `${id}.admin` });
    const prof = keys.prof ? new Y.Doc({ guid: `${id}.prof` }) : null;
    const adminRoom = await this.joinRoom(admin, keys.admin, id, 'admin', logs);
    const profRoom = prof && keys.prof ? await this.joinRoom(prof, keys.prof, id, 'prof', logs) : null;
    const aperta: CartellaAperta = { id: id as CartellaId, keys, cartella: { admin, prof }, admin: adminRoom, prof: profRoom };
    this.open.set(id, aperta);
    // The roster lives in the admin document: a change may make a rotation trustworthy, or show
    // a hand-over to accept; the first sync shows whether this device's entry lacks its box key.
    admin.on('update', () => this.programmaCura(id));
    adminRoom.subscribe((e) => { if (e.type === 'status' && e.status.phase === 'live') this.programmaCura(id); });
    this.changed();
    return aperta;
  }

  /** Adds keys received for a cartella already open: more epochs, or the prof part it lacked. */
  private async aggiornaChiavi(entry: CartellaKeys): Promise<CartellaAperta> {
    const a = this.open.get(entry.cartellaId);
    if (!a) throw new Error('aggiornaChiavi: the cartella is not open');
    const subkeys = (p: PartKeyRecord): Array<{ epoch: number; subkeys: PartSubkeys }> => p.keys.map((k) => ({ epoch: k.epoch, subkeys: derivePartSubkeys(k.key) }));
    a.admin.addEpochKeys(subkeys(entry.admin));
    let next: CartellaAperta = { ...a, keys: entry };
    if (a.prof && entry.prof) a.prof.addEpochKeys(subkeys(entry.prof));
    else if (!a.prof && entry.prof) {
      const doc = new Y.Doc({ guid: `${entry.cartellaId}.prof` });
      const room = await this.joinRoom(doc, entry.prof, entry.cartellaId, 'prof');
      next = { ...next, cartella: { admin: a.cartella.admin, prof: doc }, prof: room };
    }
    this.open.set(entry.cartellaId, next);
    this.changed();
    return next;
  }

  private joinRoom(doc: Y.Doc, record: PartKeyRecord, cartellaId: string, parte: Parte, logs?: ReadonlyMap<RoomKey, RoomLog>): Promise<RoomSync> {
    const subkeys = new Map<number, PartSubkeys>();
    for (const { epoch, key } of record.keys) subkeys.set(epoch, derivePartSubkeys(key));
    return this.client.addRoom({
      ...this.o.sync,
      doc,
      keys: { roomId: record.roomId, epoch: record.currentEpoch, subkeysForEpoch: (e) => subkeys.get(e) },
      author: this.o.identity,
      store: this.o.store,
      onRotation: (r) => this.seguiRotazione(cartellaId, parte, r),
      onEvent: (event) => {
        if (event.type === 'problem') this.problem(event.code, event.message);
        else this.changed();
      },
    }, logs?.get(roomIdToBase64Url(record.roomId) as RoomKey));
  }

  /** A colleague rotated a room of ours: follow it if we trust it and hold a box, saving the key first. */
  private async seguiRotazione(cartellaId: string, parte: Parte, record: RotationRecord): Promise<RotationDecision> {
    const a = this.open.get(cartellaId);
    if (!a) throw new Error(`rotation for a cartella that is not open: ${cartellaId}`);
    if (!this.o.keyring) return { kind: 'untrusted', code: 'portachiavi_assente', message: 'Il portachiavi non è disponibile: la nuova chiave non può essere salvata.' };
    const verdetto = decidiRotazione({
      record, parte, identity: this.o.identity, admin: a.cartella.admin, now: this.now(), ...(this.recupero ? { recupero: this.recupero } : {}),
    });
    if (verdetto.kind !== 'adopt') return verdetto;
    if (verdetto.daVerificare) {
      const list = this.firmatariDaVerificare.get(cartellaId) ?? [];
      list.push({ firmatario: verdetto.firmatario, parte });
      this.firmatariDaVerificare.set(cartellaId, list);
    }
    await this.salvaChiave(cartellaId, parte, record.toEpoch, verdetto.key);
    const room = parte === 'admin' ? a.admin : a.prof;
    if (room) this.rotazioni.set(room, { toEpoch: record.toEpoch, destinatari: verdetto.destinatari });
    return { kind: 'adopt', key: verdetto.key };
  }

  private async salvaChiave(cartellaId: string, parte: Parte, epoch: number, key: Uint8Array): Promise<void> {
    if (!this.o.keyring) throw new Error('no keyring to save the key in');
    const entry = await saveEpochKey(this.o.keyring, cartellaId, parte, epoch, key);
    const a = this.open.get(cartellaId);
    if (a) this.open.set(cartellaId, { ...a, keys: entry });
    this.changed();
  }

  /**
   * Looks at the roster once the current change is over (never inside a Yjs update event), once
   * per cartella however many updates asked, and not before `inizioCura` (codaCura.ts).
   */
  private programmaCura(id: string): void {
    this.cura.aggiungi(id);
  }

  private curaCartella(id: string): void {
    const a = this.open.get(id);
    if (!a) return;
    a.admin.retryRotation();
    a.prof?.retryRotation();
    if (a.admin.status.phase !== 'live') return;
    const accetta = this.daAccettare.has(id);
    if (!accetta && this.registroCurato.has(id)) return;
    if (!registroDaCurare(a, this.autore, this.o.identity.boxPublicKey)) {
      this.registroCurato.add(id);
      this.daAccettare.delete(id);
      return;
    }
    const r = curaRegistro(this.dispositivo, a, accetta, this.now());
    if (!r.ok) return this.problem(r.code, r.message);
    if (r.value === 'accettata') this.daAccettare.delete(id);
    if (!this.daAccettare.has(id)) this.registroCurato.add(id);
  }

  private now(): Date {
    return this.o.clock?.() ?? new Date();
  }

  private problem(code: string, message: string): void {
    this.problems.push({ code, message, at: Date.now() });
    if (this.problems.length > MAX_PROBLEMS) this.problems.shift();
    this.changed();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/**
 * @module crdt/workspace/depositi
 * Continuity (docs/RECOVERY.md, "Client flow: depositing"): every device seals each cartella's
 * keys to the ente's recovery public key (`sealToRecovery`, CRTRECV1) and deposits the blob on
 * the relay's escrow under every room of the cartella it is joined to with the current key. The
 * relay keeps one blob per (room, mailbox) and cannot open it. A local record per cartella (the
 * fingerprint of the rooms and epochs deposited, the relay's `storedAt`) says when a deposit is
 * due again: new cartella, new keys, new recovery key, or 30 days. It holds no secret and lives
 * in the device store, not in the keyring. Nothing here reads a document.
 */
import {
  envelopeId, escrowMailbox, sealToRecovery, toHex, blake2b,
  type CartellaKeys, type DeviceIdentity, type PartKeyRecord,
} from '../../crypto';
import { errorCodeName, type Frame } from '../wire';
import type { CartellaAperta } from './types';
import type { Parte } from './keyringPort';

/** What the device remembers of its last deposit of one cartella. */
export interface EscrowRecord {
  /** `escrowFingerprint` of the keys deposited. */
  readonly fingerprint: string;
  /** Hex of the mailbox (which recovery key) deposited to. */
  readonly mailbox: string;
  /** The relay's `storedAt` (ms), the latest of the rooms' answers. */
  readonly storedAt: number;
}

/** The device-local store of escrow records (IndexedDB in the PWA; memory in tests). */
export interface EscrowRecords {
  load(): Promise<ReadonlyMap<string, EscrowRecord>>;
  save(records: ReadonlyMap<string, EscrowRecord>): Promise<void>;
}

/** A deposit older than this is made again (heals a blob replaced by a careless or hostile member). */
export const ESCROW_REFRESH_MS = 30 * 24 * 3600 * 1000;
/** Cartelle whose deposit is in flight at once (two frames each for an équipe device). */
const IN_FLIGHT = 8;
/** No answer in this time: the deposit is dropped and tried again later. */
const ANSWER_TIMEOUT_MS = 30_000;
const RETRY_MIN_MS = 1_000;
const RETRY_MAX_MS = 5 * 60_000;
/** How often the due rule is looked at even when nothing changed (the 30-day refresh). */
const RESCAN_MS = 60 * 60_000;

/**
 * BLAKE2b-128 (hex) of the sorted (part, room, epoch) list of what the device holds, keys
 * excluded: it changes when an epoch or a part is added, never otherwise.
 */
export function escrowFingerprint(keys: CartellaKeys): string {
  const lines: string[] = [];
  const add = (parte: Parte, part: PartKeyRecord | undefined): void => {
    if (!part) return;
    for (const k of part.keys) lines.push(`${parte}:${toHex(part.roomId)}:${k.epoch}`);
    lines.push(`${parte}:${toHex(part.roomId)}:current:${part.currentEpoch}`);
  };
  add('admin', keys.admin);
  add('prof', keys.prof);
  lines.sort();
  return toHex(blake2b(16, new TextEncoder().encode(`cartella-escrow-fingerprint-v1\n${lines.join('\n')}`)));
}

/** What the settings screen shows about continuity. */
export interface StatoDepositi {
  /** A recovery public key is configured on this device. */
  readonly configurato: boolean;
  /** Cartelle on the device. */
  readonly totale: number;
  /** Cartelle whose current keys are deposited to the current recovery key (within 30 days). */
  readonly depositate: number;
  /** The oldest `storedAt` among the deposited, if any. */
  readonly menoRecente: number | undefined;
  /** The escrow is full on the relay (`escrow_full`): the operator must look. */
  readonly pieno: boolean;
}

export interface DepositiOptions {
  readonly workspace: {
    cartelle(): CartellaAperta[];
    subscribe(listener: () => void): () => void;
    connection(): { addFrameListener(l: (f: Frame) => boolean): () => void; sendFrame(f: Frame): boolean; readonly state: string };
  };
  readonly identity: DeviceIdentity;
  /** The configured recovery public key (read at every scan: configuring it starts deposits). */
  readonly recoveryPublicKey: () => Uint8Array | undefined;
  readonly records: EscrowRecords;
  /** ms since the Unix epoch; default Date.now. */
  readonly now?: () => number;
  /** The first look waits this long (ms), so a cold start is not slowed down; default 2,000. */
  readonly startDelayMs?: number;
  /** Quiet time after a change before looking again (ms); default 500. */
  readonly debounceMs?: number;
  readonly onProblem?: (code: string, message: string) => void;
  /** Called after a change of `stato()`. */
  readonly onChange?: () => void;
}

interface InFlight {
  readonly cartellaId: string;
  readonly fingerprint: string;
  readonly mailbox: string;
  /** Room (hex) → still waiting for its answer. */
  readonly waiting: Set<string>;
  storedAt: number;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The device's depositor: start it once the workspace is open, close it with the workspace. */
export class DepositiRecupero {
  readonly #o: DepositiOptions;
  #records = new Map<string, EscrowRecord>();
  /** blobId (hex) → the deposit in flight. */
  readonly #inFlight = new Map<string, InFlight>();
  /** cartellaId → not before (ms): after a refusal to retry later. */
  readonly #retryAt = new Map<string, { at: number; attempts: number }>();
  /** Mailboxes the relay said are full: not retried until the app restarts. */
  readonly #full = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #rescan: ReturnType<typeof setInterval> | undefined;
  #saveQueued = false;
  #closed = false;
  readonly #off: Array<() => void> = [];
  #wasOpen = false;
  /** Fingerprints by keys object (a new object whenever the keys change): scans stay cheap. */
  readonly #fingerprints = new WeakMap<CartellaKeys, string>();

  private constructor(o: DepositiOptions) {
    this.#o = o;
  }

  static async start(o: DepositiOptions): Promise<DepositiRecupero> {
    const d = new DepositiRecupero(o);
    d.#records = new Map(await o.records.load());
    const conn = o.workspace.connection();
    d.#off.push(conn.addFrameListener((f) => d.#receive(f)));
    d.#off.push(o.workspace.subscribe(() => d.#onWorkspaceChange()));
    d.#rescan = setInterval(() => d.nudge(), RESCAN_MS);
    d.#schedule(o.startDelayMs ?? 2_000);
    return d;
  }

  /** Looks again soon (call after the recovery key was configured or changed). */
  nudge(): void {
    this.#schedule(this.#o.debounceMs ?? 500);
  }

  stato(): StatoDepositi {
    const rk = this.#o.recoveryPublicKey();
    const cartelle = this.#o.workspace.cartelle();
    if (!rk) return { configurato: false, totale: cartelle.length, depositate: 0, menoRecente: undefined, pieno: false };
    const mailbox = toHex(escrowMailbox(rk));
    const now = this.#now();
    let depositate = 0;
    let menoRecente: number | undefined;
    for (const a of cartelle) {
      const r = this.#records.get(a.id);
      if (r && !this.#due(r, a.keys, mailbox, now)) {
        depositate++;
        menoRecente = menoRecente === undefined ? r.storedAt : Math.min(menoRecente, r.storedAt);
      }
    }
    return { configurato: true, totale: cartelle.length, depositate, menoRecente, pieno: this.#full.has(mailbox) };
  }

  /** The record of one cartella's last deposit (for its "Équipe e chiavi" section). */
  record(cartellaId: string): EscrowRecord | undefined {
    return this.#records.get(cartellaId);
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearInterval(this.#rescan);
    for (const p of this.#inFlight.values()) clearTimeout(p.timer);
    this.#inFlight.clear();
    for (const off of this.#off) off();
  }

  // ---- internals -----------------------------------------------------------------------

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }

  #due(r: EscrowRecord | undefined, keys: CartellaKeys, mailbox: string, now: number): boolean {
    return r === undefined || r.mailbox !== mailbox || r.fingerprint !== this.#fingerprint(keys) || now - r.storedAt > ESCROW_REFRESH_MS;
  }

  #fingerprint(keys: CartellaKeys): string {
    let f = this.#fingerprints.get(keys);
    if (f === undefined) {
      f = escrowFingerprint(keys);
      this.#fingerprints.set(keys, f);
    }
    return f;
  }

  #onWorkspaceChange(): void {
    const open = this.#o.workspace.connection().state === 'open';
    if (!open && this.#wasOpen) this.#dropAll();
    this.#wasOpen = open;
    this.nudge();
  }

  #schedule(ms: number): void {
    if (this.#closed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#scan(), ms);
  }

  /** The answers of a lost connection never come: forget what was in flight. */
  #dropAll(): void {
    for (const p of this.#inFlight.values()) clearTimeout(p.timer);
    this.#inFlight.clear();
  }

  #scan(): void {
    if (this.#closed) return;
    const rk = this.#o.recoveryPublicKey();
    const conn = this.#o.workspace.connection();
    if (!rk || conn.state !== 'open') return;
    const mailboxBytes = escrowMailbox(rk);
    const mailbox = toHex(mailboxBytes);
    if (this.#full.has(mailbox)) return;
    const now = this.#now();
    const busy = new Set([...this.#inFlight.values()].map((p) => p.cartellaId));
    let nextRetry = Infinity;
    for (const a of this.#o.workspace.cartelle()) {
      if (this.#inFlight.size >= IN_FLIGHT) break;
      if (busy.has(a.id) || !this.#due(this.#records.get(a.id), a.keys, mailbox, now)) continue;
      const retry = this.#retryAt.get(a.id);
      if (retry && retry.at > now) { nextRetry = Math.min(nextRetry, retry.at); continue; }
      const rooms = joinedRooms(a);
      if (rooms === undefined) continue;
      this.#deposit(a, rk, mailboxBytes, mailbox, rooms, now);
    }
    if (nextRetry !== Infinity) this.#schedule(nextRetry - now);
  }

  #deposit(a: CartellaAperta, rk: Uint8Array, mailboxBytes: Uint8Array, mailbox: string, rooms: readonly Uint8Array[], now: number): void {
    const blob = sealToRecovery(rk, a.keys, this.#o.identity, now);
    const id = toHex(envelopeId(blob));
    const conn = this.#o.workspace.connection();
    const timer = setTimeout(() => this.#fail(id, 'timeout'), ANSWER_TIMEOUT_MS);
    this.#inFlight.set(id, { cartellaId: a.id, fingerprint: this.#fingerprint(a.keys), mailbox, waiting: new Set(rooms.map(toHex)), storedAt: 0, timer });
    for (const room of rooms) {
      if (!conn.sendFrame({ type: 'escrow', room, mailbox: mailboxBytes, blob })) return this.#fail(id, 'offline');
    }
  }

  #receive(frame: Frame): boolean {
    if (frame.type === 'escrowed') {
      const id = toHex(frame.blobId);
      const p = this.#inFlight.get(id);
      if (!p || !p.waiting.delete(toHex(frame.room))) return false;
      p.storedAt = Math.max(p.storedAt, frame.storedAt);
      if (p.waiting.size === 0) {
        clearTimeout(p.timer);
        this.#inFlight.delete(id);
        this.#retryAt.delete(p.cartellaId);
        this.#records.set(p.cartellaId, { fingerprint: p.fingerprint, mailbox: p.mailbox, storedAt: p.storedAt });
        this.#save();
        this.#o.onChange?.();
        this.nudge();
      }
      return true;
    }
    if (frame.type === 'error') {
      const id = toHex(frame.envelopeId);
      if (!this.#inFlight.has(id)) return false;
      this.#fail(id, errorCodeName(frame.code) ?? `error_${frame.code}`, frame.message);
      return true;
    }
    return false;
  }

  /** A room refused (or never answered) the deposit: decide when to try again. */
  #fail(id: string, code: string, message = ''): void {
    const p = this.#inFlight.get(id);
    if (!p) return;
    clearTimeout(p.timer);
    this.#inFlight.delete(id);
    if (code === 'escrow_full') {
      this.#full.add(p.mailbox);
      this.#o.onProblem?.('escrow_full', 'Il server non accetta altre copie di recupero per questo ente: avvisa il referente informatico.');
      this.#o.onChange?.();
      return;
    }
    // Not joined (yet), or the room moved on: the next status change (synced, new key) brings it back.
    if (code === 'not_authenticated' || code === 'key_rotated' || code === 'offline') return;
    const prev = this.#retryAt.get(p.cartellaId)?.attempts ?? 0;
    const wait = Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** prev);
    this.#retryAt.set(p.cartellaId, { at: this.#now() + wait, attempts: prev + 1 });
    if (code !== 'rate_limited' && code !== 'shutting_down' && code !== 'timeout') {
      this.#o.onProblem?.(code, `La copia di recupero di una cartella non è stata depositata (${message || code}): si riprova più tardi.`);
    }
    this.#schedule(wait);
  }

  #save(): void {
    if (this.#saveQueued) return;
    this.#saveQueued = true;
    setTimeout(() => {
      this.#saveQueued = false;
      this.#o.records.save(new Map(this.#records)).catch((e: unknown) => {
        this.#o.onProblem?.('escrow_record', `Il registro delle copie di recupero non è stato salvato: ${String(e)}`);
      });
    }, 200);
  }
}

/**
 * The rooms of a cartella to deposit under, or undefined while one of the parts this device
 * holds is not joined with its current key (the deposit waits for both: one blob, same bytes).
 */
function joinedRooms(a: CartellaAperta): Uint8Array[] | undefined {
  const rooms: Uint8Array[] = [];
  const parts: Array<[CartellaAperta['admin'] | null, PartKeyRecord | undefined]> = [[a.admin, a.keys.admin], [a.prof, a.keys.prof]];
  for (const [room, record] of parts) {
    if (!room || !record) continue;
    if (room.status.phase !== 'live' || room.status.epoch !== record.currentEpoch) return undefined;
    rooms.push(room.roomBytes);
  }
  return rooms;
}

/** Escrow records in memory (tests, and a device without storage). */
export function memoryEscrowRecords(initial: ReadonlyMap<string, EscrowRecord> = new Map()): EscrowRecords & { saved: number } {
  let held = new Map(initial);
  const store = {
    saved: 0,
    load: () => Promise.resolve(new Map(held)),
    save: (records: ReadonlyMap<string, EscrowRecord>) => {
      held = new Map(records);
      store.saved++;
      return Promise.resolve();
    },
  };
  return store;
}

/**
 * The one validating parse of the stored records (device-local JSON): anything malformed is
 * dropped (the cartella is then simply deposited again), never thrown.
 */
export function parseEscrowRecords(text: unknown): Map<string, EscrowRecord> {
  const out = new Map<string, EscrowRecord>();
  if (typeof text !== 'string') return out;
  let raw: unknown;
  try { raw = JSON.parse(text); } catch { return out; }
  if (typeof raw !== 'object' || raw === null || (raw as { v?: unknown }).v !== 1) return out;
  const records = (raw as { records?: unknown }).records;
  if (typeof records !== 'object' || records === null) return out;
  for (const [id, r] of Object.entries(records)) {
    if (typeof r !== 'object' || r === null) continue;
    const { fingerprint, mailbox, storedAt } = r as Record<string, unknown>;
    if (typeof fingerprint === 'string' && /^[0-9a-f]{32}$/.test(fingerprint) && typeof mailbox === 'string' && /^[0-9a-f]{64}$/.test(mailbox) &&
        typeof storedAt === 'number' && Number.isSafeInteger(storedAt) && storedAt >= 0) {
      out.set(id, { fingerprint, mailbox, storedAt });
    }
  }
  return out;
}

/** The stored form of the records (see `parseEscrowRecords`). */
export function serializeEscrowRecords(records: ReadonlyMap<string, EscrowRecord>): string {
  return JSON.stringify({ v: 1, records: Object.fromEntries(records) });
}

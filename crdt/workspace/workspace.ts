/**
 * @module crdt/workspace/workspace
 * Everything a device holds: the cartelle whose keys are in the worker's keyring, each as
 * its two Y.Docs (`admin`, and `prof` when this device holds the professional key) kept in
 * sync by one `SyncClient` over one transport, with the local envelope store. The PWA and the
 * tests drive cartelle through this and the model's operations; the UI holds no logic of
 * its own.
 */
import * as Y from 'yjs';
import {
  derivePartSubkeys, generatePartKey, generateRoomId, roomIdToBase64Url, toBase64Url,
  type CartellaKeys, type DeviceIdentity, type PartKeyRecord, type PartSubkeys,
} from '../../crypto';
import { creaCartella, comeAuthorKey, type AuthorKey, type Cartella, type CartellaId, type CreaCartellaInput, type Risultato } from '../model';
import type { EnvelopeStore, Transport, TransportState } from '../sync/ports';
import type { RoomSync, RoomSyncOptions } from '../sync/roomSync';
import { SyncClient } from '../sync/syncClient';

/** Engine settings a workspace passes to every room. */
export type WorkspaceSyncSettings = Partial<Pick<RoomSyncOptions, 'snapshotEvery' | 'batchIntervalMs' | 'offlineBatchMs' | 'maxEnvelopeBytes'>>;

export interface WorkspaceOptions {
  readonly identity: DeviceIdentity;
  /** The cartelle of the keyring. */
  readonly cartelle: readonly CartellaKeys[];
  readonly store: EnvelopeStore;
  readonly transport: Transport;
  /** Persists a new cartella's keys (into the keyring) before anything is sealed with them. */
  readonly saveKeys: (entry: CartellaKeys) => Promise<void>;
  readonly sync?: WorkspaceSyncSettings;
}

/** One cartella open on this device. */
export interface CartellaAperta {
  readonly id: CartellaId;
  readonly keys: CartellaKeys;
  readonly cartella: Cartella;
  readonly admin: RoomSync;
  /** Null on an administrative worker's device: it never holds the professional key. */
  readonly prof: RoomSync | null;
}

/** The device's sync state, summed over every room. */
export interface WorkspaceStatus {
  readonly connection: TransportState;
  /** Changes made here and not yet acknowledged by the relay. */
  readonly pending: number;
  /** The oldest "last synced" over the rooms (undefined until every room synced once). */
  readonly lastSyncedAt: number | undefined;
  /** Rooms the relay refused (wrong key or a room that does not exist). */
  readonly refused: number;
  readonly problems: ReadonlyArray<{ code: string; message: string; at: number }>;
}

const MAX_PROBLEMS = 50;

export class Workspace {
  /** The roster key of this device (base64url of its Ed25519 public key). */
  readonly autore: AuthorKey;
  private readonly open = new Map<string, CartellaAperta>();
  private readonly listeners = new Set<() => void>();
  private readonly problems: Array<{ code: string; message: string; at: number }> = [];
  private readonly client: SyncClient;

  private constructor(private readonly o: WorkspaceOptions) {
    const autore = comeAuthorKey(toBase64Url(o.identity.signPublicKey));
    if (!autore) throw new Error('identity public key is not a valid author key');
    this.autore = autore;
    this.client = new SyncClient({
      transport: o.transport,
      onProblem: (code, message) => this.problem(code, message),
      onState: () => this.changed(),
    });
  }

  /** Opens every cartella of the keyring from the local store and starts syncing them. */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const ws = new Workspace(options);
    for (const keys of options.cartelle) await ws.attach(keys);
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
   * then writes its first facts through the model. Input is validated before any key exists.
   */
  async nuovaCartella(input: Omit<CreaCartellaInput, 'id'>, now: Date): Promise<Risultato<CartellaAperta>> {
    const adminRoom = generateRoomId();
    const id = roomIdToBase64Url(adminRoom);
    const ctx = { autore: this.autore, now };
    const dryRun = creaCartella({ ...input, id }, ctx, { admin: new Y.Doc(), prof: new Y.Doc() });
    if (!dryRun.ok) return dryRun;
    const part = (roomId = generateRoomId()): PartKeyRecord => ({ roomId, currentEpoch: 1, keys: [{ epoch: 1, key: generatePartKey() }] });
    const keys: CartellaKeys = { cartellaId: id, admin: part(adminRoom), prof: part(), addedAt: now.toISOString() };
    await this.o.saveKeys(keys);
    const aperta = await this.attach(keys);
    const created = creaCartella({ ...input, id }, ctx, aperta.cartella);
    if (!created.ok) return created;
    return { ok: true, value: aperta };
  }

  /** Joins a cartella whose keys arrived on this device (hand-over) and saves them. */
  async aggiungiCartella(keys: CartellaKeys): Promise<CartellaAperta> {
    const existing = this.open.get(keys.cartellaId);
    if (existing) return existing;
    await this.o.saveKeys(keys);
    return this.attach(keys);
  }

  status(): WorkspaceStatus {
    let pending = 0;
    let refused = 0;
    let lastSyncedAt: number | undefined = Infinity;
    for (const c of this.open.values()) {
      for (const room of [c.admin, c.prof]) {
        if (!room) continue;
        const s = room.status;
        pending += s.pending;
        if (s.phase === 'refused') refused++;
        lastSyncedAt = s.lastSyncedAt === undefined || lastSyncedAt === undefined ? undefined : Math.min(lastSyncedAt, s.lastSyncedAt);
      }
    }
    return {
      connection: this.client.state,
      pending,
      lastSyncedAt: lastSyncedAt === Infinity ? undefined : lastSyncedAt,
      refused,
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

  async close(): Promise<void> {
    await this.client.close();
    for (const c of this.open.values()) {
      c.cartella.admin.destroy();
      c.cartella.prof?.destroy();
    }
    this.open.clear();
  }

  private async attach(keys: CartellaKeys): Promise<CartellaAperta> {
    const admin = new Y.Doc({ guid: `${keys.cartellaId}.admin` });
    const prof = keys.prof ? new Y.Doc({ guid: `${keys.cartellaId}.prof` }) : null;
    const adminRoom = await this.joinRoom(admin, keys.admin);
    const profRoom = prof && keys.prof ? await this.joinRoom(prof, keys.prof) : null;
    const aperta: CartellaAperta = {
      id: keys.cartellaId as CartellaId, keys, cartella: { admin, prof }, admin: adminRoom, prof: profRoom,
    };
    this.open.set(keys.cartellaId, aperta);
    this.changed();
    return aperta;
  }

  private joinRoom(doc: Y.Doc, record: PartKeyRecord): Promise<RoomSync> {
    const subkeys = new Map<number, PartSubkeys>();
    for (const { epoch, key } of record.keys) subkeys.set(epoch, derivePartSubkeys(key));
    return this.client.addRoom({
      ...this.o.sync,
      doc,
      keys: { roomId: record.roomId, epoch: record.currentEpoch, subkeysForEpoch: (e) => subkeys.get(e) },
      author: this.o.identity,
      store: this.o.store,
      onEvent: (event) => {
        if (event.type === 'problem') this.problem(event.code, event.message);
        else this.changed();
      },
    });
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

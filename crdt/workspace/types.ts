/**
 * @module crdt/workspace/types
 * The workspace's vocabulary, shared by the workspace and its key operations (revocation,
 * hand-over, history): what the app passes in, what a cartella open on the device is, the
 * sync state, and the device-side services the operations use (`Dispositivo`).
 */
import type { CartellaKeys, DeviceIdentity } from '../../crypto';
import type { AuthorKey, Cartella, CartellaId } from '../model';
import type { EnvelopeStore, Transport, TransportState } from '../sync/ports';
import type { RoomPhase, RoomSync, RoomSyncOptions } from '../sync/roomSync';
import type { Parte, WorkspaceKeyring } from './keyringPort';

/** Engine settings a workspace passes to every room. */
export type WorkspaceSyncSettings = Partial<Pick<RoomSyncOptions, 'snapshotEvery' | 'batchIntervalMs' | 'offlineBatchMs' | 'maxEnvelopeBytes' | 'idleSnapshotMs'>>;

export interface WorkspaceOptions {
  readonly identity: DeviceIdentity;
  /** The cartelle of the keyring. */
  readonly cartelle: readonly CartellaKeys[];
  readonly store: EnvelopeStore;
  readonly transport: Transport;
  /**
   * Persists a new cartella's keys (into the keyring) before anything is sealed with them.
   * Optional when `keyring` is given (then `addCartellaKeys` through `keyring.update`).
   */
  readonly saveKeys?: (entry: CartellaKeys) => Promise<void>;
  /**
   * The device keyring: needed to follow rotations (a new key is merged and written before it
   * is used), to revoke, to hand over (`condividi`) and to receive (`ricevi`). Without it a
   * rotation of a room stops that room (`chiavi_non_attendibili`).
   */
  readonly keyring?: WorkspaceKeyring;
  readonly sync?: WorkspaceSyncSettings;
  /** How long a key operation waits for the relay (join, rotation answer, records); default 30 s. */
  readonly attesaMs?: number;
  /** The clock for decisions taken in the background (following a rotation); default `new Date()`. */
  readonly clock?: () => Date;
  /**
   * The roster upkeep (retrying an untrusted rotation, accepting a hand-over, registering this
   * device's box key) waits for this promise, then runs once per cartella that asked, in slices
   * (codaCura.ts). The PWA resolves it once the list of cartelle is shown, so a cold start's 500
   * roster reads do not delay it. Default: the upkeep runs at once.
   */
  readonly inizioCura?: Promise<unknown>;
}

/** One cartella open on this device. */
export interface CartellaAperta {
  readonly id: CartellaId;
  /** The keys as in the keyring (a new object after a rotation or a hand-over adds keys). */
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
  /** Rooms this device was removed from by a rotation (no key for it). */
  readonly revoked: number;
  /** Rooms rotated by someone this device does not trust (not followed). */
  readonly untrusted: number;
  readonly problems: ReadonlyArray<{ code: string; message: string; at: number }>;
}

/** What this device may still do with one part of a cartella. */
export type StatoParte =
  /** Syncing (or will be when the connection returns). */
  | 'attiva'
  /** A rotation gave this device no key: read-only, nothing new arrives or leaves. */
  | 'revocata'
  /** Rotated by someone not (or no longer) in the équipe on this device's roster: not followed, read-only. */
  | 'non_attendibile'
  /** The relay refused the key (a room that does not exist, a key it never had). */
  | 'rifiutata';

/** Access of this device to a cartella, for the screens (docs/ROTATION.md, "What the UI says"). */
export interface AccessoCartella {
  readonly admin: StatoParte;
  /** Null when this device never held the prof part (amministrativo). */
  readonly prof: StatoParte | null;
  /** Some part is `revocata` or `non_attendibile`: the cartella is shown as it was, and not edited. */
  readonly solaLettura: boolean;
  /** Italian sentence for a banner, when not everything is `attiva`. */
  readonly messaggio?: string;
}

/** Maps an engine phase to what the screens say. */
export function statoParte(phase: RoomPhase): StatoParte {
  if (phase === 'revoked') return 'revocata';
  if (phase === 'untrusted-rotation') return 'non_attendibile';
  if (phase === 'refused') return 'rifiutata';
  return 'attiva';
}

/** The roster keys that a known rotation sealed the room's current key to. */
export interface RotazioneNota {
  readonly toEpoch: number;
  readonly destinatari: ReadonlySet<string>;
}

/** The device-side services the key operations use (implemented by `Workspace`). */
export interface Dispositivo {
  readonly identity: DeviceIdentity;
  readonly autore: AuthorKey;
  readonly keyring: WorkspaceKeyring | undefined;
  readonly attesaMs: number;
  aperta(id: string): CartellaAperta | undefined;
  /** The last rotation of this room this device knows the recipients of. */
  rotazioneNota(room: RoomSync): RotazioneNota | undefined;
  notaRotazione(room: RoomSync, nota: RotazioneNota): void;
  /** Saves a part's new epoch key in the keyring (durably) and updates the open cartella's keys. */
  salvaChiave(cartellaId: string, parte: Parte, epoch: number, key: Uint8Array): Promise<void>;
  problem(code: string, message: string): void;
}


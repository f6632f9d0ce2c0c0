/**
 * @module crdt/history/testkit/cartellaFirmata
 * Test support: a cartella whose every change is sealed for real into the envelopes of its
 * two rooms, signed by whoever acts — the relay log a device would fetch, built without a
 * relay. Not exported; tests and measurements only.
 */
import * as Y from 'yjs';
import {
  derivePartSubkeys, generateDeviceIdentity, generatePartKey, generateRoomId, randomBytes, sealEnvelope, toBase64Url,
  type DeviceIdentity, type PartSubkeys, type RoomId, type SnapshotHeader,
} from '../../../crypto';
import { comeAuthorKey, type AuthorKey, type Cartella } from '../../model';
import { frameUpdate } from '../../sync/updateFraming';
import type { RoomEnvelope } from '../types';

/** A worker's device: its identity and its author key as the model names it. */
export interface Persona {
  readonly identity: DeviceIdentity;
  readonly chiave: AuthorKey;
}

/** A fresh device identity. Call after initSodium. */
export function nuovaPersona(): Persona {
  const identity = generateDeviceIdentity();
  return { identity, chiave: comeAuthorKey(toBase64Url(identity.signPublicKey)) as AuthorKey };
}

/** One room: its id, key and relay log. */
export class StanzaFirmata {
  readonly roomId: RoomId = generateRoomId();
  readonly subkeys: PartSubkeys = derivePartSubkeys(generatePartKey());
  readonly log: RoomEnvelope[] = [];
  private readonly clocks = new Map<string, number>();
  private seq = 0;

  /** The subkeys the history needs (one epoch). */
  readonly subkeysForEpoch = (epoch: number): PartSubkeys | undefined => (epoch === 1 ? this.subkeys : undefined);

  /** Seals `plaintext` as `chi`'s next update envelope and appends it to the log (given a seq). */
  append(chi: Persona, plaintext: Uint8Array, subkeys: PartSubkeys = this.subkeys): Uint8Array {
    const clock = (this.clocks.get(chi.chiave) ?? 0) + 1;
    this.clocks.set(chi.chiave, clock);
    const bytes = sealEnvelope({ kind: 'update', roomId: this.roomId, epoch: 1, clock, author: chi.identity, subkeys, plaintext });
    this.log.push({ seq: ++this.seq, bytes });
    return bytes;
  }

  /** Seals a Yjs update the way the engine frames it (one or several envelopes). */
  update(chi: Persona, update: Uint8Array, maxPart?: number): void {
    for (const part of frameUpdate(update, maxPart)) this.append(chi, part);
  }

  /** A snapshot envelope of `doc` by `chi`, covering the log so far (not appended: snapshots take no seq). */
  snapshot(chi: Persona, doc: Y.Doc): Uint8Array {
    const header: SnapshotHeader = { id: randomBytes(16), parent: new Uint8Array(16), covers: this.seq, coveredClocks: [] };
    return sealEnvelope({ kind: 'snapshot', roomId: this.roomId, epoch: 1, clock: 0, snapshot: header, author: chi.identity, subkeys: this.subkeys, plaintext: Y.encodeStateAsUpdate(doc) });
  }
}

/**
 * A cartella worked on by several devices, each with its own replica (its own Yjs client,
 * as in reality), whose changes become envelopes of the admin and prof rooms. Before acting
 * a device catches up with everything sealed so far; `cartella` is that merged state.
 */
export class CartellaFirmata {
  readonly admin = new StanzaFirmata();
  readonly prof = new StanzaFirmata();
  /** Everything sealed so far (what a device that read the whole log holds). */
  readonly cartella: Cartella = { admin: new Y.Doc(), prof: new Y.Doc() };
  private readonly replicas = new Map<AuthorKey, Cartella>();

  /**
   * Runs `f` on `chi`'s replica: every Yjs update it makes is sealed by `chi` into the right
   * room (in parts of at most `maxPart` bytes when given, as the engine does for large changes).
   */
  come<T>(chi: Persona, f: (c: Cartella) => T, maxPart?: number): T {
    const mine = this.replicas.get(chi.chiave) ?? { admin: new Y.Doc(), prof: new Y.Doc() };
    this.replicas.set(chi.chiave, mine);
    const pairs: Array<[Y.Doc, Y.Doc, StanzaFirmata]> = [
      [mine.admin, this.cartella.admin, this.admin],
      [mine.prof as Y.Doc, this.cartella.prof as Y.Doc, this.prof],
    ];
    const handlers = pairs.map(([doc, merged, stanza]) => {
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(merged, Y.encodeStateVector(doc)), this);
      const h = (u: Uint8Array, origin: unknown): void => {
        if (origin === this) return;
        stanza.update(chi, u, maxPart);
        Y.applyUpdate(merged, u, this);
      };
      doc.on('update', h);
      return [doc, h] as const;
    });
    try {
      return f(mine);
    } finally {
      for (const [doc, h] of handlers) doc.off('update', h);
    }
  }
}

/**
 * @module crdt/history/types
 * The vocabulary of the signed history: what goes in (a room's envelopes in relay order,
 * the part keys by epoch, the roster) and what comes out per envelope (verified or refused,
 * who signed it, which sections it changed, which items it created).
 */
import type { PartSubkeys, RoomId } from '../../crypto';
import type { AuthorKey, Ruolo } from '../model';
import type { CreatedItem } from './scratchDoc';

/** One stored envelope of a room. */
export interface RoomEnvelope {
  /** The relay's seq; absent for a snapshot (snapshots take no seq) or an envelope not yet acknowledged. */
  readonly seq?: number;
  readonly bytes: Uint8Array;
}

/** A roster member as the history needs it (a `Membro` of the model fits). */
export interface RosterEntry {
  readonly chiave: AuthorKey;
  readonly nome: string;
  readonly ruolo: Ruolo;
}

/** What {@link replayRoom} reads. */
export interface RoomHistoryInput {
  readonly part: 'admin' | 'prof';
  readonly roomId: RoomId;
  /** The part's subkeys for each epoch held (undefined when the key of an epoch is not held). */
  readonly subkeysForEpoch: (epoch: number) => PartSubkeys | undefined;
  /** Who the signing keys belong to: the admin document's roster. */
  readonly roster: readonly RosterEntry[];
  /** Roster keys whose admission the admin history contests (admissions.ts): never attributed. */
  readonly contested?: ReadonlySet<AuthorKey>;
  /**
   * The room's envelopes in relay order: the full log from seq 1 when available, or the latest
   * snapshot followed by the updates after it (what a device keeps), then unacknowledged ones.
   */
  readonly envelopes: readonly RoomEnvelope[];
}

/**
 * Who signed an envelope: a roster member, or a key that is not (or whose admission to the
 * roster was not signed by who it claims), shown as unverified and never as someone else.
 */
export type Firmatario =
  | { readonly stato: 'membro'; readonly chiave: AuthorKey; readonly nome: string; readonly ruolo: Ruolo }
  | { readonly stato: 'non_verificato'; readonly chiave: AuthorKey; readonly motivo: 'fuori_registro' | 'ammissione_contestata' };

/** Where an envelope sits in the input: its index, and its relay seq when it has one. */
export interface Position {
  readonly index: number;
  readonly seq?: number;
}

/** An item created by an envelope, with its verified signer. */
export interface Creation extends CreatedItem {
  readonly at: Position;
  /** The envelope's signer; for an item first seen in a snapshot, the snapshot's signer, who did not author it. */
  readonly firmatario: Firmatario;
  readonly inSnapshot: boolean;
  /** The claimed author is the signer; undefined inside a snapshot or when the content names no author. */
  readonly matches?: boolean;
}

/** What the history says about one envelope. */
export type EnvelopeReport =
  | {
    readonly status: 'applied';
    readonly at: Position;
    /** Envelope id (BLAKE2b-128, hex). */
    readonly id: string;
    readonly kind: 'update' | 'snapshot';
    readonly firmatario: Firmatario;
    readonly epoch: number;
    readonly clock: number;
    /** Root types it changed (anagrafica, diario ...). For a snapshot: what it changed on the replay so far. */
    readonly sections: readonly string[];
    readonly created: readonly Creation[];
    /** Earliest and latest instant its created items claim (author's clock, unverified). */
    readonly claimedFrom?: string;
    readonly claimedTo?: string;
    /** Non-fatal findings: `envelope_clock_gap` (an author's earlier envelope is missing). */
    readonly warnings: readonly string[];
  }
  | {
    /** One part of a change too large for one envelope; the last part carries its effects. */
    readonly status: 'partial';
    readonly at: Position;
    readonly id: string;
    readonly kind: 'update';
    readonly firmatario: Firmatario;
    readonly epoch: number;
    readonly clock: number;
  }
  | {
    /** Not verified or not applicable: skipped, nothing of it was applied. */
    readonly status: 'refused';
    readonly at: Position;
    readonly id: string;
    /** An `envelope_*` code of crypto/, `update_malformed`, or `update_parts`. */
    readonly code: string;
    readonly message: string;
    /** The signature verified but a later check failed: this key did sign it. */
    readonly signedBy?: AuthorKey;
  };

/** A room's history: one report per input envelope, and every item creation found. */
export interface RoomHistory {
  readonly part: 'admin' | 'prof';
  readonly envelopes: readonly EnvelopeReport[];
  /** By item id (diary entry id, write id ...). */
  readonly creations: ReadonlyMap<string, Creation>;
  /** Admin part only: how each roster member's admission was signed (admissions.ts). */
  readonly admissions?: ReadonlyMap<AuthorKey, Admission>;
}

/** Whether a roster member was admitted by a write signed by who it claims. */
export type Admission = 'firmata' | 'contestata' | 'non_verificabile';

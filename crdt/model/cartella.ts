/**
 * @module cartella
 * What a cartella is to the model: two Y.Docs (`admin`, readable by the whole office, and
 * `prof`, readable by the équipe only), the names of their top-level types, and the
 * context every operation receives (who writes, and when).
 */
import type * as Y from 'yjs';
import type { AuthorKey } from './ids';

/**
 * The two documents of one cartella. Administrative staff hold only `admin` (they never
 * receive the professional key), so `prof` is `null` on their devices.
 */
export interface Cartella {
  readonly admin: Y.Doc;
  readonly prof: Y.Doc | null;
}

/** Who performs an operation and when. Operations never read the clock themselves. */
export interface Contesto {
  /** Ed25519 public key of the member writing (verified by the sync layer, recorded here). */
  readonly autore: AuthorKey;
  /** The instant of the operation; calendar days are taken in Europe/Rome. */
  readonly now: Date;
}

/**
 * Sections of the admin document. Each is a Y.Map of field writes keyed by write id
 * (see registro.ts), never of plain values, so concurrent offline edits are kept.
 */
export const SEZIONI_ADMIN = [
  'meta', 'anagrafica', 'nucleo', 'segretariato', 'procedimento', 'documenti', 'prestazioni',
  'chiusura', 'members',
] as const;
export type SezioneAdmin = (typeof SEZIONI_ADMIN)[number];

/** Top-level types of the prof document. */
export const PARTI_PROF = {
  /** Y.Array of Y.Map entries, each with a Y.XmlFragment `testo`. */
  diario: 'diario',
  /** Y.Array of Y.Map relazioni, each with a Y.XmlFragment `testo`. */
  relazioni: 'relazioni',
  /** Y.Array of Y.Map verbali, each with a Y.XmlFragment `testo`. */
  verbali: 'verbali',
  /** Y.Array of Y.Map assessment notes, each with a Y.XmlFragment `testo`. */
  valutazione: 'valutazione',
  /** Y.Map of the progetto's scalar fields. */
  progetto: 'progetto',
  /** Y.Map objective id → plain objective object. */
  obiettivi: 'obiettivi',
  /** Y.Array of plain review records (verifiche). */
  verifiche: 'verifiche',
} as const;

/** The Y.Map of one admin section. */
export function sezioneAdmin(admin: Y.Doc, nome: SezioneAdmin): Y.Map<unknown> {
  return admin.getMap(nome);
}

/** The Y.Array of one list of the prof document. */
export function listaProf(prof: Y.Doc, nome: 'diario' | 'relazioni' | 'verbali' | 'valutazione' | 'verifiche'): Y.Array<unknown> {
  return prof.getArray(PARTI_PROF[nome]);
}

/** A Y.Map of the prof document. */
export function mappaProf(prof: Y.Doc, nome: 'progetto' | 'obiettivi'): Y.Map<unknown> {
  return prof.getMap(PARTI_PROF[nome]);
}

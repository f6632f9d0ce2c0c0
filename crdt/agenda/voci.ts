/**
 * @module crdt/agenda/voci
 * What an agenda shows: the appointments of the cartelle on this device, the deadlines
 * derived from each cartella's rules (read-only), and the worker's personal items (kept on
 * the device, in no cartella). One ordering for all of them, the same on every call.
 */
import type {
  Appuntamento, Cartella, CartellaId, DataIso, ImpegnoPersonale, Ora, VistaCartella,
} from '../model';
import type { Scadenza } from './scadenze';

/** A cartella offered to the agenda, with the label the caller shows for it. */
export interface CartellaInAgenda {
  readonly id: CartellaId;
  /**
   * How the UI names the cartella (e.g. "Rossi M."). The agenda never builds it from the
   * anagrafica: the caller decides what its screen shows, and the .ics export leaves it
   * out unless asked.
   */
  readonly etichetta: string;
  readonly cartella: Cartella;
  /**
   * The cartella's view if the caller already holds it (e.g. cached until the next update):
   * it spares a full read of both documents per cartella when deadlines are computed.
   */
  readonly vista?: VistaCartella;
}

/** An appointment of a cartella. */
export interface VoceAppuntamento {
  readonly kind: 'appuntamento';
  /** Unique and stable in the agenda. */
  readonly chiave: string;
  readonly data: DataIso;
  readonly inizio: Ora;
  readonly fine: Ora;
  readonly cartella: CartellaId;
  readonly etichetta: string;
  /** The cartella is closed: the appointment is read-only (see docs/AGENDA.md). */
  readonly cartellaChiusa: boolean;
  readonly appuntamento: Appuntamento;
}

/** A deadline of a cartella (read-only: it changes when its facts change). */
export interface VoceScadenza {
  readonly kind: 'scadenza';
  readonly chiave: string;
  readonly data: DataIso;
  readonly cartella: CartellaId;
  readonly etichetta: string;
  readonly scadenza: Scadenza;
}

/** A personal item of the worker (back-office time and the like). */
export interface VoceImpegno {
  readonly kind: 'impegno';
  readonly chiave: string;
  readonly data: DataIso;
  readonly inizio: Ora;
  readonly fine: Ora;
  readonly impegno: ImpegnoPersonale;
}

/** One line of the agenda. */
export type VoceAgenda = VoceAppuntamento | VoceScadenza | VoceImpegno;

const RANGO: Readonly<Record<VoceAgenda['kind'], number>> = { scadenza: 0, appuntamento: 1, impegno: 2 };

function chiaveOrdine(v: VoceAgenda): string {
  const ore = v.kind === 'scadenza' ? '' : `${v.inizio}${v.fine}`;
  const nome = v.kind === 'impegno' ? '' : v.etichetta;
  return `${v.data}\u0000${ore}\u0000${RANGO[v.kind]}\u0000${nome}\u0000${v.chiave}`;
}

/** Orders agenda lines: by day; deadlines (all day) first, then by start, end, kind, label. */
export function ordinaVoci(voci: readonly VoceAgenda[]): VoceAgenda[] {
  return voci
    .map((v) => ({ v, k: chiaveOrdine(v) }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((x) => x.v);
}

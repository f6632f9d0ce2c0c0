/**
 * @module crdt/stats/procedimenti
 * Procedures past their term at `now` (L. 241/1990 art. 2): of the open cartelle whose
 * procedure awaits its determinazione, how many are within the term, past it, and past the
 * potere sostitutivo's half-term too — the same rules and dates as the cartella's avvisi
 * (termini.ts), by user area.
 */
import type { Conteggi, RigaPerArea } from './per-area';
import { contaPerArea } from './per-area';
import type { FattiCartella, StatoTermine } from './fatti';

/** The three standings of a pending procedure, in order. */
export const STATI_TERMINE: readonly StatoTermine[] = ['nel_termine', 'scaduto', 'oltre_potere_sostitutivo'];

/** Italian labels of {@link STATI_TERMINE}. */
export const ETICHETTE_STATO_TERMINE: Readonly<Record<StatoTermine, string>> = {
  nel_termine: 'Nel termine',
  scaduto: 'Termine scaduto',
  oltre_potere_sostitutivo: 'Scaduto anche il termine del potere sostitutivo',
};

export interface ProcedimentiPendenti {
  /** `totale` = pending procedures of the area. */
  readonly perArea: readonly RigaPerArea<StatoTermine>[];
  readonly totale: Conteggi<StatoTermine>;
  /** Past their term at `now`: `scaduto` + `oltre_potere_sostitutivo`. */
  readonly scadutiTotale: number;
}

/** Pending procedures of open cartelle by standing at `now`, by area. */
export function procedimentiPendenti(fatti: readonly FattiCartella[]): ProcedimentiPendenti {
  const r = contaPerArea(fatti, STATI_TERMINE, (f) => f.termine);
  return { ...r, scadutiTotale: r.totale.scaduto + r.totale.oltre_potere_sostitutivo };
}

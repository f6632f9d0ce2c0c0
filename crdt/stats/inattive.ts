/**
 * @module crdt/stats/inattive
 * Open cartelle without access or intervention for a year at `now` — the deck's fourth
 * closure reason, by the model's own rule (inattivita.ts, MESI_INATTIVITA = 12), which is
 * also what raises the closure proposal on the cartella. Without the professional part a
 * long admin silence cannot prove inactivity (the diary may be recent): such cartelle are
 * "non verificabili"; recent admin activity still proves a cartella active.
 */
import type { Conteggi, RigaPerArea } from './per-area';
import { contaPerArea } from './per-area';
import type { FattiCartella, StatoAttivita } from './fatti';

/** The three standings of an open cartella, in order. */
export const STATI_ATTIVITA: readonly StatoAttivita[] = ['attiva', 'inattiva', 'non_verificabile'];

/** Italian labels of {@link STATI_ATTIVITA}. */
export const ETICHETTE_STATO_ATTIVITA: Readonly<Record<StatoAttivita, string>> = {
  attiva: 'Attive',
  inattiva: 'Senza accessi né interventi da 12 mesi',
  non_verificabile: 'Non verificabili (parte professionale assente)',
};

export interface CartelleInattive {
  /** `totale` = open cartelle of the area. */
  readonly perArea: readonly RigaPerArea<StatoAttivita>[];
  readonly totale: Conteggi<StatoAttivita>;
}

/** Open cartelle by activity at `now`, by area. */
export function cartelleInattive(fatti: readonly FattiCartella[]): CartelleInattive {
  return contaPerArea(fatti, STATI_ATTIVITA, (f) => f.attivita);
}

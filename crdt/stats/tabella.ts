/**
 * @module crdt/stats/tabella
 * A statistic as a table: labelled columns, rows of cells, and the arithmetic that ties them
 * (which column is the sum of which, which row totals the others). The same shape feeds the
 * page's tables, the charts and the CSV export, and lets small counts be hidden in one
 * generic way (riservatezza.ts).
 */

/** A cell hidden to protect small groups of persons (see riservatezza.ts). */
export interface Riservato { readonly riservato: true }
/** Text, a number, a hidden count, or nothing (e.g. a median of no cases). */
export type Cella = string | number | null | Riservato;

/** True for a hidden cell. */
export function eRiservato(c: Cella): c is Riservato {
  return typeof c === 'object' && c !== null && c.riservato === true;
}

/**
 * `testo`: a label (month, area, worker); `conteggio`: a count of cartelle, events or entries;
 * `misura`: a figure computed from the cases counted in column `casi` (mean, quartile).
 */
export type TipoColonna = 'testo' | 'conteggio' | 'misura';

export interface Colonna {
  readonly codice: string;
  readonly etichetta: string;
  readonly tipo: TipoColonna;
  /** For a count: the codes of the columns of the same row it is the sum of. */
  readonly somma?: readonly string[];
  /** For a measure: the code of the count column of its cases. */
  readonly casi?: string;
}

export interface Riga {
  /** One cell per column, in the columns' order. */
  readonly celle: readonly Cella[];
  /** A total row: each of its counts is the sum of the same column over the other rows. */
  readonly totale?: boolean;
}

export interface Tabella {
  readonly codice: string;
  readonly titolo: string;
  readonly colonne: readonly Colonna[];
  readonly righe: readonly Riga[];
  /**
   * True when its counts are counts of persons served (cartelle, their events): small ones
   * can single someone out and are hidden under a threshold. False for the équipe's own
   * diary work.
   */
  readonly personeServite: boolean;
  /** The threshold applied, once hidden (0 = nothing hidden). */
  readonly soglia: number;
  /** Definitions and caveats to show under the table (Italian). */
  readonly note: readonly string[];
}

/** A table with no threshold applied yet. */
export function tabella(t: Omit<Tabella, 'soglia'>): Tabella {
  return { ...t, soglia: 0 };
}

/**
 * @module crdt/stats/tabelle
 * Every statistic as a table, with small counts of persons hidden under the threshold:
 * what the page shows and what leaves the device as CSV.
 */
import { SOGLIA_PREDEFINITA } from './opzioni';
import { proteggi } from './riservatezza';
import type { Statistiche } from './statistiche';
import type { Tabella } from './tabella';
import { tabellaDiario, tabellaFlussi, tabellaTempi } from './tabelle-periodo';
import {
  tabellaInattive, tabellaProcedimenti, tabellaStato, tabellaStatoPerArea, tabellaStatoPerFase,
} from './tabelle-situazione';

/**
 * The tables of `s` in the page's order, protected with `soglia` (default
 * {@link SOGLIA_PREDEFINITA}; 0 hides nothing — only for the équipe's own screen).
 */
export function tabelle(s: Statistiche, opzioni: { readonly soglia?: number } = {}): readonly Tabella[] {
  const soglia = opzioni.soglia ?? SOGLIA_PREDEFINITA;
  return [
    tabellaStato(s), tabellaStatoPerArea(s), tabellaStatoPerFase(s), tabellaFlussi(s), tabellaTempi(s),
    tabellaDiario(s), tabellaProcedimenti(s), tabellaInattive(s),
  ].map((t) => proteggi(t, soglia));
}

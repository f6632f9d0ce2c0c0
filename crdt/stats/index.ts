/**
 * @module crdt/stats
 * Statistics computed on the device over the cartelle it can decrypt (DESIGN.md: only
 * aggregates leave it): state by area and phase, monthly flows and closures by reason,
 * days from access to presa in carico, diary work per worker, procedures past their term,
 * inactive cartelle; as typed data, as tables with small counts hidden, and as CSV.
 * See docs/STATS.md.
 */
export { statistiche, type Statistiche } from './statistiche';
export {
  comeOpzioniStatistiche, SOGLIA_PREDEFINITA, SOGLIA_MASSIMA, CODICI_ERRORE_STATISTICHE,
  type OpzioniStatistiche, type CodiceErroreStatistiche,
} from './opzioni';
export type { Periodo } from './periodo';
export { NON_INDICATO, NON_VERIFICATO, type Etichettato, type Mese, type NonIndicato } from './etichette';
export { STATI, type StatoCartelle, type AperteChiuse } from './stato-cartelle';
export { MOTIVI_CONTEGGIATI, ETICHETTE_MOTIVO_CONTEGGIATO, type Flussi, type Movimenti, type MotivoConteggiato } from './flussi';
export type { TempiPresaInCarico } from './tempi';
export type { Sintesi } from './sintesi';
export type { AttivitaDiario, RigaDiario, ConteggioVoci, Operatore } from './attivita-diario';
export { STATI_TERMINE, ETICHETTE_STATO_TERMINE, type ProcedimentiPendenti } from './procedimenti';
export { STATI_ATTIVITA, ETICHETTE_STATO_ATTIVITA, type CartelleInattive } from './inattive';
export type { StatoTermine, StatoAttivita } from './fatti';
export type { Conteggi, RigaPerArea } from './per-area';
export { eRiservato, type Tabella, type Colonna, type Riga, type Cella, type Riservato, type TipoColonna } from './tabella';
export { tabelle } from './tabelle';
export { proteggi } from './riservatezza';
export { toCsv, TESTO_RISERVATO, type OpzioniCsv } from './csv';

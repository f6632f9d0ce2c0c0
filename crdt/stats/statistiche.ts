/**
 * @module crdt/stats/statistiche
 * Every statistic of the device in one pass: each cartella the device can decrypt is read
 * once (or its view reused), reduced to its facts (fatti.ts), then counted. Pure: the same
 * cartelle, `now` and options give the same figures; nothing reads the clock.
 */
import { giorno, type Cartella, type DataIso, type VistaCartella } from '../model';
import { attivitaDiario, type AttivitaDiario } from './attivita-diario';
import { fattiCartella, type FattiCartella } from './fatti';
import { flussi, type Flussi } from './flussi';
import { cartelleInattive, type CartelleInattive } from './inattive';
import type { OpzioniStatistiche } from './opzioni';
import { periodoEffettivo, type Periodo } from './periodo';
import { procedimentiPendenti, type ProcedimentiPendenti } from './procedimenti';
import { statoCartelle, type StatoCartelle } from './stato-cartelle';
import { tempiPresaInCarico, type TempiPresaInCarico } from './tempi';

/** All the figures, as plain data for charts and tables. */
export interface Statistiche {
  /** The Italian day of `now`: the day stock figures (state, terms, inactivity) refer to. */
  readonly calcolateIl: DataIso;
  /** The days the flow figures (months, times, diary) cover. */
  readonly periodo: Periodo;
  /** Cartelle read. */
  readonly cartelle: number;
  /** Cartelle with items that could not be read (those items are not counted). */
  readonly cartelleConDatiIllegibili: number;
  readonly stato: StatoCartelle;
  readonly flussi: Flussi;
  readonly tempi: TempiPresaInCarico;
  readonly diario: AttivitaDiario;
  readonly procedimenti: ProcedimentiPendenti;
  readonly inattive: CartelleInattive;
}

function* dateDegliEventi(fatti: readonly FattiCartella[]): Generator<DataIso> {
  for (const f of fatti) {
    if (f.accesso) yield f.accesso;
    if (f.presaInCarico) yield f.presaInCarico;
    yield* f.riaperture;
    for (const c of f.chiusure) yield c.data;
    for (const v of f.diario ?? []) yield v.data;
  }
}

/**
 * Computes every statistic over the cartelle this device holds (documents or views; a
 * cartella without the professional part counts for everything but the diary).
 * `opzioni` must come from {@link comeOpzioniStatistiche} or be typed by the caller.
 */
export function statistiche(
  cartelle: readonly (Cartella | VistaCartella)[], now: Date, opzioni: OpzioniStatistiche = {},
): Statistiche {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new Error('statistiche: `now` non è un istante valido');
  if (opzioni.dal !== undefined && opzioni.al !== undefined && opzioni.dal > opzioni.al) {
    throw new Error('statistiche: periodo con inizio dopo la fine (usa comeOpzioniStatistiche)');
  }
  const fatti = cartelle.map((c) => fattiCartella(c, now));
  const periodo = periodoEffettivo(opzioni, now, dateDegliEventi(fatti));
  return {
    calcolateIl: giorno(now),
    periodo,
    cartelle: fatti.length,
    cartelleConDatiIllegibili: fatti.filter((f) => f.problemi > 0).length,
    stato: statoCartelle(fatti),
    flussi: flussi(fatti, periodo),
    tempi: tempiPresaInCarico(fatti, periodo),
    diario: attivitaDiario(fatti, periodo),
    procedimenti: procedimentiPendenti(fatti),
    inattive: cartelleInattive(fatti),
  };
}

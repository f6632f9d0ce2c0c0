/**
 * @module crdt/stats/periodo
 * The period the flow figures cover. Every date counted is a calendar day in Italy (the
 * model stores days, not instants), so a day belongs to the month written in it; `now` is
 * turned into its Italian day once, here.
 */
import { giorno, type DataIso } from '../model';
import { mesiTra, meseDi, type Mese } from './etichette';
import type { OpzioniStatistiche } from './opzioni';

/** The days a flow figure counts, both ends included. */
export interface Periodo {
  /** First day; null when the data hold no event at all and none was asked for. */
  readonly dal: DataIso | null;
  /** Last day: the one asked for, never after today. */
  readonly al: DataIso;
}

/**
 * The period actually covered: `dal` as asked or the earliest of `date`; `al` as asked but
 * never past today (an event dated after `now` is not counted).
 */
export function periodoEffettivo(o: OpzioniStatistiche, now: Date, date: Iterable<DataIso>): Periodo {
  const oggi = giorno(now);
  const al = o.al !== undefined && o.al < oggi ? o.al : oggi;
  if (o.dal !== undefined) return { dal: o.dal, al };
  let primo: DataIso | null = null;
  for (const d of date) if (d <= al && (primo === null || d < primo)) primo = d;
  return { dal: primo, al };
}

/** True when day `d` falls within the period. */
export function nelPeriodo(p: Periodo, d: DataIso): boolean {
  return p.dal !== null && d >= p.dal && d <= p.al;
}

/** The months the period touches, in order (the first and last may be partial). */
export function mesiDelPeriodo(p: Periodo): Mese[] {
  return p.dal === null ? [] : mesiTra(meseDi(p.dal), meseDi(p.al));
}

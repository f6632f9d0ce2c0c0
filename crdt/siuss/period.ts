/**
 * @module siuss/period
 * Which prestazioni fall in the period. A prestazione is delivered from its start
 * (DataInizioPrestazione, else DataErogazionePrestazione, else DataEvento — the model's own
 * order in `prestazioneAttiva`) to its end (DataFinePrestazione); a one-off prestazione
 * (CaratterePrestazione 2) without an end lasts the day it was paid (or started); a periodic
 * one without an end is still running. It falls in the period when the two intervals meet.
 */
import type { DataIso, Prestazione } from '../model';
import type { PeriodoSiuss } from './request';

/** Where a prestazione stands with respect to a period. */
export type Placement =
  | { readonly kind: 'in'; /** first day of the period on which it is delivered */ readonly firstDay: DataIso }
  | { readonly kind: 'out' }
  /** No date at all: it cannot be placed in any period. */
  | { readonly kind: 'undated' };

/** Places `x` with respect to `p`. */
export function placePrestazione(x: Prestazione, p: PeriodoSiuss): Placement {
  const start = x.dataInizio ?? x.dataErogazione ?? x.dataEvento;
  if (start === undefined) return { kind: 'undated' };
  const end = x.dataFine ?? (x.carattere === '2' ? (x.dataErogazione ?? start) : undefined);
  if (start > p.al || (end !== undefined && end < p.dal)) return { kind: 'out' };
  return { kind: 'in', firstDay: start > p.dal ? start : p.dal };
}

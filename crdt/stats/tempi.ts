/**
 * @module crdt/stats/tempi
 * How long people wait between their access to the segretariato sociale and the presa in
 * carico: days from the access's date to the apertura's date, by month of the presa in
 * carico and over the whole period. Cartelle opened without a segretariato (d'ufficio, or
 * on another body's request, straight to apertura) have no access and are left out.
 */
import { giorniTra } from '../model';
import { etichettaMese, meseDi, type Etichettato, type Mese } from './etichette';
import type { FattiCartella } from './fatti';
import { mesiDelPeriodo, nelPeriodo, type Periodo } from './periodo';
import { sintesi, type Sintesi } from './sintesi';

export interface TempiPresaInCarico {
  /** Every month of the period, oldest first (months without cases have `casi: 0`). */
  readonly mesi: readonly (Sintesi & { readonly mese: Etichettato<Mese> })[];
  /** All cases of the period together. */
  readonly periodo: Sintesi;
  /** Prese in carico of the period without an access (opened directly): not measured. */
  readonly senzaAccesso: number;
  /** Prese in carico of the period dated before their access (a data error): not measured. */
  readonly dateIncoerenti: number;
}

/** Days from access to presa in carico for the prese in carico within the period. */
export function tempiPresaInCarico(fatti: readonly FattiCartella[], periodo: Periodo): TempiPresaInCarico {
  const mesi = mesiDelPeriodo(periodo);
  const perMese = new Map<Mese, number[]>(mesi.map((m) => [m, []]));
  const tutti: number[] = [];
  let senzaAccesso = 0;
  let dateIncoerenti = 0;
  for (const f of fatti) {
    if (!f.presaInCarico || !nelPeriodo(periodo, f.presaInCarico)) continue;
    if (!f.accesso) {
      senzaAccesso++;
      continue;
    }
    const giorni = giorniTra(f.accesso, f.presaInCarico);
    if (giorni < 0) {
      dateIncoerenti++;
      continue;
    }
    tutti.push(giorni);
    perMese.get(meseDi(f.presaInCarico))?.push(giorni);
  }
  return {
    mesi: mesi.map((m) => ({ mese: etichettaMese(m), ...sintesi(perMese.get(m) ?? []) })),
    periodo: sintesi(tutti),
    senzaAccesso,
    dateIncoerenti,
  };
}

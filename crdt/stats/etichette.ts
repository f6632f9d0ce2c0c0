/**
 * @module crdt/stats/etichette
 * How every category of a statistic is named: a stable code (the model's vocabulary value,
 * or one of the few codes statistics add) beside its Italian label. Labels come from the
 * model's vocabularies wherever one exists; this file holds only what the model has no
 * word for (a missing value, a month, an unverified author).
 */
import type { DataIso } from '../model';

/** A category of a statistic: its stable code and its Italian label. */
export interface Etichettato<C extends string = string> {
  readonly codice: C;
  readonly etichetta: string;
}

/** Code of a value the cartella does not record (no area, no phase, no closure reason). */
export const NON_INDICATO = 'non_indicato';
export type NonIndicato = typeof NON_INDICATO;

/** Italian label of {@link NON_INDICATO}. */
export const ETICHETTA_NON_INDICATO = 'Non indicato';

/** Code and label of diary entries whose author is not on the cartella's roster. */
export const NON_VERIFICATO: Etichettato<'non_verificato'> = { codice: 'non_verificato', etichetta: 'Non verificato' };

const MESI = [
  'gennaio', 'febbraio', 'marzo', 'aprile', 'maggio', 'giugno',
  'luglio', 'agosto', 'settembre', 'ottobre', 'novembre', 'dicembre',
] as const;

/** A calendar month, 'YYYY-MM'. */
export type Mese = string & { readonly __mese: true };

/** The month of a calendar day (days are already Italian calendar days, see docs/STATS.md). */
export function meseDi(d: DataIso): Mese {
  return d.slice(0, 7) as Mese;
}

/** A month as a category: code 'YYYY-MM', label 'marzo 2025'. */
export function etichettaMese(m: Mese): Etichettato<Mese> {
  const n = Number(m.slice(5, 7));
  return { codice: m, etichetta: `${MESI[n - 1] ?? m} ${m.slice(0, 4)}` };
}

/** Every month from `da` to `a` inclusive, in order (empty when `da` is after `a`). */
export function mesiTra(da: Mese, a: Mese): Mese[] {
  const out: Mese[] = [];
  let anno = Number(da.slice(0, 4));
  let mese = Number(da.slice(5, 7));
  const fine = Number(a.slice(0, 4)) * 12 + Number(a.slice(5, 7));
  while (anno * 12 + mese <= fine) {
    out.push(`${anno}-${String(mese).padStart(2, '0')}` as Mese);
    mese++;
    if (mese > 12) {
      mese = 1;
      anno++;
    }
  }
  return out;
}

/**
 * @module crdt/stats/flussi
 * What happened month by month within the period: accesses to the segretariato sociale,
 * new prese in carico, reopenings, and closures with their reason (the deck's four).
 */
import { ETICHETTE_MOTIVO_CHIUSURA, MOTIVI_CHIUSURA, type DataIso, type MotivoChiusura } from '../model';
import { ETICHETTA_NON_INDICATO, NON_INDICATO, etichettaMese, meseDi, type Etichettato, type Mese, type NonIndicato } from './etichette';
import type { FattiCartella } from './fatti';
import { mesiDelPeriodo, nelPeriodo, type Periodo } from './periodo';

/** A closure reason, or "non indicato" for a closure whose reason could not be read. */
export type MotivoConteggiato = MotivoChiusura | NonIndicato;
/** The reasons in the order tables show them. */
export const MOTIVI_CONTEGGIATI: readonly MotivoConteggiato[] = [...MOTIVI_CHIUSURA, NON_INDICATO];

/** Labels of the counted reasons (the model's, plus "non indicato"). */
export const ETICHETTE_MOTIVO_CONTEGGIATO: Readonly<Record<MotivoConteggiato, string>> = {
  ...ETICHETTE_MOTIVO_CHIUSURA,
  [NON_INDICATO]: ETICHETTA_NON_INDICATO,
};

/** The events of one month (or of the whole period). */
export interface Movimenti {
  readonly accessi: number;
  readonly preseInCarico: number;
  readonly riaperture: number;
  /** The sum of `chiusurePerMotivo`. */
  readonly chiusure: number;
  readonly chiusurePerMotivo: Readonly<Record<MotivoConteggiato, number>>;
}

export interface Flussi {
  /** Every month of the period, empty months included, oldest first. */
  readonly mesi: readonly (Movimenti & { readonly mese: Etichettato<Mese> })[];
  /** The whole period: the sum of the months. */
  readonly totale: Movimenti;
}

interface Contatore { accessi: number; preseInCarico: number; riaperture: number; chiusure: number; chiusurePerMotivo: Record<MotivoConteggiato, number> }

const vuoto = (): Contatore => ({
  accessi: 0, preseInCarico: 0, riaperture: 0, chiusure: 0,
  chiusurePerMotivo: { conclusione: 0, inattivita: 0, trasferimento: 0, decesso: 0, [NON_INDICATO]: 0 },
});

/** Counts the period's events by month of their date. */
export function flussi(fatti: readonly FattiCartella[], periodo: Periodo): Flussi {
  const mesi = mesiDelPeriodo(periodo);
  const perMese = new Map<Mese, Contatore>(mesi.map((m) => [m, vuoto()]));
  const totale = vuoto();
  const a = (d: DataIso | undefined, f: (c: Contatore) => void): void => {
    if (d === undefined || !nelPeriodo(periodo, d)) return;
    const c = perMese.get(meseDi(d));
    if (c) f(c);
    f(totale);
  };
  for (const x of fatti) {
    a(x.accesso, (c) => { c.accessi++; });
    a(x.presaInCarico, (c) => { c.preseInCarico++; });
    for (const d of x.riaperture) a(d, (c) => { c.riaperture++; });
    for (const ch of x.chiusure) {
      a(ch.data, (c) => {
        c.chiusure++;
        c.chiusurePerMotivo[ch.motivo ?? NON_INDICATO]++;
      });
    }
  }
  return { mesi: mesi.map((m) => ({ mese: etichettaMese(m), ...(perMese.get(m) ?? vuoto()) })), totale };
}

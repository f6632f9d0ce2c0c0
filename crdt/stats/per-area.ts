/**
 * @module crdt/stats/per-area
 * Counting open cartelle by user area into a fixed set of mutually exclusive columns: the
 * shape shared by the procedures past their term and the inactive cartelle.
 */
import { AREE, ETICHETTE_AREA, type AreaUtenza } from '../model';
import { ETICHETTA_NON_INDICATO, NON_INDICATO, type Etichettato, type NonIndicato } from './etichette';
import type { FattiCartella } from './fatti';

/** Counts, one per category, and their sum. */
export type Conteggi<K extends string> = Readonly<Record<K, number>> & { readonly totale: number };
/** One area's counts. */
export type RigaPerArea<K extends string> = Conteggi<K> & { readonly area: Etichettato<AreaUtenza | NonIndicato> };

/**
 * Counts every cartella `categoria` places (undefined = not counted) by area. The seven
 * areas always appear; "non indicato" only when some counted cartella lacks its area.
 */
export function contaPerArea<K extends string>(
  fatti: readonly FattiCartella[], categorie: readonly K[], categoria: (f: FattiCartella) => K | undefined,
): { readonly perArea: readonly RigaPerArea<K>[]; readonly totale: Conteggi<K> } {
  const zero = (): Record<K, number> => {
    const o = {} as Record<K, number>;
    for (const k of categorie) o[k] = 0;
    return o;
  };
  const righe = new Map<AreaUtenza | NonIndicato, Record<K, number>>(AREE.map((a) => [a, zero()]));
  const tot = zero();
  for (const f of fatti) {
    const k = categoria(f);
    if (k === undefined) continue;
    const area = f.area ?? NON_INDICATO;
    const r = righe.get(area) ?? zero();
    righe.set(area, r);
    r[k]++;
    tot[k]++;
  }
  const somma = (r: Record<K, number>): number => categorie.reduce((s, k) => s + r[k], 0);
  const conteggi = (r: Record<K, number>): Conteggi<K> => ({ ...r, totale: somma(r) });
  const perArea = [...righe]
    .filter(([a, r]) => a !== NON_INDICATO || somma(r) > 0)
    .map(([a, r]): RigaPerArea<K> => ({
      area: a === NON_INDICATO ? { codice: a, etichetta: ETICHETTA_NON_INDICATO } : { codice: a, etichetta: ETICHETTE_AREA[a] },
      ...conteggi(r),
    }));
  return { perArea, totale: conteggi(tot) };
}

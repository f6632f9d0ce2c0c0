/**
 * @module crdt/stats/stato-cartelle
 * How many cartelle are in each lifecycle state now, and the cartelle taken in charge
 * (open or closed) by user area and by help-process phase. The state is the documents'
 * current state: it does not depend on the period.
 */
import {
  AREE, ETICHETTE_AREA, ETICHETTE_FASE, ETICHETTE_STATO, FASI,
  type AreaUtenza, type Fase, type StatoCartella,
} from '../model';
import { ETICHETTA_NON_INDICATO, NON_INDICATO, type Etichettato, type NonIndicato } from './etichette';
import type { FattiCartella } from './fatti';

/** Every lifecycle state, in the order of a cartella's life. */
export const STATI: readonly StatoCartella[] = ['nuova', 'accesso', 'segretariato_concluso', 'aperta', 'chiusura_proposta', 'chiusa'];

/** Open (taken in charge, not closed — a pending closure proposal keeps it open) and closed. */
export interface AperteChiuse {
  readonly aperte: number;
  readonly chiuse: number;
  /** aperte + chiuse: the cartelle ever taken in charge. */
  readonly totale: number;
}

export interface StatoCartelle {
  /** Every cartella read, by lifecycle state; sums to `cartelle`. */
  readonly perStato: readonly (Etichettato<StatoCartella> & { readonly cartelle: number })[];
  readonly cartelle: number;
  /** The seven ISTAT areas always; "non indicato" only when some cartella lacks its area. */
  readonly perArea: readonly (AperteChiuse & { readonly area: Etichettato<AreaUtenza | NonIndicato> })[];
  /** Phases from the apertura on; a closed cartella counts in the phase it was closed in. */
  readonly perFase: readonly (AperteChiuse & { readonly fase: Etichettato<Fase | NonIndicato> })[];
  readonly totale: AperteChiuse;
}

const nonIndicato = { codice: NON_INDICATO, etichetta: ETICHETTA_NON_INDICATO } as const;

function conta<K extends string>(chiavi: readonly K[], fatti: readonly FattiCartella[], di: (f: FattiCartella) => K | undefined) {
  const m = new Map<K | NonIndicato, { aperte: number; chiuse: number }>();
  for (const k of chiavi) m.set(k, { aperte: 0, chiuse: 0 });
  for (const f of fatti) {
    const aperta = f.stato === 'aperta' || f.stato === 'chiusura_proposta';
    if (!aperta && f.stato !== 'chiusa') continue;
    const k = di(f) ?? NON_INDICATO;
    const x = m.get(k) ?? { aperte: 0, chiuse: 0 };
    if (aperta) x.aperte++;
    else x.chiuse++;
    m.set(k, x);
  }
  return m;
}

/** Counts the cartelle by state, and those taken in charge by area and by phase. */
export function statoCartelle(fatti: readonly FattiCartella[]): StatoCartelle {
  const perStato = new Map<StatoCartella, number>(STATI.map((s) => [s, 0]));
  for (const f of fatti) perStato.set(f.stato, (perStato.get(f.stato) ?? 0) + 1);
  const righe = <K extends string>(m: Map<K | NonIndicato, { aperte: number; chiuse: number }>, etichetta: (k: K) => string) =>
    [...m].filter(([k, x]) => k !== NON_INDICATO || x.aperte + x.chiuse > 0).map(([k, x]) => ({
      voce: k === NON_INDICATO ? nonIndicato : { codice: k as K, etichetta: etichetta(k as K) },
      aperte: x.aperte, chiuse: x.chiuse, totale: x.aperte + x.chiuse,
    }));
  const aree = righe(conta(AREE, fatti, (f) => f.area), (k: AreaUtenza) => ETICHETTE_AREA[k]);
  // 'accesso' precedes the presa in carico: it appears only if a document says otherwise.
  const fasiBase = FASI.filter((x) => x !== 'accesso');
  const fasi = righe(conta(fasiBase, fatti, (f) => f.fase), (k: Fase) => ETICHETTE_FASE[k]);
  const aperte = aree.reduce((s, x) => s + x.aperte, 0);
  const chiuse = aree.reduce((s, x) => s + x.chiuse, 0);
  return {
    perStato: STATI.map((s) => ({ codice: s, etichetta: ETICHETTE_STATO[s], cartelle: perStato.get(s) ?? 0 })),
    cartelle: fatti.length,
    perArea: aree.map(({ voce, ...x }) => ({ area: voce, ...x })),
    perFase: fasi.map(({ voce, ...x }) => ({ fase: voce, ...x })),
    totale: { aperte, chiuse, totale: aperte + chiuse },
  };
}

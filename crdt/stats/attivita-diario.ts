/**
 * @module crdt/stats/attivita-diario
 * The équipe's diary work: entries by type, per worker, per month of the entry's date.
 * A worker is the name the cartella's roster gives the entry's author key; entries the
 * roster does not vouch for are counted under "non verificato", never under someone's
 * name. Corrections are counted apart (they amend the record, they are not contacts).
 * A device without the professional part reads no diary: the figures are then
 * unavailable, not zero.
 */
import { ETICHETTE_TIPO_VOCE, TIPI_VOCE, type TipoVoce } from '../model';
import { NON_VERIFICATO, etichettaMese, meseDi, type Etichettato, type Mese } from './etichette';
import type { FattiCartella } from './fatti';
import { nelPeriodo, type Periodo } from './periodo';

/** A worker of the équipe, or the "non verificato" group. */
export interface Operatore extends Etichettato {
  /** False for the group of entries whose author the roster does not vouch for. */
  readonly verificato: boolean;
}

/** Entries counted for one worker in one month (or a total). */
export interface ConteggioVoci {
  readonly perTipo: Readonly<Record<TipoVoce, number>>;
  /** Entries that are not corrections: the sum of `perTipo`. */
  readonly voci: number;
  readonly correzioni: number;
}

export type RigaDiario = ConteggioVoci & { readonly mese: Etichettato<Mese>; readonly operatore: Operatore };

export type AttivitaDiario =
  | {
    readonly disponibile: false;
    /** Why the figures are missing (Italian, for the page). */
    readonly motivo: string;
    readonly cartelleSenzaProf: number;
  }
  | {
    readonly disponibile: true;
    /** Cartelle whose diary was read. */
    readonly cartelleConProf: number;
    /** Cartelle of this device without the professional part: their diary is not counted. */
    readonly cartelleSenzaProf: number;
    readonly tipi: readonly Etichettato<TipoVoce>[];
    /** Only worker-months with at least one entry or correction; by month, then worker. */
    readonly righe: readonly RigaDiario[];
    readonly totale: ConteggioVoci;
  };

interface Contatore { perTipo: Record<TipoVoce, number>; voci: number; correzioni: number }
const vuoto = (): Contatore => ({
  perTipo: { colloquio: 0, visita_domiciliare: 0, telefonata: 0, equipe: 0, contatto_servizi: 0, altro: 0 },
  voci: 0,
  correzioni: 0,
});

const collatore = new Intl.Collator('it', { sensitivity: 'base' });
function confrontaOperatori(a: Operatore, b: Operatore): number {
  if (a.verificato !== b.verificato) return a.verificato ? -1 : 1;
  return collatore.compare(a.etichetta, b.etichetta) || (a.etichetta < b.etichetta ? -1 : a.etichetta > b.etichetta ? 1 : 0);
}

/** Counts the diary entries dated within the period, by month and worker. */
export function attivitaDiario(fatti: readonly FattiCartella[], periodo: Periodo): AttivitaDiario {
  const conProf = fatti.filter((f) => f.diario !== null).length;
  const senzaProf = fatti.length - conProf;
  if (conProf === 0) {
    return {
      disponibile: false,
      motivo: 'Su questo dispositivo non è disponibile la parte professionale di alcuna cartella: i dati del diario non si possono calcolare.',
      cartelleSenzaProf: senzaProf,
    };
  }
  const righe = new Map<string, { mese: Mese; operatore: Operatore; c: Contatore }>();
  const totale = vuoto();
  for (const f of fatti) {
    for (const v of f.diario ?? []) {
      if (!nelPeriodo(periodo, v.data)) continue;
      const mese = meseDi(v.data);
      const operatore: Operatore = v.operatore === null
        ? { ...NON_VERIFICATO, verificato: false }
        : { codice: v.operatore, etichetta: v.operatore, verificato: true };
      const chiave = `${mese}\u0000${operatore.verificato ? 'v' : 'n'}\u0000${operatore.codice}`;
      const r = righe.get(chiave) ?? { mese, operatore, c: vuoto() };
      righe.set(chiave, r);
      for (const c of [r.c, totale]) {
        if (v.correzione) c.correzioni++;
        else {
          c.perTipo[v.tipo]++;
          c.voci++;
        }
      }
    }
  }
  const ordinate = [...righe.values()].sort((a, b) => (a.mese < b.mese ? -1 : a.mese > b.mese ? 1 : confrontaOperatori(a.operatore, b.operatore)));
  return {
    disponibile: true,
    cartelleConProf: conProf,
    cartelleSenzaProf: senzaProf,
    tipi: TIPI_VOCE.map((t) => ({ codice: t, etichetta: ETICHETTE_TIPO_VOCE[t] })),
    righe: ordinate.map((r) => ({ mese: etichettaMese(r.mese), operatore: r.operatore, ...r.c })),
    totale,
  };
}

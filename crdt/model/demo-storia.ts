/**
 * @module demo-storia
 * The story of one demo cartella: a synthetic person walked through the real operations
 * of the model, from the segretariato (or an opening d'ufficio / on request) up to the
 * scenario's end point — a phase, or one of the four closures, or a reopening, or a long
 * silence that calls for an inactivity proposal. Dates run forward and never pass `oggi`.
 */
import * as Y from 'yjs';
import type { Cartella, Contesto } from './cartella';
import { aggiungiGiorni, aggiungiMesi, type DataIso } from './date';
import type { AuthorKey } from './ids';
import type { Casuale } from './prng';
import type { Risultato } from './risultato';
import type { TipoVoce } from './vocabolario';

/** The équipe of a demo ente. */
export interface EquipeDemo {
  readonly as1: { readonly chiave: AuthorKey; readonly nome: string };
  readonly as2: { readonly chiave: AuthorKey; readonly nome: string };
  readonly amm: { readonly chiave: AuthorKey; readonly nome: string };
  readonly edu: { readonly chiave: AuthorKey; readonly nome: string };
}

/** A cursor on a cartella's timeline, with the helpers the story needs. */
export class Storia {
  giorno: DataIso;
  private passo = 0;

  constructor(
    readonly r: Casuale, readonly c: Cartella, readonly equipe: EquipeDemo,
    inizio: DataIso, readonly limite: DataIso, readonly as: AuthorKey,
  ) {
    this.giorno = inizio;
  }

  /** The context of an operation today, by `chi` (the case's social worker by default). */
  ctx(chi: AuthorKey = this.as): Contesto {
    this.passo++;
    const ora = String(9 + (this.passo % 8)).padStart(2, '0');
    const min = String((this.passo * 7) % 60).padStart(2, '0');
    return { autore: chi, now: new Date(`${this.giorno}T${ora}:${min}:00+01:00`) };
  }

  /** Moves forward by `min`..`max` days, never past the limit. */
  avanza(min: number, max: number): DataIso {
    const d = aggiungiGiorni(this.giorno, this.r.intero(min, max));
    this.giorno = d > this.limite ? this.limite : d;
    return this.giorno;
  }

  /** Moves to `d` if it is later (and not past the limit). */
  vaiA(d: DataIso): void {
    if (d > this.giorno) this.giorno = d > this.limite ? this.limite : d;
  }

  /** True when at least `giorni` days remain before `fino`. */
  resta(fino: DataIso, giorni = 0): boolean {
    return aggiungiGiorni(this.giorno, giorni) < fino;
  }

  /** Unwraps an operation that the story expects to succeed (a failure is a bug). */
  fai<T>(r: Risultato<T>): T {
    if (!r.ok) throw new Error(`demo: operazione rifiutata il ${this.giorno}: ${r.code} — ${r.message}`);
    return r.value;
  }

  /** Picks a diary entry type with realistic frequencies. */
  tipoVoce(): TipoVoce {
    return this.r.scegli<TipoVoce>(['colloquio', 'colloquio', 'colloquio', 'telefonata', 'telefonata', 'visita_domiciliare', 'contatto_servizi', 'equipe', 'altro']);
  }

  /** Adds `mesi` months to today. */
  traMesi(mesi: number): DataIso {
    return aggiungiMesi(this.giorno, mesi);
  }
}

/** Two new Y.Docs with client ids drawn from the seed (so the demo bytes are reproducible). */
export function documentiDemo(r: Casuale): { admin: Y.Doc; prof: Y.Doc } {
  const admin = new Y.Doc();
  const prof = new Y.Doc();
  admin.clientID = r.intero(1, 2 ** 31 - 1);
  prof.clientID = r.intero(1, 2 ** 31 - 1);
  return { admin, prof };
}

/**
 * @module vista-progetto
 * Reads the progetto individualizzato from the prof document: its scalar fields, its
 * objectives (obiettivi → risultati attesi → impegni della persona → sostegni dei servizi
 * → tempi, and the outcome) and its reviews (verifiche), validating everything.
 */
import * as Y from 'yjs';
import { listaProf, mappaProf } from './cartella';
import { comeData, type DataIso } from './date';
import { comeAuthorKey, comeIdElemento, type AuthorKey, type ObiettivoId } from './ids';
import type { Problema } from './problemi';
import { oggetto, p } from './schema';
import { isRecord, listaDi, prop, stringa } from './valida';
import { ESITI_OBIETTIVO, type EsitoObiettivo } from './vocabolario';

const testo = p.testo(1, 4000);

/** Stored shape of an objective (value of the `obiettivi` map, keyed by id). */
export const FORMA_OBIETTIVO = {
  obbligatori: {
    descrizione: testo, risultatiAttesi: testo, impegniPersona: testo, sostegniServizi: testo,
    tempi: p.testo(1, 400), creatoIl: p.testo(20, 30),
  },
  facoltativi: { scadenza: p.data, esito: p.uno(ESITI_OBIETTIVO) },
};
const leggiObiettivo = oggetto(FORMA_OBIETTIVO.obbligatori, FORMA_OBIETTIVO.facoltativi);

/** One objective of the progetto. */
export type Obiettivo = NonNullable<ReturnType<typeof leggiObiettivo>> & { readonly id: ObiettivoId };

/** One review of the progetto, with outcomes per objective. */
export interface Verifica {
  readonly data: DataIso;
  readonly autore: AuthorKey;
  readonly note?: string;
  readonly esiti: readonly { readonly obiettivo: ObiettivoId; readonly esito: EsitoObiettivo }[];
}

/** The progetto individualizzato. */
export interface Progetto {
  readonly dataInizio: DataIso;
  /** Review every N months. */
  readonly verificaOgniMesi: number;
  readonly chiusuraPrevista: DataIso;
  /** The date the person signed it. */
  readonly firmatoIl?: DataIso;
  readonly obiettivi: readonly Obiettivo[];
  readonly verifiche: readonly Verifica[];
}

const leggiEsito = (x: unknown): Verifica['esiti'][number] | undefined => {
  const obiettivo = comeIdElemento<ObiettivoId>(prop(x, 'obiettivo'));
  const esito = p.uno(ESITI_OBIETTIVO)(prop(x, 'esito'));
  return obiettivo && esito ? { obiettivo, esito } : undefined;
};

/** Reads the progetto, or undefined when none was defined. */
export function leggiProgetto(prof: Y.Doc, problemi: Problema[]): Progetto | undefined {
  const m = mappaProf(prof, 'progetto');
  if (m.size === 0) return undefined;
  const dataInizio = comeData(m.get('dataInizio'));
  const mesi = p.numero(1, 24, true)(m.get('verificaOgniMesi'));
  const chiusura = comeData(m.get('chiusuraPrevista'));
  const firmatoRaw = m.get('firmatoIl');
  const firmatoIl = comeData(firmatoRaw);
  if (!dataInizio || !mesi || !chiusura || (firmatoRaw !== undefined && !firmatoIl)) {
    problemi.push({ parte: 'prof', sezione: 'progetto', chiave: '-', motivo: 'campi del progetto non validi' });
    return undefined;
  }
  const obiettivi: Obiettivo[] = [];
  for (const [id, raw] of mappaProf(prof, 'obiettivi').entries()) {
    const o = leggiObiettivo(raw);
    const oid = comeIdElemento<ObiettivoId>(id);
    if (o && oid) obiettivi.push({ ...o, id: oid });
    else problemi.push({ parte: 'prof', sezione: 'obiettivi', chiave: id, motivo: 'obiettivo non valido' });
  }
  obiettivi.sort((a, b) => (a.creatoIl + a.id < b.creatoIl + b.id ? -1 : 1));
  const verifiche: Verifica[] = [];
  listaProf(prof, 'verifiche').toArray().forEach((raw, i) => {
    const data = comeData(prop(raw, 'data'));
    const autore = comeAuthorKey(prop(raw, 'autore'));
    const esiti = listaDi(prop(raw, 'esiti'), leggiEsito, 200);
    const note = stringa(prop(raw, 'note'), 1, 4000);
    if (!isRecord(raw) || !data || !autore || !esiti) {
      problemi.push({ parte: 'prof', sezione: 'verifiche', chiave: String(i), motivo: 'verifica non valida' });
      return;
    }
    verifiche.push(note ? { data, autore, esiti, note } : { data, autore, esiti });
  });
  verifiche.sort((a, b) => (a.data < b.data ? -1 : a.data > b.data ? 1 : 0));
  const base = { dataInizio, verificaOgniMesi: mesi, chiusuraPrevista: chiusura, obiettivi, verifiche };
  return firmatoIl ? { ...base, firmatoIl } : base;
}

/** True when a value is the `testo` of a stored item (used by writers to find it). */
export function eFrammento(v: unknown): v is Y.XmlFragment {
  return v instanceof Y.XmlFragment;
}

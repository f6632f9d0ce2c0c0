/**
 * @module schema-agenda
 * The stored value of an appointment (one register of the admin map `agenda`, keyed by the
 * appointment id): what the front office books and what happened. It holds no note about
 * the content of the meeting: that belongs in the diary (prof part), which the appointment
 * only points to once done. One parser, used both to validate input and to read what any
 * replica wrote.
 */
import { comeOra, istanteRoma, type Ora } from './agenda-orari';
import {
  ANNULLATO_DA, LUOGHI_APPUNTAMENTO, STATI_APPUNTAMENTO, TIPI_APPUNTAMENTO,
} from './agenda-vocabolario';
import { comeIdElemento, type AuthorKey, type VoceDiarioId } from './ids';
import { oggetto, p, type Parser } from './schema';

/** Most people an appointment can involve from the équipe. */
export const MAX_OPERATORI = 10;

const ora = ((v) => comeOra(v)) as Parser<Ora>;

/** One to ten distinct roster keys. */
export const operatori: Parser<AuthorKey[]> = (v) => {
  const l = p.lista(p.chiave, MAX_OPERATORI)(v);
  return l && l.length > 0 && new Set(l).size === l.length ? l : undefined;
};

/** Required and optional fields of a stored appointment. */
export const FORMA_APPUNTAMENTO = {
  obbligatori: {
    tipo: p.uno(TIPI_APPUNTAMENTO),
    data: p.data,
    inizio: ora,
    fine: ora,
    luogo: p.uno(LUOGHI_APPUNTAMENTO),
    operatori,
    stato: p.uno(STATI_APPUNTAMENTO),
  },
  facoltativi: {
    /** Which office or address: stays in the cartella, never exported by default. */
    luogoDettaglio: p.testo(1, 200),
    /** Once done: the diary entry it became (prof part). */
    voceDiario: ((v) => comeIdElemento<VoceDiarioId>(v)) as Parser<VoceDiarioId>,
    /** Once cancelled: who cancelled. */
    annullatoDa: p.uno(ANNULLATO_DA),
  },
};

const campi = oggetto(FORMA_APPUNTAMENTO.obbligatori, FORMA_APPUNTAMENTO.facoltativi);

/** The plain data of an appointment. */
export type AppuntamentoDati = NonNullable<ReturnType<typeof campi>>;

/**
 * Parses a stored appointment: every field, and the rules between them (the end follows
 * the start; both times exist in Italy that day; only a done appointment points to a
 * diary entry; only a cancelled one says who cancelled it).
 */
export const leggiAppuntamento: Parser<AppuntamentoDati> = (v) => {
  const a = campi(v);
  if (!a || a.fine <= a.inizio) return undefined;
  if (!istanteRoma(a.data, a.inizio) || !istanteRoma(a.data, a.fine)) return undefined;
  if (a.voceDiario !== undefined && a.stato !== 'svolto') return undefined;
  if (a.annullatoDa !== undefined && a.stato !== 'annullato') return undefined;
  return a;
};

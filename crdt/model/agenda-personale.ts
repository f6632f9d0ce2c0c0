/**
 * @module agenda-personale
 * Time a worker plans that belongs to no cartella: back-office hours (DOMAIN.md: "schedule
 * back-office time"), a team meeting about several cases, training. It is the worker's own
 * agenda, not shared with anyone, so it lives in no cartella and in no room: the UI keeps
 * it on the device (encrypted at rest like everything else there). The model only defines
 * the value and its one validating parser, so the agenda queries and the .ics export can
 * show it beside the appointments of the cartelle.
 */
import { comeOra, istanteRoma, type Ora } from './agenda-orari';
import { comeData, type DataIso } from './date';
import { errore, ok, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { congela, isRecord, prop } from './valida';

/** Kinds of personal agenda item. */
export const TIPI_IMPEGNO = ['back_office', 'equipe', 'altro'] as const;
export type TipoImpegno = (typeof TIPI_IMPEGNO)[number];

/** Labels of the personal item kinds (also the default title of an exported event). */
export const ETICHETTE_TIPO_IMPEGNO: Readonly<Record<TipoImpegno, string>> = {
  back_office: 'Back-office',
  equipe: 'Riunione di équipe',
  altro: 'Impegno',
};

/** A personal agenda item, kept on the worker's device. */
export interface ImpegnoPersonale {
  /** Chosen by the UI that stores it (1–64 characters of base64url); stable across edits. */
  readonly id: string;
  readonly tipo: TipoImpegno;
  readonly data: DataIso;
  readonly inizio: Ora;
  readonly fine: Ora;
  /** The worker's own words; exported to a calendar only when asked. */
  readonly titolo?: string;
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Validates a personal agenda item (from the UI or from the device's store). */
export function comeImpegnoPersonale(v: unknown): Risultato<ImpegnoPersonale> {
  if (!isRecord(v)) return errore('input_non_valido', "Dati dell'impegno non validi.");
  const id = prop(v, 'id');
  if (typeof id !== 'string' || !ID.test(id)) return errore('id_non_valido', "L'identificativo dell'impegno non è valido.");
  const r = validaInput({ tipo: p.uno(TIPI_IMPEGNO), data: p.data }, { titolo: p.testo(1, 200) }, v,
    { tipo: "tipo di impegno", titolo: 'titolo' });
  if (!r.ok) return r;
  const data = comeData(r.value.data);
  const inizio = comeOra(prop(v, 'inizio'));
  const fine = comeOra(prop(v, 'fine'));
  if (!data) return errore('data_non_valida', "La data dell'impegno non è valida.");
  if (!inizio || !fine) return errore('ora_non_valida', "Indica l'ora di inizio e quella di fine come HH:MM (da 00:00 a 23:59).");
  if (fine <= inizio) return errore('date_incoerenti', "L'ora di fine deve seguire l'ora di inizio.");
  if (!istanteRoma(data, inizio) || !istanteRoma(data, fine)) {
    return errore('ora_non_valida', "Quell'ora non esiste il giorno del passaggio all'ora legale (dalle 02:00 alle 02:59).");
  }
  const base = { id, tipo: r.value.tipo, data, inizio, fine };
  return ok(congela(r.value.titolo ? { ...base, titolo: r.value.titolo } : base));
}

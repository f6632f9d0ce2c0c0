/**
 * @module crdt/agenda/giornata
 * The worker's day and week across every cartella open on the device: appointments,
 * deadlines (read-only, linked to their cartella) and personal items, in one sorted list.
 * It reads only what the device can decrypt: on an administrative device the deadlines that
 * live in the prof part (the progetto's) are simply not there.
 */
import {
  aggiungiGiorni, comeData, errore, giorniTra, leggiAdmin, leggiAgenda, leggiCartella, ok, statoCartella,
  type AuthorKey, type DataIso, type ImpegnoPersonale, type Risultato,
} from '../model';
import { scadenzeCartella } from './scadenze';
import { ordinaVoci, type CartellaInAgenda, type VoceAgenda } from './voci';

/** Options of the agenda queries. */
export interface OpzioniAgenda {
  /** Only the appointments this équipe member takes part in (deadlines and personal items stay). */
  readonly operatore?: AuthorKey;
  /** The worker's personal items kept on the device (validated with `comeImpegnoPersonale`). */
  readonly impegni?: readonly ImpegnoPersonale[];
  /** Include the cartelle's deadlines (default: yes). */
  readonly scadenze?: boolean;
  /** Include cancelled appointments (default: yes; the UI shows them struck through). */
  readonly annullati?: boolean;
}

/** Longest period one query covers. */
export const MASSIMO_GIORNI = 366;

/** Every agenda line from `dal` to `al` (both included), sorted. `now` dates the deadlines. */
export function agendaPeriodo(
  cartelle: readonly CartellaInAgenda[], periodo: { readonly dal: string; readonly al: string }, now: Date,
  opzioni: OpzioniAgenda = {},
): Risultato<readonly VoceAgenda[]> {
  const dal = comeData(periodo.dal);
  const al = comeData(periodo.al);
  if (!dal || !al) return errore('data_non_valida', "Le date del periodo dell'agenda non sono valide.");
  if (al < dal) return errore('date_incoerenti', 'La fine del periodo precede il suo inizio.');
  if (giorniTra(dal, al) >= MASSIMO_GIORNI) return errore('valore_non_valido', `L'agenda copre al massimo ${MASSIMO_GIORNI} giorni per volta.`);
  const dentro = (d: DataIso): boolean => d >= dal && d <= al;
  const voci: VoceAgenda[] = [];
  for (const { id, etichetta, cartella, vista: data } of cartelle) {
    // Deadlines need the whole cartella; appointments alone only the admin document.
    const vista = opzioni.scadenze === false ? data : data ?? leggiCartella(cartella);
    const cartellaChiusa = (vista?.stato ?? statoCartella(leggiAdmin(cartella.admin).vista)) === 'chiusa';
    for (const a of leggiAgenda(cartella.admin).appuntamenti) {
      if (!dentro(a.data)) continue;
      if (opzioni.annullati === false && a.stato === 'annullato') continue;
      if (opzioni.operatore !== undefined && !a.operatori.includes(opzioni.operatore)) continue;
      voci.push({ kind: 'appuntamento', chiave: `appuntamento:${id}:${a.id}`, data: a.data, inizio: a.inizio, fine: a.fine, cartella: id, etichetta, cartellaChiusa, appuntamento: a });
    }
    if (!vista || opzioni.scadenze === false) continue;
    for (const s of scadenzeCartella(vista, now)) {
      if (dentro(s.data)) voci.push({ kind: 'scadenza', chiave: `scadenza:${id}:${s.codice}:${s.codice === 'altro' ? s.avviso ?? '' : ''}:${s.data}`, data: s.data, cartella: id, etichetta, scadenza: s });
    }
  }
  for (const i of opzioni.impegni ?? []) {
    if (dentro(i.data)) voci.push({ kind: 'impegno', chiave: `impegno:${i.id}`, data: i.data, inizio: i.inizio, fine: i.fine, impegno: i });
  }
  return ok(Object.freeze(ordinaVoci(voci)));
}

/** The agenda of one day. */
export function agendaGiorno(
  cartelle: readonly CartellaInAgenda[], giorno: string, now: Date, opzioni: OpzioniAgenda = {},
): Risultato<readonly VoceAgenda[]> {
  return agendaPeriodo(cartelle, { dal: giorno, al: giorno }, now, opzioni);
}

/** The Monday of the week (Monday to Sunday, as in Italy) holding `giorno`. */
export function lunedi(giorno: DataIso): DataIso {
  const dow = new Date(`${giorno}T12:00:00Z`).getUTCDay(); // 0 = Sunday
  return aggiungiGiorni(giorno, -((dow + 6) % 7));
}

/** The agenda of the week (Monday to Sunday) holding `giorno`, with its first and last day. */
export function agendaSettimana(
  cartelle: readonly CartellaInAgenda[], giorno: string, now: Date, opzioni: OpzioniAgenda = {},
): Risultato<{ readonly dal: DataIso; readonly al: DataIso; readonly voci: readonly VoceAgenda[] }> {
  const g = comeData(giorno);
  if (!g) return errore('data_non_valida', 'Il giorno della settimana richiesta non è valido.');
  const dal = lunedi(g);
  const al = aggiungiGiorni(dal, 6);
  const r = agendaPeriodo(cartelle, { dal, al }, now, opzioni);
  return r.ok ? ok(Object.freeze({ dal, al, voci: r.value })) : r;
}

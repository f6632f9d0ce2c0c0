/**
 * @module crdt/agenda/ics
 * Exports agenda lines as an iCalendar file (RFC 5545) that a worker imports into a
 * calendar app. A calendar is outside the équipe's protection (a phone, a cloud account),
 * so by default an event says only what any calendar may show: the kind of appointment,
 * its times, the kind of place — never the person's name, codice fiscale, address or
 * anything about the case. `includiEtichetta` adds the label the caller gives each
 * cartella (and the title of personal items): the worker's explicit choice.
 *
 * Times are written as local times with TZID=Europe/Rome and the VTIMEZONE that defines it
 * (RFC 5545 §3.2.19 requires one for every TZID used): appointments are booked as wall-clock
 * times in Italy, and this keeps them so in any calendar, across summer time changes. The
 * one exception is a time in the hour that happens twice when summer time ends: RFC 5545
 * §3.3.5 says it means the first occurrence, but readers disagree (ical.js takes the
 * second), so that time is written as its UTC instant, which every reader reads alike.
 * UIDs are stable per appointment (re-importing updates the event instead of duplicating
 * it) yet opaque: a hash that neither names the cartella nor links the appointments of one
 * person. SEQUENCE is the appointment's number of changes, so a moved appointment replaces
 * its earlier version; a cancelled one is exported with STATUS:CANCELLED.
 */
import { blake2b, toHex } from '../../crypto';
import {
  ETICHETTE_LUOGO, ETICHETTE_TIPO_APPUNTAMENTO, ETICHETTE_TIPO_IMPEGNO, aggiungiGiorni, istanteRoma, oraRipetuta,
  type DataIso, type Ora,
} from '../model';
import { VTIMEZONE_ROMA, FUSO } from './ics-fuso';
import { dataIcs, dataOraIcs, istanteIcs, piegaRiga, testoIcs } from './ics-testo';
import { ETICHETTE_SCADENZA } from './scadenze';
import type { VoceAgenda } from './voci';

/** Options of {@link esportaIcs}. */
export interface OpzioniIcs {
  /** The export instant (DTSTAMP). */
  readonly now: Date;
  /** Put the cartella's label (and personal items' titles) in the event title. Default: no. */
  readonly includiEtichetta?: boolean;
  /** Export the deadlines too, as all-day events. Default: no. */
  readonly scadenze?: boolean;
  /**
   * A secret of the worker (16–64 bytes) keying the UIDs. Without it the UIDs are an
   * unkeyed hash of ids that only key holders know; with it, not even they can recompute them.
   */
  readonly segretoUid?: Uint8Array;
}

/** Identifies the producer of the file (RFC 5545 §3.7.3). */
export const PRODID = '-//Cartella//Agenda 1.0//IT';
const DOMINIO_UID = 'cartella-ics-uid-v1';

function uid(parti: readonly string[], segreto: Uint8Array | undefined): string {
  const dati = new TextEncoder().encode([DOMINIO_UID, ...parti].join('\u0000'));
  return `${toHex(blake2b(16, dati, segreto))}@cartella`;
}

function proprieta(nome: string, valore: string): string {
  return piegaRiga(`${nome}:${valore}`);
}

/** DTSTART/DTEND of a local time: with TZID, or in UTC for a time that happens twice. */
function quando(nome: 'DTSTART' | 'DTEND', data: DataIso, ora: Ora): string {
  const t = oraRipetuta(data, ora) ? istanteRoma(data, ora) : undefined;
  return proprieta(t ? nome : `${nome};TZID=${FUSO}`, t ? istanteIcs(t) : dataOraIcs(data, ora));
}

function evento(v: VoceAgenda, o: OpzioniIcs, dtstamp: string): string[] {
  const titolo = (base: string, extra: string | undefined): string =>
    testoIcs(o.includiEtichetta && extra ? `${base} — ${extra}` : base);
  const righe = ['BEGIN:VEVENT'];
  const p = (nome: string, valore: string): void => { righe.push(proprieta(nome, valore)); };
  switch (v.kind) {
    case 'appuntamento': {
      const a = v.appuntamento;
      p('UID', uid(['appuntamento', v.cartella, a.id], o.segretoUid));
      p('DTSTAMP', dtstamp);
      righe.push(quando('DTSTART', a.data, a.inizio), quando('DTEND', a.data, a.fine));
      p('SEQUENCE', String(a.revisione));
      p('SUMMARY', titolo(ETICHETTE_TIPO_APPUNTAMENTO[a.tipo], v.etichetta));
      p('LOCATION', testoIcs(ETICHETTE_LUOGO[a.luogo]));
      p('STATUS', a.stato === 'annullato' ? 'CANCELLED' : 'CONFIRMED');
      p('TRANSP', 'OPAQUE');
      break;
    }
    case 'impegno': {
      const i = v.impegno;
      p('UID', uid(['impegno', i.id], o.segretoUid));
      p('DTSTAMP', dtstamp);
      righe.push(quando('DTSTART', i.data, i.inizio), quando('DTEND', i.data, i.fine));
      p('SUMMARY', titolo(ETICHETTE_TIPO_IMPEGNO[i.tipo], i.titolo));
      p('STATUS', 'CONFIRMED');
      p('TRANSP', 'OPAQUE');
      break;
    }
    case 'scadenza': {
      const s = v.scadenza;
      // Stable while an avviso comes and goes on the same deadline (only 'altro' needs its code).
      p('UID', uid(['scadenza', v.cartella, s.codice, s.codice === 'altro' ? s.avviso ?? '' : '', s.data], o.segretoUid));
      p('DTSTAMP', dtstamp);
      p('DTSTART;VALUE=DATE', dataIcs(s.data));
      p('DTEND;VALUE=DATE', dataIcs(aggiungiGiorni(s.data, 1)));
      p('SUMMARY', titolo(`Scadenza: ${ETICHETTE_SCADENZA[s.codice]}`, v.etichetta));
      p('TRANSP', 'TRANSPARENT');
      break;
    }
  }
  p('CLASS', 'PRIVATE');
  righe.push('END:VEVENT');
  return righe;
}

/**
 * The iCalendar file of the given agenda lines (as `agendaPeriodo` returns them): CRLF line
 * ends, folded at 75 octets, UTF-8. Deadlines are left out unless `scadenze` is set.
 * Needs libsodium ready (`initSodium`), like the rest of the app.
 * @throws RangeError on an invalid `now` or a `segretoUid` outside 16–64 bytes (programming errors).
 */
export function esportaIcs(voci: readonly VoceAgenda[], o: OpzioniIcs): string {
  if (!(o.now instanceof Date) || Number.isNaN(o.now.getTime())) throw new RangeError('esportaIcs: istante non valido');
  if (o.segretoUid && (o.segretoUid.length < 16 || o.segretoUid.length > 64)) throw new RangeError('esportaIcs: segretoUid di 16–64 byte');
  const dtstamp = istanteIcs(o.now);
  const eventi = voci.filter((v) => v.kind !== 'scadenza' || o.scadenze === true);
  const righe = [
    'BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODID}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH',
    ...(eventi.some((v) => v.kind !== 'scadenza') ? VTIMEZONE_ROMA : []),
    ...eventi.flatMap((v) => evento(v, o, dtstamp)),
    'END:VCALENDAR',
  ];
  return `${righe.join('\r\n')}\r\n`;
}

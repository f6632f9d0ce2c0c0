/**
 * @module crdt/agenda
 * The agenda across the cartelle of a device: day and week queries over appointments,
 * deadlines and personal items, and the .ics export. See docs/AGENDA.md.
 */
export type { CartellaInAgenda, VoceAgenda, VoceAppuntamento, VoceScadenza, VoceImpegno } from './voci';
export { ordinaVoci } from './voci';
export { scadenzeCartella, CODICI_SCADENZA, ETICHETTE_SCADENZA, type Scadenza, type CodiceScadenza } from './scadenze';
export { agendaPeriodo, agendaGiorno, agendaSettimana, lunedi, MASSIMO_GIORNI, type OpzioniAgenda } from './giornata';
export { esportaIcs, PRODID, type OpzioniIcs } from './ics';
export { testoIcs, piegaRiga, OTTETTI_PER_RIGA } from './ics-testo';

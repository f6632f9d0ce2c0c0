/**
 * @module crdt/search/fixture
 * Test support (not exported): a hand-built office of five cartelle written through the
 * model's operations, with the names, codici fiscali and texts the search tests reason about
 * — an Italian apostrophe and accent in one name, two surnames sharing a prefix, a surname
 * that also appears in another cartella's diary, entries of different days, a relazione, a
 * verbale, a valutazione and a segretariato access.
 */
import {
  aggiornaAnagrafica, aggiungiMembroNucleo, aggiungiVerbale, aggiungiVoceDiario, carattereControllo, creaRelazione,
  leggiCartella, registraAccesso, registraValutazione, type Cartella, type CartellaId, type VistaCartella,
} from '../model';
import { alle, cartellaAperta, cartellaDiProva, certo } from '../model/fixtures';

/** A well-formed codice fiscale from its first 15 characters. */
export const cf = (primi15: string): string => primi15 + carattereControllo(primi15);

export const CF = {
  dangelo: cf('DNGNCL80A01X001'),
  lucia: cf('DNGLCU10A41X001'),
  rossi: cf('RSSMRA85E45X002'),
  bianchi: cf('BNCGNN50C10X003'),
  rossini: cf('RSSPLA70D20X004'),
} as const;

export const ID = {
  dangelo: 'cartella-dangelo-01',
  rossi: 'cartella-rossi-0001',
  bianchi: 'cartella-bianchi-01',
  rossini: 'cartella-rossini-01',
  accesso: 'cartella-accesso-01',
} as const;

/** A long diary text: the match ("sfratto") sits far from both ends. */
export const TESTO_LUNGO = [
  'Visita domiciliare concordata.',
  "L'abitazione è in un condominio di periferia, al terzo piano senza ascensore; la famiglia vi abita da dodici anni e conosce bene i vicini.",
  'Il signor Niccolò riferisce che è arrivata la notifica di sfratto esecutivo per morosità, con accesso dell\'ufficiale giudiziario fissato a marzo.',
  "Si concorda di contattare l'ufficio casa del comune e il CAF per la domanda di contributo all'affitto; nuovo colloquio tra due settimane per verificare.",
].join('\n');

export interface Ufficio {
  readonly cartelle: Readonly<Record<keyof typeof ID, Cartella>>;
  /** The entries of the D'Angelo diary by role. */
  readonly voci: { readonly vecchia: string; readonly lunga: string; readonly recente: string };
  readonly relazione: string;
}

/** Builds the office (deterministic ids only for cartelle; item ids depend on Yjs client ids). */
export function ufficio(): Ufficio {
  const d = cartellaAperta('2024-01-10', ID.dangelo);
  certo(aggiornaAnagrafica(d, { cognome: "D'Angelo", nome: 'Niccolò', codiceFiscale: CF.dangelo }, alle('2024-01-10')));
  certo(aggiungiMembroNucleo(d, { cognome: "D’Angelo", nome: 'Lucia', relazione: 'figlio', convivente: true, codiceFiscale: CF.lucia }, alle('2024-01-10')));
  const vecchia = certo(aggiungiVoceDiario(d, { data: '2024-01-15', tipo: 'colloquio', testo: "Primo colloquio: parla dell'assistente della scuola e dello sfratto temuto." }, alle('2024-01-15')));
  const lunga = certo(aggiungiVoceDiario(d, { data: '2024-02-20', tipo: 'visita_domiciliare', testo: TESTO_LUNGO }, alle('2024-02-20')));
  const recente = certo(aggiungiVoceDiario(d, { data: '2024-03-05', tipo: 'telefonata', testo: 'Telefonata: lo sfratto è rinviato di tre mesi. Perché la città non ha alloggi?' }, alle('2024-03-05')));
  const relazione = certo(creaRelazione(d, { titolo: 'Relazione per il Tribunale', destinatario: 'Tribunale per i minorenni', sezioni: { contesto: 'Nucleo monogenitoriale in emergenza abitativa.' } }, alle('2024-03-06')));
  certo(aggiungiVerbale(d, { data: '2024-03-07', partecipanti: ['Anna Rossa', 'Bruno Blu'], testo: 'Équipe: si valuta un progetto di housing sociale.' }, alle('2024-03-07')));
  certo(registraValutazione(d, { tipo: 'bisogno', data: '2024-03-08', testo: 'Bisogno abitativo urgente; rete familiare fragile.' }, alle('2024-03-08')));

  const r = cartellaAperta('2024-01-10', ID.rossi);
  certo(aggiornaAnagrafica(r, { cognome: 'Rossi', nome: 'Maria', codiceFiscale: CF.rossi }, alle('2024-01-10')));
  certo(aggiungiVoceDiario(r, { data: '2024-02-01', tipo: 'colloquio', testo: 'Colloquio sulla domanda di assegno di cura.' }, alle('2024-02-01')));

  const b = cartellaAperta('2024-01-10', ID.bianchi);
  certo(aggiornaAnagrafica(b, { cognome: 'Bianchi', nome: 'Giovanni', codiceFiscale: CF.bianchi }, alle('2024-01-10')));
  certo(aggiungiVoceDiario(b, { data: '2024-01-20', tipo: 'visita_domiciliare', testo: 'Presente la vicina, signora Rossi, che aiuta con la spesa.' }, alle('2024-01-20')));
  certo(aggiungiVoceDiario(b, { data: '2024-04-02', tipo: 'telefonata', testo: 'La signora Rossi segnala che il signor Bianchi non esce da giorni.' }, alle('2024-04-02')));

  const p = cartellaAperta('2024-01-10', ID.rossini);
  certo(aggiornaAnagrafica(p, { cognome: 'Rossini', nome: 'Paolo', codiceFiscale: CF.rossini }, alle('2024-01-10')));

  const a = cartellaDiProva('2024-05-02', ID.accesso);
  certo(registraAccesso(a, {
    data: '2024-05-02', canale: 'sportello', richiesta: "Richiesta di contributo per l'affitto di maggio.",
    orientamento: 'Orientata al bando regionale.', persona: { cognome: 'Esposito', nome: 'Carmela' },
  }, alle('2024-05-02')));

  return { cartelle: { dangelo: d, rossi: r, bianchi: b, rossini: p, accesso: a }, voci: { vecchia, lunga, recente }, relazione };
}

/** The office as the index receives it: id and view of every cartella. */
export function vistaUfficio(u: Ufficio): Array<{ id: CartellaId; view: VistaCartella }> {
  return (Object.keys(ID) as Array<keyof typeof ID>).map((k) => ({ id: ID[k] as CartellaId, view: leggiCartella(u.cartelle[k]) }));
}

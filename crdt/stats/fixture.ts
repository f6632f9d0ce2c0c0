/**
 * @module crdt/stats/fixture
 * Test support (not exported): nine cartelle of one small office built with the model's
 * operations at known dates, so that every figure of statistiche.test.ts can be computed by
 * hand. The story of each cartella is written beside it; `ORA` is the statistics' `now`.
 */
import * as Y from 'yjs';
import {
  aggiungiMembro, aggiungiVoceDiario, apriCartella, carattereControllo, concludiSegretariato,
  confermaChiusura, correggiVoceDiario, creaCartella, proponiChiusura, registraAccesso,
  registraDeterminazione, registraDocumento, revocaMembro, riapriCartella,
  type ApriCartellaInput, type AuthorKey, type Cartella, type Contesto, type Risultato, type TipoVoce,
} from '../model';

const chiave = (s: string): AuthorKey => s.padEnd(43, 'Q') as AuthorKey;
/** The office's équipe (names are the roster's) and a key no roster knows. */
export const EQUIPE = {
  anna: { chiave: chiave('anna'), nome: 'Anna Rossi' }, // assistente sociale, founder of every cartella
  bruno: { chiave: chiave('bruno'), nome: 'Bruno Bianchi' }, // assistente sociale
  elsa: { chiave: chiave('elsa'), nome: 'Elsa Verdi' }, // educatrice
  mara: { chiave: chiave('mara'), nome: 'Mara Neri' }, // amministrativa
  estraneo: { chiave: chiave('estraneo') },
} as const;

/** The statistics' `now`: 30 June 2025, 10:00 in Rome. */
export const ORA = new Date('2025-06-30T10:00:00+02:00');

/** The person of cartella 1: the strings no statistic may ever contain. */
const primi15 = 'ZCCGNV80A41X001';
export const PERSONA = {
  cognome: 'Zuccolotti', nome: 'Ginevra', codiceFiscale: `${primi15}${carattereControllo(primi15)}`,
  richiesta: 'Chiede sostegno per il figlio dopo la separazione', diario: 'Visita a casa Zuccolotti, via delle Rose 7',
  ente: 'Tribunale per i minorenni di Valdoria', destinazione: 'Comune di Borgoserio',
} as const;

const A = EQUIPE.anna.chiave;
const B = EQUIPE.bruno.chiave;
const E = EQUIPE.elsa.chiave;
const at = (data: string, autore: AuthorKey = A): Contesto => ({ autore, now: new Date(`${data}T10:00:00+01:00`) });
function certo<T>(r: Risultato<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

function nuova(n: number, data: string): Cartella {
  const c = certo(creaCartella({ id: `stat-prova-${n}`, nome: EQUIPE.anna.nome, ruolo: 'assistente_sociale' }, at(data)));
  certo(aggiungiMembro(c, { chiave: B, nome: EQUIPE.bruno.nome, ruolo: 'assistente_sociale' }, at(data)));
  certo(aggiungiMembro(c, { chiave: E, nome: EQUIPE.elsa.nome, ruolo: 'educatore' }, at(data)));
  certo(aggiungiMembro(c, { chiave: EQUIPE.mara.chiave, nome: EQUIPE.mara.nome, ruolo: 'amministrativo' }, at(data)));
  return c;
}
function accesso(c: Cartella, data: string): void {
  certo(registraAccesso(c, {
    data, canale: 'sportello', richiesta: PERSONA.richiesta,
    persona: { cognome: PERSONA.cognome, nome: PERSONA.nome, codiceFiscale: PERSONA.codiceFiscale },
  }, at(data)));
  certo(registraDocumento(c, { tipo: 'informativa_privacy', stato: 'acquisito', data }, at(data)));
}
function presaInCarico(c: Cartella, apertura: ApriCartellaInput): void {
  certo(concludiSegretariato(c, { esito: 'presa_in_carico', apertura }, at(apertura.data)));
}
function voce(c: Cartella, data: string, tipo: TipoVoce, autore: AuthorKey): string {
  return certo(aggiungiVoceDiario(c, { data, tipo, testo: PERSONA.diario }, at(data, autore)));
}
function chiudi(c: Cartella, proposta: string, conferma: string, extra: Parameters<typeof proponiChiusura>[1]): void {
  certo(proponiChiusura(c, { ...extra, data: proposta }, at(proposta)));
  certo(confermaChiusura(c, { data: conferma }, at(conferma)));
}
/** An entry written by another replica, bypassing the model's roster check (as a foreign device could). */
function voceEsterna(c: Cartella, id: string, data: string, tipo: TipoVoce, autore: AuthorKey, scrittoIl: string): void {
  const prof = c.prof as Y.Doc;
  prof.transact(() => {
    const m = new Y.Map<unknown>();
    prof.getArray('diario').push([m]);
    for (const [k, v] of Object.entries({ id, data, tipo, autore, scrittoIl })) m.set(k, v);
    m.set('testo', new Y.XmlFragment());
  });
}

/** The nine cartelle, in the order of the test's comments (C1 … C9). */
export function cartelleDiProva(): Cartella[] {
  // C1 famiglia e minori, open: access 10 Jan 2025, presa in carico 24 Jan (istanza received
  // 20 Jan, term 120 days → due 20 May, potere sostitutivo until 19 Jul: past term at ORA).
  const c1 = nuova(1, '2025-01-10');
  accesso(c1, '2025-01-10');
  presaInCarico(c1, { iniziativa: 'istanza', protocollo: '2025/17', dataRicezione: '2025-01-20', data: '2025-01-24', area: 'famiglia_minori', responsabile: A, termineGiorni: 120 });
  voce(c1, '2025-01-24', 'colloquio', A);
  const visita = voce(c1, '2025-02-05', 'visita_domiciliare', A);
  certo(correggiVoceDiario(c1, { corregge: visita, testo: 'Correzione: la visita era alle 11.' }, at('2025-02-06')));
  voce(c1, '2025-02-10', 'telefonata', E);
  voceEsterna(c1, 'zz-1', '2025-02-12', 'colloquio', EQUIPE.estraneo.chiave, '2025-02-12T09:00:00.000Z');

  // C2 anziani, closed for decesso: access 4 Nov 2024, presa in carico 29 Nov (d'ufficio),
  // proposal 3 Mar 2025, closure confirmed 5 Mar 2025.
  const c2 = nuova(2, '2024-11-04');
  accesso(c2, '2024-11-04');
  presaInCarico(c2, { iniziativa: 'ufficio', data: '2024-11-29', area: 'anziani', responsabile: A });
  voce(c2, '2024-11-29', 'colloquio', B);
  voce(c2, '2024-12-15', 'visita_domiciliare', B);
  voce(c2, '2025-01-08', 'telefonata', A);
  chiudi(c2, '2025-03-03', '2025-03-05', { motivo: 'decesso', data: '', dataDecesso: '2025-03-01' });

  // C3 disabili, opened d'ufficio 2 May 2023 without segretariato, decided 20 May 2023,
  // closed (conclusione) 20 Jan 2024, reopened 2 Sep 2024: open, phase valutazione.
  // Bruno is revoked on 1 Oct 2024; an entry under his key dated 5 Oct is not his to claim.
  const c3 = nuova(3, '2023-05-02');
  certo(apriCartella(c3, { iniziativa: 'ufficio', data: '2023-05-02', area: 'disabili', responsabile: A }, at('2023-05-02')));
  certo(registraDeterminazione(c3, { numero: '12/2023', data: '2023-05-20', esito: 'accolto' }, at('2023-05-20')));
  voce(c3, '2023-05-10', 'colloquio', E);
  chiudi(c3, '2024-01-15', '2024-01-20', { motivo: 'conclusione', data: '' });
  certo(riapriCartella(c3, { data: '2024-09-02', motivo: 'Nuova richiesta di aiuto.' }, at('2024-09-02')));
  voce(c3, '2024-09-02', 'colloquio', A);
  voce(c3, '2024-09-10', 'telefonata', B);
  certo(revocaMembro(c3, { chiave: B, data: '2024-10-01' }, at('2024-10-01')));
  voceEsterna(c3, 'zz-2', '2024-10-05', 'visita_domiciliare', B, '2024-10-05T08:00:00.000Z');

  // C4 povertà, closed for trasferimento: access and presa in carico the same day, 3 Jun
  // 2024 (richiesta of another body); proposal 2 Dec, closure 9 Dec 2024.
  const c4 = nuova(4, '2024-06-03');
  accesso(c4, '2024-06-03');
  presaInCarico(c4, { iniziativa: 'richiesta', ente: PERSONA.ente, data: '2024-06-03', area: 'poverta_disagio_adulti', responsabile: B });
  voce(c4, '2024-06-10', 'telefonata', B);
  chiudi(c4, '2024-12-02', '2024-12-09', { motivo: 'trasferimento', data: '', destinazione: PERSONA.destinazione });

  // C5 anziani, closed for inattività: opened d'ufficio 9 Jan 2023, last contact 16 Jan 2023,
  // proposal 1 Feb 2024, closure 5 Feb 2024.
  const c5 = nuova(5, '2023-01-09');
  certo(apriCartella(c5, { iniziativa: 'ufficio', data: '2023-01-09', area: 'anziani', responsabile: A }, at('2023-01-09')));
  voce(c5, '2023-01-16', 'colloquio', A);
  chiudi(c5, '2024-02-01', '2024-02-05', { motivo: 'inattivita', data: '' });

  // C6 multiutenza, opened d'ufficio 1 Mar 2024 (term 30 days → due 31 Mar, potere
  // sostitutivo until 15 Apr 2024), last contact 15 Mar 2024: inactive since 15 Mar 2025,
  // with an inactivity proposal of 20 Jun 2025 awaiting confirmation.
  const c6 = nuova(6, '2024-03-01');
  certo(apriCartella(c6, { iniziativa: 'ufficio', data: '2024-03-01', area: 'multiutenza', responsabile: A }, at('2024-03-01')));
  voce(c6, '2024-03-15', 'visita_domiciliare', E);
  certo(proponiChiusura(c6, { motivo: 'inattivita', data: '2025-06-20' }, at('2025-06-20')));

  // C7 segretariato ended with a segnalazione (access 1 Apr 2025, outcome 10 Apr).
  const c7 = nuova(7, '2025-04-01');
  accesso(c7, '2025-04-01');
  certo(concludiSegretariato(c7, { esito: 'segnalazione', data: '2025-04-10', destinatario: 'Consultorio familiare', motivo: PERSONA.richiesta }, at('2025-04-10')));

  // C8 segretariato in progress: access 20 Jun 2025.
  const c8 = nuova(8, '2025-06-20');
  accesso(c8, '2025-06-20');

  // C9 famiglia e minori, opened 16 Jun 2025 on an istanza received 13 Jun (due 13 Jul).
  const c9 = nuova(9, '2025-06-16');
  certo(apriCartella(c9, { iniziativa: 'istanza', protocollo: '2025/301', dataRicezione: '2025-06-13', data: '2025-06-16', area: 'famiglia_minori', responsabile: A }, at('2025-06-16')));

  return [c1, c2, c3, c4, c5, c6, c7, c8, c9];
}

/** The same cartelle as an administrative device holds them: the admin document only. */
export function soloAdmin(cartelle: readonly Cartella[]): Cartella[] {
  return cartelle.map((c) => {
    const admin = new Y.Doc();
    Y.applyUpdate(admin, Y.encodeStateAsUpdate(c.admin));
    return { admin, prof: null };
  });
}

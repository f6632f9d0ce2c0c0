/**
 * @module demo-percorso
 * The phases of a demo story, each a function over a {@link Storia}: the access, the
 * apertura with its documents, the assessment, the progetto with the procedure's decision,
 * and the delivery of the service with years of diary, verbali, reviews and ISEE renewals.
 */
import { aggiornaAnagrafica } from './anagrafica';
import { apriCartella } from './apertura';
import { aggiungiVoceDiario } from './diario';
import { registraDocumento } from './documenti';
import { cambiaFase } from './fasi';
import { registraIsee } from './isee';
import { aggiungiMembroNucleo } from './nucleo';
import { aggiornaPrestazione, registraPrestazione } from './prestazioni';
import { comunicaEsito, inviaComunicazioneAvvio, inviaPreavvisoRigetto, registraDeterminazione } from './procedimento';
import { definisciProgetto, firmaProgetto, prossimaVerifica, registraVerifica } from './progetto';
import { creaRelazione, rendiDefinitiva } from './relazioni';
import { concludiSegretariato, registraAccesso } from './segretariato';
import { aggiungiVerbale } from './verbali';
import { registraValutazione } from './valutazione';
import { leggiCartella } from './vista';
import { aggiungiGiorni, type DataIso } from './date';
import type { PrestazioneId } from './ids';
import { nomeProprio, cognomeSintetico, type PersonaDemo } from './demo-persone';
import { sezioniRelazioneDemo, testoVerbale, testoVoce } from './demo-testi';
import type { Storia } from './demo-storia';
import type { AreaUtenza } from './vocabolario';

const anno = (d: DataIso): string => d.slice(0, 4);

/** Records the access to the segretariato, with the informativa privacy. */
export function accesso(s: Storia, p: PersonaDemo): void {
  const front = s.r.forse(0.5) ? s.equipe.amm.chiave : s.as;
  s.fai(registraAccesso(s.c, { data: s.giorno, canale: s.r.scegli(['sportello', 'telefono', 'email', 'invio_altro_servizio'] as const), richiesta: s.r.scegli(['Chiede un aiuto economico per l\'affitto.', 'Chiede assistenza per un genitore anziano.', 'Chiede informazioni sui servizi per il figlio con disabilità.', 'Segnala difficoltà a gestire le spese quotidiane.']), orientamento: 'Fornite informazioni sui servizi del comune; fissato colloquio con l\'assistente sociale.', persona: { cognome: p.cognome, nome: p.nome, telefono: p.telefono } }, s.ctx(front)));
  s.fai(registraDocumento(s.c, { tipo: 'informativa_privacy', stato: 'firmato', data: s.giorno }, s.ctx(front)));
  s.avanza(2, 12);
  s.fai(aggiungiVoceDiario(s.c, { data: s.giorno, tipo: 'colloquio', testo: `Colloquio professionale con ${p.nome}. ${testoVoce(s.r, 'colloquio', p.nome)}` }, s.ctx()));
  s.avanza(1, 10);
}

/** The presa in carico (after the segretariato, d'ufficio or on request) and the apertura documents. */
export function apertura(s: Storia, p: PersonaDemo, area: AreaUtenza, daSegretariato: boolean, completa: boolean): void {
  const prot = `PG/${anno(s.giorno)}/${String(s.r.intero(1, 9999)).padStart(4, '0')}`;
  if (daSegretariato) {
    const ricezione = leggiCartella(s.c).admin.segretariato.accesso?.data ?? s.giorno;
    s.fai(concludiSegretariato(s.c, { esito: 'presa_in_carico', apertura: { iniziativa: 'istanza', protocollo: prot, dataRicezione: ricezione, data: s.giorno, area, responsabile: s.as } }, s.ctx()));
  } else {
    const richiesta = s.r.forse(0.5);
    s.fai(apriCartella(s.c, { iniziativa: richiesta ? 'richiesta' : 'ufficio', data: s.giorno, area, responsabile: s.as, ...(richiesta ? { ente: s.r.scegli(['Tribunale per i minorenni', 'Istituto comprensivo', 'Azienda sanitaria', 'Comune di provenienza']), protocollo: prot } : {}) }, s.ctx()));
  }
  s.fai(aggiornaAnagrafica(s.c, {
    cognome: p.cognome, nome: p.nome, codiceFiscale: p.codiceFiscale, dataNascita: p.dataNascita, luogoNascita: p.comuneNascita.nome,
    codiceCatastaleNascita: p.comuneNascita.catastale, genere: p.genere, cittadinanza: '100', indirizzo: p.indirizzo,
    comuneResidenza: p.comuneResidenza.nome, codiceComuneResidenza: p.comuneResidenza.istat, codiceRegioneResidenza: '99', codiceNazioneResidenza: '380', telefono: p.telefono,
  }, s.ctx(s.equipe.amm.chiave)));
  const ini = leggiCartella(s.c).admin.procedimento.iniziativa;
  if (ini?.tipo === 'istanza') s.fai(registraDocumento(s.c, { tipo: 'istanza', stato: 'firmato', data: ini.dataAvvio, protocollo: ini.protocollo }, s.ctx(s.equipe.amm.chiave)));
  if (ini?.tipo === 'richiesta') s.fai(registraDocumento(s.c, { tipo: 'richiesta_ente', stato: 'acquisito', data: s.giorno, protocollo: ini.protocollo }, s.ctx(s.equipe.amm.chiave)));
  s.fai(aggiungiVoceDiario(s.c, { data: s.giorno, tipo: 'colloquio', testo: `Presa in carico. ${testoVoce(s.r, 'colloquio', p.nome)}` }, s.ctx()));
  s.fai(aggiungiMembroNucleo(s.c, { cognome: p.cognome, nome: p.nome, relazione: 'intestatario', convivente: true, dataNascita: p.dataNascita, codiceFiscale: p.codiceFiscale }, s.ctx(s.equipe.amm.chiave)));
  for (let i = s.r.intero(0, 3); i > 0; i--) {
    const g = s.r.forse(0.5) ? 'F' : 'M';
    s.fai(aggiungiMembroNucleo(s.c, { cognome: s.r.forse(0.7) ? p.cognome : cognomeSintetico(s.r), nome: nomeProprio(s.r, g), relazione: s.r.scegli(['coniuge', 'figlio', 'figlio', 'genitore', 'convivente'] as const), convivente: s.r.forse(0.8) }, s.ctx(s.equipe.amm.chiave)));
  }
  if (!completa && s.r.forse(0.7)) return; // left with documents still missing: the avvisi show them
  s.fai(registraDocumento(s.c, { tipo: 'consenso_rete', stato: 'firmato', data: s.giorno }, s.ctx()));
  s.fai(registraDocumento(s.c, { tipo: 'stato_famiglia', stato: 'acquisito', data: s.giorno }, s.ctx(s.equipe.amm.chiave)));
  s.fai(inviaComunicazioneAvvio(s.c, { data: s.giorno, mezzo: s.r.scegli(['raccomandata a mano', 'PEC', 'raccomandata A/R']), amministrazione: `Comune di ${p.comuneResidenza.nome}`, oggetto: 'Presa in carico e valutazione del bisogno', ufficio: 'Servizi sociali comunali', responsabileProcedimento: s.equipe.as1.nome, rimedi: 'Potere sostitutivo del segretario comunale (art. 2 c. 9-bis L. 241/1990)', ufficioVisione: 'Ufficio servizi sociali, su appuntamento' }, s.ctx(s.equipe.amm.chiave)));
}

/** Valutazione del bisogno: diary over a few weeks and the assessment note. */
export function valutazione(s: Storia, p: PersonaDemo): void {
  s.avanza(2, 10);
  s.fai(cambiaFase(s.c, { fase: 'valutazione', data: s.giorno }, s.ctx()));
  for (let i = s.r.intero(2, 4); i > 0; i--) {
    s.avanza(4, 15);
    const tipo = s.tipoVoce();
    s.fai(aggiungiVoceDiario(s.c, { data: s.giorno, tipo, testo: testoVoce(s.r, tipo, p.nome) }, s.ctx(tipo === 'equipe' && s.r.forse(0.5) ? s.equipe.edu.chiave : s.as)));
  }
  s.fai(registraValutazione(s.c, { tipo: 'bisogno', data: s.giorno, testo: `Valutazione del bisogno di ${p.nome}. ${sezioniRelazioneDemo(s.r, p.nome).valutazione}` }, s.ctx()));
}

/** Elaborazione del progetto: relazione, progetto firmato, ISEE, determinazione and its communication. */
export function progetto(s: Storia, p: PersonaDemo): PrestazioneId {
  s.avanza(3, 10);
  s.fai(cambiaFase(s.c, { fase: 'progetto', data: s.giorno }, s.ctx()));
  const rel = s.fai(creaRelazione(s.c, { titolo: 'Relazione sociale', destinatario: 'Responsabile del servizio', sezioni: sezioniRelazioneDemo(s.r, p.nome) }, s.ctx()));
  s.avanza(1, 5);
  s.fai(rendiDefinitiva(s.c, { id: rel, data: s.giorno }, s.ctx()));
  const obiettivi = Array.from({ length: s.r.intero(1, 3) }, (_, i) => ({
    descrizione: ['Permanenza al domicilio in sicurezza', 'Stabilità economica del nucleo', 'Frequenza scolastica regolare', 'Autonomia negli spostamenti'][i] ?? 'Obiettivo',
    risultatiAttesi: 'Miglioramento osservabile nelle verifiche', impegniPersona: 'Partecipare ai colloqui e accettare gli interventi', sostegniServizi: 'Servizio sociale comunale e servizi della rete', tempi: `${s.r.intero(6, 12)} mesi`,
  }));
  s.fai(definisciProgetto(s.c, { dataInizio: s.giorno, verificaOgniMesi: s.r.scegli([3, 4, 6]), chiusuraPrevista: s.traMesi(s.r.intero(12, 24)), obiettivi }, s.ctx()));
  s.avanza(1, 7);
  s.fai(firmaProgetto(s.c, { data: s.giorno }, s.ctx()));
  const isee = s.r.forse(0.6);
  if (isee) s.fai(registraIsee(s.c, { valore: s.r.intero(1500, 14000) + s.r.intero(0, 99) / 100, dataAttestazione: s.giorno, dataDsu: s.giorno, protocolloDsu: `INPS-ISEE-${anno(s.giorno)}-${s.r.stringa(8, '0123456789')}` }, s.ctx(s.equipe.amm.chiave)));
  const pr = leggiCartella(s.c).admin.procedimento;
  if (pr.iniziativa?.tipo === 'istanza' && s.r.forse(0.2)) {
    s.fai(inviaPreavvisoRigetto(s.c, { data: s.giorno, motivi: 'Il contributo richiesto supera il massimo previsto dal regolamento.' }, s.ctx(s.equipe.amm.chiave)));
    s.avanza(11, 14);
    s.fai(registraDeterminazione(s.c, { numero: `DET-${anno(s.giorno)}-${s.r.intero(100, 999)}`, data: s.giorno, esito: 'parziale', motivazione: 'Accolta nei limiti del regolamento comunale.' }, s.ctx(s.equipe.amm.chiave)));
  } else {
    s.fai(registraDeterminazione(s.c, { numero: `DET-${anno(s.giorno)}-${s.r.intero(100, 999)}`, data: s.giorno, esito: 'accolto' }, s.ctx(s.equipe.amm.chiave)));
  }
  s.avanza(1, 5);
  s.fai(comunicaEsito(s.c, { data: s.giorno, mezzo: 'raccomandata a mano' }, s.ctx(s.equipe.amm.chiave)));
  const [codice, nome] = s.r.scegli([['A1.05', 'Assistenza domiciliare socio-assistenziale'], ['A3.02', 'Contributo economico per il sostegno al reddito'], ['A2.04', 'Interventi educativi domiciliari per minori'], ['B1.01', 'Frequenza di centro diurno per anziani']] as const);
  return s.fai(registraPrestazione(s.c, { codicePrestazione: codice, denominazione: nome, protocolloDomanda: pr.iniziativa?.protocollo ?? `PG/${anno(s.giorno)}/0001`, presenzaProvaMezzi: isee ? '1' : '4', carattere: '1', dataInizio: aggiungiGiorni(s.giorno, 7), importoMensile: s.r.intero(100, 600), periodoErogazione: 12 }, s.ctx(s.equipe.amm.chiave)));
}

/** Erogazione del servizio until `fine`: diary, verbali, reviews, ISEE renewals; ends the benefit if asked. */
export function erogazione(s: Storia, p: PersonaDemo, prestazione: PrestazioneId, fine: DataIso, chiudiPrestazione: boolean): void {
  s.avanza(7, 10);
  s.fai(cambiaFase(s.c, { fase: 'erogazione', data: s.giorno }, s.ctx()));
  let prossimoVerbale = s.giorno;
  while (s.resta(fine, 14)) {
    s.avanza(14, 60);
    const v = leggiCartella(s.c);
    const tipo = s.tipoVoce();
    s.fai(aggiungiVoceDiario(s.c, { data: s.giorno, tipo, testo: testoVoce(s.r, tipo, p.nome) }, s.ctx(tipo === 'equipe' || tipo === 'visita_domiciliare' ? s.r.scegli([s.as, s.equipe.edu.chiave]) : s.as)));
    if (s.giorno >= prossimoVerbale) {
      s.fai(aggiungiVerbale(s.c, { data: s.giorno, partecipanti: [s.equipe.as1.nome, s.equipe.edu.nome, s.r.scegli(['Operatrice SAD', 'Psicologa del consultorio', 'Insegnante referente', 'Medico di base'])], testo: testoVerbale(s.r, p.nome) }, s.ctx()));
      prossimoVerbale = s.traMesi(s.r.intero(2, 5));
    }
    const prog = v.prof?.progetto;
    if (prog?.firmatoIl && s.giorno >= prossimaVerifica(prog)) {
      s.fai(registraVerifica(s.c, { data: s.giorno, note: 'Verifica periodica con la persona.', esiti: prog.obiettivi.map((o) => ({ obiettivo: o.id, esito: s.r.scegli(['si', 'in_parte', 'in_parte', 'no'] as const) })) }, s.ctx()));
    }
    const isee = v.admin.procedimento.isee;
    if (isee && anno(isee.dataDsu) < anno(s.giorno) && s.r.forse(0.9)) {
      s.fai(registraIsee(s.c, { valore: s.r.intero(1500, 14000), dataAttestazione: s.giorno, dataDsu: s.giorno, protocolloDsu: `INPS-ISEE-${anno(s.giorno)}-${s.r.stringa(8, '0123456789')}` }, s.ctx(s.equipe.amm.chiave)));
    }
  }
  if (chiudiPrestazione) s.fai(aggiornaPrestazione(s.c, prestazione, { dataFine: s.giorno }, s.ctx(s.equipe.amm.chiave)));
}

import { describe, expect, it } from 'vitest';
import { avvisi } from './avvisi';
import { checklist } from './checklist';
import { confermaChiusura, proponiChiusura } from './chiusura';
import { aggiungiVoceDiario } from './diario';
import { registraDocumento } from './documenti';
import { cambiaFase } from './fasi';
import { alle, cartellaDiProva, certo, EQUIPE } from './fixtures';
import { registraIsee } from './isee';
import { aggiungiMembroNucleo } from './nucleo';
import { registraPrestazione } from './prestazioni';
import { comunicaEsito, inviaComunicazioneAvvio, registraDeterminazione } from './procedimento';
import { definisciProgetto, firmaProgetto, registraVerifica } from './progetto';
import { creaRelazione, rendiDefinitiva } from './relazioni';
import { concludiSegretariato, registraAccesso } from './segretariato';
import { aggiungiVerbale } from './verbali';
import { registraValutazione } from './valutazione';
import { verificaCartella } from './verifica';
import { leggiCartella } from './vista';
import type { Cartella } from './cartella';

const mancanti = (c: Cartella): string[] => checklist(leggiCartella(c)).mancanti.map((m) => m.requisito);

describe("the deck's whole path, from segretariato to closure", () => {
  it('walks one cartella through every phase, checking the checklist at each', () => {
    const c = cartellaDiProva('2024-01-08', 'percorso-completo-1');

    // Accesso e orientamento: scheda segretariato + informativa privacy.
    certo(registraAccesso(c, { data: '2024-01-08', canale: 'sportello', richiesta: 'La figlia chiede aiuto per la madre di 84 anni che vive sola.', orientamento: 'Informata su SAD e pasti a domicilio.', persona: { cognome: 'Tessandri', nome: 'Marta' } }, alle('2024-01-08', EQUIPE.verde)));
    expect(leggiCartella(c).fase?.fase).toBe('accesso');
    expect(mancanti(c)).toEqual(['informativa_privacy']);
    certo(registraDocumento(c, { tipo: 'informativa_privacy', stato: 'acquisito', data: '2024-01-08' }, alle('2024-01-08', EQUIPE.verde)));
    expect(checklist(leggiCartella(c)).completa).toBe(true);
    certo(aggiungiVoceDiario(c, { data: '2024-01-10', tipo: 'colloquio', testo: 'Colloquio professionale con la figlia.' }, alle('2024-01-10')));

    // Presa in carico on the citizen's istanza: opens the cartella.
    certo(concludiSegretariato(c, { esito: 'presa_in_carico', apertura: { iniziativa: 'istanza', protocollo: 'PG/2024/0042', dataRicezione: '2024-01-09', data: '2024-01-12', area: 'anziani', responsabile: EQUIPE.rossa } }, alle('2024-01-12')));
    expect(leggiCartella(c)).toMatchObject({ stato: 'aperta', fase: { fase: 'apertura', dal: '2024-01-12' } });
    expect(mancanti(c)).toEqual(['consenso_rete', 'stato_famiglia', 'diario', 'istanza', 'comunicazione_avvio']);
    certo(registraDocumento(c, { tipo: 'consenso_rete', stato: 'firmato', data: '2024-01-12' }, alle('2024-01-12')));
    certo(registraDocumento(c, { tipo: 'stato_famiglia', stato: 'acquisito', data: '2024-01-12' }, alle('2024-01-12', EQUIPE.verde)));
    certo(aggiungiMembroNucleo(c, { cognome: 'Tessandri', nome: 'Marta', relazione: 'intestatario', convivente: true }, alle('2024-01-12', EQUIPE.verde)));
    certo(registraDocumento(c, { tipo: 'istanza', stato: 'firmato', data: '2024-01-09', protocollo: 'PG/2024/0042' }, alle('2024-01-12', EQUIPE.verde)));
    certo(aggiungiVoceDiario(c, { data: '2024-01-12', tipo: 'colloquio', testo: 'Presa in carico.' }, alle('2024-01-12')));
    expect(mancanti(c)).toEqual(['comunicazione_avvio']);
    expect(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15'))).toMatchObject({ ok: false, code: 'checklist_incompleta' });
    certo(inviaComunicazioneAvvio(c, { data: '2024-01-13', mezzo: 'raccomandata a mano', amministrazione: 'Comune di Valdoria', oggetto: 'Servizio di assistenza domiciliare', ufficio: 'Servizi sociali', responsabileProcedimento: 'Anna Rossa', rimedi: 'Potere sostitutivo del segretario comunale', ufficioVisione: 'Servizi sociali, piano terra' }, alle('2024-01-13', EQUIPE.verde)));
    certo(cambiaFase(c, { fase: 'valutazione', data: '2024-01-15' }, alle('2024-01-15')));

    // Valutazione del bisogno: diary of the phase (+ ISEE once a means-tested benefit appears).
    expect(mancanti(c)).toEqual(['diario']);
    certo(aggiungiVoceDiario(c, { data: '2024-01-18', tipo: 'visita_domiciliare', testo: 'Visita domiciliare: casa in ordine, cucina poco usata.' }, alle('2024-01-18')));
    certo(registraValutazione(c, { tipo: 'bisogno', data: '2024-01-19', testo: 'Bisogno di aiuto nella cura della persona e nei pasti.' }, alle('2024-01-19')));
    certo(registraIsee(c, { valore: 9100, dataAttestazione: '2024-01-17', dataDsu: '2024-01-16' }, alle('2024-01-19', EQUIPE.verde)));
    certo(registraPrestazione(c, { codicePrestazione: 'A1.05', denominazione: 'Assistenza domiciliare socio-assistenziale', protocolloDomanda: 'PG/2024/0042', presenzaProvaMezzi: '1', carattere: '1', dataInizio: '2024-02-05', importoMensile: 180 }, alle('2024-01-19', EQUIPE.verde)));
    expect(checklist(leggiCartella(c)).voci.map((v) => [v.requisito, v.completo])).toEqual([['diario', true], ['attestazione_isee', true]]);
    certo(cambiaFase(c, { fase: 'progetto', data: '2024-01-22' }, alle('2024-01-22')));

    // Elaborazione progetto: relazione sociale, progetto firmato; determinazione and its communication.
    expect(mancanti(c)).toEqual(['relazione_sociale', 'progetto_firmato', 'determinazione', 'comunicazione_esito']);
    const rel = certo(creaRelazione(c, { titolo: 'Relazione sociale', destinatario: 'Responsabile del servizio', sezioni: { contesto: 'Vedova, vive sola, figlia a 20 km.', finalita: 'Valutare il SAD.', metodologia: 'Due colloqui e una visita domiciliare.', situazione: 'Autonoma nella mobilità, fatica nella cura di sé.', valutazione: 'Rischio di isolamento.', proposta: 'SAD tre volte a settimana.' } }, alle('2024-01-23')));
    certo(rendiDefinitiva(c, { id: rel, data: '2024-01-24' }, alle('2024-01-24')));
    const [ob] = certo(definisciProgetto(c, { dataInizio: '2024-02-05', verificaOgniMesi: 3, chiusuraPrevista: '2024-12-31', obiettivi: [{ descrizione: 'Permanenza al domicilio', risultatiAttesi: 'Igiene e pasti regolari', impegniPersona: 'Accettare gli operatori', sostegniServizi: 'SAD comunale', tempi: '12 mesi' }] }, alle('2024-01-25')));
    certo(firmaProgetto(c, { data: '2024-01-26' }, alle('2024-01-26')));
    certo(registraDeterminazione(c, { numero: 'DET-2024-031', data: '2024-01-30', esito: 'accolto' }, alle('2024-01-30', EQUIPE.verde)));
    expect(mancanti(c)).toEqual(['comunicazione_esito']);
    certo(comunicaEsito(c, { data: '2024-01-31', mezzo: 'raccomandata' }, alle('2024-01-31', EQUIPE.verde)));
    certo(cambiaFase(c, { fase: 'erogazione', data: '2024-02-05' }, alle('2024-02-05')));

    // Erogazione del servizio: diary and verbali d'équipe.
    expect(mancanti(c)).toEqual(['diario', 'verbale_equipe']);
    certo(aggiungiVoceDiario(c, { data: '2024-03-01', tipo: 'telefonata', testo: 'La figlia riferisce che il SAD procede bene.' }, alle('2024-03-01')));
    certo(aggiungiVerbale(c, { data: '2024-04-10', partecipanti: ['Anna Rossa', 'Gino Giallo', 'Coordinatrice SAD'], testo: 'Verifica dell\'andamento.' }, alle('2024-04-10', EQUIPE.gialla)));
    certo(registraVerifica(c, { data: '2024-04-26', esiti: [{ obiettivo: ob ?? '', esito: 'si' }] }, alle('2024-04-26')));
    expect(checklist(leggiCartella(c)).completa).toBe(true);
    certo(cambiaFase(c, { fase: 'conclusione', data: '2024-12-01' }, alle('2024-12-01')));

    // Valutazione finale e conclusione: diary, then closure proposed and confirmed.
    expect(mancanti(c)).toEqual(['diario']);
    certo(registraValutazione(c, { tipo: 'finale', data: '2024-12-10', testo: 'Obiettivo raggiunto.' }, alle('2024-12-10')));
    certo(aggiungiVoceDiario(c, { data: '2024-12-10', tipo: 'colloquio', testo: 'Colloquio di chiusura con la signora e la figlia.' }, alle('2024-12-10')));
    expect(checklist(leggiCartella(c)).completa).toBe(true);
    certo(proponiChiusura(c, { motivo: 'conclusione', data: '2024-12-12', note: 'Dimissione: la figlia si trasferisce dalla madre.' }, alle('2024-12-12')));
    certo(confermaChiusura(c, { data: '2024-12-15' }, alle('2024-12-15', EQUIPE.blu)));

    const v = leggiCartella(c);
    expect(v.stato).toBe('chiusa');
    expect(verificaCartella(v)).toEqual([]);
    expect(avvisi(v, new Date('2024-12-16T12:00:00Z'))).toEqual([]);
  });
});

/**
 * @module siuss/testkit/fixture
 * Test-only cartelle with known values for the SIUSS export (not exported by crdt/siuss):
 * an elderly woman with four prestazioni (one subject to ISEE, one one-off, one outside the
 * first half of 2024, one without dates), a man whose anagrafica lacks what SIUSS requires,
 * and a twelve-year-old boy for the SINBA flow. Everyone here is invented; the comuni codes
 * (999xxx, X0nn) exist nowhere.
 */
import {
  aggiornaAnagrafica, aggiornaSchedaSinba, apriCartella, carattereControllo, registraIsee, registraPrestazione,
  type Cartella, type ModificaSchedaSinba, type PrestazioneId,
} from '../../model';
import { alle, cartellaAperta, cartellaDiProva, certo, EQUIPE } from '../../model/fixtures';
import type { SinbaRequestInput } from '../sinbaFlow';
import type { SiussRequestInput } from '../request';

/** A codice fiscale of the right shape with its control character. */
export function cf(primi15: string): string {
  return primi15 + carattereControllo(primi15);
}

/** The sender used by every test. */
export const ENTE = {
  codice: 'ENTE-999001', denominazione: 'Comune di Valdoria — Servizi sociali', codiceCatastale: 'X001', cfOperatore: cf('RSSNNA80A41X001'),
} as const;

/** First half of 2024. */
export const PERIODO = { dal: '2024-01-01', al: '2024-06-30' } as const;

/** A PS request for {@link PERIODO}. */
export const RICHIESTA: SiussRequestInput = { ente: ENTE, periodo: PERIODO, nomeFlusso: 'PS-2024-S1' };

/** A denomination with every character XML must escape. */
export const DENOMINAZIONE_SPECIALE = `Assistenza domiciliare & pasti <SAD> "a casa" dell'anziana`;

export interface Tessandri {
  readonly cartella: Cartella;
  readonly sad: PrestazioneId;
  readonly contributo: PrestazioneId;
  readonly futura: PrestazioneId;
  readonly senzaDate: PrestazioneId;
}

/** Marta Tessandri, born 1940, area anziani, with four prestazioni. */
export function tessandri(): Tessandri {
  const c = cartellaAperta('2024-01-10', 'cartella-tessandri');
  certo(aggiornaAnagrafica(c, {
    cognome: 'Tessandri', nome: 'Marta', codiceFiscale: cf('TSSMRT40A41X001'), dataNascita: '1940-01-01', codiceCatastaleNascita: 'X001',
    genere: 'F', cittadinanza: '100', codiceNazioneResidenza: '380', codiceRegioneResidenza: '99', codiceComuneResidenza: '999001',
  }, alle('2024-01-11')));
  certo(registraIsee(c, { valore: 8200.5, dataAttestazione: '2024-01-20', dataDsu: '2024-01-15', protocolloDsu: 'INPS-ISEE-2024-00000001X-00' }, alle('2024-01-20')));
  const sad = certo(registraPrestazione(c, {
    codicePrestazione: 'A1.05', denominazione: DENOMINAZIONE_SPECIALE, protocolloDomanda: 'PG/2024/55', presenzaProvaMezzi: '1',
    carattere: '1', dataInizio: '2024-02-01', importoMensile: 240, quotaEnte: 200, quotaUtente: 40.5, periodoErogazione: 12, oreServizioMensile: 12.5,
  }, alle('2024-02-01', EQUIPE.verde)));
  const contributo = certo(registraPrestazione(c, {
    codicePrestazione: 'A3.02', denominazione: 'Contributo economico una tantum', protocolloDomanda: 'PG/2024/77', presenzaProvaMezzi: '4',
    carattere: '2', dataErogazione: '2024-03-15', importo: 350.75,
  }, alle('2024-03-15', EQUIPE.verde)));
  const futura = certo(registraPrestazione(c, {
    codicePrestazione: 'B1.01', denominazione: 'Frequenza di centro diurno per anziani', protocolloDomanda: 'PG/2024/90', presenzaProvaMezzi: '4',
    carattere: '1', dataInizio: '2024-09-01',
  }, alle('2024-06-01', EQUIPE.verde)));
  const senzaDate = certo(registraPrestazione(c, {
    codicePrestazione: 'A1.99', denominazione: 'Prestazione registrata senza date', protocolloDomanda: 'PG/2024/91', presenzaProvaMezzi: '4',
  }, alle('2024-06-01', EQUIPE.verde)));
  return { cartella: c, sad, contributo, futura, senzaDate };
}

/** Paolo Corvetti: cartella opened, one prestazione in the period, anagrafica without codice fiscale, gender and citizenship. */
export function corvettiIncompleto(): { readonly cartella: Cartella; readonly prestazione: PrestazioneId } {
  const c = cartellaAperta('2024-01-10', 'cartella-corvetti');
  certo(aggiornaAnagrafica(c, {
    cognome: 'Corvetti', nome: 'Paolo', dataNascita: '1975-05-05', codiceCatastaleNascita: 'X002',
    codiceNazioneResidenza: '380', codiceRegioneResidenza: '99',
  }, alle('2024-01-11')));
  const prestazione = certo(registraPrestazione(c, {
    codicePrestazione: 'A3.02', denominazione: 'Contributo economico per il sostegno al reddito', protocolloDomanda: 'PG/2024/12',
    presenzaProvaMezzi: '4', carattere: '1', dataInizio: '2024-02-01', importoMensile: 150,
  }, alle('2024-02-01', EQUIPE.verde)));
  return { cartella: c, prestazione };
}

/**
 * Luca Bragetti, born 2012-03-10 (a minor in 2024), area famiglia e minori, educational support
 * at home; his scheda SINBA ({@link SCHEDA_BRAGETTI}) recorded by his social worker unless `scheda` is false.
 */
export function bragettiMinore(scheda = true): { readonly cartella: Cartella; readonly prestazione: PrestazioneId } {
  const c = cartellaDiProva('2024-01-10', 'cartella-bragetti');
  certo(apriCartella(c, { iniziativa: 'ufficio', data: '2024-01-10', area: 'famiglia_minori', responsabile: EQUIPE.rossa }, alle('2024-01-10')));
  certo(aggiornaAnagrafica(c, {
    cognome: 'Bragetti', nome: 'Luca', codiceFiscale: cf('BRGLCU12C10X003'), dataNascita: '2012-03-10', codiceCatastaleNascita: 'X003',
    genere: 'M', cittadinanza: '100', codiceNazioneResidenza: '380', codiceRegioneResidenza: '99', codiceComuneResidenza: '999003',
  }, alle('2024-01-11')));
  certo(registraIsee(c, { valore: 5400, dataAttestazione: '2024-01-20', dataDsu: '2024-01-15' }, alle('2024-01-20')));
  const prestazione = certo(registraPrestazione(c, {
    codicePrestazione: 'A2.04', denominazione: 'Interventi educativi domiciliari per minori', protocolloDomanda: 'PG/2024/31',
    presenzaProvaMezzi: '1', carattere: '1', dataInizio: '2024-02-15', importoMensile: 300,
  }, alle('2024-02-15', EQUIPE.verde)));
  if (scheda) certo(aggiornaSchedaSinba(c, SCHEDA_BRAGETTI, alle('2024-02-20')));
  return { cartella: c, prestazione };
}

/** A complete scheda SINBA for Luca (the model's fields; the export names them as SINBA.xsd does). */
export const SCHEDA_BRAGETTI = {
  minoreStranieroNoAcc: '2', condizioneMinore: '1', luogoVita: '1', scuolaFrequentata: '6', condizioneLavoro: '1', disabilita: '2',
  dataPrimaSegnalazione: '01/2024', fonteSegnalazione: '13', valutazioneMinore: '2', valutazioneFamigliaMinore: '2',
  segnalazioneAutoritaGiudiziaria: '2', provvedimentoGiudiziario: '2', titoloStudioMadre: '5', numeroComponentiIsee: 3,
  composizioneFamiglia: ['1', '3'],
} as const satisfies ModificaSchedaSinba;

/** A fixed, non-zero pseudonym key (tests only). */
export const CHIAVE = Uint8Array.from({ length: 32 }, (_, i) => i + 1);

/** A SINBA request for {@link PERIODO}. */
export const RICHIESTA_SINBA: SinbaRequestInput = { ente: ENTE, periodo: PERIODO, nomeFlusso: 'SINBA-2024-S1', chiavePseudonimo: CHIAVE };

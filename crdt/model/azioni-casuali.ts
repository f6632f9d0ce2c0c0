/**
 * @module azioni-casuali
 * Random operations for the property tests: a small language of actions covering every
 * operation of the model, with inputs that are sometimes valid and sometimes not, applied
 * to a cartella at a given instant. The generator (fast-check) lives in the test file, so
 * this module imports nothing but the model. Test support only.
 */
import type { Cartella, Contesto } from './cartella';
import { aggiornaAnagrafica } from './anagrafica';
import { passoGuidato } from './azione-guidata';
import { apriCartella } from './apertura';
import { confermaChiusura, proponiChiusura, riapriCartella, ritiraProposta } from './chiusura';
import { aggiungiVoceDiario, correggiVoceDiario } from './diario';
import { aggiornaDocumento, registraDocumento } from './documenti';
import { cambiaFase } from './fasi';
import { EQUIPE } from './fixtures';
import { registraIsee } from './isee';
import { aggiungiMembroNucleo } from './nucleo';
import { registraPrestazione } from './prestazioni';
import { comunicaEsito, inviaPreavvisoRigetto, registraDeterminazione, sospendiTermine } from './procedimento';
import { definisciProgetto, firmaProgetto, registraVerifica } from './progetto';
import type { Risultato } from './risultato';
import { concludiSegretariato, registraAccesso } from './segretariato';
import { aggiungiVerbale } from './verbali';
import { leggiCartella } from './vista';
import { FASI, MOTIVI_CHIUSURA, TIPI_DOCUMENTO, TIPI_VOCE, STATI_DOCUMENTO } from './vocabolario';
import type { DataIso } from './date';

/** One random action: an operation (25 and above: the guided next step), an author, a few numbers for its input. */
export interface Azione { readonly op: number; readonly autore: number; readonly a: number; readonly b: number; readonly t: string }

/** Number of action kinds: 0–24 are single operations, 25 and above the guided next step. */
export const NUMERO_AZIONI = 50;
/** Free texts the actions use (some invalid on purpose). */
export const TESTI = ['111', '222', 'Rossi', 'x', '', 'Via Roma 1'] as const;

const AUTORI = [EQUIPE.rossa, EQUIPE.rossa, EQUIPE.rossa, EQUIPE.blu, EQUIPE.blu, EQUIPE.blu, EQUIPE.gialla, EQUIPE.verde, EQUIPE.verde, EQUIPE.estranea];
const di = <T>(l: readonly T[], n: number): T => l[n % l.length] as T;

/** Applies an action to a cartella on day `oggi` (the context's day). */
export function applica(c: Cartella, x: Azione, ctx0: Contesto, oggi: DataIso): Risultato<unknown> {
  const ctx: Contesto = { ...ctx0, autore: di(AUTORI, x.autore) };
  const v = leggiCartella(c);
  const voce = v.prof?.diario[x.a % Math.max(1, v.prof.diario.length)]?.id ?? 'zz-0';
  const doc = v.admin.documenti[x.a % Math.max(1, v.admin.documenti.length)]?.id ?? 'zz-0';
  const ob = v.prof?.progetto?.obiettivi[0]?.id ?? 'zz-0';
  switch (x.op) {
    case 0: return registraAccesso(c, { data: oggi, canale: 'sportello', richiesta: `Richiesta ${x.t}` }, ctx);
    case 1: return registraDocumento(c, { tipo: di(TIPI_DOCUMENTO, x.a), stato: di(STATI_DOCUMENTO, x.b), data: oggi, descrizione: 'Documento' }, ctx);
    case 2: return aggiornaDocumento(c, { id: doc, stato: di(STATI_DOCUMENTO, x.b), data: oggi }, ctx);
    case 3: return concludiSegretariato(c, x.b % 2 === 0
      ? { esito: 'presa_in_carico', apertura: { iniziativa: 'istanza', protocollo: x.a % 3 ? `P${x.a}` : '', dataRicezione: oggi, data: oggi, area: 'anziani', responsabile: EQUIPE.rossa } }
      : { esito: 'segnalazione', data: oggi, destinatario: 'ATS', motivo: 'Bisogno sanitario' }, ctx);
    case 4: return apriCartella(c, { iniziativa: x.a % 2 ? 'ufficio' : 'richiesta', ente: x.b % 2 ? 'Tribunale' : '', data: oggi, area: 'famiglia_minori', responsabile: di(AUTORI, x.b) }, ctx);
    case 5: return aggiornaAnagrafica(c, { [di(['telefono', 'cognome', 'indirizzo', 'nome'], x.a)]: x.t }, ctx);
    case 6: return aggiungiMembroNucleo(c, { cognome: 'Tessandri', nome: x.t || 'Ugo', relazione: 'figlio', convivente: x.b % 2 === 0 }, ctx);
    case 7: case 8: return aggiungiVoceDiario(c, { data: oggi, tipo: di(TIPI_VOCE, x.a), testo: `Voce ${x.t}` }, ctx);
    case 9: return correggiVoceDiario(c, { corregge: voce, testo: `Correzione ${x.t}` }, ctx);
    case 10: return cambiaFase(c, { fase: di(FASI, x.a), data: oggi }, ctx);
    case 11: return sospendiTermine(c, { dal: oggi, giorni: x.a, motivo: 'Acquisizione documenti' }, ctx);
    case 12: return inviaPreavvisoRigetto(c, { data: oggi, motivi: 'Requisiti' }, ctx);
    case 13: return registraDeterminazione(c, { numero: `D${x.a}`, data: oggi, esito: di(['accolto', 'parziale', 'respinto'] as const, x.b), motivazione: x.t || undefined }, ctx);
    case 14: return comunicaEsito(c, { data: oggi, mezzo: 'PEC' }, ctx);
    case 15: return registraIsee(c, { valore: x.a * 500, dataAttestazione: oggi, dataDsu: oggi }, ctx);
    case 16: return registraPrestazione(c, { codicePrestazione: 'A1.05', denominazione: 'Assistenza domiciliare', protocolloDomanda: `P${x.a}`, presenzaProvaMezzi: di(['1', '4'] as const, x.b), carattere: '1', dataInizio: oggi }, ctx);
    case 17: return definisciProgetto(c, { dataInizio: oggi, verificaOgniMesi: 1 + (x.a % 6), chiusuraPrevista: '2030-01-01', obiettivi: x.b % 3 ? [{ descrizione: 'A', risultatiAttesi: 'B', impegniPersona: 'C', sostegniServizi: 'D', tempi: 'E' }] : [] }, ctx);
    case 18: return firmaProgetto(c, { data: oggi }, ctx);
    case 19: return registraVerifica(c, { data: oggi, esiti: [{ obiettivo: ob, esito: di(['si', 'in_parte', 'no'] as const, x.a) }] }, ctx);
    case 20: return proponiChiusura(c, { motivo: di(MOTIVI_CHIUSURA, x.a), data: oggi, destinazione: 'Altrove', dataDecesso: oggi }, ctx);
    case 21: return confermaChiusura(c, { data: oggi }, ctx);
    case 22: return ritiraProposta(c, { data: oggi }, ctx);
    case 23: return riapriCartella(c, { data: oggi, motivo: 'Nuovo bisogno' }, ctx);
    case 24: return aggiungiVerbale(c, { data: oggi, partecipanti: ['A', 'B'], testo: x.t }, ctx);
    default: return passoGuidato(c, { ...ctx0, autore: x.autore % 2 ? EQUIPE.rossa : EQUIPE.blu }, oggi);
  }
}

/**
 * @module prestazioni
 * The benefits (prestazioni) granted to the person, carrying the attributes the SIUSS flow
 * requires (PS_PSA_SINA201812.xsd: CodicePrestazione, DenominazionePrestazione,
 * ProtocolloDomanda, PresenzaProvaMezzi, dates, amounts ...). Rules: the end cannot precede
 * the start; a periodic benefit has a start; a benefit subject to ISEE needs the attestation.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { autorizza, controllaConflitto } from './guardie';
import { nuovoId, type PrestazioneId } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { validaInput } from './schema';
import { FORMA_PRESTAZIONE, type PrestazioneDati } from './schema-elementi';
import { soloDefiniti } from './valida';
import { leggiAdmin, type Prestazione, type VistaAdmin } from './vista-admin';

/** Input of {@link registraPrestazione} (SIUSS attribute in brackets). */
export interface PrestazioneInput {
  /** [CodicePrestazione] 5–10 characters, from the SIUSS nomenclature. */
  readonly codicePrestazione: string;
  /** [DenominazionePrestazione] 10–200 characters. */
  readonly denominazione: string;
  /** [ProtocolloDomanda] protocol of the request. */
  readonly protocolloDomanda: string;
  /** [PresenzaProvaMezzi] 1 ISEE, 2 other means test, 3 ISEE waived, 4 none. */
  readonly presenzaProvaMezzi: '1' | '2' | '3' | '4';
  /** [CaratterePrestazione] 1 periodic, 2 one-off. */
  readonly carattere?: '1' | '2';
  readonly dataEvento?: string;
  readonly dataInizio?: string;
  readonly dataFine?: string;
  readonly dataErogazione?: string;
  readonly importo?: number;
  readonly periodoErogazione?: number;
  readonly importoMensile?: number;
  readonly quotaEnte?: number;
  readonly quotaUtente?: number;
  readonly quotaSsn?: number;
  readonly quotaRichiesta?: number;
  readonly sogliaIsee?: number;
  readonly oreServizioMensile?: number;
}

function controlla(x: PrestazioneDati, v: VistaAdmin): Errore | undefined {
  if (x.dataInizio && x.dataFine && x.dataFine < x.dataInizio) {
    return errore('date_incoerenti', 'La fine della prestazione precede il suo inizio.');
  }
  if (x.carattere === '1' && !x.dataInizio) return errore('campo_obbligatorio', 'Una prestazione periodica richiede la data di inizio.');
  if (x.presenzaProvaMezzi === '1' && !v.procedimento.isee) {
    return errore('isee_mancante', "La prestazione è soggetta a ISEE: registra prima l'attestazione.");
  }
  return undefined;
}

/** Records a benefit granted. */
export function registraPrestazione(c: Cartella, input: PrestazioneInput, ctx: Contesto): Risultato<PrestazioneId> {
  const { vista } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const v = validaInput(FORMA_PRESTAZIONE.obbligatori, FORMA_PRESTAZIONE.facoltativi, input);
  if (!v.ok) return v;
  const e2 = controlla(v.value, vista);
  if (e2) return e2;
  return esegui(c.admin, 'registraPrestazione', ctx, () => {
    const id = nuovoId<PrestazioneId>(c.admin);
    scriviCampo(sezioneAdmin(c.admin, 'prestazioni'), undefined, id, v.value, ctx);
    return id;
  });
}

/** Changes a benefit (e.g. its end date or amounts). */
export function aggiornaPrestazione(
  c: Cartella, id: string, modifica: Partial<PrestazioneInput>, ctx: Contesto,
): Risultato<PrestazioneId> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const attuale = vista.prestazioni.find((x) => x.id === id);
  if (!attuale) return errore('prestazione_inesistente', 'Prestazione non trovata nella cartella.');
  const { id: pid, ...dati } = attuale;
  const v = validaInput(FORMA_PRESTAZIONE.obbligatori, FORMA_PRESTAZIONE.facoltativi, soloDefiniti({ ...dati, ...modifica }));
  if (!v.ok) return v;
  const e2 = controlla(v.value, vista) ?? controllaConflitto(registri, 'prestazioni', pid, 'prestazione');
  if (e2) return e2;
  return esegui(c.admin, 'aggiornaPrestazione', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'prestazioni'), registri.prestazioni.get(pid), pid, v.value, ctx);
    return pid;
  });
}

/** True when a benefit is being delivered on `oggi` (started, not ended). */
export function prestazioneAttiva(x: Prestazione, oggi: string): boolean {
  const inizio = x.dataInizio ?? x.dataErogazione ?? x.dataEvento;
  if (!inizio || inizio > oggi) return false;
  if (x.dataFine) return x.dataFine >= oggi;
  return x.carattere !== '2';
}

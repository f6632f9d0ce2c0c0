/**
 * @module procedimento
 * The procedimento amministrativo beside the help process (L. 241/1990; deck, "Iter
 * amministrativo"): suspension of the term (art. 2 c. 7), comunicazione di avvio with the
 * contents of art. 8, preavviso di rigetto before any refusal of an istanza (art. 10-bis),
 * the determinazione and the written communication of the outcome. Terms: termini.ts.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { aggiungiGiorni, giorno, type DataIso } from './date';
import { autorizza, controllaConflitto } from './guardie';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { CAMPI_PROCEDIMENTO, type Procedimento } from './schema-admin';
import { GIORNI_OSSERVAZIONI, preavvisoConcluso, termini } from './termini';
import { leggiAdmin, type RegistriAdmin } from './vista-admin';
import { ESITI_DETERMINAZIONE, type EsitoDeterminazione } from './vocabolario';

type Campo = keyof typeof CAMPI_PROCEDIMENTO;
interface Stato { readonly pr: Procedimento; readonly registri: RegistriAdmin; readonly oggi: DataIso; readonly avvio: DataIso }

/** Shared checks and the single write of every procedure operation. */
function opera<I>(
  c: Cartella, ctx: Contesto, nome: string, campo: Campo, input: I,
  costruisci: (s: Stato, input: I) => Risultato<unknown>,
): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const pr = vista.procedimento;
  if (!pr.iniziativa || !vista.meta.apertura) return errore('cartella_non_aperta', 'Il procedimento inizia con la presa in carico.');
  const v = costruisci({ pr, registri, oggi: giorno(ctx.now), avvio: pr.iniziativa.dataAvvio }, input);
  if (!v.ok) return v;
  const valore = CAMPI_PROCEDIMENTO[campo](v.value);
  if (valore === undefined) return errore('valore_non_valido', 'Dati del procedimento non validi.');
  const cf = controllaConflitto(registri, 'procedimento', campo);
  if (cf) return cf;
  return esegui(c.admin, nome, ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'procedimento'), registri.procedimento.get(campo), campo, valore, ctx);
    return null;
  });
}

function data(d: DataIso, s: Stato, cosa: string): Errore | undefined {
  if (d > s.oggi) return errore('data_futura', `La data ${cosa} è nel futuro.`);
  if (d < s.avvio) return errore('date_incoerenti', `La data ${cosa} precede l'avvio del procedimento.`);
  return undefined;
}
const aperto = (s: Stato): Errore | undefined =>
  s.pr.determinazione ? errore('procedimento_concluso', 'Il procedimento è già concluso con la determinazione.') : undefined;

/** Suspends the term once, for at most 30 days, to acquire information (art. 2 c. 7). */
export function sospendiTermine(c: Cartella, input: { dal: string; giorni: number; motivo: string }, ctx: Contesto): Risultato<null> {
  return opera(c, ctx, 'sospendiTermine', 'sospensione', input, (s, i) => {
    if (s.pr.sospensione) return errore('sospensione_gia_usata', 'Il termine può essere sospeso una sola volta.');
    if (typeof i.giorni === 'number' && i.giorni > 30) return errore('sospensione_troppo_lunga', 'La sospensione non può superare 30 giorni.');
    const v = validaInput({ dal: p.data, giorni: p.numero(1, 30, true), motivo: p.testo(1, 4000) }, {}, i);
    if (!v.ok) return v;
    return aperto(s) ?? data(v.value.dal, s, 'di sospensione') ?? v;
  });
}

/** Input of {@link inviaComunicazioneAvvio}: the contents art. 8 requires. */
export interface ComunicazioneAvvioInput {
  readonly data: string;
  readonly mezzo: string;
  readonly amministrazione: string;
  readonly oggetto: string;
  readonly ufficio: string;
  readonly responsabileProcedimento: string;
  /** Remedies against inaction (art. 8 c. 2 c-bis). */
  readonly rimedi: string;
  /** Office where the file can be seen (art. 8 c. 2 d). */
  readonly ufficioVisione: string;
}

const CONTENUTI_ART8: Readonly<Record<string, string>> = {
  amministrazione: "l'amministrazione competente", oggetto: "l'oggetto del procedimento",
  ufficio: "l'ufficio", responsabileProcedimento: 'il responsabile del procedimento',
  rimedi: "i rimedi esperibili in caso di inerzia", ufficioVisione: "l'ufficio dove prendere visione degli atti",
  mezzo: 'il mezzo di invio', data: "la data d'invio",
};

/** Records the comunicazione di avvio; the due date and the istanza's date are filled in. */
export function inviaComunicazioneAvvio(c: Cartella, input: ComunicazioneAvvioInput, ctx: Contesto): Risultato<null> {
  return opera(c, ctx, 'inviaComunicazioneAvvio', 'comunicazioneAvvio', input, (s, i) => {
    if (s.pr.comunicazioneAvvio) return errore('comunicazione_avvio_gia_inviata', 'La comunicazione di avvio è già stata inviata.');
    const mancanti = Object.keys(CONTENUTI_ART8).filter((k) => p.testo(1, 4000)((i as unknown as Record<string, unknown>)[k]) === undefined);
    if (mancanti.length > 0) {
      return errore('comunicazione_avvio_incompleta', `La comunicazione di avvio (art. 8 L. 241/1990) deve indicare: ${mancanti.map((k) => CONTENUTI_ART8[k]).join(', ')}.`);
    }
    const d = p.data(i.data);
    if (!d) return errore('data_non_valida', "La data d'invio non è valida.");
    const t = termini(s.pr, ctx.now);
    const e = aperto(s) ?? data(d, s, "d'invio");
    if (e || !t) return e ?? errore('cartella_non_aperta', 'Procedimento non avviato.');
    const ist = s.pr.iniziativa?.tipo === 'istanza' ? s.pr.iniziativa.dataRicezione : undefined;
    return { ok: true, value: { ...i, data: d, dataConclusione: t.scadenza, ...(ist ? { dataIstanza: ist } : {}) } };
  });
}

/** Records the preavviso di rigetto (art. 10-bis): the citizen has 10 days to answer. */
export function inviaPreavvisoRigetto(c: Cartella, input: { data: string; motivi: string }, ctx: Contesto): Risultato<null> {
  return opera(c, ctx, 'inviaPreavvisoRigetto', 'preavvisoRigetto', input, (s, i) => {
    if (s.pr.preavvisoRigetto) return errore('preavviso_gia_inviato', 'Il preavviso di rigetto è già stato inviato.');
    const v = validaInput({ data: p.data, motivi: p.testo(1, 4000) }, {}, i);
    if (!v.ok) return v;
    return aperto(s) ?? data(v.value.data, s, 'del preavviso') ?? v;
  });
}

/** Records the date the citizen's observations arrived after a preavviso di rigetto. */
export function registraOsservazioni(c: Cartella, input: { data: string }, ctx: Contesto): Risultato<null> {
  return opera(c, ctx, 'registraOsservazioni', 'preavvisoRigetto', input, (s, i) => {
    const pr = s.pr.preavvisoRigetto;
    if (!pr) return errore('preavviso_rigetto_mancante', 'Nessun preavviso di rigetto a cui rispondere.');
    const d = p.data(i.data);
    if (!d) return errore('data_non_valida', 'La data delle osservazioni non è valida.');
    if (d < pr.data) return errore('date_incoerenti', 'Le osservazioni non possono precedere il preavviso.');
    return aperto(s) ?? data(d, s, 'delle osservazioni') ?? { ok: true, value: { ...pr, osservazioniIl: d } };
  });
}

/** Input of {@link registraDeterminazione}. */
export interface DeterminazioneInput {
  readonly numero: string;
  readonly data: string;
  readonly esito: EsitoDeterminazione;
  /** Required for a refusal, total or partial. */
  readonly motivazione?: string;
}

/**
 * Records the determinazione. Refusing an istanza, wholly or in part, requires a preavviso
 * di rigetto first, and its 10 days (or the citizen's observations) before deciding.
 */
export function registraDeterminazione(c: Cartella, input: DeterminazioneInput, ctx: Contesto): Risultato<null> {
  return opera(c, ctx, 'registraDeterminazione', 'determinazione', input, (s, i) => {
    if (s.pr.determinazione) return errore('determinazione_gia_presente', 'La determinazione è già registrata.');
    const v = validaInput({ numero: p.testo(1, 40), data: p.data, esito: p.uno(ESITI_DETERMINAZIONE) }, { motivazione: p.testo(1, 4000) }, i);
    if (!v.ok) return v;
    const e = data(v.value.data, s, 'della determinazione');
    if (e) return e;
    if (v.value.esito !== 'accolto') {
      if (!v.value.motivazione) return errore('campo_obbligatorio', 'Un rigetto, anche parziale, va motivato.');
      if (s.pr.iniziativa?.tipo === 'istanza') {
        const pr = s.pr.preavvisoRigetto;
        if (!pr) return errore('preavviso_rigetto_mancante', "Prima di respingere un'istanza serve il preavviso di rigetto (art. 10-bis L. 241/1990).");
        if (!preavvisoConcluso(s.pr, v.value.data)) {
          return errore('preavviso_rigetto_in_corso', `Il cittadino ha tempo fino al ${aggiungiGiorni(pr.data, GIORNI_OSSERVAZIONI)} per presentare osservazioni.`);
        }
      }
    }
    return v;
  });
}

/** Records the written communication of the outcome to the citizen (integrativa dell'efficacia). */
export function comunicaEsito(c: Cartella, input: { data: string; mezzo: string }, ctx: Contesto): Risultato<null> {
  return opera(c, ctx, 'comunicaEsito', 'comunicazioneEsito', input, (s, i) => {
    const det = s.pr.determinazione;
    if (!det) return errore('determinazione_mancante', "L'esito si comunica dopo la determinazione.");
    if (s.pr.comunicazioneEsito) return errore('esito_gia_comunicato', "L'esito è già stato comunicato.");
    const v = validaInput({ data: p.data, mezzo: p.testo(1, 200) }, {}, i);
    if (!v.ok) return v;
    if (v.value.data < det.data) return errore('date_incoerenti', 'La comunicazione non può precedere la determinazione.');
    return data(v.value.data, s, 'della comunicazione') ?? v;
  });
}

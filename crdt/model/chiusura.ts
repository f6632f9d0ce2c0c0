/**
 * @module chiusura
 * Closing a cartella (deck, "La chiusura della cartella sociale"): exactly four reasons —
 * conclusione del processo di aiuto, nessun accesso e nessun intervento per un anno,
 * trasferimento/cambio di residenza, decesso. Closure is proposed, then confirmed; a
 * closed cartella is read-only until reopened; reopening is recorded and the history of
 * proposals, closures and reopenings stays readable (the register's writes).
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { comeData, giorno, type DataIso } from './date';
import { autorizza, controllaConflitto } from './guardie';
import { inattivita } from './inattivita';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Errore, type Risultato } from './risultato';
import { statoCartella } from './stato';
import { soloDefiniti, stringa, unoDi } from './valida';
import { leggiCartella } from './vista';
import { leggiAdmin, type EventoChiusuraFirmato, type RegistriAdmin } from './vista-admin';
import { MOTIVI_CHIUSURA, RUOLI_DECISIONALI, type MotivoChiusura } from './vocabolario';

/** Input of {@link proponiChiusura}. */
export interface PropostaChiusuraInput {
  readonly motivo: MotivoChiusura;
  readonly data: string;
  readonly note?: string;
  /** Trasferimento: where the person moved (comune or service). */
  readonly destinazione?: string;
  /** Decesso: date of death. */
  readonly dataDecesso?: string;
}

function scrivi(c: Cartella, registri: RegistriAdmin, nome: string, valore: object, ctx: Contesto, fase?: DataIso): Risultato<null> {
  return esegui(c.admin, nome, ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'chiusura'), registri.chiusura.get('stato'), 'stato', soloDefiniti(valore), ctx);
    if (fase) scriviCampo(sezioneAdmin(c.admin, 'meta'), registri.meta.get('fase'), 'fase', { fase: 'valutazione', dal: fase }, ctx);
    return null;
  });
}

function dataValida(raw: string, ctx: Contesto, minima: DataIso | undefined, cosa: string): DataIso | Errore {
  const d = comeData(raw);
  if (!d) return errore('data_non_valida', `La data ${cosa} non è valida.`);
  if (d > giorno(ctx.now)) return errore('data_futura', `La data ${cosa} è nel futuro.`);
  if (minima && d < minima) return errore('date_incoerenti', `La data ${cosa} precede il ${minima}.`);
  return d;
}
const eErr = (x: unknown): x is Errore => typeof x === 'object' && x !== null && 'ok' in x;

/** Proposes closing an open cartella for one of the four reasons. */
export function proponiChiusura(c: Cartella, input: PropostaChiusuraInput, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const motivo = unoDi(MOTIVI_CHIUSURA, input.motivo);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, prof: motivo === 'inattivita' });
  if (e) return e;
  const stato = statoCartella(vista);
  if (stato === 'chiusura_proposta') return errore('chiusura_gia_proposta', 'La chiusura è già stata proposta.');
  if (stato !== 'aperta') return errore('cartella_non_aperta', 'Si propone la chiusura di una cartella aperta.');
  if (!motivo) return errore('motivo_chiusura_non_valido', 'Il motivo di chiusura dev\'essere uno dei quattro previsti.');
  const data = dataValida(input.data, ctx, vista.meta.apertura?.data, 'della proposta');
  if (eErr(data)) return data;
  const destinazione = stringa(input.destinazione, 1, 200);
  if (motivo === 'trasferimento' && !destinazione) return errore('campo_obbligatorio', 'Indica dove si è trasferita la persona.');
  let dataDecesso: DataIso | undefined;
  if (motivo === 'decesso') {
    const d = dataValida(input.dataDecesso ?? '', ctx, undefined, 'del decesso');
    if (eErr(d)) return input.dataDecesso === undefined ? errore('campo_obbligatorio', 'Indica la data del decesso.') : d;
    dataDecesso = d;
  }
  if (motivo === 'inattivita' && !inattivita(leggiCartella(c), ctx.now).inattiva) {
    return errore('inattivita_non_maturata', "Non è ancora passato un anno senza accessi né interventi.");
  }
  const cf = controllaConflitto(registri, 'chiusura', 'stato', 'chiusura');
  if (cf) return cf;
  const note = stringa(input.note, 1, 4000);
  return scrivi(c, registri, 'proponiChiusura', { stato: 'proposta', motivo, data, note, destinazione, dataDecesso }, ctx);
}

/** Confirms the pending proposal: the cartella becomes closed and read-only. */
export function confermaChiusura(c: Cartella, input: { data: string }, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const prop = vista.chiusura.attuale;
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, prof: prop?.motivo === 'inattivita' });
  if (e) return e;
  if (statoCartella(vista) !== 'chiusura_proposta' || !prop || !prop.motivo) {
    return errore('nessuna_proposta_chiusura', 'Non c\'è una proposta di chiusura da confermare.');
  }
  const data = dataValida(input.data, ctx, prop.data, 'di chiusura');
  if (eErr(data)) return data;
  if (prop.motivo === 'inattivita' && !inattivita(leggiCartella(c), ctx.now).inattiva) {
    return errore('inattivita_non_maturata', "Dopo la proposta c'è stata attività: la chiusura per inattività non vale più.");
  }
  const cf = controllaConflitto(registri, 'chiusura', 'stato', 'chiusura');
  if (cf) return cf;
  const { autore: _a, il: _i, stato: _s, data: dataProposta, ...resto } = prop;
  return scrivi(c, registri, 'confermaChiusura', { ...resto, stato: 'chiusa', data, dataProposta }, ctx);
}

/** Withdraws a pending proposal (the cartella stays open). */
export function ritiraProposta(c: Cartella, input: { data: string; note?: string }, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI });
  if (e) return e;
  const prop = vista.chiusura.attuale;
  if (statoCartella(vista) !== 'chiusura_proposta' || !prop) return errore('nessuna_proposta_chiusura', 'Non c\'è una proposta di chiusura da ritirare.');
  const data = dataValida(input.data, ctx, prop.data, 'del ritiro');
  if (eErr(data)) return data;
  const cf = controllaConflitto(registri, 'chiusura', 'stato', 'chiusura');
  if (cf) return cf;
  return scrivi(c, registri, 'ritiraProposta', { stato: 'ritirata', data, note: stringa(input.note, 1, 4000) }, ctx);
}

/** Reopens a closed cartella, recording why; the phase restarts from the assessment. */
export function riapriCartella(c: Cartella, input: { data: string; motivo: string }, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI, ammessaChiusa: true });
  if (e) return e;
  const chiusa = vista.chiusura.attuale;
  if (statoCartella(vista) !== 'chiusa' || !chiusa) return errore('cartella_non_chiusa', 'Si riapre solo una cartella chiusa.');
  const motivo = stringa(input.motivo, 1, 4000);
  if (!motivo) return errore('campo_obbligatorio', 'Indica perché la cartella viene riaperta.');
  const data = dataValida(input.data, ctx, chiusa.data, 'di riapertura');
  if (eErr(data)) return data;
  const cf = controllaConflitto(registri, 'chiusura', 'stato', 'chiusura') ?? controllaConflitto(registri, 'meta', 'fase', 'fase');
  if (cf) return cf;
  return scrivi(c, registri, 'riapriCartella', { stato: 'riaperta', data, note: motivo }, ctx, data);
}

/** The closure history: proposals, withdrawals, closures and reopenings, oldest first. */
export function storiaChiusura(c: Cartella): readonly EventoChiusuraFirmato[] {
  return leggiAdmin(c.admin).vista.chiusura.storia;
}

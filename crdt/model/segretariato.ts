/**
 * @module segretariato
 * The segretariato sociale (L. 328/2000 art. 22; deck, "L'apertura della cartella"): an
 * access is recorded — date, channel, request, orientation given — and ends with exactly
 * one outcome: presa in carico (which opens the cartella, see apertura.ts), segnalazione
 * to another service (to whom, why), or chiusura.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { giorno } from './date';
import { validaAnagrafica, scriviAnagrafica, type ModificaAnagrafica } from './anagrafica';
import { apriCartella, type ApriCartellaInput } from './apertura';
import { autorizza, controllaConflitto } from './guardie';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { CAMPI_SEGRETARIATO } from './schema-admin';
import { statoCartella } from './stato';
import { leggiAdmin } from './vista-admin';
import { CANALI, RUOLI_DECISIONALI, type Canale } from './vocabolario';

/** Input of {@link registraAccesso}. */
export interface RegistraAccessoInput {
  readonly data: string;
  readonly canale: Canale;
  /** The request, in the person's words. */
  readonly richiesta: string;
  /** Information and first orientation given (front office). */
  readonly orientamento?: string;
  /** Personal data collected at the access. */
  readonly persona?: ModificaAnagrafica;
}

const NOMI = { data: 'data', canale: 'canale', richiesta: 'richiesta', orientamento: 'orientamento' };

/** Records the access to the segretariato sociale (the scheda segretariato sociale). */
export function registraAccesso(c: Cartella, input: RegistraAccessoInput, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  if (statoCartella(vista) !== 'nuova') {
    return errore('segretariato_gia_registrato', "L'accesso di questa cartella è già registrato.");
  }
  const v = validaInput({ data: p.data, canale: p.uno(CANALI), richiesta: p.testo(1, 4000) },
    { orientamento: p.testo(1, 4000) }, input, NOMI);
  if (!v.ok) return v;
  if (v.value.data > giorno(ctx.now)) return errore('data_futura', "La data dell'accesso è nel futuro.");
  const persona = validaAnagrafica(input.persona ?? {}, registri);
  if (!persona.ok) return persona;
  const cf = controllaConflitto(registri, 'segretariato', 'accesso', 'accesso');
  if (cf) return cf;
  return esegui(c.admin, 'registraAccesso', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'segretariato'), registri.segretariato.get('accesso'), 'accesso', v.value, ctx);
    scriviAnagrafica(c, registri, persona.value, ctx);
    return null;
  });
}

/** Input of {@link concludiSegretariato}: the one outcome. */
export type ConcludiSegretariatoInput =
  | { readonly esito: 'presa_in_carico'; readonly apertura: ApriCartellaInput }
  | { readonly esito: 'segnalazione'; readonly data: string; readonly destinatario: string; readonly motivo: string }
  | { readonly esito: 'chiusura'; readonly data: string; readonly motivo?: string };

/**
 * Ends the segretariato with its outcome. Presa in carico opens the cartella (same rules
 * as {@link apriCartella}); segnalazione needs the recipient and the reason.
 */
export function concludiSegretariato(c: Cartella, input: ConcludiSegretariatoInput, ctx: Contesto): Risultato<null> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx, { ruoli: RUOLI_DECISIONALI });
  if (e) return e;
  const stato = statoCartella(vista);
  if (stato === 'nuova') return errore('segretariato_assente', "Nessun accesso al segretariato da concludere.");
  if (stato !== 'accesso') return errore('segretariato_concluso', 'Il segretariato di questa cartella è già concluso.');
  if (input.esito === 'presa_in_carico') {
    const r = apriCartella(c, input.apertura, ctx);
    return r.ok ? { ok: true, value: null } : r;
  }
  const v = input.esito === 'segnalazione'
    ? validaInput({ esito: p.uno(['segnalazione'] as const), data: p.data, destinatario: p.testo(1, 200), motivo: p.testo(1, 4000) }, {}, input)
    : validaInput({ esito: p.uno(['chiusura'] as const), data: p.data }, { motivo: p.testo(1, 4000) }, input);
  if (!v.ok) return v;
  const valore = CAMPI_SEGRETARIATO.esito(v.value);
  if (!valore) return errore('valore_non_valido', 'Esito del segretariato non valido.');
  if (valore.data > giorno(ctx.now)) return errore('data_futura', "La data dell'esito è nel futuro.");
  if (vista.segretariato.accesso && valore.data < vista.segretariato.accesso.data) {
    return errore('date_incoerenti', "L'esito non può precedere l'accesso.");
  }
  return esegui(c.admin, 'concludiSegretariato', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'segretariato'), registri.segretariato.get('esito'), 'esito', valore, ctx);
    return null;
  });
}

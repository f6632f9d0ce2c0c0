/**
 * @module nucleo
 * The household (nucleo familiare, as the stato di famiglia lists it). Members are never
 * deleted: someone who leaves the household gets an end date (`finoAl`), so the history
 * of the family stays readable.
 */
import { sezioneAdmin, type Cartella, type Contesto } from './cartella';
import { giorno } from './date';
import { autorizza, controllaConflitto } from './guardie';
import { nuovoId, type MembroNucleoId } from './ids';
import { esegui } from './operazione';
import { scriviCampo } from './registro';
import { errore, type Risultato } from './risultato';
import { validaInput } from './schema';
import { FORMA_MEMBRO_NUCLEO } from './schema-elementi';
import { soloDefiniti } from './valida';
import { leggiAdmin, type MembroNucleo } from './vista-admin';
import type { RelazioneNucleo } from './vocabolario';

/** Input of {@link aggiungiMembroNucleo}. */
export interface MembroNucleoInput {
  readonly cognome: string;
  readonly nome: string;
  readonly relazione: RelazioneNucleo;
  readonly convivente: boolean;
  readonly dataNascita?: string;
  readonly codiceFiscale?: string;
  readonly finoAl?: string;
}

const NOMI = { codiceFiscale: 'codice fiscale', dataNascita: 'data di nascita', finoAl: 'fino al' };

function controllaDate(m: { dataNascita?: string; finoAl?: string }, oggi: string): Risultato<null> {
  if (m.dataNascita && m.dataNascita > oggi) return errore('data_futura', 'La data di nascita è nel futuro.');
  if (m.dataNascita && m.finoAl && m.finoAl < m.dataNascita) return errore('date_incoerenti', 'La data di uscita precede la nascita.');
  return { ok: true, value: null };
}

/** Adds a member to the household. */
export function aggiungiMembroNucleo(c: Cartella, input: MembroNucleoInput, ctx: Contesto): Risultato<MembroNucleoId> {
  const { vista } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const v = validaInput(FORMA_MEMBRO_NUCLEO.obbligatori, FORMA_MEMBRO_NUCLEO.facoltativi, input, NOMI);
  if (!v.ok) return v.message.includes('codice fiscale') && v.code === 'valore_non_valido'
    ? errore('codice_fiscale_non_valido', 'Il codice fiscale non è valido.') : v;
  const d = controllaDate(v.value, giorno(ctx.now));
  if (!d.ok) return d;
  return esegui(c.admin, 'aggiungiMembroNucleo', ctx, () => {
    const id = nuovoId<MembroNucleoId>(c.admin);
    scriviCampo(sezioneAdmin(c.admin, 'nucleo'), undefined, id, v.value, ctx);
    return id;
  });
}

/** Changes a household member (e.g. records that they left: `finoAl`). */
export function aggiornaMembroNucleo(
  c: Cartella, id: string, modifica: Partial<MembroNucleoInput>, ctx: Contesto,
): Risultato<MembroNucleoId> {
  const { vista, registri } = leggiAdmin(c.admin);
  const e = autorizza(c, vista, ctx);
  if (e) return e;
  const attuale = vista.nucleo.find((m) => m.id === id);
  if (!attuale) return errore('membro_nucleo_inesistente', 'Componente del nucleo non trovato.');
  const { id: mid, ...dati } = attuale;
  const v = validaInput(FORMA_MEMBRO_NUCLEO.obbligatori, FORMA_MEMBRO_NUCLEO.facoltativi,
    soloDefiniti({ ...dati, ...modifica }), NOMI);
  if (!v.ok) return v;
  const d = controllaDate(v.value, giorno(ctx.now));
  if (!d.ok) return d;
  const cf = controllaConflitto(registri, 'nucleo', mid, 'componente del nucleo');
  if (cf) return cf;
  return esegui(c.admin, 'aggiornaMembroNucleo', ctx, () => {
    scriviCampo(sezioneAdmin(c.admin, 'nucleo'), registri.nucleo.get(mid), mid, v.value, ctx);
    return mid;
  });
}

/** The household as plain data. */
export function leggiNucleo(c: Cartella): readonly MembroNucleo[] {
  return leggiAdmin(c.admin).vista.nucleo;
}

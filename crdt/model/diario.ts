/**
 * @module diario
 * The diario cronologico: typed entries (colloquio, visita domiciliare, telefonata,
 * équipe, contatto con altri servizi, altro), each with date, author and rich text.
 * Entries are never deleted; a correction is a new entry that points to the one it
 * corrects, and the original stays readable (DOMAIN.md: the diary may be disclosed by
 * accesso agli atti, so what was written stays as written).
 */
import type * as Y from 'yjs';
import type { Cartella, Contesto } from './cartella';
import { giorno } from './date';
import type { AuthorKey, VoceDiarioId } from './ids';
import { esegui } from './operazione';
import { errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { eErrore, inserisciScritto, scrittoreProf } from './scritti';
import { frammento, type VoceDiario } from './vista-prof';
import { leggiProf } from './vista';
import { TIPI_VOCE, type TipoVoce } from './vocabolario';

/** Input of {@link aggiungiVoceDiario}. */
export interface VoceDiarioInput {
  readonly data: string;
  readonly tipo: TipoVoce;
  /** Initial plain text (one paragraph per line); the editor then binds to the fragment. */
  readonly testo?: string;
}

/** Adds a diary entry; gives its id (bind the editor with {@link testoVoce}). */
export function aggiungiVoceDiario(c: Cartella, input: VoceDiarioInput, ctx: Contesto): Risultato<VoceDiarioId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const v = validaInput({ data: p.data, tipo: p.uno(TIPI_VOCE) }, { testo: p.testo(0, 100_000) }, input);
  if (!v.ok) return v;
  if (v.value.data > giorno(ctx.now)) return errore('data_futura', 'La data della voce di diario è nel futuro.');
  return esegui(s.prof, 'aggiungiVoceDiario', ctx, () =>
    inserisciScritto(s.prof, 'diario', { data: v.value.data, tipo: v.value.tipo }, v.value.testo ?? '', ctx) as VoceDiarioId);
}

/** Input of {@link correggiVoceDiario}. */
export interface CorrezioneInput {
  /** The entry being corrected. */
  readonly corregge: string;
  /** The correction, in plain text. */
  readonly testo: string;
}

/** Corrects an entry by adding a new one that points to it; the original is kept. */
export function correggiVoceDiario(c: Cartella, input: CorrezioneInput, ctx: Contesto): Risultato<VoceDiarioId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const orig = s.vista.prof.diario.find((x) => x.id === input.corregge);
  if (!orig) return errore('voce_inesistente', 'La voce da correggere non esiste.');
  const testo = p.testo(1, 100_000)(input.testo);
  if (!testo) return errore('campo_obbligatorio', 'Scrivi il testo della correzione.');
  return esegui(s.prof, 'correggiVoceDiario', ctx, () =>
    inserisciScritto(s.prof, 'diario', { data: giorno(ctx.now), tipo: orig.tipo, corregge: orig.id }, testo, ctx) as VoceDiarioId);
}

/** The diary entries, by date (corrections included, each pointing to its original). */
export function vociDiario(prof: Y.Doc): readonly VoceDiario[] {
  return leggiProf(prof).diario;
}

/** The rich text of an entry, for Tiptap's Collaboration extension. */
export function testoVoce(prof: Y.Doc, id: VoceDiarioId): Y.XmlFragment | undefined {
  return frammento(prof, 'diario', id);
}

/**
 * Whether the editor may still change an entry's text in place: only its author, on the
 * day it was written (the live compilation during the interview). Afterwards a change is
 * a correction entry.
 */
export function voceModificabile(voce: VoceDiario, autore: AuthorKey, now: Date): boolean {
  return voce.autore === autore && giorno(new Date(voce.scrittoIl)) === giorno(now);
}

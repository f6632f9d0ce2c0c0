/**
 * @module valutazione
 * Assessment notes of the prof part: the valutazione del bisogno, intermediate
 * assessments, and the valutazione finale before the conclusion (deck's phases
 * "Valutazione del bisogno" and "Valutazione finale e conclusione"). Each is a dated rich
 * text by its author, never deleted.
 */
import type * as Y from 'yjs';
import type { Cartella, Contesto } from './cartella';
import { giorno } from './date';
import type { ValutazioneId } from './ids';
import { esegui } from './operazione';
import { errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { eErrore, inserisciScritto, scrittoreProf } from './scritti';
import { frammento } from './vista-prof';

/** Input of {@link registraValutazione}. */
export interface ValutazioneInput {
  readonly tipo: 'bisogno' | 'intermedia' | 'finale';
  readonly data: string;
  readonly testo?: string;
}

/** Records an assessment note. */
export function registraValutazione(c: Cartella, input: ValutazioneInput, ctx: Contesto): Risultato<ValutazioneId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const v = validaInput(
    { tipo: p.uno(['bisogno', 'intermedia', 'finale'] as const), data: p.data }, { testo: p.testo(0, 100_000) }, input,
  );
  if (!v.ok) return v;
  if (v.value.data > giorno(ctx.now)) return errore('data_futura', 'La data della valutazione è nel futuro.');
  return esegui(s.prof, 'registraValutazione', ctx, () =>
    inserisciScritto(s.prof, 'valutazione', { tipo: v.value.tipo, data: v.value.data }, v.value.testo ?? '', ctx) as ValutazioneId);
}

/** The rich text of an assessment, for the editor. */
export function testoValutazione(prof: Y.Doc, id: ValutazioneId): Y.XmlFragment | undefined {
  return frammento(prof, 'valutazione', id);
}

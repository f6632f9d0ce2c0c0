/**
 * @module verbali
 * Verbali d'équipe (deck's table: "Erogazione del servizio — Verbali équipe"): the minutes
 * of a meeting, with its date, its participants and a rich text. Like the diary, they are
 * never deleted.
 */
import type * as Y from 'yjs';
import type { Cartella, Contesto } from './cartella';
import { giorno } from './date';
import type { VerbaleId } from './ids';
import { esegui } from './operazione';
import { errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { eErrore, inserisciScritto, scrittoreProf } from './scritti';
import { frammento } from './vista-prof';

/** Input of {@link aggiungiVerbale}. */
export interface VerbaleInput {
  readonly data: string;
  /** Names (and services) of who attended. */
  readonly partecipanti: readonly string[];
  readonly testo?: string;
}

/** Records the minutes of an équipe meeting. */
export function aggiungiVerbale(c: Cartella, input: VerbaleInput, ctx: Contesto): Risultato<VerbaleId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const v = validaInput(
    { data: p.data, partecipanti: p.lista(p.testo(1, 200), 100) }, { testo: p.testo(0, 100_000) }, input,
    { partecipanti: 'partecipanti' },
  );
  if (!v.ok) return v;
  if (v.value.partecipanti.length < 2) return errore('campo_obbligatorio', "Un'équipe ha almeno due partecipanti.");
  if (v.value.data > giorno(ctx.now)) return errore('data_futura', 'La data del verbale è nel futuro.');
  return esegui(s.prof, 'aggiungiVerbale', ctx, () =>
    inserisciScritto(s.prof, 'verbali', { data: v.value.data, partecipanti: v.value.partecipanti }, v.value.testo ?? '', ctx) as VerbaleId);
}

/** The rich text of a verbale, for the editor. */
export function testoVerbale(prof: Y.Doc, id: VerbaleId): Y.XmlFragment | undefined {
  return frammento(prof, 'verbali', id);
}

/**
 * @module relazioni
 * The relazione sociale: one rich text per relazione, created from a template with the
 * six sections good practice asks for (dati di contesto; finalità; metodologia;
 * descrizione della situazione; valutazione professionale; proposta di intervento —
 * keeping evaluation out of the description). It becomes definitive only when every
 * section has content; a definitive relazione is not edited again.
 */
import type * as Y from 'yjs';
import type { Cartella, Contesto } from './cartella';
import { giorno } from './date';
import type { RelazioneId } from './ids';
import { esegui } from './operazione';
import { errore, type Risultato } from './risultato';
import { p, validaInput } from './schema';
import { eErrore, inserisciScritto, scrittoreProf } from './scritti';
import { paragrafo, sezioniPerTitolo, titolo } from './testo';
import { elementoProf, frammento } from './vista-prof';

/** The sections of a relazione sociale, in order, with their headings. */
export const SEZIONI_RELAZIONE = [
  { chiave: 'contesto', titolo: 'Dati di contesto' },
  { chiave: 'finalita', titolo: 'Finalità' },
  { chiave: 'metodologia', titolo: 'Metodologia' },
  { chiave: 'situazione', titolo: 'Descrizione della situazione' },
  { chiave: 'valutazione', titolo: 'Valutazione professionale' },
  { chiave: 'proposta', titolo: 'Proposta di intervento' },
] as const;
export type SezioneRelazione = (typeof SEZIONI_RELAZIONE)[number]['chiave'];

/** Input of {@link creaRelazione}; `sezioni` optionally pre-fills sections with plain text. */
export interface RelazioneInput {
  readonly titolo: string;
  readonly destinatario: string;
  readonly sezioni?: Partial<Record<SezioneRelazione, string>>;
}

/** Creates a draft relazione whose text holds the six section headings. */
export function creaRelazione(c: Cartella, input: RelazioneInput, ctx: Contesto): Risultato<RelazioneId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const v = validaInput({ titolo: p.testo(1, 200), destinatario: p.testo(1, 200) }, {}, input);
  if (!v.ok) return v;
  const testi = input.sezioni ?? {};
  return esegui(s.prof, 'creaRelazione', ctx, () => inserisciScritto(s.prof, 'relazioni',
    { titolo: v.value.titolo, destinatario: v.value.destinatario, stato: 'bozza' },
    (f) => {
      for (const sez of SEZIONI_RELAZIONE) {
        const righe = (testi[sez.chiave] ?? '').split(/\r?\n/);
        f.insert(f.length, [titolo(sez.titolo), ...righe.map(paragrafo)]);
      }
    }, ctx) as RelazioneId);
}

/** The plain text of each section of a relazione (by the section headings). */
export function sezioniRelazione(prof: Y.Doc, id: RelazioneId): Readonly<Record<SezioneRelazione, string>> | undefined {
  const f = frammento(prof, 'relazioni', id);
  if (!f) return undefined;
  const perTitolo = sezioniPerTitolo(f);
  const out = {} as Record<SezioneRelazione, string>;
  for (const sez of SEZIONI_RELAZIONE) out[sez.chiave] = perTitolo.get(sez.titolo.toLowerCase()) ?? '';
  return out;
}

/** Makes a relazione definitive, if every section has content. */
export function rendiDefinitiva(c: Cartella, input: { id: string; data: string }, ctx: Contesto): Risultato<RelazioneId> {
  const s = scrittoreProf(c, ctx);
  if (eErrore(s)) return s;
  const r = s.vista.prof.relazioni.find((x) => x.id === input.id);
  const m = elementoProf(s.prof, 'relazioni', input.id);
  if (!r || !m) return errore('relazione_inesistente', 'Relazione non trovata.');
  if (r.stato === 'definitiva') return errore('relazione_definitiva', 'La relazione è già definitiva.');
  const data = p.data(input.data);
  if (!data) return errore('data_non_valida', 'Data non valida.');
  if (data > giorno(ctx.now)) return errore('data_futura', 'La data è nel futuro.');
  const sez = sezioniRelazione(s.prof, r.id as RelazioneId);
  const vuote = SEZIONI_RELAZIONE.filter((x) => !sez?.[x.chiave]);
  if (vuote.length > 0) {
    return errore('relazione_incompleta', `Sezioni ancora vuote: ${vuote.map((x) => x.titolo).join(', ')}.`);
  }
  return esegui(s.prof, 'rendiDefinitiva', ctx, () => {
    m.set('stato', 'definitiva');
    m.set('definitivaIl', data);
    return r.id as RelazioneId;
  });
}

/**
 * @module scritti
 * What the writers of the prof document share: the guard (an équipe member, holding the
 * prof key, on a cartella that is not closed) and the creation of a written item — a
 * Y.Map with id, author, time and a Y.XmlFragment for its rich text.
 */
import * as Y from 'yjs';
import { listaProf, type Cartella, type Contesto } from './cartella';
import { autorizza } from './guardie';
import { nuovoId } from './ids';
import type { Errore } from './risultato';
import { aggiungiParagrafi } from './testo';
import { leggiCartella, type VistaCartella } from './vista';
import { RUOLI_EQUIPE } from './vocabolario';

/** The checked state a prof writer works on. */
export interface Scrittore {
  readonly prof: Y.Doc;
  readonly vista: VistaCartella & { readonly prof: NonNullable<VistaCartella['prof']> };
}

/** Checks that `ctx.autore` may write the professional part of this cartella. */
export function scrittoreProf(c: Cartella, ctx: Contesto): Scrittore | Errore {
  const vista = leggiCartella(c);
  const e = autorizza(c, vista.admin, ctx, { ruoli: RUOLI_EQUIPE, prof: true });
  if (e) return e;
  if (!c.prof || !vista.prof) throw new Error('scrittoreProf: parte professionale assente dopo il controllo');
  return { prof: c.prof, vista: vista as Scrittore['vista'] };
}

/** True when {@link scrittoreProf} refused. */
export function eErrore(x: Scrittore | Errore): x is Errore {
  return 'ok' in x;
}

/**
 * Appends a written item to a prof list, inside the caller's transaction: fixed fields,
 * author, instant, and a fresh Y.XmlFragment holding `testo` as paragraphs.
 */
export function inserisciScritto(
  prof: Y.Doc, lista: 'diario' | 'relazioni' | 'verbali' | 'valutazione',
  campi: Readonly<Record<string, unknown>>, testo: string | ((f: Y.XmlFragment) => void), ctx: Contesto,
): string {
  const id = nuovoId<string>(prof);
  const m = new Y.Map<unknown>();
  listaProf(prof, lista).push([m]);
  m.set('id', id);
  for (const [k, v] of Object.entries(campi)) if (v !== undefined) m.set(k, v);
  m.set('autore', ctx.autore);
  m.set('scrittoIl', ctx.now.toISOString());
  const f = new Y.XmlFragment();
  m.set('testo', f);
  if (typeof testo === 'function') testo(f);
  else if (testo.length > 0) aggiungiParagrafi(f, testo);
  return id;
}

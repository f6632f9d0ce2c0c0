/**
 * @module vista-prof
 * Reads the lists of the prof document (diario, relazioni, verbali, valutazione) into
 * plain, frozen values, validating every item (it may come from another device) and
 * giving access to each item's Y.XmlFragment for the editor.
 */
import * as Y from 'yjs';
import { listaProf } from './cartella';
import { comeData, type DataIso } from './date';
import { comeAuthorKey, comeIdElemento, type AuthorKey } from './ids';
import type { Problema } from './problemi';
import { testoPiano } from './testo';
import { listaDi, stringa, unoDi } from './valida';
import { TIPI_VOCE, type TipoVoce } from './vocabolario';

/** Common fields of a written item of the prof document. */
export interface Scritto {
  readonly id: string;
  readonly autore: AuthorKey;
  /** ISO instant it was created. */
  readonly scrittoIl: string;
  /** Its plain text (the rich text lives in the item's Y.XmlFragment). */
  readonly testo: string;
}
/** A diary entry. `corregge` points to the entry it corrects; originals stay readable. */
export interface VoceDiario extends Scritto {
  readonly data: DataIso;
  readonly tipo: TipoVoce;
  readonly corregge?: string;
  /** Ids of the entries that correct this one. */
  readonly correttaDa: readonly string[];
}
/** A relazione sociale. */
export interface Relazione extends Scritto {
  readonly titolo: string;
  readonly destinatario: string;
  readonly stato: 'bozza' | 'definitiva';
  readonly definitivaIl?: DataIso;
}
/** A verbale d'équipe. */
export interface Verbale extends Scritto { readonly data: DataIso; readonly partecipanti: readonly string[] }
/** An assessment note (valutazione del bisogno, intermedia, finale). */
export interface Valutazione extends Scritto { readonly data: DataIso; readonly tipo: 'bisogno' | 'intermedia' | 'finale' }

type Lista = 'diario' | 'relazioni' | 'verbali' | 'valutazione';

function base(m: Y.Map<unknown>): Scritto | string {
  const id = comeIdElemento<string>(m.get('id'));
  const autore = comeAuthorKey(m.get('autore'));
  const il = stringa(m.get('scrittoIl'), 20, 30);
  const f = m.get('testo');
  if (!id) return 'id non valido';
  if (!autore) return 'autore non valido';
  if (!il) return 'istante non valido';
  if (!(f instanceof Y.XmlFragment)) return 'testo mancante';
  return { id, autore, scrittoIl: il, testo: testoPiano(f) };
}

/**
 * Each item's reading (its value, or why it is not valid), kept until the item changes. A
 * diary of thousands of entries is re-read after every keystroke typed in one of them: reading
 * only the item that changed keeps typing instant, and unchanged items keep their identity, so
 * the screens re-render nothing for them. Inside a transaction the cache is bypassed (observers,
 * which invalidate it, run when the transaction ends), as for the plain text in `testo`.
 */
interface Lettura<T> { readonly base: Scritto | string; readonly esito: T | string }
const letture = new WeakMap<Y.Map<unknown>, { readonly parse: unknown; readonly lettura: Lettura<unknown> }>();
const osservati = new WeakSet<Y.Map<unknown>>();

function leggiElemento<T>(m: Y.Map<unknown>, parse: (m: Y.Map<unknown>, b: Scritto) => T | string): Lettura<T> {
  const calcola = (): Lettura<T> => {
    const b = base(m);
    return { base: b, esito: typeof b === 'string' ? b : parse(m, b) };
  };
  const doc = m.doc;
  if (!doc || doc._transaction !== null) return calcola();
  const nota = letture.get(m);
  if (nota && nota.parse === parse) return nota.lettura as Lettura<T>;
  if (!osservati.has(m)) {
    osservati.add(m);
    m.observeDeep(() => letture.delete(m));
  }
  const lettura = calcola();
  if (typeof lettura.esito === 'object' && lettura.esito !== null) Object.freeze(lettura.esito);
  letture.set(m, { parse, lettura });
  return lettura;
}

/** Reads one list: valid items in document order; bad or duplicate items go to `problemi`. */
export function leggiLista<T>(
  prof: Y.Doc, nome: Lista, parse: (m: Y.Map<unknown>, b: Scritto) => T | string, problemi: Problema[],
): T[] {
  const visti = new Set<string>();
  const out: T[] = [];
  listaProf(prof, nome).toArray().forEach((raw, i) => {
    const riporta = (motivo: string): void => { problemi.push({ parte: 'prof', sezione: nome, chiave: String(i), motivo }); };
    if (!(raw instanceof Y.Map)) return riporta('non è una mappa');
    const { base: b, esito: x } = leggiElemento(raw as Y.Map<unknown>, parse);
    if (typeof b === 'string') return riporta(b);
    if (visti.has(b.id)) return riporta(`id duplicato ${b.id}`);
    if (typeof x === 'string') return riporta(x);
    visti.add(b.id);
    out.push(x);
  });
  return out;
}

/** Parsers of each list's own fields. */
export const PARSER_PROF = {
  diario: (m: Y.Map<unknown>, b: Scritto): Omit<VoceDiario, 'correttaDa'> | string => {
    const data = comeData(m.get('data'));
    const tipo = unoDi(TIPI_VOCE, m.get('tipo'));
    const corr = m.get('corregge');
    if (!data || !tipo) return 'data o tipo non validi';
    if (corr !== undefined && !comeIdElemento(corr)) return 'riferimento di correzione non valido';
    return corr === undefined ? { ...b, data, tipo } : { ...b, data, tipo, corregge: corr as string };
  },
  relazioni: (m: Y.Map<unknown>, b: Scritto): Relazione | string => {
    const titolo = stringa(m.get('titolo'), 1, 200);
    const destinatario = stringa(m.get('destinatario'), 1, 200);
    const stato = unoDi(['bozza', 'definitiva'] as const, m.get('stato'));
    const def = comeData(m.get('definitivaIl'));
    if (!titolo || !destinatario || !stato) return 'titolo, destinatario o stato non validi';
    return def ? { ...b, titolo, destinatario, stato, definitivaIl: def } : { ...b, titolo, destinatario, stato };
  },
  verbali: (m: Y.Map<unknown>, b: Scritto): Verbale | string => {
    const data = comeData(m.get('data'));
    const partecipanti = listaDi(m.get('partecipanti'), (x) => stringa(x, 1, 200), 100);
    return data && partecipanti ? { ...b, data, partecipanti } : 'data o partecipanti non validi';
  },
  valutazione: (m: Y.Map<unknown>, b: Scritto): Valutazione | string => {
    const data = comeData(m.get('data'));
    const tipo = unoDi(['bisogno', 'intermedia', 'finale'] as const, m.get('tipo'));
    return data && tipo ? { ...b, data, tipo } : 'data o tipo non validi';
  },
};

/** The Y.Map of an item by id (the first valid one), for writing or binding its text. */
export function elementoProf(prof: Y.Doc, nome: Lista, id: string): Y.Map<unknown> | undefined {
  for (const raw of listaProf(prof, nome).toArray()) {
    if (raw instanceof Y.Map && raw.get('id') === id) return raw as Y.Map<unknown>;
  }
  return undefined;
}

/** The rich text of an item, for Tiptap's Collaboration extension (`fragment` option). */
export function frammento(prof: Y.Doc, nome: Lista, id: string): Y.XmlFragment | undefined {
  const f = elementoProf(prof, nome, id)?.get('testo');
  return f instanceof Y.XmlFragment ? f : undefined;
}

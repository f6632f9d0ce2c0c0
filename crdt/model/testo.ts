/**
 * @module testo
 * Rich text of diary entries, relazioni, verbali and assessments: one Y.XmlFragment per
 * item, in the node names Tiptap's StarterKit uses (`paragraph`, `heading`), so the
 * Collaboration extension binds to it directly. Here: reading its plain text (for search
 * and statistics) and filling a new fragment with plain paragraphs.
 */
import * as Y from 'yjs';

function testoInline(t: Y.XmlText): string {
  return t.toDelta().map((d: { insert?: unknown }) => (typeof d.insert === 'string' ? d.insert : '')).join('');
}

function testoNodo(n: unknown): string {
  if (n instanceof Y.XmlText) return testoInline(n);
  if (n instanceof Y.XmlElement) {
    if (n.nodeName === 'hardBreak') return '\n';
    const figli = n.toArray();
    const inline = figli.every((x) => x instanceof Y.XmlText || (x instanceof Y.XmlElement && x.nodeName === 'hardBreak'));
    return figli.map(testoNodo).join(inline ? '' : '\n');
  }
  return '';
}

/**
 * Plain text per fragment, dropped as soon as the fragment changes. Reading a fragment walks
 * its XmlText deltas (each a small transaction): for a diary of thousands of entries, re-reading
 * every entry on every keystroke made typing slow. Inside a transaction the cache is bypassed,
 * since observers (which invalidate it) only run when the transaction ends.
 */
const cache = new WeakMap<Y.XmlFragment, string>();
const osservati = new WeakSet<Y.XmlFragment>();

/** The plain text of a fragment: blocks separated by newlines, formatting dropped. */
export function testoPiano(f: Y.XmlFragment): string {
  const doc = f.doc;
  if (!doc || doc._transaction !== null) return calcolaTesto(f);
  const noto = cache.get(f);
  if (noto !== undefined) return noto;
  if (!osservati.has(f)) {
    osservati.add(f);
    f.observeDeep(() => cache.delete(f));
  }
  const testo = calcolaTesto(f);
  cache.set(f, testo);
  return testo;
}

function calcolaTesto(f: Y.XmlFragment): string {
  return f.toArray().map(testoNodo).join('\n');
}

/** A paragraph element holding `testo` (prelim: insert it into a fragment). */
export function paragrafo(testo: string): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  if (testo.length > 0) p.insert(0, [new Y.XmlText(testo)]);
  return p;
}

/** A heading element (Tiptap's `heading`, with its `level` attribute). */
export function titolo(testo: string, livello = 2): Y.XmlElement {
  const h = new Y.XmlElement('heading');
  h.setAttribute('level', String(livello));
  h.insert(0, [new Y.XmlText(testo)]);
  return h;
}

/** Appends plain text to a fragment, one paragraph per line. Call inside a transaction. */
export function aggiungiParagrafi(f: Y.XmlFragment, testo: string): void {
  const righe = testo.split(/\r?\n/);
  f.insert(f.length, righe.map(paragrafo));
}

/**
 * Splits a fragment into sections by its headings: the text under each heading, keyed by
 * the heading's text. Text before the first heading is keyed by ''.
 */
export function sezioniPerTitolo(f: Y.XmlFragment): ReadonlyMap<string, string> {
  const out = new Map<string, string[]>();
  let corrente = '';
  out.set(corrente, []);
  for (const n of f.toArray()) {
    if (n instanceof Y.XmlElement && n.nodeName === 'heading') {
      corrente = testoNodo(n).trim().toLowerCase();
      if (!out.has(corrente)) out.set(corrente, []);
      continue;
    }
    out.get(corrente)?.push(testoNodo(n));
  }
  return new Map([...out].map(([k, v]) => [k, v.join('\n').trim()]));
}

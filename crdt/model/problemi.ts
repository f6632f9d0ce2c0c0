/**
 * @module problemi
 * Reports of malformed data found while reading a document. Reading never throws: a bad
 * entry (from another device, an old client, or tampering by a key holder) is skipped and
 * reported here, so the UI can say that part of the cartella could not be read.
 * Problems are data, not exceptions: the rest of the cartella stays usable, and the
 * avvisi include one line saying how many items were ignored.
 */

/** One malformed item found while reading. */
export interface Problema {
  readonly parte: 'admin' | 'prof';
  /** The section or list where it was found. */
  readonly sezione: string;
  /** The key or index of the item. */
  readonly chiave: string;
  /** What was wrong, in Italian. */
  readonly motivo: string;
}

/** Orders problems so that every replica reports them identically. */
export function ordinaProblemi(p: readonly Problema[]): Problema[] {
  const k = (x: Problema): string => `${x.parte}\u0000${x.sezione}\u0000${x.chiave}\u0000${x.motivo}`;
  return [...p].sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
}

/** Formats a problem as a short Italian sentence. */
export function descriviProblema(p: Problema): string {
  return `Dato illeggibile in ${p.parte}/${p.sezione} (${p.chiave}): ${p.motivo}.`;
}

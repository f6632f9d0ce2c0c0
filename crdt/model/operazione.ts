/**
 * @module operazione
 * How an operation writes: after it has validated everything, in exactly one Yjs
 * transaction whose origin names the operation and its author. The sync layer can tell
 * local model writes from remote updates by this origin.
 */
import type * as Y from 'yjs';
import type { Contesto } from './cartella';
import { istanteValido } from './date';
import { comeAuthorKey, type AuthorKey } from './ids';
import { errore, ok, type Errore, type Risultato } from './risultato';
import { isRecord } from './valida';

/** The origin of every transaction the model makes. */
export interface OrigineOperazione {
  readonly modello: 'cartella';
  /** The operation's name, e.g. `aggiungiVoceDiario`. */
  readonly operazione: string;
  readonly autore: AuthorKey;
}

/** True when a transaction origin comes from a model operation. */
export function isOrigineOperazione(o: unknown): o is OrigineOperazione {
  return isRecord(o) && o['modello'] === 'cartella' && typeof o['operazione'] === 'string';
}

/** Checks the context: a well-formed author key and a valid instant. */
export function controllaContesto(ctx: Contesto): Errore | undefined {
  if (!isRecord(ctx) || !comeAuthorKey(ctx.autore) || !istanteValido(ctx.now)) {
    return errore('contesto_non_valido', "Contesto dell'operazione non valido: autore o istante mancanti.");
  }
  return undefined;
}

/**
 * Applies an operation's writes in one transaction. Call only after validation: `scrivi`
 * must not fail for reasons a person could cause (if it throws, that is a bug).
 */
export function esegui<T>(doc: Y.Doc, operazione: string, ctx: Contesto, scrivi: () => T): Risultato<T> {
  const origine: OrigineOperazione = Object.freeze({ modello: 'cartella', operazione, autore: ctx.autore });
  let valore: T | undefined;
  let fatto = false;
  doc.transact(() => {
    valore = scrivi();
    fatto = true;
  }, origine);
  if (!fatto) throw new Error(`${operazione}: transazione non completata`);
  return ok(valore as T);
}

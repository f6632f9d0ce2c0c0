/**
 * @module fixtures
 * Building blocks for tests and benchmarks: synthetic member keys, contexts at a given
 * day, and a cartella with a small équipe already on the roster. Not used by the model.
 */
import * as Y from 'yjs';
import { apriCartella } from './apertura';
import type { Cartella, Contesto } from './cartella';
import { creaCartella } from './crea';
import type { AuthorKey } from './ids';
import { aggiungiMembro } from './members';
import { isOrigineOperazione } from './operazione';
import type { Risultato } from './risultato';

/** A synthetic (not real) Ed25519 public key in base64url: 43 characters derived from `n`. */
export function chiaveFinta(n: number): AuthorKey {
  const alfabeto = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = '';
  let x = (n * 2654435761) >>> 0;
  for (let i = 0; i < 43; i++) {
    x = (x * 1103515245 + 12345 + i) >>> 0;
    s += alfabeto[x % 64];
  }
  return s as AuthorKey;
}

/** The équipe of the fixtures. */
export const EQUIPE = {
  rossa: chiaveFinta(1), // assistente sociale, founder and responsible
  blu: chiaveFinta(2), // assistente sociale
  verde: chiaveFinta(3), // personale amministrativo
  gialla: chiaveFinta(4), // educatore
  estranea: chiaveFinta(99), // not on the roster
} as const;

/** A context for `autore` at 10:00 (Rome) of day `data` ('YYYY-MM-DD'). */
export function alle(data: string, autore: AuthorKey = EQUIPE.rossa, ora = '10:00'): Contesto {
  return { autore, now: new Date(`${data}T${ora}:00+01:00`) };
}

/** Unwraps a result, throwing with its message when it failed (tests only). */
export function certo<T>(r: Risultato<T>): T {
  if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
  return r.value;
}

/**
 * A new cartella created on `data` by the fixture équipe: rossa (assistente sociale),
 * blu (assistente sociale), verde (amministrativo), gialla (educatore).
 */
export function cartellaDiProva(data = '2024-01-10', id = 'cartella-di-prova-1'): Cartella {
  const ctx = alle(data);
  const c = certo(creaCartella({ id, nome: 'Anna Rossa', ruolo: 'assistente_sociale' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.blu, nome: 'Bruno Blu', ruolo: 'assistente_sociale' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.verde, nome: 'Vera Verde', ruolo: 'amministrativo' }, ctx));
  certo(aggiungiMembro(c, { chiave: EQUIPE.gialla, nome: 'Gino Giallo', ruolo: 'educatore' }, ctx));
  return c;
}

/** A cartella opened d'ufficio on `data` by rossa (area anziani), from the fixture équipe. */
export function cartellaAperta(data = '2024-01-10', id = 'cartella-aperta-01'): Cartella {
  const c = cartellaDiProva(data, id);
  certo(apriCartella(c, { iniziativa: 'ufficio', data, area: 'anziani', responsabile: EQUIPE.rossa }, alle(data)));
  return c;
}

/**
 * Runs `f` and reports whether it changed the document (by state vector) and how many
 * model transactions it made (reading rich text may open empty Yjs transactions: not counted).
 */
export function scrive(doc: Y.Doc, f: () => unknown): { readonly cambiato: boolean; readonly transazioni: number } {
  const prima = Y.encodeStateVector(doc);
  let transazioni = 0;
  const conta = (t: Y.Transaction): void => { if (isOrigineOperazione(t.origin)) transazioni++; };
  doc.on('afterTransaction', conta);
  try {
    f();
  } finally {
    doc.off('afterTransaction', conta);
  }
  const dopo = Y.encodeStateVector(doc);
  return { cambiato: prima.length !== dopo.length || prima.some((b, i) => b !== dopo[i]), transazioni };
}

/** Sends everything `da` has that `a` lacks (one direction of a sync). */
export function sincronizza(da: Y.Doc, a: Y.Doc): void {
  Y.applyUpdate(a, Y.encodeStateAsUpdate(da, Y.encodeStateVector(a)));
}

/** A replica of a cartella: fresh docs holding the same state. */
export function replica(c: Cartella): Cartella {
  const admin = new Y.Doc();
  Y.applyUpdate(admin, Y.encodeStateAsUpdate(c.admin));
  if (!c.prof) return { admin, prof: null };
  const prof = new Y.Doc();
  Y.applyUpdate(prof, Y.encodeStateAsUpdate(c.prof));
  return { admin, prof };
}

/**
 * @module risultato
 * The result of every model operation: a value, or a stable error code with an Italian
 * message. Operations never throw for bad input or a forbidden state; programming errors do.
 */
import type { CodiceErrore } from './errori';

/** Success or failure of an operation; failures carry a stable snake_case `code`. */
export type Risultato<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: CodiceErrore; readonly message: string };

/** A failure, typed so it can be returned from any `Risultato<T>`. */
export type Errore = Extract<Risultato<never>, { ok: false }>;

/** Wraps a value in a successful result. */
export function ok<T>(value: T): Risultato<T> {
  return { ok: true, value };
}

/** Builds a failure with its code and an Italian message for the person using the app. */
export function errore(code: CodiceErrore, message: string): Errore {
  return { ok: false, code, message };
}

/**
 * Runs checks in order and returns the first failure, or `undefined` when all pass.
 * Each check is a thunk so later checks may assume earlier ones passed.
 */
export function primoErrore(...controlli: ReadonlyArray<() => Errore | undefined>): Errore | undefined {
  for (const c of controlli) {
    const e = c();
    if (e) return e;
  }
  return undefined;
}

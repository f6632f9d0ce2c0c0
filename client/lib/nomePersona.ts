/**
 * @module client/lib/nomePersona
 * How a cartella's person is named on a worker's own screens: "Cognome Nome", or undefined when
 * neither is recorded yet (each screen picks its own fallback).
 */
export function nomePersona(a: { readonly cognome?: string; readonly nome?: string }): string | undefined {
  return [a.cognome, a.nome].filter(Boolean).join(' ') || undefined;
}

/**
 * @module crdt/workspace/esito
 * The result of the workspace's key operations (revocation, rotation, hand-over, history): a
 * value, or a stable code with an Italian message for the person using the app. The codes are
 * the workspace's own (below), the model's (`CodiceErrore`) and crypto's hand-over codes, so a
 * screen branches on one `code` whatever layer refused.
 */
import type { AcceptShareBundleErrorCode, BundleErrorCode } from '../../crypto';
import type { CodiceErrore } from '../model';

/** The workspace's own refusals (docs/ROTATION.md, "What the UI says"). */
export const CODICI_WORKSPACE = [
  'cartella_sconosciuta', 'portachiavi_assente', 'non_collegato', 'rotazione_non_riuscita', 'accesso_revocato',
  'chiavi_non_attendibili', 'ruolo_incoerente', 'storia_non_disponibile',
] as const;
export type CodiceWorkspace = (typeof CODICI_WORKSPACE)[number];

/** Every code an operation of the workspace can return. */
export type CodiceEsito = CodiceWorkspace | CodiceErrore | BundleErrorCode | AcceptShareBundleErrorCode;

export type Esito<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: CodiceEsito; readonly message: string };

/** The Italian sentence of each workspace code. */
export const MESSAGGI_WORKSPACE: Readonly<Record<CodiceWorkspace, string>> = {
  cartella_sconosciuta: 'Questa cartella non è su questo dispositivo.',
  portachiavi_assente: 'Il portachiavi del dispositivo non è disponibile: sblocca di nuovo l\'applicazione.',
  non_collegato: 'Per cambiare le chiavi serve il collegamento al server: riprova quando sei in linea.',
  rotazione_non_riuscita: 'Le chiavi della cartella non sono state cambiate: riprova.',
  accesso_revocato: 'L\'accesso di questo dispositivo alla cartella è stato revocato.',
  chiavi_non_attendibili: 'Le chiavi della cartella sono state cambiate da una persona che non risulta nell\'équipe: la cartella non si sincronizza più.',
  ruolo_incoerente: 'Le chiavi scelte non corrispondono al ruolo del collega (équipe o amministrativo).',
  storia_non_disponibile: 'La storia completa si legge dal server: serve il collegamento.',
};

/** A refusal with the code's Italian sentence, and a short detail in brackets if given. */
export function rifiuto(code: CodiceWorkspace, detail?: string): { readonly ok: false; readonly code: CodiceWorkspace; readonly message: string } {
  const base = MESSAGGI_WORKSPACE[code];
  return { ok: false, code, message: detail === undefined ? base : `${base} (${detail})` };
}

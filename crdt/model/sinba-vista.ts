/**
 * @module sinba-vista
 * Reads the scheda SINBA of a cartella. It lives in the admin document, in its own Y.Map
 * `sinba` beside the sections of cartella.ts (like the agenda), one register per field
 * (registro.ts): two people changing the same field offline see a conflict, changing
 * different fields never does. Everything read is validated, frozen and the same on every
 * replica. {@link ingressoSinba} turns the view into what the SIUSS export reads: values keyed
 * by SINBA.xsd attribute names, months as `MM/AAAA`, fields in conflict left out and named.
 */
import type * as Y from 'yjs';
import type { AuthorKey, ScritturaId } from './ids';
import { ordinaProblemi, type Problema } from './problemi';
import { leggiSezione, type StatoCampo } from './registro';
import {
  CAMPI_SINBA, CAMPI_SINBA_ELENCO, DEF_SINBA, eCampoSinba, meseSinba,
  type CampoSinba, type MeseIso, type SchedaSinbaDati,
} from './schema-sinba';
import { congela } from './valida';

/** Name of the admin document's Y.Map holding the scheda's registers. */
export const MAPPA_SINBA = 'sinba';

/** The Y.Map of the scheda SINBA (register writes keyed by write id). */
export function mappaSinba(admin: Y.Doc): Y.Map<unknown> {
  return admin.getMap(MAPPA_SINBA);
}

/** A field of the scheda written concurrently with different values. */
export interface ConflittoSinba {
  readonly campo: CampoSinba;
  /** The competing values, oldest first. */
  readonly valori: readonly { readonly scrittura: ScritturaId; readonly valore: unknown; readonly autore: AuthorKey; readonly il: string }[];
}

/** The scheda SINBA of one cartella as plain, frozen data. */
export interface VistaSchedaSinba {
  /** The values shown (for a field in conflict, the latest of the competing ones). */
  readonly valori: SchedaSinbaDati;
  readonly conflitti: readonly ConflittoSinba[];
  /** The last write (who, when), if the scheda was ever written. */
  readonly ultimaModifica?: { readonly autore: AuthorKey; readonly il: string };
  readonly problemi: readonly Problema[];
}

const accetta = (campo: string, v: unknown): boolean =>
  eCampoSinba(campo) && (v === null || CAMPI_SINBA[campo](v) !== undefined);

/** Reads the scheda's registers; malformed writes go to `problemi`. */
export function leggiRegistriSinba(admin: Y.Doc, problemi: Problema[]): ReadonlyMap<string, StatoCampo> {
  return leggiSezione(mappaSinba(admin), MAPPA_SINBA, accetta, problemi);
}

/** Builds the view from the registers. */
export function vistaSinbaDaRegistri(reg: ReadonlyMap<string, StatoCampo>, problemi: readonly Problema[]): VistaSchedaSinba {
  const valori: Record<string, unknown> = {};
  const conflitti: ConflittoSinba[] = [];
  let ultima: { autore: AuthorKey; il: string } | undefined;
  for (const campo of CAMPI_SINBA_ELENCO) {
    const s = reg.get(campo);
    if (!s) continue;
    const v = s.valore === null || s.valore === undefined ? undefined : CAMPI_SINBA[campo](s.valore);
    if (v !== undefined) valori[campo] = v;
    if (s.inConflitto) {
      conflitti.push({ campo, valori: s.teste.map((w) => ({ scrittura: w.id, valore: w.valore, autore: w.autore, il: w.il })) });
    }
    for (const w of s.storia) if (!ultima || w.il > ultima.il) ultima = { autore: w.autore, il: w.il };
  }
  return congela({
    valori: valori as SchedaSinbaDati,
    conflitti,
    ...(ultima ? { ultimaModifica: ultima } : {}),
    problemi: ordinaProblemi(problemi),
  });
}

/** Reads the scheda SINBA of a cartella from its admin document. */
export function leggiSchedaSinba(admin: Y.Doc): VistaSchedaSinba {
  const problemi: Problema[] = [];
  return vistaSinbaDaRegistri(leggiRegistriSinba(admin, problemi), problemi);
}

/** What the SIUSS export reads: SINBA.xsd names and lexical forms. */
export interface IngressoSinba {
  /** Values by attribute name (`ComposizioneFamiglia`: a list of codes); fields in conflict are absent. */
  readonly valori: Readonly<Record<string, unknown>>;
  /** Attribute names whose field is in conflict (to report, never to choose). */
  readonly inConflitto: readonly string[];
}

/** The scheda as the SINBA export's input (see crdt/siuss `parseSchedaSinba`). */
export function ingressoSinba(v: VistaSchedaSinba): IngressoSinba {
  const valori: Record<string, unknown> = {};
  const conflitto = new Set<string>(v.conflitti.map((c) => c.campo));
  const inConflitto: string[] = [];
  for (const campo of CAMPI_SINBA_ELENCO) {
    const attributo = DEF_SINBA[campo].attributo;
    if (conflitto.has(campo)) {
      inConflitto.push(attributo);
      continue;
    }
    const x = v.valori[campo];
    if (x === undefined) continue;
    valori[attributo] = DEF_SINBA[campo].tipo === 'mese' ? meseSinba(x as MeseIso) : x;
  }
  return congela({ valori, inConflitto });
}

/**
 * @module agenda-vista
 * Reads the appointments of a cartella. They live in the admin document, in its own Y.Map
 * `agenda` (beside the sections of cartella.ts), one register per appointment (registro.ts):
 * two people changing the same appointment offline — one moves it, the other cancels it —
 * see a conflict, never a silent winner. Everything read is validated, frozen and ordered
 * the same way on every replica.
 */
import type * as Y from 'yjs';
import type { AppuntamentoId } from './agenda-vocabolario';
import { comeIdElemento, type AuthorKey, type ScritturaId } from './ids';
import { ordinaProblemi, type Problema } from './problemi';
import { leggiSezione, type StatoCampo } from './registro';
import { leggiAppuntamento, type AppuntamentoDati } from './schema-agenda';
import { congela } from './valida';

/** Name of the admin document's Y.Map holding the appointment registers. */
export const MAPPA_AGENDA = 'agenda';

/** The Y.Map of the appointments (register writes keyed by write id). */
export function mappaAgenda(admin: Y.Doc): Y.Map<unknown> {
  return admin.getMap(MAPPA_AGENDA);
}

/** An appointment as read: its data, who booked it and when, and its register's state. */
export type Appuntamento = AppuntamentoDati & {
  readonly id: AppuntamentoId;
  /** Who booked it, and when (its first write). */
  readonly fissatoDa: AuthorKey;
  readonly fissatoIl: string;
  /** Number of changes after the booking (the SEQUENCE of an exported event). */
  readonly revisione: number;
  /** Changed concurrently with different values: shown as the latest, to be resolved. */
  readonly inConflitto: boolean;
};

/** An appointment changed concurrently with different values. */
export interface ConflittoAppuntamento {
  readonly id: AppuntamentoId;
  /** The competing values, oldest first. */
  readonly valori: readonly {
    readonly scrittura: ScritturaId;
    readonly valore: AppuntamentoDati;
    readonly autore: AuthorKey;
    readonly il: string;
  }[];
}

/** The agenda of one cartella as plain, frozen data. */
export interface VistaAgenda {
  /** By day, start, end, id. */
  readonly appuntamenti: readonly Appuntamento[];
  readonly conflitti: readonly ConflittoAppuntamento[];
  readonly problemi: readonly Problema[];
}

const accetta = (campo: string, v: unknown): boolean =>
  comeIdElemento(campo) !== undefined && leggiAppuntamento(v) !== undefined;

/** Reads the appointment registers; malformed writes go to `problemi`. */
export function leggiRegistriAgenda(admin: Y.Doc, problemi: Problema[]): ReadonlyMap<string, StatoCampo> {
  return leggiSezione(mappaAgenda(admin), MAPPA_AGENDA, accetta, problemi);
}

const chiave = (a: Appuntamento): string => `${a.data} ${a.inizio} ${a.fine} ${a.id}`;

/** Builds the view from the registers. */
export function vistaAgendaDaRegistri(reg: ReadonlyMap<string, StatoCampo>, problemi: readonly Problema[]): VistaAgenda {
  const appuntamenti: Appuntamento[] = [];
  const conflitti: ConflittoAppuntamento[] = [];
  for (const [k, s] of reg) {
    const dati = leggiAppuntamento(s.valore);
    const prima = s.storia[0];
    if (!dati || !prima) continue;
    const id = k as AppuntamentoId;
    appuntamenti.push({ ...dati, id, fissatoDa: prima.autore, fissatoIl: prima.il, revisione: s.storia.length - 1, inConflitto: s.inConflitto });
    if (s.inConflitto) {
      conflitti.push({ id, valori: s.teste.flatMap((w) => {
        const valore = leggiAppuntamento(w.valore);
        return valore ? [{ scrittura: w.id, valore, autore: w.autore, il: w.il }] : [];
      }) });
    }
  }
  appuntamenti.sort((a, b) => (chiave(a) < chiave(b) ? -1 : chiave(a) > chiave(b) ? 1 : 0));
  conflitti.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return congela({ appuntamenti, conflitti, problemi: ordinaProblemi(problemi) });
}

/** Reads the agenda of a cartella from its admin document. */
export function leggiAgenda(admin: Y.Doc): VistaAgenda {
  const problemi: Problema[] = [];
  return vistaAgendaDaRegistri(leggiRegistriAgenda(admin, problemi), problemi);
}

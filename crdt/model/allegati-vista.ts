/**
 * @module allegati-vista
 * Reads the attachments of a cartella (docs/MODEL.md §1.6). Admin attachments (linked to checklist
 * documents) live in the admin document's Y.Map `allegati`, one register per attachment
 * (registro.ts), like the agenda; prof attachments (linked to diary entries) live in the prof
 * document's Y.Map `allegati`, one plain value per attachment id, like the rest of the prof part
 * (not tracked for conflicts). Everything read is validated, frozen and ordered the same way on
 * every replica; malformed entries are skipped and reported.
 */
import type * as Y from 'yjs';
import type { Cartella } from './cartella';
import type { AuthorKey, DocumentoId, VoceDiarioId } from './ids';
import { comeIdElemento } from './ids';
import { ordinaProblemi, type Problema } from './problemi';
import { leggiSezione, type StatoCampo } from './registro';
import { leggiAllegatoAdmin, leggiAllegatoProf, type AllegatoId, type FormatoAllegatoModello } from './allegati-schema';
import { chiaveSicura, congela } from './valida';

/** Name of the Y.Map holding the attachments, in the admin and in the prof document. */
export const MAPPA_ALLEGATI = 'allegati';

/** The Y.Map of a document's attachments. */
export function mappaAllegati(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(MAPPA_ALLEGATI);
}

/** An attachment as read. */
export interface Allegato {
  readonly id: AllegatoId;
  /** Which part (and so which room and key) holds it. */
  readonly parte: 'admin' | 'prof';
  /** The sealed blob's id on the relay (base64url). */
  readonly blob: string;
  readonly nome: string;
  readonly formato: FormatoAllegatoModello;
  /** The file's size in bytes. */
  readonly byte: number;
  /** Admin: the checklist document it belongs to. */
  readonly documento?: DocumentoId;
  /** Prof: the diary entry it belongs to. */
  readonly voce?: VoceDiarioId;
  readonly aggiuntoDa: AuthorKey;
  readonly aggiuntoIl: string;
  /** Set once removed (the bytes are then deleted from the relay after the grace period). */
  readonly rimosso?: { readonly da: AuthorKey; readonly il: string; readonly motivo: string };
  /** Admin only: changed concurrently with different values (shown as the latest). */
  readonly inConflitto: boolean;
}

/** The attachments of a cartella. */
export interface VistaAllegati {
  /** By time added, then id. */
  readonly admin: readonly Allegato[];
  /** Null on a device without the prof part. */
  readonly prof: readonly Allegato[] | null;
  readonly problemi: readonly Problema[];
}

const accetta = (campo: string, v: unknown): boolean => comeIdElemento(campo) !== undefined && leggiAllegatoAdmin(v) !== undefined;

/** Reads the admin attachment registers; malformed writes go to `problemi`. */
export function leggiRegistriAllegati(admin: Y.Doc, problemi: Problema[]): ReadonlyMap<string, StatoCampo> {
  return leggiSezione(mappaAllegati(admin), MAPPA_ALLEGATI, accetta, problemi);
}

const ordine = (a: Allegato, b: Allegato): number =>
  a.aggiuntoIl < b.aggiuntoIl ? -1 : a.aggiuntoIl > b.aggiuntoIl ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** The admin attachments from their registers. */
export function allegatiAdminDaRegistri(reg: ReadonlyMap<string, StatoCampo>): Allegato[] {
  const out: Allegato[] = [];
  for (const [k, s] of reg) {
    const dati = leggiAllegatoAdmin(s.valore);
    const prima = s.storia[0];
    const ultima = s.teste.at(-1);
    if (!dati || !prima || !ultima) continue;
    const { rimosso, documento, ...resto } = dati;
    out.push({
      ...resto,
      id: k as AllegatoId,
      parte: 'admin',
      documento: documento as DocumentoId,
      aggiuntoDa: prima.autore,
      aggiuntoIl: prima.il,
      ...(rimosso ? { rimosso: { da: ultima.autore, il: ultima.il, motivo: rimosso.motivo } } : {}),
      inConflitto: s.inConflitto,
    });
  }
  return out.sort(ordine);
}

/** The prof attachments; malformed values go to `problemi`. */
export function allegatiProf(prof: Y.Doc, problemi: Problema[]): Allegato[] {
  const out: Allegato[] = [];
  for (const [k, raw] of mappaAllegati(prof).entries()) {
    const id = comeIdElemento<AllegatoId>(k);
    const dati = id && chiaveSicura(k) ? leggiAllegatoProf(raw) : undefined;
    if (!id || !dati) {
      problemi.push({ parte: 'prof', sezione: MAPPA_ALLEGATI, chiave: k, motivo: 'allegato non valido' });
      continue;
    }
    const { voce, autore, il, rimosso, ...resto } = dati;
    out.push({
      ...resto,
      id,
      parte: 'prof',
      voce: voce as VoceDiarioId,
      aggiuntoDa: autore,
      aggiuntoIl: il,
      ...(rimosso ? { rimosso } : {}),
      inConflitto: false,
    });
  }
  return out.sort(ordine);
}

/** Every attachment of the cartella, frozen. */
export function leggiAllegati(c: Cartella): VistaAllegati {
  const problemi: Problema[] = [];
  const admin = allegatiAdminDaRegistri(leggiRegistriAllegati(c.admin, problemi));
  const prof = c.prof ? allegatiProf(c.prof, problemi) : null;
  return congela({ admin, prof, problemi: ordinaProblemi(problemi) });
}

/** The attachments of a checklist document, oldest first (removed ones included, flagged). */
export function allegatiDelDocumento(c: Cartella, documento: string): readonly Allegato[] {
  return leggiAllegati(c).admin.filter((a) => a.documento === documento);
}

/** The attachments of a diary entry, oldest first (removed ones included, flagged). */
export function allegatiDellaVoce(c: Cartella, voce: string): readonly Allegato[] {
  return (leggiAllegati(c).prof ?? []).filter((a) => a.voce === voce);
}

/**
 * The blob ids a document still references (not removed), sorted and unique: the live set this
 * device declares to the relay for the document's room (docs/ATTACHMENTS.md, "Garbage collection").
 */
export function blobReferenziati(doc: Y.Doc, parte: 'admin' | 'prof'): readonly string[] {
  const problemi: Problema[] = [];
  const blobs = new Set<string>();
  if (parte === 'prof') {
    for (const a of allegatiProf(doc, problemi)) if (a.rimosso === undefined) blobs.add(a.blob);
  } else {
    // A removal written concurrently with another change is a conflict: until a person resolves
    // it, any live write that still shows the attachment keeps its bytes.
    for (const s of leggiRegistriAllegati(doc, problemi).values()) {
      for (const w of s.teste) {
        const dati = leggiAllegatoAdmin(w.valore);
        if (dati && dati.rimosso === undefined) blobs.add(dati.blob);
      }
    }
  }
  return [...blobs].sort();
}

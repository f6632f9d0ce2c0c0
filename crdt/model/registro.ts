/**
 * @module registro
 * Fields of the admin document as multi-value registers, so that offline edits are never
 * silently lost. Every write of a field is a new entry of its section's Y.Map, keyed by a
 * fresh write id and carrying the ids of the writes it replaces (`sostituisce`: the field's
 * live writes as its author saw them). Live writes (“teste”) are those no other write of
 * the same field replaces. Two live writes with different values are a conflict; since
 * entries are only ever added, every replica that has the same entries computes the same
 * heads, the same conflicts and the same displayed value, whatever the order of updates.
 */
import type * as Y from 'yjs';
import type { Contesto } from './cartella';
import { comeAuthorKey, comeIdElemento, nuovoId, type AuthorKey, type ScritturaId } from './ids';
import { chiaveSicura, isRecord, jsonStabile, listaDi, prop, stringa } from './valida';
import type { Problema } from './problemi';

/** One write of one field, as read back (validated) from the document. */
export interface Scrittura {
  readonly id: ScritturaId;
  readonly campo: string;
  readonly valore: unknown;
  readonly sostituisce: readonly ScritturaId[];
  readonly autore: AuthorKey;
  /** ISO instant of the write. */
  readonly il: string;
  /** True when the write resolved a conflict (see conflitti.ts). */
  readonly risolve: boolean;
}

/** The state of one field: its live writes, the value shown, and its whole history. */
export interface StatoCampo {
  readonly campo: string;
  /** The value shown: the latest live write (by instant, then id), the same on every replica. */
  readonly valore: unknown;
  /** Live writes, oldest first. */
  readonly teste: readonly Scrittura[];
  /** More than one live write with different values. */
  readonly inConflitto: boolean;
  /** Every valid write of the field, oldest first. */
  readonly storia: readonly Scrittura[];
}

/** Decides whether a value is acceptable for a field; invalid writes are ignored. */
export type Accetta = (campo: string, valore: unknown) => boolean;

const ISTANTE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

function ordina(a: Scrittura, b: Scrittura): number {
  return a.il < b.il ? -1 : a.il > b.il ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function leggiScrittura(chiave: string, raw: unknown, accetta: Accetta): Scrittura | string {
  const id = comeIdElemento<ScritturaId>(chiave);
  if (!id) return 'chiave non valida';
  if (!isRecord(raw)) return 'non è un oggetto';
  const campo = stringa(prop(raw, 'campo'), 1, 200);
  const autore = comeAuthorKey(prop(raw, 'autore'));
  const il = prop(raw, 'il');
  const sost = listaDi(prop(raw, 'sostituisce'), (x) => comeIdElemento<ScritturaId>(x), 100);
  if (!campo || !chiaveSicura(campo)) return 'campo non valido';
  if (!autore) return 'autore non valido';
  if (typeof il !== 'string' || !ISTANTE.test(il)) return 'istante non valido';
  if (!sost) return 'sostituisce non valido';
  const valore = prop(raw, 'valore');
  if (!accetta(campo, valore)) return `valore non valido per ${campo}`;
  return { id, campo, valore, sostituisce: sost, autore, il, risolve: prop(raw, 'risolve') === true };
}

/**
 * Reads a section: every valid write grouped by field, with heads and conflicts.
 * Malformed entries are skipped and reported in `problemi`.
 */
export function leggiSezione(
  mappa: Y.Map<unknown>, nome: string, accetta: Accetta, problemi?: Problema[],
): ReadonlyMap<string, StatoCampo> {
  const perCampo = new Map<string, Scrittura[]>();
  for (const [chiave, raw] of mappa.entries()) {
    const s = leggiScrittura(chiave, raw, accetta);
    if (typeof s === 'string') {
      problemi?.push({ parte: 'admin', sezione: nome, chiave, motivo: s });
      continue;
    }
    const l = perCampo.get(s.campo);
    if (l) l.push(s);
    else perCampo.set(s.campo, [s]);
  }
  const out = new Map<string, StatoCampo>();
  for (const [campo, scritture] of perCampo) {
    scritture.sort(ordina);
    const sostituite = new Set(scritture.flatMap((s) => s.sostituisce));
    const teste = scritture.filter((s) => !sostituite.has(s.id));
    const valori = new Set(teste.map((s) => jsonStabile(s.valore)));
    out.set(campo, {
      campo,
      valore: teste.at(-1)?.valore,
      teste,
      inConflitto: valori.size > 1,
      storia: scritture,
    });
  }
  return out;
}

/**
 * Writes a field inside the caller's transaction. The new write replaces the field's
 * current heads (`stato`), so it supersedes exactly what its author could see.
 */
export function scriviCampo(
  mappa: Y.Map<unknown>, stato: StatoCampo | undefined, campo: string, valore: unknown,
  ctx: Contesto, risolve = false,
): ScritturaId {
  const doc = mappa.doc;
  if (!doc) throw new Error('scriviCampo: la sezione non appartiene a un documento');
  const id = nuovoId<ScritturaId>(doc);
  const voce: Record<string, unknown> = {
    campo,
    valore: valore ?? null,
    sostituisce: (stato?.teste ?? []).map((s) => s.id),
    autore: ctx.autore,
    il: ctx.now.toISOString(),
  };
  if (risolve) voce['risolve'] = true;
  mappa.set(id, voce);
  return id;
}

/** True when writing `valore` would change what the field shows (or settle a conflict). */
export function cambia(stato: StatoCampo | undefined, valore: unknown): boolean {
  if (!stato) return valore !== undefined && valore !== null;
  return stato.inConflitto || jsonStabile(stato.valore) !== jsonStabile(valore ?? null);
}

/**
 * @module crdt/search/units
 * Owns what of a cartella is searchable (docs/SEARCH.md, "What is indexed"): the view is cut
 * into units — the person (name, codice fiscale), each household member, the segretariato
 * access, each diary entry, relazione, verbale and valutazione — each with the plain texts
 * that are matched and shown in snippets. Nothing else of the view enters the index. On a
 * device without the professional key the view has no prof part, so neither has the index.
 */
import type { VistaCartella } from '../model';

/** Where in the cartella a unit lives (domain words, as the UI labels them). */
export type SearchWhere = 'anagrafica' | 'nucleo' | 'segretariato' | 'diario' | 'relazione' | 'verbale' | 'valutazione';
/** Which text of a unit. `codiceFiscale` is matched by substring, the others by word prefix. */
export type SearchField = 'nominativo' | 'codiceFiscale' | 'richiesta' | 'orientamento' | 'titolo' | 'testo';

/** Every `SearchWhere`, in the order units are listed and ties are broken. */
export const SEARCH_WHERE: readonly SearchWhere[] = ['anagrafica', 'nucleo', 'segretariato', 'diario', 'relazione', 'verbale', 'valutazione'];

/** The fields each kind of unit may carry, in order. */
export const FIELDS_OF: Readonly<Record<SearchWhere, readonly SearchField[]>> = {
  anagrafica: ['nominativo', 'codiceFiscale'],
  nucleo: ['nominativo', 'codiceFiscale'],
  segretariato: ['richiesta', 'orientamento'],
  diario: ['testo'],
  relazione: ['titolo', 'testo'],
  verbale: ['testo'],
  valutazione: ['testo'],
};

/** Units that exist once per cartella carry no id. */
export const SINGLE_UNITS: ReadonlySet<SearchWhere> = new Set(['anagrafica', 'segretariato']);

/** One searchable text of a unit. */
export interface UnitField {
  readonly field: SearchField;
  /** Never empty. */
  readonly text: string;
}

/** A searchable part of a cartella. */
export interface SearchUnit {
  readonly where: SearchWhere;
  /** The item's id (diary entry, relazione, household member...); '' for anagrafica and segretariato. */
  readonly id: string;
  /** The day it refers to ('YYYY-MM-DD'), '' when none: what "recent" means in the ranking. */
  readonly data: string;
  /** Non-empty texts, in the order of `FIELDS_OF[where]`, each field at most once. */
  readonly fields: readonly UnitField[];
}

/** `where:id`: unique within a cartella. */
export function unitKey(u: Pick<SearchUnit, 'where' | 'id'>): string {
  return `${u.where}:${u.id}`;
}

function unit(where: SearchWhere, id: string, data: string, texts: ReadonlyArray<readonly [SearchField, string | undefined]>): SearchUnit | null {
  const fields: UnitField[] = [];
  for (const [field, text] of texts) if (text !== undefined && text.trim() !== '') fields.push({ field, text });
  return fields.length === 0 ? null : { where, id, data, fields };
}

const nominativo = (cognome: string | undefined, nome: string | undefined): string =>
  [cognome, nome].filter((x): x is string => x !== undefined && x !== '').join(' ');

/** The searchable units of a cartella's view, in a deterministic order. */
export function unitsOfView(v: VistaCartella): SearchUnit[] {
  const out: Array<SearchUnit | null> = [];
  const a = v.admin.anagrafica;
  out.push(unit('anagrafica', '', '', [['nominativo', nominativo(a.cognome, a.nome)], ['codiceFiscale', a.codiceFiscale]]));
  const acc = v.admin.segretariato.accesso;
  if (acc) out.push(unit('segretariato', '', acc.data, [['richiesta', acc.richiesta], ['orientamento', acc.orientamento]]));
  for (const m of v.admin.nucleo) {
    out.push(unit('nucleo', m.id, '', [['nominativo', nominativo(m.cognome, m.nome)], ['codiceFiscale', m.codiceFiscale]]));
  }
  if (v.prof) {
    for (const d of v.prof.diario) out.push(unit('diario', d.id, d.data, [['testo', d.testo]]));
    for (const r of v.prof.relazioni) {
      out.push(unit('relazione', r.id, r.definitivaIl ?? r.scrittoIl.slice(0, 10), [['titolo', r.titolo], ['testo', r.testo]]));
    }
    for (const x of v.prof.verbali) out.push(unit('verbale', x.id, x.data, [['testo', x.testo]]));
    for (const x of v.prof.valutazioni) out.push(unit('valutazione', x.id, x.data, [['testo', x.testo]]));
  }
  return out.filter((u): u is SearchUnit => u !== null);
}

/** Whether two units hold the same searchable content (so the indexed form can be reused). */
export function sameUnit(a: SearchUnit, b: SearchUnit): boolean {
  if (a === b) return true;
  if (a.where !== b.where || a.id !== b.id || a.data !== b.data || a.fields.length !== b.fields.length) return false;
  return a.fields.every((f, i) => f.field === b.fields[i]?.field && f.text === b.fields[i]?.text);
}

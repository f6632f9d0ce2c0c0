/**
 * @module siuss/flowParts
 * What both flows share: the namespace, reading the cartelle (once each, in a stable order),
 * the `IdentificazioneFlusso` header, and writing a row of attributes from a spec table while
 * collecting what is missing, invalid or in conflict.
 */
import { err, ok } from '../../crypto';
import { leggiAdmin, type Cartella, type VistaAdmin } from '../model';
import type { SiussResult } from './errors';
import { lexicalValue } from './facets';
import type { FieldProblems } from './outcome';
import type { AttributeSpec } from './psSchema';
import type { SiussRequest } from './request';
import type { XmlElement } from './xml';

/** The target namespace of both schemas (elementFormDefault qualified, attributes unqualified). */
export const SIUSS_NAMESPACE = 'http://inps.it/Casellario';

/** A cartella read for the export. */
export interface CartellaLetta {
  /** `meta.id`, or '' when the admin document carries none (malformed). */
  readonly id: string;
  readonly vista: VistaAdmin;
  readonly cartella: Cartella;
}

/** Reads every cartella's admin document, sorted by id; refuses the same cartella twice. */
export function readCartelle(cartelle: readonly Cartella[]): SiussResult<readonly CartellaLetta[]> {
  const out: CartellaLetta[] = [];
  const seen = new Set<string>();
  for (const c of cartelle) {
    const { vista } = leggiAdmin(c.admin);
    const id = vista.meta.id ?? '';
    if (id !== '' && seen.has(id)) return err('duplicate_cartella', `La cartella ${id} è stata indicata due volte.`);
    seen.add(id);
    out.push({ id, vista, cartella: c });
  }
  return ok(out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

/** `IdentificazioneFlusso` with its `Ente` (same type in both schemas). */
export function identificazioneFlusso(r: SiussRequest): XmlElement {
  const e = r.ente;
  const ente: Array<[string, string]> = [['Codice', e.codice]];
  if (e.denominazione !== undefined) ente.push(['Denominazione', e.denominazione]);
  ente.push(['Indirizzo', e.codiceCatastale], ['CFOperatore', e.cfOperatore]);
  return { name: 'IdentificazioneFlusso', attributes: [['Nome', r.nomeFlusso]], children: [{ name: 'Ente', attributes: ente }] };
}

/**
 * The attributes of `specs` that have a value in `values`, in table order, as lexical strings.
 * Records in `problems` every required attribute without a value, every value the facet
 * refuses, and every attribute whose model source is in `conflicts`.
 */
export function writeAttributes(
  specs: readonly AttributeSpec[], values: Readonly<Record<string, unknown>>,
  conflicts: ReadonlySet<string>, problems: FieldProblems,
): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const s of specs) {
    if (s.sources?.some((k) => conflicts.has(k))) {
      problems.add(s.name, s.label, 'conflict');
      continue;
    }
    const raw = Object.prototype.hasOwnProperty.call(values, s.name) ? values[s.name] : undefined;
    if (raw === undefined) {
      if (s.required) problems.add(s.name, s.label, 'missing');
      continue;
    }
    const lexical = lexicalValue(s.facet, raw);
    if (lexical === undefined) problems.add(s.name, s.label, 'invalid');
    else out.push([s.name, lexical]);
  }
  return out;
}

/**
 * @module siuss/outcome
 * What an export gives back: the XML (or null when nothing could be exported: an empty flow
 * is not valid against either schema), how many prestazioni went into it, and every
 * prestazione left out with the fields a person must complete or correct, labelled in Italian.
 * Nothing is ever invented to fill a gap: an incomplete prestazione is reported, not exported.
 */
import type { VistaAdmin } from '../model';

/** Why a field keeps a prestazione out of the flow. */
export type ExclusionReason =
  /** required by the schema and absent */
  | 'missing'
  /** present but not what the schema accepts */
  | 'invalid'
  /** written concurrently with different values and not yet resolved (model R21) */
  | 'conflict';

/** One field to complete or correct. `field` is the schema's name (or a pseudo-field below). */
export interface FieldProblem {
  readonly field: string;
  readonly label: string;
  readonly reason: ExclusionReason;
}

/** A prestazione of the period that was not exported, and why. */
export interface ExcludedPrestazione {
  readonly cartellaId: string;
  readonly prestazioneId: string;
  readonly fields: readonly FieldProblem[];
}

/** The outcome of an export. */
export interface ExportOutcome {
  /** The flow, or null when no prestazione could be exported. */
  readonly xml: string | null;
  /** Prestazioni exported. */
  readonly exported: number;
  /** Beneficiario (PS) or SINBA records in the flow. */
  readonly beneficiaries: number;
  /** Prestazioni of the period left out, by cartella id then prestazione id. */
  readonly excluded: readonly ExcludedPrestazione[];
}

/** Pseudo-fields: problems that are not one schema attribute. */
export const PSEUDO_FIELDS = {
  DataPrestazione: "Data della prestazione (inizio, erogazione o evento)",
  Prestazione: 'Dati della prestazione',
  IdCartella: 'Identificativo della cartella',
} as const;

/** Collects the problems of one prestazione; the first reason given for a field is kept. */
export class FieldProblems {
  private readonly byField = new Map<string, FieldProblem>();

  add(field: string, label: string, reason: ExclusionReason): void {
    if (!this.byField.has(field)) this.byField.set(field, { field, label, reason });
  }

  addAll(others: readonly FieldProblem[]): void {
    for (const p of others) this.add(p.field, p.label, p.reason);
  }

  get empty(): boolean {
    return this.byField.size === 0;
  }

  list(): readonly FieldProblem[] {
    return [...this.byField.values()];
  }
}

/** The admin fields in conflict, as `sezione.campo` (e.g. `anagrafica.codiceFiscale`, `prestazioni.<id>`). */
export function conflictedFields(v: VistaAdmin): ReadonlySet<string> {
  return new Set(v.conflitti.map((c) => `${c.sezione}.${c.campo}`));
}

const REASON_LABEL: Readonly<Record<ExclusionReason, string>> = {
  missing: 'da compilare', invalid: 'da correggere', conflict: 'in conflitto da risolvere',
};

/** One Italian sentence for a person: which fields to complete, correct or resolve. */
export function describeExclusion(e: ExcludedPrestazione): string {
  return `Prestazione non inviata a SIUSS — ${describeFields(e.fields)}.`;
}

function describeFields(fields: readonly FieldProblem[]): string {
  return (['missing', 'invalid', 'conflict'] as const).flatMap((r) => {
    const labels = fields.filter((f) => f.reason === r).map((f) => f.label);
    return labels.length > 0 ? [`${REASON_LABEL[r]}: ${labels.join(', ')}`] : [];
  }).join('; ');
}

/** The exclusions of one cartella: its prestazioni left out and every field they lack, once. */
export interface ExcludedCartella {
  readonly cartellaId: string;
  readonly prestazioni: readonly string[];
  readonly fields: readonly FieldProblem[];
}

/** Groups exclusions by cartella (the order of `list` kept): what a person fixes, cartella by cartella. */
export function excludedByCartella(list: readonly ExcludedPrestazione[]): readonly ExcludedCartella[] {
  const by = new Map<string, { prestazioni: string[]; fields: FieldProblems }>();
  for (const e of list) {
    const g = by.get(e.cartellaId) ?? { prestazioni: [], fields: new FieldProblems() };
    g.prestazioni.push(e.prestazioneId);
    g.fields.addAll(e.fields);
    by.set(e.cartellaId, g);
  }
  return [...by].map(([cartellaId, g]) => ({ cartellaId, prestazioni: g.prestazioni, fields: g.fields.list() }));
}

/** One Italian sentence for a cartella's exclusions: how many prestazioni, which fields. */
export function describeCartellaExclusion(e: ExcludedCartella): string {
  const n = e.prestazioni.length === 1 ? '1 prestazione non inviata' : `${e.prestazioni.length} prestazioni non inviate`;
  return `${n} a SIUSS — ${describeFields(e.fields)}.`;
}

/** Sorts exclusions by cartella id, then prestazione id (stable output whatever the input order). */
export function sortExcluded(list: ExcludedPrestazione[]): ExcludedPrestazione[] {
  const key = (e: ExcludedPrestazione): string => `${e.cartellaId}\u0000${e.prestazioneId}`;
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

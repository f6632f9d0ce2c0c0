/**
 * @module siuss/schedaSinba
 * The scheda SINBA: what the SINBA record needs about a minor that the cartella does not hold
 * (condition, living place, school, assessment, reports to and measures of the courts, foster
 * care, residential placement, household composition). It is passed to the export per
 * cartella, keyed by the schema's attribute names, and read here without ever failing: every
 * unknown key or malformed value becomes a problem of that cartella, so one bad scheda
 * excludes one minor, not the whole flow.
 */
import { isRecord, prop } from '../model';
import { lexicalValue } from './facets';
import type { FieldProblem } from './outcome';
import { COMPOSIZIONE_FAMIGLIA, SCHEDA_ATTRIBUTES } from './sinbaSchema';

/**
 * A scheda as the UI builds it: SINBA attribute names (e.g. `LuogoVita: '1'`) and
 * `ComposizioneFamiglia: ['1', '2', '3']`. Codes may be strings or integers.
 */
export type SchedaSinbaInput = Readonly<Record<string, unknown>>;

/** A scheda read for the export. */
export interface SchedaSinba {
  /** Attribute values, normalised (codes as strings, NumeroComponentiISEE as a number). */
  readonly values: Readonly<Record<string, unknown>>;
  /** Household composition codes, without repetitions, in the order given. */
  readonly composizione: readonly string[];
  readonly problems: readonly FieldProblem[];
}

const KNOWN = new Map(SCHEDA_ATTRIBUTES.map((a) => [a.name, a]));

function normalise(name: string, v: unknown): unknown {
  if (name === 'NumeroComponentiISEE') return typeof v === 'string' && /^\d{1,2}$/.test(v.trim()) ? Number(v.trim()) : v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
  return typeof v === 'string' ? v.trim() : v;
}

/** Reads the scheda of one cartella (absent = empty: every required field is then reported). */
export function parseSchedaSinba(raw: unknown): SchedaSinba {
  const values: Record<string, unknown> = {};
  const problems: FieldProblem[] = [];
  const composizione: string[] = [];
  if (raw !== undefined && !isRecord(raw)) {
    return { values, composizione, problems: [{ field: 'SchedaSinba', label: 'Scheda SINBA', reason: 'invalid' }] };
  }
  for (const key of raw === undefined ? [] : Object.keys(raw)) {
    const v = prop(raw, key);
    if (v === undefined || v === null || v === '') continue;
    if (key === COMPOSIZIONE_FAMIGLIA.name) {
      const list = Array.isArray(v) ? v.map((x) => normalise(key, x)) : [];
      const ok = list.length > 0 && list.every((x) => lexicalValue(COMPOSIZIONE_FAMIGLIA.facet, x) !== undefined);
      if (!ok) problems.push({ field: key, label: COMPOSIZIONE_FAMIGLIA.label, reason: 'invalid' });
      else for (const x of list as string[]) if (!composizione.includes(x)) composizione.push(x);
      continue;
    }
    const spec = KNOWN.get(key);
    if (!spec) {
      problems.push({ field: key, label: `Campo non previsto dalla scheda SINBA: ${key}`, reason: 'invalid' });
      continue;
    }
    values[key] = normalise(key, v);
  }
  if (composizione.length === 0 && !problems.some((p) => p.field === COMPOSIZIONE_FAMIGLIA.name)) {
    problems.push({ field: COMPOSIZIONE_FAMIGLIA.name, label: COMPOSIZIONE_FAMIGLIA.label, reason: 'missing' });
  }
  return { values, composizione, problems };
}

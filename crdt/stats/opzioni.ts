/**
 * @module crdt/stats/opzioni
 * What a person asks of the statistics — a period and a small-count threshold — parsed
 * from the form's raw values in one place. Everything else takes the typed result.
 */
import { err, ok, type Result } from '../../crypto/result';
import { comeData, type DataIso } from '../model';

/** Options of the statistics. */
export interface OpzioniStatistiche {
  /** First day of the period (inclusive); from the earliest event when omitted. */
  readonly dal?: DataIso;
  /** Last day of the period (inclusive); today (the `now` passed in) when omitted or later. */
  readonly al?: DataIso;
  /**
   * Counts of persons from 1 to `soglia − 1` are hidden in tables (see riservatezza.ts);
   * 0 or 1 hides nothing. Defaults to {@link SOGLIA_PREDEFINITA}.
   */
  readonly soglia?: number;
}

/** The threshold used when none is given: counts of 1 and 2 persons are hidden. */
export const SOGLIA_PREDEFINITA = 3;
/** The largest threshold accepted. */
export const SOGLIA_MASSIMA = 50;

/** Stable codes of a refused request (docs/STATS.md). */
export const CODICI_ERRORE_STATISTICHE = ['opzioni_non_valide', 'data_non_valida', 'periodo_incoerente', 'soglia_non_valida'] as const;
export type CodiceErroreStatistiche = (typeof CODICI_ERRORE_STATISTICHE)[number];

const CHIAVI = new Set(['dal', 'al', 'soglia']);

function campo(o: object, k: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, k) ? (o as Record<string, unknown>)[k] : undefined;
}

/**
 * Parses the options as a form gives them (`dal`/`al` as 'YYYY-MM-DD' or empty, `soglia` as
 * a number or a numeric string). Empty strings mean "not set".
 */
export function comeOpzioniStatistiche(raw: unknown): Result<OpzioniStatistiche, CodiceErroreStatistiche> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err('opzioni_non_valide', 'Le opzioni delle statistiche non sono valide.');
  }
  const ignote = Object.keys(raw).filter((k) => !CHIAVI.has(k));
  if (ignote.length > 0) return err('opzioni_non_valide', `Opzioni sconosciute: ${ignote.join(', ')}.`);
  const out: { dal?: DataIso; al?: DataIso; soglia?: number } = {};
  for (const k of ['dal', 'al'] as const) {
    const v = campo(raw, k);
    if (v === undefined || v === null || v === '') continue;
    const d = comeData(v);
    if (!d) return err('data_non_valida', `La data ${k === 'dal' ? 'di inizio' : 'di fine'} del periodo non è valida.`);
    out[k] = d;
  }
  if (out.dal && out.al && out.dal > out.al) {
    return err('periodo_incoerente', "L'inizio del periodo segue la fine.");
  }
  const s = campo(raw, 'soglia');
  if (s !== undefined && s !== null && s !== '') {
    const n = typeof s === 'string' && /^\d{1,3}$/.test(s.trim()) ? Number(s.trim()) : s;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > SOGLIA_MASSIMA) {
      return err('soglia_non_valida', `La soglia dei piccoli numeri dev'essere un intero da 0 a ${SOGLIA_MASSIMA}.`);
    }
    out.soglia = n;
  }
  return ok(out);
}

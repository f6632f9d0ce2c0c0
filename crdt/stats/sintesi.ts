/**
 * @module crdt/stats/sintesi
 * Summary of a list of durations in days: how many, mean, quartiles. Quartiles use linear
 * interpolation between order statistics (Hyndman–Fan type 7: Excel's QUARTILE.INC,
 * LibreOffice's QUARTILE, R's default), so an office can check a figure by hand or in a
 * spreadsheet. The median is the second quartile.
 */

/** Count, mean and quartiles of some durations (null when there are no cases). */
export interface Sintesi {
  readonly casi: number;
  /** Arithmetic mean, rounded to one decimal. */
  readonly media: number | null;
  readonly primoQuartile: number | null;
  readonly mediana: number | null;
  readonly terzoQuartile: number | null;
}

/** The p-quantile (0 ≤ p ≤ 1) of values already sorted ascending; type 7. */
export function quantile(ordinati: readonly number[], p: number): number | null {
  const n = ordinati.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const basso = ordinati[i] ?? 0;
  const alto = ordinati[Math.min(i + 1, n - 1)] ?? basso;
  return basso + (h - i) * (alto - basso);
}

/** Summarises durations (any order); the input is not modified. */
export function sintesi(valori: readonly number[]): Sintesi {
  const o = [...valori].sort((a, b) => a - b);
  if (o.length === 0) return { casi: 0, media: null, primoQuartile: null, mediana: null, terzoQuartile: null };
  const somma = o.reduce((a, b) => a + b, 0);
  return {
    casi: o.length,
    media: Math.round((somma / o.length) * 10) / 10,
    primoQuartile: quantile(o, 0.25),
    mediana: quantile(o, 0.5),
    terzoQuartile: quantile(o, 0.75),
  };
}

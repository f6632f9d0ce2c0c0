/**
 * @module crdt/stats/controlli
 * Test support (not exported): checks on a table written independently of riservatezza.ts —
 * which declared sums fail, and which sums leave exactly one hidden cell (recoverable by
 * subtraction).
 */
import { eRiservato, type Tabella } from './tabella';

type Cellula = readonly [number, number];

/** Every declared sum of the table: [the total cell, ...its parts]. */
function somme(t: Tabella): Cellula[][] {
  const indice = new Map(t.colonne.map((c, i) => [c.codice, i]));
  const out: Cellula[][] = [];
  t.righe.forEach((r, i) => {
    t.colonne.forEach((c, j) => {
      if (c.somma) out.push([[i, j], ...c.somma.map((k): Cellula => [i, indice.get(k) ?? -1])]);
      if (r.totale && c.tipo === 'conteggio') out.push([[i, j], ...t.righe.flatMap((x, k): Cellula[] => (x.totale ? [] : [[k, j]]))]);
    });
  });
  return out;
}

/** The declared sums that do not hold (before hiding), as readable strings. */
export function sommeErrate(t: Tabella): string[] {
  const n = ([i, j]: Cellula): number => {
    const v = t.righe[i]?.celle[j];
    return typeof v === 'number' ? v : Number.NaN;
  };
  return somme(t).filter(([tot, ...parti]) => parti.reduce((s, p) => s + n(p), 0) !== n(tot as Cellula))
    .map(([tot]) => `${t.codice} [${tot?.join(',') ?? ''}]`);
}

/** The declared sums with exactly one hidden cell: that cell could be recomputed. */
export function sommeConUnaNascosta(t: Tabella): string[] {
  const nascosta = ([i, j]: Cellula): boolean => eRiservato(t.righe[i]?.celle[j] ?? null);
  return somme(t).filter((g) => g.filter(nascosta).length === 1).map(([tot]) => `${t.codice} [${tot?.join(',') ?? ''}]`);
}

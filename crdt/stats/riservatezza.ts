/**
 * @module crdt/stats/riservatezza
 * Hiding small groups of persons before a table leaves the device. A municipality's office
 * is small: "one closure for decesso in March, area anziani" can name someone. So:
 * 1. primary: every count from 1 to `soglia − 1` is hidden (zero is shown: it counts nobody);
 *    measures (mean, quartiles) computed from fewer than `soglia` cases are hidden too;
 * 2. secondary: wherever a total is shown with exactly one hidden part (a row's sum column,
 *    or the total row of a column), one more part is hidden — the smallest non-zero one,
 *    else the smallest, else the total — until no hidden count can be recovered by
 *    subtraction within the table.
 * Only tables whose counts are of persons served are touched (the équipe's diary work is
 * not). Inference across different tables is not prevented: see docs/STATS.md.
 */
import type { Cella, Riservato, Tabella } from './tabella';

const RISERVATO: Riservato = Object.freeze({ riservato: true });

/** Cells that must add up: the first is the total, the rest its parts (row, column). */
type Gruppo = readonly (readonly [number, number])[];

function gruppi(t: Tabella): Gruppo[] {
  const out: Gruppo[] = [];
  const indice = new Map(t.colonne.map((c, i) => [c.codice, i]));
  t.righe.forEach((r, i) => {
    t.colonne.forEach((c, j) => {
      if (c.tipo !== 'conteggio' || !c.somma) return;
      const parti = c.somma.flatMap((k) => { const x = indice.get(k); return x === undefined ? [] : [[i, x] as const]; });
      out.push([[i, j], ...parti]);
    });
    if (!r.totale) return;
    t.colonne.forEach((c, j) => {
      if (c.tipo !== 'conteggio') return;
      const parti = t.righe.flatMap((x, k) => (k === i || x.totale ? [] : [[k, j] as const]));
      out.push([[i, j], ...parti]);
    });
  });
  return out.filter((g) => g.length >= 2);
}

/**
 * The table with small counts hidden under threshold `soglia` (0 or 1: unchanged). The
 * result records the threshold and says so in its notes.
 */
export function proteggi(t: Tabella, soglia: number): Tabella {
  if (!Number.isInteger(soglia) || soglia < 0) throw new Error(`proteggi: soglia non valida ${soglia}`);
  if (t.soglia > 0 && soglia !== t.soglia) {
    // The hidden values are gone: a new threshold must start from the unprotected table.
    throw new Error(`proteggi: tabella già protetta con soglia ${t.soglia}; ricalcola da \`tabelle\``);
  }
  if (!t.personeServite || soglia <= 1 || soglia === t.soglia) return t;
  const celle: Cella[][] = t.righe.map((r) => [...r.celle]);
  const nascosta = celle.map((r) => r.map(() => false));
  const valore = (i: number, j: number): number => {
    const v = celle[i]?.[j];
    return typeof v === 'number' ? v : 0;
  };
  const nascondi = (i: number, j: number): void => { (nascosta[i] as boolean[])[j] = true; };
  const e = (i: number, j: number): boolean => nascosta[i]?.[j] === true;
  t.colonne.forEach((c, j) => {
    if (c.tipo !== 'conteggio') return;
    celle.forEach((r, i) => { const v = r[j]; if (typeof v === 'number' && v >= 1 && v < soglia) nascondi(i, j); });
  });
  const tutti = gruppi(t);
  for (let cambiato = true; cambiato;) {
    cambiato = false;
    for (const g of tutti) {
      if (g.filter(([i, j]) => e(i, j)).length !== 1) continue;
      const [totale, ...parti] = g;
      const libere = parti.filter(([i, j]) => !e(i, j)).sort((a, b) => valore(a[0], a[1]) - valore(b[0], b[1]));
      const scelta = libere.find(([i, j]) => valore(i, j) > 0) ?? libere[0] ?? totale;
      if (!scelta || e(scelta[0], scelta[1])) continue;
      nascondi(scelta[0], scelta[1]);
      cambiato = true;
    }
  }
  // Measures describe their cases: hidden when those cases are fewer than the threshold.
  const indice = new Map(t.colonne.map((c, i) => [c.codice, i]));
  t.colonne.forEach((c, j) => {
    const k = c.tipo === 'misura' && c.casi !== undefined ? indice.get(c.casi) : undefined;
    if (k === undefined) return;
    celle.forEach((r, i) => { const n = r[k]; if (typeof n === 'number' && n >= 1 && n < soglia && r[j] !== null) nascondi(i, j); });
  });
  const righe = t.righe.map((r, i) => ({ ...r, celle: (celle[i] ?? []).map((v, j) => (e(i, j) ? RISERVATO : v)) }));
  const piccoli = soglia === 2 ? 'i conteggi di una persona' : `i conteggi da 1 a ${soglia - 1} persone`;
  return {
    ...t,
    righe,
    soglia,
    note: [...t.note, `Per riservatezza sono nascosti ${piccoli} («riservato»), e quanto basta perché non si possano ricavare dai totali.`],
  };
}

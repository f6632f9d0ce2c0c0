import { describe, expect, it } from 'vitest';
import { cartelleDiProva, ORA } from './fixture';
import { proteggi } from './riservatezza';
import { statistiche } from './statistiche';
import { tabella, type Cella, type Colonna, type Tabella } from './tabella';
import { sommeConUnaNascosta } from './controlli';
import { tabelle } from './tabelle';

const R = { riservato: true } as const;
const conteggio = (codice: string, somma?: string[]): Colonna => (somma ? { codice, etichetta: codice, tipo: 'conteggio', somma } : { codice, etichetta: codice, tipo: 'conteggio' });

/** A table of closures: total, then four reasons; a total row when `totale`. */
function chiusure(righe: number[][], totale = false, personeServite = true): Tabella {
  const n = righe.map((r) => ({ celle: ['m', ...r] as Cella[] }));
  const somme = righe[0]?.map((_, j) => righe.reduce((s, r) => s + (r[j] ?? 0), 0)) ?? [];
  return tabella({
    codice: 'prova', titolo: 'Prova', personeServite, note: [],
    colonne: [{ codice: 'mese', etichetta: 'Mese', tipo: 'testo' }, conteggio('tot', ['a', 'b', 'c', 'd']), conteggio('a'), conteggio('b'), conteggio('c'), conteggio('d')],
    righe: totale ? [...n, { celle: ['Totale', ...somme], totale: true }] : n,
  });
}
const celle = (t: Tabella): Cella[][] => t.righe.map((r) => r.celle.slice(1));

describe('hiding small counts of persons', () => {
  it('hides counts from 1 to soglia − 1 and shows zeros', () => {
    // tot 7 = 4 + 2 + 1 + 0: with soglia 3 the 2 and the 1 are hidden; two hidden parts of a
    // shown total cannot be told apart (3 could be 2+1, 1+2, 3+0 …): nothing more is hidden.
    expect(celle(proteggi(chiusure([[7, 4, 2, 1, 0]]), 3))).toEqual([[7, 4, R, R, 0]]);
  });

  it('hides a second part when a total would give the only hidden one away', () => {
    // tot 5 = 4 + 1 + 0 + 0: hiding the 1 alone is useless (5 − 4 − 0 − 0); the smallest other
    // non-zero part, the 4, is hidden too.
    expect(celle(proteggi(chiusure([[5, 4, 1, 0, 0]]), 3))).toEqual([[5, R, R, 0, 0]]);
    // tot 3 = 3 + 0 + 0 + 0 with soglia 5: the total and its part are both small: both hidden.
    expect(celle(proteggi(chiusure([[3, 3, 0, 0, 0]]), 5))).toEqual([[R, R, 0, 0, 0]]);
  });

  it('follows totals along columns too, until nothing can be recovered by subtraction', () => {
    // Rows: [tot, a, b, c, d]; total row = column sums [9, 5, 3, 1, 0].
    //   r1 [5, 4, 1, 0, 0] → the 1 is hidden, then (row) the 4.
    //   r2 [4, 1, 2, 1, 0] → 1, 2, 1 hidden (three hidden parts of 4: safe in the row).
    //   total row [9, 5, 3, 1, 0] → its 1 is small, hidden; then its row sum 9 = 5 + 3 + 1 + 0
    //   would give the 1 away, so the 3 is hidden too.
    //   Columns: a 5 = 4(h) + 1(h); b 3(h) = 1(h) + 2(h); c 1(h) = 0 + 1(h): each ≥ 2 hidden.
    const p = proteggi(chiusure([[5, 4, 1, 0, 0], [4, 1, 2, 1, 0]], true), 3);
    expect(celle(p)).toEqual([[5, R, R, 0, 0], [4, R, R, R, 0], [9, 5, R, R, 0]]);
    expect(sommeConUnaNascosta(p)).toEqual([]);
  });

  it('hides a mean and quartiles computed from fewer cases than the threshold', () => {
    const t = tabella({
      codice: 'tempi', titolo: 'T', personeServite: true, note: [],
      colonne: [{ codice: 'mese', etichetta: 'Mese', tipo: 'testo' }, conteggio('casi'), { codice: 'mediana', etichetta: 'Mediana', tipo: 'misura', casi: 'casi' }],
      righe: [{ celle: ['2025-01', 1, 14] }, { celle: ['2025-02', 0, null] }, { celle: ['2025-03', 4, 10] }, { celle: ['Totale', 5, 11], totale: true }],
    });
    // Month 1 has 1 case (hidden with its median); the total 5 would give it away, so the
    // smallest other non-zero month (4) is hidden too, but its median (4 cases) is not.
    expect(celle(proteggi(t, 3))).toEqual([[R, R], [0, null], [R, 10], [5, 11]]);
  });

  it('leaves untouched the équipe\'s own work, and everything when the threshold is 0 or 1', () => {
    const lavoro = chiusure([[5, 4, 1, 0, 0]], false, false);
    expect(proteggi(lavoro, 5)).toBe(lavoro);
    const t = chiusure([[5, 4, 1, 0, 0]]);
    expect(proteggi(t, 0)).toBe(t);
    expect(proteggi(t, 1)).toBe(t);
    expect(() => proteggi(t, -1)).toThrow();
  });

  it('records the threshold and says so in the notes; a protected table is not protected again', () => {
    const p = proteggi(chiusure([[7, 4, 2, 1, 0]]), 3);
    expect(p.soglia).toBe(3);
    expect(p.note.at(-1)).toMatch(/da 1 a 2 persone/);
    expect(proteggi(chiusure([[7, 4, 2, 1, 0]]), 2).note.at(-1)).toMatch(/di una persona/);
    expect(proteggi(p, 3)).toBe(p);
    // The hidden values are gone: a higher threshold must start again from the statistics.
    expect(() => proteggi(p, 5)).toThrow(/già protetta/);
  });

  it('over the hand-built office: every small count is hidden and no total gives one away', () => {
    const s = statistiche(cartelleDiProva(), ORA);
    for (const soglia of [2, 3, 5, 10]) {
      for (const t of tabelle(s, { soglia })) {
        if (!t.personeServite) continue;
        for (const r of t.righe) {
          t.colonne.forEach((c, j) => {
            const v = r.celle[j];
            if (c.tipo === 'conteggio' && typeof v === 'number') expect(v === 0 || v >= soglia).toBe(true);
          });
        }
        expect(sommeConUnaNascosta(t)).toEqual([]);
      }
    }
    // The area table by hand, soglia 3: every 1 and 2 is hidden; the totals 4, 3, 7 are shown.
    const area = tabelle(s, { soglia: 3 }).find((t) => t.codice === 'stato_per_area');
    expect(area?.righe.map((r) => r.celle)).toEqual([
      ['Famiglia e minori', R, 0, R], ['Disabili', R, 0, R], ['Dipendenze', 0, 0, 0], ['Anziani', 0, R, R],
      ['Immigrati e nomadi', 0, 0, 0], ['Povertà, disagio adulti e senza dimora', 0, R, R], ['Multiutenza', R, 0, R],
      ['Totale', 4, 3, 7],
    ]);
  });
});

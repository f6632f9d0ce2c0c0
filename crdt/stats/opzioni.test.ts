import { describe, expect, it } from 'vitest';
import { comeOpzioniStatistiche } from './opzioni';
import { quantile, sintesi } from './sintesi';
import { etichettaMese, mesiTra, type Mese } from './etichette';

describe('comeOpzioniStatistiche (the form\'s period and threshold)', () => {
  it('accepts a period and a threshold, as numbers or as the strings a form gives', () => {
    expect(comeOpzioniStatistiche({ dal: '2024-01-01', al: '2024-12-31', soglia: 5 })).toEqual({ ok: true, value: { dal: '2024-01-01', al: '2024-12-31', soglia: 5 } });
    expect(comeOpzioniStatistiche({ dal: '', al: '', soglia: ' 3 ' })).toEqual({ ok: true, value: { soglia: 3 } });
    expect(comeOpzioniStatistiche({})).toEqual({ ok: true, value: {} });
  });

  it('refuses an impossible date, an inverted period, a bad threshold, unknown keys, a non-object', () => {
    expect(comeOpzioniStatistiche({ dal: '2025-02-30' })).toMatchObject({ ok: false, code: 'data_non_valida', message: expect.stringMatching(/inizio/) as unknown });
    expect(comeOpzioniStatistiche({ al: 20250101 })).toMatchObject({ ok: false, code: 'data_non_valida' });
    expect(comeOpzioniStatistiche({ dal: '2025-02-01', al: '2025-01-31' })).toMatchObject({ ok: false, code: 'periodo_incoerente' });
    for (const soglia of [-1, 2.5, 51, '3a', true]) {
      expect(comeOpzioniStatistiche({ soglia })).toMatchObject({ ok: false, code: 'soglia_non_valida' });
    }
    expect(comeOpzioniStatistiche({ da: '2025-01-01' })).toMatchObject({ ok: false, code: 'opzioni_non_valide', message: expect.stringMatching(/da/) as unknown });
    expect(comeOpzioniStatistiche(JSON.parse('{"__proto__": {"soglia": 0}}'))).toMatchObject({ ok: false, code: 'opzioni_non_valide' });
    for (const x of [null, 'x', [], 3]) expect(comeOpzioniStatistiche(x)).toMatchObject({ ok: false, code: 'opzioni_non_valide' });
  });
});

describe('sintesi (count, mean, quartiles of durations)', () => {
  it('uses linear interpolation between order statistics, as Excel\'s QUARTILE.INC', () => {
    // [1, 2, 3, 4]: ranks (n−1)p = 0.75, 1.5, 2.25 → 1.75, 2.5, 3.25; mean 2.5.
    expect(sintesi([4, 1, 3, 2])).toEqual({ casi: 4, media: 2.5, primoQuartile: 1.75, mediana: 2.5, terzoQuartile: 3.25 });
    // [0, 10, 20, 30, 100]: ranks 1, 2, 3 → 10, 20, 30; mean 32.
    expect(sintesi([100, 0, 30, 10, 20])).toEqual({ casi: 5, media: 32, primoQuartile: 10, mediana: 20, terzoQuartile: 30 });
  });

  it('rounds the mean to one decimal; one case is its own quartiles; no case gives nulls', () => {
    expect(sintesi([1, 2, 2]).media).toBe(1.7);
    expect(sintesi([7])).toEqual({ casi: 1, media: 7, primoQuartile: 7, mediana: 7, terzoQuartile: 7 });
    expect(sintesi([])).toEqual({ casi: 0, media: null, primoQuartile: null, mediana: null, terzoQuartile: null });
    expect(quantile([], 0.5)).toBeNull();
  });

  it('does not reorder the caller\'s list', () => {
    const v = [3, 1, 2];
    sintesi(v);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('months', () => {
  it('lists the months between two, across years, with Italian labels', () => {
    expect(mesiTra('2024-11' as Mese, '2025-02' as Mese)).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
    expect(mesiTra('2025-02' as Mese, '2025-01' as Mese)).toEqual([]);
    expect(etichettaMese('2025-03' as Mese)).toEqual({ codice: '2025-03', etichetta: 'marzo 2025' });
  });
});

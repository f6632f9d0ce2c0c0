/**
 * Search, filters and order of the list of cartelle (client/cartelle/filtri.ts) on plain
 * summaries: accents and case ignored, every word must match, filters combine.
 */
import { describe, expect, it } from 'vitest';
import { filtra, FILTRI_VUOTI } from '../../client/cartelle/filtri';
import { normalizza, type Riassunto } from '../../client/cartelle/riassunto';

const r = (id: string, cognome: string, nome: string, extra: Partial<Riassunto> = {}): Riassunto => ({
  id, cognome, nome, chiaveRicerca: normalizza(`${cognome} ${nome} ${nome} ${cognome} ${extra.codiceFiscale ?? ''}`),
  chiaveNome: normalizza(`${cognome} ${nome}`), stato: 'aperta', critici: 0, attenzione: 0, messaggi: [], ...extra,
});

const tutte = [
  r('a', 'Niccolò', 'Anna', { codiceFiscale: 'NCCNNA80A41H501Z', area: 'anziani', fase: 'valutazione', attenzione: 2 }),
  r('b', 'Rossi', 'Maria', { stato: 'chiusa', area: 'famiglia_minori', ultimaAttivita: '2024-01-10' as never }),
  r('c', 'Rossetti', 'Luca', { critici: 1, area: 'anziani', ultimaAttivita: '2025-05-01' as never }),
];

describe('the list filters', () => {
  it('finds by name without accents or case, in any word order, and by codice fiscale', () => {
    expect(filtra(tutte, { ...FILTRI_VUOTI, testo: 'niccolo' }).map((x) => x.id)).toEqual(['a']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, testo: 'maria ROSSI' }).map((x) => x.id)).toEqual(['b']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, testo: 'ross' }).map((x) => x.id)).toEqual(['c', 'b']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, testo: 'nccnna80' }).map((x) => x.id)).toEqual(['a']);
  });

  it('combines state, area and alerts, and orders by name, activity or urgency', () => {
    expect(filtra(tutte, { ...FILTRI_VUOTI, stato: 'chiuse' }).map((x) => x.id)).toEqual(['b']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, area: 'anziani', avvisi: 'critici' }).map((x) => x.id)).toEqual(['c']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, avvisi: 'senza' }).map((x) => x.id)).toEqual(['b']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, ordine: 'attivita' }).map((x) => x.id)).toEqual(['c', 'b', 'a']);
    expect(filtra(tutte, { ...FILTRI_VUOTI, ordine: 'avvisi' }).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});

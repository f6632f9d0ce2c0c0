import { describe, expect, it } from 'vitest';
import { cartelleDiProva, ORA, soloAdmin } from './fixture';
import { statistiche } from './statistiche';
import { tabelle } from './tabelle';
import { toCsv } from './csv';

// The fixture's cartelle as administrative staff hold them: the admin document only.
const completo = statistiche(cartelleDiProva(), ORA);
const admin = statistiche(soloAdmin(cartelleDiProva()), ORA);

describe('statistics on an administrative device (no professional part)', () => {
  it('diary figures are unavailable, not zero, and say why', () => {
    expect(admin.diario).toEqual({
      disponibile: false,
      motivo: expect.stringMatching(/parte professionale/) as unknown,
      cartelleSenzaProf: 9,
    });
    const t = tabelle(admin).find((x) => x.codice === 'attivita_diario');
    expect(t?.righe).toEqual([]);
    expect(t?.note.join(' ')).toMatch(/non si possono calcolare/);
    expect(toCsv(t!, { bom: false }).split('\r\n').filter(Boolean)).toHaveLength(1); // the header only
  });

  it('every admin-based figure is the same as on a social worker\'s device', () => {
    expect(admin.stato).toEqual(completo.stato);
    expect(admin.flussi).toEqual(completo.flussi);
    expect(admin.tempi).toEqual(completo.tempi);
    expect(admin.procedimenti).toEqual(completo.procedimenti);
    expect(admin.periodo.al).toBe(completo.periodo.al);
  });

  it('inactivity is certain only when recent admin activity proves a cartella active', () => {
    // C1 (presa in carico 2025-01-24), C3 (reopened 2024-09-02), C9 (2025-06-16) are active from
    // admin facts alone; C6's admin facts stop at its apertura of 2024-03-01: more than a year,
    // but its diary is unreadable here, so it is "non verificabile" rather than inactive.
    expect(admin.inattive.totale).toEqual({ attiva: 3, inattiva: 0, non_verificabile: 1, totale: 4 });
  });

  it('a device holding the professional part of some cartelle only counts their diaries and says how many are missing', () => {
    const tutte = cartelleDiProva();
    const ridotte = soloAdmin(tutte);
    // C1 with its diary, the others without: C1 has 4 entries (Anna 2, Elsa 1, non verificato 1) and a correction.
    const misto = statistiche([tutte[0]!, ...ridotte.slice(1)], ORA);
    expect(misto.diario).toMatchObject({ disponibile: true, cartelleConProf: 1, cartelleSenzaProf: 8 });
    expect(misto.diario.disponibile && misto.diario.totale.voci).toBe(4);
    expect(misto.diario.disponibile && misto.diario.totale.correzioni).toBe(1);
    expect(tabelle(misto).find((x) => x.codice === 'attivita_diario')?.note.join(' ')).toMatch(/8 cartelle senza parte professionale/);
  });
});

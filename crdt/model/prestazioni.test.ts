import { describe, expect, it } from 'vitest';
import { aggiornaAnagrafica } from './anagrafica';
import { avvisi } from './avvisi';
import { carattereControllo } from './codice-fiscale';
import { alle, cartellaAperta, certo } from './fixtures';
import { registraIsee, scadenzaDsu } from './isee';
import { aggiornaPrestazione, registraPrestazione, type PrestazioneInput } from './prestazioni';
import { recordSiuss } from './siuss';
import { leggiCartella } from './vista';
import type { DataIso } from './date';

const sad: PrestazioneInput = {
  codicePrestazione: 'A1.05', denominazione: 'Assistenza domiciliare socio-assistenziale', protocolloDomanda: 'PG/2024/55',
  presenzaProvaMezzi: '1', carattere: '1', dataInizio: '2024-02-01', importoMensile: 240, quotaEnte: 200, quotaUtente: 40,
};
const codici = (c: ReturnType<typeof cartellaAperta>, oggi: string) => avvisi(c, new Date(`${oggi}T12:00:00Z`)).map((a) => a.codice);

describe('prestazioni and ISEE', () => {
  it('a benefit subject to ISEE needs the attestation first', () => {
    const c = cartellaAperta('2024-01-10');
    expect(registraPrestazione(c, sad, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'isee_mancante' });
    certo(registraIsee(c, { valore: 8200.5, dataAttestazione: '2024-01-20', dataDsu: '2024-01-15', protocolloDsu: 'INPS-ISEE-2024-00000001X-00' }, alle('2024-01-20')));
    certo(registraPrestazione(c, sad, alle('2024-02-01')));
    expect(leggiCartella(c).admin.prestazioni[0]).toMatchObject(sad);
  });

  it('the attestation stores value and dates, never the DSU; a DSU after the attestation is incoherent', () => {
    const c = cartellaAperta('2024-01-10');
    expect(registraIsee(c, { valore: 1, dataAttestazione: '2024-01-20', dataDsu: '2024-01-21' }, alle('2024-01-21'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    expect(scadenzaDsu('2024-01-15' as DataIso)).toBe('2024-12-31');
  });

  it('SIUSS field constraints are enforced: code length, name length, dates in order, periodic needs a start', () => {
    const c = cartellaAperta('2024-01-10');
    const base = { ...sad, presenzaProvaMezzi: '4' as const };
    expect(registraPrestazione(c, { ...base, codicePrestazione: 'A1' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(registraPrestazione(c, { ...base, denominazione: 'SAD' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    expect(registraPrestazione(c, { ...base, dataFine: '2024-01-01' }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'date_incoerenti' });
    const { dataInizio: _d, ...senzaInizio } = base;
    expect(registraPrestazione(c, senzaInizio, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'campo_obbligatorio' });
    expect(registraPrestazione(c, { ...base, periodoErogazione: 13 }, alle('2024-02-01'))).toMatchObject({ ok: false, code: 'valore_non_valido' });
    const id = certo(registraPrestazione(c, base, alle('2024-02-01')));
    certo(aggiornaPrestazione(c, id, { dataFine: '2024-06-30' }, alle('2024-06-30')));
    expect(leggiCartella(c).admin.prestazioni[0]?.dataFine).toBe('2024-06-30');
    expect(aggiornaPrestazione(c, 'zz-1', {}, alle('2024-06-30'))).toMatchObject({ ok: false, code: 'prestazione_inesistente' });
  });

  it('a benefit relying on an expired DSU raises an avviso; one near expiry a warning', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraIsee(c, { valore: 8200, dataAttestazione: '2024-01-20', dataDsu: '2024-01-15' }, alle('2024-01-20')));
    certo(registraPrestazione(c, sad, alle('2024-02-01')));
    expect(codici(c, '2024-11-15')).not.toContain('isee_in_scadenza');
    expect(codici(c, '2024-12-10')).toContain('isee_in_scadenza');
    const a = avvisi(c, new Date('2025-01-02T12:00:00Z')).find((x) => x.codice === 'isee_scaduto');
    expect(a).toMatchObject({ gravita: 'critico', scadenza: '2024-12-31' });
    expect(a?.messaggio).toMatch(/DSU scaduta/);
  });

  it('the SIUSS record names the schema attributes and lists what is missing', () => {
    const c = cartellaAperta('2024-01-10');
    certo(registraIsee(c, { valore: 8200, dataAttestazione: '2024-01-20', dataDsu: '2024-01-15', protocolloDsu: 'INPS-ISEE-2024-1' }, alle('2024-01-20')));
    const id = certo(registraPrestazione(c, sad, alle('2024-02-01')));
    let v = leggiCartella(c).admin;
    const x = v.prestazioni.find((p) => p.id === id);
    if (!x) throw new Error('prestazione mancante');
    expect(recordSiuss(v, x).mancanti).toEqual(['CodiceFiscale', 'Cognome', 'Nome', 'AnnoNascita', 'LuogoNascita', 'Genere', 'CodiceCittadinanza', 'CodiceNazione']);
    expect(codici(c, '2024-02-02')).toContain('siuss_dati_mancanti');
    const cf = 'TSSMRT40A41X001';
    certo(aggiornaAnagrafica(c, {
      cognome: 'Tessandri', nome: 'Marta', codiceFiscale: cf + carattereControllo(cf), dataNascita: '1940-01-01', codiceCatastaleNascita: 'X001',
      genere: 'F', cittadinanza: '000', codiceNazioneResidenza: '380', codiceRegioneResidenza: '99', codiceComuneResidenza: '999001',
    }, alle('2024-02-02')));
    v = leggiCartella(c).admin;
    const r = recordSiuss(v, x);
    expect(r.mancanti).toEqual([]);
    expect(r.beneficiario).toMatchObject({ AnnoNascita: '1940', Genere: '2', LuogoNascita: 'X001' });
    expect(r.prestazione).toMatchObject({
      CodicePrestazione: 'A1.05', PresenzaProvaMezzi: '1', PresaCarico: '1', AreaUtenza: '2', NumeroProtocolloDSU: 'INPS-ISEE-2024-1',
      AnnoProtocolloDSU: '2024', DataDSU: '2024-01-15', ImportoMensile: 240, DataInizioPrestazione: '2024-02-01',
    });
  });
});

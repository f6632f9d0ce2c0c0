import { describe, expect, it } from 'vitest';
import { parseSiussRequest } from './request';
import { ENTE, PERIODO } from './testkit/fixture';

const base = { ente: ENTE, periodo: PERIODO };

describe('export request', () => {
  it('accepts a complete request, normalising the cadastral code and the operator codice fiscale to upper case', () => {
    const r = parseSiussRequest({ ...base, ente: { ...ENTE, codiceCatastale: 'x001', cfOperatore: ENTE.cfOperatore.toLowerCase() } }, 'PS');
    expect(r).toEqual({ ok: true, value: { ente: { ...ENTE, codiceCatastale: 'X001' }, periodo: PERIODO, nomeFlusso: 'PS-2024-01-01-2024-06-30' } });
  });

  it('names the flow after its kind and period unless a name is given', () => {
    expect(parseSiussRequest(base, 'SINBA')).toMatchObject({ ok: true, value: { nomeFlusso: 'SINBA-2024-01-01-2024-06-30' } });
    expect(parseSiussRequest({ ...base, nomeFlusso: ' Invio I semestre ' }, 'PS')).toMatchObject({ ok: true, value: { nomeFlusso: 'Invio I semestre' } });
  });

  it('the denominazione is optional', () => {
    const { denominazione: _d, ...ente } = ENTE;
    const r = parseSiussRequest({ ...base, ente }, 'PS');
    expect(r.ok && 'denominazione' in r.value.ente).toBe(false);
  });

  it.each([
    ['invalid_request', null],
    ['invalid_request', { periodo: PERIODO }],
    ['invalid_ente_codice', { ...base, ente: { ...ENTE, codice: '' } }],
    ['invalid_ente_codice', { ...base, ente: { ...ENTE, codice: 'x'.repeat(33) } }],
    ['invalid_ente_codice', { ...base, ente: { ...ENTE, codice: 'ENTE\u0001' } }],
    ['invalid_ente_denominazione', { ...base, ente: { ...ENTE, denominazione: 'x'.repeat(101) } }],
    ['invalid_ente_codice_catastale', { ...base, ente: { ...ENTE, codiceCatastale: 'X01' } }],
    ['invalid_ente_codice_catastale', { ...base, ente: { ...ENTE, codiceCatastale: '0001' } }],
    ['invalid_cf_operatore', { ...base, ente: { ...ENTE, cfOperatore: 'RSSNNA80A41X001A' } }],
    ['invalid_cf_operatore', { ...base, ente: { ...ENTE, cfOperatore: undefined } }],
    ['invalid_period', { ...base, periodo: { dal: '2024-06-30', al: '2024-01-01' } }],
    ['invalid_period', { ...base, periodo: { dal: '2024-02-30', al: '2024-06-30' } }],
    ['invalid_period', { ente: ENTE }],
    ['invalid_flow_name', { ...base, nomeFlusso: 'x'.repeat(51) }],
    ['invalid_flow_name', { ...base, nomeFlusso: 'flusso\u0000' }],
  ])('refuses with %s: %j', (code, input) => {
    const r = parseSiussRequest(input, 'PS');
    expect(r).toMatchObject({ ok: false, code });
    expect(r.ok ? '' : r.message).toMatch(/\w/);
  });
});

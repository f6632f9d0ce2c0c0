import { describe, expect, it } from 'vitest';
import { ANAGRAFICA, BENEFICIARIO, INDIRIZZO, PRESTAZIONE, type AttributeSpec } from './psSchema';
import { facetDifferences } from './testkit/facetCheck';
import { Xsd, XSD_PS } from './testkit/xsd';

const xsd = new Xsd(XSD_PS);
const check = (specs: readonly AttributeSpec[], type: string): void => {
  const attrs = xsd.attributes(type);
  expect(specs.map((s) => [s.name, s.required])).toEqual(attrs.map((a) => [a.name, a.required]));
  expect(specs.flatMap((s, i) => facetDifferences(s.facet, attrs[i]!))).toEqual([]);
};

describe('PS/PSA table against PS_PSA_SINA201812.xsd', () => {
  it('the document is Flusso → IdentificazioneFlusso, Beneficiario → Anagrafica, Indirizzo, PrestazioniSociali', () => {
    expect(xsd.sequence('FlussoType')).toEqual(['IdentificazioneFlusso', 'Beneficiario']);
    expect(xsd.sequence('IdentificazioneFlussoType')).toEqual(['Ente']);
    expect(xsd.sequence('BeneficiarioType')).toEqual(['Anagrafica', 'Indirizzo', 'PrestazioniSociali']);
    expect(xsd.sequence('PrestazioniSocialiType')).toEqual(['SINA']);
  });

  it('the ente and flow-name attributes are those the request validates', () => {
    expect(xsd.attributes('EnteType').map((a) => [a.name, a.required, a.minLength, a.maxLength])).toEqual([
      ['Codice', true, 1, 32], ['Denominazione', false, 1, 100], ['Indirizzo', true, 4, 4], ['CFOperatore', true, undefined, undefined],
    ]);
    expect(xsd.attributes('IdentificazioneFlussoType').map((a) => [a.name, a.required, a.maxLength])).toEqual([['Nome', true, 50]]);
  });

  it.each([
    ['BeneficiarioType', BENEFICIARIO], ['AnagraficaType', ANAGRAFICA], ['IndirizzoType', INDIRIZZO], ['PrestazioniSocialiType', PRESTAZIONE],
  ] as const)('every attribute of %s, in order, required as the schema says, with the same facet', (type, specs) => {
    check(specs, type);
  });

  it('every attribute has an Italian label', () => {
    for (const s of [...BENEFICIARIO, ...ANAGRAFICA, ...INDIRIZZO, ...PRESTAZIONE]) expect(s.label).toMatch(/^[A-Z][\p{L} ()'’,.-]+$/u);
  });
});

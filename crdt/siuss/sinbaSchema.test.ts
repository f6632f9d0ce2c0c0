import { describe, expect, it } from 'vitest';
import { COMPOSIZIONE_FAMIGLIA, SINBA_ATTRIBUTES } from './sinbaSchema';
import { facetDifferences } from './testkit/facetCheck';
import { Xsd, XSD_SINBA } from './testkit/xsd';

const xsd = new Xsd(XSD_SINBA);

describe('SINBA table against SINBA.xsd', () => {
  it('the document is Flusso → IdentificazioneFlusso, SINBA → Prestazioni, Famiglia', () => {
    expect(xsd.sequence('FlussoType')).toEqual(['IdentificazioneFlusso', 'SINBA']);
    expect(xsd.sequence('SinbaType')).toEqual(['Prestazioni', 'Famiglia']);
  });

  it('every attribute of SinbaType, in order, required as the schema says, with the same facet', () => {
    const attrs = xsd.attributes('SinbaType');
    expect(SINBA_ATTRIBUTES.map((s) => [s.name, s.required])).toEqual(attrs.map((a) => [a.name, a.required]));
    expect(SINBA_ATTRIBUTES.flatMap((s, i) => facetDifferences(s.facet, attrs[i]!))).toEqual([]);
  });

  it('the household composition codes are those of ComposizioneFamigliaType', () => {
    expect(facetDifferences(COMPOSIZIONE_FAMIGLIA.facet, { ...xsd.simpleType('ComposizioneFamigliaType'), name: 'ComposizioneFamiglia' })).toEqual([]);
  });

  it('the ente header is the same type as in the PS/PSA schema', () => {
    expect(xsd.attributes('EnteType').map((a) => [a.name, a.required])).toEqual([
      ['Codice', true], ['Denominazione', false], ['Indirizzo', true], ['CFOperatore', true],
    ]);
  });
});

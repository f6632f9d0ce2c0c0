import { describe, expect, it } from 'vitest';
import { CAMPI_SINBA_ELENCO, codiciSinba, DEF_SINBA, type DefCampoSinba } from '../model';
import { COMPOSIZIONE_FAMIGLIA, SCHEDA_ATTRIBUTES, SINBA_ATTRIBUTES } from './sinbaSchema';
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

  it("the model's scheda SINBA has one field per scheda attribute, with the schema's codes", () => {
    const defs: readonly DefCampoSinba[] = CAMPI_SINBA_ELENCO.map((k) => DEF_SINBA[k]);
    expect(defs.map((d) => d.attributo)).toEqual([...SCHEDA_ATTRIBUTES.map((a) => a.name), COMPOSIZIONE_FAMIGLIA.name]);
    const attrs = new Map(xsd.attributes('SinbaType').map((a) => [a.name, a]));
    const famiglia = xsd.simpleType('ComposizioneFamigliaType');
    for (const d of defs) {
      const x = d.attributo === COMPOSIZIONE_FAMIGLIA.name ? famiglia : attrs.get(d.attributo);
      if (d.elenco) expect([d.attributo, codiciSinba(d.elenco)]).toEqual([d.attributo, x?.enumeration]);
      else expect([d.attributo, x?.enumeration]).toEqual([d.attributo, undefined]);
    }
    expect(defs.filter((d) => d.tipo === 'mese').map((d) => attrs.get(d.attributo)?.pattern)).toEqual(Array(3).fill(xsd.simpleType('DataMeseAnnoType').pattern));
    expect(attrs.get('NumeroComponentiISEE')?.maxInclusive).toBe(9); // the model also refuses 0: a household has someone in it
  });
});

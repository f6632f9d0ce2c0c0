/**
 * @module siuss/testkit/facetCheck
 * Test-only: whether one of the export's facets says the same as the schema's simple type.
 * Patterns are compared by behaviour on probe strings (the JavaScript regexes are written
 * differently from the XSD ones).
 */
import type { Facet } from '../facets';
import type { XsdAttribute } from './xsd';

const PROBES = [
  '', '1', '12', '123', '1234', '12345', '123456', '1234567', 'abc', 'X001', '01/2024', '13/2024', '12/1999', '12/2100',
  'TSSMRT40A41X001R', 'tssmrt40a41x001r', 'TSSMRTL0A41X001R', '12345678901', '12345678901 ', '12345678901      ', '1234567890',
];

/** Differences between `facet` and the schema's facts about the same attribute ([] when they agree). */
export function facetDifferences(facet: Facet, x: XsdAttribute): string[] {
  const d: string[] = [];
  const expect = (what: string, ok: boolean): void => { if (!ok) d.push(`${x.name}: ${what}`); };
  switch (facet.kind) {
    case 'enum':
      expect(`enumeration ${JSON.stringify(facet.values)} vs ${JSON.stringify(x.enumeration)}`, JSON.stringify(facet.values) === JSON.stringify(x.enumeration));
      break;
    case 'text':
      expect('base', x.base === 'xs:string' && x.pattern === undefined && x.enumeration === undefined);
      expect(`min ${facet.min} vs ${x.minLength ?? 0}`, facet.min === (x.minLength ?? 0));
      expect(`max ${facet.max} vs ${x.maxLength}`, facet.max === x.maxLength);
      break;
    case 'pattern': {
      expect('base', x.base === 'xs:string' && x.pattern !== undefined);
      const re = new RegExp(`^(?:${x.pattern ?? ''})$`);
      for (const p of PROBES) expect(`pattern on ${JSON.stringify(p)}`, facet.re.test(p) === re.test(p));
      break;
    }
    case 'date':
      expect('base xs:date', x.base === 'xs:date');
      break;
    case 'decimal':
      expect('base xs:decimal', x.base === 'xs:decimal' && x.minInclusive === undefined && x.maxInclusive === undefined);
      break;
    case 'int':
      expect('base xs:int', x.base === 'xs:int');
      expect(`max ${facet.max} vs ${x.maxInclusive}`, facet.max === x.maxInclusive);
      // The schema may leave the minimum open (NumeroComponentiISEE); ours may only be stricter.
      expect(`min ${facet.min} vs ${x.minInclusive}`, x.minInclusive === undefined || facet.min === x.minInclusive);
      break;
  }
  return d;
}

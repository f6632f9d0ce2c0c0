import { describe, expect, it } from 'vitest';
import { CODICE_FISCALE_PATTERN, codes, lexicalValue, MESE_ANNO_PATTERN, xsdDecimal } from './facets';

describe('xs:decimal', () => {
  it('writes numbers without exponent notation, exactly as JavaScript prints their shortest form', () => {
    expect(xsdDecimal(240)).toBe('240');
    expect(xsdDecimal(40.5)).toBe('40.5');
    expect(xsdDecimal(0.1)).toBe('0.1');
    expect(xsdDecimal(1e-7)).toBe('0.0000001');
    expect(xsdDecimal(1.25e-8)).toBe('0.0000000125');
    expect(xsdDecimal(-1.5e-7)).toBe('-0.00000015');
    expect(xsdDecimal(1e21)).toBe('1000000000000000000000');
    expect(xsdDecimal(1.5e22)).toBe('15000000000000000000000');
    expect(xsdDecimal(-0)).toBe('0');
  });

  it('gives no literal for NaN or infinities', () => {
    expect(xsdDecimal(Number.NaN)).toBeUndefined();
    expect(xsdDecimal(Number.POSITIVE_INFINITY)).toBeUndefined();
  });
});

describe('facets', () => {
  it('counts characters, not UTF-16 units, for length bounds', () => {
    const f = { kind: 'text', min: 10, max: 12 } as const;
    expect(lexicalValue(f, '😀'.repeat(5))).toBeUndefined(); // 10 UTF-16 units, 5 characters
    expect(lexicalValue(f, '😀'.repeat(10))).toBe('😀'.repeat(10)); // 20 units, 10 characters
    expect(lexicalValue(f, 'x'.repeat(13))).toBeUndefined();
  });

  it('refuses strings with characters XML 1.0 cannot carry, whatever the facet', () => {
    expect(lexicalValue({ kind: 'text', min: 1, max: 50 }, 'Rossi\u0000')).toBeUndefined();
    expect(lexicalValue({ kind: 'pattern', re: /^.+$/u }, 'a\uFFFE')).toBeUndefined();
  });

  it('checks patterns on the whole value, enumerations, dates and bounded integers', () => {
    expect(lexicalValue({ kind: 'pattern', re: /^\d{3}$/ }, '1000')).toBeUndefined();
    expect(lexicalValue({ kind: 'enum', values: codes(4) }, '4')).toBe('4');
    expect(lexicalValue({ kind: 'enum', values: codes(4) }, '5')).toBeUndefined();
    expect(lexicalValue({ kind: 'enum', values: codes(4) }, 4)).toBeUndefined();
    expect(lexicalValue({ kind: 'date' }, '2024-02-29')).toBe('2024-02-29');
    expect(lexicalValue({ kind: 'date' }, '2023-02-29')).toBeUndefined();
    expect(lexicalValue({ kind: 'date' }, '2024-02-01T00:00:00Z')).toBeUndefined();
    expect(lexicalValue({ kind: 'int', min: 1, max: 12 }, 12)).toBe('12');
    expect(lexicalValue({ kind: 'int', min: 1, max: 12 }, 13)).toBeUndefined();
    expect(lexicalValue({ kind: 'int', min: 1, max: 12 }, 1.5)).toBeUndefined();
    expect(lexicalValue({ kind: 'decimal' }, '12')).toBeUndefined();
  });

  it('the codice fiscale and month/year patterns match what the schemas accept', () => {
    expect(CODICE_FISCALE_PATTERN.test('TSSMRT40A41X001R')).toBe(true);
    expect(CODICE_FISCALE_PATTERN.test('12345678901')).toBe(true);
    expect(CODICE_FISCALE_PATTERN.test('12345678901   ')).toBe(true);
    expect(CODICE_FISCALE_PATTERN.test('TSSMRT40A41X001')).toBe(false);
    expect(CODICE_FISCALE_PATTERN.test('TSSMRTL0A41X001R')).toBe(false); // omocodia: letters where the XSD wants digits
    expect(MESE_ANNO_PATTERN.test('01/2024')).toBe(true);
    expect(MESE_ANNO_PATTERN.test('13/2024')).toBe(false);
    expect(MESE_ANNO_PATTERN.test('1/2024')).toBe(false);
    expect(MESE_ANNO_PATTERN.test('01/2124')).toBe(false);
  });
});

/**
 * @module siuss/facets
 * The constraints (facets) the SIUSS schemas put on each value, and the lexical form each
 * value takes in the XML. Every value is checked here before it is written, even when the
 * model already validated it: the model counts lengths in UTF-16 units while XSD counts
 * characters, and a document may come from a replica that wrote what it should not have.
 */
import { comeData } from '../model';
import { isXmlText } from './xml';

/** One XSD simple type, reduced to what the PS/PSA and SINBA schemas use. */
export type Facet =
  /** xs:string with minLength/maxLength (in characters). */
  | { readonly kind: 'text'; readonly min: number; readonly max: number }
  /** xs:string with a pattern; `re` is anchored (XSD patterns match the whole value). */
  | { readonly kind: 'pattern'; readonly re: RegExp }
  /** xs:string enumeration. */
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** xs:date, written YYYY-MM-DD without a time zone. */
  | { readonly kind: 'date' }
  /** xs:decimal (no exponent, no NaN or infinities). */
  | { readonly kind: 'decimal' }
  /** xs:int with bounds. */
  | { readonly kind: 'int'; readonly min: number; readonly max: number };

/** Codes "1".."n": the shape of every SIUSS enumeration. */
export function codes(n: number): readonly string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}

/** A number as an xs:decimal literal, never in exponent notation; undefined if not finite. */
export function xsdDecimal(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = String(n);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = int.length + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function characters(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * The lexical form of `v` under facet `f`, or undefined when `v` does not conform (wrong
 * type, out of bounds, or a character XML 1.0 cannot carry).
 */
export function lexicalValue(f: Facet, v: unknown): string | undefined {
  switch (f.kind) {
    case 'decimal':
      return typeof v === 'number' ? xsdDecimal(v) : undefined;
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) && v >= f.min && v <= f.max ? String(v) : undefined;
    case 'date':
      return comeData(v);
    default: {
      if (typeof v !== 'string' || !isXmlText(v)) return undefined;
      if (f.kind === 'text') {
        const n = characters(v);
        return n >= f.min && n <= f.max ? v : undefined;
      }
      if (f.kind === 'pattern') return f.re.test(v) ? v : undefined;
      return f.values.includes(v) ? v : undefined;
    }
  }
}

/** The codice fiscale pattern of both schemas (Beneficiario, CFOperatore). */
export const CODICE_FISCALE_PATTERN = /^(?:[A-Za-z]{6}\d{2}[A-Za-z]\d{2}[A-Za-z][A-Za-z0-9]{3}[A-Za-z]|\d{11} {0,5})$/;
/** SINBA's month/year dates (DataMeseAnnoType): MM/YYYY, years 1900–2099. */
export const MESE_ANNO_PATTERN = /^(?:0[1-9]|1[0-2])\/(?:19|20)\d{2}$/;

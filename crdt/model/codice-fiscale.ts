/**
 * @module codice-fiscale
 * The Italian codice fiscale: shape (as the SIUSS schema accepts it) and control character.
 * A 16-character code must carry the right control character; the 11-digit numeric form
 * (temporary codes, legal persons) is accepted by shape, as SIUSS does.
 */

const FORMA_16 = /^[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z][A-Z0-9]{3}[A-Z]$/;
const FORMA_11 = /^\d{11}$/;

const DISPARI: Readonly<Record<string, number>> = {
  '0': 1, '1': 0, '2': 5, '3': 7, '4': 9, '5': 13, '6': 15, '7': 17, '8': 19, '9': 21,
  A: 1, B: 0, C: 5, D: 7, E: 9, F: 13, G: 15, H: 17, I: 19, J: 21, K: 2, L: 4, M: 18,
  N: 20, O: 11, P: 3, Q: 6, R: 8, S: 12, T: 14, U: 16, V: 10, W: 22, X: 25, Y: 24, Z: 23,
};

function valorePari(c: string): number {
  return /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 65;
}

/**
 * The control character of the first 15 characters of a codice fiscale (D.M. 23/12/1976:
 * odd positions use a conversion table, even positions their ordinal, sum mod 26).
 */
export function carattereControllo(primi15: string): string {
  let somma = 0;
  for (let i = 0; i < 15; i++) {
    const c = primi15.charAt(i);
    somma += i % 2 === 0 ? (DISPARI[c] ?? 0) : valorePari(c);
  }
  return String.fromCharCode(65 + (somma % 26));
}

/** Normalises and checks a codice fiscale; gives the uppercase code or undefined. */
export function comeCodiceFiscale(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const cf = v.trim().toUpperCase();
  if (FORMA_11.test(cf)) return cf;
  if (!FORMA_16.test(cf)) return undefined;
  return carattereControllo(cf.slice(0, 15)) === cf.charAt(15) ? cf : undefined;
}

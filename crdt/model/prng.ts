/**
 * @module prng
 * A small seeded pseudo-random generator (mulberry32) for the demo data: the same seed
 * always builds the same cartelle, on every machine. Not for anything secret.
 */

/** A seeded source of pseudo-random choices. */
export class Casuale {
  private stato: number;

  constructor(seme: number) {
    this.stato = seme >>> 0;
  }

  /** A float in [0, 1). */
  prossimo(): number {
    this.stato = (this.stato + 0x6d2b79f5) >>> 0;
    let t = this.stato;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  intero(min: number, max: number): number {
    return min + Math.floor(this.prossimo() * (max - min + 1));
  }

  /** One element of a non-empty list. */
  scegli<T>(lista: readonly T[]): T {
    const x = lista[Math.floor(this.prossimo() * lista.length)];
    if (x === undefined) throw new Error('scegli: lista vuota');
    return x;
  }

  /** True with probability `p`. */
  forse(p: number): boolean {
    return this.prossimo() < p;
  }

  /** A string of `n` characters from `alfabeto`. */
  stringa(n: number, alfabeto: string): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alfabeto.charAt(this.intero(0, alfabeto.length - 1));
    return s;
  }
}

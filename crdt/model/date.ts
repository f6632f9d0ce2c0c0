/**
 * @module date
 * Calendar dates of the model. Legal terms and case events are calendar days in Italy
 * ('YYYY-MM-DD', Europe/Rome), not instants; instants (`il`) are ISO strings stamped from
 * the `now` an operation receives. Nothing here reads the clock.
 */
import type { Brand } from './ids';

/** A calendar date, 'YYYY-MM-DD'. String order is date order. */
export type DataIso = Brand<string, 'DataIso'>;

const FORMA = /^(\d{4})-(\d{2})-(\d{2})$/;
const GIORNO_MS = 86_400_000;

/** Checks that a value is a real calendar date between 1900 and 2199. */
export function comeData(v: unknown): DataIso | undefined {
  if (typeof v !== 'string') return undefined;
  const m = FORMA.exec(v);
  if (!m) return undefined;
  const [a, me, g] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (a < 1900 || a > 2199) return undefined;
  const d = new Date(Date.UTC(a, me - 1, g));
  return d.getUTCMonth() === me - 1 && d.getUTCDate() === g ? (v as DataIso) : undefined;
}

const ROMA = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit',
});

/** The calendar day in Italy at instant `now`. */
export function giorno(now: Date): DataIso {
  const parti = ROMA.formatToParts(now);
  const p = (t: string): string => parti.find((x) => x.type === t)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')}` as DataIso;
}

function utc(d: DataIso): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
}

function daUtc(ms: number): DataIso {
  return new Date(ms).toISOString().slice(0, 10) as DataIso;
}

/** `d` plus `n` days (n may be negative). */
export function aggiungiGiorni(d: DataIso, n: number): DataIso {
  return daUtc(utc(d) + n * GIORNO_MS);
}

/** `d` plus `n` calendar months; the 31st becomes the month's last day when needed. */
export function aggiungiMesi(d: DataIso, n: number): DataIso {
  const a = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7)) - 1 + n;
  const g = Number(d.slice(8, 10));
  const ultimo = new Date(Date.UTC(a, m + 1, 0)).getUTCDate();
  return daUtc(Date.UTC(a, m, Math.min(g, ultimo)));
}

/** Whole days from `da` to `a` (positive when `a` is later). */
export function giorniTra(da: DataIso, a: DataIso): number {
  return Math.round((utc(a) - utc(da)) / GIORNO_MS);
}

/** The later of two dates (undefined-tolerant). */
export function massimaData(a: DataIso | undefined, b: DataIso | undefined): DataIso | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a > b ? a : b;
}

/** Checks that `now` is a usable instant. */
export function istanteValido(now: unknown): now is Date {
  return now instanceof Date && !Number.isNaN(now.getTime());
}

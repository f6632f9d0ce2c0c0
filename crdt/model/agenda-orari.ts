/**
 * @module agenda-orari
 * Times of day of the agenda. An appointment is a calendar day and wall-clock times in
 * Italy ('HH:MM', Europe/Rome), as people book it; the instant is derived when needed (to
 * compare with `now`). On the day summer time starts, 02:00–02:59 does not exist in Italy:
 * such a time is refused rather than silently moved. On the day it ends, 02:00–02:59
 * happens twice: the first occurrence is meant (as RFC 5545 §3.3.5 says for TZID times).
 */
import type { DataIso } from './date';
import type { Brand } from './ids';

/** A wall-clock time in Italy, 'HH:MM' (00:00–23:59). String order is time order. */
export type Ora = Brand<string, 'Ora'>;

const FORMA = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks a wall-clock time 'HH:MM'. */
export function comeOra(v: unknown): Ora | undefined {
  return typeof v === 'string' && FORMA.test(v) ? (v as Ora) : undefined;
}

const ROMA = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

function localeRoma(t: number): string {
  const parti = ROMA.formatToParts(new Date(t));
  const p = (k: string): string => parti.find((x) => x.type === k)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}

/**
 * The instant of a wall-clock time in Italy, or undefined when that time does not exist
 * (the hour skipped when summer time starts). Italy is UTC+2 in summer, UTC+1 otherwise;
 * +2 is tried first so that a repeated hour resolves to its first occurrence.
 */
export function istanteRoma(data: DataIso, ora: Ora): Date | undefined {
  const atteso = `${data} ${ora}`;
  let t = noti.get(atteso);
  if (t === undefined) {
    const base = Date.UTC(Number(data.slice(0, 4)), Number(data.slice(5, 7)) - 1, Number(data.slice(8, 10)),
      Number(ora.slice(0, 2)), Number(ora.slice(3, 5)));
    t = [base - 2 * 3_600_000, base - 3_600_000].find((x) => localeRoma(x) === atteso) ?? null;
    if (noti.size >= MAX_NOTI) noti.clear();
    noti.set(atteso, t);
  }
  return t === null ? undefined : new Date(t);
}

/**
 * Instants already computed (Intl formatting costs tens of µs, and every read of an agenda
 * validates every appointment's times). A pure function of its key, so caching is safe.
 */
const noti = new Map<string, number | null>();
const MAX_NOTI = 20_000;

/**
 * True when a wall-clock time happens twice that day in Italy (02:00–02:59 when summer
 * time ends). {@link istanteRoma} gives its first occurrence; a file for other programs
 * should state the instant, since not every reader resolves the ambiguity the same way.
 */
export function oraRipetuta(data: DataIso, ora: Ora): boolean {
  const t = istanteRoma(data, ora);
  return t !== undefined && localeRoma(t.getTime() + 3_600_000) === `${data} ${ora}`;
}

/** Minutes from `inizio` to `fine` on the clock face (negative when `fine` comes first). */
export function minutiTra(inizio: Ora, fine: Ora): number {
  const m = (o: Ora): number => Number(o.slice(0, 2)) * 60 + Number(o.slice(3, 5));
  return m(fine) - m(inizio);
}
